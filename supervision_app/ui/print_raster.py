"""The record painted onto a printer as images, where the vector PDF cannot be sent.

Used on Windows (its print system takes GDI drawing, not PDF) and where the CUPS
library is missing.  Each page is rendered with PDFium at the printer's own
resolution (never the preview's), in horizontal bands, and painted at once: one
band is in memory at a time, whatever the number of pages.  Runs on the print
worker (Qt allows a ``QPainter`` on a ``QPrinter`` off the GUI thread); Cancel
aborts the printer's job, which withdraws it from the spooler.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from supervision_app.print_job import PrintChoices

#: Highest resolution rendered, whatever a driver claims (1200 dpi is beyond a laser's toner).
MAX_DPI = 1200
#: Bytes of pixels rendered at a time (a band of the page).
BAND_BYTES = 8 * 1024 * 1024


class PrintError(Exception):
    """The record could not be printed; the message is fit to show (:mod:`.printing` raises
    it too, and hands it on to its callers)."""


def raster_dpi(printer: QPrinter) -> int:
    return min(max(printer.resolution(), 150), MAX_DPI)


def page_sequence(choices: PrintChoices, copies_by_app: int) -> list[int]:
    """The pages in the order to paint them, the copies the driver cannot make included."""
    pages = list(reversed(choices.pages)) if choices.reverse else list(choices.pages)
    if copies_by_app <= 1:
        return pages
    if choices.collate:
        return pages * copies_by_app
    return [page for page in pages for _copy in range(copies_by_app)]


def paint_pdf(
    printer: QPrinter,
    pdf: bytes,
    choices: PrintChoices,
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> bool:
    """Paint the chosen pages; True if the job was completed, False if cancelled."""
    import pypdfium2 as pdfium

    printer.setFullPage(True)  # the PDF's own margins place the text, as on paper
    copies_by_app = 1 if printer.supportsMultipleCopies() else choices.copies
    sequence = page_sequence(choices, copies_by_app)
    dpi = raster_dpi(printer)
    document = pdfium.PdfDocument(pdf)
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise PrintError(
                QCoreApplication.translate(
                    "Printing", "The printer {printer} could not be opened."
                ).format(printer=printer.printerName())
            )
        for done, number in enumerate(sequence):
            if cancelled():
                printer.abort()  # withdraws the job from the spooler
                return False
            if done:
                printer.newPage()
            page = document[number - 1]
            try:
                _paint_page(painter, page, dpi)
            finally:
                page.close()
            progress(done + 1, len(sequence))
        return True
    finally:
        if painter.isActive():
            painter.end()
        document.close()


def _paint_page(painter: QPainter, page, dpi: int) -> None:
    width_pt, height_pt = page.get_size()
    scale = dpi / 72
    area = QRectF(painter.viewport())
    fit = min(area.width() / (width_pt * scale), area.height() / (height_pt * scale))
    width_px = max(1, round(width_pt * scale))
    band_pt = max(16, BAND_BYTES // (width_px * 4)) / scale
    left = area.x() + (area.width() - width_px * fit) / 2
    top = 0.0
    while top < height_pt:
        bottom = min(height_pt, top + band_pt)
        # crop: what to cut from the left, bottom, right and top of the page, in points
        bitmap = page.render(scale=scale, crop=(0, height_pt - bottom, 0, top), prefer_bgrx=True)
        try:
            image = QImage(
                bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                QImage.Format.Format_RGB32,
            ).copy()  # fmt: skip
        finally:
            bitmap.close()
        target = QRectF(left, area.y() + top * scale * fit, image.width() * fit,
                        (bottom - top) * scale * fit)  # fmt: skip
        painter.drawImage(target, image)
        del image
        top = bottom
