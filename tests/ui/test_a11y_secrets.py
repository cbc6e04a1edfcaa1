"""No character of a passphrase, a recovery key or a PDF password reaches the accessibility
layer (what Orca reads over AT-SPI): every secret field is typed into while Qt's accessibility
events are recorded in-process, and its accessible value and text are read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from supervision_app.ui.credential_dialog import CredentialDialog
from supervision_app.ui.passphrase_dialog import PassphraseDialog, PassphrasePurpose
from supervision_app.ui.password_dialog import PasswordDialog
from supervision_app.ui.unlock_panel import UnlockPanel
from tests.accessibility_events import AccessibilityRecorder

pytestmark = pytest.mark.skipif(
    not AccessibilityRecorder.available, reason="needs Qt's update handler (Linux build)"
)

SECRET = "Secret9 horse BATTERY qz"  # what a listener on AT-SPI logged, and more
LETTERS = set(SECRET) - {" "}


def _leaks(text: str) -> set[str]:
    return LETTERS & set(text)


def _accessible_texts(field: QLineEdit) -> str:
    iface = QAccessible.queryAccessibleInterface(field)
    parts = [iface.text(QAccessible.Text.Value)]
    text_iface = iface.textInterface()
    if text_iface is not None:
        parts.append(text_iface.text(0, text_iface.characterCount()))
    return "".join(p or "" for p in parts)


def _type_like_a_person(qtbot, field: QLineEdit) -> None:
    field.setFocus()
    qtbot.keyClicks(field, SECRET)
    qtbot.keyClick(field, Qt.Key.Key_Left)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)  # deletes the "q"
    qtbot.keyClicks(field, "q")
    qtbot.keyClick(field, Qt.Key.Key_End)
    # A composed character (an input method) and a paste.
    event = QInputMethodEvent()
    event.setCommitString("é")
    QApplication.sendEvent(field, event)
    QGuiApplication.clipboard().setText("Zx")
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().clear()


def _check(qtbot, field: QLineEdit) -> None:
    with AccessibilityRecorder() as seen:
        _type_like_a_person(qtbot, field)
        spoken = _accessible_texts(field)
    # The app still gets every character, in order...
    assert field.text() == SECRET + "éZx"
    # ...and the accessibility layer none of them.
    inserted = seen.of_kind(QAccessible.Event.TextInserted)
    assert inserted, "typing sent no text event at all: the recorder is not listening"
    assert not _leaks(seen.all_text()), [e.texts for e in seen.events if e.texts]
    assert not _leaks(spoken)
    assert "é" not in seen.all_text() + spoken


def test_unlock_field_passphrase_and_recovery_key(qtbot, tmp_path: Path) -> None:
    panel = UnlockPanel(lambda _credential: None, tmp_path / "x.sqlite3", "Unlock")
    qtbot.addWidget(panel)
    panel.show()
    _check(qtbot, panel.field)
    panel.toggle_mode()  # the recovery key is typed unseen and unspoken too
    assert panel.field.text() == ""
    _check(qtbot, panel.field)


@pytest.mark.parametrize("purpose", [PassphrasePurpose.FIRST_RUN, PassphrasePurpose.CHANGE])
def test_passphrase_dialog_fields(qtbot, purpose) -> None:
    dialog = PassphraseDialog(purpose=purpose)
    qtbot.addWidget(dialog)
    dialog.show()
    fields = [dialog.passphrase, dialog.confirm]
    if purpose is PassphrasePurpose.CHANGE:
        fields.insert(0, dialog.current)
    for field in fields:
        _check(qtbot, field)
    assert dialog.collect() == SECRET + "éZx"
    assert dialog.validate(dialog.collect()) == []


def test_pdf_password_and_credential_dialogs(qtbot) -> None:
    password = PasswordDialog()
    qtbot.addWidget(password)
    password.show()
    _check(qtbot, password.password_edit)
    _check(qtbot, password.repeat_edit)
    assert password.validate(password.collect()) == []

    credential = CredentialDialog(title="Backup passphrase")
    qtbot.addWidget(credential)
    credential.show()
    _check(qtbot, credential.field)


def test_secret_field_edits_like_a_line_edit(qtbot) -> None:
    """Selecting and deleting in the middle, Home/End, Delete, and select-all-then-type
    change the real text exactly as they change what is shown."""
    panel = UnlockPanel(lambda _credential: None, Path("x"), "Unlock")
    qtbot.addWidget(panel)
    panel.show()
    field = panel.field
    field.setFocus()
    qtbot.keyClicks(field, "abcdef")
    qtbot.keyClick(field, Qt.Key.Key_Home)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.text() == "bcdef"
    qtbot.keyClick(field, Qt.Key.Key_Right)
    qtbot.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(field, "X")
    assert field.text() == "bXef"
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "bXe"
    field.selectAll()
    qtbot.keyClicks(field, "new")
    assert field.text() == "new"
    assert QLineEdit.text(field) == "\u25cf" * 3
    field.clear()
    assert field.text() == "" and QLineEdit.text(field) == ""
