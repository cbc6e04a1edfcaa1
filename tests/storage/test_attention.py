"""Home: what needs attention across all cases, most urgent first, each line saying why."""

from __future__ import annotations

from datetime import date, datetime

from supervision_app.content.patterns import load_patterns
from supervision_app.domain import CaseInput, Child, Party, SignOffInput
from supervision_app.domain.memory import EventKind, ReferralOutcome
from supervision_app.storage import SupervisionStore

TODAY = date(2026, 12, 7)


def _case(store: SupervisionStore, reference: str, opened: date = date(2026, 1, 5)) -> int:
    return store.cases.create_case(
        CaseInput(reference, "Alex P", "Jo S", children=[Child("K", date(2020, 1, 1))]),
        created_at=datetime(opened.year, opened.month, opened.day, 9, 0),
    )


def test_each_kind_of_attention_with_its_reason_most_urgent_first(store: SupervisionStore) -> None:
    # supervised a week ago, nothing outstanding: not listed
    fine = _case(store, "C-FINE")
    store.sessions.create_session(fine, date(2026, 11, 30), ["A"], "1")
    # last supervised 54 days ago: due
    due = _case(store, "C-DUE")
    store.sessions.create_session(due, date(2026, 10, 14), ["A"], "1")
    # never supervised, opened in January: due, counted from its opening
    _case(store, "C-NEW")
    # opened last week, no session yet: not due
    _case(store, "C-RECENT", opened=date(2026, 12, 1))
    # two overdue actions (and one done, one not yet due)
    acts = _case(store, "C-ACTIONS")
    sid = store.sessions.create_session(acts, date(2026, 11, 23), ["A"], "1")
    store.sessions.add_action(sid, "GP review of weight", "Sam", date(2026, 11, 25))
    store.sessions.add_action(sid, "Book core group", "Sam", date(2026, 12, 1))
    store.sessions.add_action(sid, "Next month", "Sam", date(2027, 1, 10))
    done = store.sessions.add_action(sid, "Done already", "Sam", date(2026, 11, 24))
    from supervision_app.domain import ActionStatus

    store.sessions.update_action(done.id, done.description, done.owner, done.due_date, ActionStatus.DONE)
    # an escalation at stage 2 for 17 days where the policy allows 5
    esc = _case(store, "C-ESC")
    sid = store.sessions.create_session(esc, date(2026, 11, 30), ["A"], "1")
    eid = store.memory.raise_escalation(
        esc, "Step-down to Early Help", "MASH", date(2026, 11, 10), 5, sid
    )
    store.memory.step_up_escalation(
        eid, "MASH manager", date(2026, 11, 20), stage_name="Managers", days=5
    )
    # an escalation still inside its timescale: not listed
    ok = _case(store, "C-ESC-OK")
    sid = store.sessions.create_session(ok, date(2026, 11, 30), ["A"], "1")
    store.memory.raise_escalation(ok, "Threshold", "MASH", date(2026, 12, 5), 5, sid)

    items = store.focus.attention(TODAY, frequency_days=28, frequency_label="default: monthly")
    assert [i.reference for i in items] == ["C-ESC", "C-ACTIONS", "C-NEW", "C-DUE"]
    by_ref = {i.reference: i for i in items}
    assert by_ref["C-ESC"].reasons == (
        "Escalation 'Step-down to Early Help': 17 days at this stage; the policy allows 5",
    )
    assert by_ref["C-ACTIONS"].reasons == (
        "2 actions overdue: the oldest was due 25 Nov 2026 (12 days ago)",
    )
    assert by_ref["C-DUE"].reasons == (
        "Due for supervision: last session 14 Oct 2026 (54 days ago; default: monthly)",
    )
    assert by_ref["C-NEW"].reasons == (
        "Due for supervision: no session yet (case opened 5 Jan 2026; default: monthly)",
    )
    assert by_ref["C-DUE"].last_session == date(2026, 10, 14)
    assert by_ref["C-NEW"].last_session is None
    assert [i.urgency for i in items] == sorted(i.urgency for i in items)
    # the agency's frequency decides who is due
    assert "C-DUE" not in {i.reference for i in store.focus.attention(TODAY, frequency_days=60)}
    assert [i.reference for i in store.focus.attention(TODAY, limit=2)] == ["C-ESC", "C-ACTIONS"]


def test_one_case_lists_every_reason_and_offers_todays_session(store: SupervisionStore) -> None:
    case_id = _case(store, "C-ALL")
    old = store.sessions.create_session(case_id, date(2026, 9, 1), ["A"], "1")
    store.sessions.add_action(old, "Visit", "Sam", date(2026, 9, 15))
    [item] = store.focus.attention(TODAY)
    assert item.kinds == ("action", "due") and len(item.reasons) == 2
    assert item.next_session_id is None
    today = store.focus.start_next_session(case_id, TODAY, ["Alex P"], "1")
    assert store.focus.start_next_session(case_id, TODAY, ["Alex P"], "1") == today  # resumed
    [item] = store.focus.attention(TODAY)
    assert item.next_session_id == today
    assert item.reasons[0].startswith("1 action overdue")
    # a signed session of today is not resumed
    store.signing.sign_session(today, SignOffInput(Party.PRACTITIONER, "Alex P", "Social worker"))
    assert store.focus.open_session_on(case_id, TODAY) is None
    assert store.focus.start_next_session(case_id, TODAY, ["Alex P"], "1") != today


def test_pattern_prompts_are_listed_with_their_evidence(store: SupervisionStore, content) -> None:
    case_id = _case(store, "C-PATTERN")
    store.sessions.create_session(case_id, date(2026, 12, 1), ["A"], "1")
    for on in (date(2026, 3, 1), date(2026, 9, 1)):
        store.memory.add_event(
            case_id, on, EventKind.REFERRAL, "Referral to MASH", outcome=ReferralOutcome.REFUSED
        )
    assert store.focus.attention(TODAY) == []  # without the rules nothing is raised
    [item] = store.focus.attention(TODAY, rules=load_patterns(content))
    assert item.kinds == ("pattern",)
    assert item.reasons[0].startswith("Pattern: Referrals refused again, with no escalation. ")
    assert "2 referrals refused" in item.reasons[0]
