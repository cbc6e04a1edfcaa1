"""``pg_case_open``: opening a long case on the agency server, as the window does it, against
the same case memory by hand-written SQL over raw psycopg, as the same practitioner's login.

The case has the shape of ``case_open``'s long case (``data.LONG_SESSIONS`` = 100 monthly
sessions, four answers, one decision and two actions each, about a third of the actions
left open, a chronology event every other session, a hypothesis every twentieth, two
children), owned by the practitioner, in a database with the 10,000 sessions of
``pg_search`` beside it.  Row-level security applies to both sides: every row read is
checked against the case's owner.

- app: ``store.cases.get_case`` + ``store.sessions.list_sessions`` + the chronology
  (``case_open.app_chronology``: ``store.memory.case_history`` → ``assemble_chronology``),
  through ``open_server`` as the practitioner: what the window reads when the case is chosen.
- baseline: ``case_open.raw_case_memory`` (the session listing and 10 more queries, grouped
  into dicts of tuples, the chronology merged and sorted) with the queries written for
  PostgreSQL (``%s`` placeholders, ``json_agg`` for the children), on one psycopg connection
  as the same login, in one transaction per open.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from benchmarks import data
from benchmarks.case_open import RAW_MEMORY, app_chronology, raw_case_memory
from benchmarks.harness import Context, Row, cpu_note, paired, timed

#: The session listing of ``case_open.RAW_LISTING``, in PostgreSQL's words (same columns).
PG_LISTING = """
SELECT c.id, c.reference, c.practitioner, c.supervisor, c.agencies, c.created_at,
       (SELECT json_agg(json_build_array(ch.name, ch.date_of_birth, ch.age, ch.unborn)
                        ORDER BY ch.position)
          FROM children ch WHERE ch.case_id = c.id) AS children,
       s.id, s.uid, s.date, s.attendees, s.updated_at,
       (SELECT count(*) FROM answers a WHERE a.session_id = s.id AND trim(a.text) != '')
       + (SELECT count(*) FROM structured_answers t WHERE t.session_id = s.id) AS answered
  FROM cases c JOIN sessions s ON s.case_id = c.id
 WHERE c.id = %s
 ORDER BY s.date DESC, s.id DESC
"""
PG_MEMORY = {name: sql.replace("?", "%s") for name, sql in RAW_MEMORY.items()}


def seed_long_case(server: Any, rng: random.Random) -> int:
    """The long case, owned by the practitioner: rows in bulk as the administrator, then the
    chronology events and hypotheses through the app's store as the practitioner."""
    from sqlalchemy import insert, text

    from supervision_app.content import load_content
    from supervision_app.storage.models import (
        ActionRow,
        AnswerRow,
        ChildRow,
        DecisionRow,
        SessionRow,
    )
    from supervision_app.storage.postgres.backend import open_server

    prompts = [p for stage in load_content().stages for p in stage.prompts]
    start = datetime(2018, 1, 8, 10, 0)
    sessions_t = SessionRow.__table__
    with server.admin.begin() as conn:
        case_id = conn.execute(
            text(
                "INSERT INTO cases (reference, practitioner, supervisor, agencies, created_at, "
                "updated_at, owner) VALUES (:ref, 'Practitioner 1', 'Supervisor 1', "
                "'[\"Children''s Social Care\", \"School\"]', :at, :at, :owner) RETURNING id"
            ),  # the ORM's table has no owner column (the server adds it)
            {"ref": f"LONG-{rng.getrandbits(32):08x}", "at": start, "owner": server.person},
        ).scalar_one()
        conn.execute(
            insert(ChildRow.__table__),
            [{"case_id": case_id, "position": k, "name": "KT"[k], "age": "", "unborn": False,
              "date_of_birth": date(2014 + k, 3, 14)} for k in (0, 1)],
        )  # fmt: skip
        days = [start + timedelta(days=28 * k + rng.randint(0, 6)) for k in range(data.LONG_SESSIONS)]
        session_ids = conn.execute(
            insert(sessions_t).returning(sessions_t.c.id, sort_by_parameter_order=True),
            [{"uid": f"{rng.getrandbits(128):032x}", "case_id": case_id, "date": day.date(),
              "attendees": ["Practitioner", "Supervisor"], "content_version": "1.0.0",
              "created_at": day, "updated_at": day} for day in days],
        ).scalars().all()  # fmt: skip
        sessions = [{"id": sid, "date": day.date(), "created_at": day}
                    for sid, day in zip(session_ids, days, strict=True)]  # fmt: skip
        conn.execute(
            insert(AnswerRow.__table__),
            [{"session_id": r["id"], "prompt_id": p.id, "stage_id": p.stage_id,
              "prompt_text": p.text, "text": data.answer_text(rng, (1, 2)),
              "updated_at": r["created_at"]}
             for r in sessions for p in rng.sample(prompts, 4)],
        )  # fmt: skip
        conn.execute(
            insert(DecisionRow.__table__),
            [{"session_id": r["id"], "position": 1, "text": data.sentence(rng),
              "rationale": data.sentence(rng), "created_at": r["created_at"],
              "updated_at": r["created_at"]} for r in sessions],
        )  # fmt: skip
        conn.execute(
            insert(ActionRow.__table__),
            [{"session_id": r["id"], "position": k, "description": data.sentence(rng),
              "owner": "Practitioner 1", "due_date": r["date"] + timedelta(days=14),
              "status": rng.choice(["open", "done", "not_done"]),
              "created_at": r["created_at"], "updated_at": r["created_at"]}
             for r in sessions for k in (1, 2)],
        )  # fmt: skip
    database = open_server(server.url())
    try:
        data.case_memory(database, case_id, sessions, rng)
    finally:
        database.close()
    with server.admin.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    return int(case_id)


