"""Sign-off, locking, addenda, the audit trail, verification and printing, through the window."""

from __future__ import annotations

import os

from tests.helpers import raw_connection

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import tempfile

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from test_gui import interactive_without_name, make_case, open_session, open_window, type_text

from supervision_app.domain import AuditEvent, Party, SignOffInput
from supervision_app.ui.addendum_dialog import AddendumDialog
from supervision_app.ui.password_dialog import PasswordDialog
from supervision_app.ui.printing import PageRenderThread, paint_pages
from supervision_app.ui.signoff_dialog import SignOffDialog
from supervision_app.ui.user_dialog import UserDialog
from supervision_app.ui.verify_dialog import VerifyDialog


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def sign_through_dialog(qtbot, window, button, role: str, *, disagreement: str = "") -> None:
    click(qtbot, button)
    qtbot.waitUntil(lambda: window.findChild(SignOffDialog) is not None)
    dialog = window.findChild(SignOffDialog)
    dialog.role_edit.clear()
    qtbot.keyClicks(dialog.role_edit, role)
    if disagreement:
        dialog.disagree_check.setChecked(True)
        type_text(qtbot, dialog.disagreement_edit, disagreement)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: window.findChild(SignOffDialog) is None)


@pytest.fixture
def signed_window(qtbot, store, content, db_path):
    _case_id, session_id = make_case(store)
    store.sessions.save_answer(session_id, "professional_curiosity.x", "professional_curiosity", "Q?",
                      "Seen the baby.")  # fmt: skip
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    yield window, session_id
    window.close()


def test_sign_off_through_the_window_locks_the_session(qtbot, signed_window, store) -> None:
    window, session_id = signed_window
    view = window.session_view
    page = view.signoff_page
    view.show_signoff()
    assert "Not signed yet" in page.status_label.text()
    assert not page.add_addendum_button.isEnabled()

    # No named user yet: the app asks who is using it before the first signature.
    click(qtbot, page.sign_practitioner_button)
    qtbot.waitUntil(lambda: window.findChild(UserDialog) is not None)
    user_dialog = window.findChild(UserDialog)
    qtbot.keyClicks(user_dialog.name_edit, "Alex Morgan")
    qtbot.keyClicks(user_dialog.role_edit, "Social worker")
    click(qtbot, user_dialog.ok_button)
    qtbot.waitUntil(lambda: window.findChild(SignOffDialog) is not None)
    dialog = window.findChild(SignOffDialog)
    assert dialog.name_edit.text() == "Alex Morgan"  # the case's practitioner
    assert dialog.role_edit.text() == "Social worker"  # from the named user
    dialog.disagree_check.setChecked(True)
    click(qtbot, dialog.ok_button)  # disagreement ticked but empty: refused, dialog stays
    assert dialog.isVisible() and "disagree" in dialog.problems_label.text()
    type_text(qtbot, dialog.disagreement_edit, "The risk is higher than this says.")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: window.findChild(SignOffDialog) is None)

    assert "waiting for the supervisor" in page.status_label.text()
    assert view.locked and view.header.lock_banner.isVisible()
    editor = view.editor_for("professional_curiosity.x") or next(iter(view.answers.editors.values()))
    assert editor.isReadOnly()
    assert not view.decisions_page.add_decision_button.isEnabled()
    assert not view.header.edit_details_button.isEnabled()
    assert not page.sign_practitioner_button.isEnabled()

    sign_through_dialog(qtbot, window, page.sign_supervisor_button, "Team manager")
    assert "locked" in page.status_label.text()
    assert "Recorded disagreement: The risk is higher" in page.signoffs_label.text()
    fingerprint = store.signing.integrity(session_id).fingerprint
    assert fingerprint in page.fingerprint_label.text()

    # The record preview shows both signatures and the fingerprint.
    view.show_preview()
    preview = view.preview_page.preview_text()
    assert "Jo Patel, Team manager" in preview and fingerprint in preview
    assert "DRAFT" not in preview

    # The audit trail shows who created, signed it.
    view.show_signoff()
    rows = [
        [page.audit_table.item(r, c).text() for c in range(3)]
        for r in range(page.audit_table.rowCount())
    ]
    assert rows[0][2] == "Created"
    recorded = "recorded on this computer by Alex Morgan (Social worker)"
    assert [r[2] for r in rows[-2:]] == [
        f"Signed (as practitioner, recording a disagreement; {recorded})",
        f"Signed (as supervisor; {recorded})",
    ]
    # The signer is named as signed; who recorded it at this computer is said separately.
    assert [r[1] for r in rows[-2:]] == ["Alex Morgan (Social worker)", "Jo Patel (Team manager)"]


