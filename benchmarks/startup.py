"""Cold start, peak memory, and start-up on a large database.

Each sample is a fresh child process (``_startup_child.py``).  Wall time runs
from just before ``Popen`` to the child's timestamp taken once its window has
been shown and painted; peak memory is the child's own max RSS at that moment.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import data
from benchmarks.harness import Context, Row, median, na_row, paired

CHILD = Path(__file__).with_name("_startup_child.py")
ROWS = ("cold_start", "memory", "startup_small", "startup_large", "first_screen")


class ChildFailed(RuntimeError):
    pass


class ChildTimedOut(ChildFailed):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"no painted window within {seconds:.0f} s")
        self.seconds = seconds


def _fresh_ui_state(ctx: Context) -> None:
    """Every app start sees the same settings: the welcome already dismissed, and no window
    geometry saved by an earlier run (offscreen, that would be the platform's small screen,
    where the compact layout hides the case list), so the window opens at its default size,
    like the bare one, with the case list showing. The system's colour scheme as the last
    start found it is kept, as on any start after the first (``ui/appearance.py``:
    ``remembered_system_dark``); the warm-up runs find it."""
    folder = ctx.workdir / "appdata" / "config"  # paths.config_dir() under the data folder
    folder.mkdir(parents=True, exist_ok=True)
    # ui/settings.py:SETTINGS_FILE (not imported: this process stays Qt-free)
    path = folder / "ui-state.ini"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    found = re.search(r"^system_scheme=(\w+)$", old, re.MULTILINE)
    remembered = f"[appearance]\nsystem_scheme={found.group(1)}\n\n" if found else ""
    path.write_text(remembered + "[welcome]\nshown=true\n", encoding="utf-8")


def run_child(ctx: Context, mode: str, db: Path | None = None, timeout: float = 180) -> dict:
    if mode in ("app", "unlock"):
        _fresh_ui_state(ctx)
    args = [sys.executable, str(CHILD), mode]
    if db is not None:
        args.append(str(db))
    started = time.time()
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ctx.child_env(db), text=True
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise ChildTimedOut(timeout) from None
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if not lines:
        raise ChildFailed(f"{mode} child exited {proc.returncode}: {crash_line(err)}")
    result = json.loads(lines[-1])
    if "error" in result:
        raise ChildFailed(result["error"])
    result["t_popen"] = started
    result["wall_ms"] = (result["t_painted"] - started) * 1000.0
    result["maxrss_mb"] = result["maxrss_kb"] / 1024.0
    return result


def crash_line(stderr: str) -> str:
    """The most telling line of a crashed child's stderr (a fatal error, else the last line)."""
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("Fatal Python error", "Traceback")) or "Error:" in line:
            return line if not line.startswith("Traceback") else lines[-1]
    return lines[-1] if lines else "no output"


def _phase_note(samples: list[dict]) -> str:
    """Median time spent in each phase of the app's start-up, from the child's timestamps."""
    phases = [
        ("interpreter", "t_popen", "t_main"),
        ("PySide6 import", "t_main", "t_qt_imported"),
        ("app imports", "t_qt_imported", "t_app_imported"),
        ("load_content", "t_app_imported", "t_content"),
        ("QApplication+theme", "t_content", "t_app"),
        ("before unlock", "t_app", "t_unlock_start"),
        ("open_database (unlock, no KDF)", "t_unlock_start", "t_db_open"),
        ("MainWindow()", "t_db_open", "t_window_built"),
        ("show()", "t_window_built", "t_shown"),
        ("to first paint", "t_shown", "t_painted"),
    ]
    late = [s["t_content"] - s["t_db_open"] for s in samples if "t_content" in s and "t_db_open" in s]
    if late and median(late) > 0:  # the content is loaded after the unlock (issue 21)
        phases[3:8] = [
            ("QApplication+theme", "t_app_imported", "t_app"),
            ("before unlock", "t_app", "t_unlock_start"),
            ("open_database (unlock, no KDF)", "t_unlock_start", "t_db_open"),
            ("load_content (after the unlock)", "t_db_open", "t_content"),
            ("MainWindow()", "t_content", "t_window_built"),
        ]
    parts = []
    for label, a, b in phases:
        values = [(s[b] - s[a]) * 1000 for s in samples if a in s and b in s]
        if values:
            parts.append(f"{label} {median(values):.0f}")
    return "app phases (median ms): " + ", ".join(parts)


