"""A small line chart of the two scaling ratings over a case's sessions (QPainter)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from supervision_app.domain.memory import Rating
from supervision_app.ui import theme

CHILD_COLOUR = "#1D5A96"  # the accent blue
WORKER_COLOUR = "#B3541E"  # burnt orange, distinguishable from blue for most colour vision


class RatingsChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingsChart")
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Ratings over time"))
        self._ratings: list[Rating] = []

    def sizeHint(self) -> QSize:
        return QSize(520, 190)

    def set_ratings(self, ratings: Sequence[Rating]) -> None:
        self._ratings = list(ratings)
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """The chart in words, for screen readers and tests."""
        if not self._ratings:
            return self.tr("No ratings recorded yet.")
        parts = [
            self.tr("{date}: child {child}, worker {worker}").format(
                date=r.on.strftime("%d %b %Y"),
                child="–" if r.child_safety is None else r.child_safety,
                worker="–" if r.worker_safety is None else r.worker_safety,
            )
            for r in self._ratings
        ]
        return "; ".join(parts)

    def _chart_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 8))
        return font

    def _legend_texts(self) -> list[tuple[str, str]]:
        return [
            (self.tr("How safe is the child? (0–10)"), CHILD_COLOUR),
            (self.tr("How safe and authoritative does the worker feel? (0–10)"), WORKER_COLOUR),
        ]

    def _legend_rows(self, metrics: QFontMetrics) -> int:
        """1 if both legend entries fit side by side in the width, else 2 (one under the other)."""
        needed = sum(22 + metrics.horizontalAdvance(t) + 18 for t, _c in self._legend_texts())
        return 1 if needed + 8 <= self.width() else 2

    def _legend_rects(self, metrics: QFontMetrics) -> list[QRectF]:
        """Where each legend text goes: side by side, or one under the other and wrapped to the
        width (a narrow window, a large font)."""
        rects, xx, top = [], 30.0, 0.0
        stacked = self._legend_rows(metrics) == 2
        flags = int(Qt.TextFlag.TextWordWrap)
        for text, _colour in self._legend_texts():
            if stacked:
                room = max(self.width() - 30 - 4, 40)
                bound = metrics.boundingRect(0, 0, int(room), 10_000, flags, text)
                rects.append(QRectF(30, top, room, bound.height()))
                top += bound.height() + 4
            else:
                w = metrics.horizontalAdvance(text)
                rects.append(QRectF(xx, 0, w + 2, metrics.height()))
                xx += w + 22 + 18
        return rects

    def _legend_height(self, metrics: QFontMetrics) -> float:
        return max(r.bottom() for r in self._legend_rects(metrics)) + 4

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        metrics = QFontMetrics(self._chart_font())
        # Tall enough for the legend (wrapped on a narrow window), the plot and the date labels.
        needed = int(self._legend_height(metrics)) + 110 + metrics.height()
        if self.minimumHeight() != max(needed, 170):
            self.setMinimumHeight(max(needed, 170))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = self._chart_font()
        painter.setFont(font)
        metrics = QFontMetrics(font)
        legend_h = self._legend_height(metrics)
        widest = max((metrics.horizontalAdvance(self._label(r)) for r in self._ratings), default=0)
        # room for half a date label either side, so the first and last are never cut off
        left = max(metrics.horizontalAdvance("10") + 12, widest / 2 + 4)
        right = widest / 2 + 4 if self._ratings else 12
        plot = QRectF(left, legend_h + 6, self.width() - left - right, 0)
        plot.setBottom(self.height() - metrics.height() - 10)
        self._draw_grid(painter, plot, metrics)
        self._draw_legend(painter, metrics)
        if not self._ratings:
            painter.setPen(QColor(theme.TEXT_SECONDARY))
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("No ratings yet"))
            return
        n = len(self._ratings)
        step = plot.width() / max(n - 1, 1)

        def x(i: int) -> float:
            return plot.left() + (step * i if n > 1 else plot.width() / 2)

        def y(value: int) -> float:
            return plot.bottom() - plot.height() * value / 10

        painter.setPen(QColor(theme.TEXT_SECONDARY))
        last_end = float("-inf")
        for i, r in enumerate(self._ratings):  # date labels that do not overlap, last one kept
            label = self._label(r)
            w = metrics.horizontalAdvance(label)
            start = min(max(x(i) - w / 2, 0), self.width() - w)
            later_fits = i == n - 1 or start + w + 8 <= x(n - 1) - widest / 2
            if start >= last_end + 8 and later_fits:
                painter.drawText(QPointF(start, self.height() - 6), label)
                last_end = start + w
        for attr, colour in (("child_safety", CHILD_COLOUR), ("worker_safety", WORKER_COLOUR)):
            points = [
                QPointF(x(i), y(getattr(r, attr)))
                for i, r in enumerate(self._ratings)
                if getattr(r, attr) is not None
            ]
            painter.setPen(QPen(QColor(colour), 2.2))
            for a, b in itertools.pairwise(points):
                painter.drawLine(a, b)
            painter.setBrush(QColor(colour))
            for p in points:
                painter.drawEllipse(p, 3.5, 3.5)

    def _draw_grid(self, painter: QPainter, plot: QRectF, metrics: QFontMetrics) -> None:
        for value in (0, 5, 10):
            yy = plot.bottom() - plot.height() * value / 10
            painter.setPen(QPen(QColor("#E3E8ED"), 1))
            painter.drawLine(QPointF(plot.left(), yy), QPointF(plot.right(), yy))
            painter.setPen(QColor(theme.TEXT_SECONDARY))
            painter.drawText(
                QRectF(0, yy - metrics.height() / 2, plot.left() - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )

    @staticmethod
    def _label(rating: Rating) -> str:
        return rating.on.strftime("%b %Y")  # "May 2026" ("May 26" reads as a day)

    def _draw_legend(self, painter: QPainter, metrics: QFontMetrics) -> None:
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        for (text, colour), rect in zip(
            self._legend_texts(), self._legend_rects(metrics), strict=True
        ):
            painter.setPen(QPen(QColor(colour), 3))
            mid = rect.top() + metrics.height() / 2 + 2
            painter.drawLine(QPointF(rect.left() - 22, mid), QPointF(rect.left() - 6, mid))
            painter.setPen(QColor(theme.TEXT))
            painter.drawText(rect.translated(0, 2), flags, text)
