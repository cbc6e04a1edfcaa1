"""Fictional data for the benchmarks: text, seeded databases and one very full session.

Everything is generated from a fixed random seed, so two runs measure the same
data.  No name, place or event here refers to a real person or case.

Large databases are seeded with bulk inserts through SQLAlchemy Core on the
app's own tables, after :func:`supervision_app.storage.open_database` has
created the schema, so the file is exactly what the app would have written.

Every database is encrypted, as the app's always is (SQLCipher, a raw 256-bit
data key wrapped in the key file beside it).  The passphrase's key derivation
runs once per file (:func:`open_db`); later opens, the raw baselines
(:func:`raw_connection`) and the child processes (:data:`KEY_ENV`) reuse the
unlocked data key.  The ``unlock`` row measures the derivation on its own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

SEED = 20261102
#: The passphrase of every benchmark database (fictional data, deleted after the run).
PASSPHRASE = "fictional benchmark passphrase"
#: The environment variable that hands a database's data key (hex) to a child process.
KEY_ENV = "SUPERVISION_BENCH_DATA_KEY"
_RINGS: dict[str, object] = {}

_WHO = [
    "Mum",
    "Dad",
    "Mum's new partner",
    "The health visitor",
    "K's class teacher",
    "The school nurse",
    "Maternal grandmother",
    "The GP",
    "The nursery key worker",
    "The family support worker",
    "The police liaison officer",
    "The midwife",
    "T's head of year",
    "The housing officer",
    "The substance misuse worker",
]
_SAID = [
    "said that",
    "reported that",
    "was worried that",
    "noticed that",
    "explained that",
    "did not mention that",
    "told me that",
    "has recorded that",
    "was clear that",
    "could not say whether",
]
_SEEN = [
    "the baby had a small bruise on the left cheek",
    "K arrived at school hungry on three mornings this month",
    "the home smelt strongly of cannabis at the unannounced visit",
    "there was very little food in the fridge and no milk for the baby",
    "T has been missing school on Mondays since the summer",
    "the account of the injury changed between the first and second visits",
    "K went quiet and watchful when Dad came into the room",
    "the curtains were closed in the middle of the day",
    "the offer of early help was not taken up",
    "the dog was shut in the kitchen during the visit and sounded distressed",
    "the baby's weight has dropped from the 50th to the 9th centile",
    "there were several missed health appointments since the baby was born",
    "the neighbours have called the police twice about shouting late at night",
    "Mum appeared tired and flat and said she was not sleeping",
    "T is looking after the younger children most evenings",
    "the new partner has not been seen by any professional yet",
    "K's school attendance has fallen to 71 per cent this term",
    "the bedroom the children share had no bedding on one mattress",
    "the parents cancelled the last two visits at short notice",
    "K drew a picture of the family in which Dad was not included",
]
_REFLECT = [
    "I felt uneasy leaving the house and could not say exactly why.",
    "I noticed I was relieved when Mum was cooperative, and that relief may be clouding my judgement.",
    "This could be disguised compliance: agreement in the room, little change afterwards.",
    "I wonder what life is like for the baby when the adults are arguing late at night.",
    "We have been taking the parents' account at face value without checking it with anyone else.",
    "My hypothesis is that the neglect is chronic rather than a recent crisis; I need to test it.",
    "I have not yet seen K on her own, and everything I know about her comes from the adults.",
    "The chronology shows a pattern that no single visit would reveal.",
    "I realise I have been putting off the difficult conversation about the new partner.",
    "If nothing changes in four weeks, the bottom line is a referral to the legal gateway panel.",
    "The school and the health visitor hold different pieces of the picture and have not spoken.",
    "I think my anxiety after the visit is telling me something about the children's safety.",
]
_NEXT = [
    "see K alone at school",
    "check the parents' account with the health visitor",
    "ask the team manager for a strategy discussion",
    "escalate the disagreement with the referral team",
    "request the GP and hospital records",
    "visit unannounced after school on a weekday",
    "speak to the nursery about attendance and presentation",
    "ask about the new partner's history",
    "update the chronology with the last six months of contacts",
    "agree a written contingency plan",
    "arrange a professionals' meeting within two weeks",
    "talk to T about being a young carer",
]
_TERMS = [
    "bruising",
    "neglect",
    "hunger",
    "attendance",
    "cannabis",
    "contingency",
    "escalation",
    "unannounced",
    "strategy",
    "chronology",
    "compliance",
    "centile",
    "partner",
    "bedding",
]


def sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.55:
        return f"{rng.choice(_WHO)} {rng.choice(_SAID)} {rng.choice(_SEEN)}."
    if kind < 0.85:
        return rng.choice(_REFLECT)
    return f"Next I will {rng.choice(_NEXT)} and {rng.choice(_NEXT)}."


def paragraph(rng: random.Random, sentences: tuple[int, int] = (3, 7)) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def answer_text(rng: random.Random, paragraphs: tuple[int, int] = (1, 3)) -> str:
    return "\n\n".join(paragraph(rng) for _ in range(rng.randint(*paragraphs)))


def typing_text(n: int, rng: random.Random | None = None) -> str:
    """``n`` characters of plausible answer text, single-spaced, no line breaks."""
    rng = rng or random.Random(SEED + 1)
    out = ""
    while len(out) < n:
        out += sentence(rng) + " "
    return out[:n]


def search_terms() -> list[str]:
    """What a user types into the search box (the app makes the FTS5 query from it)."""
    return [
        "bruise",
        "unannounced visit",
        "school attendance",
        "cannabis",
        "contingen",
        "new partner history",
    ]


# -- databases -------------------------------------------------------------------


@dataclass(frozen=True)
class SeededDb:
    path: Path
    sessions: int
    cases: int
    #: the id of the first long case (``LONG_SESSIONS`` sessions; 0 when there is none)
    big_case_id: int = 0
    #: a session id known to exist, with its first answer's prompt (for autosave)
    session_id: int = 0
    #: how many long cases (100 sessions, about 67 open actions, a chronology) there are
    long_cases: int = 0
    #: the id of the long case's short twin: the same shape with ``TWIN_SESSIONS`` sessions
    twin_case_id: int = 0


#: A long case: eight years of monthly supervision.  Each of its sessions has one decision
#: and two actions (about two thirds of them left open), every other session a chronology
#: event, every twentieth a hypothesis.
LONG_SESSIONS = 100
#: The short twin of a long case: the same shape, with this many sessions.
TWIN_SESSIONS = 5


def open_db(path: Path):
    """Open (or create) a benchmark database through the app's ``open_database``.

    The passphrase is derived once per file; later opens pass the unlocked key
    ring, as the app does after its unlock dialog."""
    from supervision_app.storage import Passphrase, open_database
    from supervision_app.storage.keys import KeyRing, new_key_ring

    key = str(Path(path).resolve())
    ring = _RINGS.get(key)
    if ring is None:
        ring = new_key_ring(PASSPHRASE) if not Path(path).exists() else Passphrase(PASSPHRASE)
    database = open_database(path, ring)
    _RINGS[key] = KeyRing(database.backend.key_ring.data_key, database.backend.key_ring.entry)
    return database


def data_key(path: Path) -> bytes:
    """The data key of a database made by :func:`open_db` in this process."""
    key = str(Path(path).resolve())
    if key not in _RINGS:
        open_db(path).close()
    return _RINGS[key].data_key


def child_env(path: Path, env: dict[str, str]) -> dict[str, str]:
    """``env`` plus the data key of ``path`` for a child process (see :func:`child_ring`)."""
    return {**env, KEY_ENV: data_key(path).hex()}


def child_ring(path: Path):
    """In a child process: the unlocked key ring of ``path`` from :data:`KEY_ENV`."""
    import os

    from supervision_app.storage.keys import KeyRing, key_file_path, read_key_file

    entry = read_key_file(key_file_path(Path(path)))[0]
    return KeyRing(bytes.fromhex(os.environ[KEY_ENV]), entry)


def raw_connection(path: Path):
    """A raw DB-API connection made exactly as the app's engine makes each of its connections
    (``storage.sqlite.backend._engine``): the same SQLCipher driver, keyed with the same data key,
    proven by a read, with the same pragmas (``storage.sqlite.cipher.apply_pragmas``)."""
    from supervision_app.storage.sqlite import cipher

    conn = cipher.connect(str(path), data_key(path))
    cipher.apply_pragmas(conn)
    return conn


def pragma_summary(conn) -> str:
    names = ["journal_mode", "synchronous", "foreign_keys", "busy_timeout", "temp_store",
             "secure_delete", "cipher_version", "cipher_page_size", "kdf_iter"]  # fmt: skip
    out = []
    for name in names:
        row = conn.execute(f"PRAGMA {name}").fetchone()
        if row is not None:
            out.append(f"{name}={row[0]}")
    return ", ".join(out)


def create_empty(path: Path) -> SeededDb:
    open_db(path).close()
    return SeededDb(path, 0, 0)


def case_plan(cases: int, sessions: int, long_cases: int = 0, twin: bool = False) -> list[int]:
    """Sessions per case: ``long_cases`` cases of :data:`LONG_SESSIONS` first, then the short
    twin (:data:`TWIN_SESSIONS`) if asked for, then the other sessions spread evenly over the
    other cases, so that the database has exactly ``cases`` cases and ``sessions`` sessions."""
    plan = [LONG_SESSIONS] * long_cases + ([TWIN_SESSIONS] if twin else [])
    rest_cases = cases - len(plan)
    rest = sessions - sum(plan)
    if rest_cases < 0 or rest < 0:
        raise ValueError(f"{cases} cases / {sessions} sessions cannot hold {plan}")
    if rest_cases == 0:
        return plan
    each, extra = divmod(rest, rest_cases)
    return plan + [each + (1 if i < extra else 0) for i in range(rest_cases)]


def seed_bulk(
    path: Path,
    sessions: int,
    *,
    sessions_per_case: int = 10,
    answers_per_session: int = 4,
    cases: int | None = None,
    long_cases: int = 0,
    twin: bool = False,
    seed: int = SEED,
) -> SeededDb:
    """A database with ``sessions`` sessions in ``cases`` cases (default: ``sessions_per_case``
    to a case), bulk-inserted; the first ``long_cases`` are long cases (:data:`LONG_SESSIONS`
    sessions, about 67 open actions, a chronology and hypotheses), followed by the short
    twin of a long case when ``twin`` is set.  Long cases and the twin are listed first
    (their last sessions are the most recent).  Answer texts are drawn from a pool of
    generated paragraphs (fast, but varied enough for full-text search).
    """
    from sqlalchemy import insert

    from supervision_app.content import load_content
    from supervision_app.storage.models import (
        ActionRow,
        AnswerRow,
        CaseRow,
        ChildRow,
        DecisionRow,
        SessionRow,
    )

    rng = random.Random(seed)
    prompts = [p for stage in load_content().stages for p in stage.prompts]
    pool = [answer_text(rng, (1, 2)) for _ in range(3000)]
    database = open_db(path)
    start = datetime(2020, 1, 6, 10, 0)
    if cases is None:
        cases = -(-sessions // sessions_per_case)
    plan = case_plan(cases, sessions, long_cases, twin)
    shaped = long_cases + (1 if twin else 0)  # cases with decisions, actions and a chronology

    case_rows, children, session_rows, answers = [], [], [], []
    by_case: dict[int, list[dict]] = {}
    session_id = 0
    answer_id = 0
    child_id = 0
    for case_index, count in enumerate(plan, start=1):
        created = start + timedelta(days=rng.randint(0, 1500), minutes=case_index)
        if twin and case_index == long_cases + 1:
            # The twin's sessions are the last months of a long case: listed near the top.
            created = start + timedelta(days=1500 + 28 * (LONG_SESSIONS - count))
        case_rows.append(
            {
                "id": case_index,
                "reference": f"FIC-{case_index:06d}",
                "practitioner": f"Practitioner {case_index % 97}",
                "supervisor": f"Supervisor {case_index % 13}",
                "agencies": ["Children's Social Care", "Health Visiting", "School"][
                    : 1 + case_index % 3
                ],
                "created_at": created,
                "updated_at": created,
            }
        )
        for position in range(1 + case_index % 3):
            child_id += 1
            children.append(
                {
                    "id": child_id,
                    "case_id": case_index,
                    "position": position,
                    "name": "KTBLMJ"[(case_index + position) % 6],
                    "date_of_birth": date(2012 + (case_index + position) % 12, 1 + position, 14),
                    "age": "",
                    "unborn": False,
                }
            )
        for k in range(count):
            session_id += 1
            day = created + timedelta(days=28 * k + rng.randint(0, 6))
            session_rows.append(
                {
                    "id": session_id,
                    "uid": f"{rng.getrandbits(128):032x}",
                    "case_id": case_index,
                    "date": day.date(),
                    "attendees": ["Practitioner", "Supervisor"],
                    "content_version": "1.0.0",
                    "created_at": day,
                    "updated_at": day,
                }
            )
            if case_index <= shaped:
                by_case.setdefault(case_index, []).append(session_rows[-1])
            for prompt in rng.sample(prompts, answers_per_session):
                answer_id += 1
                answers.append(
                    {
                        "id": answer_id,
                        "session_id": session_id,
                        "prompt_id": prompt.id,
                        "stage_id": prompt.stage_id,
                        "prompt_text": prompt.text,
                        "text": rng.choice(pool),
                        "updated_at": day,
                    }
                )
    shaped_rows = [r for rows in by_case.values() for r in rows]
    decisions = [
        {"session_id": r["id"], "position": 1, "text": sentence(rng), "rationale": sentence(rng),
         "created_at": r["created_at"], "updated_at": r["created_at"]}
        for r in shaped_rows
    ]  # fmt: skip
    actions = [
        {"session_id": r["id"], "position": k, "description": f"{rng.choice(_NEXT).capitalize()}.",
         "owner": "Practitioner 1", "due_date": r["date"] + timedelta(days=14),
         "status": rng.choice(["open", "done", "not_done"]),
         "created_at": r["created_at"], "updated_at": r["created_at"]}
        for r in shaped_rows
        for k in (1, 2)
    ]  # fmt: skip
    try:
        rebuild_index = _drop_search_index(database.engine)
        with database.engine.begin() as conn:
            conn.execute(insert(CaseRow.__table__), case_rows)
            conn.execute(insert(ChildRow.__table__), children)
            for chunk in _chunks(session_rows, 20_000):
                conn.execute(insert(SessionRow.__table__), chunk)
            for chunk in _chunks(answers, 20_000):
                conn.execute(insert(AnswerRow.__table__), chunk)
            if decisions:
                conn.execute(insert(DecisionRow.__table__), decisions)
                conn.execute(insert(ActionRow.__table__), actions)
        if rebuild_index is not None:
            rebuild_index(database.engine)
        for case_id, rows in by_case.items():
            case_memory(database, case_id, rows, rng)
        with database.engine.connect() as conn:
            # Fold the WAL into the main file, as a quiet app would have by now.
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        database.close()
    return SeededDb(
        path,
        sessions=session_id,
        cases=len(plan),
        big_case_id=1 if long_cases else 0,
        session_id=1 if session_id else 0,
        long_cases=long_cases,
        twin_case_id=long_cases + 1 if twin else 0,
    )


def shaped_db(ctx, cases: int, sessions: int, long_cases: int) -> SeededDb:
    """A database of ``cases`` cases and ``sessions`` sessions with ``long_cases`` long cases
    and the short twin, built once per run (rows that ask for the same shape share it)."""
    name = f"shaped_{cases}_{sessions}_{long_cases}"
    return ctx.cached(
        name,
        lambda: seed_bulk(ctx.workdir / f"{name}.sqlite3", sessions, cases=cases,
                          long_cases=long_cases, twin=True),
    )  # fmt: skip


def _drop_search_index(engine):
    """Drop the app's full-text index and its triggers before a bulk insert, and return the
    app's own function that recreates and fills them afterwards (None if the app has no
    index).  Filling it in one pass is four times faster than a trigger per inserted row,
    and gives the same index."""
    try:
        from supervision_app.storage.sqlite.search_index import INDEX_TABLE, ensure_search_index
    except ImportError:
        return None
    with engine.begin() as conn:
        triggers = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE ?",
            (f"%{INDEX_TABLE}%",),
        ).all()
        for (name,) in triggers:
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {INDEX_TABLE}")
    return ensure_search_index


def case_memory(database, case_id: int, sessions: list[dict], rng: random.Random) -> None:
    """Chronology events and hypotheses for the big case, through the app's own API (when the
    app has case memory), so that opening the case has a chronology to assemble."""
    from supervision_app.storage import SupervisionStore

    memory = getattr(SupervisionStore(database), "memory", None)
    if memory is None:
        return
    from supervision_app.domain.memory import EventKind

    kinds = [EventKind.CONCERN, EventKind.SIGNIFICANT_EVENT, EventKind.WAS_NOT_BROUGHT,
             EventKind.ASSESSMENT, EventKind.OTHER]  # fmt: skip
    for i, row in enumerate(sessions[::2]):
        memory.add_event(case_id, row["date"], kinds[i % len(kinds)], sentence(rng)[:80],
                         sentence(rng), session_id=row["id"])  # fmt: skip
    for row in sessions[::20]:
        memory.add_hypothesis(case_id, sentence(rng), row["date"], row["id"])


def _chunks(rows: list[dict], size: int):
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


# -- the richest record ---------------------------------------------------------------


def seed_rich_session(path: Path, seed: int = SEED + 7) -> tuple[int, int]:
    """One case and one session with every prompt answered (structured tools filled in too),
    plus decisions and actions, written through the store API.  Returns ``(case_id, session_id)``.

    Sized so that the app's PDF record is about 20 pages: the fewer the prompts, the
    longer each answer.
    """
    from supervision_app.content import load_content
    from supervision_app.domain import CaseInput, Child
    from supervision_app.storage import SupervisionStore

    rng = random.Random(seed)
    content = load_content()
    prompts = [p for stage in content.stages for p in stage.prompts]
    # about 20 pages: 61 prompts (content 1.0) or 95 with structured tools (content 1.1)
    sentences, paras = ((1, 4), (1, 1)) if len(prompts) > 75 else ((3, 7), (1, 2))
    children = ["K", "T", "Baby"]
    database = open_db(path)
    try:
        store = SupervisionStore(database)
        case_id = store.cases.create_case(
            CaseInput(
                reference="FIC-RICH-0001",
                practitioner="Sam Fictional (social worker)",
                supervisor="Robin Example (practice supervisor)",
                agencies=[
                    "Children's Social Care",
                    "Health Visiting",
                    "Primary school",
                    "GP practice",
                    "Police",
                    "Housing",
                ],
                children=[
                    Child("K", date(2017, 3, 14)),
                    Child("T", date(2012, 9, 2)),
                    Child("Baby", date(2026, 12, 1), unborn=True),
                ],
            )
        )
        earlier = store.sessions.create_session(
            case_id, date(2026, 10, 5), ["Sam Fictional", "Robin Example"], content.version
        )
        carried = [
            store.sessions.add_action(earlier, f"{rng.choice(_NEXT).capitalize()}.", "Sam Fictional",
                             date(2026, 10, 19)).id
            for _ in range(4)
        ]  # fmt: skip
        session_id = store.sessions.create_session(
            case_id, date(2026, 11, 2), ["Sam Fictional", "Robin Example"], content.version
        )
        _rich_memory(store, case_id, session_id, carried, rng)
        for stage in content.stages:
            for prompt in stage.prompts:
                kind = getattr(prompt, "kind", "text")
                if kind == "hypotheses":  # the case's hypotheses tool: no text of its own
                    for _ in range(2):
                        store.memory.add_hypothesis(
                            case_id, sentence(rng), date(2026, 11, 2), session_id
                        )
                elif kind == "text":
                    text = "\n\n".join(
                        paragraph(rng, sentences) for _ in range(rng.randint(*paras))
                    )
                    store.sessions.save_answer(session_id, prompt.id, stage.id, prompt.text, text)
                else:
                    store.sessions.save_structured_answer(
                        session_id, prompt.id, stage.id, prompt.text, kind,
                        tool_payload(prompt, children, rng),
                    )  # fmt: skip
        for _ in range(8):
            store.sessions.add_decision(session_id, paragraph(rng, (1, 2)), paragraph(rng, (2, 4)))
        for i in range(12):
            store.sessions.add_action(
                session_id,
                f"{rng.choice(_NEXT).capitalize()}.",
                rng.choice(["Sam Fictional", "Robin Example", "Health visitor", "School DSL"]),
                date(2026, 11, 9) + timedelta(days=7 * i),
            )
        return case_id, session_id
    finally:
        database.close()


def _rich_memory(store, case_id: int, session_id: int, carried: list[int], rng) -> None:
    """Case memory that the record prints: earlier actions reviewed in this session, an
    escalation raised in it (only when the app has case memory)."""
    memory = getattr(store, "memory", None)
    if memory is None:
        return
    from supervision_app.domain.memory import ReviewOutcome

    outcomes = [ReviewOutcome.DONE, ReviewOutcome.NOT_DONE, ReviewOutcome.CARRIED_FORWARD]
    for i, action_id in enumerate(carried):
        outcome = outcomes[i % len(outcomes)]
        memory.review_action(action_id, outcome, sentence(rng), session_id=session_id)
    memory.raise_escalation(case_id, sentence(rng), "Team manager, referral and assessment",
                            date(2026, 11, 2), session_id=session_id, note=sentence(rng))  # fmt: skip


def tool_payload(prompt, children: list[str], rng: random.Random) -> dict:
    """A filled-in answer to a structured tool (checklist, day in the life, records)."""
    from supervision_app.domain.structured import BASIS_CHOICES

    if prompt.kind == "checklist":
        return {
            "items": [
                {"id": item.id, "label": item.label, "answer": rng.choice(prompt.answer_choices),
                 "note": sentence(rng)}
                for item in prompt.items
            ]
        }  # fmt: skip
    if prompt.kind == "day_in_life":
        return {
            "children": [
                {"child": child, "periods": [
                    {"id": item.id, "label": item.label, "text": sentence(rng),
                     "basis": rng.choice(BASIS_CHOICES)}
                    for item in prompt.items
                ]}
                for child in children
            ]
        }  # fmt: skip
    fields = list(prompt.fields)
    return {
        "fields": [{"id": f.id, "label": f.label} for f in fields],
        "choice_fields": [f.id for f in fields if f.choices],
        "rows": [
            {f.id: rng.choice(f.choices) if f.choices else sentence(rng) for f in fields}
            for _ in range(5)
        ],
    }


def rich_record(path: Path, session_id: int):
    """The :class:`SessionRecord` of the rich session, gathered the way the app gathers it
    (``record.load.load_record`` when the app has it, else ``build_record``)."""
    from supervision_app.content import load_content
    from supervision_app.storage import SupervisionStore

    content = load_content()
    database = open_db(path)
    try:
        store = SupervisionStore(database)
        try:
            from supervision_app.services.records import load_record
        except ImportError:
            from supervision_app.record import build_record

            return build_record(store.sessions.get_session(session_id), content,
                                generated_at=datetime(2026, 11, 2, 15, 0))  # fmt: skip
        return load_record(store, session_id, content)
    finally:
        database.close()


def _flatten(item) -> str:
    """The text fields of a small record dataclass, joined (for the baseline's plain text)."""
    from dataclasses import fields, is_dataclass

    if not is_dataclass(item):
        return str(item)
    values = (getattr(item, f.name) for f in fields(item))
    return " — ".join(v for v in values if isinstance(v, str) and v.strip())


def record_texts(record) -> list[tuple[str, str]]:
    """Every text of a record in reading order, as ``(kind, text)``; kind is
    ``title``, ``heading``, ``subheading`` or ``body``.  Shared by the ReportLab
    baseline and the .docx for LibreOffice, so both print the same words."""
    out: list[tuple[str, str]] = [("title", record.title), ("body", f"Marking: {record.marking}")]
    out.append(("body", f"Case reference: {record.case_reference}"))
    out.append(("body", f"Date of supervision: {record.session_date_text}"))
    out.append(("body", f"Practitioner: {record.practitioner}"))
    out.append(("body", f"Supervisor: {record.supervisor}"))
    out.append(("body", f"Attendees: {', '.join(record.attendees)}"))
    out.append(("body", f"Agencies involved: {', '.join(record.agencies)}"))
    out.append(
        ("body", "Children: " + "; ".join(f"{c.name} ({c.detail})" for c in record.children))
    )
    for stage in record.stages:
        out.append(("heading", f"Stage {stage.number}. {stage.title}"))
        out.append(("body", stage.summary))
        if stage.source:
            out.append(("body", f"Source: {stage.source}"))
        for prompt in stage.prompts:
            out.append(("subheading", prompt.text))
            out.append(("body", prompt.why))
            if prompt.source:
                out.append(("body", f"Source: {prompt.source}"))
            for part in prompt.answer.split("\n\n"):
                if part.strip():
                    out.append(("body", part))
            for row in getattr(prompt, "rows", ()):
                cells = [row.section, row.label, row.value, row.note]
                out.append(("body", " — ".join(c for c in cells if c)))
            if getattr(prompt, "rows_note", ""):
                out.append(("body", prompt.rows_note))
    for section in ("hypotheses", "previous_actions", "escalations", "signoffs", "addenda"):
        items = getattr(record, section, ())
        if items:
            out.append(("heading", section.replace("_", " ").capitalize()))
            out.extend(("body", _flatten(item)) for item in items)
    out.append(("heading", "Decisions"))
    for d in record.decisions:
        out.append(("body", f"{d.number}. {d.text}"))
        out.append(("body", f"Rationale: {d.rationale}"))
    out.append(("heading", "Actions"))
    for a in record.actions:
        out.append(
            (
                "body",
                f"{a.number}. {a.description} Owner: {a.owner}. Due: {a.due_text}. Status: {a.status}.",
            )
        )
    out.append(
        (
            "body",
            f"Record generated {record.generated_at:%d %b %Y %H:%M}; app version {record.app_version}; "
            f"content version {record.content_version}; session {record.session_uid}.",
        )
    )
    return out
