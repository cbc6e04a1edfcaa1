"""Printing a long record: laid out off the GUI thread, with progress, cancellable, no temp copy.

These tests replace the print system with a spy (``sent``): they run anywhere. The same
paths against a real CUPS queue are in ``test_print_cups.py``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import io
import tempfile
import threading
import time

import pypdf
import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QDialog, QProgressDialog, QPushButton
from test_gui import make_case, open_session, open_window

from supervision_app import cups
from supervision_app.print_job import page_count
from supervision_app.record import pdf
from supervision_app.ui import printing


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """A temp folder of this test's own, for Python, Qt (QDir.tempPath) and child processes."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def long_window(qtbot, store, content, db_path, private_tmp):
    """The window on a session whose record runs to many pages, each with its own words."""
    _case_id, session_id = make_case(store)
    answer = "\n\n".join(
        f"Observation {n:03d}: the child was seen at home and spoke about school."
        for n in range(700)
    )
    store.sessions.save_answer(
        session_id, "professional_curiosity.x", "professional_curiosity", "Q?", answer
    )
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    yield window
    window.close()


@pytest.fixture
def print_window(long_window, private_tmp, monkeypatch):
    """``long_window`` with a print dialog that accepts, and a spy in place of CUPS."""
    printed: list[dict] = []

    def spy(printer, data, title, options, *, sent=None, cancelled=None):
        printed.append({"printer": printer, "data": data, "title": title, "options": options})
        return 41

    monkeypatch.setattr(printing.QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(printing, "print_route", lambda printer: "cups")
    monkeypatch.setattr(cups, "send_pdf", spy)
    yield long_window, printed, private_tmp


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
    assert printed and page_count(printed[0]["data"]) > 5  # every page of the long answer
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


# -- the dialog's choices ------------------------------------------------------------------


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def accept_with(monkeypatch, configure) -> list[QPrintDialog]:
    """The print dialog, accepted after ``configure(printer)`` has made the user's choices."""
    shown: list[QPrintDialog] = []

    def exec_(dialog):
        shown.append(dialog)
        configure(dialog.printer())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(printing.QPrintDialog, "exec", exec_)
    return shown


def choose_pages(first: int, last: int):
    def configure(printer) -> None:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(first, last)

    return configure


def test_a_page_range_sends_only_those_pages(qtbot, print_window, monkeypatch) -> None:
    window, printed, _tmp = print_window
    preview_page = window.session_view.preview_page
    record = page_texts(preview_page.record_pdf()[0])
    shown = accept_with(monkeypatch, choose_pages(2, 3))
    messages: list[str] = []
    preview_page.status_message.connect(messages.append)
    assert preview_page.print_record()
    assert shown[0].minPage() == 1 and shown[0].maxPage() == len(record)  # the dialog knew
    assert page_texts(printed[0]["data"]) == record[1:3]
    assert "page-ranges" not in printed[0]["options"]  # cut out here, not left to the server
    assert f"pages 2–3 of {len(record)}" in messages[-1]


def test_copies_two_sided_and_order_reach_the_print_system(qtbot, print_window, monkeypatch):
    window, printed, _tmp = print_window

    def configure(printer) -> None:
        # Qt keeps only what the printer supports; its PDF engine takes every setting
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setCopyCount(3)
        printer.setCollateCopies(False)
        printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
        printer.setColorMode(QPrinter.ColorMode.GrayScale)

    accept_with(monkeypatch, configure)
    assert window.session_view.preview_page.print_record()
    options = printed[0]["options"]
    assert options["copies"] == "3" and options["collate"] == "false"
    assert options["sides"] == "one-sided"  # the PDF engine cannot do two-sided: see below
    assert options["outputorder"] == "reverse"
    assert options["print-color-mode"] == "monochrome"
    assert options["media"] == "A4"
    assert printed[0]["title"] == "Supervision record CSC-7"  # no note text in the job's name


class TwoSidedPrinter(QPrinter):
    """A printer that prints on both sides (Qt refuses duplex for printers that cannot)."""

    mode = QPrinter.DuplexMode.DuplexNone

    def duplex(self):
        return self.mode


@pytest.mark.parametrize(
    ("mode", "sides"),
    [
        (QPrinter.DuplexMode.DuplexNone, "one-sided"),
        (QPrinter.DuplexMode.DuplexAuto, "two-sided-long-edge"),
        (QPrinter.DuplexMode.DuplexLongSide, "two-sided-long-edge"),
        (QPrinter.DuplexMode.DuplexShortSide, "two-sided-short-edge"),
    ],
)
def test_two_sided_choice_becomes_the_cups_sides_option(qtbot, mode, sides) -> None:
    printer = TwoSidedPrinter(QPrinter.PrinterMode.HighResolution)
    printer.mode = mode
    assert printing.choices_from(printer, 4).cups_options()["sides"] == sides


def test_print_preview_prints_the_page_shown_as_vector_text(qtbot, print_window, monkeypatch):
    window, printed, _tmp = print_window
    preview_page = window.session_view.preview_page
    record = page_texts(preview_page.record_pdf()[0])
    seen: dict[str, object] = {}

    def configure(printer) -> None:
        printer.setPrintRange(QPrinter.PrintRange.CurrentPage)

    dialogs = accept_with(monkeypatch, configure)

    def show_preview(dialog) -> int:
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        widget.setCurrentPage(3)
        actions = {action.text(): action for action in dialog.findChildren(QAction)}
        seen["hidden"] = [t for t in ("Page setup", "Portrait", "Landscape")
                          if not actions[t].isVisible()]  # fmt: skip
        actions["Print"].trigger()  # the preview's own Print button
        return dialog.result()

    monkeypatch.setattr(printing.QPrintPreviewDialog, "exec", show_preview)
    assert preview_page.preview_print()
    option = QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage
    assert dialogs[0].testOption(option)  # "Current page" was offered
    assert page_texts(printed[0]["data"]) == [record[2]]  # page 3, as text, not an image
    assert seen["hidden"] == ["Page setup", "Portrait", "Landscape"]


def test_print_to_file_writes_only_the_chosen_pages(qtbot, long_window, tmp_path, monkeypatch):
    target = tmp_path / "printed.pdf"
    preview_page = long_window.session_view.preview_page
    record = page_texts(preview_page.record_pdf()[0])

    def configure(printer) -> None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        choose_pages(2, 3)(printer)

    accept_with(monkeypatch, configure)
    assert preview_page.print_record()
    assert page_texts(target.read_bytes()) == record[1:3]


def test_the_raster_path_paints_chosen_pages_at_the_printers_resolution(
    qtbot, long_window, tmp_path, monkeypatch
) -> None:
    """Windows' path (no CUPS), painted here into Qt's PDF printer to look at the result."""
    target = tmp_path / "raster.pdf"

    def configure(printer) -> None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setResolution(300)
        choose_pages(2, 3)(printer)

    accept_with(monkeypatch, configure)
    monkeypatch.setattr(printing, "print_route", lambda printer: "raster")
    assert long_window.session_view.preview_page.print_record()
    pages = pypdf.PdfReader(target).pages
    assert len(pages) == 2
    widths = {
        image.get_object()["/Width"]
        for page in pages
        for image in page["/Resources"]["/XObject"].values()
    }
    assert len(widths) == 1 and abs(widths.pop() - 210 / 25.4 * 300) <= 1  # the printer's 300 dpi


def test_a_range_beyond_the_record_is_refused_with_a_message(qtbot, print_window, monkeypatch):
    window, printed, _tmp = print_window
    warnings: list[str] = []
    monkeypatch.setattr(
        "supervision_app.ui.preview.QMessageBox.warning",
        lambda parent, title, text: warnings.append(text),
    )
    accept_with(monkeypatch, choose_pages(400, 500))
    assert window.session_view.preview_page.print_record() is False
    assert printed == [] and "names none of them" in warnings[0]


def test_the_raster_path_makes_the_copies_a_driver_cannot() -> None:
    from supervision_app.print_job import PrintChoices
    from supervision_app.ui.print_raster import page_sequence

    collated = PrintChoices(pages=(2, 3), copies=2, collate=True)
    assert page_sequence(collated, copies_by_app=1) == [2, 3]  # the driver makes the copies
    assert page_sequence(collated, copies_by_app=2) == [2, 3, 2, 3]
    uncollated = PrintChoices(pages=(2, 3), copies=2, collate=False, reverse=True)
    assert page_sequence(uncollated, copies_by_app=2) == [3, 3, 2, 2]


def test_the_real_print_dialogs_choices_are_honoured(qtbot, long_window, monkeypatch) -> None:
    """Qt's own print dialog, filled in as a user would: pages "2-3,5", 2 copies, reversed."""
    from PySide6.QtWidgets import (
        QApplication,
        QCheckBox,
        QDialogButtonBox,
        QLineEdit,
        QRadioButton,
        QSpinBox,
    )

    preview_page = long_window.session_view.preview_page
    record = page_texts(preview_page.record_pdf()[0])
    printed: list[dict] = []
    monkeypatch.setattr(printing, "print_route", lambda printer: "cups")
    monkeypatch.setattr(
        cups, "send_pdf", lambda printer, data, title, options, **_: printed.append(
            {"data": data, "options": options}) or 7,
    )  # fmt: skip

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(50, fill_in)
            return
        dialog.findChild(QRadioButton, "pagesRadioButton").click()
        dialog.findChild(QLineEdit, "pagesLineEdit").setText("2-3,5")
        dialog.findChild(QSpinBox, "copies").setValue(2)
        dialog.findChild(QCheckBox, "collate").setChecked(False)
        dialog.findChild(QCheckBox, "reverse").setChecked(True)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(50, fill_in)
    assert preview_page.print_record()
    assert page_texts(printed[0]["data"]) == [record[1], record[2], record[4]]
    options = printed[0]["options"]
    assert (options["copies"], options["collate"], options["outputorder"]) == (
        "2",
        "false",
        "reverse",
    )
