"""Child process of the ``pdf`` row's rl-accel note: the record's PDF and the plain baseline,
with or without ReportLab's C accelerator.

``python -m benchmarks._pdf_accel_child RECORD_PICKLE REPS with|without`` prints one JSON
line: the medians (ms, wall and this thread's CPU time) of ``render_pdf`` and of the
baseline, alternately, after a warm-up, and whether ``_rl_accel`` was in use.  ``without``
blocks the ``_rl_accel`` module before ReportLab is imported; ReportLab then uses its own
pure-Python versions (what a user gets when the wheel is missing).
"""

from __future__ import annotations

import json
import pickle
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> None:
    path, reps, mode = Path(argv[0]), int(argv[1]), argv[2]
    if mode == "without":
        sys.modules["_rl_accel"] = None  # type: ignore[assignment]  # import fails: pure Python
    from benchmarks.harness import median, paired, timed
    from benchmarks.pdf import baseline_pdf
    from supervision_app.record.pdf import render_pdf

    record, texts = pickle.loads(path.read_bytes())
    wall = paired(timed(lambda: render_pdf(record)), timed(lambda: baseline_pdf(texts)), 1, reps)
    cpu = paired(
        timed(lambda: render_pdf(record), time.thread_time),
        timed(lambda: baseline_pdf(texts), time.thread_time),
        0,
        reps,
    )
    from reportlab.lib import rl_accel

    accelerated = getattr(rl_accel.fp_str, "__module__", "") == "_rl_accel"
    out = {
        "accelerated": accelerated,
        "app_ms": median(wall[0]),
        "baseline_ms": median(wall[1]),
        "app_cpu_ms": median(cpu[0]),
        "baseline_cpu_ms": median(cpu[1]),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
