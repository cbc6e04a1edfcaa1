"""Search on the agency server: PostgreSQL full-text search behind the laptop's search API.

The rows are written through the ORM models as a practitioner's login (as the app writes
them); ``store.memory.search`` on the server answers with the same SearchHits as on the laptop,
and finds only what the login may read.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest

from tests.agency_server import agency_server, needs_server

pytestmark = needs_server

JAN, FEB = date(2026, 1, 12), date(2026, 2, 9)
NOW = datetime(2026, 1, 12, 10, 0)


@pytest.fixture(scope="module")
def server():
    with agency_server() as server:
        yield server


def _orm(server, person: str):
    from sqlalchemy.orm import Session

    return Session(server.engine(person), expire_on_commit=False)


def _search(server, person: str, words: str, limit: int = 200):
    """``store.memory.search`` through the person's own login (the store turns the server's
    rows into SearchHits as it does the laptop's)."""
    from supervision_app.storage import SupervisionStore
    from supervision_app.storage.postgres.backend import open_server

    database = open_server(server.url(person).render_as_string(hide_password=False))
    try:
        return SupervisionStore(database).memory.search(words, limit)
    finally:
        database.close()


def _case(server, person: str, reference: str):
    from supervision_app.storage.models import CaseRow, SessionRow

    with _orm(server, person) as s, s.begin():
        case = CaseRow(reference=reference, practitioner="P", supervisor="S", agencies=[],
                       created_at=NOW, updated_at=NOW)  # fmt: skip
        session = SessionRow(uid=uuid.uuid4().hex, date=JAN, attendees=[], content_version="1",
                             created_at=NOW, updated_at=NOW)  # fmt: skip
        case.sessions.append(session)
        s.add(case)
    return case.id, session.id


def _marked(hit) -> str:
    return hit.snippet.replace("\x02", "[").replace("\x03", "]")


def test_search_finds_every_kind_and_tells_where_it_came_from(server) -> None:
    from supervision_app.storage import models as m

    case_id, sid = _case(server, "alice", "C-100")
    other, _ = _case(server, "alice", "C-200")
    with _orm(server, "alice") as s, s.begin():
        s.add(m.AnswerRow(session_id=sid, prompt_id="lived_experience.child_words",
                          stage_id="lived_experience", prompt_text="Q",
                          text="Ruby said the kitchen is scary", updated_at=NOW))  # fmt: skip
        s.add(m.DecisionRow(session_id=sid, position=0, text="Strategy discussion about the "
                            "kitchen", rationale="Burns", created_at=NOW, updated_at=NOW))  # fmt: skip
        s.add(m.ActionRow(session_id=sid, position=0, description="Check the kitchen",
                          owner="Sam", due_date=FEB, created_at=NOW, updated_at=NOW))  # fmt: skip
        hyp = m.HypothesisRow(case_id=case_id, session_id=sid, text="Kitchen injuries are not "
                              "accidental", raised_on=JAN, created_at=NOW, updated_at=NOW)  # fmt: skip
        s.add(hyp)
        s.add(m.ChronologyEventRow(case_id=other, happened_on=FEB, kind="significant_event",
                                   title="Moved to a flat with no kitchen", created_at=NOW))  # fmt: skip
        esc = m.EscalationRow(case_id=case_id, subject="Kitchen burns not referred",
                              raised_on=JAN, timescale_days=5, updated_at=NOW)  # fmt: skip
        s.add(esc)
        s.flush()
        s.add(m.EscalationStepRow(escalation_id=esc.id, session_id=sid, stage=2,
                                  with_whom="Head of Service", stepped_on=FEB,
                                  note="No reply in a fortnight"))  # fmt: skip
        s.add(m.HypothesisNoteRow(hypothesis_id=hyp.id, session_id=sid, noted_on=FEB,
                                  status="testing", text="Phoned the surgery"))  # fmt: skip

    hits = _search(server, "alice", "kitchen")
    assert sorted(h.kind for h in hits) == [
        "action", "answer", "decision", "escalation", "event", "hypothesis",
    ]  # fmt: skip
    answer = next(h for h in hits if h.kind == "answer")
    assert (answer.case_id, answer.case_reference, answer.session_id, answer.locator) == (
        case_id, "C-100", sid, "lived_experience.child_words")  # fmt: skip
    assert answer.session_date == JAN
    assert _marked(answer) == "Ruby said the [kitchen] is scary"
    event = next(h for h in hits if h.kind == "event")
    assert (event.case_id, event.session_id) == (other, None)
    [stage] = _search(server, "alice", "fortnight")
    assert (stage.kind, stage.locator, stage.item_id, stage.session_id) == (
        "escalation", "step", esc.id, sid)  # fmt: skip
    [note] = _search(server, "alice", "surgery")
    assert (note.kind, note.locator, note.item_id) == ("hypothesis", "note", hyp.id)
    assert _search(server, "alice", "kitch")  # the last word may be the start of a word
    both = _search(server, "alice", "kitchen scary")  # every word must appear
    assert [_marked(h) for h in both] == ["Ruby said the [kitchen] is [scary]"]
    assert _search(server, "alice", "Kitchens")  # English stemming
    for odd in ('"', "'", "\\", "&", "|!:*", "kitchen's", "(", "a:b & c"):
        _search(server, "alice", odd)  # not a syntax error
    assert _search(server, "alice", "   ") == []
    assert len(_search(server, "alice", "kitchen", limit=2)) == 2


