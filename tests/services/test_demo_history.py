"""The six-month demo case shows the case's memory when the next session is opened."""

from __future__ import annotations

from datetime import date

import pytest

from supervision_app.content.patterns import load_patterns
from supervision_app.domain.memory import HypothesisStatus, Rag
from supervision_app.domain.patterns import evaluate
from supervision_app.services.demo import load_demo
from supervision_app.storage import SupervisionStore

NEXT_SESSION = date(2026, 11, 10)


pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


def test_the_six_month_case_remembers_what_was_promised_and_what_is_open(
    store: SupervisionStore, content
) -> None:
    loaded = load_demo(store, content)
    again = load_demo(store, content)
    assert again.already_present and again.history_case_id == loaded.history_case_id
    history = store.memory.case_history(loaded.history_case_id)
    assert len(history.sessions) == 6
    assert {s.on.month for s in history.sessions} == {5, 6, 7, 8, 9, 10}

    open_actions = {a.action.description: a for a in history.open_actions()}
    police = open_actions["Ask MASH to request police information about Dean"]
    assert len(police.reviews) == 2 and police.rag(NEXT_SESSION) is Rag.RED
    weights = open_actions["Ask nursery to weigh Ruby monthly and send the chart"]
    assert weights.rag(NEXT_SESSION) is Rag.GREEN
    assert len(open_actions) == 3

    [escalation] = history.open_escalations()
    assert escalation.current.stage == 3 and escalation.overdue(NEXT_SESSION)
    assert [(st.stage, st.name) for st in escalation.steps] == [
        (2, "Managers or safeguarding leads"),  # raised with a manager: the policy's stage 2
        (3, "Senior managers"),
    ]
    assert {h.status for h in history.current_hypotheses()} == {
        HypothesisStatus.SUPPORTED,
        HypothesisStatus.TESTING,
    }
    assert [r.child_safety for r in history.ratings] == [6, 5, 5, 4, 3, 3]

    fired = {p.rule_id for p in evaluate(load_patterns(content), history, NEXT_SESSION)}
    assert fired == {
        "refused_referrals_not_escalated",
        "repeated_was_not_brought",
        "change_without_reassessment",
        "same_concern_no_plan_change",
        "child_views_missing",
    }


def test_the_first_demo_record_lists_its_open_escalation_once(
    store: SupervisionStore, content
) -> None:
    from supervision_app.services.records import load_record

    loaded = load_demo(store, content)
    load_demo(store, content)  # loading again adds nothing
    [escalation] = store.memory.case_history(loaded.case_id).escalations
    assert escalation.current.stage == 2
    record = load_record(store, loaded.session_id, content)
    [printed] = record.escalations
    assert "step the referral down" in printed.concern
    assert printed.level == "Stage 2: Managers or safeguarding leads"
    # open on the session's date (2 Nov), 9 days at the stage against the policy's 5
    assert printed.status.startswith("Open (") and "overdue" in printed.status
    assert printed.raised_with.startswith("MASH team manager")
    # the session's four hypotheses are in the structured tool, each with its basis and test
    assert len(record.hypotheses) == 4
    assert all(h.basis and h.test_plan and h.status == "Open" for h in record.hypotheses)
    assert "criminal exploitation" in record.hypotheses[3].text


def test_a_record_shows_each_escalation_at_the_stage_it_was_on_the_sessions_date(
    store: SupervisionStore, content
) -> None:
    """Issue 15, item 4: the 11 Aug record said "Open (-1 days at this stage ...)" because it
    measured the stage stepped up on 12 Aug against the session's date."""
    from supervision_app.services.records import load_record

    loaded = load_demo(store, content)
    history = store.memory.case_history(loaded.history_case_id)
    [session] = [s for s in history.sessions if s.on == date(2026, 8, 11)]
    [printed] = load_record(store, session.session_id, content).escalations
    assert printed.level == "Stage 2: Managers or safeguarding leads"
    assert printed.status.startswith("Open (") and "-" not in printed.status
    # 24 Jun to 11 Aug at stage 2: 48 days against the policy's 5
    assert "48 days at this stage" in printed.status and "overdue" in printed.status
    later = load_record(store, history.sessions[-1].session_id, content).escalations
    assert later[0].level == "Stage 3: Senior managers"
