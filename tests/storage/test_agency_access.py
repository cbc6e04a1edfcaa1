"""The agency server's access rules and identity, proven with raw SQL as each person's login.

server-init sets up an empty database in one transaction; a practitioner reads and changes only
their own cases, a supervisor also those of the practitioners they supervise, the records role
reads everything and changes nothing; the audit trail's "who" and a signature's signer are the
login, whatever the SQL says.
"""

from __future__ import annotations

import pytest

from tests.agency_server import add_case, agency_server, needs_server

pytestmark = needs_server

#: Every table that holds case data, with a column to change in it.
CHILD_TABLES = ("children", "answers", "decisions", "actions", "hypotheses", "chronology_events")


@pytest.fixture(scope="module")
def server():
    with agency_server() as server:
        yield server


@pytest.fixture(scope="module")
def cases(server):
    """alice's and bob's cases, each with a session, an answer and some case memory."""
    from sqlalchemy import text

    made = {}
    for person in ("alice", "bob"):
        with server.engine(person).begin() as conn:
            case_id, session_id = add_case(conn, f"REF-{person}")
            for statement in (
                "INSERT INTO children (case_id, position, name, age, unborn) "
                "VALUES (:c, 0, 'Ruby', '', false)",
                "INSERT INTO answers (session_id, prompt_id, stage_id, prompt_text, text, "
                "updated_at) VALUES (:s, 'a.b', 'a', 'Q?', 'secret words', now())",
                "INSERT INTO decisions (session_id, position, text, rationale, created_at, "
                "updated_at) VALUES (:s, 0, 'decided', 'why', now(), now())",
                "INSERT INTO actions (session_id, position, description, owner, status, "
                "created_at, updated_at) VALUES (:s, 0, 'do', 'me', 'open', now(), now())",
                "INSERT INTO hypotheses (case_id, text, status, raised_on, created_at, updated_at,"
                " basis, test_plan, evaluation) VALUES (:c, 'maybe', 'open', current_date, now(),"
                " now(), '', '', '')",
                "INSERT INTO chronology_events (case_id, happened_on, kind, title, detail, "
                "outcome, created_at) VALUES (:c, current_date, 'visit', 'Home visit', '', '', "
                "now())",
            ):
                conn.execute(text(statement), {"c": case_id, "s": session_id})
        made[person] = (case_id, session_id)
    return made


def _count(server, person: str, table: str, where: str, **values) -> int:
    from sqlalchemy import text

    with server.engine(person).connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table} WHERE {where}"), values).scalar()


def _change(server, person: str, sql: str, **values) -> int:
    from sqlalchemy import text

    with server.engine(person).begin() as conn:
        return conn.execute(text(sql), values).rowcount


def test_every_table_of_case_data_has_row_level_security(server) -> None:
    from sqlalchemy import text

    from supervision_app.storage.models import Base
    from supervision_app.storage.postgres import access

    with server.admin.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT relname, relrowsecurity FROM pg_class WHERE relkind = 'r' "
                "AND relnamespace = current_schema()::regnamespace"
            )
        )
        protected = {name for name, on in rows if on}
    expected = set(Base.metadata.tables) - set(access.SHARED_READ) - set(access.LAPTOP_ONLY)
    assert expected | {"search_index", "supervision_links"} <= protected
    assert set(access.CASE_TABLES) <= protected


def test_server_init_refuses_a_database_that_is_not_empty_and_changes_nothing(server) -> None:
    from supervision_app.storage.postgres.server_init import ServerInitError, server_init

    with pytest.raises(ServerInitError, match="not empty"):
        server_init(server.admin)


def test_server_init_is_one_transaction(server) -> None:
    """A failure half-way leaves the database empty (a statement that fails at the end)."""
    from sqlalchemy import create_engine, inspect

    from supervision_app.storage.postgres import server_init as module

    name = f"half_{server.suffix}"
    with server.cluster.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine = create_engine(server.base.set(database=name))
    original = module.server_statements
    try:
        module.server_statements = lambda schema: [*original(schema), "SELECT 1/0"]
        with pytest.raises(Exception, match="division by zero"):
            module.server_init(engine)
        module.server_statements = original
        assert inspect(engine).get_table_names() == []
        module.server_init(engine)  # and then it sets up, from empty
        assert "cases" in inspect(engine).get_table_names()
    finally:
        module.server_statements = original
        engine.dispose()
        with server.cluster.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")


