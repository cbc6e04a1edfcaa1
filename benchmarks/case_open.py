"""Opening a case with 100 sessions and its chronology, against one raw SQL query.

App: ``store.get_case`` + ``store.list_sessions`` (the case and its session
listing) + :func:`app_chronology` (``store.memory.case_history`` assembled into
the chronology by ``domain.chronology.assemble_chronology``): the store and
domain work behind opening a case, without the widgets.  The case has 100
sessions (with decisions, actions, chronology events and hypotheses) in a
database of 10,000 sessions, so the app's queries have realistic neighbours
to skip.  Baseline: :func:`raw_listing`, one query on the same encrypted file
through a connection made as the app makes its own (SQLCipher, same key, same
pragmas) giving the same listing: the case, its
children, and each session with its date, attendees, last edit and number of
answered prompts, newest first.

If the app has no chronology (an older checkout), :func:`app_chronology`
raises ``NotImplementedError`` and the row says so.
"""

from __future__ import annotations

from benchmarks import data
from benchmarks.harness import Context, Row, cpu_note, median, paired, timed
from benchmarks.search import _prepare, _raw_connection

ROWS = ("case_open",)

RAW_LISTING = """
SELECT c.id, c.reference, c.practitioner, c.supervisor, c.agencies, c.created_at,
       (SELECT json_group_array(json_array(name, date_of_birth, age, unborn))
          FROM (SELECT * FROM children WHERE case_id = c.id ORDER BY position)) AS children,
       s.id, s.uid, s.date, s.attendees, s.updated_at,
       (SELECT count(*) FROM answers a WHERE a.session_id = s.id AND trim(a.text) != ''){tools}
         AS answered
  FROM cases c JOIN sessions s ON s.case_id = c.id
 WHERE c.id = ?
 ORDER BY s.date DESC, s.id DESC
"""
#: structured tools count as answered prompts too (when the schema has them)
TOOLS = "\n       + (SELECT count(*) FROM structured_answers t WHERE t.session_id = s.id)"


def raw_listing(conn) -> str:
    has_tools = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='structured_answers'"
    ).fetchone()
    return RAW_LISTING.format(tools=TOOLS if has_tools else "")


def app_chronology(store, case_id: int):
    """The case's history assembled into its chronology, as the case memory panel does."""
    memory = getattr(store, "memory", None)
    if memory is None:
        raise NotImplementedError
    try:
        from supervision_app.domain.chronology import assemble_chronology
    except ImportError:
        raise NotImplementedError from None
    return assemble_chronology(memory.case_history(case_id))


def run(ctx: Context, wanted: set[str]) -> list[Row]:
    from supervision_app.storage import SupervisionStore

    s = ctx.settings
    seeded = _prepare(ctx)
    case_id = seeded.big_case_id
    database = data.open_db(seeded.path)
    store = SupervisionStore(database)
    conn = _raw_connection(seeded.path)
    sql = raw_listing(conn)
    try:
        try:
            entries = len(app_chronology(store, case_id))
            chronology = True
        except NotImplementedError:
            entries, chronology = 0, False

        def app() -> None:
            store.get_case(case_id)
            store.list_sessions(case_id)
            if chronology:
                app_chronology(store, case_id)

        def baseline() -> None:
            conn.execute(sql, (case_id,)).fetchall()

        listing = store.list_sessions(case_id)
        raw_rows = conn.execute(sql, (case_id,)).fetchall()
        same = [x.id for x in listing] == [r[7] for r in raw_rows] and [
            x.answered for x in listing
        ] == [r[12] for r in raw_rows]
        a, b = paired(timed(app), timed(baseline), 3, s.case_reps)
        cpu = cpu_note(app, baseline, min(s.case_reps, 30))
    finally:
        conn.close()
        database.close()
    title = f"Open a case with {len(listing)} sessions" + (" + chronology" if chronology else "")
    row = Row(
        "case_open",
        title,
        "ms",
        median(a),
        median(b),
        "≤ 3×",
        3.0,
        samples={"app_ms": a, "baseline_ms": b},
    )
    if chronology:
        row.notes.append(
            "app: store.get_case + store.list_sessions + chronology "
            f"(memory.case_history + assemble_chronology: {entries} entries)"
        )
    else:
        row.notes.append(
            "app: store.get_case + store.list_sessions; chronology: n/a — not built yet "
            "(see benchmarks/case_open.py:app_chronology)"
        )
    row.notes.append(cpu)
    row.notes.append(
        f"baseline: one raw SQL query (case, children, sessions with answered counts); same listing: "
        f"{same}; database of {seeded.sessions:,} sessions; {len(a)} runs each"
    )
    return [row]