def case_open_row(ctx: Context, server: Any, row: Any) -> Row:
    """The ``pg_case_open`` row (``row`` makes a :class:`Row` from the samples and notes)."""
    import psycopg

    from supervision_app.storage import SupervisionStore
    from supervision_app.storage.postgres.backend import open_server

    s = ctx.settings
    neighbours = server.neighbours(ctx)
    case_id = seed_long_case(server, random.Random(data.SEED + 18))
    database = open_server(server.url())
    store = SupervisionStore(database)
    conn = psycopg.connect(server.url(driver="postgresql"))

    def app() -> None:
        store.cases.get_case(case_id)
        store.sessions.list_sessions(case_id)
        app_chronology(store, case_id)

    def baseline() -> dict:
        memory = raw_case_memory(conn, PG_LISTING, case_id, PG_MEMORY)
        conn.commit()
        return memory

    try:
        listing = store.sessions.list_sessions(case_id)
        entries = len(app_chronology(store, case_id))
        history = store.memory.case_history(case_id)
        raw = baseline()
        same = [x.id for x in listing] == [r[7] for r in raw["listing"]] and [
            x.answered for x in listing
        ] == [r[12] for r in raw["listing"]]
        open_actions = sum(1 for a in history.actions if a.action.status.value == "open")
        a, b = paired(timed(app), timed(baseline), 3, s.case_reps)
        cpu = cpu_note(app, baseline, min(s.case_reps, 30))
    finally:
        conn.close()
        database.close()
    return row(
        "pg_case_open",
        a,
        b,
        f"app: as a practitioner's login through open_server (row-level security on), "
        "store.cases.get_case + store.sessions.list_sessions + the chronology "
        f"(memory.case_history + assemble_chronology: {entries} entries) of a case of "
        f"{len(listing)} sessions, {open_actions} open actions, {len(history.hypotheses)} "
        f"hypotheses; {neighbours:,} other sessions of the same login's beside it",
        "baseline: the same case memory by hand-written SQL over raw psycopg as the same login "
        "(case_open.py:raw_case_memory with PostgreSQL's placeholders and json_agg): the "
        f"session listing and {len(PG_MEMORY)} more queries (answered prompts, decisions, "
        "actions, reviews, hypotheses, notes, escalations, steps, events, ratings), grouped "
        "into dicts of tuples, the chronology merged and sorted, one transaction per open; "
        f"same listing: {same}; same number of chronology entries: "
        f"{entries == len(raw['chronology'])}; {len(a)} opens each, alternating",
        cpu,
    )
