"""The focused supervision (issue 13) as two people use it: Home, Today, the agenda, the walk
through it, the summary, the record; and what must keep working (a session from before the
agenda, the rail's pinned pages at laptop sizes)."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from supervision_app.domain import CaseInput, Child
from supervision_app.domain.focus import AgendaItem, AgendaOrigin
from supervision_app.services.demo import load_demo
from supervision_app.storage import SupervisionStore
from supervision_app.ui.action_dialog import ActionDialog
from supervision_app.ui.answer_editor import AnswerEditor
from supervision_app.ui.decision_dialog import DecisionDialog
from supervision_app.ui.focus.prompt_browser import PromptBrowserDialog
from supervision_app.ui.main_window import MainWindow
from supervision_app.ui.session_timer import SessionTimer
from tests.ui.test_gui import SAVED_PREFIX, open_window, type_text

QUESTION = "Is it time to escalate to the Head of Service again?"


@pytest.fixture
def window(qtbot, store: SupervisionStore, content, db_path: Path) -> Iterator[MainWindow]:
    load_demo(store, content)
    win = open_window(qtbot, store, content, db_path)
    yield win
    win.close()


def click(qtbot, button) -> None:
    qtbot.waitUntil(button.isVisible)  # a row just rebuilt is shown once events run
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def case_id(store: SupervisionStore, reference: str) -> int:
    return next(c.id for c in store.cases.list_cases() if c.reference == reference)


def young_case(store: SupervisionStore) -> tuple[int, int]:
    """A case whose children are 2 and 6, and a session on it with nothing written yet."""
    today = date.today()
    case = store.cases.create_case(
        CaseInput(
            "YOUNG-1", "Alex Morgan, Social Worker", "Jo Patel, Team Manager", ["CSC"],
            [Child("R", today - timedelta(days=365 * 2 + 30)),
             Child("K", today - timedelta(days=365 * 6 + 30))],
        )
    )  # fmt: skip
    session = store.sessions.create_session(case, today, ["Alex Morgan, Social Worker"], "1.3.0")
    return case, session


# -- the journey ---------------------------------------------------------------------------


def test_from_home_to_the_pdf_on_demo_0002(
    qtbot, window: MainWindow, store: SupervisionStore, content, tmp_path: Path
) -> None:
    clicks = 0
    # After unlock the window opens on what needs attention, not on the first case.
    assert window.central_stack.currentWidget() is window.home.page
    demo2 = case_id(store, "DEMO-0002")
    qtbot.waitUntil(lambda: demo2 in window.home.page.start_buttons)  # after the first paint
    start = window.home.page.start_buttons[demo2]
    reasons = "\n".join(
        label.text() for label in start.parentWidget().findChildren(type(window.placeholder))
    )
    assert "DEMO-0002" in reasons and len(reasons.splitlines()) >= 2  # says why it is there

    click(qtbot, start)
    clicks += 1
    view = window.session_view
    qtbot.waitUntil(lambda: view.session_id is not None)
    assert view.pages.currentWidget() is view.focus.today
    assert view.detail.case.reference == "DEMO-0002"
    session_id = view.session_id

    # Today: the question the practitioner brings
    type_text(qtbot, view.focus.today.question, QUESTION)
    click(qtbot, view.focus.today.next_button)
    clicks += 1
    assert view.pages.currentWidget() is view.focus.agenda
    proposed = list(view.focus.agenda.items)
    assert 10 <= len(proposed) <= 16

    # Accept the proposed agenda: the cursor is in the first item's answer
    click(qtbot, view.focus.agenda.start_button)
    clicks += 1
    first = view.editor_for(proposed[0].prompt_id)
    assert QApplication.focusWidget() is first
    assert clicks <= 4, f"{clicks} clicks from unlock to the first answer"
    assert [i.prompt_id for i in store.focus.get_agenda(session_id)] == [i.prompt_id for i in proposed]

    # Three answers, walking the agenda with Next
    answered = []
    for item in proposed:
        editor = view.editor_for(item.prompt_id)
        if not isinstance(editor, AnswerEditor) or editor.kind != "text":
            continue
        view.go_to_prompt(item.prompt_id)
        type_text(qtbot, editor, f"Answer to {item.prompt_id}")
        answered.append(item.prompt_id)
        if len(answered) == 3:
            break
    assert view.rail.plan_title.text() == f"AGENDA · 3 OF {len(proposed)}"

    # The summary: reflection, three columns, scaling, review; a decision and an action
    summary = view.focus.summary
    view.go_to_page(view.pages.indexOf(summary))
    type_text(qtbot, summary.reflection, "Drift since May; the plan has not changed.")
    type_text(qtbot, summary.worries, "Ruby's weight has fallen.")
    type_text(qtbot, summary.working_well, "School attendance is good.")
    type_text(qtbot, summary.needs_to_happen, "A paediatric review.")
    for child in view.detail.case.children:
        summary.set_score(child.name, 3)
    summary.review_set.setChecked(True)
    summary.review_date.setDate(QDate(2027, 1, 5))

    click(qtbot, summary.add_decision_button)
    decision = window.findChild(DecisionDialog)
    qtbot.keyClicks(decision.decision_edit, "Escalate to the Head of Service")
    qtbot.keyClicks(decision.rationale_edit, "Stage 3 has passed its timescale")
    click(qtbot, decision.ok_button)
    qtbot.waitUntil(lambda: "Escalate to the Head of Service" in summary.decided_label.text())
    click(qtbot, summary.add_action_button)
    action = window.findChild(ActionDialog)
    qtbot.keyClicks(action.description_edit, "Request a paediatric review of Ruby's weight")
    qtbot.keyClicks(action.owner_edit, "Chloe Adeyemi")
    action.due_edit.setDate(QDate(2026, 12, 20))
    click(qtbot, action.ok_button)
    qtbot.waitUntil(lambda: "paediatric review" in summary.decided_label.text())

    assert view.wait_for_saves(10)
    qtbot.waitUntil(lambda: window.save_indicator.text().startswith(SAVED_PREFIX), timeout=10000)
    saved = store.sessions.get_session(session_id)
    assert saved.opening.question == QUESTION
    assert saved.closing.worries == "Ruby's weight has fallen."
    assert [s.score for s in saved.closing.scaling] == [3] * len(saved.case.children)
    assert saved.closing.next_review == date(2027, 1, 5)
    assert {pid: saved.answers[pid].text for pid in answered} == {
        pid: f"Answer to {pid}" for pid in answered
    }

    # The record: its first page shows the focus, the decision and the action
    pdf = tmp_path / "record.pdf"
    assert view.preview_page.export_pdf_to(pdf)
    if importlib.util.find_spec("pypdf") is None:
        return
    from pypdf import PdfReader

    first_page = " ".join(PdfReader(str(pdf)).pages[0].extract_text().split())
    assert QUESTION in first_page
    assert "Escalate to the Head of Service" in first_page
    assert "Request a paediatric review of Ruby" in first_page


# -- the agenda ----------------------------------------------------------------------------


def test_reorder_remove_and_add_from_the_library_are_saved_and_reloaded(
    qtbot, window: MainWindow, store: SupervisionStore
) -> None:
    window.home.start(case_id(store, "DEMO-0001"))
    view = window.session_view
    agenda = view.focus.agenda
    view.go_to_page(view.pages.indexOf(agenda))
    first, second, third = (i.prompt_id for i in agenda.items[:3])
    count = len(agenda.items)

    click(qtbot, agenda.rows.itemAtPosition(1, 3).widget())  # item 2 up
    assert [i.prompt_id for i in agenda.items[:2]] == [second, first]
    click(qtbot, agenda.rows.itemAtPosition(2, 5).widget())  # remove item 3
    assert third not in [i.prompt_id for i in agenda.items]
    agenda.minute_boxes[0].setValue(9)

    dialog = view.focus.browse()
    assert isinstance(dialog, PromptBrowserDialog)
    qtbot.keyClicks(dialog.search_edit, "trigger trio")
    assert not dialog.choose(first)  # hidden by the search, and on the agenda anyway
    wanted = next(
        dialog.list.item(r).data(Qt.ItemDataRole.UserRole + 1)
        for r in range(dialog.list.count())
        if not dialog.list.item(r).isHidden()
    )
    assert dialog.choose(wanted)
    click(qtbot, dialog.add_button)
    assert wanted in [i.prompt_id for i in agenda.items]
    assert len(agenda.items) == count

    # The rail follows, and the agenda is saved with the session
    rail = [view.navigator.item(r).text() for r in range(view.navigator.count())]
    assert rail[2] == window.content.prompt(second).text
    session_id = view.session_id
    stored = store.focus.get_agenda(session_id)
    assert [i.prompt_id for i in stored] == [i.prompt_id for i in agenda.items]
    assert stored[0].minutes == 9
    assert next(i for i in stored if i.prompt_id == wanted).origin == AgendaOrigin.ADDED

    window.session_view.clear()
    window.reload_cases(select_session=session_id)
    again = window.session_view.focus.agenda.items
    assert [i.prompt_id for i in again] == [i.prompt_id for i in stored]


def test_no_adolescent_prompt_is_proposed_when_every_child_is_under_10(
    qtbot, window: MainWindow, store: SupervisionStore, content
) -> None:
    _case, session = young_case(store)
    window.reload_cases(select_session=session)
    agenda = window.session_view.focus.agenda
    themes = {s.theme for s in agenda._proposal.suggestions}
    assert "adolescents" not in themes
    on_agenda = [content.prompt(i.prompt_id) for i in agenda.items]
    assert not [p.id for p in on_agenda if "adolescents" in p.themes]
    assert not [p.id for p in on_agenda if (p.conditions.min_child_age or 0) >= 10]
    assert agenda.not_box.isVisibleTo(agenda)
    assert "10" in agenda.not_label.text()  # says why


def test_progress_counts_the_agenda(qtbot, window: MainWindow, store: SupervisionStore) -> None:
    _case, session = young_case(store)
    items = [AgendaItem(pid, 5) for pid in window.content.core_route[:5]]
    store.focus.save_agenda(session, items)
    window.reload_cases(select_session=session)
    view = window.session_view
    assert view.rail.plan_title.text() == "AGENDA · 0 OF 5"
    editor = view.editor_for(items[1].prompt_id)
    view.go_to_prompt(items[1].prompt_id)
    type_text(qtbot, editor, "Seen at home.")
    assert view.rail.plan_title.text() == "AGENDA · 1 OF 5"
    # Only the agenda's items are in the walk: not the 111 prompts of the library
    assert len(view.slots) == 5


def test_timer_gives_each_item_its_share_and_warns_gently_on_overrun(qtbot) -> None:
    now = [0.0]
    timer = SessionTimer(clock=lambda: now[0])
    qtbot.addWidget(timer)
    timer.set_shares([("What happened?", 5), ("Hypotheses", 10)], planned=60)
    assert timer.minutes.value() == 60
    assert timer.share_of("Hypotheses") == 10
    timer.set_stage("What happened?")
    timer.toggle()
    now[0] = 4 * 60
    timer.refresh()
    assert "this item 4 of 5 min" in timer.label.text()
    assert timer.overrun_minutes() == 0
    now[0] = 8 * 60
    timer.refresh()
    assert timer.overrun_minutes() == 3
    assert "3 min over" in timer.label.text() and "reach the plan" in timer.label.text()
    timer.set_stage("Hypotheses")
    now[0] = 9 * 60
    timer.refresh()
    assert "this item 1 of 10 min" in timer.label.text()
    assert "Hypotheses: about 10 min" in timer.label.toolTip()
    timer.set_shares([])  # no agenda: the stages share the time equally again
    assert timer.share_of("Hypotheses") == timer.planned_per_stage()


# -- before the agenda, and the rail -------------------------------------------------------


def test_a_session_from_before_the_agenda_shows_its_answered_prompts_only(
    qtbot, window: MainWindow, store: SupervisionStore, content
) -> None:
    case, _session = young_case(store)
    old = store.sessions.create_session(case, date(2026, 3, 1), ["Alex"], "1.2.0")
    stage = content.stages[1]
    prompt = next(p for p in stage.prompts if not p.structured and p.kind == "text")
    store.sessions.save_answer(old, prompt.id, stage.id, prompt.text, "Kept exactly as written.")
    window.reload_cases(select_session=old)
    view = window.session_view
    assert not view.focus.active
    assert view.rail.plan_title.text() == "SESSION PLAN"
    assert len(view.slots) == 1
    page = view.stage_page(next(iter(view.slots)))
    assert [card.prompt_id for card in page.cards] == [prompt.id]
    assert view.editor_for(prompt.id).toPlainText() == "Kept exactly as written."
    assert store.focus.get_agenda(old) == []  # opening it does not give it an agenda


@pytest.mark.parametrize("size", [(1366, 768), (1440, 900)])
def test_decisions_preview_and_signoff_are_reachable_without_scrolling(
    qtbot, window: MainWindow, store: SupervisionStore, size
) -> None:
    window.resize(*size)
    window.home.start(case_id(store, "DEMO-0002"))
    view = window.session_view
    qtbot.waitUntil(lambda: view.rail.footer.isVisible())
    rail = view.rail.rect()
    for key, page in (
        ("decisions", view.decisions_page),
        ("preview", view.preview_page),
        ("signoff", view.signoff_page),
    ):
        button = view.rail.footer.buttons[key]
        corner = button.mapTo(view.rail, button.rect().bottomRight())
        assert button.isVisible() and rail.contains(corner), key
        click(qtbot, button)
        assert view.pages.currentWidget() is page


def test_the_header_shows_one_person_with_their_role_per_item(
    qtbot, window: MainWindow, store: SupervisionStore
) -> None:
    window.home.start(case_id(store, "DEMO-0002"))
    meta = window.session_view.header.meta_label.text()
    detail = window.session_view.detail
    for attendee in detail.attendees:
        name, _, role = attendee.partition(",")
        assert f"{name.strip()} — {role.strip()}" in meta
    assert "Attendees:" not in meta


def test_a_hypotheses_prompt_opens_the_tool_and_has_no_text_box(
    qtbot, window: MainWindow, store: SupervisionStore, content
) -> None:
    _case, session = young_case(store)
    store.focus.save_agenda(session, [AgendaItem("professional_curiosity.hypotheses", 10)])
    window.reload_cases(select_session=session)
    view = window.session_view
    page = view.stage_page(view.page_stack.row_of_prompt["professional_curiosity.hypotheses"])
    assert page.editors() == []
    link = page.findChild(type(view.hypothesis_links.links[0]))
    click(qtbot, link.open_button)
    assert view.body.currentWidget() is view.memory_panel
