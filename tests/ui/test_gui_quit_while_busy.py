"""Closing the window while an export or a print is running: it waits or cancels, cleanly.

The renderers are slowed down on purpose; the window is closed from a timer while
the work runs, as a user clicking the close button would.  Afterwards no thread
may still be running and the exported file is complete (or, for a print, nothing
is printed at all).  A separate test kills a writing process at random moments:
the file is then complete or absent, never truncated.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QThread, QTimer

from supervision_app.ui import printing
from tests.ui.test_gui import open_session
from tests.ui.test_gui_security import unlocked  # noqa: F401  (the fixture)


def close_soon(window, state: dict[str, float], after_ms: int = 300) -> None:
    def close() -> None:
        state["close_started"] = time.monotonic()
        window.close()
        state["close_done"] = time.monotonic()

    QTimer.singleShot(after_ms, close)


def running_threads(window) -> list[QThread]:
    return [t for t in window.findChildren(QThread) if t.isRunning()]


def test_closing_during_an_export_waits_for_the_complete_file(
    qtbot,
    unlocked,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, _database, session_id = unlocked
    open_session(qtbot, window, session_id)
    from supervision_app.record import pdf

    real_render, state = pdf.render_pdf, {}

    def slow_render(record, **options) -> bytes:
        time.sleep(1.0)
        data = real_render(record, **options)
        state["render_done"] = time.monotonic()
        return data

    monkeypatch.setattr(pdf, "render_pdf", slow_render)
    target = tmp_path / "exports" / "record.pdf"
    target.parent.mkdir()
    close_soon(window, state)
    assert window.session_view.preview_page.export_pdf_to(target)

    assert state["close_started"] < state["render_done"] < state["close_done"]  # it waited
    assert not window.isVisible()
    assert running_threads(window) == []
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert [p.name for p in target.parent.iterdir()] == ["record.pdf"]


def test_closing_during_printing_cancels_it(
    qtbot,
    unlocked,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, _database, session_id = unlocked
    open_session(qtbot, window, session_id)
    state: dict[str, float] = {}

    def slow_run(self) -> None:
        for page in range(1, 101):  # about five seconds unless cancelled
            if self.cancelled:
                state["cancelled_at"] = time.monotonic()
                return
            time.sleep(0.05)
            self.progress.emit("render", page, 100)
        state["rendered_all"] = time.monotonic()

    shown: list[object] = []
    monkeypatch.setattr(printing.PageRenderThread, "run", slow_run)
    monkeypatch.setattr(printing.QPrintPreviewDialog, "exec", lambda self: shown.append(self))
    close_soon(window, state)
    assert window.session_view.preview_page.preview_print() is False

    assert "rendered_all" not in state and shown == []  # nothing was printed
    assert state["close_started"] < state["cancelled_at"] < state["close_done"]
    assert not window.isVisible()
    assert running_threads(window) == []


def test_closing_while_answers_are_saving_commits_them(
    qtbot,
    unlocked,  # noqa: F811
    content,
) -> None:
    from supervision_app.storage import SupervisionStore
    from tests.ui.test_gui import type_text

    window, database, session_id = unlocked
    open_session(qtbot, window, session_id)
    prompt_id = window.session_view.focus.items[0].prompt_id  # the agenda's first item
    window.session_view.go_to_prompt(prompt_id)
    editor = window.session_view.editor_for(prompt_id)
    editor.setFocus()
    type_text(qtbot, editor, "typed just before closing")
    window.close()  # the debounce timer has not fired yet
    assert not window.isVisible()
    assert running_threads(window) == []
    saved = SupervisionStore(database).sessions.get_session(session_id).answers[prompt_id].text
    assert saved == "typed just before closing"


_WRITER = """
import sys
from pathlib import Path
from supervision_app.record.pdf import write_bytes
target, size = Path(sys.argv[1]), int(sys.argv[2])
payload = b"%PDF-" + bytes(range(256)) * (size // 256) + b"%%EOF"
print("ready", flush=True)
n = 0
while True:
    n += 1
    write_bytes(payload[:-5] + str(n % 10).encode() + b"%%EOF", target)
"""


def test_a_killed_export_leaves_the_file_complete_or_absent(tmp_path: Path) -> None:
    rng = random.Random(6)
    size = 8 << 20
    for round_ in range(6):
        target = tmp_path / f"round{round_}" / "record.pdf"
        target.parent.mkdir()
        child = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(target), str(size)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        if target.exists():
            data = target.read_bytes()
            assert len(data) == size + 11 and data.startswith(b"%PDF-") and data.endswith(b"%%EOF")
        leftovers = {p.name for p in target.parent.iterdir()} - {"record.pdf"}
        assert leftovers <= {".record.pdf.partial"}  # a hidden temporary file at most
