"""The window adds a content pack's agency recovery key only when the user accepts it, after
seeing the pack's name, the key's holder and its fingerprint; a damaged backup is refused with
a clear message (issue 16)."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget
from sqlalchemy import select

from supervision_app.content.model import AgencyRecovery
from supervision_app.storage import SupervisionStore
from supervision_app.storage.agency import fingerprint, generate_key_pair, public_key_bytes
from supervision_app.storage.keys import key_file_path, read_key_file
from supervision_app.storage.models import AuditEventRow
from supervision_app.storage.sqlite.backup import write_backup
from supervision_app.ui.app import build_window
from tests.helpers import open_db
from tests.ui.test_gui import make_case
from tests.ui.test_gui_keys_and_restore import answer_modals, references, trigger


@pytest.fixture(scope="module")
def agency_public() -> bytes:
    _private, public_pem = generate_key_pair("agency private key passphrase")
    return public_key_bytes(public_pem)


def _consent(choice: str, seen: dict) -> object:
    def step(box: QWidget) -> None:
        assert box.objectName() == "agencyConsent"
        seen["text"] = box.text() + "\n" + box.informativeText()
        button = next(b for b in box.findChildren(QPushButton) if b.text() == choice)
        button.click()

    return step


@pytest.mark.parametrize("choice", ["Not now", "Add the key"])
def test_the_window_asks_before_adding_an_agency_key(
    qtbot, db_path: Path, content, agency_public: bytes, choice: str
) -> None:
    database = open_db(db_path)
    make_case(SupervisionStore(database))
    pack = AgencyRecovery("Example Borough IT", "01234 567890", agency_public, "example-agency")
    with_pack = dataclasses.replace(content, agency_recovery=pack)
    seen: dict = {}
    problems = answer_modals([_consent(choice, seen)])
    window = build_window(database, with_pack)
    qtbot.addWidget(window)
    try:
        assert problems == []
        assert "example-agency" in seen["text"] and "Example Borough IT" in seen["text"]
        assert fingerprint(agency_public) in seen["text"]
        agency = read_key_file(key_file_path(db_path))[0].agency
        with database.read() as session:  # the consent is in the audit trail
            consents = session.scalars(
                select(AuditEventRow.detail).where(AuditEventRow.event == "agency_key_accepted")
            ).all()
        if choice == "Add the key":
            assert agency is not None and agency.recipient == agency_public
            assert len(consents) == 1 and fingerprint(agency_public) in consents[0]
        else:
            assert agency is None and consents == []
    finally:
        window.close()
        database.close()


def test_a_damaged_backup_is_refused_in_the_window(
    qtbot, db_path: Path, content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = open_db(db_path)
    make_case(SupervisionStore(database), "CSC-7")
    backup = write_backup(database, tmp_path / "b.supervision-backup")
    with zipfile.ZipFile(backup) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    data = bytearray(members["database.sqlcipher"])
    data[len(data) // 2] ^= 0x01
    members["database.sqlcipher"] = bytes(data)
    with zipfile.ZipFile(backup, "w") as archive:  # valid CRC: only the database's own check sees it
        for name, raw in members.items():
            archive.writestr(name, raw)
    window = build_window(database, content)
    qtbot.addWidget(window)
    try:
        shown: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
        trigger(window, "restoreAction")
        assert shown and "damaged" in shown[0] and "unexpected" not in shown[0]
        assert references(window) == ["CSC-7"]
    finally:
        window.close()
        database.close()
