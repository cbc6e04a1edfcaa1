"""Case memory across sessions on a real temporary database file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from supervision_app.domain import ActionStatus, ValidationError
from supervision_app.domain.memory import (
    EventKind,
    HypothesisStatus,
    Rag,
    ReferralOutcome,
    ReviewOutcome,
)
from supervision_app.storage import SupervisionStore
from supervision_app.storage.sqlite import cipher
from tests.helpers import make_case, open_db, shared_key_ring

#: The storage tests run on the laptop's SQLite and on the agency server (conftest.py).
pytestmark = pytest.mark.both_backends

JAN, FEB, MAR, APR = date(2026, 1, 6), date(2026, 2, 3), date(2026, 3, 3), date(2026, 4, 7)


def test_an_action_is_carried_forward_across_three_sessions_and_keeps_its_history(
    store: SupervisionStore,
) -> None:
    case_id = make_case(store)
    s1, s2, s3, s4 = (store.sessions.create_session(case_id, d, ["A"], "1") for d in (JAN, FEB, MAR, APR))
    action = store.sessions.add_action(s1, "See Ruby alone at nursery", "Sam", date(2026, 1, 20))
    other = store.sessions.add_action(s1, "Ask the GP for records", "Sam", date(2026, 1, 20))

    store.memory.review_action(action.id, ReviewOutcome.CARRIED_FORWARD, "Nursery closed", s2,
                               new_due=date(2026, 2, 17))  # fmt: skip
    store.memory.review_action(other.id, ReviewOutcome.DONE, "", s2)
    store.memory.review_action(action.id, ReviewOutcome.CARRIED_FORWARD, "Ruby off sick", s3)
    history = store.memory.case_history(case_id)
    [still_open] = history.open_actions()
    assert still_open.action.description == "See Ruby alone at nursery"
    assert still_open.action.due_date == date(2026, 2, 17)
    assert still_open.rag(MAR) is Rag.RED  # overdue by the third session
    assert [(r.session_date, r.outcome, r.reason) for r in still_open.reviews] == [
        (FEB, ReviewOutcome.CARRIED_FORWARD, "Nursery closed"),
        (MAR, ReviewOutcome.CARRIED_FORWARD, "Ruby off sick"),
    ]

    with pytest.raises(ValidationError, match="why"):
        store.memory.review_action(action.id, ReviewOutcome.NOT_DONE, "  ", s4)
    store.memory.review_action(action.id, ReviewOutcome.NOT_DONE, "Family moved area", s4)
    history = store.memory.case_history(case_id)
    assert history.open_actions() == []
    assert store.sessions.get_session(s1).actions[0].status is ActionStatus.NOT_DONE
    tracked = next(a for a in history.actions if a.action.id == action.id)
    assert [r.outcome for r in tracked.reviews][-1] is ReviewOutcome.NOT_DONE
    assert tracked.reviews[-1].session_id == s4


def test_rag_status_of_due_dates() -> None:
    from supervision_app.domain.memory import action_rag

    today = date(2026, 5, 10)
    assert action_rag(date(2026, 5, 9), today) is Rag.RED
    assert action_rag(date(2026, 5, 10), today) is Rag.AMBER
    assert action_rag(date(2026, 5, 17), today) is Rag.AMBER
    assert action_rag(date(2026, 5, 18), today) is Rag.GREEN


def test_hypotheses_reappear_with_status_and_testing_notes(store: SupervisionStore) -> None:
    case_id = make_case(store)
    s1, s2, s3 = (store.sessions.create_session(case_id, d, ["A"], "1") for d in (JAN, FEB, MAR))
    h = store.memory.add_hypothesis(case_id, "Dean is still living at the house", JAN, s1)
    store.memory.update_hypothesis(
        h, HypothesisStatus.TESTING, "Unannounced visit planned", FEB, s2
    )
    store.memory.update_hypothesis(
        h, HypothesisStatus.SUPPORTED, "Men's boots by the door", MAR, s3
    )
    discarded = store.memory.add_hypothesis(case_id, "Nursery absences are illness", JAN, s1)
    store.memory.update_hypothesis(discarded, HypothesisStatus.DISCARDED, "GP: no illness", FEB, s2)

    history = store.memory.case_history(case_id)
    [current] = history.current_hypotheses()
    assert current.status is HypothesisStatus.SUPPORTED
    assert [(n.on, n.status, n.text) for n in current.notes] == [
        (FEB, HypothesisStatus.TESTING, "Unannounced visit planned"),
        (MAR, HypothesisStatus.SUPPORTED, "Men's boots by the door"),
    ]
    with pytest.raises(ValidationError):
        store.memory.update_hypothesis(h, HypothesisStatus.SUPPORTED, " ", MAR, s3)


def test_escalation_stays_open_and_keeps_its_stages_until_it_has_an_outcome(
    store: SupervisionStore,
) -> None:
    case_id = make_case(store)
    s1, s2 = (store.sessions.create_session(case_id, d, ["A"], "1") for d in (JAN, FEB))
    esc = store.memory.raise_escalation(
        case_id, "MASH step-down to Early Help", "MASH team manager", JAN, 5, s1
    )
    store.memory.step_up_escalation(esc, "Head of Service", FEB, "No reply in 10 days", s2)
    [open_esc] = store.memory.case_history(case_id).open_escalations()
    assert [(s.stage, s.with_whom) for s in open_esc.steps] == [
        (1, "MASH team manager"),
        (2, "Head of Service"),
    ]
    assert open_esc.current.with_whom == "Head of Service"
    assert open_esc.days_open(date(2026, 2, 13)) == 38
    assert open_esc.overdue(date(2026, 2, 13))  # ten days at stage 2 against five
    assert not open_esc.overdue(date(2026, 2, 6))

    with pytest.raises(ValidationError, match="outcome"):
        store.memory.close_escalation(esc, "   ", MAR)
    store.memory.close_escalation(esc, "Strategy discussion held; S47 enquiry", MAR)
    history = store.memory.case_history(case_id)
    assert history.open_escalations() == []
    assert history.escalations[0].outcome.startswith("Strategy discussion")
    with pytest.raises(ValidationError):
        store.memory.step_up_escalation(esc, "Partnership", MAR)


def test_ratings_are_validated_and_listed_in_session_order(store: SupervisionStore) -> None:
    case_id = make_case(store)
    s2 = store.sessions.create_session(case_id, FEB, ["A"], "1")
    s1 = store.sessions.create_session(case_id, JAN, ["A"], "1")
    store.memory.set_rating(s2, 3, 4)
    store.memory.set_rating(s1, 6, None)
    store.memory.set_rating(s1, 5, 7)
    with pytest.raises(ValidationError, match="0 to 10"):
        store.memory.set_rating(s1, 11, 2)
    history = store.memory.case_history(case_id)
    assert [(r.on, r.child_safety, r.worker_safety) for r in history.ratings] == [
        (JAN, 5, 7),
        (FEB, 3, 4),
    ]
    assert history.latest_rating().child_safety == 3
    assert store.memory.get_rating(s1) == (5, 7)


def test_decisions_of_every_session_are_listed_for_the_case(store: SupervisionStore) -> None:
    case_id = make_case(store)
    s1, s2 = (store.sessions.create_session(case_id, d, ["A"], "1") for d in (JAN, FEB))
    store.sessions.add_decision(s2, "Refer to MASH", "Second disclosure")
    store.sessions.add_decision(s1, "Stay at Early Help", "Mother engaging")
    history = store.memory.case_history(case_id)
    assert [(d.on, d.text) for d in history.decisions] == [
        (JAN, "Stay at Early Help"),
        (FEB, "Refer to MASH"),
    ]


def test_events_need_a_kind_and_a_title_and_only_referrals_have_outcomes(
    store: SupervisionStore,
) -> None:
    case_id = make_case(store)
    with pytest.raises(ValidationError):
        store.memory.add_event(case_id, JAN, EventKind.CONCERN, "  ")
    with pytest.raises(ValidationError):
        store.memory.add_event(case_id, JAN, EventKind.CONCERN, "x", "", ReferralOutcome.REFUSED)
    with pytest.raises(ValidationError):
        store.memory.add_event(case_id, JAN, EventKind.DECISION, "assembled only")


# -- search ----------------------------------------------------------------------------------


def _words(hits) -> list[tuple[str, str]]:
    return [(h.kind, h.snippet.replace("\x02", "[").replace("\x03", "]")) for h in hits]


def test_search_finds_every_kind_and_tells_where_it_came_from(store: SupervisionStore) -> None:
    case_id = make_case(store)
    other = make_case(store, "C-200")
    sid = store.sessions.create_session(case_id, JAN, ["A"], "1")
    store.sessions.save_answer(
        sid,
        "lived_experience.child_words",
        "lived_experience",
        "Q",
        "Ruby said the kitchen is scary",
    )
    store.sessions.add_decision(sid, "Strategy discussion about the kitchen", "Burns")
    store.sessions.add_action(sid, "Check the kitchen", "Sam", FEB)
    store.memory.add_hypothesis(case_id, "Kitchen injuries are not accidental", JAN, sid)
    store.memory.add_event(
        other, FEB, EventKind.SIGNIFICANT_EVENT, "Moved to a flat with no kitchen"
    )
    store.memory.raise_escalation(case_id, "Kitchen burns not referred", "MASH", JAN)

    hits = store.memory.search("kitchen")
    assert sorted(h.kind for h in hits) == [
        "action", "answer", "decision", "escalation", "event", "hypothesis",
    ]  # fmt: skip
    answer = next(h for h in hits if h.kind == "answer")
    assert (answer.case_reference, answer.session_id, answer.locator) == (
        "C-100",
        sid,
        "lived_experience.child_words",
    )
    assert answer.session_date == JAN
    assert "\x02kitchen\x03" in answer.snippet
    event = next(h for h in hits if h.kind == "event")
    assert (event.case_id, event.session_id) == (other, None)
    assert store.memory.search("kitch")  # the last word may be the start of a word
    assert store.memory.search('"') == []  # stray quotes are not a syntax error


def test_search_index_follows_edits_and_deletions(store: SupervisionStore) -> None:
    case_id = make_case(store)
    sid = store.sessions.create_session(case_id, JAN, ["A"], "1")
    store.sessions.save_answer(sid, "a.b", "a", "Q", "Mother mentioned a trampoline")
    decision = store.sessions.add_decision(sid, "Trampoline safety advice", "Fall last month")
    event = store.memory.add_event(case_id, JAN, EventKind.CONCERN, "Trampoline fall")
    assert len(store.memory.search("trampoline")) == 3

    store.sessions.save_answer(sid, "a.b", "a", "Q", "Mother mentioned a bicycle")
    store.sessions.update_decision(decision.id, "Bicycle helmet advice", "Fall last month")
    store.memory.update_event(event, JAN, EventKind.CONCERN, "Bicycle fall")
    assert store.memory.search("trampoline") == []
    assert len(store.memory.search("bicycle")) == 3

    store.memory.delete_event(event)
    assert len(store.memory.search("bicycle")) == 2
    store.sessions.delete_session(sid)  # answers and decisions go with it
    assert store.memory.search("bicycle") == []
    store.memory.add_hypothesis(case_id, "Bicycle story covers a push", JAN)
    store.cases.delete_case(case_id)
    assert store.memory.search("bicycle") == []


def test_an_existing_database_gets_its_search_index_filled_when_opened(db_path: Path) -> None:
    database = open_db(db_path)
    store = SupervisionStore(database)
    sid = store.sessions.create_session(make_case(store), JAN, ["A"], "1")
    store.sessions.save_answer(sid, "a.b", "a", "Q", "an older note about the allotment")
    database.close()
    raw = cipher.connect(str(db_path), shared_key_ring().data_key)
    with raw:  # as if written before the index existed
        for (name,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger'"
        ).fetchall():
            raw.execute(f"DROP TRIGGER {name}")
        raw.execute("DROP TABLE search_index")
    raw.close()
    database = open_db(db_path)
    try:
        hits = SupervisionStore(database).memory.search("allotment")
        assert [h.session_id for h in hits] == [sid]
    finally:
        database.close()


def test_search_covers_every_hypothesis_field_and_follows_edits_and_deletion(
    store: SupervisionStore,
) -> None:
    case_id = make_case(store)
    hyp = store.memory.add_hypothesis(case_id, "Neglect of dental care", JAN,
                                      basis="Toothache at school", test_plan="Ask the dentist")  # fmt: skip
    store.memory.update_hypothesis(hyp, HypothesisStatus.TESTING, "Phoned the surgery", FEB,
                                   result="Missed three check-ups", evaluation="Likely")  # fmt: skip
    for words in ("neglect dental", "toothache", "dentist", "surgery", "check-ups", "likely"):
        assert [h.item_id for h in store.memory.search(words)] == [hyp], words

    store.memory.edit_hypothesis(hyp, "Neglect of health needs", "Earache at school", "", "")
    assert store.memory.search("toothache") == [] and store.memory.search("likely") == []
    assert [h.item_id for h in store.memory.search("earache")] == [hyp]
    store.memory.delete_hypothesis(hyp)  # its reviews go with it, from the index too
    assert store.memory.search("surgery") == [] and store.memory.search("earache") == []


def test_search_finds_escalation_stages_and_follows_action_and_outcome_edits(
    store: SupervisionStore,
) -> None:
    case_id = make_case(store)
    sid = store.sessions.create_session(case_id, JAN, ["A"], "1")
    action = store.sessions.add_action(sid, "Phone the paediatrician", "Sam", date(2026, 1, 20))
    esc = store.memory.raise_escalation(case_id, "Refused referral", "MASH manager", JAN, 5, sid,
                                        "Asked for a review", "Managers or safeguarding leads")  # fmt: skip
    store.memory.step_up_escalation(esc, "Head of Service", FEB, "No reply in a fortnight", sid)
    [stage] = store.memory.search("fortnight")
    assert (stage.kind, stage.locator, stage.item_id, stage.session_id) == (
        "escalation", "step", esc, sid)  # fmt: skip
    assert [h.item_id for h in store.memory.search("safeguarding leads")] == [esc]

    store.sessions.update_action(action.id, "Phone the health visitor", "Sam", date(2026, 1, 20),
                        ActionStatus.OPEN)  # fmt: skip
    assert store.memory.search("paediatrician") == []
    assert [h.item_id for h in store.memory.search("health visitor")] == [action.id]
    store.memory.close_escalation(esc, "Upheld by the partnership", FEB)
    assert [h.item_id for h in store.memory.search("upheld")] == [esc]
    store.sessions.delete_session(sid)  # the stages recorded in it stay with their escalation
    assert [h.session_id for h in store.memory.search("fortnight")] == [None]
    store.cases.delete_case(case_id)
    assert store.memory.search("fortnight") == [] and store.memory.search("upheld") == []
