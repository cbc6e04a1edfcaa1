"""Child process for the start-up rows.  Run by path, never imported by the suite.

    python benchmarks/_startup_child.py bare
    python benchmarks/_startup_child.py app DB_PATH
    python benchmarks/_startup_child.py unlock DB_PATH

``bare``: a PySide6 script that shows an empty QMainWindow (the baseline).
``unlock``: the app's real start up to its first screen, the unlock dialog, painted.
``app``:  the app itself, started through its real entry point
(``supervision_app.cli.main(["--db", DB_PATH])`` -> ``ui.app.run_gui``), on the
encrypted database, unlocked with the data key in ``SUPERVISION_BENCH_DATA_KEY``.

Both install the same first-paint detector just before ``show()``; once the
window has been painted they print one JSON line (wall-clock timestamps and
peak RSS) and exit.  The parent measures from just before it started this
process to ``t_painted``.  Keep the imports of the two modes identical apart
from the app itself.
"""

from __future__ import annotations

import time

T_MAIN = time.time()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402


def peak_rss_kb() -> int:
    """Peak resident set size of this process, in KiB."""
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [
                ("cb", wintypes.DWORD),
                ("PageFaultCount", wintypes.DWORD),
                ("PeakWorkingSetSize", ctypes.c_size_t),
                ("WorkingSetSize", ctypes.c_size_t),
                ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
                ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                ("PagefileUsage", ctypes.c_size_t),
                ("PeakPagefileUsage", ctypes.c_size_t),
            ]

        counters = Counters()
        counters.cb = ctypes.sizeof(counters)
        handle = ctypes.windll.kernel32.GetCurrentProcess()
        ctypes.windll.psapi.GetProcessMemoryInfo(handle, ctypes.byref(counters), counters.cb)
        return counters.PeakWorkingSetSize // 1024
    try:  # Linux: this process's own peak; ru_maxrss would include the parent's at exec time
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS reports bytes


def report(data: dict) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def main() -> int:
    mode = sys.argv[1]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow, QWidget

    marks = {"t_main": T_MAIN, "t_qt_imported": time.time()}
    state: dict = {}

    class FirstPaint(QObject):
        """Waits for the window's first paint (its own Paint event starts the paint cycle; its
        children are painted in the same cycle), then reports once that cycle has finished (a
        zero timer runs after the events being processed).

        It watches the window alone, as the app watches its first screen
        (``ui/app.py:_AfterFirstPaint``). An application-wide filter written in Python is
        handed every object Qt makes, and PySide6 makes a Python class, with its enums, for
        each new kind: the measurement itself would cost the app (more kinds: its style,
        its labels' text documents) more than the bare window."""

        def __init__(self, window: QWidget) -> None:
            super().__init__()
            self.window = window
            self.fired = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt override
            if (
                not self.fired
                and event.type() == QEvent.Type.Paint
            ):
                self.fired = True
                marks["t_first_paint_event"] = time.time()
                QTimer.singleShot(0, done)
            return False

    def watch(window: QWidget) -> None:
        """Called just before ``window.show()`` in both modes."""
        marks["t_window_built"] = time.time()
        state["window"] = window
        state["detector"] = FirstPaint(window)
        window.installEventFilter(state["detector"])

    def done() -> None:
        marks["t_painted"] = time.time()
        app = QApplication.instance()
        state["window"].removeEventFilter(state["detector"])
        rows = 0
        for view in state["window"].findChildren(QAbstractItemView):
            model = view.model()
            if model is not None and view.isVisible():
                rows += model.rowCount()
        report(
            {
                **marks,
                "maxrss_kb": peak_rss_kb(),
                "visible_list_rows": rows,
                "modules": len(sys.modules),
                "how": state.get("how", mode),
            }
        )
        if mode == "unlock":  # a modal dialog's own event loop: leave at once
            os._exit(0)
        app.quit()

    if mode == "bare":
        app = QApplication(sys.argv[:1])
        marks["t_app"] = time.time()
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(1320, 860)  # the size the app's window opens at
        watch(window)
        window.show()
        marks["t_shown"] = time.time()
        app.exec()
    elif mode == "app":
        from pathlib import Path

        try:
            run_app(Path(sys.argv[2]), marks, watch, state)
        except ImportError as exc:  # the UI is not written yet
            report({"error": f"cannot build the app's window: {exc}"})
            return 3
    elif mode == "unlock":
        from pathlib import Path

        run_to_unlock_dialog(Path(sys.argv[2]), marks, watch, state)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: it is not part of start-up


