"""The five pattern prompts of issue 4 on realistic data in a real database: each fires on the
six-month demo history, and each goes quiet once the history answers it (no false alarms)."""

from __future__ import annotations

from datetime import date

import pytest

from supervision_app.content.patterns import load_patterns
from supervision_app.domain.memory import EventKind, ReferralOutcome
from supervision_app.domain.patterns import CHILD_VIEW_PROMPTS, CHILD_WORDS_MARKED, evaluate
from supervision_app.services.demo import load_demo
from supervision_app.storage import SupervisionStore
from tests.helpers import make_case

NEXT = date(2026, 11, 10)
ALL_FIVE = {
    "refused_referrals_not_escalated",
    "repeated_was_not_brought",
    "change_without_reassessment",
    "same_concern_no_plan_change",
    "child_views_missing",
}


def _fired(store: SupervisionStore, content, case_id: int, on: date = NEXT) -> set[str]:
    history = store.memory.case_history(case_id)
    return {p.rule_id for p in evaluate(load_patterns(content), history, on)}


@pytest.fixture
def demo(store: SupervisionStore, content) -> int:
    case_id = load_demo(store, content).history_case_id
    assert _fired(store, content, case_id) == ALL_FIVE
    return case_id


def test_every_child_view_prompt_is_a_real_prompt(content) -> None:
    # a renamed prompt would silently make the rule fire on every case
    for prompt_id in CHILD_VIEW_PROMPTS - {CHILD_WORDS_MARKED}:
        assert content.prompt(prompt_id) is not None, prompt_id
    marked = content.prompt("assessment_recording.marked_entries")
    assert marked is not None and marked.kind == "records"


def test_a_re_assessment_after_the_new_partner_silences_the_prompt(store, content, demo) -> None:
    store.memory.add_event(demo, date(2026, 8, 20), EventKind.ASSESSMENT,
                           "Re-assessment including Dean")  # fmt: skip
    assert "change_without_reassessment" not in _fired(store, content, demo)


def test_an_assessment_before_the_change_does_not(store, content) -> None:
    case_id = make_case(store)
    store.memory.add_event(case_id, date(2026, 1, 5), EventKind.ASSESSMENT, "Single assessment")
    store.memory.add_event(case_id, date(2026, 3, 1), EventKind.SIGNIFICANT_EVENT,
                           "New partner moved in")  # fmt: skip
    assert "change_without_reassessment" in _fired(store, content, case_id, date(2026, 4, 1))


def test_an_escalation_after_the_second_refusal_silences_the_prompt(store, content, demo) -> None:
    store.memory.raise_escalation(demo, "Re-referral refused again", "MASH team manager",
                                  date(2026, 9, 20), 5, stage_name="Managers or safeguarding leads",
                                  stage=2)  # fmt: skip
    assert "refused_referrals_not_escalated" not in _fired(store, content, demo)


def test_one_refusal_or_accepted_referrals_do_not_fire(store, content) -> None:
    case_id = make_case(store)
    on = date(2026, 1, 10)
    store.memory.add_event(case_id, on, EventKind.REFERRAL, "MASH", "", ReferralOutcome.REFUSED)
    store.memory.add_event(case_id, on, EventKind.REFERRAL, "CAMHS", "", ReferralOutcome.ACCEPTED)
    store.memory.add_event(case_id, on, EventKind.REFERRAL, "SALT", "", ReferralOutcome.PENDING)
    assert _fired(store, content, case_id, date(2026, 2, 1)) == set()


def test_not_brought_appointments_long_ago_do_not_fire(store, content, demo) -> None:
    # more than a year after the last missed appointment, the window has moved on
    assert "repeated_was_not_brought" not in _fired(store, content, demo, date(2027, 11, 1))


def test_a_decision_changing_the_plan_silences_the_repeated_concern(store, content, demo) -> None:
    sessions = sorted(store.sessions.list_sessions(demo), key=lambda s: s.date)
    sid = next(s.id for s in sessions if s.date == date(2026, 9, 8))
    store.sessions.add_decision(sid, "Request a strategy discussion about Ruby's weight",
                       "Faltering weight for three months despite Early Help")  # fmt: skip
    assert "same_concern_no_plan_change" not in _fired(store, content, demo)


@pytest.mark.parametrize("how", ["answer", "non_verbal", "marked_entry"])
def test_an_entry_about_the_childs_views_silences_the_prompt(store, content, demo, how) -> None:
    sessions = sorted(store.sessions.list_sessions(demo), key=lambda s: s.date)
    last = sessions[-1].id
    if how == "answer":
        prompt = content.prompt("lived_experience.child_words")
        store.sessions.save_answer(last, prompt.id, prompt.stage_id, prompt.text, "Kai said: 'Dean shouts.'")
    elif how == "non_verbal":
        prompt = content.prompt("lived_experience.non_verbal_cues")
        store.sessions.save_answer(last, prompt.id, prompt.stage_id, prompt.text,
                          "Ruby froze and went quiet when Dean came in.")  # fmt: skip
    else:
        prompt = content.prompt("assessment_recording.marked_entries")
        data = {"fields": [{"id": "mark", "label": "Mark"}, {"id": "entry", "label": "Entry"},
                           {"id": "who", "label": "Who"}],
                "choice_fields": ["mark"],
                "rows": [{"mark": "The child's own words", "entry": "Ruby: 'no Dean'",
                          "who": "Nursery"}]}  # fmt: skip
        store.sessions.save_structured_answer(last, prompt.id, prompt.stage_id, prompt.text, "records", data)
    assert "child_views_missing" not in _fired(store, content, demo)


def test_a_marked_entry_that_is_not_the_childs_words_does_not_count(store, content, demo) -> None:
    sessions = sorted(store.sessions.list_sessions(demo), key=lambda s: s.date)
    prompt = content.prompt("assessment_recording.marked_entries")
    data = {"fields": [{"id": "mark", "label": "Mark"}, {"id": "entry", "label": "Entry"},
                       {"id": "who", "label": "Who"}],
            "choice_fields": ["mark"],
            "rows": [{"mark": "Observed fact", "entry": "Home cold", "who": "HV"}]}  # fmt: skip
    store.sessions.save_structured_answer(sessions[-1].id, prompt.id, prompt.stage_id, prompt.text,
                                 "records", data)  # fmt: skip
    assert "child_views_missing" in _fired(store, content, demo)
