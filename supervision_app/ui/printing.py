"""Printing and print preview of the record's own PDF, held in memory.

Where the record goes, by platform (see ``docs/security.md``):

* **Linux and macOS (CUPS)**: the app's own vector PDF, cut down to the pages
  chosen, is streamed straight to the CUPS queue with the dialog's options
  (copies, collation, two-sided, page order, colour, paper): see
  :mod:`supervision_app.cups`.  No temporary file is made; the text stays
  sharp and searchable.
* **Print to file (PDF)**: the chosen pages of the same PDF are written to the
  file chosen, completely or not at all.
* **Windows** (and a system without the CUPS library): each chosen page is
  rendered with PDFium at the printer's own resolution, in bands, and painted
  onto the printer; one band is in memory at a time.

Laying out, cutting and sending all run on a worker thread with progress and
Cancel: a job cancelled while it is being sent is withdrawn from the queue.

Print preview renders the pages with PDFium (QtPdf is not part of
PySide6-Essentials) at screen resolution, for the screen only: its Print
button prints the same vector PDF as above, and can print just the page shown.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QRectF, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrintEngine,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from supervision_app import cups
from supervision_app.print_job import (
    SIDES,
    PageRangeError,
    PrintChoices,
    in_record,
    page_count,
    parse_page_ranges,
    select_pages,
)
from supervision_app.ui.background import BackgroundThread, owner, wait_in_loop
from supervision_app.ui.print_raster import PrintError, paint_pdf

#: Resolution of the print preview's pages (the screen only; printing never uses them).
PREVIEW_DPI = 110
#: Qt's private print engine key for the CUPS options the dialog collected (qcups_p.h).
_PPK_CUPS_OPTIONS = QPrintEngine.PrintEnginePropertyKey(0xFE00)


class _Cancelled(Exception):
    """Raised from the layout's progress callback to stop it."""


#: Lays the PDF out, calling ``progress(kind, value)`` as it goes (see ``record/pdf/render.py``).
PdfBuild = Callable[[Callable[[str, int], None]], bytes]


@dataclass(frozen=True)
class Printed:
    """What was sent, for the status bar and the audit trail (no record text)."""

    destination: str  # the printer's name, or the file's path
    pages: tuple[int, ...]
    total: int  # pages in the record
    copies: int
    job_id: int = 0  # the CUPS job, 0 where there is none


class PrintWorker(BackgroundThread):
    """Work for printing off the GUI thread, with progress and Cancel.

    ``progress(stage, done, total)``: stage is ``layout`` (paragraphs), ``render``
    (preview pages), ``send`` (bytes to the queue) or ``page`` (pages painted).
    Closing the window cancels it (see :mod:`.background`).
    """

    progress = Signal(str, int, int)

    def __init__(self, data: bytes | PdfBuild, parent=None) -> None:
        super().__init__(parent)
        self._data = data
        self._cancel = threading.Event()
        self._layout_total = 0
        self.pdf: bytes | None = data if isinstance(data, bytes) else None
        self.pages = 0  # pages in the PDF, once laid out
        self.error = ""

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _layout_step(self, kind: str, value: int) -> None:
        if self._cancel.is_set():
            raise _Cancelled
        if kind == "SIZE_EST":
            self._layout_total = value
        elif kind == "PROGRESS":
            self.progress.emit("layout", value, max(self._layout_total, value))

    def _lay_out(self) -> bytes | None:
        if self.pdf is None and not isinstance(self._data, bytes):
            try:
                self.pdf = self._data(self._layout_step)
            except _Cancelled:
                return None
        return self.pdf

    def run(self) -> None:
        try:
            if self._lay_out() is not None and not self.cancelled:
                self.pages = page_count(self.pdf or b"")  # PDFium: imported here, not in the GUI
                self.work()
        except (PrintError, cups.CupsError, PageRangeError) as exc:
            self.error = str(exc)
        except Exception as exc:  # a damaged PDF or out of memory: report, never crash
            self.error = QCoreApplication.translate(
                "Printing", "The record could not be printed ({error})."
            ).format(error=type(exc).__name__)

    def work(self) -> None:
        """After the layout (if any): the printing work itself."""


class PageRenderThread(PrintWorker):
    """Lays out (if need be) and renders every page to a ``QImage`` for print preview."""

    def __init__(self, data: bytes | PdfBuild, dpi: int, parent=None) -> None:
        super().__init__(data, parent)
        self._dpi = dpi
        self.images: list[QImage] = []

    def work(self) -> None:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(self.pdf)
        try:
            total = len(document)
            for index in range(total):
                if self.cancelled:
                    return
                page = document[index]
                bitmap = page.render(scale=self._dpi / 72, prefer_bgrx=True)
                image = _image(bitmap).copy()  # own the pixels before PDFium frees its buffer
                image.setDotsPerMeterX(round(self._dpi / 0.0254))
                image.setDotsPerMeterY(round(self._dpi / 0.0254))
                self.images.append(image)
                bitmap.close()
                page.close()
                self.progress.emit("render", index + 1, total)
        finally:
            document.close()


def _image(bitmap) -> QImage:
    return QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32
    )


