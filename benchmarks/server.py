"""The agency server (PostgreSQL): autosave, search over 10,000 sessions, 20 concurrent
autosaving clients and opening a long case, each against raw psycopg on the same server in the same run.

The server is the one in ``SUPERVISION_APP_BENCH_PG`` (else ``SUPERVISION_APP_TEST_PG``, as the
tests use; ``scripts/throwaway_postgres.py start DIR`` prints one): a superuser URL.  A database
of its own is made with ``server-init`` and a practitioner's login, and dropped afterwards.
Without a server the rows are "n/a" with a note.

- ``pg_autosave``: ``store.sessions.save_answer`` of one answer through ``open_server`` as the
  practitioner (row-level security, the row version, the audit trigger), against a raw
  ``UPDATE answers SET text=%s ...`` and ``commit()`` on a psycopg connection as the same login.
- ``pg_search``: ``store.memory.search`` over 10,000 sessions against the same full-text SQL
  (``to_tsquery``, ``ts_headline``, ``ts_rank``) written by hand, as the same login.
- ``pg_concurrent`` (``server_concurrent.py``): 20 clients, separate processes each logged in
  as its own practitioner, autosave their own sessions at once: back to back, and at the
  autosave's pace (one save every 250 ms each); the paced median commit against one client's
  alone at the same pace, measured just before.
- ``pg_case_open`` (``server_case_open.py``): the case open of ``case_open`` (the case, its
  sessions and its chronology) of a long case, against the same case memory by hand-written
  SQL over raw psycopg, as the same login.
"""

from __future__ import annotations

import os
import time
import uuid
from typing import Any

from benchmarks.harness import Context, Row, median, na_row, paired

ROWS = ("pg_autosave", "pg_search", "pg_concurrent", "pg_case_open")
TITLES = {
    "pg_search": ("Server: full-text search over 10,000 sessions", "≤ 2×", 2.0),
    "pg_autosave": ("Server: autosave, one edit committed (median)", "≤ 1.3×", 1.3),
    "pg_concurrent": ("Server: 20 clients autosaving each 250 ms, median commit vs one", "≤ 2×", 2.0),
    "pg_case_open": ("Server: open a case with 100 sessions + chronology", "≤ 3×", 3.0),
}


def run(ctx: Context, wanted: set[str]) -> list[Row]:
    url = os.environ.get("SUPERVISION_APP_BENCH_PG") or os.environ.get("SUPERVISION_APP_TEST_PG")
    if not url:
        why = "no server: set SUPERVISION_APP_BENCH_PG (scripts/throwaway_postgres.py start DIR)"
        return [na_row(k, TITLES[k][0], "ms", TITLES[k][1], TITLES[k][2], why) for k in ROWS if k in wanted]
    server = _Server(url)
    try:
        server.start()
        rows = []
        if "pg_autosave" in wanted:
            rows.append(_autosave(ctx, server))
        if "pg_search" in wanted:
            rows.append(_search(ctx, server))
        if "pg_case_open" in wanted:
            from benchmarks.server_case_open import case_open_row

            rows.append(case_open_row(ctx, server, _row))
        if "pg_concurrent" in wanted:
            from benchmarks.server_concurrent import concurrent_row

            rows.append(concurrent_row(ctx, server, _row))
        return rows
    finally:
        server.stop()


