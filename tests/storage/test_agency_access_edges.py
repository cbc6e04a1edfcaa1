"""The edges of the agency server's access rules, on a new server and on one brought up by
``server-upgrade``: a link removed counts at once, reading everything never lets a login write,
no row moves into a case the login may not write, and no policy calls a function per row."""

from __future__ import annotations

import re

import pytest

from tests.agency_server import add_case, agency_server, needs_server

pytestmark = needs_server

NEW_ANSWER = (
    "INSERT INTO answers (session_id, prompt_id, stage_id, prompt_text, text, updated_at) "
    "VALUES (:s, 'x.y', 'x', 'Q', 'planted', now())"
)
NEW_SESSION = (
    "INSERT INTO sessions (uid, case_id, date, attendees, content_version, created_at, "
    "updated_at) VALUES (md5(random()::text), :c, current_date, '[]', '1', now(), now())"
)


@pytest.fixture(scope="module", params=["new", "upgraded"])
def server(request):
    """alice's and bob's cases (a session, an answer, a decision and an action each), and
    "mixed", a login in both the records and the practitioners' group roles."""
    from sqlalchemy import text

    with agency_server(upgraded=request.param == "upgraded") as server:
        with server.admin.begin() as conn:
            conn.exec_driver_sql(
                f"CREATE ROLE {server.role('mixed')} LOGIN "
                "IN ROLE supervision_records, supervision_practitioner"
            )
        server.made = {}
        for person in ("alice", "bob"):
            with server.engine(person).begin() as conn:
                case_id, session_id = add_case(conn, f"REF-{person}")
                conn.execute(text(NEW_ANSWER), {"s": session_id})
                conn.execute(text(
                    "INSERT INTO decisions (session_id, position, text, rationale, created_at, "
                    "updated_at) VALUES (:s, 0, 'decided', 'why', now(), now())"), {"s": session_id})  # fmt: skip
                action_id = conn.execute(text(
                    "INSERT INTO actions (session_id, position, description, owner, status, "
                    "created_at, updated_at) VALUES (:s, 0, 'do', 'me', 'open', now(), now()) "
                    "RETURNING id"), {"s": session_id}).scalar_one()  # fmt: skip
            server.made[person] = (case_id, session_id, action_id)
        try:
            yield server
        finally:
            server.engine("mixed").dispose()  # type: ignore[attr-defined]
            with server.cluster.connect() as conn:
                conn.exec_driver_sql(f"DROP ROLE {server.role('mixed')}")


def _run(server, person: str, sql: str, **values) -> int:
    from sqlalchemy import text

    with server.engine(person).begin() as conn:
        result = conn.execute(text(sql), values)
        return result.scalar() if result.returns_rows else result.rowcount


def _review(server, person: str, action_id: int) -> int:
    return _run(
        server, person,
        "INSERT INTO action_reviews (action_id, outcome, reason, reviewed_on, reviewed_at) "
        "VALUES (:a, 'done', '', current_date, now())", a=action_id,
    )  # fmt: skip


def test_a_supervisor_whose_link_is_removed_loses_access_at_once_in_the_same_transaction(
    server,
) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import ProgrammingError

    alice_case, alice_session, _ = server.made["alice"]
    link = {"sup": server.role("sue"), "pra": server.role("alice")}
    count = text("SELECT count(*) FROM answers WHERE session_id = :s")
    with server.engine("sue").connect() as conn:
        assert conn.execute(count, {"s": alice_session}).scalar() == 1
        try:
            with server.admin.begin() as admin:
                admin.execute(text("DELETE FROM supervision_links WHERE supervisor = :sup "
                                   "AND practitioner = :pra"), link)  # fmt: skip
            # the same transaction, the next statement
            assert conn.execute(count, {"s": alice_session}).scalar() == 0
            assert conn.execute(text("SELECT count(*) FROM cases WHERE id = :c"),
                                {"c": alice_case}).scalar() == 0  # fmt: skip
            assert conn.execute(text("UPDATE decisions SET rationale = 'x' "
                                     "WHERE session_id = :s"), {"s": alice_session}).rowcount == 0  # fmt: skip
            with pytest.raises(ProgrammingError, match="row-level security"):
                conn.execute(text(NEW_SESSION), {"c": alice_case})
        finally:
            conn.rollback()
            with server.admin.begin() as admin:
                admin.execute(text("INSERT INTO supervision_links (supervisor, practitioner) "
                                   "VALUES (:sup, :pra) ON CONFLICT DO NOTHING"), link)  # fmt: skip
        assert conn.execute(count, {"s": alice_session}).scalar() == 1  # and back at once