def test_addendum_through_the_window_and_header_button(qtbot, signed_window, store) -> None:
    window, session_id = signed_window
    store.settings.set_current_user("Jo Patel", "Team manager")
    store.signing.sign_session(session_id, SignOffInput(Party.PRACTITIONER, "Alex Morgan", "SW"))
    store.signing.sign_session(session_id, SignOffInput(Party.SUPERVISOR, "Jo Patel", "TM"))
    view = window.session_view
    view.load_session(session_id)
    assert view.header.add_addendum_button.isVisible() and view.header.add_addendum_button.isEnabled()
    click(qtbot, view.header.add_addendum_button)
    qtbot.waitUntil(lambda: window.findChild(AddendumDialog) is not None)
    dialog = window.findChild(AddendumDialog)
    assert dialog.author_edit.text() == "Jo Patel"
    click(qtbot, dialog.ok_button)  # empty text: refused
    assert dialog.isVisible() and "Write the addendum" in dialog.problems_label.text()
    type_text(qtbot, dialog.text_edit, "Correction: K is 7 <not 6> 👍")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: window.findChild(AddendumDialog) is None)
    page = view.signoff_page
    assert "Correction: K is 7 <not 6> 👍" in page.addenda_label.text()
    assert "LATE ENTRY" in page.addenda_label.text()  # the session was in March 2026
    assert store.signing.integrity(session_id).addenda[0].text == "Correction: K is 7 <not 6> 👍"
    view.show_preview()
    text = view.preview_page.preview_text()
    assert text.index("Addendum 1") > text.index("Sign-off")


def test_verify_in_the_app_reports_tampering(qtbot, signed_window, store, db_path) -> None:
    window, session_id = signed_window
    store.signing.sign_session(session_id, SignOffInput(Party.PRACTITIONER, "Alex Morgan", "SW"))
    store.signing.sign_session(session_id, SignOffInput(Party.SUPERVISOR, "Jo Patel", "TM"))
    window.session_view.load_session(session_id)
    page = window.session_view.signoff_page
    click(qtbot, page.verify_button)
    assert page.verify_label.text().startswith("Verified")
    connection = raw_connection(db_path)
    connection.execute("UPDATE answers SET text = 'Did not see the baby.'")
    connection.commit()
    connection.close()
    click(qtbot, page.verify_button)
    assert page.verify_label.text().startswith("DOES NOT MATCH")
    dialog = VerifyDialog(store.signing.verify_all(), window)
    assert "1 record(s) no longer match" in dialog.summary_label.text()
    assert dialog.table.item(0, 0).text() == "DOES NOT MATCH"
    assert interactive_without_name(dialog) == []
    dialog.deleteLater()


def test_a_signed_session_cannot_be_deleted_from_the_window(
    qtbot, signed_window, store, monkeypatch
) -> None:
    window, session_id = signed_window
    store.signing.sign_session(session_id, SignOffInput(Party.PRACTITIONER, "Alex Morgan", "SW"))
    warnings = []
    monkeypatch.setattr(window.case_actions, "confirm_delete", lambda *_: True)
    monkeypatch.setattr(window.case_actions, "warn", lambda title, text: warnings.append(text))
    window.case_actions.delete_session()
    assert warnings and "cannot be deleted" in warnings[0]
    assert store.sessions.get_session(session_id).id == session_id
    assert window.session_view.session_id == session_id


def test_exports_are_recorded_in_the_audit_trail(qtbot, signed_window, store, tmp_path) -> None:
    window, session_id = signed_window
    preview = window.session_view.preview_page
    assert preview.export_pdf_to(tmp_path / "r.pdf")
    assert preview.export_pdf_to(tmp_path / "x.pdf", extract=True)
    assert preview.export_html_to(tmp_path / "r.html")
    assert preview.export_pdf_to(tmp_path / "p.pdf", password="long enough pw")
    assert pypdf.PdfReader(tmp_path / "p.pdf").is_encrypted
    assert "Supervision extract" in pypdf.PdfReader(tmp_path / "x.pdf").pages[0].extract_text()
    assert '<html lang="en-GB">' in (tmp_path / "r.html").read_text(encoding="utf-8")
    exported = [e.detail for e in store.audit.audit_trail(session_id) if e.event == AuditEvent.EXPORTED]
    assert exported == ["PDF", "extract PDF", "HTML", "PDF, AES-256"]