def run(ctx: Context, wanted: set[str]) -> list[Row]:
    rows: list[Row] = []
    if wanted & {"cold_start", "memory"}:
        rows += _cold_start(ctx, wanted)
    for key in ("startup_small", "startup_large"):
        if key in wanted:
            rows.append(_startup_shaped(ctx, key, getattr(ctx.settings, key)))
    if "first_screen" in wanted:
        rows.append(_first_screen(ctx))
    return rows


def _first_screen(ctx: Context) -> Row:
    """Informative: process start to the unlock dialog painted, the first thing a user sees
    (SQLAlchemy and the window's modules load behind it, on the preload thread)."""
    s = ctx.settings
    n = s.cases_sessions
    title = "First screen: start to unlock dialog painted"
    db = ctx.cached(f"db_{n}", lambda: data.seed_bulk(ctx.workdir / f"sessions_{n}.sqlite3", n))
    runs: list[dict] = []

    def dialog() -> float:
        result = run_child(ctx, "unlock", db.path)
        runs.append(result)
        return result["wall_ms"]

    try:
        a, b = paired(dialog, lambda: run_child(ctx, "bare")["wall_ms"], s.startup_warmup,
                      s.startup_reps)  # fmt: skip
    except ChildFailed as exc:
        return na_row("first_screen", title, "ms", "≤ 1.5×", 1.5, f"blocked: {exc}")
    runs = runs[s.startup_warmup :]
    row = Row("first_screen", title, "ms", median(a), median(b), "≤ 1.5×", 1.5,
              samples={"app_ms": a, "baseline_ms": b})  # fmt: skip
    row.notes.append(
        f"the app's real start (cli.main -> run_gui) on an encrypted database up to "
        f"its unlock dialog, painted; baseline: the bare window; {len(a)} runs each; modules "
        f"loaded {median([r['modules'] for r in runs]):.0f}, peak memory "
        f"{median([r['maxrss_mb'] for r in runs]):.0f} MB"
    )
    return row


def _cold_start(ctx: Context, wanted: set[str]) -> list[Row]:
    s = ctx.settings
    n = s.cases_sessions
    title_time = f"Main window painted after unlock ({n} sessions)"
    title_mem = "Peak memory at first paint (max RSS)"
    db = ctx.cached(f"db_{n}", lambda: data.seed_bulk(ctx.workdir / f"sessions_{n}.sqlite3", n))
    app_runs: list[dict] = []
    bare_runs: list[dict] = []

    def app() -> float:
        result = run_child(ctx, "app", db.path)
        app_runs.append(result)
        return result["wall_ms"]

    def bare() -> float:
        result = run_child(ctx, "bare")
        bare_runs.append(result)
        return result["wall_ms"]

    try:
        a, b = paired(app, bare, s.startup_warmup, s.startup_reps)
    except ChildFailed as exc:
        why = f"blocked: {exc}"
        out = []
        if "cold_start" in wanted:
            out.append(na_row("cold_start", title_time, "ms", "≤ 3×", 3.0, why))
        if "memory" in wanted:
            out.append(na_row("memory", title_mem, "MB", "≤ 2×", 2.0, why))
        return out
    app_runs = app_runs[s.startup_warmup :]
    bare_runs = bare_runs[s.startup_warmup :]
    rows = []
    if "cold_start" in wanted:
        row = Row(
            "cold_start",
            title_time,
            "ms",
            median(a),
            median(b),
            "≤ 3×",
            3.0,
            samples={"app_ms": a, "baseline_ms": b},
        )
        row.notes.append(
            "process start to the main window painted, the key already derived (the unlock "
            "dialog is replaced by opening the file with the unlocked key ring); "
            f"{len(a)} runs each after {s.startup_warmup} warm-up; baseline: bare QMainWindow script; "
            f"{db.cases} cases / {db.sessions} sessions in the database"
        )
        row.notes.append(_phase_note(app_runs))
        rows_seen = sorted({r.get("visible_list_rows", 0) for r in app_runs})
        row.notes.append(
            f"rows in visible item views at first paint: {rows_seen} "
            f"(the case list's page of cases, plus its 'Show more cases…' row if any)"
        )
        rows.append(row)
    if "memory" in wanted:
        am = [r["maxrss_mb"] for r in app_runs]
        bm = [r["maxrss_mb"] for r in bare_runs]
        row = Row(
            "memory",
            title_mem,
            "MB",
            median(am),
            median(bm),
            "≤ 2×",
            2.0,
            samples={"app_mb": am, "baseline_mb": bm},
        )
        row.notes.append(
            f"same runs as the cold start; modules loaded: app {median([r['modules'] for r in app_runs]):.0f}, "
            f"bare {median([r['modules'] for r in bare_runs]):.0f}"
        )
        rows.append(row)
    return rows


