"""``python -m benchmarks [--quick] [--only NAME] [--json FILE] [--platform NAME]``.

Builds fictional data in a temporary folder (deleted afterwards), runs every
measurement after a warm-up, and prints one row per measurement: the app's
median, the baseline's median from the same run, their ratio and the target.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
import traceback
from pathlib import Path

from benchmarks.harness import (
    FULL,
    QUICK,
    Context,
    Row,
    format_notes,
    format_table,
    machine_info,
    remove_tree,
    write_json,
)

#: (module, rows it produces, title and target used if the whole module fails), in table order
MODULES: list[tuple[str, list[tuple[str, str, str]]]] = [
    (
        "benchmarks.startup",
        [
            ("cold_start", "Main window painted after unlock", "≤ 3×"),
            ("memory", "Peak memory at first paint (max RSS)", "≤ 2×"),
            ("startup_small", "Start-up, 1,000 cases / 10,000 sessions vs empty db", "≤ 1.1×"),
            ("startup_large", "Start-up, 5,000 cases / 50,000 sessions vs empty db", "≤ 1.1×"),
            ("first_screen", "First screen: start to unlock dialog painted", "≤ 1.5×"),
        ],
    ),
    ("benchmarks.unlock", [("unlock", "Unlock: passphrase to open database", "—")]),
    (
        "benchmarks.autosave",
        [
            ("autosave", "Autosave: one edit committed (median)", "≤ 1.3×"),
            ("autosave_p99", "Autosave: one edit committed (p99)", "—"),
        ],
    ),
    ("benchmarks.typing_stall", [("typing", "Typing 2,000 chars: longest stall", "≤ 16 ms")]),
    ("benchmarks.pdf", [("pdf", "PDF of the richest record", "≤ 1.5×")]),
    ("benchmarks.search", [("search", "Full-text search over 10,000 sessions", "≤ 2×")]),
    (
        "benchmarks.case_open",
        [
            ("case_open", "Open a case with 100 sessions", "≤ 3×"),
            ("case_open_painted", "Open a long case to its painted Case so far", "≤ 1.5×"),
        ],
    ),
    ("benchmarks.pdf", [("libreoffice", "PDF export vs LibreOffice .docx→PDF", "—")]),
    (
        "benchmarks.server",
        [
            ("pg_autosave", "Server: autosave, one edit committed (median)", "≤ 1.3×"),
            ("pg_search", "Server: full-text search over 10,000 sessions", "≤ 2×"),
            ("pg_concurrent", "Server: 20 clients autosaving each 250 ms, median commit vs one", "≤ 2×"),
            ("pg_case_open", "Server: open a case with 100 sessions + chronology", "≤ 3×"),
        ],
    ),
]
ROW_NAMES = [key for _module, rows in MODULES for key, _title, _target in rows]
DEFAULT_WORK_PARENT = Path(__file__).resolve().parent / "_work"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Relative benchmarks: every figure is a ratio against a baseline "
        "measured in the same run.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions (about a minute on two cores)"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        default=[],
        help=f"run only this row (repeatable, or comma-separated): {', '.join(ROW_NAMES)}",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    parser.add_argument(
        "--platform",
        default="offscreen",
        metavar="NAME",
        help="QT_QPA_PLATFORM for the Qt child processes (default: offscreen; "
        "e.g. xcb to measure on a real display)",
    )
    parser.add_argument(
        "--tmpdir",
        type=Path,
        metavar="DIR",
        default=DEFAULT_WORK_PARENT,
        help="where to make the temporary work folder (default: benchmarks/_work, "
        "on the same disk as the checkout; avoid a tmpfs, which makes fsync free)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder (for debugging)")
    parser.add_argument("--verbose", action="store_true", help="print tracebacks of failed rows")
    args = parser.parse_args(argv)
    wanted = [name.strip() for item in args.only for name in item.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in ROW_NAMES]
    if unknown:
        parser.error(f"unknown row {', '.join(unknown)}; choose from {', '.join(ROW_NAMES)}")
    args.wanted = wanted or list(ROW_NAMES)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = QUICK if args.quick else FULL
    args.tmpdir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="run-", dir=args.tmpdir))
    ctx = Context(settings=settings, workdir=workdir, platform=args.platform, verbose=args.verbose)
    started = time.perf_counter()
    info = machine_info(workdir, args.platform)
    print(f"supervision_app benchmarks ({settings.name} mode)")
    print("  " + "; ".join(f"{k}: {v}" for k, v in info.items() if k != "WARNING"))
    if "WARNING" in info:
        print(f"  WARNING: {info['WARNING']}")
    print(flush=True)

    rows: list[Row] = []
    try:
        for module_name, produced in MODULES:
            keys = [key for key, _t, _g in produced if key in args.wanted]
            if not keys:
                continue
            ctx.log(f"{module_name.split('.')[-1]}: {', '.join(keys)}")
            module_started = time.perf_counter()
            try:
                module = importlib.import_module(module_name)
                rows.extend(module.run(ctx, set(keys)))
                ctx.log(f"done in {time.perf_counter() - module_started:.0f} s")
            except Exception as exc:  # one broken row must not hide the others
                if ctx.verbose:
                    traceback.print_exc()
                for key, title, target in produced:
                    if key in keys:
                        rows.append(
                            Row(
                                key,
                                title,
                                "ms",
                                None,
                                None,
                                target,
                                None,
                                app_text="error",
                                notes=[f"{type(exc).__name__}: {exc}"],
                            )
                        )
    finally:
        if args.keep:
            print(f"(work folder kept: {workdir})", file=sys.stderr)
        else:
            remove_tree(workdir)
            if args.tmpdir == DEFAULT_WORK_PARENT and not any(args.tmpdir.iterdir()):
                args.tmpdir.rmdir()
    order = {key: i for i, key in enumerate(ROW_NAMES)}
    rows.sort(key=lambda r: order.get(r.key, len(order)))
    elapsed = time.perf_counter() - started

    print(format_table(rows))
    print()
    print("Notes:")
    print(format_notes(rows))
    print(
        f"\nTotal time {elapsed:.0f} s. Ratios compare medians from this run only; "
        "they are not pass/fail tests."
    )
    if args.json:
        write_json(args.json, info, settings, rows, elapsed)
        print(f"Wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