class _Server:
    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        suffix = uuid.uuid4().hex[:8]
        self.database, self.person = f"bench_{suffix}", f"bench_p_{suffix}"
        self.base = make_url(url)
        self.cluster = create_engine(self.base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        self.admin: Any = None
        self._neighbours = 0
        self.logins: list[str] = []

    def url(
        self, person: bool = True, driver: str = "postgresql+psycopg", login: str = ""
    ) -> str:
        """The database's URL as the practitioner (or ``login``, or the administrator)."""
        url = self.base.set(database=self.database, drivername=driver)
        if person or login:
            url = url.set(username=login or self.person)
        return url.render_as_string(hide_password=False)

    def login(self, suffix: str) -> str:
        """Another practitioner's login role (dropped with the database)."""
        name = f"{self.person}_{suffix}"
        with self.cluster.connect() as conn:
            conn.exec_driver_sql(f"CREATE ROLE {name} LOGIN IN ROLE supervision_practitioner")
        self.logins.append(name)
        return name

    def start(self) -> None:
        from sqlalchemy import create_engine

        from supervision_app.storage.postgres.server_init import server_init

        with self.cluster.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {self.database}")
        self.admin = create_engine(self.url(person=False))
        server_init(self.admin)  # makes the group roles when the cluster has none yet
        with self.cluster.connect() as conn:
            conn.exec_driver_sql(f"CREATE ROLE {self.person} LOGIN IN ROLE supervision_practitioner")

    def session_ids(self, count: int, owner: str = "") -> list[int]:
        """``count`` cases of the practitioner's (or ``owner``'s), one session each (raw SQL as
        the administrator)."""
        from sqlalchemy import text

        ids = []
        with self.admin.begin() as conn:
            for n in range(count):
                case_id = conn.execute(
                    text(
                        "INSERT INTO cases (reference, practitioner, supervisor, agencies, "
                        "created_at, updated_at, owner) VALUES (:ref, 'P', 'S', '[]', now(), "
                        "now(), :owner) RETURNING id"
                    ),
                    {"ref": f"B-{uuid.uuid4().hex[:6]}-{n}", "owner": owner or self.person},
                ).scalar_one()
                ids.append(
                    conn.execute(
                        text(
                            "INSERT INTO sessions (uid, case_id, date, attendees, "
                            "content_version, created_at, updated_at) VALUES "
                            "(md5(random()::text), :case, current_date, '[]', '1', now(), now()) "
                            "RETURNING id"
                        ),
                        {"case": case_id},
                    ).scalar_one()
                )
        return ids

    def neighbours(self, ctx: Context) -> int:
        """``settings.search_sessions`` sessions (10,000) with one answer each, ten to a case,
        all the practitioner's (bulk SQL as the owner), made once per run; how many."""
        if self._neighbours:
            return self._neighbours
        import random

        import psycopg

        from benchmarks import data

        rng = random.Random(data.SEED)
        cases = max(1, ctx.settings.search_sessions // 10)
        with psycopg.connect(self.url(person=False, driver="postgresql")) as admin:
            admin.execute(
                "INSERT INTO cases (reference, practitioner, supervisor, agencies, created_at, "
                "updated_at, owner) SELECT 'S-' || g, 'P', 'S', '[]', now(), now(), %s "
                "FROM generate_series(1, %s) AS g",
                (self.person, cases),
            )
            admin.execute(
                "INSERT INTO sessions (uid, case_id, date, attendees, content_version, "
                "created_at, updated_at) SELECT md5(c.id || '-' || g), c.id, current_date - g, "
                "'[]', '1', now(), now() FROM cases AS c, generate_series(1, 10) AS g "
                "WHERE c.reference LIKE 'S-%%'"
            )
            ids = [
                r[0]
                for r in admin.execute(
                    "SELECT s.id FROM sessions AS s JOIN cases AS c ON c.id = s.case_id "
                    "WHERE c.reference LIKE 'S-%%' ORDER BY s.id"
                ).fetchall()
            ]
            with admin.cursor() as cur:
                cur.executemany(
                    "INSERT INTO answers (session_id, prompt_id, stage_id, prompt_text, text, "
                    "updated_at) VALUES (%s, 'a.b', 'stage', 'Q', %s, now())",
                    [(sid, data.answer_text(rng)) for sid in ids],
                )
            admin.execute("ANALYZE")
        self._neighbours = len(ids)
        return self._neighbours

    def stop(self) -> None:
        if self.admin is not None:
            self.admin.dispose()
        with self.cluster.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
            for name in [self.person, *self.logins]:
                conn.exec_driver_sql(f"DROP ROLE IF EXISTS {name}")
        self.cluster.dispose()


def _text(n: int) -> str:
    return f"{'The child was seen at home and the worker noted the kitchen. ' * 20}{n:08d}"


def _autosave(ctx: Context, server: _Server) -> Row:
    import psycopg

    from supervision_app.storage import SupervisionStore
    from supervision_app.storage.postgres.backend import open_server

    s = ctx.settings
    (session_id,) = server.session_ids(1)
    database = open_server(server.url())
    store = SupervisionStore(database)
    raw = psycopg.connect(server.url(driver="postgresql"))
    counter = [0]

    def save(prompt: str) -> None:
        counter[0] += 1
        store.sessions.save_answer(session_id, prompt, "stage", "Q", _text(counter[0]))

    save("a.app")
    save("a.raw")
    (raw_id,) = raw.execute(
        "SELECT id FROM answers WHERE session_id = %s AND prompt_id = 'a.raw'", (session_id,)
    ).fetchone() or (None,)
    raw.commit()

    def app() -> float:
        started = time.perf_counter()
        save("a.app")
        return (time.perf_counter() - started) * 1000

    def baseline() -> float:
        counter[0] += 1
        started = time.perf_counter()
        raw.execute(
            "UPDATE answers SET text = %s, updated_at = now() WHERE id = %s",
            (_text(counter[0]), raw_id),
        )
        raw.commit()
        return (time.perf_counter() - started) * 1000

    try:
        a, b = paired(app, baseline, s.autosave_warmup, s.autosave_edits)
    finally:
        raw.close()
        database.close()
    return _row(
        "pg_autosave",
        a,
        b,
        f"{len(a)} edits each, alternating; 1.2 kB answer; app: open_server as a practitioner "
        "(row-level security, row version, audit trigger); raw: psycopg UPDATE + commit, same login",
    )


def _search(ctx: Context, server: _Server) -> Row:
    """The app's ``store.memory.search`` against the same full-text query (tsquery, ts_headline,
    ts_rank) written by hand over raw psycopg, as the same login."""
    import psycopg

    from benchmarks import data
    from supervision_app.storage import SupervisionStore
    from supervision_app.storage.memory_search import SEARCH_LIMIT
    from supervision_app.storage.postgres import search as pg_search
    from supervision_app.storage.postgres.backend import open_server

    count = server.neighbours(ctx)
    database = open_server(server.url())
    store = SupervisionStore(database)
    raw = psycopg.connect(server.url(driver="postgresql"))
    sql = (
        "SELECT i.kind, i.case_id, c.reference, i.session_id, s.date, i.locator, i.item_id, "
        "ts_headline('english', i.body, q.query, %(options)s), i.body "
        "FROM to_tsquery('english', %(query)s) AS q(query), search_index AS i "
        "JOIN cases AS c ON c.id = i.case_id LEFT JOIN sessions AS s ON s.id = i.session_id "
        "WHERE i.document @@ q.query ORDER BY ts_rank(i.document, q.query) DESC, i.id LIMIT %(limit)s"
    )
    options = 'StartSel="[", StopSel="]", MaxWords=12, MinWords=6, ShortWord=0, MaxFragments=1'
    terms = data.search_terms()
    turn = [0]

    def app() -> float:
        term = terms[turn[0] % len(terms)]
        started = time.perf_counter()
        store.memory.search(term)
        return (time.perf_counter() - started) * 1000

    def baseline() -> float:
        term = terms[turn[0] % len(terms)]
        turn[0] += 1
        started = time.perf_counter()
        raw.execute(
            sql, {"query": pg_search.ts_query(term), "options": options, "limit": SEARCH_LIMIT}
        ).fetchall()
        raw.commit()
        return (time.perf_counter() - started) * 1000

    try:
        a, b = paired(app, baseline, 3, max(12, ctx.settings.search_reps))
    finally:
        raw.close()
        database.close()
    return _row(
        "pg_search",
        a,
        b,
        f"{count:,} sessions (one answer each) in {count // 10:,} cases of the practitioner's; "
        f"{len(a)} searches each over {len(terms)} terms; raw: the same tsquery, ts_headline and "
        "ts_rank SQL by hand over psycopg, same login (row-level security on both)",
    )


def _row(key: str, app: list[float], baseline: list[float], *notes: str) -> Row:
    title, target, limit = TITLES[key]
    row = Row(key, title, "ms", median(app), median(baseline), target, limit,
              samples={"app_ms": app, "baseline_ms": baseline})  # fmt: skip
    row.notes.extend(notes)
    return row
