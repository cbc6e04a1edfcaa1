"""What every measurement shares: settings, timing helpers, result rows, the table.

A measurement module exposes ``run(ctx) -> list[Row]``.  Each :class:`Row`
holds the app's figure, the baseline's figure measured in the same run, and
the target as a ratio limit; :func:`format_table` prints them aligned.
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

NA_NOT_BUILT = "n/a — not built yet"


# -- settings ------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """Repetitions and data sizes for one mode (quick or full)."""

    name: str
    startup_warmup: int
    startup_reps: int
    startup_timeout: float  # seconds before a start-up on the large database is given up
    cases_sessions: int  # sessions in the cold-start database
    #: the two "start-up on a large database" rows: (cases, sessions, long cases) each
    startup_small: tuple[int, int, int]
    startup_large: tuple[int, int, int]
    big_reps: int  # runs of each side in those rows
    autosave_warmup: int
    autosave_edits: int
    typing_chars: int
    typing_runs: int
    typing_burst: int  # characters typed between pauses that let autosave fire
    pdf_warmup: int
    pdf_reps: int
    lo_reps: int
    search_sessions: int  # in search_cases cases, with long cases and the short twin
    search_cases: int
    search_long_cases: int
    search_reps: int
    case_reps: int
    case_paint_reps: int  # samples of each side in the "open a long case, painted" row
    #: the agency server's concurrent row: clients (separate processes), saves each when
    #: saving back to back, and saves each at the autosave's pace (one every period)
    server_clients: int = 20
    server_tight_saves: int = 40
    server_paced_saves: int = 40
    server_period_ms: int = 250


QUICK = Settings(
    name="quick",
    startup_warmup=1,
    startup_reps=4,
    startup_timeout=60,
    cases_sessions=500,
    startup_small=(200, 2_000, 2),
    startup_large=(1_000, 10_000, 5),
    big_reps=3,
    autosave_warmup=20,
    autosave_edits=200,
    typing_chars=2000,
    typing_runs=1,
    typing_burst=500,
    pdf_warmup=1,
    pdf_reps=3,
    lo_reps=1,
    search_sessions=10_000,
    search_cases=1_000,
    search_long_cases=5,
    search_reps=15,
    case_reps=15,
    case_paint_reps=5,
    server_paced_saves=20,
)

FULL = Settings(
    name="full",
    startup_warmup=2,
    startup_reps=15,
    startup_timeout=300,
    cases_sessions=500,
    startup_small=(1_000, 10_000, 5),
    startup_large=(5_000, 50_000, 10),
    big_reps=11,
    autosave_warmup=50,
    autosave_edits=1000,
    typing_chars=2000,
    typing_runs=3,
    typing_burst=100,
    pdf_warmup=1,
    pdf_reps=7,
    lo_reps=5,
    search_sessions=10_000,
    search_cases=1_000,
    search_long_cases=5,
    search_reps=100,
    case_reps=100,
    case_paint_reps=15,
    server_paced_saves=60,
)


@dataclass
class Context:
    """Everything a measurement needs: the mode, the work folder, the fixtures."""

    settings: Settings
    workdir: Path
    platform: str  # QT_QPA_PLATFORM for child processes
    verbose: bool = False
    _cache: dict[str, Any] = field(default_factory=dict)

    def log(self, message: str) -> None:
        print(f"  … {message}", file=sys.stderr, flush=True)

    def cached(self, key: str, build: Callable[[], Any]) -> Any:
        """Build a fixture once per run (databases are shared between rows)."""
        if key not in self._cache:
            started = time.perf_counter()
            self._cache[key] = build()
            self.log(f"prepared {key} in {time.perf_counter() - started:.1f} s")
        return self._cache[key]

    def _screen_file(self) -> Path:
        """Qt's offscreen platform has one 800 × 800 screen unless told otherwise: the app
        would open at that size (in its compact layout) while the bare window opens at
        1320 × 860. A 1920 × 1080 screen at 96 dpi, as a desktop has, for every child."""
        path = self.workdir / "offscreen-screen.json"
        if not path.exists():
            path.write_text(
                '{"screens": [{"name": "bench", "x": 0, "y": 0, "width": 1920, '
                '"height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}',
                encoding="utf-8",
            )
        return path

    def child_env(self, db: Path | None = None) -> dict[str, str]:
        """The environment for every child process: same for the app and for its baseline.

        With ``db``, the child also gets that encrypted database's data key (fictional
        data), so that it opens the file without the passphrase's key derivation."""
        env = dict(os.environ)
        if db is not None:
            from benchmarks import data

            env = data.child_env(db, env)
        env["QT_QPA_PLATFORM"] = self.platform
        if self.platform == "offscreen":
            env["QT_QPA_PLATFORM"] = f"offscreen:configfile={self._screen_file()}"
        # The app's settings and data folders go to the work folder, never the user's.
        env["SUPERVISION_APP_DATA_DIR"] = str(self.workdir / "appdata")
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(app_root()), env.get("PYTHONPATH", "")) if p
        )
        env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
        # Compiled bytecode is cached, as in an installed app (the warm-up runs write it),
        # in the work folder rather than beside the sources; without this, a shell with
        # PYTHONDONTWRITEBYTECODE=1 would compile every module of the app on every start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(self.workdir / "pycache")
        return env


