"""What the window says on the agency server, where the records are not on this computer and
the person is their own database login: delete confirmations, New case, About, the welcome,
"Who is signed in", sign-off and addenda in the login's name (a refusal by the server shown in
the dialog), actions the server does not have switched off with the reason. The laptop's
window keeps its own words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from supervision_app.storage import Database, SupervisionStore
from supervision_app.ui.about_dialog import AboutDialog
from supervision_app.ui.app import build_window
from supervision_app.ui.case_dialog import CaseDialog
from supervision_app.ui.signoff_dialog import SignOffDialog
from supervision_app.ui.user_dialog import UserDialog
from tests.agency_server import agency_server, needs_server
from tests.helpers import open_db
from tests.ui.test_gui import make_case, open_session


@pytest.fixture(scope="module")
def server():
    with agency_server() as server:
        yield server


def _show(qtbot, database: Database, content):
    window = build_window(database, content, ask_agency_key=False)
    qtbot.addWidget(window)
    window.resize(1320, 860)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def on_server(qtbot, server, content) -> Iterator[tuple[object, SupervisionStore, str]]:
    from supervision_app.storage.postgres.backend import open_server

    with server.admin.begin() as conn:
        conn.exec_driver_sql("TRUNCATE cases, audit_events RESTART IDENTITY CASCADE")
    database = open_server(server.url("alice").render_as_string(hide_password=False))
    window = _show(qtbot, database, content)
    yield window, SupervisionStore(database), server.role("alice")
    window.close()
    database.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def on_laptop(qtbot, db_path: Path, content) -> Iterator[tuple[object, SupervisionStore]]:
    database = open_db(db_path)
    window = _show(qtbot, database, content)
    yield window, SupervisionStore(database)
    window.close()
    database.close()


def _delete_texts(window, monkeypatch) -> list[str]:
    """The delete confirmations' texts (each answered Cancel)."""
    asked: list[str] = []
    monkeypatch.setattr(
        window.case_actions, "confirm_delete", lambda _title, text: asked.append(text) and False
    )
    window.actions.delete_session.trigger()
    window.actions.delete_case.trigger()
    return asked


def _about_text(window) -> str:
    window.show_about()
    about = window.findChild(AboutDialog)
    text = about.text.toPlainText()
    about.close()
    return text


def _new_case_lead(window) -> str:
    window.actions.new_case.trigger()
    dialog = window.findChild(CaseDialog)
    lead = dialog.lead_label.text()
    dialog.reject()
    return lead


@needs_server
def test_the_server_window_speaks_of_the_server_and_the_login(
    qtbot, on_server, monkeypatch
) -> None:
    window, store, login = on_server
    case_id, session_id = make_case(store, "AG-WORDS")
    window.reload_cases()
    open_session(qtbot, window, session_id)
    for text in _delete_texts(window, monkeypatch):
        assert "removed from the agency server" in text and "for everyone" in text
        assert "this computer" not in text
    assert store.cases.get_case(case_id).reference == "AG-WORDS"  # Cancel deleted nothing
    lead = _new_case_lead(window)
    assert "agency's server" in lead and login in lead and "stays on this computer" not in lead
    about = _about_text(window)
    assert login in about and "agency's server" in about
    assert "Kept only on this computer" not in about and "no network" not in about
    welcome = window.desktop.open_welcome()
    assert login in " ".join(label.text() for label in welcome.findChildren(type(window.user_label)))
    welcome.close()
    assert "AG-WORDS" in window.windowTitle() and login in window.windowTitle()
    # the person is their login: no name to choose
    assert window.actions.choose_user.text() == "Who is signed in…"
    assert not window.user_label.isVisible()
    window.actions.choose_user.trigger()
    box = window.findChild(QMessageBox, "whoIsSignedInBox")
    assert box is not None and login in box.text() and "audit trail" in box.text()
    assert window.findChild(UserDialog) is None
    box.close()
    # what the server's window does not have says why
    for action in (window.record_settings_action, window.actions.load_demo):
        assert not action.isEnabled() and "agency" in action.toolTip()
    assert not window.empty_state.demo_button.isVisibleTo(window.empty_state)
    restore = window.findChild(type(window.actions.quit), "restoreAction")
    assert not restore.isEnabled() and "IT" in restore.toolTip()
    assert window.security_menu.toolTipsVisible()
    assert "passphrase" not in window.lock_controller.lock_action.statusTip()


@needs_server
def test_signing_on_the_server_is_in_the_logins_name_and_a_refusal_is_shown(
    qtbot, on_server
) -> None:
    window, store, login = on_server
    _case_id, session_id = make_case(store, "AG-SIGN")
    window.reload_cases()
    open_session(qtbot, window, session_id)
    window.session_view.show_signoff()
    page = window.session_view.signoff_page
    page.sign_practitioner_button.click()  # no "who is using this computer?" first
    assert window.findChild(UserDialog) is None
    dialog = window.findChild(SignOffDialog)
    assert dialog.name_edit.text() == login and dialog.name_edit.isReadOnly()
    assert login in dialog.name_edit.toolTip()
    dialog.role_edit.setText("Health visitor")
    dialog.accept()
    assert store.signing.integrity(session_id).signoffs[0].name == login
    signed = [e for e in store.audit.audit_trail(session_id) if "practitioner" in e.detail]
    assert signed and signed[0].user.startswith(login) and "this computer" not in signed[0].detail
    # alice does not supervise herself: the server refuses, the dialog says why and stays
    page.sign_supervisor_button.click()
    dialog = next(d for d in window.findChildren(SignOffDialog) if d.isVisible())
    dialog.role_edit.setText("Team manager")
    dialog.accept()
    assert dialog.isVisible()
    shown = " ".join(label.text() for label in dialog.findChildren(type(window.user_label)))
    assert "Only a supervisor of the practitioner" in shown
    assert len(store.signing.integrity(session_id).signoffs) == 1
    dialog.reject()


def test_the_laptop_window_keeps_its_words(qtbot, on_laptop, monkeypatch) -> None:
    window, store = on_laptop
    _case_id, session_id = make_case(store, "CSC-WORDS")
    window.reload_cases()
    open_session(qtbot, window, session_id)
    texts = _delete_texts(window, monkeypatch)
    assert len(texts) == 2 and all("removed from this computer" in t for t in texts)
    assert "Everything stays on this computer." in _new_case_lead(window)
    about = _about_text(window)
    assert "Kept only on this computer, in:" in about and "no network connections" in about
    assert window.actions.choose_user.text() == "Who is using this computer…"
    assert window.record_settings_action.isEnabled() and window.actions.load_demo.isEnabled()
    assert window.windowTitle() == "CSC-WORDS — Supervision App"
    assert "passphrase" in window.lock_controller.lock_action.statusTip()


def test_a_record_that_no_longer_matches_points_to_it_on_the_server(qtbot) -> None:
    from datetime import date

    from supervision_app.domain import VerifyResult
    from supervision_app.ui.verify_dialog import VerifyDialog

    bad = [VerifyResult(2, "CSC-7", date(2026, 3, 12), False, "changed", "")]
    laptop, server = VerifyDialog(bad), VerifyDialog(bad, on_server=True)
    qtbot.addWidget(laptop)
    qtbot.addWidget(server)
    assert "restore from a backup" in laptop.summary_label.text()
    assert "agency's IT" in server.summary_label.text()
    assert "restore from a backup" not in server.summary_label.text()