def test_search_finds_only_what_the_login_may_read(server) -> None:
    from supervision_app.storage import models as m

    _, alice_session = _case(server, "alice", "C-A")
    _, bob_session = _case(server, "bob", "C-B")
    for person, sid in (("alice", alice_session), ("bob", bob_session)):
        with _orm(server, person) as s, s.begin():
            s.add(m.AnswerRow(session_id=sid, prompt_id="a.b", stage_id="a", prompt_text="Q",
                              text=f"The trampoline in {person}'s case", updated_at=NOW))  # fmt: skip
    assert [h.session_id for h in _search(server, "alice", "trampoline")] == [alice_session]
    assert [h.session_id for h in _search(server, "bob", "trampoline")] == [bob_session]
    assert [h.session_id for h in _search(server, "sue", "trampoline")] == [alice_session]
    assert len(_search(server, "rita", "trampoline")) == 2


def test_the_index_follows_edits_and_deletions(server) -> None:
    from sqlalchemy import delete, update

    from supervision_app.storage import models as m

    case_id, sid = _case(server, "alice", "C-300")
    with _orm(server, "alice") as s, s.begin():
        s.add(m.AnswerRow(session_id=sid, prompt_id="a.b", stage_id="a", prompt_text="Q",
                          text="Mother mentioned a unicycle", updated_at=NOW))  # fmt: skip
        s.add(m.ChronologyEventRow(case_id=case_id, happened_on=JAN, kind="concern",
                                   title="Unicycle fall", created_at=NOW))  # fmt: skip
    assert len(_search(server, "alice", "unicycle")) == 2
    with _orm(server, "alice") as s, s.begin():
        s.execute(update(m.AnswerRow).where(m.AnswerRow.session_id == sid)
                  .values(text="Mother mentioned a scooter"))  # fmt: skip
    assert [h.kind for h in _search(server, "alice", "unicycle")] == ["event"]
    assert [h.kind for h in _search(server, "alice", "scooter")] == ["answer"]
    with _orm(server, "alice") as s, s.begin():
        s.execute(delete(m.SessionRow).where(m.SessionRow.id == sid))  # answers go with it
    assert _search(server, "alice", "scooter") == []
    with _orm(server, "alice") as s, s.begin():
        s.execute(delete(m.CaseRow).where(m.CaseRow.id == case_id))
    assert _search(server, "alice", "unicycle") == []


def test_a_snippet_is_about_fourteen_words_with_ellipses_where_the_text_goes_on(server) -> None:
    from supervision_app.storage import models as m

    _, sid = _case(server, "alice", "C-400")
    long_text = (
        " ".join(f"word{n}" for n in range(60))
        + " hedgehog "
        + " ".join(f"more{n}" for n in range(60))
    )
    with _orm(server, "alice") as s, s.begin():
        s.add(m.AnswerRow(session_id=sid, prompt_id="a.b", stage_id="a", prompt_text="Q",
                          text=long_text, updated_at=NOW))  # fmt: skip
    [hit] = _search(server, "alice", "hedgehog")
    marked = _marked(hit)
    assert marked.startswith("…") and marked.endswith("…") and "[hedgehog]" in marked
    assert 8 <= len(marked.split()) <= 16


def test_the_index_is_a_gin_index_over_english_vectors(server) -> None:
    from sqlalchemy import text

    with server.admin.connect() as conn:
        definition = conn.scalar(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_search_index_document'")
        )
        vector = conn.scalar(
            text(
                "SELECT generation_expression FROM information_schema.columns "
                "WHERE table_name = 'search_index' AND column_name = 'document'"
            )
        )
    assert "USING gin (document)" in definition
    assert "to_tsvector('english'" in vector
