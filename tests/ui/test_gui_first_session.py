"""What a first real session trips over (issue 15), driven through the real window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from supervision_app.services.demo import load_demo
from supervision_app.storage import SupervisionStore
from tests.ui.test_gui import open_window

NEXT = date(2026, 11, 10)


@pytest.fixture
def demo_window(qtbot, store: SupervisionStore, content, db_path: Path):
    loaded = load_demo(store, content)
    session_id = store.sessions.create_session(loaded.history_case_id, NEXT, ["Chloe", "Martin"], "1")
    window = open_window(qtbot, store, content, db_path)
    window.resize(1366, 768)
    window.reload_cases(select_session=session_id)
    qtbot.waitUntil(lambda: window.session_view.session_id == session_id)
    return window, loaded, session_id


def wheel(widget: QWidget, notches: int = -1, *, inner: bool = False) -> None:
    """Turn the mouse wheel over the middle of ``widget`` (negative: towards the user);
    ``inner``: deliver it to the child under the pointer (the line edit of a spin box)."""
    centre = widget.rect().center()
    target = (widget.childAt(centre) if inner else None) or widget
    local = target.mapFrom(widget, centre)
    event = QWheelEvent(
        QPointF(local),
        QPointF(target.mapToGlobal(local)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(target, event)


# -- 2: the mouse wheel never changes a value it passes over ----------------------------


def test_the_wheel_over_a_rating_scrolls_the_page_and_keeps_the_value(
    qtbot, demo_window, store
) -> None:
    window, _loaded, session_id = demo_window
    panel = window.session_view.memory_panel
    window.session_view.show_memory(True)  # a new session opens on Today; Case so far is one click
    qtbot.waitUntil(lambda: hasattr(panel.cards, "worker_rating"))
    spin = panel.cards.worker_rating
    panel.ensureWidgetVisible(spin)
    bar = panel.verticalScrollBar()
    assert bar.maximum() > 0, "the page should be taller than the window at 1366x768"
    before = bar.value()
    assert before > 0
    window.case_tree.setFocus()
    assert not spin.hasFocus()

    wheel(spin, 1, inner=True)  # away from the user: the box would go from "not rated" to 0
    wheel(spin, 1)

    assert spin.value() == -1 and spin.text() == "not rated"
    assert store.memory.get_rating(session_id) == (None, None)
    assert bar.value() < before, "the page did not scroll"
    # A wheel turn does not give the box focus (and with it the next turn).
    assert spin.focusPolicy() != Qt.FocusPolicy.WheelFocus

    # Clicked into (keyboard focus), the box takes the wheel as usual.
    spin.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, 1)
    assert spin.value() == 0
    assert store.memory.get_rating(session_id) == (None, 0)


def test_every_value_widget_in_the_window_is_guarded(demo_window) -> None:
    from supervision_app.ui.wheel_guard import guarded

    window, _loaded, _session_id = demo_window
    boxes = [w for w in window.findChildren(QWidget) if guarded(w)]
    assert boxes, "expected spin boxes and combo boxes in the window"
    assert [w.objectName() for w in boxes if w.focusPolicy() == Qt.FocusPolicy.WheelFocus] == []


# -- 1: the actions table can be read at laptop widths -----------------------------------

LONG_ACTION = (
    "Submit a fresh referral to the MASH covering both children and the unborn baby, with "
    "the chronology and every new facts."
)


@pytest.mark.parametrize("size", [(1366, 768), (1320, 860)])
def test_the_action_text_is_the_widest_column_at_laptop_sizes(
    qtbot, store, content, db_path, size
) -> None:
    from tests.ui.test_gui import make_case, open_session

    assert len(LONG_ACTION) == 120
    _case_id, session_id = make_case(store)
    store.sessions.add_action(session_id, LONG_ACTION, "Alex Morgan (fictional), Health Visitor", NEXT)
    store.sessions.add_action(session_id, "Visit", "Jo", NEXT)
    window = open_window(qtbot, store, content, db_path)
    window.resize(*size)
    open_session(qtbot, window, session_id)
    window.session_view.show_decisions()
    table = window.session_view.decisions_page.actions_table
    qtbot.waitUntil(table.isVisible)
    qtbot.wait(10)

    widths = [table.columnWidth(c) for c in range(table.columnCount())]
    assert widths[0] == max(widths), (widths, table.viewport().width(), table.width())
    header = table.horizontalHeader()
    for column, width in enumerate(widths):
        assert width >= header.sectionSizeHint(column), (column, widths)
    assert sum(widths) <= table.viewport().width(), "no sideways scrolling"
    line = table.fontMetrics().lineSpacing()
    long_row, short_row = (
        table.rowHeight(r)
        for r in sorted(range(2), key=lambda r: table.item(r, 0).text() != LONG_ACTION)
    )
    assert long_row <= short_row + 2 * line, "the 120-character action takes more than 3 lines"


# -- 3: sign-off fills the name and the role separately ------------------------------------


@pytest.mark.parametrize(
    ("party", "name", "role"),
    [
        ("practitioner", "Sam Okafor (fictional)", "Health Visitor"),
        ("supervisor", "Priya Hale (fictional)", "Named Nurse for Safeguarding Children"),
    ],
)
def test_sign_off_fills_name_and_role_from_the_case(
    qtbot, store, content, db_path, party, name, role
) -> None:
    from supervision_app.domain import Party
    from supervision_app.ui.signoff_dialog import SignOffDialog

    loaded = load_demo(store, content)
    store.settings.set_current_user("Someone Else", "Team manager")
    window = open_window(qtbot, store, content, db_path)
    window.reload_cases(select_session=loaded.session_id)
    qtbot.waitUntil(lambda: window.session_view.session_id == loaded.session_id)
    window.session_view.show_signoff()
    window.session_view.signoff_page.sign(Party(party))
    qtbot.waitUntil(lambda: window.findChild(SignOffDialog) is not None)
    dialog = window.findChild(SignOffDialog)
    assert (dialog.name_edit.text(), dialog.role_edit.text()) == (name, role)
    dialog.reject()


# -- 10: after the first signature the banner and the addendum button agree ----------------


def test_after_one_signature_the_banner_promises_no_addendum_yet(
    qtbot, store, content, db_path
) -> None:
    from supervision_app.domain import Party, SignOffInput
    from tests.ui.test_gui import make_case, open_session

    _case_id, session_id = make_case(store)
    store.settings.set_current_user("Alex Morgan", "Social worker")
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    view = window.session_view
    page = view.signoff_page

    store.signing.sign_session(session_id, SignOffInput(Party.PRACTITIONER, "Alex Morgan", "SW"))
    view.load_session(session_id)
    assert view.locked and view.header.lock_banner.isVisible()
    # Addenda cannot be added yet: no greyed-out button, and the banner does not offer them.
    assert not view.header.add_addendum_button.isVisible()
    assert not page.add_addendum_button.isEnabled()
    assert "until the other signs" in view.header.lock_banner.text()
    assert "After both signatures" in view.header.lock_banner.text()

    store.signing.sign_session(session_id, SignOffInput(Party.SUPERVISOR, "Jo Patel", "TM"))
    view.load_session(session_id)
    assert view.header.add_addendum_button.isVisible() and view.header.add_addendum_button.isEnabled()
    assert page.add_addendum_button.isEnabled()
    assert "are added as addenda on the Sign-off page" in view.header.lock_banner.text()


# -- 9: the passphrase meter is zxcvbn's, with the app's words and the user's name ----------


def test_the_passphrase_window_shows_zxcvbns_estimate_and_advice(qtbot) -> None:
    from supervision_app.ui.passphrase_dialog import PassphraseDialog, PassphrasePurpose

    dialog = PassphraseDialog(
        None, purpose=PassphrasePurpose.CHANGE, user_words=["Priya Hale", "Named Nurse"]
    )
    qtbot.addWidget(dialog)
    dialog.show()
    for field in (dialog.passphrase, dialog.confirm):
        qtbot.keyClicks(field, "correct horse battery staple")
    dialog.current.setText("old one")
    assert "Strong" not in dialog.strength_label.text()
    assert "zxcvbn" in dialog.estimate_label.text() and dialog.estimate_label.isVisible()
    assert "correct horse battery staple" in dialog.advice_label.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible(), "a famous phrase was accepted"

    dialog.passphrase.setText("Priya-Hale-1984-nurse")
    assert "Weak" in dialog.strength_label.text() and "Priya" in dialog.advice_label.text()

    dialog.passphrase.setText("kettle mango violin harbour")
    assert "Strong" in dialog.strength_label.text()
    assert "centuries" in dialog.estimate_label.text()


# -- 6 and 7: the first run asks who is using the computer, and welcomes once ----------------


def test_first_run_asks_who_is_using_the_computer_and_offers_the_demo_once(
    qtbot, content, tmp_path: Path
) -> None:
    from supervision_app.storage import open_database
    from supervision_app.storage.keys import new_key_ring
    from supervision_app.ui.app import after_first_unlock, build_window
    from supervision_app.ui.user_dialog import UserDialog
    from supervision_app.ui.welcome_dialog import WelcomeDialog

    database = open_database(tmp_path / "first.sqlite3", new_key_ring("kettle mango violin"))
    assert database.new_recovery_key  # created now: this is the first run
    window = build_window(database, content)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert window.user_label.text() == "No user named"
        after_first_unlock(window, database)
        qtbot.waitUntil(lambda: window.findChild(UserDialog) is not None)
        dialog = window.findChild(UserDialog)
        qtbot.keyClicks(dialog.name_edit, "Priya Hale")
        qtbot.keyClicks(dialog.role_edit, "Named Nurse")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.findChild(UserDialog) is None)
        assert window.user_label.text() == "User: Priya Hale (Named Nurse)"
        assert window.store.settings.current_user().name == "Priya Hale"

        # One welcome: no second "Welcome" dialog over the start screen, whose card is the
        # one place in the window's body that offers the demo.
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, WelcomeDialog)]
        assert window.central_stack.currentWidget() is window.empty_state
        offers = [
            b.objectName()
            for b in window.centralWidget().findChildren(QPushButton)
            if b.isVisible() and "demo" in b.text().lower()
        ]
        assert offers == ["loadDemoButton"]
    finally:
        window.close()
        database.close()


def test_naming_the_user_at_sign_off_shows_in_the_status_bar_at_once(
    qtbot, store, content, db_path
) -> None:
    from supervision_app.domain import Party
    from supervision_app.ui.signoff_dialog import SignOffDialog
    from supervision_app.ui.user_dialog import UserDialog
    from tests.ui.test_gui import make_case, open_session

    _case_id, session_id = make_case(store)
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    assert window.user_label.text() == "No user named"
    window.session_view.show_signoff()
    window.session_view.signoff_page.sign(Party.PRACTITIONER)
    qtbot.waitUntil(lambda: window.findChild(UserDialog) is not None)
    dialog = window.findChild(UserDialog)
    qtbot.keyClicks(dialog.name_edit, "Alex Morgan")
    qtbot.keyClicks(dialog.role_edit, "Social worker")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(SignOffDialog) is not None)
    assert window.user_label.text() == "User: Alex Morgan (Social worker)"
    window.findChild(SignOffDialog).reject()


# -- 8: the recovery key screen prints, saves and copies the key -----------------------------

KEY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def key_dialog(qtbot, tmp_path: Path):
    from supervision_app.ui.recovery_key_dialog import RecoveryKeyDialog

    dialog = RecoveryKeyDialog(
        None, recovery_key=KEY, db_path=tmp_path / "data" / "supervision.sqlite3"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_recovery_key_is_saved_as_a_private_pdf(qtbot, key_dialog, tmp_path) -> None:
    import os
    import stat

    target = tmp_path / "recovery-key.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    assert key_dialog.save_key_to(target)
    text = _pdf_text(target.read_bytes())
    assert KEY in text
    assert str(tmp_path / "data" / "supervision.sqlite3") in text.replace("\n", "")
    assert key_dialog.issued.strftime("%d %b %Y") in text
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Saved to" in key_dialog.done_label.text()


def test_the_recovery_key_prints_the_sheet(qtbot, key_dialog, monkeypatch) -> None:
    from supervision_app.ui import printing

    sent: list[bytes] = []
    monkeypatch.setattr(
        printing, "print_pdf", lambda _parent, data, _title: sent.append(data) or True
    )
    qtbot.mouseClick(key_dialog.print_button, Qt.MouseButton.LeftButton)
    [data] = sent
    text = _pdf_text(data)
    assert KEY in text and "Issued" in text and "Database" in text
    assert "printer" in key_dialog.done_label.text()


def test_the_recovery_key_copy_is_cleared_after_a_minute(qtbot, key_dialog) -> None:
    from supervision_app.ui.clipboard_guard import CLEAR_AFTER_MS, app_clipboard_guard

    clipboard = QApplication.clipboard()
    clipboard.clear()
    qtbot.mouseClick(key_dialog.copy_button, Qt.MouseButton.LeftButton)
    assert clipboard.text() == KEY
    key_dialog.close()
    guard = app_clipboard_guard()  # the application's guard outlives the dialog
    assert guard.holds_our_text() and guard.timer.isActive()
    assert guard.timer.interval() == CLEAR_AFTER_MS
    guard.timer.timeout.emit()  # a minute later
    assert clipboard.text() != KEY


# -- 5 and 14: hints are shown whole; the day-in-the-life boxes grow with their text -----------

LONG_HINT = (
    "What did you see, hear and smell on the visit: the state of the home, how the baby "
    "was handled and fed, who was there, what you heard, any smells, and what was missing "
    "that you would expect to see in a home with a new baby and a toddler getting used to "
    "the home, and how the parents responded when you asked."
)


def _hint_fits(box, hint: str) -> bool:
    """The hint, word-wrapped as Qt draws it, fits in the box's visible area."""
    from PySide6.QtCore import QRect

    margin = int(box.document().documentMargin())
    width = box.viewport().width() - 2 * margin
    needed = box.fontMetrics().boundingRect(
        QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), hint
    )
    return needed.height() <= box.viewport().height() - 2 * margin


