"""The window on the agency server: File > Connect to agency server…, errors that leave the
laptop's records open, no password kept in settings, laptop-only actions off, the way back,
and an autosave conflict shown with both texts for the user to choose."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from supervision_app.storage import Database, SupervisionStore
from supervision_app.ui.agency_connect_dialog import AgencyConnectDialog
from supervision_app.ui.answer_conflict import AnswerConflictDialog
from supervision_app.ui.app import build_window
from supervision_app.ui.settings import ui_settings
from tests.agency_server import agency_server, needs_server
from tests.helpers import open_db
from tests.ui.test_gui import make_case, open_session, type_text

pytestmark = needs_server
PASSWORD = "pw-MARKER-9931"


@pytest.fixture(scope="module")
def server():
    with agency_server() as server:
        yield server


@pytest.fixture
def laptop(qtbot, db_path: Path, content) -> Iterator[tuple[object, Database]]:
    database = open_db(db_path)
    window = build_window(database, content, ask_agency_key=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, database
    for widget in QApplication.topLevelWidgets():
        if hasattr(widget, "agency_database"):
            widget.close()
            widget.agency_database.close()
    window.close()
    database.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _connect(qtbot, window, url: str, password: str = "") -> AgencyConnectDialog:
    window.findChild(type(window.actions.quit), "connectAgencyAction").trigger()
    dialog = window.findChild(AgencyConnectDialog)
    assert dialog is not None
    dialog.url_edit.setText(url)
    if dialog.password_edit.isVisible():
        qtbot.keyClicks(dialog.password_edit, password)
    dialog._accept()
    return dialog


def _screenshot(widget: QWidget, name: str) -> None:
    """Saved only when SUPERVISION_APP_SHOTS names a folder (for looking at, under Xvfb)."""
    if folder := os.environ.get("SUPERVISION_APP_SHOTS"):
        widget.grab().save(str(Path(folder) / name))


def _server_window(window):
    return next(
        w for w in QApplication.topLevelWidgets() if getattr(w, "laptop_window", None) is window
    )


def _url(server, person: str) -> str:
    return server.url(person).render_as_string(hide_password=False)


def test_connecting_opens_the_server_and_keeps_no_password(qtbot, laptop, server) -> None:
    window, database = laptop
    window.findChild(type(window.actions.quit), "connectAgencyAction").trigger()
    _screenshot(window.findChild(AgencyConnectDialog), "connect.png")
    window.findChild(AgencyConnectDialog).reject()
    dialog = _connect(qtbot, window, _url(server, "alice"), PASSWORD)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    remote = _server_window(window)
    assert not window.isVisible() and remote.isVisible()
    _screenshot(remote, "server-window.png")
    login = server.role("alice")
    assert login in remote.windowTitle() and server.database in remote.windowTitle()
    assert login in remote.findChild(type(remote.user_label), "agencyServerLabel").text()
    where = remote.empty_state.where_label.text()
    assert "agency's server" in where and "this computer" not in where
    assert "stays on this computer" in window.empty_state.where_label.text()  # the laptop's
    for name in ("backupAction", "restoreAction", "rotateKeyAction", "newRecoveryKeyAction"):
        assert not remote.findChild(type(window.actions.quit), name).isEnabled()
    settings = ui_settings()
    settings.sync()
    assert server.database in str(settings.value("agency/url"))
    kept = Path(settings.fileName()).read_text(encoding="utf-8")
    assert PASSWORD not in kept
    assert all(PASSWORD not in str(settings.value(k)) for k in settings.allKeys())
    # back to the laptop's records, which stayed open
    remote.findChild(type(window.actions.quit), "openLocalAction").trigger()
    assert window.isVisible() and not remote.isVisible()
    SupervisionStore(database).cases.list_cases()


def test_a_long_address_and_an_unchecked_certificate_fit_a_laptop_status_bar(
    qtbot, laptop, server, monkeypatch
) -> None:
    """The certificate warning stays whole; a long address and login end in "…", whole in
    the tooltip and for screen readers, and the window keeps its width."""
    from supervision_app.ui import agency_window
    from supervision_app.ui.on_server import ServerInfo

    long = ServerInfo(
        where="supervision-records.database.northshire-childrens-services.gov.uk:5432/supervision",
        login="jane.practitioner-smith@northshire-childrens-services.gov.uk",
        asks_password=True,
    )
    real_server_of = agency_window.server_of

    class WeakTls:  # the server, as IT set it: TLS without checking the certificate
        def __init__(self, backend) -> None:
            self.target = dataclasses.replace(backend.target, weak_tls=True)
            self._backend = backend

        def __getattr__(self, name):
            return getattr(self._backend, name)

    def server_of(database):
        backend = real_server_of(database)
        return None if backend is None else WeakTls(backend)

    monkeypatch.setattr(agency_window, "server_info", lambda _database: long)
    monkeypatch.setattr(agency_window, "server_of", server_of)
    window, _database = laptop
    dialog = _connect(qtbot, window, _url(server, "alice"), PASSWORD)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    remote = _server_window(window)
    remote.resize(1320, 740)
    QApplication.processEvents()
    _screenshot(remote, "server-window-long.png")
    bar = remote.statusBar()
    warning = bar.findChild(QLabel, "agencyCertificateWarning")
    assert warning.isVisible() and warning.text() == "Certificate not checked"
    assert "not checked (set by IT)" in warning.toolTip()
    label = bar.findChild(QLabel, "agencyServerLabel")
    whole = f"Agency server {long.where} · login {long.login}"
    assert label.text() == whole and label.toolTip() == whole
    assert label.shown_text().endswith("…") and label.accessibleDescription() == whole
    assert all(w.geometry().right() <= bar.width() for w in (warning, label))
    assert remote.width() == 1320


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("not_ours", "has not been set up"),
        ("unreachable", "could not be reached"),
    ],
)
def test_a_failed_connection_names_the_problem_and_leaves_the_laptop_open(
    qtbot, laptop, server, where, words
) -> None:
    window, database = laptop
    url = (
        server.base.set(database="postgres").render_as_string(hide_password=False)
        if where == "not_ours"
        else "postgresql://nobody@/nowhere?host=/tmp/aw-no-such-socket"
    )
    dialog = _connect(qtbot, window, url)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert words in dialog.error_label.text()
    assert "stay open" in dialog.error_label.text()
    assert window.isVisible()
    SupervisionStore(database).cases.list_cases()
    dialog.reject()


def test_an_autosave_conflict_shows_both_texts_and_the_user_chooses(qtbot, laptop, server) -> None:
    from supervision_app.storage.postgres.backend import open_server

    window, _database = laptop
    other = SupervisionStore(open_server(_url(server, "alice")))
    try:
        _case, session_id = make_case(other, "AG-CONFLICT")
        _connect(qtbot, window, _url(server, "alice"))
        remote = _server_window(window)
        open_session(qtbot, remote, session_id)
        prompt_id = remote.session_view.focus.items[0].prompt_id
        remote.session_view.go_to_prompt(prompt_id)
        editor = remote.session_view.editor_for(prompt_id)
        editor.setFocus()
        type_text(qtbot, editor, "Mine first.")
        editor.commit_now()
        assert remote.bridge.flush(10)
        other.sessions.save_answer(session_id, prompt_id, editor.stage_id, "Q", "Theirs, saved.")
        type_text(qtbot, editor, " And more of mine.")
        editor.commit_now()
        qtbot.waitUntil(lambda: remote.findChild(AnswerConflictDialog) is not None, timeout=10000)
        dialog = remote.findChild(AnswerConflictDialog)
        assert dialog.theirs_view.toPlainText() == "Theirs, saved."
        assert dialog.mine_view.toPlainText() == "Mine first. And more of mine."
        stored = other.sessions.get_session(session_id).answers[prompt_id].text
        assert stored == "Theirs, saved."  # nothing overwritten before the user chose
        _screenshot(dialog, "conflict.png")
        dialog.merge_edit.setPlainText("Merged: theirs and mine.")
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveMerged"), Qt.MouseButton.LeftButton)
        assert editor.text() == "Merged: theirs and mine."
        assert remote.bridge.flush(10) and not remote.bridge.errors()
        stored = other.sessions.get_session(session_id).answers[prompt_id].text
        assert stored == "Merged: theirs and mine."
    finally:
        other.database.close()


def test_the_window_opens_on_the_server_from_the_command_line(
    qtbot, server, monkeypatch, tmp_path
) -> None:
    import supervision_app.ui.app as app
    from supervision_app.cli import main

    shown: list[tuple[str, str]] = []

    def run(database, content) -> int:
        window = app.build_window(database, content, ask_agency_key=False)
        qtbot.addWidget(window)
        shown.append(
            (window.windowTitle(), window.statusBar().findChild(QLabel, "agencyServerLabel").text())
        )
        window.close()
        database.close()
        return 0

    monkeypatch.setattr(app, "run_gui_on_database", run)
    assert main(["--db", _url(server, "bob")]) == 0
    assert server.role("bob") in shown[0][0] and server.role("bob") in shown[0][1]
    assert not (tmp_path / "appdata" / "supervision.sqlite3").exists()  # the laptop file untouched
