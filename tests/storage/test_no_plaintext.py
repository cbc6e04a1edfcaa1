"""No plaintext anywhere: marker strings written through every feature are found in no file
the app wrote in its data and config folders or in temp (UTF-8, UTF-16 LE and BE).  That
includes spell-check's "my words" (names), which Enchant's own word-list files never hold."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from supervision_app.domain import ActionStatus, CaseInput, Child
from supervision_app.paths import default_db_path
from supervision_app.record import build_record
from supervision_app.record.pdf import write_pdf
from supervision_app.services.record_files import export_session_json, import_session_file
from supervision_app.storage import Passphrase, SupervisionStore
from supervision_app.storage.autosave import AnswerEdit, AutosaveWriter
from supervision_app.storage.sqlite.backup import restore_into_open, stage_backup, write_backup
from supervision_app.storage.sqlite.security import rotate_key
from supervision_app.ui.app import build_window
from tests.helpers import TEST_PASSPHRASE, open_db
from tests.ui.test_gui import open_session, type_text

MARKERS = {
    "reference": "MKREF4417",
    "practitioner": "MKPRAC4417",
    "supervisor": "MKSUP4417",
    "agency": "MKAGENCY4417",
    "child": "MKCHILD4417",
    "answer": "MKANSWER4417",
    "decision": "MKDECISION4417",
    "rationale": "MKRATIONALE4417",
    "action": "MKACTION4417",
    "owner": "MKOWNER4417",
    "typed": "MKTYPED4417",
    "my_word": "Zqmkmywordxv",  # added to spell-check's "my words", as a child's name would be
    "ignored": "Zqmkignoredxv",  # ignored by spell-check for this run
}


def encodings(marker: str) -> list[bytes]:
    return [marker.encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be")]


def files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()]


def test_markers_are_in_no_file_the_app_wrote(
    qtbot, tmp_path: Path, isolated_data_dir: Path, content, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    outside = tmp_path / "chosen-by-user"
    outside.mkdir()

    db_path = default_db_path()
    database = open_db(db_path)
    store = SupervisionStore(database)
    m = MARKERS
    case_id = store.cases.create_case(
        CaseInput(
            m["reference"],
            m["practitioner"],
            m["supervisor"],
            [m["agency"]],
            [Child(m["child"], date(2019, 1, 1))],
        )
    )
    session_id = store.sessions.create_session(case_id, date(2026, 5, 1), [m["practitioner"]], "1.0.0")
    writer = AutosaveWriter(store)
    for i in range(30):  # many versions of the answer, as typing produces
        writer.submit(
            AnswerEdit(
                session_id,
                "professional_curiosity.x",
                "professional_curiosity",
                "Q",
                f"{m['answer']} draft {i}",
            )
        )
        writer.flush()
    writer.close()
    decision = store.sessions.add_decision(session_id, m["decision"], m["rationale"])
    action = store.sessions.add_action(session_id, m["action"], m["owner"], date(2026, 6, 1))
    store.sessions.update_action(action.id, m["action"], m["owner"], date(2026, 6, 2), ActionStatus.DONE)
    store.sessions.update_decision(decision.id, m["decision"] + " v2", m["rationale"])

    export_session_json(store, session_id, outside / "record.json")
    write_pdf(build_record(store.sessions.get_session(session_id), content), outside / "record.pdf")
    store.sessions.delete_session(session_id)
    import_session_file(store, outside / "record.json")
    write_backup(database, outside / "backup.supervision-backup")
    rotate_key(database, TEST_PASSPHRASE)  # a copy under a new key, the old file overwritten
    staged = stage_backup(
        outside / "backup.supervision-backup", db_path, Passphrase(TEST_PASSPHRASE)
    )
    restore_into_open(database, staged)  # unpacked beside the database, then swapped in

    # the window: settings file, titles, typing, the clipboard, locking
    window = build_window(database, content)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    new_session = store.sessions.list_sessions(store.cases.list_cases()[0].id)[0].id
    open_session(qtbot, window, new_session)
    first = min(window.session_view.slots)  # the first page of answers (stage or agenda item)
    window.session_view.go_to_page(first)
    editor = window.session_view.stage_page(first).editors()[0]
    spelling = window.desktop.spelling
    spelling.add_word(m["my_word"])
    assert store.words.list_words() == [m["my_word"]]  # so it really was written
    if spelling.available:  # the dictionary is installed: Enchant opened its files
        spelling.ignore(m["ignored"])
        assert spelling.checker().is_correct(m["my_word"])
        assert (isolated_data_dir / "config" / "enchant").is_dir()
    type_text(qtbot, editor, f"{m['my_word']} ")
    type_text(qtbot, editor, m["typed"])
    editor.setFocus()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)  # the user is in the app
    editor.selectAll()
    editor.copy()
    for name, marker in MARKERS.items():  # the pseudonymous reference is the title, by design
        assert name == "reference" or marker not in window.windowTitle()
    window.lock_controller.lock()
    assert m["typed"] not in QApplication.clipboard().text()
    window.close()
    database.close()

    written = files_under(isolated_data_dir, db_path.parent, temp)
    names = {p.name for p in written}
    assert db_path.name in names and any(n.endswith(".ini") for n in names)
    for path in written:
        data = path.read_bytes()
        for name, marker in MARKERS.items():
            for form in encodings(marker):
                assert form not in data, f"{name} marker found in {path}"
    # ...while the files the user chose do hold the record (so the markers really were written)
    assert m["answer"].encode() in (outside / "record.json").read_bytes()
    backup = (outside / "backup.supervision-backup").read_bytes()
    assert all(f not in backup for marker in MARKERS.values() for f in encodings(marker))