@pytest.mark.parametrize("width", [420, 700])
def test_the_hint_in_an_empty_answer_box_is_shown_whole(qtbot, width) -> None:
    from supervision_app.ui.answer_editor import AnswerEditor

    editor = AnswerEditor("p", "s", "Q?")
    qtbot.addWidget(editor)
    hint = f"{LONG_HINT} {LONG_HINT}"  # longer than the usual three lines at any width here
    editor.setPlaceholderText(hint)
    editor.resize(width, 80)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: _hint_fits(editor, hint))
    narrow = editor.height()
    editor.setPlainText("Seen.")  # with text the hint is gone: back to the usual 3 lines
    assert editor.height() < narrow


def _inked_lines(box) -> int:
    """How many text lines of the viewport have something drawn on them (the hint)."""
    image = box.viewport().grab().toImage()
    base = box.viewport().palette().color(box.viewport().backgroundRole())
    line = box.fontMetrics().lineSpacing()
    margin = int(box.document().documentMargin())
    inked = 0
    for top in range(margin, image.height() - margin - line + 1, line):
        if any(
            abs(image.pixelColor(x, y).lightness() - base.lightness()) > 40
            for y in range(top + 2, top + line - 2)
            for x in range(margin, image.width() - margin, 2)
        ):
            inked += 1
    return inked