class SendThread(PrintWorker):
    """Sends the chosen pages to the printer the dialog chose (see the module's notes)."""

    def __init__(self, pdf: bytes, printer: QPrinter, choices: PrintChoices, title: str,
                 parent=None) -> None:  # fmt: skip
        super().__init__(pdf, parent)
        self._printer = printer
        self._choices = choices
        self._title = title
        self.job_id = 0
        self.sent = False

    def work(self) -> None:
        route = print_route(self._printer)
        if route == "file":
            self._to_file()
        elif route == "cups":
            self._to_cups()
        else:
            self.sent = paint_pdf(
                self._printer,
                self.pdf or b"",
                self._choices,
                progress=lambda done, total: self.progress.emit("page", done, total),
                cancelled=lambda: self.cancelled,
            )

    def _to_cups(self) -> None:
        data = select_pages(self.pdf or b"", self._choices.pages)
        job = cups.send_pdf(
            self._printer.printerName(),
            data,
            self._title,
            self._choices.cups_options(),
            sent=lambda done, total: self.progress.emit("send", done, total),
            cancelled=lambda: self.cancelled,
        )
        self.job_id, self.sent = job or 0, job is not None

    def _to_file(self) -> None:
        from supervision_app.record.pdf import RecordExportError, write_bytes

        data = select_pages(self.pdf or b"", self._choices.pages)
        if self.cancelled:
            return
        try:
            write_bytes(data, Path(self._printer.outputFileName()))
        except RecordExportError as exc:
            raise PrintError(str(exc)) from exc
        self.sent = True