def test_a_login_that_reads_everything_writes_only_its_own_cases(server) -> None:
    from sqlalchemy.exc import ProgrammingError

    alice_case, alice_session, alice_action = server.made["alice"]
    assert _run(server, "mixed", "SELECT count(*) FROM answers WHERE session_id = :s",
                s=alice_session) == 1  # fmt: skip
    for sql, values in (
        (NEW_SESSION, {"c": alice_case}),
        (NEW_ANSWER, {"s": alice_session}),
        ("INSERT INTO cases (reference, practitioner, supervisor, agencies, created_at, "
         "updated_at, owner) VALUES ('planted', '', '', '[]', now(), now(), :o)",
         {"o": server.role("alice")}),
    ):  # fmt: skip
        with pytest.raises(ProgrammingError, match="row-level security"):
            _run(server, "mixed", sql, **values)
    with pytest.raises(ProgrammingError, match="row-level security"):
        _review(server, "mixed", alice_action)
    assert _run(server, "mixed", "UPDATE answers SET text = 'x' WHERE session_id = :s",
                s=alice_session) == 0  # fmt: skip
    assert _run(server, "mixed", "DELETE FROM decisions WHERE session_id = :s",
                s=alice_session) == 0  # fmt: skip
    assert _run(server, "mixed", "UPDATE cases SET reference = 'x' WHERE id = :c",
                c=alice_case) == 0  # fmt: skip
    with server.engine("mixed").begin() as conn:  # its own case, as a practitioner
        own_case, own_session = add_case(conn, "REF-mixed")
    assert _run(server, "mixed", NEW_ANSWER, s=own_session) == 1
    assert _run(server, "alice", "SELECT count(*) FROM cases WHERE id = :c", c=own_case) == 0


def test_the_records_role_cannot_write_through_a_subquery(server) -> None:
    from sqlalchemy.exc import ProgrammingError

    for sql in (
        "INSERT INTO answers (session_id, prompt_id, stage_id, prompt_text, text, updated_at) "
        "SELECT id, 'x.y', 'x', 'Q', 'planted', now() FROM sessions",
        "UPDATE answers SET text = 'x' WHERE session_id IN (SELECT id FROM sessions)",
        "WITH gone AS (DELETE FROM decisions RETURNING 1) SELECT count(*) FROM gone",
        "INSERT INTO search_index (id, kind, case_id, item_id, body) "
        "SELECT id * 8 + 7, 'answer', id, id, 'planted' FROM cases",
    ):
        with pytest.raises(ProgrammingError, match="permission denied"):
            _run(server, "rita", sql)
    for person in ("alice", "sue"):  # the search index is written by the triggers only
        with pytest.raises(ProgrammingError, match="permission denied"):
            _run(server, person, "UPDATE search_index SET body = 'x'")


def test_no_row_moves_into_a_case_the_login_may_not_write(server) -> None:
    from sqlalchemy.exc import ProgrammingError

    alice_case, alice_session, alice_action = server.made["alice"]
    bob_case, bob_session, bob_action = server.made["bob"]
    for person, sql, values in (
        ("alice", "UPDATE sessions SET case_id = :c WHERE id = :s",
         {"c": bob_case, "s": alice_session}),
        ("sue", "UPDATE answers SET session_id = :b WHERE session_id = :s",
         {"b": bob_session, "s": alice_session}),
        ("bob", NEW_SESSION, {"c": alice_case}),
        ("sue", NEW_SESSION, {"c": bob_case}),
        ("sue", "INSERT INTO cases (reference, practitioner, supervisor, agencies, created_at, "
         "updated_at, owner) VALUES ('for bob', '', '', '[]', now(), now(), :o)",
         {"o": server.role("bob")}),
    ):  # fmt: skip
        with pytest.raises(ProgrammingError, match="row-level security"):
            _run(server, person, sql, **values)
    for person, action in (("bob", alice_action), ("sue", bob_action)):  # three parents up
        with pytest.raises(ProgrammingError, match="row-level security"):
            _review(server, person, action)
    # what a supervisor may do for those they supervise, and the practitioner then sees
    assert _run(server, "sue", NEW_SESSION, c=alice_case) == 1
    assert _review(server, "sue", alice_action) == 1
    assert _run(server, "sue", "INSERT INTO cases (reference, practitioner, supervisor, agencies, "
                "created_at, updated_at, owner) VALUES ('for alice', '', '', '[]', now(), now(), "
                ":o)", o=server.role("alice")) == 1  # fmt: skip
    assert _run(server, "alice", "SELECT count(*) FROM action_reviews WHERE action_id = :a",
                a=alice_action) == 1  # fmt: skip
    assert _run(server, "alice", "SELECT count(*) FROM cases WHERE reference = 'for alice'") == 1
    assert _run(server, "bob", "SELECT count(*) FROM action_reviews") == 0


def test_an_index_row_without_a_case_is_read_by_the_records_role_only(server) -> None:
    with server.admin.begin() as conn:
        conn.exec_driver_sql("INSERT INTO search_index (id, kind, case_id, item_id, body) "
                             "VALUES (-8, 'answer', NULL, 0, 'caseless')")  # fmt: skip
    where = "SELECT count(*) FROM search_index WHERE body = 'caseless'"
    assert [_run(server, p, where) for p in ("alice", "sue", "rita")] == [0, 0, 1]


def test_no_policy_calls_a_function_for_each_row(server) -> None:
    """The plans of a practitioner's reads: the login's owners and the records flag are
    InitPlans (once per statement); no function is called in a row's filter."""
    from sqlalchemy import text

    from supervision_app.storage.row_security import CASE_TABLES

    with server.engine("alice").connect() as conn:
        for table in CASE_TABLES:
            plan = "\n".join(conn.execute(text(f"EXPLAIN SELECT * FROM {table}")).scalars())
            assert "InitPlan" in plan, (table, plan)
            filters = [line for line in plan.splitlines() if "Filter:" in line]
            assert filters and not any(re.search(r"\w\(", f) for f in filters), (table, plan)