def app_root() -> Path:
    """The folder that holds the ``supervision_app`` package (a checkout or site-packages)."""
    import supervision_app

    return Path(supervision_app.__file__).resolve().parent.parent


# -- results ---------------------------------------------------------------------


@dataclass
class Row:
    key: str
    title: str
    unit: str  # "ms" or "MB"
    app: float | None
    baseline: float | None
    target: str = "—"
    #: the ratio (app / baseline) must be at or below this; None: informative row
    limit: float | None = None
    #: shown instead of the app figure when it could not be measured
    app_text: str = ""
    baseline_text: str = ""
    #: the app figure is a lower bound (the app was stopped before it finished)
    lower_bound: bool = False
    notes: list[str] = field(default_factory=list)
    samples: dict[str, list[float]] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.app is None or self.baseline is None or self.baseline <= 0:
            return None
        return self.app / self.baseline

    @property
    def met(self) -> bool | None:
        if self.limit is None or self.ratio is None:
            return None
        return self.ratio <= self.limit

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["met"] = self.met
        return data


def na_row(key: str, title: str, unit: str, target: str, limit: float | None, why: str) -> Row:
    return Row(key, title, unit, None, None, target, limit, app_text="n/a", notes=[why])


# -- timing ------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (p99 of 200 samples is the 198th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def paired(
    app: Callable[[], float],
    baseline: Callable[[], float],
    warmup: int,
    reps: int,
) -> tuple[list[float], list[float]]:
    """Run app and baseline alternately (ABBA order) after ``warmup`` rounds of each.

    Each callable returns one sample (seconds, bytes, ...).  Alternating cancels
    slow drifts of the machine (thermal, page cache, other load) between the two.
    """
    for _ in range(warmup):
        app()
        baseline()
    a: list[float] = []
    b: list[float] = []
    for i in range(reps):
        if i % 2 == 0:
            a.append(app())
            b.append(baseline())
        else:
            b.append(baseline())
            a.append(app())
    return a, b


def timed(
    fn: Callable[[], Any], clock: Callable[[], float] = time.perf_counter
) -> Callable[[], float]:
    """A callable returning the time of ``fn()`` in milliseconds (wall time by default)."""

    def run() -> float:
        started = clock()
        fn()
        return (clock() - started) * 1000.0

    return run


def cpu_note(app: Callable[[], Any], baseline: Callable[[], Any], reps: int) -> str:
    """The same comparison in this thread's CPU time (``time.thread_time``), alternating.

    On a shared machine a long Python operation is preempted more often than a short
    query, so wall-clock ratios of in-process rows grow with the load; CPU time does not
    count the time spent waiting for a core."""

    a, b = paired(timed(app, time.thread_time), timed(baseline, time.thread_time), 1, reps)
    ratio = median(a) / median(b) if median(b) > 0 else float("nan")
    return (
        f"CPU time of this thread (not counting waits for a core): app {median(a):.2f} ms, "
        f"baseline {median(b):.2f} ms, ratio {ratio:.2f}× ({reps} runs each)"
    )


# -- machine and output ------------------------------------------------------------------


