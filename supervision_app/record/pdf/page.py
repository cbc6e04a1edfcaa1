"""Page furniture: the page's geometry, the protective marking and case reference drawn on
every page (an ``onPage`` callback), the numbered canvas that adds "Page X of Y" once the
total is known, and the entries of the PDF's outline (bookmarks)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable

from supervision_app.record.pdf.fonts import FONT, FONT_BOLD, fit
from supervision_app.record.pdf.stylesheet import INK, MUTED, RULE
from supervision_app.record.styles import LABELS

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
FRAME_TOP = PAGE_HEIGHT - 22 * mm
FRAME_BOTTOM = 24 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN_X


class PageFurniture:
    """``onPage`` callback: the protective marking and the case reference on every page."""

    def __init__(self, marking: str, footer_parts: tuple[str, ...]) -> None:
        footer = " · ".join(p for p in footer_parts if p)
        self.marking = fit(marking, FONT_BOLD, 10, BODY_WIDTH)
        self.footer = fit(footer, FONT, 8, BODY_WIDTH - 35 * mm)

    def __call__(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(INK)
        canvas.setFont(FONT_BOLD, 10)
        canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 12 * mm, self.marking)
        canvas.drawCentredString(PAGE_WIDTH / 2, 9 * mm, self.marking)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        for y in (PAGE_HEIGHT - 15.5 * mm, 18.5 * mm):
            canvas.line(MARGIN_X, y, PAGE_WIDTH - MARGIN_X, y)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN_X, 14.5 * mm, self.footer)
        canvas.restoreState()


class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no types
    """Defers each page until the end so "Page X of Y" can be drawn with the total."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict[str, Any]] = []
        # (page, title, level, top): bookmarks wait with their page, whose PDF page
        # reference exists only once the pages are written at the end.
        self._sections: list[tuple[int, str, int, float]] = []

    def mark_section(self, title: str, level: int, top: float) -> None:
        self._sections.append((self._pageNumber, title, level, top))

    def showPage(self) -> None:  # ReportLab API name
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            self._draw_page_number(self._pageNumber, total)
            for number, (page, title, level, top) in enumerate(self._sections):
                if page == self._pageNumber:
                    key = f"section-{number}"
                    self.bookmarkHorizontalAbsolute(key, top + 12)
                    self.addOutlineEntry(title, key, level, closed=False)
            super().showPage()
        if self._sections:
            self.showOutline()  # readers open with the bookmarks pane
        super().save()

    def _draw_page_number(self, page: int, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillColor(MUTED)
        self.drawRightString(
            PAGE_WIDTH - MARGIN_X, 14.5 * mm, LABELS.page.format(page=page, total=total)
        )
        self.restoreState()


class OutlineEntry(Flowable):  # type: ignore[misc]  # ReportLab has no types
    """An entry in the PDF's outline (the bookmarks pane) pointing here: a screen-reader
    user, or anyone in a 30-page record, jumps to a section instead of reading every page.
    Takes no room."""

    measures_plainly = True  # measuring it adds nothing to the frame (see KeepWithFirstLines)

    def __init__(self, title: str, level: int = 0) -> None:
        super().__init__()
        self.title = " ".join(title.split())
        self.level = level
        self.width = self.height = 0

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        _x, top = canvas.absolutePosition(0, 0)
        if isinstance(canvas, NumberedCanvas):
            canvas.mark_section(self.title, self.level, top)
        else:
            key = f"section-{id(self)}"
            canvas.bookmarkHorizontalAbsolute(key, top + 12)
            canvas.addOutlineEntry(self.title, key, self.level, closed=False)
