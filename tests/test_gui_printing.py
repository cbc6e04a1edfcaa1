"""Printing a long record: laid out off the GUI thread, with progress, cancellable, no temp copy."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import tempfile
import threading
import time

import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QDialog, QProgressDialog, QPushButton
from test_gui import make_case, open_session, open_window

from supervision_app.record import pdf
from supervision_app.ui import printing


@pytest.fixture
def print_window(qtbot, store, content, db_path, tmp_path, monkeypatch):
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    _case_id, session_id = make_case(store)
    store.save_answer(session_id, "professional_curiosity.x", "professional_curiosity", "Q?",
                      "A long answer. " * 6000)  # fmt: skip
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    printed: list[int] = []
    monkeypatch.setattr(printing.QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        printing, "paint_pages", lambda printer, images: printed.append(len(images)) or True
    )
    yield window, printed, private_tmp
    window.close()


def running(window) -> list[QThread]:
    return [t for t in window.findChildren(QThread) if t.isRunning()]


def test_a_long_record_is_laid_out_off_the_gui_thread(qtbot, print_window, monkeypatch) -> None:
    window, printed, private_tmp = print_window
    real, seen = pdf.render_pdf, {}
    labels: list[str] = []

    def spy(record, *, progress=None):
        seen["thread"] = threading.current_thread()
        return real(record, progress=progress)

    def watch() -> None:
        dialog = window.findChild(QProgressDialog, "printProgress")
        if dialog is not None:
            labels.append(dialog.labelText())

    monkeypatch.setattr(pdf, "render_pdf", spy)
    timer = QTimer(window)
    timer.timeout.connect(watch)
    timer.start(20)
    assert window.session_view.preview_page.print_record()
    timer.stop()
    assert seen["thread"] is not threading.main_thread()
    assert printed and printed[0] > 5  # every page of the long answer was rendered
    assert "Laying out the record…" in labels  # progress was visible
    assert running(window) == []
    assert os.listdir(private_tmp) == []  # no copy of the record left in a temp folder


def test_cancel_stops_the_layout_and_prints_nothing(qtbot, print_window, monkeypatch) -> None:
    window, printed, private_tmp = print_window
    state = {"steps": 0}

    def slow_build(record, *, progress=None):
        progress("SIZE_EST", 200)
        for step in range(1, 201):  # ten seconds unless cancelled
            time.sleep(0.05)
            progress("PROGRESS", step)
            state["steps"] = step
        state["finished"] = True
        return b"%PDF-"

    def cancel_when_shown() -> None:
        dialog = window.findChild(QProgressDialog, "printProgress")
        if dialog is not None and dialog.isVisible() and state["steps"] > 5:
            state["cancelled_at"] = state["steps"]
            dialog.findChild(QPushButton).click()  # the dialog's Cancel button
        else:
            QTimer.singleShot(50, cancel_when_shown)

    monkeypatch.setattr(pdf, "render_pdf", slow_build)
    QTimer.singleShot(50, cancel_when_shown)
    started = time.monotonic()
    assert window.session_view.preview_page.print_record() is False
    assert "finished" not in state and printed == []
    assert state["steps"] <= state["cancelled_at"] + 2
    assert time.monotonic() - started < 8
    assert running(window) == []
    assert os.listdir(private_tmp) == []


def test_closing_the_window_during_layout_cancels_it(qtbot, print_window, monkeypatch) -> None:
    window, printed, _tmp = print_window
    state: dict[str, object] = {}

    def slow_build(record, *, progress=None):
        for step in range(1, 201):
            time.sleep(0.05)
            progress("PROGRESS", step)
        state["finished"] = True
        return b"%PDF-"

    def close() -> None:
        window.close()
        state["closed"] = True

    monkeypatch.setattr(pdf, "render_pdf", slow_build)
    QTimer.singleShot(400, close)
    assert window.session_view.preview_page.print_record() is False
    assert state.get("closed") and "finished" not in state and printed == []
    assert not window.isVisible()
    assert running(window) == []


def test_print_preview_lays_out_on_the_worker_too(qtbot, print_window, monkeypatch) -> None:
    window, _printed, _tmp = print_window
    shown: list[object] = []
    real, seen = pdf.render_pdf, {}

    def spy(record, *, progress=None):
        seen["thread"] = threading.current_thread()
        return real(record, progress=progress)

    monkeypatch.setattr(pdf, "render_pdf", spy)
    monkeypatch.setattr(printing.QPrintPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    assert window.session_view.preview_page.preview_print() is False  # shown, not printed
    assert len(shown) == 1 and seen["thread"] is not threading.main_thread()


def test_print_without_a_record_does_nothing(qtbot, print_window) -> None:
    window, printed, _tmp = print_window
    window.session_view.preview_page.set_session(None)
    assert window.session_view.preview_page.print_record() is False
    assert printed == []


def test_cancel_stops_a_pdf_export_before_anything_is_written(
    qtbot, print_window, tmp_path, monkeypatch
) -> None:
    window, _printed, _tmp = print_window
    state, real = {"steps": 0}, pdf.render_pdf

    def slow_build(record, *, progress=None):
        for step in range(1, 201):
            time.sleep(0.05)
            progress("PROGRESS", step)
            state["steps"] = step
        state["finished"] = True
        return real(record)

    def cancel_when_shown() -> None:
        dialog = window.findChild(QProgressDialog, "backgroundProgress")
        if dialog is not None and dialog.isVisible() and state["steps"] > 5:
            dialog.findChild(QPushButton).click()
        else:
            QTimer.singleShot(50, cancel_when_shown)

    monkeypatch.setattr(pdf, "render_pdf", slow_build)
    QTimer.singleShot(50, cancel_when_shown)
    target = tmp_path / "out" / "record.pdf"
    target.parent.mkdir()
    assert window.session_view.preview_page.export_pdf_to(target) is False
    assert "finished" not in state
    assert list(target.parent.iterdir()) == []  # nothing written, not even a partial file
    assert running(window) == []
    # without Cancel the same export completes
    monkeypatch.setattr(pdf, "render_pdf", real)
    assert window.session_view.preview_page.export_pdf_to(target)
    assert target.read_bytes().startswith(b"%PDF-")
