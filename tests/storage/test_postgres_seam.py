"""The storage seam against a real PostgreSQL server (groundwork for the agency server).

The ORM models must stay portable: the whole schema is created on PostgreSQL, and a case, its
children, a session and an answer (markup, emoji, right-to-left text) round-trip exactly, with
the constraints enforced by the server. Everything SQLite-specific (the cipher, PRAGMAs, FTS5)
lives outside the models; see docs/agency-server.md.

The server is the throw-away cluster `.ci/run` starts (scripts/throwaway_postgres.py), named by
SUPERVISION_APP_TEST_PG. Without it these tests skip and say so; CI always provides it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date, datetime

import pytest

PG_URL = os.environ.get("SUPERVISION_APP_TEST_PG", "")

pytestmark = pytest.mark.skipif(
    not PG_URL, reason="no PostgreSQL server (SUPERVISION_APP_TEST_PG is not set; .ci/run sets it)"
)

TEXT = "<b>Not markup</b> & 'quotes' 🌱 مرحبا بالطفل שלום " + "long " * 20_000


@pytest.fixture
def pg_session() -> Iterator[object]:
    """An ORM session on a fresh PostgreSQL schema, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    from supervision_app.storage.models import Base

    schema = "seam_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine = create_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        Base.metadata.create_all(engine)
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def test_the_whole_schema_creates_on_postgresql(pg_session) -> None:
    from sqlalchemy import inspect

    from supervision_app.storage.models import Base

    created = set(inspect(pg_session.get_bind()).get_table_names())
    assert created == set(Base.metadata.tables)


def test_a_case_round_trips_exactly_with_constraints_enforced(pg_session) -> None:
    from sqlalchemy import select
    from sqlalchemy.exc import IntegrityError

    from supervision_app.storage.models import AnswerRow, CaseRow, ChildRow, SessionRow

    now = datetime(2026, 12, 6, 10, 30, 15, 123456)
    case = CaseRow(
        reference="PG-0001", practitioner="Sam", supervisor="Priya",
        agencies=["Health visiting", "Children's social care"], created_at=now, updated_at=now,
        children=[ChildRow(position=0, name="Ruby", date_of_birth=date(2024, 2, 11), age="")],
    )  # fmt: skip
    session = SessionRow(
        uid=uuid.uuid4().hex, date=date(2026, 12, 6), attendees=["Sam", "Priya"],
        content_version="1.3.0", created_at=now, updated_at=now,
    )  # fmt: skip
    session.answers.append(
        AnswerRow(prompt_id="a.b", stage_id="a", prompt_text="Q?", text=TEXT, updated_at=now)
    )
    case.sessions.append(session)
    pg_session.add(case)
    pg_session.commit()
    pg_session.expunge_all()

    loaded = pg_session.scalars(select(CaseRow).where(CaseRow.reference == "PG-0001")).one()
    assert loaded.agencies == ["Health visiting", "Children's social care"]
    assert [(c.name, c.date_of_birth) for c in loaded.children] == [("Ruby", date(2024, 2, 11))]
    [answer] = loaded.sessions[0].answers
    assert answer.text == TEXT and answer.updated_at == now

    pg_session.add(CaseRow(reference="PG-0001", practitioner="", supervisor="",
                           created_at=now, updated_at=now))  # fmt: skip
    with pytest.raises(IntegrityError):
        pg_session.commit()
    pg_session.rollback()
    duplicate = AnswerRow(session_id=loaded.sessions[0].id, prompt_id="a.b", stage_id="a",
                          prompt_text="Q?", text="again", updated_at=now)  # fmt: skip
    pg_session.add(duplicate)
    with pytest.raises(IntegrityError):
        pg_session.commit()
