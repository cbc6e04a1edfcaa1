"""Child process for the typing row.  Run by path, never imported by the suite.

    python benchmarks/_typing_child.py DB_PATH SESSION_ID CHARS RUNS BURST

Shows the app's session view on session SESSION_ID (inside the real main
window when it can be built, else inside a plain QMainWindow with the app's
status-bar save indicator), then types CHARS characters into one answer box
per run with ``QTest.keyClicks``, one key every KEY_INTERVAL_MS.  After every
BURST characters it pauses for longer than the editor's debounce, so that the
app's autosave fires and commits (on its writer thread) while the event loop
is being watched.

A 1 ms heartbeat timer records the time between its ticks: the largest gap is
the longest stall of the event loop.  One warm-up run (200 characters in
another answer) comes first.  Prints one JSON line.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from pathlib import Path

KEY_INTERVAL_MS = 2  # 500 keys/s: far faster than anyone types, so a stress test
WARMUP_CHARS = 200


def main() -> int:
    db_path, session_id = Path(sys.argv[1]), int(sys.argv[2])
    chars, runs, burst = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMainWindow, QStatusBar

    from supervision_app.content import load_content
    from supervision_app.storage import SupervisionStore, open_database

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.data import child_ring

    _app = QApplication(sys.argv[:1])  # kept alive for the whole run
    content = load_content()
    database = open_database(db_path, child_ring(db_path))  # encrypted, as always
    store = SupervisionStore(database)

    try:
        from supervision_app.ui.answer_editor import DEBOUNCE_MS
        from supervision_app.ui.autosave_bridge import AutosaveBridge
        from supervision_app.ui.save_indicator import SaveIndicator
        from supervision_app.ui.session_view import SessionView
    except ImportError as exc:
        print(json.dumps({"error": f"the session view is not available: {exc}"}), flush=True)
        return 3

    window, view, bridge, how = _main_window_view(store, content, db_path, session_id)
    if view is None:
        bridge = AutosaveBridge(store)
        view = SessionView(store, content, bridge)
        window = QMainWindow()
        window.setCentralWidget(view)
        status = QStatusBar()
        status.addPermanentWidget(SaveIndicator(bridge))
        window.setStatusBar(status)
        window.resize(1200, 800)
        view.load_session(session_id)
        how = (
            "SessionView in a QMainWindow with the app's SaveIndicator (main window not available)"
        )
    window.show()
    QTest.qWait(200)

    texts = [  # free-text prompts only: the structured tools have editors of their own
        p for stage in content.stages for p in stage.prompts if getattr(p, "kind", "text") == "text"
    ]
    # The session's pages hold the prompts of its agenda, not every prompt of the content:
    # type into the ones that have an answer box in this session.
    prompts = [p for p in texts if view.editor_for(p.id) is not None]
    text_source = _typing_text(chars)

    saves = [0]
    import gc

    collections: list[tuple[float, float, int]] = []  # (start, ms, generation)
    gc_started = [0.0]

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
        else:
            now = time.perf_counter()
            collections.append((now, (now - gc_started[0]) * 1000, info["generation"]))

    gc.callbacks.append(on_gc)
    saved_at: list[float] = []  # when the window learnt of each commit
    last_saved = [bridge.last_saved_at]

    def on_state() -> None:
        if bridge.last_saved_at is not None and bridge.last_saved_at != last_saved[0]:
            last_saved[0] = bridge.last_saved_at
            saves[0] += 1
            saved_at.append(time.perf_counter())

    bridge.state_changed.connect(on_state)

    def type_into(prompt_index: int, text: str) -> dict:
        prompt = prompts[prompt_index]
        if hasattr(view, "go_to_prompt"):  # what the search dialog uses: page, scroll, focus
            view.go_to_prompt(prompt.id)
        else:
            view.go_to_stage(prompt.stage_id)
        editor = view.editor_for(prompt.id)
        editor.load_text("")
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        page = view.pages.currentWidget()
        if hasattr(page, "ensureWidgetVisible"):
            page.ensureWidgetVisible(editor)
        QTest.qWait(50)

        ticks: list[float] = []
        heartbeat = QTimer()
        heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        heartbeat.setInterval(1)
        heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
        cpu_at: dict[float, float] = {}  # tick -> this (GUI) thread's CPU time then
        heartbeat.timeout.connect(lambda: cpu_at.__setitem__(ticks[-1], time.thread_time()))
        typist = QTimer()
        typist.setTimerType(Qt.TimerType.PreciseTimer)
        typist.setInterval(KEY_INTERVAL_MS)
        loop = QEventLoop()
        pos = [0]
        saves_before = saves[0]

        def finish() -> None:
            heartbeat.stop()
            loop.quit()

        def key() -> None:
            i = pos[0]
            if i >= len(text):
                typist.stop()
                QTimer.singleShot(DEBOUNCE_MS + 300, finish)  # let the last save land
                return
            QTest.keyClicks(editor, text[i])
            pos[0] = i + 1
            if pos[0] % burst == 0 and pos[0] < len(text):
                typist.stop()
                QTimer.singleShot(DEBOUNCE_MS + 150, typist.start)

        typist.timeout.connect(key)
        started = time.perf_counter()
        heartbeat.start()
        typist.start()
        loop.exec()
        ended = time.perf_counter()
        seconds = ended - started
        timed_gaps = sorted(((b - a) * 1000, b, a) for a, b in itertools.pairwise(ticks))
        gaps = [g for g, _end, _start in timed_gaps]
        # Where the worst stalls fell: ms since typing began, and since the last save.
        worst = []
        for gap, end, begin in timed_gaps[-3:][::-1]:
            before = [t for t in saved_at if t <= end]
            worst.append(
                {
                    "gap_ms": round(gap, 1),
                    # CPU the GUI thread used during the stall; the rest it spent waiting
                    # (for a core, or for the GIL held by the autosave thread)
                    "cpu_ms": round((cpu_at.get(end, 0.0) - cpu_at.get(begin, 0.0)) * 1000, 1),
                    "at_ms": round((end - started) * 1000),
                    "after_save_ms": round((end - before[-1]) * 1000) if before else None,
                }
            )
        flushed = bridge.flush(10)
        stored = store.sessions.get_session(session_id).answers.get(prompt.id)
        return {
            "max_gap_ms": gaps[-1] if gaps else None,
            "p99_gap_ms": gaps[int(0.99 * (len(gaps) - 1))] if gaps else None,
            "gaps_over_16": sum(1 for g in gaps if g > 16.0),
            "ticks": len(ticks),
            "chars": len(text),
            "typed_ok": editor.toPlainText() == text,
            "saved_ok": flushed and stored is not None and stored.text == text,
            "saves": saves[0] - saves_before,
            "seconds": seconds,
            "worst": worst,
            # collections that ended while the heartbeat was watched
            "gc_max_ms": max(
                (ms for t, ms, _g in collections if started <= t <= ended), default=0.0
            ),
            "gc_gen2": sum(1 for t, _ms, g in collections if started <= t <= ended and g == 2),
        }

    type_into(len(prompts) - 1, text_source[:WARMUP_CHARS])
    results = [type_into(i, text_source) for i in range(runs)]
    print(
        json.dumps(
            {
                "how": how,
                "debounce_ms": DEBOUNCE_MS,
                "key_interval_ms": KEY_INTERVAL_MS,
                "burst": burst,
                "runs": results,
            }
        ),
        flush=True,
    )
    bridge.close()
    database.close()
    sys.stdout.flush()
    os._exit(0)


def _main_window_view(store, content, db_path, session_id):
    """The real main window with the session selected in its case list, as a user would open
    it; or (None, None, None, '') when the main window is not available or cannot be driven."""
    try:
        from supervision_app.ui.main_window import MainWindow
    except ImportError:
        return None, None, None, ""
    window = MainWindow(store, content, db_path)
    view = getattr(window, "session_view", None)
    bridge = getattr(window, "bridge", None)
    reload_cases = getattr(window, "reload_cases", None)
    if view is None or bridge is None or reload_cases is None:
        window.deleteLater()
        return None, None, None, ""
    reload_cases(select_session=session_id)
    if view.session_id != session_id:
        window.deleteLater()
        return None, None, None, ""
    return window, view, bridge, "the app's MainWindow with the session selected in its case list"


def _typing_text(n: int) -> str:
    from benchmarks.data import typing_text

    return typing_text(n)


if __name__ == "__main__":
    sys.exit(main())