def test_a_practitioner_reads_only_their_own_cases(server, cases) -> None:
    alice_case, alice_session = cases["alice"]
    assert _count(server, "alice", "cases", "true") == 1
    assert _count(server, "bob", "cases", "id = :c", c=alice_case) == 0
    assert _count(server, "bob", "sessions", "id = :s", s=alice_session) == 0
    assert _count(server, "bob", "answers", "text = 'secret words'") == 1  # bob's own only
    for table in CHILD_TABLES:
        assert _count(server, "bob", table, "true") == 1, table
        assert _count(server, "alice", table, "true") == 1, table
    assert _count(server, "bob", "search_index", "body LIKE '%secret%'") == 1
    assert _count(server, "bob", "audit_events", "session_id = :s", s=alice_session) == 0


def test_a_practitioner_cannot_change_another_practitioners_case(server, cases) -> None:
    from sqlalchemy.exc import ProgrammingError

    alice_case, alice_session = cases["alice"]
    assert _change(server, "bob", "UPDATE cases SET reference = 'x' WHERE id = :c",
                   c=alice_case) == 0  # fmt: skip
    assert _change(server, "bob", "UPDATE answers SET text = 'x' WHERE session_id = :s",
                   s=alice_session) == 0  # fmt: skip
    assert _change(server, "bob", "DELETE FROM sessions WHERE id = :s", s=alice_session) == 0
    assert _change(server, "bob", "DELETE FROM cases WHERE id = :c", c=alice_case) == 0
    with pytest.raises(ProgrammingError, match="row-level security"):
        _change(server, "bob",
                "INSERT INTO answers (session_id, prompt_id, stage_id, prompt_text, text, "
                "updated_at) VALUES (:s, 'x.y', 'x', 'Q', 'planted', now())", s=alice_session)  # fmt: skip
    with pytest.raises(ProgrammingError, match="row-level security"):
        _change(server, "bob",
                "INSERT INTO cases (reference, practitioner, supervisor, agencies, created_at, "
                "updated_at, owner) VALUES ('planted', '', '', '[]', now(), now(), :owner)",
                owner=server.role("alice"))  # fmt: skip
    with pytest.raises(ProgrammingError, match="row-level security"):  # nor move one's own away
        _change(server, "bob", "UPDATE cases SET owner = :owner",
                owner=server.role("alice"))  # fmt: skip
    assert _count(server, "alice", "answers", "text = 'secret words'") == 1
    assert _count(server, "alice", "cases", "reference = 'REF-alice'") == 1


def test_a_supervisor_reads_and_changes_the_cases_of_those_they_supervise(server, cases) -> None:
    _, alice_session = cases["alice"]
    bob_case, _ = cases["bob"]
    assert _count(server, "sue", "cases", "true") == 1
    assert _count(server, "sue", "cases", "id = :c", c=bob_case) == 0
    assert _count(server, "sue", "answers", "session_id = :s", s=alice_session) == 1
    assert _change(server, "sue", "UPDATE decisions SET rationale = 'agreed' "
                   "WHERE session_id = :s", s=alice_session) == 1  # fmt: skip
    assert _change(server, "sue", "UPDATE cases SET supervisor = 'x' WHERE id = :c",
                   c=bob_case) == 0  # fmt: skip


def test_the_records_role_reads_everything_and_changes_nothing(server, cases) -> None:
    from sqlalchemy.exc import ProgrammingError

    alice_case, alice_session = cases["alice"]
    assert _count(server, "rita", "cases", "true") == 2
    for table in (*CHILD_TABLES, "sessions", "search_index"):
        assert _count(server, "rita", table, "true") >= 2, table
    for sql in (
        "UPDATE cases SET reference = 'x'",
        "DELETE FROM answers",
        "INSERT INTO children (case_id, position, name, age, unborn) "
        f"VALUES ({alice_case}, 1, 'x', '', false)",
        f"UPDATE audit_events SET last_at = now() WHERE session_id = {alice_session}",
        "INSERT INTO supervision_links VALUES ('x', 'y')",
    ):
        with pytest.raises(ProgrammingError, match="permission denied"):
            _change(server, "rita", sql)