def machine_info(workdir: Path, platform_name: str) -> dict[str, str]:
    import sqlite3

    info = {
        "cpus": str(os.cpu_count()),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": platform.platform(terse=True),
        "sqlite": sqlite3.sqlite_version,
        "qt_platform": platform_name,
        "work folder": f"{workdir} ({filesystem_of(workdir)})",
    }
    info.update(_library_versions())
    commit = _app_commit()
    if commit:
        info["app commit"] = commit
    return info


def _app_commit() -> str:
    """The checkout's commit (and whether the app has uncommitted changes), if it is one."""
    root = app_root()
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "supervision_app", "resources"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return head + (" + uncommitted changes" if dirty else "")


def _library_versions() -> dict[str, str]:
    """Qt and friends, read in a child process so this process stays Qt-free.

    Also checks that void-returning PySide6 calls keep ``None``'s reference count
    (PySide6 6.12.0 on Python 3.11 does not: every such call drops one reference,
    and the process aborts with "deallocating None" after a few thousand calls).
    """
    code = (
        "import json, sys, PySide6, sqlalchemy, reportlab\n"
        "from PySide6 import QtCore\n"
        "o = QtCore.QObject(); before = sys.getrefcount(None)\n"
        "for _ in range(200): o.setObjectName('x')\n"
        "drift = sys.getrefcount(None) - before\n"
        "print(json.dumps({'qt': f'{QtCore.qVersion()} (PySide6 {PySide6.__version__})',"
        " 'sqlalchemy': sqlalchemy.__version__, 'reportlab': reportlab.Version, 'drift': drift}))\n"
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
        )
        info = json.loads(out.stdout)
    except (subprocess.SubprocessError, ValueError, OSError) as exc:
        return {"qt": f"unknown ({type(exc).__name__})"}
    drift = info.pop("drift")
    if drift < -100:
        info["WARNING"] = (
            f"this PySide6 build drops a reference to None on every call of a method that returns "
            f"nothing ({drift} over 200 calls); such a process aborts with 'deallocating None' (or "
            "True/False) after a few thousand calls, so GUI rows may crash. Seen with PySide6 "
            "6.12.0 on Python 3.11.7; 6.11.3 on the same Python keeps the count"
        )
    return info


def filesystem_of(path: Path) -> str:
    """The file system type holding ``path`` (Linux: from /proc/mounts), else ''."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return "file system unknown"
    target = str(path.resolve())
    best, kind = "", "unknown"
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1].replace("\\040", " ")
        if (target == mount or target.startswith(mount.rstrip("/") + "/")) and len(mount) > len(
            best
        ):
            best, kind = mount, parts[2]
    return kind


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "MB":
        return f"{value:.1f} MB"
    if value >= 100:
        return f"{value:.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    if value >= 1:
        return f"{value:.2f} ms"
    return f"{value:.3f} ms"


def format_table(rows: list[Row]) -> str:
    header = ("measurement", "app median", "baseline median", "ratio", "target", "met?")
    lines: list[tuple[str, ...]] = []
    for row in rows:
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
        if row.lower_bound and row.ratio is not None:
            ratio = "> " + ratio
        met = {True: "yes", False: "NO", None: "—"}[row.met]
        lines.append(
            (
                row.title,
                row.app_text or _fmt(row.app, row.unit),
                row.baseline_text or _fmt(row.baseline, row.unit),
                ratio,
                row.target,
                met,
            )
        )
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(len(header))]
    right = {1, 2, 3}

    def render(cells: tuple[str, ...]) -> str:
        return " | ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [render(header), "-+-".join("-" * w for w in widths)]
    out.extend(render(cells) for cells in lines)
    return "\n".join(out)


def format_notes(rows: list[Row]) -> str:
    out = []
    for row in rows:
        for note in row.notes:
            out.append(f"- {row.title}: {note}")
    return "\n".join(out)


def write_json(
    path: Path, info: dict[str, str], settings: Settings, rows: list[Row], seconds: float
) -> None:
    data = {
        "machine": info,
        "mode": settings.name,
        "settings": asdict(settings),
        "elapsed_seconds": round(seconds, 1),
        "rows": [r.to_json() for r in rows],
    }
    path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
