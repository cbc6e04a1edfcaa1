"""Security menu, driven like a user: a new key, a new recovery key, back up and restore."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from supervision_app.storage import (
    Passphrase,
    RecoveryKey,
    SupervisionStore,
    UnlockError,
    open_database,
)
from supervision_app.storage.keys import key_file_path
from supervision_app.storage.sqlite import cipher
from supervision_app.storage.sqlite.backup import write_backup
from supervision_app.storage.sqlite.security import rotate_key
from supervision_app.ui.credential_dialog import CredentialDialog
from supervision_app.ui.recovery_key_dialog import RecoveryKeyDialog
from tests.helpers import TEST_PASSPHRASE, TEST_RECOVERY_KEY, open_db
from tests.ui.test_gui import make_case, open_session
from tests.ui.test_gui_security import unlocked  # noqa: F401  (the fixture)

Step = Callable[[QWidget], None]


def answer_modals(steps: list[Step]) -> list[str]:
    """Hand each modal dialog, as it appears, to the next step; report what went wrong."""
    problems: list[str] = []
    pending = list(steps)

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            step = pending.pop(0)
            try:
                step(modal)
            except Exception as exc:  # never leave a modal dialog waiting
                problems.append(repr(exc))
                modal.reject()
                pending.clear()
        if pending:
            QTimer.singleShot(30, poll)

    QTimer.singleShot(30, poll)
    return problems


def give_passphrase(*attempts: str) -> Step:
    """Type each passphrase in the credential dialog; all but the last must be refused."""

    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, CredentialDialog)
        for n, text in enumerate(attempts, 1):
            dialog.field.setText(text)
            dialog.ok_button.click()
            if n < len(attempts):
                assert dialog.isVisible()
                assert dialog.problems_frame.isVisibleTo(dialog)

    return step


def store_recovery_key(seen: dict[str, str]) -> Step:
    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, RecoveryKeyDialog)
        seen["key"] = dialog.key_label.text()
        dialog.stored.setChecked(True)
        dialog.ok_button.click()

    return step


def click_restore(box: QWidget) -> None:
    assert box.objectName() == "restoreConfirm"
    box.findChild(QWidget, "restoreConfirmButton").click()


def trigger(window, name: str) -> None:
    action = next(a for a in window.security_menu.actions() if a.objectName() == name)
    action.trigger()


def references(window) -> list[str]:
    return sorted(c.reference for c in window.store.cases.list_cases())


def test_re_encrypting_from_the_menu(qtbot, unlocked) -> None:  # noqa: F811
    window, database, session_id = unlocked
    old_key = database.backend.key_ring.data_key
    seen: dict[str, str] = {}
    problems = answer_modals([give_passphrase("not it", TEST_PASSPHRASE), store_recovery_key(seen)])
    trigger(window, "rotateKeyAction")
    assert problems == []
    assert database.backend.key_ring.data_key != old_key
    with pytest.raises(cipher.DatabaseError):
        cipher.connect(str(database.path), old_key)
    assert "new key" in window.statusBar().currentMessage()
    open_session(qtbot, window, session_id)  # the window goes on working on the new file
    assert window.session_view.detail.case.reference == "CSC-7"
    with pytest.raises(UnlockError):
        database.unlock(RecoveryKey(TEST_RECOVERY_KEY))  # the old recovery key is gone
    database.lock()
    database.unlock(RecoveryKey(seen["key"]))
    assert references(window) == ["CSC-7"]


def test_cancelling_the_new_recovery_key_changes_nothing(qtbot, unlocked) -> None:  # noqa: F811
    window, database, _session_id = unlocked
    keys_before = key_file_path(database.path).read_bytes()
    problems = answer_modals([give_passphrase(TEST_PASSPHRASE), lambda d: d.reject()])
    trigger(window, "newRecoveryKeyAction")
    assert problems == []
    assert key_file_path(database.path).read_bytes() == keys_before

    seen: dict[str, str] = {}
    problems = answer_modals([give_passphrase(TEST_PASSPHRASE), store_recovery_key(seen)])
    trigger(window, "newRecoveryKeyAction")
    assert problems == []
    database.lock()
    with pytest.raises(UnlockError):
        database.unlock(RecoveryKey(TEST_RECOVERY_KEY))
    database.unlock(RecoveryKey(seen["key"]))


def test_back_up_then_restore_from_the_menu(
    qtbot,
    unlocked,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, database, _session_id = unlocked
    backup = tmp_path / "kept" / "b.supervision-backup"
    backup.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(backup), ""))
    trigger(window, "backupAction")
    assert backup.exists() and b"CSC-7" not in backup.read_bytes()

    make_case(window.store, "WRITTEN-LATER")
    window.reload_cases()
    assert references(window) == ["CSC-7", "WRITTEN-LATER"]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    problems = answer_modals([lambda box: box.reject()])  # cancelled at the confirmation
    trigger(window, "restoreAction")
    assert problems == [] and references(window) == ["CSC-7", "WRITTEN-LATER"]

    problems = answer_modals([click_restore])
    trigger(window, "restoreAction")
    assert problems == []
    assert references(window) == ["CSC-7"]
    tree = window.case_tree
    tree_texts = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert len(tree_texts) == 1 and "CSC-7" in tree_texts[0]  # the case list shows the backup
    assert "restored" in window.statusBar().currentMessage()
    assert sorted(p.name for p in database.path.parent.iterdir() if ".before-" in p.name) == []


def test_a_foreign_file_is_refused_and_nothing_changes(
    qtbot,
    unlocked,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, database, _session_id = unlocked
    database.engine.dispose()
    before = (database.path.read_bytes(), key_file_path(database.path).read_bytes())
    foreign = tmp_path / "holiday.jpg"
    foreign.write_bytes(b"\xff\xd8\xff\xe0 not a backup")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(foreign), ""))
    trigger(window, "restoreAction")
    assert shown and "not a backup of this app" in shown[0]
    assert "Nothing has been changed" in shown[0]
    assert (database.path.read_bytes(), key_file_path(database.path).read_bytes()) == before
    assert references(window) == ["CSC-7"]


def test_a_backup_under_another_key_asks_for_its_passphrase(
    qtbot,
    tmp_path: Path,
    db_path: Path,
    content,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from supervision_app.ui.app import build_window

    database = open_db(db_path)
    make_case(SupervisionStore(database), "OLD-KEY")
    backup = write_backup(database, tmp_path / "old.supervision-backup")
    rotate_key(database, TEST_PASSPHRASE)
    make_case(SupervisionStore(database), "NEW-KEY")
    window = build_window(database, content)
    qtbot.addWidget(window)
    window.show()
    try:
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
        problems = answer_modals(
            [give_passphrase("a wrong passphrase", TEST_PASSPHRASE), click_restore]
        )
        trigger(window, "restoreAction")
        assert problems == []
        assert references(window) == ["OLD-KEY"]
    finally:
        window.close()
        database.close()
    reopened = open_database(db_path, Passphrase(TEST_PASSPHRASE))  # the backup's key file
    assert sorted(c.reference for c in SupervisionStore(reopened).cases.list_cases()) == ["OLD-KEY"]
    reopened.close()
