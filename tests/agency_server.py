"""A set-up agency server for the tests: a fresh database on the throw-away cluster, after
``server-init``, with one login role per person.

The cluster is the one `.ci/run` starts (scripts/throwaway_postgres.py), named by
SUPERVISION_APP_TEST_PG; it trusts local-socket logins, so each person connects as their own
role without a password, exactly as a real login would (``session_user`` is that role).
Roles are cluster-wide, so their names carry a random suffix and are dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

PG_URL = os.environ.get("SUPERVISION_APP_TEST_PG", "")

needs_server = pytest.mark.skipif(
    not PG_URL, reason="no PostgreSQL server (SUPERVISION_APP_TEST_PG is not set; .ci/run sets it)"
)

#: person -> group role; sue supervises alice (not bob).
PEOPLE = {
    "alice": "supervision_practitioner",
    "bob": "supervision_practitioner",
    "sue": "supervision_supervisor",
    "rita": "supervision_records",
}


class AgencyServer:
    def __init__(self) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.suffix = uuid.uuid4().hex[:8]
        self.database = f"agency_{self.suffix}"
        self.base = make_url(PG_URL)
        self.cluster = create_engine(
            self.base.set(database="postgres"), isolation_level="AUTOCOMMIT"
        )
        self._engines: dict[str, object] = {}

    def role(self, person: str) -> str:
        return f"{person}_{self.suffix}"

    def url(self, person: str | None = None):
        url = self.base.set(database=self.database)
        return url.set(username=self.role(person)) if person else url

    def start(self) -> None:
        from sqlalchemy import create_engine

        from supervision_app.storage.postgres.server_init import server_init

        with self.cluster.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {self.database}")
        self.admin = create_engine(self.url())
        server_init(self.admin)
        with self.admin.begin() as conn:
            for person, group in PEOPLE.items():
                conn.exec_driver_sql(f"CREATE ROLE {self.role(person)} LOGIN IN ROLE {group}")
            conn.exec_driver_sql(
                "INSERT INTO supervision_links (supervisor, practitioner) VALUES (%s, %s)",
                (self.role("sue"), self.role("alice")),
            )

    def engine(self, person: str):
        from sqlalchemy import create_engine

        if person not in self._engines:
            self._engines[person] = create_engine(self.url(person), pool_size=25)
        return self._engines[person]

    def stop(self) -> None:
        for engine in self._engines.values():
            engine.dispose()  # type: ignore[attr-defined]
        self.admin.dispose()
        with self.cluster.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
            for person in PEOPLE:
                conn.exec_driver_sql(f"DROP ROLE IF EXISTS {self.role(person)}")
        self.cluster.dispose()


@contextmanager
def agency_server(upgraded: bool = False) -> Iterator[AgencyServer]:
    """A set-up server; ``upgraded``: one set up by the version before the newest revision
    (taken back down to it with Alembic) and then brought up by ``server-upgrade``."""
    server = AgencyServer()
    try:
        server.start()
        if upgraded:
            upgrade_from_the_baseline(server)
        yield server
    finally:
        server.stop()


def upgrade_from_the_baseline(server: AgencyServer) -> None:
    """Take the server's schema back to the baseline revision (as ``server-init`` of the
    version before left it: its row-level security calling ``supervision_may_read`` per row),
    then run ``server-upgrade``."""
    from alembic import command
    from alembic.config import Config

    from supervision_app.storage import revisions
    from supervision_app.storage.postgres.server_init import upgrade_server

    with server.admin.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(revisions.HERE))
        config.attributes["connection"] = conn
        command.downgrade(config, revisions.BASELINE)
        old = conn.exec_driver_sql(
            "SELECT count(*) FROM pg_policies WHERE schemaname = current_schema() "
            "AND coalesce(qual, with_check) LIKE '%%supervision_may_%%'"
        ).scalar()
    assert old, "the baseline's policies were not made again"
    assert upgrade_server(server.admin) == list(revisions.REVISIONS[1:])


def add_case(conn, reference: str, owner: str | None = None) -> tuple[int, int]:
    """A case with one session, as raw SQL: (case id, session id)."""
    columns, values = "", ""
    if owner is not None:
        columns, values = ", owner", ", :owner"
    from sqlalchemy import text

    case_id = conn.execute(
        text(
            f"INSERT INTO cases (reference, practitioner, supervisor, agencies, created_at, "
            f"updated_at{columns}) VALUES (:ref, 'P', 'S', '[]', now(), now(){values}) "
            "RETURNING id"
        ),
        {"ref": reference, "owner": owner},
    ).scalar_one()
    session_id = conn.execute(
        text(
            "INSERT INTO sessions (uid, case_id, date, attendees, content_version, created_at, "
            "updated_at) VALUES (md5(random()::text), :case, current_date, '[]', '1', now(), "
            "now()) RETURNING id"
        ),
        {"case": case_id},
    ).scalar_one()
    return case_id, session_id


#: The tables the tests empty between tests on the shared server (the owner may: it is not
#: subject to row-level security, and TRUNCATE fires no row triggers).
_DATA_TABLES = ("cases", "audit_events", "local_users", "personal_words", "search_index")


_SHARED: AgencyServer | None = None


def shared_server() -> AgencyServer:
    """One server for every test that asks for the PostgreSQL backend (set up once, dropped
    when the test run ends)."""
    global _SHARED
    if _SHARED is None:
        import atexit

        _SHARED = AgencyServer()
        _SHARED.start()
        atexit.register(_SHARED.stop)
    return _SHARED


@contextmanager
def server_store(person: str = "alice") -> Iterator[object]:
    """``store`` on the PostgreSQL backend: an empty agency server, opened as ``person``'s
    login with ``open_server``, exactly as the app opens it."""
    from supervision_app.storage import SupervisionStore
    from supervision_app.storage.postgres.backend import open_server

    if not PG_URL:
        pytest.skip("no PostgreSQL server (SUPERVISION_APP_TEST_PG is not set; .ci/run sets it)")
    server = shared_server()
    with server.admin.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {', '.join(_DATA_TABLES)} RESTART IDENTITY CASCADE")
        conn.exec_driver_sql("DELETE FROM app_meta WHERE key = 'audit_head'")
    database = open_server(server.url(person).render_as_string(hide_password=False))
    try:
        yield SupervisionStore(database)
    finally:
        database.close()


#: Why a both-backends module's signing test is ``sqlite_only``: the server signs only in the
#: login's own name, and a supervisor's signature needs a supervisor's login; signing on the
#: server is tested with real logins in tests/storage/test_agency_*.py.
SIGNS_AS_NAMED_PEOPLE = (
    "signs in names chosen in the app; the agency server signs in the login's name only"
)
