"""The ratings chart is never clipped: in the app at any width (the legend wraps, the first and
last date labels stay inside) and in the case summary PDF (the legend stays inside the page)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QRegion
from PySide6.QtWidgets import QWidget

from supervision_app.domain.memory import Rating
from supervision_app.ui.ratings_chart import RatingsChart

RATINGS = [Rating(i, date(2026, m, 12), 6 - i // 2, 7 - i // 2) for i, m in enumerate(range(5, 11))]


def _ink_columns(chart: RatingsChart) -> tuple[int, int]:
    """The leftmost and rightmost columns with anything drawn on a white background."""
    image = QImage(chart.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    # only what the chart paints, not a background an application style sheet may give it
    chart.render(image, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
    white = QColor("white").rgb()
    columns = [
        x
        for x in range(image.width())
        if any(image.pixel(x, y) != white for y in range(0, image.height(), 2))
    ]
    return columns[0], columns[-1]


def test_wide_and_narrow_the_chart_keeps_everything_inside(qtbot) -> None:
    chart = RatingsChart()
    qtbot.addWidget(chart)
    chart.set_ratings(RATINGS)
    chart.resize(900, 190)
    chart.show()
    qtbot.waitExposed(chart)
    left, right = _ink_columns(chart)
    assert left >= 0 and right <= chart.width() - 2  # "Oct 2026" is not cut at the edge

    chart.resize(340, 300)  # a compact window: the legend goes one entry under the other,
    _left, right = _ink_columns(chart)  # so nothing runs off the right-hand edge
    assert right <= chart.width() - 2
    assert chart.height() >= chart.minimumHeight()


def test_the_pdf_chart_fits_the_body_width() -> None:
    from reportlab.graphics.charts.legends import Legend

    from supervision_app.record.case_summary import CaseSummaryRecord
    from supervision_app.record.pdf.case_summary import ratings_chart
    from supervision_app.record.pdf.fonts import register_fonts
    from supervision_app.record.pdf.page import BODY_WIDTH

    register_fonts()
    summary = CaseSummaryRecord("M", "C-1", "", date(2026, 11, 10), ratings=RATINGS)
    drawing = ratings_chart(summary)
    assert drawing.width <= BODY_WIDTH
    x0, _y0, x1, _y1 = drawing.getBounds()
    assert x0 >= 0 and x1 <= BODY_WIDTH + 1  # legend and labels inside the text block
    [legend] = [c for c in drawing.contents if isinstance(c, Legend)]
    assert legend.columnMaximum == 2
