"""Printing and print preview of a PDF held in memory.

QtPdf is not part of PySide6-Essentials (it comes with PySide6-Addons, a 59 MB
wheel), so pages are rendered with PDFium through ``pypdfium2`` (a 4 MB wheel)
into ``QImage`` objects on a worker thread, with progress and cancel, and then
painted onto a ``QPrinter``.  Nothing is written to disk: the PDF bytes and the
page images live only in memory.

The PDF itself can be laid out on the same worker (pass a *build* function
instead of bytes): a long record then never freezes the window, its layout
shows progress, and Cancel stops it between two paragraphs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRectF, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from supervision_app.ui.background import BackgroundThread, owner, wait_in_loop

#: Resolution pages are rendered at for printing (capped: higher costs memory, not clarity).
PRINT_DPI = 200
PREVIEW_DPI = 110


class PrintError(Exception):
    """The pages could not be rendered; the message is fit to show."""


class _Cancelled(Exception):
    """Raised from the layout's progress callback to stop it."""


#: Lays the PDF out, calling ``progress(kind, value)`` as it goes (see ``record/pdf.py``).
PdfBuild = Callable[[Callable[[str, int], None]], bytes]


class PageRenderThread(BackgroundThread):
    """Renders every page of ``data`` to a ``QImage`` off the GUI thread.

    Closing the window cancels it (see :mod:`.background`): nothing is printed.
    """

    page_done = Signal(int, int)  # pages rendered, total
    layout_progress = Signal(int, int)  # paragraphs laid out, total (while building the PDF)

    def __init__(self, data: bytes | PdfBuild, dpi: int, parent=None) -> None:
        super().__init__(parent)
        self._data = data
        self._dpi = dpi
        self._cancel = threading.Event()
        self.images: list[QImage] = []
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
            self.layout_progress.emit(value, max(self._layout_total, value))

    def _pdf(self) -> bytes | None:
        if isinstance(self._data, bytes):
            return self._data
        self._layout_total = 0
        try:
            return self._data(self._layout_step)
        except _Cancelled:
            return None

    def run(self) -> None:
        try:
            import pypdfium2 as pdfium
        except ImportError:
            self.error = QCoreApplication.translate(
                "Printing", "Printing needs the pypdfium2 package, which is not installed."
            )
            return
        try:
            data = self._pdf()
            if data is None or self._cancel.is_set():
                return
            document = pdfium.PdfDocument(data)
            try:
                total = len(document)
                for index in range(total):
                    if self._cancel.is_set():
                        return
                    page = document[index]
                    bitmap = page.render(scale=self._dpi / 72, prefer_bgrx=True)
                    image = QImage(
                        bitmap.buffer,
                        bitmap.width,
                        bitmap.height,
                        bitmap.stride,
                        QImage.Format.Format_RGB32,
                    ).copy()  # own the pixels before PDFium frees its buffer
                    image.setDotsPerMeterX(round(self._dpi / 0.0254))
                    image.setDotsPerMeterY(round(self._dpi / 0.0254))
                    self.images.append(image)
                    bitmap.close()
                    page.close()
                    self.page_done.emit(index + 1, total)
            finally:
                document.close()
        except Exception as exc:  # a damaged PDF or out of memory: report, never crash
            self.error = QCoreApplication.translate(
                "Printing", "The pages could not be prepared for printing ({error})."
            ).format(error=type(exc).__name__)


def render_pages(parent: QWidget | None, data: bytes | PdfBuild, dpi: int) -> list[QImage] | None:
    """Render with a progress dialog that can cancel. None if cancelled; PrintError on failure.

    ``data`` is the PDF, or a function that lays it out (on the worker, with progress).
    """
    thread = PageRenderThread(data, dpi, owner(parent))
    laying_out = not isinstance(data, bytes)
    progress = QProgressDialog(
        QDialog.tr("Laying out the record…")
        if laying_out
        else QDialog.tr("Preparing pages for printing…"),
        QDialog.tr("Cancel"),
        0,
        0,
        parent,
    )
    progress.setObjectName("printProgress")
    progress.setWindowTitle(QDialog.tr("Printing"))
    progress.setAccessibleName(QDialog.tr("Printing progress"))
    progress.setMinimumDuration(300)

    def on_layout(done: int, total: int) -> None:
        progress.setMaximum(total)
        progress.setValue(min(done, total - 1))  # reaching the maximum would close it

    def on_page(done: int, total: int) -> None:
        if done == 1:
            progress.setLabelText(QDialog.tr("Preparing pages for printing…"))
        progress.setMaximum(total)
        progress.setValue(done)

    thread.layout_progress.connect(on_layout)
    thread.page_done.connect(on_page)
    # Closing the dialog when the work is done also emits "canceled": only a cancel while
    # the work runs counts (otherwise a render slower than the dialog's delay never printed).
    progress.canceled.connect(lambda: thread.isRunning() and thread.cancel())
    wait_in_loop(thread, progress)
    if thread.error:
        raise PrintError(thread.error)
    if thread.cancelled:
        return None
    return thread.images


def paint_pages(printer: QPrinter, images: list[QImage]) -> bool:
    """Paint one image per printed page, scaled to fit the printable area."""
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


def print_pdf(parent: QWidget | None, data: bytes | PdfBuild, title: str) -> bool:
    """The platform print dialog, then print. True if something was sent to the printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    images = render_pages(parent, data, min(PRINT_DPI, max(printer.resolution(), 72)))
    return bool(images) and paint_pages(printer, images)


def preview_pdf(parent: QWidget | None, data: bytes | PdfBuild, title: str) -> bool:
    """Show the pages in Qt's print preview (which can print). True if it was printed."""
    images = render_pages(parent, data, PREVIEW_DPI)
    if not images:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("printPreviewDialog")
    dialog.setWindowTitle(QDialog.tr("Print preview"))
    dialog.paintRequested.connect(lambda target: paint_pages(target, images))
    return dialog.exec() == QDialog.DialogCode.Accepted
