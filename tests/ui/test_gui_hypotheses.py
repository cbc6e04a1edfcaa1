"""The structured hypothesising tool in the window: added with what each hypothesis is based on
and how it will be tested, reviewed with what the test found, carried into the next session."""

from __future__ import annotations

from datetime import date

import pytest

from supervision_app.domain.memory import HypothesisStatus
from tests.ui.test_gui import type_text
from tests.ui.test_gui_case_memory import _click, _texts, demo_window  # noqa: F401 (a fixture)


@pytest.fixture
def demo(request):
    """The demo case with a new session open on the case so far."""
    return request.getfixturevalue("demo_window")


def test_the_tool_invites_four_hypotheses_and_shows_their_fields(demo) -> None:
    window, _case_id, _session_id = demo
    text = _texts(window.session_view.memory_panel)
    assert "Aim for at least 4 hypotheses" in text
    assert "Based on: Men's boots in the hall" in text
    assert "How it will be tested: Compare nursery attendance" in text
    assert "Found: No medical cause found" in text  # a discarded one keeps its review
    assert "Evaluation: Supported: there is an adult in the household" in text


def test_a_hypothesis_is_added_reviewed_and_reappears_next_session(qtbot, demo, store) -> None:
    window, case_id, session_id = demo
    panel = window.session_view.memory_panel
    _click(qtbot, panel, "addHypothesisButton", "Add hypothesis")
    dialog = panel.recorder.last_dialog
    qtbot.waitUntil(dialog.isVisible)
    type_text(qtbot, dialog.inputs["text"], "Kai is a young carer for Ruby")
    type_text(qtbot, dialog.inputs["basis"], "Kai said he makes Ruby's tea")
    type_text(qtbot, dialog.inputs["test_plan"], "Ask school how Kai seems on Mondays")
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.problems_label.text()
    assert "Based on: Kai said he makes Ruby's tea" in _texts(panel)

    _click(qtbot, panel, "updateHypothesisButton", "Review hypothesis: Kai is a young carer for Ruby")  # fmt: skip
    dialog = panel.recorder.last_dialog
    dialog.inputs["status"].setCurrentIndex(
        dialog.inputs["status"].findData(HypothesisStatus.SUPPORTED)
    )
    type_text(qtbot, dialog.inputs["note"], "Spoke to the school nurse")
    type_text(qtbot, dialog.inputs["result"], "Kai late most Mondays, tired")
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.problems_label.text()

    [hyp] = [h for h in store.memory.case_history(case_id).hypotheses if h.text.startswith("Kai")]
    assert (hyp.basis, hyp.test_plan, hyp.status) == (
        "Kai said he makes Ruby's tea",
        "Ask school how Kai seems on Mondays",
        HypothesisStatus.SUPPORTED,
    )
    assert [(n.text, n.result, n.session_id) for n in hyp.notes] == [
        ("Spoke to the school nurse", "Kai late most Mondays, tired", session_id)
    ]
    # the next session opens with it, its status and how it was tested
    later = store.sessions.create_session(case_id, date(2026, 12, 8), ["Chloe"], "1")
    window.reload_cases(select_session=later)
    qtbot.waitUntil(lambda: window.session_view.session_id == later)
    text = _texts(window.session_view.memory_panel)
    assert "Kai is a young carer for Ruby" in text
    assert (
        "Supported. Tested: Spoke to the school nurse. Found: Kai late most Mondays, tired." in text
    )


def test_editing_a_hypothesis_keeps_its_reviews(qtbot, demo, store) -> None:
    window, case_id, _session_id = demo
    panel = window.session_view.memory_panel
    name = "Edit hypothesis: Mum is low in mood and struggling to keep up with Ruby's care"
    _click(qtbot, panel, "editHypothesisButton", name)
    dialog = panel.recorder.last_dialog
    type_text(qtbot, dialog.inputs["evaluation"], "Still open: GP appointment booked")
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.problems_label.text()
    [hyp] = [
        h for h in store.memory.case_history(case_id).hypotheses if h.text.startswith("Mum is low")
    ]
    assert hyp.evaluation == "Still open: GP appointment booked"
    assert hyp.notes and hyp.notes[0].text == "Asked Mum directly at the home visit."
    assert [h.item_id for h in store.memory.search("appointment booked")] == [hyp.id]


def test_the_hypothesis_prompts_lead_to_the_tool(qtbot, demo, content) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from supervision_app.ui.session_hypotheses import HYPOTHESIS_PROMPTS

    for prompt_id in HYPOTHESIS_PROMPTS:  # a renamed prompt would lose the link
        assert content.prompt(prompt_id) is not None, prompt_id
    window, _case_id, _session_id = demo
    view = window.session_view
    view.focus.agenda.add_prompt("professional_curiosity.hypotheses")  # if not proposed
    assert view.go_to_prompt("professional_curiosity.hypotheses")
    page = view.stage_page(view.current_page_index())
    assert page.editors() == []  # it stores no text of its own: the tool holds them
    [button] = page.findChildren(QPushButton, "openHypothesesToolButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert view.body.currentWidget() is view.memory_panel
    add = view.memory_panel.findChildren(QPushButton, "addHypothesisButton")[0]
    qtbot.waitUntil(lambda: add.hasFocus() or view.memory_panel.verticalScrollBar().value() > 0)