def test_password_dialog_refuses_short_or_mismatched(qtbot) -> None:
    dialog = PasswordDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password_edit, "short")
    qtbot.keyClicks(dialog.repeat_edit, "other")
    dialog.accept()
    text = dialog.problems_label.text()
    assert "at least 8" in text and "not the same" in text
    assert dialog.result() == 0


def test_print_renders_pages_off_thread_and_leaves_no_temp_file(
    qtbot, signed_window, tmp_path, monkeypatch
) -> None:
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    window, _session_id = signed_window
    data, title = window.session_view.preview_page.record_pdf()
    assert "Seen the baby" not in title
    thread = PageRenderThread(data, 60)
    with qtbot.waitSignal(thread.finished, timeout=30000):
        thread.start()
    pages = len(pypdf.PdfReader(__import__("io").BytesIO(data)).pages)
    assert len(thread.images) == pages and not thread.error
    assert abs(thread.images[0].width() - 210 / 25.4 * 60) <= 1  # A4 at 60 dpi
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert paint_pages(printer, thread.images)
    assert len(pypdf.PdfReader(out).pages) == pages
    assert os.listdir(private_tmp) == []


def test_cancelled_render_stops_early(qtbot) -> None:
    from record_samples import record_with_answer

    from supervision_app.record.pdf import render_pdf

    data = render_pdf(record_with_answer("word " * 40000))
    thread = PageRenderThread(data, 150)
    # A direct connection runs in the worker, as a click on Cancel would between two pages.
    thread.progress.connect(
        lambda _stage, _done, _total: thread.cancel(), Qt.ConnectionType.DirectConnection
    )
    with qtbot.waitSignal(thread.finished, timeout=30000):
        thread.start()
    assert thread.cancelled and len(thread.images) == 1


def test_new_dialogs_have_accessible_names(qtbot, signed_window) -> None:
    window, _ = signed_window
    for dialog in (
        UserDialog(window),
        SignOffDialog(window, SignOffInput(Party.PRACTITIONER, "A", "B")),
        AddendumDialog(window),
        PasswordDialog(window),
    ):
        assert interactive_without_name(dialog) == [], type(dialog).__name__
        dialog.deleteLater()
    window.session_view.show_signoff()
    assert interactive_without_name(window.session_view) == []


def test_locked_text_typed_during_signing_is_kept_on_screen(
    qtbot, signed_window, store, monkeypatch
) -> None:
    window, session_id = signed_window
    asked = []
    monkeypatch.setattr(window, "ask_keep_open", lambda: asked.append(True) or False)
    view = window.session_view
    editor = view.editor_for("professional_curiosity.x") or next(iter(view.answers.editors.values()))
    store.signing.sign_session(session_id, SignOffInput(Party.PRACTITIONER, "Alex Morgan", "SW"))
    editor.setFocus()
    type_text(qtbot, editor, " More.")
    editor.commit_now()
    qtbot.waitUntil(lambda: bool(window.bridge.errors()), timeout=10000)
    assert "copy it into an addendum" in window.bridge.errors()[0]
    assert " More." in editor.toPlainText()  # still on screen, to copy into an addendum
    assert (
        store.sessions.get_session(session_id).answers["professional_curiosity.x"].text == "Seen the baby."
    )
    window.close()
    assert asked  # closing warns that some text was not saved


def test_renaming_the_case_after_sign_off_keeps_the_signed_record(
    qtbot, signed_window, store
) -> None:
    from supervision_app.ui.case_dialog import CaseDialog

    window, session_id = signed_window
    store.signing.sign_session(session_id, SignOffInput(Party.PRACTITIONER, "Alex Morgan", "SW"))
    store.signing.sign_session(session_id, SignOffInput(Party.SUPERVISOR, "Jo Patel", "TM"))
    window.session_view.load_session(session_id)
    window.actions.edit_case.trigger()  # Case › Edit case…, as the user would
    qtbot.waitUntil(lambda: window.findChild(CaseDialog) is not None)
    dialog = window.findChild(CaseDialog)
    dialog.reference_edit.clear()
    type_text(qtbot, dialog.reference_edit, "CSC-7-RENAMED")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: window.findChild(CaseDialog) is None)
    assert store.cases.get_case(store.sessions.get_session(session_id).case.id).reference == "CSC-7-RENAMED"
    assert [r.ok for r in store.signing.verify_all()] == [True]
    view = window.session_view
    view.show_preview()
    text = view.preview_page.preview_text()
    signed_part = text.split("Changes since sign-off")[0]  # the record as signed
    assert "CSC-7" in signed_part and "RENAMED" not in signed_part
    assert "Changes since sign-off" in text
    assert "The case reference is now “CSC-7-RENAMED”" in text
