"""The first screen (unlock, or the first run's passphrase) appears before the practice content
is loaded; the content loads just after that screen's paint, and a content file that cannot be
read still stops the start with the message naming the file and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from supervision_app.content import load_content
from supervision_app.content.loader import default_content_dir
from supervision_app.ui import app as app_module
from supervision_app.ui.unlock_dialog import UnlockDialog
from tests.helpers import open_db


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, _title, text, *a: shown.append(text)
    )
    return shown


@pytest.fixture
def broken_content(tmp_path: Path):
    """A loader of a copy of the shipped content with one misspelt field."""
    folder = tmp_path / "content"
    shutil.copytree(default_content_dir(), folder)
    stage = folder / "stages" / "assessment_recording.toml"
    stage.write_text(stage.read_text(encoding="utf-8").replace("hint =", "hnit =", 1), "utf-8")
    return lambda: load_content(folder)


def _screens_at_load(loader):
    """``loader`` wrapped to note which first screen was on show (visible) when it ran."""
    seen: list[str] = []

    def load():
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__ if dialog is not None and dialog.isVisible() else "")
        return loader()

    return load, seen


def test_the_content_loads_once_the_unlock_dialog_is_painted(
    qtbot, db_path: Path, content, errors: list[str]
) -> None:
    open_db(db_path).close()
    load, seen = _screens_at_load(lambda: content)

    def cancel_after_load() -> None:  # the user closes the dialog once the content is in
        dialog = QApplication.activeModalWidget()
        if seen and isinstance(dialog, UnlockDialog):
            dialog.reject()
        else:
            QTimer.singleShot(20, cancel_after_load)

    QTimer.singleShot(0, cancel_after_load)
    assert app_module.run_gui(db_path, load) == 0
    assert seen == ["UnlockDialog"] and errors == []


@pytest.mark.parametrize("first_run", [False, True], ids=["unlock", "first run"])
def test_a_malformed_content_file_closes_the_first_screen_and_is_named(
    qtbot, db_path: Path, broken_content, errors: list[str], first_run: bool
) -> None:
    if not first_run:
        open_db(db_path).close()
    load, seen = _screens_at_load(broken_content)
    assert app_module.run_gui(db_path, load) == app_module.EXIT_CANNOT_OPEN
    assert seen == ["PassphraseDialog" if first_run else "UnlockDialog"]
    assert len(errors) == 1
    assert "The practice content could not be loaded" in errors[0]
    assert "assessment_recording.toml" in errors[0] and "hnit" in errors[0]
    assert QApplication.activeModalWidget() is None  # no dialog left waiting
    assert first_run is not db_path.exists()  # nothing was created on the first run


def test_content_that_fails_after_a_scripted_unlock_is_reported_and_the_file_closed(
    qtbot, db_path: Path, broken_content, errors: list[str]
) -> None:
    """Without a first screen (the smoke test's scripted passphrase) the content is loaded
    after the unlock; the same message, and the database is closed again."""
    from tests.helpers import shared_key_ring

    open_db(db_path).close()
    result = app_module.run_gui(
        db_path, broken_content, smoke_test=True, credential=shared_key_ring()
    )
    assert result == app_module.EXIT_CANNOT_OPEN
    assert len(errors) == 1 and "hnit" in errors[0]
    open_db(db_path).close()  # closed: its instance lock was released


def _damaged_database(db_path: Path, content, where: str) -> bytes:
    """A small database, closed cleanly, with one page damaged: the cases table's first
    page, which the first screen reads to show Home or the screen for no cases
    (``where="cases"``; the case list itself is read when first shown), or among the last
    pages written, which hold one long answer's text that the first screen does not read
    (``where="answer"``)."""
    from supervision_app.storage import SupervisionStore
    from tests.helpers import make_case, make_full_session

    database = open_db(db_path)
    store = SupervisionStore(database)
    for n in range(20):
        session = make_full_session(store, make_case(store, f"C-{n}"))
    database.close()
    pages_before = db_path.stat().st_size // 4096
    if where == "answer":  # written last, so its pages are at the end of the file
        database = open_db(db_path)
        prompt = content.stages[0].prompts[0]
        text = "x y " * 100_000
        SupervisionStore(database).sessions.save_answer(
            session, prompt.id, prompt.stage_id, prompt.text, text
        )
        database.close()
    root = 0
    if where == "cases":  # the cases table's first page: Home or the empty screen reads it
        from sqlalchemy import text as sql

        database = open_db(db_path)
        with database.engine.connect() as connection:
            query = "SELECT rootpage FROM sqlite_master WHERE name = 'cases'"
            root = int(connection.execute(sql(query)).scalar_one()) - 1  # pages count from 1
        database.close()
    raw = bytearray(db_path.read_bytes())
    pages = len(raw) // 4096
    page = root if where == "cases" else pages - (pages - pages_before) // 2
    raw[page * 4096 + 200] ^= 0x5A
    db_path.write_bytes(bytes(raw))
    return bytes(raw)


def test_damage_found_beside_the_window_is_shown_over_it_and_nothing_is_saved(
    qtbot, db_path: Path, content, monkeypatch
) -> None:
    """The page check of a small file runs while the window is built; damage is shown over
    the window with what to do, the window goes on reading (Home fills in), and every save
    is refused (the file is left as it was)."""
    from supervision_app.storage import SupervisionStore
    from supervision_app.ui import page_check_notice
    from tests.helpers import make_case

    before = _damaged_database(db_path, content, "answer")
    shown: list[str] = []
    monkeypatch.setattr(page_check_notice, "show_damage", lambda _parent, text: shown.append(text))
    database = open_db(db_path)
    try:
        window = app_module.build_window(database, content, ask_agency_key=False)
        qtbot.addWidget(window)
        page_check_notice.PageCheckNotice(window, database)
        window.show()
        qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
        assert "is damaged" in shown[0] and "Restore from a backup" in shown[0]
        with pytest.raises(Exception, match="readonly"):
            make_case(SupervisionStore(database), "C-typed-after")
        window.close()
    finally:
        database.close()
    assert db_path.read_bytes() == before


def test_a_damaged_page_under_the_first_screen_shows_the_damage_instead_of_the_window(
    qtbot, db_path: Path, content, monkeypatch
) -> None:
    from supervision_app.ui import page_check_notice
    from tests.helpers import shared_key_ring

    before = _damaged_database(db_path, content, "cases")
    shown: list[str] = []
    monkeypatch.setattr(page_check_notice, "show_damage", lambda _parent, text: shown.append(text))
    result = app_module.run_gui(db_path, content, smoke_test=True, credential=shared_key_ring())
    assert result == app_module.EXIT_CANNOT_OPEN
    assert len(shown) == 1 and "is damaged" in shown[0]
    assert db_path.read_bytes() == before