def _startup_shaped(ctx: Context, key: str, shape: tuple[int, int, int]) -> Row:
    """Start-up on a database of ``shape`` = (cases, sessions, long cases) against the same
    app on an empty database.  Long cases (100 sessions, about 67 open actions, a chronology)
    are the most recent, so they are the first the case list shows."""
    s = ctx.settings
    cases, sessions, long_cases = shape
    title = f"Start-up, {cases:,} cases / {sessions:,} sessions vs empty db"
    big = data.shaped_db(ctx, cases, sessions, long_cases)
    empty = ctx.cached("db_empty", lambda: data.create_empty(ctx.workdir / "empty.sqlite3"))
    size_mb = big.path.stat().st_size / 1e6
    about = (
        f"{big.cases:,} cases, {big.sessions:,} sessions ({big.long_cases} long cases of "
        f"{data.LONG_SESSIONS} sessions with about 67 open actions and a chronology, listed "
        f"first), {size_mb:.0f} MB file"
    )
    big_runs: list[dict] = []

    def app_big() -> float:
        result = run_child(ctx, "app", big.path, timeout=s.startup_timeout)
        big_runs.append(result)
        return result["wall_ms"]

    def app_empty() -> float:
        return run_child(ctx, "app", empty.path)["wall_ms"]

    try:
        a, b = paired(app_big, app_empty, s.startup_warmup, s.big_reps)
    except ChildTimedOut as exc:
        # Too slow to repeat: report a lower bound against the empty database's median.
        try:
            b = [app_empty() for _ in range(s.startup_warmup + 3)][s.startup_warmup :]
        except ChildFailed as exc2:
            return na_row(key, title, "ms", "≤ 1.1×", 1.1, f"blocked: {exc2}")
        row = Row(
            key,
            title,
            "ms",
            exc.seconds * 1000,
            median(b),
            "≤ 1.1×",
            1.1,
            app_text=f"> {exc.seconds:.0f} s",
            lower_bound=True,
            samples={"baseline_ms": b},
        )
        row.notes.append(
            f"{about}: the app did not show its window within {exc.seconds:.0f} s, so it was run "
            f"once and stopped; app figure and ratio are lower bounds"
        )
        row.notes.append(_list_cost_note(big.path))
        return row
    except ChildFailed as exc:
        return na_row(key, title, "ms", "≤ 1.1×", 1.1, f"blocked: {exc}")
    row = Row(
        key,
        title,
        "ms",
        median(a),
        median(b),
        "≤ 1.1×",
        1.1,
        samples={"app_ms": a, "baseline_ms": b},
    )
    row.notes.append(f"{about}; baseline: the same app on an empty database; {len(a)} runs each")
    row.notes.append(_phase_note(big_runs[s.startup_warmup :]))
    row.notes.append(_list_cost_note(big.path))
    return row


def _list_cost_note(path: Path) -> str:
    """In-process cost of the store calls the main window makes at start-up, for diagnosis."""
    from supervision_app.storage import SupervisionStore

    database = data.open_db(path)
    try:
        store = SupervisionStore(database)
        started = time.perf_counter()
        cases = store.cases.list_cases(limit=101)  # the case list's first page (and "more?")
        list_cases_ms = (time.perf_counter() - started) * 1000
        sample = cases[:2]
        started = time.perf_counter()
        for case in sample:
            store.sessions.list_sessions(case.id)
        per_case_ms = (time.perf_counter() - started) * 1000 / max(len(sample), 1)
    finally:
        database.close()
    return (
        f"in-process on this database: store.cases.list_cases(limit=101) {list_cases_ms:.1f} ms; "
        f"store.sessions.list_sessions(case) {per_case_ms:.1f} ms per call"
    )
