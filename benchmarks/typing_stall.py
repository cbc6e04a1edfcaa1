"""Typing responsiveness: the longest event-loop stall while typing with autosave on.

Runs ``_typing_child.py`` (offscreen Qt unless ``--platform`` says otherwise)
in a fresh process, so that nothing the benchmark itself holds in memory (the
seeded data, other rows' objects) lengthens the app's garbage collections.
The "baseline" is the 16 ms frame budget of a 60 Hz display.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from benchmarks.harness import Context, Row, median, na_row

CHILD = Path(__file__).with_name("_typing_child.py")
FRAME_MS = 16.0
ROWS = ("typing",)


def _typing_db(path: Path) -> tuple[Path, int]:
    from benchmarks import data
    from supervision_app.content import load_content
    from supervision_app.domain import CaseInput, Child
    from supervision_app.storage import SupervisionStore

    database = data.open_db(path)
    try:
        store = SupervisionStore(database)
        case_id = store.create_case(
            CaseInput(
                "FIC-TYPE-0001",
                "Sam Fictional",
                "Robin Example",
                ["Health Visiting"],
                [Child("K", date(2019, 3, 14))],
            )
        )
        session_id = store.create_session(
            case_id, date(2026, 11, 2), ["Sam", "Robin"], load_content().version
        )
    finally:
        database.close()
    return path, session_id


def _blocked(title: str, why: str) -> Row:
    row = na_row("typing", title, "ms", "≤ 16 ms", 1.0, why)
    row.baseline_text = "16 ms budget"
    return row


def run(ctx: Context, wanted: set[str]) -> list[Row]:
    s = ctx.settings
    title = f"Typing {s.typing_chars:,} chars: longest stall"
    path, session_id = ctx.cached("db_typing", lambda: _typing_db(ctx.workdir / "typing.sqlite3"))
    args = [
        sys.executable,
        str(CHILD),
        str(path),
        str(session_id),
        str(s.typing_chars),
        str(s.typing_runs),
        str(s.typing_burst),
    ]
    proc = subprocess.run(
        args, capture_output=True, text=True, env=ctx.child_env(path), timeout=900
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        from benchmarks.startup import crash_line

        why = f"blocked: child exited {proc.returncode}: {crash_line(proc.stderr)}"
        return [_blocked(title, why)]
    result = json.loads(lines[-1])
    if "error" in result:
        return [_blocked(title, f"blocked: {result['error']}")]
    runs = result["runs"]
    worst = max(r["max_gap_ms"] for r in runs)
    row = Row(
        "typing",
        title,
        "ms",
        worst,
        FRAME_MS,
        "≤ 16 ms",
        1.0,
        baseline_text="16 ms budget",
        samples={
            "max_gap_ms": [r["max_gap_ms"] for r in runs],
            "p99_gap_ms": [r["p99_gap_ms"] for r in runs],
        },
    )
    row.notes.append(
        f"app column is the worst stall over {len(runs)} run(s) (median of per-run maxima "
        f"{median([r['max_gap_ms'] for r in runs]):.1f} ms; p99 gap "
        f"{median([r['p99_gap_ms'] for r in runs]):.1f} ms; gaps > 16 ms: "
        f"{sum(r['gaps_over_16'] for r in runs)})"
    )
    row.notes.append(
        f"{result['how']}; one key per {result['key_interval_ms']} ms, a pause of debounce "
        f"({result['debounce_ms']} ms) + 150 ms every {result['burst']} chars; autosave commits "
        f"during typing: {', '.join(str(r['saves']) for r in runs)}; text typed intact: "
        f"{all(r['typed_ok'] for r in runs)}; text saved intact: {all(r['saved_ok'] for r in runs)}"
    )
    return [row]
