"""What the print dialog asked for, as plain data, and the PDF cut down to exactly that.

The window reads the choices off Qt's ``QPrinter`` (``ui/printing.py``); this
module turns them into the pages to send and the CUPS job options, without Qt.
Only the pages asked for leave the app: a range of 2-3 sends a two-page PDF,
so the print system's spool never holds the rest of the record.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Options the app works out itself; the same names from the dialog's CUPS list are dropped.
_OWN_OPTIONS = frozenset({"page-ranges", "copies", "collate", "Collate", "sides", "outputorder"})

SIDES = ("one-sided", "two-sided-long-edge", "two-sided-short-edge")


class PageRangeError(ValueError):
    """A page range that names no page of the record; the message is fit to show."""


@dataclass(frozen=True)
class PrintChoices:
    """The dialog's choices. ``pages`` are 1-based page numbers of the record, ascending."""

    pages: tuple[int, ...]
    copies: int = 1
    collate: bool = True
    sides: str = ""  # one of SIDES, or "" for the printer's default
    monochrome: bool = False
    reverse: bool = False  # last page first
    media: str = ""  # e.g. "A4"; "" for the printer's default
    extra: tuple[tuple[str, str], ...] = field(default=())  # the dialog's own CUPS options

    def cups_options(self) -> dict[str, str]:
        """The job options for CUPS (the pages themselves are cut out before sending)."""
        options = {name: value for name, value in self.extra if name not in _OWN_OPTIONS}
        options["copies"] = str(max(1, self.copies))
        if self.copies > 1:
            options["collate"] = "true" if self.collate else "false"
        if self.sides:
            options["sides"] = self.sides
        if self.monochrome:
            options["print-color-mode"] = "monochrome"
        if self.reverse:
            options["outputorder"] = "reverse"
        if self.media and "media" not in options:
            options["media"] = self.media
        return options


def parse_page_ranges(text: str, total: int) -> tuple[int, ...]:
    """``"2-3,5"`` (CUPS ``page-ranges`` syntax) as page numbers within 1..total."""
    pages: set[int] = set()
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        first, _dash, last = part.partition("-")
        try:
            start = int(first) if first else 1
            end = (int(last) if last else total) if _dash else start
        except ValueError:
            raise PageRangeError(f"'{part}' is not a page range") from None
        pages.update(range(max(1, start), min(end, total) + 1))
    return in_record(pages, total)


def in_record(pages: Iterable[int], total: int) -> tuple[int, ...]:
    """The pages that exist, ascending; PageRangeError if none does."""
    chosen = tuple(sorted({page for page in pages if 1 <= page <= total}))
    if not chosen:
        raise PageRangeError(f"The record has {total} pages; the range chosen names none of them")
    return chosen


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def select_pages(pdf: bytes, pages: tuple[int, ...]) -> bytes:
    """A PDF (in memory) of just ``pages`` (1-based); the same bytes if that is every page."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(pdf)
    try:
        if pages == tuple(range(1, len(source) + 1)):
            return pdf
        target = pdfium.PdfDocument.new()
        try:
            target.import_pages(source, pages=[page - 1 for page in pages])
            buffer = io.BytesIO()
            target.save(buffer)
            return buffer.getvalue()
        finally:
            target.close()
    finally:
        source.close()


def pages_text(pages: tuple[int, ...]) -> str:
    """``(1, 2, 3, 5)`` as ``"1–3, 5"``, for the status bar and the audit trail."""
    runs: list[list[int]] = []
    for page in sorted(pages):
        if runs and page == runs[-1][1] + 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)