def print_route(printer: QPrinter) -> str:
    """``file`` (print to a PDF file), ``cups`` (the vector PDF to the queue) or ``raster``."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return "file"
    if sys.platform != "win32" and printer.printerName() and cups.available():
        return "cups"
    return "raster"


def _run(parent: QWidget | None, thread: PrintWorker, stage: str, destination: str = "") -> None:
    """Run ``thread`` with a progress dialog whose Cancel stops it; PrintError on failure.

    ``stage`` names the work after the layout (``render`` or ``send``).
    """
    labels = {
        "layout": QCoreApplication.translate("Printing", "Laying out the record…"),
        "render": QCoreApplication.translate("Printing", "Preparing pages for printing…"),
        "send": _sending(destination),
    }
    first = labels["layout" if thread.pdf is None else stage]
    progress = QProgressDialog(
        first, QCoreApplication.translate("Printing", "Cancel"), 0, 0, parent
    )
    progress.setObjectName("printProgress")
    progress.setWindowTitle(QCoreApplication.translate("Printing", "Printing"))
    progress.setAccessibleName(QCoreApplication.translate("Printing", "Printing progress"))
    progress.setMinimumDuration(300)

    def on_progress(stage: str, done: int, total: int) -> None:
        if not shiboken6.isValid(progress):  # closed and deleted elsewhere
            return
        if stage == "page":
            text = QCoreApplication.translate(
                "Printing", "Sending page {done} of {total} to {printer}…"
            ).format(done=min(done + 1, total), total=total, printer=destination)
        else:
            text = labels.get(stage, first)
        if progress.labelText() != text:
            progress.setLabelText(text)
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, total - 1))  # reaching the maximum would close it

    thread.progress.connect(on_progress)
    # Closing the dialog when the work is done also emits "canceled": only a cancel while
    # the work runs counts.
    progress.canceled.connect(lambda: thread.cancel() if thread.isRunning() else None)
    wait_in_loop(thread, progress)
    if thread.error:
        raise PrintError(thread.error)


def _sending(destination: str) -> str:
    return QCoreApplication.translate("Printing", "Sending to {printer}…").format(
        printer=destination
    )


def lay_out(parent: QWidget | None, data: bytes | PdfBuild) -> tuple[bytes, int] | None:
    """The PDF and its number of pages, laid out on a worker with progress.

    None if cancelled; PrintError on failure.
    """
    thread = PrintWorker(data, owner(parent))
    _run(parent, thread, "layout")
    return None if thread.cancelled or thread.pdf is None else (thread.pdf, thread.pages)


def render_pages(parent: QWidget | None, data: bytes | PdfBuild, dpi: int) -> list[QImage] | None:
    """Lay out (if need be) and render every page for the preview. None if cancelled."""
    pages, _pdf = _render(parent, data, dpi)
    return pages


def _render(parent, data, dpi) -> tuple[list[QImage] | None, bytes | None]:
    thread = PageRenderThread(data, dpi, owner(parent))
    _run(parent, thread, "render")
    if thread.cancelled or thread.pdf is None:
        return None, None
    return thread.images, thread.pdf


def paint_pages(printer: QPrinter, images: list[QImage]) -> bool:
    """Paint one preview image per page, scaled to fit (the print preview's pages only)."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            area = QRectF(painter.viewport())
            scale = min(area.width() / image.width(), area.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            target = QRectF(area.x() + (area.width() - width) / 2, area.y(), width, height)
            painter.drawImage(target, image)
    finally:
        painter.end()
    return True


def choices_from(printer: QPrinter, total: int, current_page: int = 0) -> PrintChoices:
    """What the dialog asked for, read off the printer it configured."""
    extra = _dialog_cups_options(printer)
    chosen = printer.printRange()
    if chosen == QPrinter.PrintRange.CurrentPage and current_page:
        pages = in_record([current_page], total)
    elif chosen == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        text = ranges.toString() if not ranges.isEmpty() else ""
        text = text or f"{printer.fromPage()}-{printer.toPage()}"
        pages = parse_page_ranges(text, total)
    elif "page-ranges" in dict(extra):  # a range the dialog left to the print system
        pages = parse_page_ranges(dict(extra)["page-ranges"], total)
    else:
        pages = tuple(range(1, total + 1))
    duplex = printer.duplex()
    sides = {
        QPrinter.DuplexMode.DuplexNone: SIDES[0],
        QPrinter.DuplexMode.DuplexAuto: SIDES[1],
        QPrinter.DuplexMode.DuplexLongSide: SIDES[1],
        QPrinter.DuplexMode.DuplexShortSide: SIDES[2],
    }.get(duplex, "")
    return PrintChoices(
        pages=pages,
        copies=max(1, printer.copyCount()),
        collate=printer.collateCopies(),
        sides=sides,
        monochrome=printer.colorMode() == QPrinter.ColorMode.GrayScale,
        reverse=printer.pageOrder() == QPrinter.PageOrder.LastPageFirst,
        media=printer.pageLayout().pageSize().key(),
        extra=extra,
    )


def _dialog_cups_options(printer: QPrinter) -> tuple[tuple[str, str], ...]:
    engine = printer.printEngine()
    values = engine.property(_PPK_CUPS_OPTIONS) if engine is not None else None
    if not isinstance(values, list):
        return ()
    texts = [str(value) for value in values]
    return tuple(zip(texts[0::2], texts[1::2], strict=False))


def print_dialog(printer: QPrinter, parent: QWidget | None, total: int, current_page: int):
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    option = QAbstractPrintDialog.PrintDialogOption
    options = option.PrintToFile | option.PrintPageRange | option.PrintCollateCopies
    options |= option.PrintShowPageSize
    if current_page:
        options |= option.PrintCurrentPage
    dialog.setOptions(options)
    dialog.setMinMax(1, max(total, 1))
    printer.setFromTo(1, max(total, 1))
    return dialog


def print_pdf(
    parent: QWidget | None, data: bytes | PdfBuild, title: str, *, current_page: int = 0
) -> Printed | None:
    """Lay out, ask with the platform's print dialog, then send. What was sent, or None.

    ``current_page`` (1-based, from the preview) offers "Current page" in the dialog.
    """
    laid_out = lay_out(parent, data)
    if laid_out is None:
        return None
    pdf, total = laid_out
    return _print_laid_out(parent, pdf, total, title, current_page)


def _print_laid_out(parent: QWidget | None, pdf: bytes, total: int, title: str, current: int):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = print_dialog(printer, parent, total, current)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        choices = choices_from(printer, total, current)
    except PageRangeError as exc:
        raise PrintError(str(exc)) from exc
    file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    destination = printer.outputFileName() if file else printer.printerName()
    thread = SendThread(pdf, printer, choices, title, owner(parent))
    _run(parent, thread, "send", destination)
    if not thread.sent:
        return None
    return Printed(destination, choices.pages, total, choices.copies, thread.job_id)


def preview_pdf(parent: QWidget | None, data: bytes | PdfBuild, title: str) -> Printed | None:
    """Qt's print preview of the pages; its Print button prints the vector PDF.

    What was printed from it, or None.
    """
    images, pdf = _render(parent, data, PREVIEW_DPI)
    if not images or pdf is None:
        return None
    total = len(images)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("printPreviewDialog")
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print preview"))
    dialog.paintRequested.connect(lambda target: paint_pages(target, images))
    printed: list[Printed] = []
    widget = dialog.findChild(QPrintPreviewWidget)

    def print_from_preview() -> None:
        current = widget.currentPage() if widget is not None else 0
        try:
            result = _print_laid_out(dialog, pdf, total, title, current)
        except PrintError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                dialog, QCoreApplication.translate("Printing", "Printing"), str(exc)
            )
            return
        if result is not None:
            printed.append(result)
            dialog.accept()

    _take_over_print_action(dialog, print_from_preview)
    dialog.exec()
    return printed[0] if printed else None


def _take_over_print_action(dialog: QPrintPreviewDialog, print_it: Callable[[], None]) -> None:
    """Point the preview's Print button at our printing; hide what only changes the preview.

    Page setup and orientation would reshape the preview's images, not the record (whose
    pages are laid out A4 portrait), so they are hidden.
    """
    from PySide6.QtGui import QAction

    def qt_text(text: str) -> str:
        return QCoreApplication.translate("QPrintPreviewDialog", text)

    for action in dialog.findChildren(QAction):
        if action.text() == qt_text("Print"):
            action.triggered.disconnect()
            action.triggered.connect(print_it)
        elif action.text() in (qt_text("Page setup"), qt_text("Portrait"), qt_text("Landscape")):
            action.setVisible(False)