def test_the_audit_trail_names_the_login_whatever_the_sql_says(server, cases) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    _, alice_session = cases["alice"]
    with server.engine("alice").begin() as conn:
        entry = conn.execute(text(
            "INSERT INTO audit_events (session_id, case_reference, at, last_at, user_name, "
            "user_role, event, detail) VALUES (:s, 'REF-alice', now(), now(), 'Priya (forged)', "
            "'', 'printed', '') RETURNING id, user_name, db_user"
        ), {"s": alice_session}).one()  # fmt: skip
    assert entry.user_name == entry.db_user == server.role("alice")
    with pytest.raises(DBAPIError, match="permission denied"):
        _change(server, "alice", "UPDATE audit_events SET user_name = 'someone' WHERE id = :i",
                i=entry.id)  # fmt: skip
    # not even the tables' owner
    with pytest.raises(DBAPIError, match="append-only"), server.admin.begin() as conn:
        conn.execute(text("UPDATE audit_events SET user_name = 'someone' WHERE id = :i"),
                         {"i": entry.id})  # fmt: skip
    with pytest.raises(DBAPIError, match="permission denied"):
        _change(server, "alice", "DELETE FROM audit_events WHERE id = :i", i=entry.id)
    # the autosave's bookkeeping names the login too
    _change(server, "sue", "UPDATE answers SET text = 'sue was here' WHERE session_id = :s",
            s=alice_session)  # fmt: skip
    with server.engine("rita").connect() as conn:
        who = conn.execute(text(
            "SELECT user_name FROM audit_events WHERE session_id = :s AND event = 'edited' "
            "ORDER BY id"), {"s": alice_session}).scalars().all()  # fmt: skip
    assert server.role("sue") in who


def _sign(server, person: str, session_id: int, name: str, party: str, kind: str = "signoff"):
    return _change(
        server, person,
        "INSERT INTO record_chain_links (session_id, seq, kind, party, name, role, at, comment, "
        "disagreement, text, include_wellbeing, late, prev_hash, hash) VALUES (:s, "
        "(SELECT count(*) + 1 FROM record_chain_links WHERE session_id = :s), :kind, :party, "
        ":name, 'Social worker', now(), '', '', '', false, false, 'p', 'h')",
        s=session_id, name=name, party=party, kind=kind,
    )  # fmt: skip


def test_a_signature_is_made_by_the_login_in_the_role_it_holds(server) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with server.engine("alice").begin() as conn:
        _, session_id = add_case(conn, "REF-signing")
    alice, sue = server.role("alice"), server.role("sue")
    with pytest.raises(DBAPIError, match="in the name of your login"):
        _sign(server, "alice", session_id, "Sue (forged)", "supervisor")
    with pytest.raises(DBAPIError, match="can sign as the supervisor"):
        _sign(server, "alice", session_id, alice, "supervisor")
    with pytest.raises(DBAPIError, match="can sign as the practitioner"):
        _sign(server, "sue", session_id, sue, "practitioner")
    with pytest.raises(DBAPIError, match=r"can sign as the supervisor|row-level security"):
        _sign(server, "bob", session_id, server.role("bob"), "supervisor")
    with pytest.raises(DBAPIError, match="row-level security"):
        _sign(server, "bob", session_id, server.role("bob"), "", kind="addendum")
    assert _sign(server, "alice", session_id, alice, "practitioner") == 1
    assert _sign(server, "sue", session_id, sue, "supervisor") == 1
    with server.engine("rita").connect() as conn:
        signed = conn.execute(text(
            "SELECT party, name, signed_by FROM record_chain_links WHERE session_id = :s "
            "ORDER BY seq"), {"s": session_id}).all()  # fmt: skip
    assert signed == [("practitioner", alice, alice), ("supervisor", sue, sue)]
    with pytest.raises(DBAPIError, match="permission denied"):  # and links never change
        _change(server, "alice", "UPDATE record_chain_links SET name = 'x' WHERE session_id = :s",
                s=session_id)  # fmt: skip


def test_set_role_cannot_borrow_another_login(server) -> None:
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError, match="permission denied"):
        _change(server, "bob", f"SET ROLE {server.role('sue')}")


def test_my_words_and_the_named_user_are_each_logins_own(server) -> None:
    from sqlalchemy.exc import ProgrammingError

    for person in ("alice", "bob"):
        _change(
            server, person, "INSERT INTO personal_words (word, added_at) VALUES ('Ruby', now())"
        )
        _change(server, person, "INSERT INTO local_users (name, role, created_at, last_used_at) "
                "VALUES (:n, 'SW', now(), now())", n=person)  # fmt: skip
    assert _count(server, "bob", "local_users", "true") == 1
    assert _count(server, "bob", "local_users", "name = 'alice'") == 0
    assert _count(server, "bob", "personal_words", "true") == 1
    assert _change(server, "bob", "DELETE FROM personal_words") == 1  # only bob's own
    assert _count(server, "alice", "personal_words", "true") == 1
    with pytest.raises(ProgrammingError, match="permission denied"):
        _count(server, "alice", "security_events", "true")