def test_the_hint_is_drawn_wrapped_not_cut_at_the_edge(qtbot) -> None:
    from supervision_app.ui.answer_editor import AnswerEditor

    editor = AnswerEditor("p", "s", "Q?")
    qtbot.addWidget(editor)
    editor.setPlaceholderText(LONG_HINT)
    editor.resize(420, 80)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: _hint_fits(editor, LONG_HINT))
    assert editor.placeholderText() == LONG_HINT
    assert _inked_lines(editor) >= 4, "the hint is drawn on one line and cut at the edge"


def test_day_in_the_life_boxes_show_their_hint_and_grow_with_their_text(qtbot, content) -> None:
    from supervision_app.ui.day_in_life_editor import DayInLifeEditor

    prompt = next(p for stage in content.stages for p in stage.prompts if p.kind == "day_in_life")
    editor = DayInLifeEditor(prompt, ["Ruby"])
    qtbot.addWidget(editor)
    editor.resize(700, 900)
    editor.show()
    qtbot.waitExposed(editor)
    boxes = list(editor.texts.values())
    for box in boxes:
        assert _hint_fits(box, box.placeholderText()), box.placeholderText()
    box = boxes[0]
    before = box.height()
    box.setPlainText("\n".join(f"Line {n} of what Ruby's morning is like" for n in range(8)))
    qtbot.waitUntil(lambda: box.height() > before)
    assert box.verticalScrollBar().maximum() == 0 or not box.verticalScrollBar().isVisible()
    assert box.height() >= 8 * box.fontMetrics().lineSpacing()


