"""An error nothing else handled gets a message fit for the user, and never their words.

Before, a page of a damaged file read by Home's list or by All cases raised out of a Qt slot:
a traceback (with the statement's values) went to stderr, Home said "Working out what needs
attention…" for ever, and All cases did nothing. Now Home says in the list's place that it
could not be worked out, the error report says the file is damaged and what to do (once,
though the page check and the read both found it), and an error of any other kind is named
by its type and place for IT support, never by its message.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from supervision_app.storage import SupervisionStore
from supervision_app.storage.backend import StorageFault, classify_error
from supervision_app.ui import error_report
from supervision_app.ui.app import build_window
from supervision_app.ui.error_report import ErrorReport
from supervision_app.ui.page_check_notice import PageCheckNotice
from tests.helpers import make_case, make_full_session, open_db

SECRET = "MARKER-ERROR-REPORT-5521 the child said she was hungry"


class Boxes:
    """Closes every message box as it appears, keeping its object name and texts."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, str]] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._close)
        self.timer.start(20)

    def _close(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                self.seen.append((widget.objectName(), widget.text(), widget.informativeText()))
                widget.done(0)


@pytest.fixture
def boxes() -> Iterator[Boxes]:
    closing = Boxes()
    yield closing
    closing.timer.stop()


@pytest.fixture
def report() -> Iterator[ErrorReport]:
    errors = ErrorReport().install()
    yield errors
    errors.uninstall()


def _damaged_file(path: Path) -> None:
    """A file of 60 cases whose sessions' date index has a damaged page: the window opens
    (its first screen does not read that page), Home's list and the case list do."""
    database = open_db(path)
    store = SupervisionStore(database)
    for n in range(60):
        make_full_session(store, make_case(store, f"C-{n}"))
    conn = database.raw_connection()
    try:
        (page,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'ix_sessions_case_date'"
        ).fetchone()
    finally:
        conn.close()
    database.close()
    raw = bytearray(path.read_bytes())
    raw[(page - 1) * 4096 + 200] ^= 0x5A
    path.write_bytes(bytes(raw))


def test_a_damaged_page_read_by_home_and_all_cases_is_explained_not_left_working(
    qtbot, db_path: Path, content, boxes: Boxes, report: ErrorReport, monkeypatch, caplog
) -> None:
    _damaged_file(db_path)
    before = db_path.read_bytes()
    database = open_db(db_path)
    report.database = database
    window = build_window(database, content, ask_agency_key=False)
    PageCheckNotice(window, database)
    try:
        window.resize(1320, 860)
        with qtbot.waitSignal(window.first_painted, timeout=10_000):
            window.show()
        page = window.home.page
        qtbot.waitUntil(lambda: page.problem_label.isVisible(), timeout=10_000)
        assert not page.working_label.isVisible()
        assert not page.empty_label.isVisible()  # never "nothing needs attention"
        assert "could not be worked out" in page.problem_label.text()
        qtbot.waitUntil(lambda: len(boxes.seen) == 1, timeout=10_000)
        qtbot.wait(300)  # the page check's notice and the failed read: one message
        assert len(boxes.seen) == 1
        name, _text, informative = boxes.seen[0]
        assert name == "damagedDatabase"
        assert "damaged" in informative and "Restore from a backup" in informative

        monkeypatch.setattr(error_report, "REPEAT_SECONDS", 0.0)
        caplog.clear()
        with caplog.at_level(logging.ERROR):
            qtbot.mouseClick(page.all_cases_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: len(boxes.seen) == 2, timeout=10_000)
        assert boxes.seen[1][0] == "damagedDatabase"
        assert "DatabaseError" in caplog.text  # the log names the type and the place...
        assert "malformed" not in caplog.text  # ... never the message
    finally:
        window.close()
        database.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert db_path.read_bytes() == before  # nothing was written to the damaged file


def test_an_unexpected_error_is_named_for_it_support_without_its_message(
    qtbot, boxes: Boxes, report: ErrorReport, caplog, capsys
) -> None:
    def broken() -> None:
        raise ValueError(SECRET)

    with caplog.at_level(logging.ERROR):
        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: len(boxes.seen) == 1, timeout=5_000)
    name, _text, informative = boxes.seen[0]
    assert name == "errorReport"
    assert "ValueError" in informative and "test_error_report.py" in informative
    assert "Nothing you typed has been lost" in informative
    captured = capsys.readouterr()
    for output in (informative, caplog.text, captured.out, captured.err):
        assert "MARKER-ERROR-REPORT" not in output


def test_the_same_error_in_a_burst_is_shown_once(
    qtbot, boxes: Boxes, report: ErrorReport
) -> None:
    def broken() -> None:
        raise KeyError("x")

    for _ in range(5):
        QTimer.singleShot(0, broken)
    qtbot.waitUntil(lambda: len(boxes.seen) >= 1, timeout=5_000)
    qtbot.wait(400)
    assert len(boxes.seen) == 1


def test_a_disk_full_error_says_what_to_do(report: ErrorReport) -> None:
    message = error_report.describe(OSError(28, "No space left on device"), None, None)
    assert "disk is full" in message and "free some space" in message


def test_storage_errors_never_quote_the_users_words(db_path: Path) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    database = open_db(db_path)
    try:
        with pytest.raises(OperationalError) as caught, database.engine.connect() as conn:
            conn.execute(text("SELECT * FROM no_such_table WHERE note = :note"), {"note": SECRET})
    finally:
        database.close()
    assert "no_such_table" in str(caught.value)
    assert "MARKER-ERROR-REPORT" not in str(caught.value)


def test_a_damaged_page_is_classified_as_damage() -> None:
    import sqlite3

    assert classify_error(sqlite3.DatabaseError("database disk image is malformed")) is (
        StorageFault.DAMAGED
    )
    assert classify_error(sqlite3.DatabaseError("file is not a database")) is (
        StorageFault.DAMAGED
    )
    assert classify_error(sqlite3.OperationalError("database is locked")) is StorageFault.BUSY
