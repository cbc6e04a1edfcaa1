"""Auto-lock on the agency server's window: typing is saved on the server before the lock,
the lock screen asks for the login's password (never the laptop's passphrase), a wrong
password is named and keeps the window locked, the right one brings the session back; a login
that needs no password (PGPASSFILE, a client certificate, a trusted socket) connects again.

The password login is real: the test gives one role a password and a ``scram-sha-256`` line
of its own at the top of the throw-away cluster's pg_hba.conf (every other role keeps its
trusted socket), and puts the file back afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from supervision_app.storage import Database, SupervisionStore
from supervision_app.ui.app import build_window
from tests.agency_server import agency_server, needs_server
from tests.ui.test_gui import make_case, open_session, type_text

pytestmark = needs_server
PASSWORD = "lock-MARKER-7702"


@pytest.fixture(scope="module")
def server():
    with agency_server() as server:
        yield server


def _write_server_file(conn, path: str, content: str) -> None:
    """Write a file as the server (superuser) does: the exact bytes, through a large object."""
    from sqlalchemy import text

    oid = conn.scalar(text("SELECT lo_from_bytea(0, convert_to(:c, 'UTF8'))"), {"c": content})
    conn.execute(text("SELECT lo_export(:oid, :path)"), {"oid": oid, "path": path})
    conn.execute(text("SELECT lo_unlink(:oid)"), {"oid": oid})


@contextmanager
def password_login(server) -> Iterator[str]:
    """A practitioner's login that must give a password (scram-sha-256) over the socket."""
    from sqlalchemy import text

    role = f"pat_{server.suffix}"
    with server.cluster.connect() as conn:
        hba = str(conn.scalar(text("SHOW hba_file")))
        original = str(conn.scalar(text("SELECT pg_read_file(:f)"), {"f": hba}))
        conn.exec_driver_sql(
            f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}' IN ROLE supervision_practitioner"
        )
        _write_server_file(conn, hba, f"local all {role} scram-sha-256\n{original}")
        conn.execute(text("SELECT pg_reload_conf()"))
    try:
        yield role
    finally:
        with server.cluster.connect() as conn:
            _write_server_file(conn, hba, original)
            conn.execute(text("SELECT pg_reload_conf()"))


def _open(server, role: str, password: str | None) -> Database:
    from supervision_app.storage.postgres.backend import open_server

    url = server.url().set(username=role).render_as_string(hide_password=False)
    return open_server(url, lambda _shown: password)


def _window(qtbot, database: Database, content):
    window = build_window(database, content, ask_agency_key=False)
    qtbot.addWidget(window)
    window.resize(1320, 860)
    window.show()
    qtbot.waitExposed(window)
    return window


def _type_unsaved(qtbot, window, session_id: int, words: str) -> str:
    """Type into the session's first answer; the autosave has not run yet."""
    open_session(qtbot, window, session_id)
    prompt_id = window.session_view.focus.items[0].prompt_id
    window.session_view.go_to_prompt(prompt_id)
    editor = window.session_view.editor_for(prompt_id)
    editor.setFocus()
    type_text(qtbot, editor, words)
    return prompt_id


def _visible_text(root: QWidget) -> str:
    return " ".join(
        label.text() for label in root.findChildren(QLabel) if label.isVisibleTo(root)
    ) + " ".join(
        b.text() for b in root.findChildren(type(root.unlock_button)) if b.isVisibleTo(root)
    )


def test_the_lock_asks_the_logins_password_and_a_wrong_one_keeps_it_locked(
    qtbot, server, content
) -> None:
    with password_login(server) as role:
        with pytest.raises(Exception, match="password"):
            _open(server, role, None)  # the server really asks for a password
        database = _open(server, role, PASSWORD)
        other = SupervisionStore(_open(server, role, PASSWORD))
        window = _window(qtbot, database, content)
        try:
            _case, session_id = make_case(other, "LOCK-PW")
            window.reload_cases()
            prompt_id = _type_unsaved(qtbot, window, session_id, "Typed just before the lock.")
            window.lock_controller.lock()
            # what was typed went to the server before the connection closed
            stored = other.sessions.get_session(session_id).answers[prompt_id].text
            assert stored == "Typed just before the lock."
            assert database.locked
            panel = window.lock_controller.panel
            assert window.central_stack.currentWidget() is panel
            assert not window.menuBar().isEnabled()
            assert "LOCK-PW" not in window.windowTitle() and role in window.windowTitle()
            shown = _visible_text(panel)
            assert f"Password for {role}:" in shown and server.database in shown
            assert "passphrase" not in shown.lower() and "recovery" not in shown.lower()
            assert "encrypted" not in shown
            assert not panel.mode_button.isVisibleTo(panel)
            assert panel.field.accessibleName() == f"Password for {role}"
            # a wrong password: named, still locked, the text still on the server
            qtbot.keyClicks(panel.field, "not-the-password")
            qtbot.mouseClick(panel.unlock_button, Qt.MouseButton.LeftButton)
            assert database.locked
            assert window.central_stack.currentWidget() is panel
            problem = panel.problems_label.text()
            assert f"The password for {role} was not accepted" in problem
            assert "passphrase" not in problem.lower()
            assert "not-the-password" not in problem
            panel.throttle.record_success()  # (the growing pause is the laptop's, tested there)
            panel.field.clear()
            qtbot.keyClicks(panel.field, PASSWORD)
            qtbot.keyClick(panel.field, Qt.Key.Key_Return)
            assert not database.locked
            assert window.menuBar().isEnabled()
            qtbot.waitUntil(lambda: window.session_view.session_id == session_id)
            assert window.session_view.editor_for(prompt_id).text() == "Typed just before the lock."
            assert "LOCK-PW" in window.windowTitle() and role in window.windowTitle()
        finally:
            window.close()
            database.close()
            other.database.close()
            with server.cluster.connect() as conn:
                conn.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")


def test_a_login_without_a_password_connects_again_without_one(qtbot, server, content) -> None:
    role = server.role("alice")
    database = _open(server, role, None)  # a trusted socket: like PGPASSFILE or a certificate
    assert database.backend.asks_password is False
    window = _window(qtbot, database, content)
    try:
        _case, session_id = make_case(SupervisionStore(database), "LOCK-FILE")
        window.reload_cases()
        prompt_id = _type_unsaved(qtbot, window, session_id, "Saved before locking.")
        assert "Hide the records" in window.lock_controller.lock_action.statusTip()
        assert "passphrase" not in window.lock_controller.lock_action.statusTip()
        window.lock_controller.lock()
        panel = window.lock_controller.panel
        assert database.locked and window.central_stack.currentWidget() is panel
        assert not panel.field.isVisibleTo(panel)
        assert panel.unlock_button.text() == "Connect again"
        assert "PGPASSFILE" in _visible_text(panel)
        assert QApplication.focusWidget() in (panel.unlock_button, None)
        qtbot.mouseClick(panel.unlock_button, Qt.MouseButton.LeftButton)
        assert not database.locked
        qtbot.waitUntil(lambda: window.session_view.session_id == session_id)
        stored = SupervisionStore(database).sessions.get_session(session_id)
        assert stored.answers[prompt_id].text == "Saved before locking."
    finally:
        window.close()
        database.close()
