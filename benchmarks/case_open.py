"""Opening a case with 100 sessions, in two rows.

``case_open``: the store and domain work behind opening a case, without widgets:
``store.cases.get_case`` + ``store.sessions.list_sessions`` (the case and its session listing) +
:func:`app_chronology` (``store.memory.case_history`` assembled into the chronology by
``domain.chronology.assemble_chronology``).  The case is a long case (100 sessions, one
decision and two actions each, about 67 actions open, a chronology event every other
session, hypotheses) in a database of 10,000 sessions, so the app's queries have realistic
neighbours to skip.  Baseline: :func:`raw_case_memory`, the same case memory assembled by
hand-written SQL on the same encrypted file through a connection made as the app makes its
own (SQLCipher, same key, same pragmas): the case and its children, the session listing
(date, attendees, last edit, answered prompts), each session's answered prompt ids, the
decisions, the actions with their reviews, the hypotheses with their notes, the
escalations with their steps, the chronology events and the ratings, in 12 queries,
grouped into dicts and tuples, and the chronology (events, decisions, escalation steps)
merged and sorted by date.  The same rows the app reads, without its ORM or its
dataclasses.

``case_open_painted``: in a child process with the real main window
(``_case_open_child.py``), choosing the long case in the case list until its Case so far
is painted, against choosing its short twin (the same shape with 5 sessions) the same way.

If the app has no chronology (an older checkout), :func:`app_chronology`
raises ``NotImplementedError`` and the row says so.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks import data
from benchmarks.harness import Context, Row, cpu_note, median, na_row, paired, timed
from benchmarks.search import _prepare, _raw_connection

ROWS = ("case_open", "case_open_painted")
CHILD = Path(__file__).with_name("_case_open_child.py")

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

#: The case memory, by hand: one query per kind of row, as a careful programmer would write
#: them without an ORM.
RAW_MEMORY = {
    "answered": "SELECT a.session_id, a.prompt_id FROM answers a JOIN sessions s "
    "ON s.id = a.session_id WHERE s.case_id = ? AND trim(a.text) != ''",
    "decisions": "SELECT d.id, d.session_id, s.date, d.text, d.rationale FROM decisions d "
    "JOIN sessions s ON s.id = d.session_id WHERE s.case_id = ? ORDER BY s.date, d.position",
    "actions": "SELECT a.id, a.session_id, s.date, a.description, a.owner, a.due_date, "
    "a.status FROM actions a JOIN sessions s ON s.id = a.session_id WHERE s.case_id = ? "
    "ORDER BY s.date, a.position",
    "reviews": "SELECT r.action_id, r.reviewed_on, r.outcome, r.reason, r.session_id "
    "FROM action_reviews r JOIN actions a ON a.id = r.action_id JOIN sessions s "
    "ON s.id = a.session_id WHERE s.case_id = ? ORDER BY r.reviewed_on, r.id",
    "hypotheses": "SELECT id, session_id, text, status, raised_on, basis, test_plan, "
    "evaluation FROM hypotheses WHERE case_id = ? ORDER BY raised_on, id",
    "notes": "SELECT n.hypothesis_id, n.noted_on, n.status, n.text, n.result, n.session_id "
    "FROM hypothesis_notes n JOIN hypotheses h ON h.id = n.hypothesis_id "
    "WHERE h.case_id = ? ORDER BY n.noted_on, n.id",
    "escalations": "SELECT id, session_id, subject, raised_on, timescale_days, outcome, "
    "closed_on FROM escalations WHERE case_id = ? ORDER BY raised_on, id",
    "steps": "SELECT t.escalation_id, t.stage, t.with_whom, t.stepped_on, t.note, "
    "t.stage_name, t.days, t.session_id FROM escalation_steps t JOIN escalations e "
    "ON e.id = t.escalation_id WHERE e.case_id = ? ORDER BY t.stepped_on, t.id",
    "events": "SELECT id, session_id, happened_on, kind, title, detail, outcome "
    "FROM chronology_events WHERE case_id = ? ORDER BY happened_on, id",
    "ratings": "SELECT r.session_id, s.date, r.child_safety, r.worker_safety "
    "FROM session_ratings r JOIN sessions s ON s.id = r.session_id WHERE s.case_id = ? "
    "ORDER BY s.date, s.id",
}


def raw_listing(conn) -> str:
    has_tools = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='structured_answers'"
    ).fetchone()
    return RAW_LISTING.format(tools=TOOLS if has_tools else "")


def raw_case_memory(conn, listing_sql: str, case_id: int, queries: dict[str, str] | None = None) -> dict:
    """The fair baseline: the case, its session listing and its whole memory by hand-written
    SQL, grouped as the app groups it, and the chronology merged in date order.  ``queries``
    replaces :data:`RAW_MEMORY` (the server's row uses them with psycopg's placeholders)."""
    listing = conn.execute(listing_sql, (case_id,)).fetchall()
    memory = RAW_MEMORY if queries is None else queries
    rows = {name: conn.execute(sql, (case_id,)).fetchall() for name, sql in memory.items()}
    answered: dict[int, set[str]] = {}
    for sid, prompt in rows["answered"]:
        answered.setdefault(sid, set()).add(prompt)
    reviews: dict[int, list[tuple]] = {}
    for r in rows["reviews"]:
        reviews.setdefault(r[0], []).append(r[1:])
    notes: dict[int, list[tuple]] = {}
    for n in rows["notes"]:
        notes.setdefault(n[0], []).append(n[1:])
    steps: dict[int, list[tuple]] = {}
    for t in rows["steps"]:
        steps.setdefault(t[0], []).append(t[1:])
    actions = [(a, reviews.get(a[0], [])) for a in rows["actions"]]
    hypotheses = [(h, notes.get(h[0], [])) for h in rows["hypotheses"]]
    escalations = [(e, steps.get(e[0], [])) for e in rows["escalations"]]
    chronology = (
        [(e[2], "event", e[4], e[5], e[0]) for e in rows["events"]]
        + [(d[2], "decision", d[3], d[4], d[0]) for d in rows["decisions"]]
        + [(t[2], "escalation", t[1], t[3], e[0]) for e, ts in escalations for t in ts]
    )
    chronology.sort(key=lambda entry: entry[0])
    return {"listing": listing, "answered": answered, "actions": actions,
            "hypotheses": hypotheses, "escalations": escalations, "chronology": chronology,
            "ratings": rows["ratings"]}  # fmt: skip


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
    rows = []
    if "case_open" in wanted:
        rows.append(_case_open(ctx))
    if "case_open_painted" in wanted:
        rows.append(_case_open_painted(ctx))
    return rows


def _case_open(ctx: Context) -> Row:
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
            store.cases.get_case(case_id)
            store.sessions.list_sessions(case_id)
            if chronology:
                app_chronology(store, case_id)

        def baseline() -> None:
            raw_case_memory(conn, sql, case_id)

        listing = store.sessions.list_sessions(case_id)
        raw = raw_case_memory(conn, sql, case_id)
        same = [x.id for x in listing] == [r[7] for r in raw["listing"]] and [
            x.answered for x in listing
        ] == [r[12] for r in raw["listing"]]
        same_chronology = entries == len(raw["chronology"])
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
            "app: store.cases.get_case + store.sessions.list_sessions + chronology "
            f"(memory.case_history + assemble_chronology: {entries} entries)"
        )
    else:
        row.notes.append(
            "app: store.cases.get_case + store.sessions.list_sessions; chronology: n/a — not built yet "
            "(see benchmarks/case_open.py:app_chronology)"
        )
    row.notes.append(cpu)
    row.notes.append(
        "baseline: the same case memory by hand-written SQL (case_open.py:raw_case_memory): "
        f"the session listing and {len(RAW_MEMORY)} more queries (answered prompts, decisions, "
        "actions, reviews, hypotheses, notes, escalations, steps, events, ratings) grouped "
        "into dicts of tuples, the chronology merged and sorted; same listing: "
        f"{same}; same number of chronology entries: {same_chronology}; database of "
        f"{seeded.sessions:,} sessions; {len(a)} runs each"
    )
    return row


def _case_open_painted(ctx: Context) -> Row:
    """The long case and its short twin, each chosen in the real window's case list until
    its Case so far is painted, alternately, in one child process."""
    s = ctx.settings
    title = "Open a long case to its painted Case so far"
    seeded = _prepare(ctx)
    from benchmarks.startup import _fresh_ui_state

    _fresh_ui_state(ctx)  # the window opens at its default size with the case list showing
    args = [sys.executable, str(CHILD), str(seeded.path), str(seeded.big_case_id),
            str(seeded.twin_case_id), str(s.case_paint_reps)]  # fmt: skip
    proc = subprocess.run(args, capture_output=True, text=True, env=ctx.child_env(seeded.path),
                          timeout=600)  # fmt: skip
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        from benchmarks.startup import crash_line

        return na_row("case_open_painted", title, "ms", "≤ 1.5×", 1.5,
                      f"blocked: child exited {proc.returncode}: {crash_line(proc.stderr)}")  # fmt: skip
    result = json.loads(lines[-1])
    if "error" in result:
        return na_row("case_open_painted", title, "ms", "≤ 1.5×", 1.5, result["error"])
    a, b = result["long_ms"], result["short_ms"]
    row = Row("case_open_painted", title, "ms", median(a), median(b), "≤ 1.5×", 1.5,
              samples={"app_ms": a, "baseline_ms": b})  # fmt: skip
    row.notes.append(
        f"app: the long case ({result['long_sessions']} sessions, {result['long_open']} open "
        f"actions, {result['long_entries']} chronology entries) chosen in the case list of the "
        "real main window, timed to the end of the paint of its Case so far; baseline: its "
        f"short twin ({result['short_sessions']} sessions, {result['short_open']} open actions, "
        f"{result['short_entries']} chronology entries) the same way; {len(a)} runs each, "
        "alternately, a third case chosen between runs"
    )
    row.notes.append(
        f"widgets in the Case so far when painted: long {result['long_widgets']}, "
        f"short {result['short_widgets']}"
    )
    return row
