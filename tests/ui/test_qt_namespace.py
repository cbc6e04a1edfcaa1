"""The first screen's enum-valued settings, written as Qt properties with Qt's own numbers
(``ui/qt_namespace.py``), do what the enums would: plain text, selectable with the I-beam,
a field input methods treat as a password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from supervision_app.ui import qt_namespace
from supervision_app.ui.secret_field import SecretField
from supervision_app.ui.widgets import problems_box, text_label


def test_the_numbers_are_qts() -> None:
    assert Qt.TextFormat.PlainText.value == qt_namespace.PLAIN_TEXT
    assert Qt.TextInteractionFlag.TextSelectableByMouse.value == qt_namespace.TEXT_SELECTABLE_BY_MOUSE
    assert Qt.InputMethodHint.ImhHiddenText.value == qt_namespace.IMH_HIDDEN_TEXT
    assert Qt.InputMethodHint.ImhSensitiveData.value == qt_namespace.IMH_SENSITIVE_DATA
    assert Qt.InputMethodHint.ImhNoPredictiveText.value == qt_namespace.IMH_NO_PREDICTIVE_TEXT


def test_a_label_shows_markup_as_written(qtbot) -> None:
    label = text_label("<b>Mum said</b> & left")
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == "<b>Mum said</b> & left"


def test_a_selectable_label_can_be_selected_and_shows_the_i_beam(qtbot) -> None:
    label = text_label("/home/worker/records.sqlite3", selectable=True)
    frame, problems = problems_box()
    qtbot.addWidget(label)
    qtbot.addWidget(frame)
    for each in (label, problems):
        assert each.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
        assert each.cursor().shape() == Qt.CursorShape.IBeamCursor
    assert text_label("plain").cursor().shape() == Qt.CursorShape.ArrowCursor


def test_a_label_made_before_the_namespace_gets_its_i_beam_when_it_is_made(
    qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(qt_namespace, "made", lambda: False)
    label = text_label("/home/worker/records.sqlite3", selectable=True)
    qtbot.addWidget(label)
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    assert label.cursor().shape() == Qt.CursorShape.ArrowCursor  # not yet
    qt_namespace.make()
    assert label.cursor().shape() == Qt.CursorShape.IBeamCursor


def test_the_secret_field_tells_input_methods_it_is_a_password(qtbot) -> None:
    field = SecretField()
    qtbot.addWidget(field)
    hints = field.inputMethodHints()
    for hint in (
        Qt.InputMethodHint.ImhHiddenText,
        Qt.InputMethodHint.ImhSensitiveData,
        Qt.InputMethodHint.ImhNoPredictiveText,
    ):
        assert hints & hint


def test_a_property_qt_does_not_know_is_refused(qtbot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    with pytest.raises(RuntimeError, match="QLineEdit has no Qt property 'textFormat'"):
        qt_namespace.plain_text(field)  # type: ignore[arg-type]
