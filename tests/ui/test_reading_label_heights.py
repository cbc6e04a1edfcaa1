"""Wrapped prompt labels remember their height per width, and forget it whenever what the
height depends on changes (line spacing, font, margins)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from supervision_app.ui.line_spacing import ReadingLabel

TEXT = "What does a day in the life of this child look like, hour by hour? " * 6


def fresh_height(label: ReadingLabel, width: int) -> int:
    return QLabel.heightForWidth(label, width)  # Qt's own layout of the text, no cache


def test_heights_follow_width_spacing_font_and_margins(qtbot) -> None:
    label = ReadingLabel(TEXT, "promptText")
    qtbot.addWidget(label)
    wide, narrow = label.heightForWidth(600), label.heightForWidth(200)
    assert narrow > wide
    assert (wide, narrow) == (fresh_height(label, 600), fresh_height(label, 200))
    assert label.heightForWidth(600) == wide  # from memory

    label.set_line_spacing(200)
    assert label.heightForWidth(600) == fresh_height(label, 600) > wide

    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    before = label.heightForWidth(600)
    label.setFont(font)
    assert label.heightForWidth(600) == fresh_height(label, 600) > before

    before = label.heightForWidth(600)
    label.setContentsMargins(0, 30, 0, 30)
    assert label.heightForWidth(600) == fresh_height(label, 600) == before + 60