def _bench_ring(db_path):
    """The database's unlocked key ring, from the data key the parent hands over (the
    passphrase's key derivation is measured by the ``unlock`` row, not here)."""
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from benchmarks.data import child_ring

    return child_ring(db_path)


def run_app(db_path, marks, watch, state) -> None:
    """Start the app through its real entry point (``supervision_app.cli.main``, which calls
    ``ui.app.run_gui``), with thin wrappers that only record when each step ends and call
    ``watch(window)`` just before the main window is shown.

    The unlock dialog (``ui.startup.open_interactively``) is replaced by opening the
    encrypted database with its unlocked key ring: everything the app does after the user
    has typed the passphrase, except the key derivation, is measured.

    If the names wrapped here change, the start-up is replicated from ``run_gui`` instead;
    see benchmarks/README.md ("hooks").
    """
    import supervision_app.content as content_pkg
    from supervision_app import cli
    from supervision_app.ui import app as ui_app
    from supervision_app.ui import main_window

    marks["t_app_imported"] = time.time()
    ring = _bench_ring(db_path)
    try:
        from supervision_app.ui import startup as ui_startup
    except ImportError:
        ui_startup = None
    needed = (
        ui_startup is not None
        and hasattr(ui_startup, "open_interactively")
        and hasattr(ui_app, "_application")
        and hasattr(ui_app, "run_gui")
    )
    if not needed:
        state["how"] = "replicated run_gui"
        return _replicated(db_path, ring, marks, watch, main_window)
    state["how"] = "cli.main -> run_gui"

    def wrap(owner, name, mark):
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            result = original(*args, **kwargs)
            marks[mark] = time.time()
            return result

        setattr(owner, name, wrapper)

    for name in ("load_content_with_packs", "load_content"):  # whichever the CLI calls
        if hasattr(content_pkg, name):
            wrap(content_pkg, name, "t_content")
    wrap(ui_app, "_application", "t_app")

    def unlocked(path, parent=None, **_first_screen):  # the dialog's keywords, unused
        from supervision_app.storage import open_database

        marks["t_unlock_start"] = time.time()
        database = open_database(path, ring)
        marks["t_db_open"] = time.time()
        return database

    ui_startup.open_interactively = unlocked
    original_show = main_window.MainWindow.show

    def show(self):
        watch(self)
        original_show(self)
        marks["t_shown"] = time.time()

    main_window.MainWindow.show = show
    cli.main(["--db", str(db_path)])


def run_to_unlock_dialog(db_path, marks, watch, state) -> None:
    """The app's real start on an encrypted database, up to its first screen: the unlock
    dialog, shown and painted (what the user sees first). Nothing is unlocked."""
    from supervision_app import cli
    from supervision_app.ui import unlock_dialog

    marks["t_app_imported"] = time.time()
    state["how"] = "cli.main -> run_gui -> unlock dialog"
    original_exec = unlock_dialog.UnlockDialog.exec

    def exec_(self):
        watch(self)
        return original_exec(self)

    unlock_dialog.UnlockDialog.exec = exec_
    cli.main(["--db", str(db_path)])


def _replicated(db_path, ring, marks, watch, main_window) -> None:
    from PySide6.QtWidgets import QApplication

    from supervision_app.content import load_content
    from supervision_app.storage import SupervisionStore, open_database

    content = load_content()
    marks["t_content"] = time.time()
    app = QApplication(sys.argv[:1])
    marks["t_app"] = time.time()
    database = open_database(db_path, ring)
    marks["t_db_open"] = time.time()
    window = main_window.MainWindow(SupervisionStore(database), content, db_path)
    watch(window)
    window.show()
    marks["t_shown"] = time.time()
    app.exec()
    database.close()


if __name__ == "__main__":
    sys.exit(main())