# -- 13: the names in the case record are not misspellings -----------------------------------


def test_case_words_are_the_names_in_the_record() -> None:
    from supervision_app.spelling import case_words

    words = case_words(
        ["Jayden (fictional)", "Sam Okafor, Health Visitor"],
        [
            "Mum said Dean stays over. Leah told me that Dean's car was outside.",
            "Kayleigh was at nursery. Recieve the letter. I asked whether Leah agreed; I saw Leah later.",
        ],
    )
    assert {"Jayden", "Sam", "Okafor", "Dean", "Leah"} <= words
    # Only once, or only at the start of a sentence: not taken for a name.
    assert "Kayleigh" not in words and "Recieve" not in words and "Mum" not in words


def test_the_childs_and_familys_names_are_not_underlined(qtbot, store, content, db_path) -> None:
    from tests.content.test_spelling import require_checker
    from tests.ui.test_gui_spelling import underlined

    require_checker()
    loaded = load_demo(store, content)
    window = open_window(qtbot, store, content, db_path)
    window.reload_cases(select_session=loaded.session_id)
    view = window.session_view
    qtbot.waitUntil(lambda: view.session_id == loaded.session_id)
    editors = [e for row in list(view.slots) for e in view.stage_page(row).editors()]
    named = [e for e in editors if "Jayden" in getattr(e, "toPlainText", str)()]
    assert named, "expected the demo's answers to name Jayden"
    for editor in named:
        editor.spelling.refresh()
    flagged = {w for e in named for w in underlined(e)}
    assert not flagged & {"Jayden", "Ellie", "Wayne", "Leah", "Okafor", "Jayden's", "Ellie's"}


def test_no_action_is_cut_short_at_1440x900(qtbot, store, content, db_path) -> None:
    """Each row is as tall as its text drawn inside the cell's padding (nothing ends in …)."""
    from PySide6.QtCore import QRect

    loaded = load_demo(store, content)
    window = open_window(qtbot, store, content, db_path)
    window.resize(1440, 900)
    window.reload_cases(select_session=loaded.session_id)
    qtbot.waitUntil(lambda: window.session_view.session_id == loaded.session_id)
    window.session_view.show_decisions()
    page = window.session_view.decisions_page
    for table in (page.actions_table, page.decisions_table):
        qtbot.waitUntil(table.isVisible)
        metrics = table.fontMetrics()
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                # the cell less the style sheet's padding (8 px a side) and Qt's text margin
                width = table.columnWidth(column) - 16 - 6
                text = table.item(row, column).text()
                needed = metrics.boundingRect(
                    QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), text
                ).height()
                assert needed + 12 <= table.rowHeight(row), (table.objectName(), text)
