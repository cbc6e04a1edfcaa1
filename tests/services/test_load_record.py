"""load_record: the session is read once; a draft is built from the live data without a
snapshot; once signed, the same sections come from the snapshot, unchanged."""

from __future__ import annotations

from datetime import date

import pytest

from supervision_app.domain import Party, SignOffInput
from supervision_app.domain.memory import ReviewOutcome
from supervision_app.services import records
from supervision_app.services.records import load_record
from supervision_app.storage import SupervisionStore
from tests.agency_server import SIGNS_AS_NAMED_PEOPLE
from tests.helpers import make_case, make_full_session

pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


@pytest.fixture
def session_id(store: SupervisionStore) -> int:
    """A session with everything its record's case-memory sections show."""
    case_id = make_case(store)
    earlier = store.sessions.create_session(case_id, date(2026, 10, 5), ["Alex", "Jo"], "1.0.0")
    old = store.sessions.add_action(earlier, "Check school attendance", "Alex", date(2026, 10, 20))
    session_id = make_full_session(store, case_id)
    memory = store.memory
    memory.review_action(
        old.id, ReviewOutcome.CARRIED_FORWARD, "Half term", session_id=session_id,
        on=date(2026, 11, 2), new_due=date(2026, 11, 30),
    )  # fmt: skip
    memory.add_hypothesis(case_id, "The bruising is accidental", date(2026, 11, 2), session_id)
    memory.raise_escalation(
        case_id, "Health visitor has not seen the baby", "Team leader", date(2026, 10, 20), 10
    )
    memory.set_rating(session_id, 4, 6)
    return session_id


def sections(record: records.SessionRecord) -> tuple[object, ...]:
    return (record.previous_actions, record.escalations, record.hypotheses, record.rating)


def test_a_draft_is_read_once_and_built_without_a_snapshot(
    store: SupervisionStore, content, session_id: int, monkeypatch
) -> None:
    reads: list[int] = []
    original = store.sessions.get_session

    def counting(sid: int):
        reads.append(sid)
        return original(sid)

    def no_snapshot(*_args: object) -> None:
        raise AssertionError("a draft's record needs no snapshot (nor its JSON round trip)")

    monkeypatch.setattr(store.sessions, "get_session", counting)
    monkeypatch.setattr(records, "record_snapshot", no_snapshot)
    record = load_record(store, session_id, content)
    assert reads == [session_id]
    assert [a.description for a in record.previous_actions] == ["Check school attendance"]
    assert "Half term" in record.previous_actions[0].note
    assert [e.concern for e in record.escalations] == ["Health visitor has not seen the baby"]
    assert [h.text for h in record.hypotheses] == ["The bruising is accidental"]
    assert record.rating is not None and record.rating.child_safety == "4 / 10"


@pytest.mark.sqlite_only(reason=SIGNS_AS_NAMED_PEOPLE)
def test_signing_changes_where_the_sections_come_from_not_what_they_say(
    store: SupervisionStore, content, session_id: int
) -> None:
    draft = load_record(store, session_id, content)
    for party, name in ((Party.PRACTITIONER, "Alex"), (Party.SUPERVISOR, "Jo")):
        store.signing.sign_session(session_id, SignOffInput(party, name, "Role"))
    assert store.signing.signed_snapshot(session_id) is not None
    signed = load_record(store, session_id, content)
    assert sections(signed) == sections(draft)
    assert signed.changes == ()
