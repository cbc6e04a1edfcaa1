"""Child process of the ``case_open_painted`` row.  Run by path, never imported by the suite.

    python benchmarks/_case_open_child.py DB_PATH LONG_CASE_ID SHORT_CASE_ID REPS

Builds the app's real main window on the encrypted database (unlocked with the data key
in ``SUPERVISION_BENCH_DATA_KEY``), shows it, and then, alternately, chooses the long
case and its short twin in the case list as a user would (a third case is chosen in
between, so each sample builds its Case so far afresh), timing each from the choice to
the end of the first paint of the case overview that shows it.  Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main() -> int:
    db_path, long_id, short_id, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from pathlib import Path

    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from benchmarks.data import child_ring
    from supervision_app.content import load_content
    from supervision_app.domain.chronology import assemble_chronology
    from supervision_app.storage import SupervisionStore, open_database
    from supervision_app.ui.main_window import MainWindow

    content = load_content()
    app = QApplication(sys.argv[:1])
    database = open_database(Path(db_path), child_ring(Path(db_path)))
    store = SupervisionStore(database)
    window = MainWindow(store, content, Path(db_path))
    overview = window.case_overview
    state: dict = {}

    class Painted(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt override
            if (
                state.get("waiting")
                and event.type() == QEvent.Type.Paint
                and isinstance(obj, QWidget)
                and (obj is overview or overview.isAncestorOf(obj))
            ):
                state["waiting"] = False
                QTimer.singleShot(0, state["loop"].quit)  # after the paint cycle
            return False

    detector = Painted()
    app.installEventFilter(detector)

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    def choose(case_id: int, timed: bool) -> float:
        loop = QEventLoop()
        state["loop"] = loop
        state["waiting"] = timed
        started = time.perf_counter()
        if not window.case_tree.select_case(case_id):
            raise RuntimeError(f"case {case_id} is not in the case list")
        if timed:
            QTimer.singleShot(30_000, loop.quit)
            loop.exec()
        elapsed = (time.perf_counter() - started) * 1000
        settle()
        return elapsed

    window.show()
    settle()
    listed = [c.id for c in store.cases.list_cases(limit=50)]
    other = next(c for c in listed if c not in (long_id, short_id))
    times: dict[int, list[float]] = {long_id: [], short_id: []}
    widgets: dict[int, int] = {}
    for i in range(reps + 1):  # the first round warms up
        for case_id in ((long_id, short_id) if i % 2 == 0 else (short_id, long_id)):
            choose(other, timed=False)
            elapsed = choose(case_id, timed=True)
            if i:
                times[case_id].append(elapsed)
            widgets[case_id] = len(overview.memory_panel.findChildren(QWidget))

    def about(case_id: int) -> tuple[int, int, int]:
        history = store.memory.case_history(case_id)
        return len(history.sessions), len(history.open_actions()), len(
            assemble_chronology(history)
        )

    (ls, lo, le), (ss, so, se) = about(long_id), about(short_id)
    print(json.dumps({
        "long_ms": times[long_id], "short_ms": times[short_id],
        "long_sessions": ls, "long_open": lo, "long_entries": le,
        "short_sessions": ss, "short_open": so, "short_entries": se,
        "long_widgets": widgets[long_id], "short_widgets": widgets[short_id],
    }), flush=True)  # fmt: skip
    window.hide()
    database.close()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
