"""Two fuzzers, run small in the test suite and at full size by scripts/reliability.py.

* :func:`fuzz_record_files`: malformed record files (session and whole-case files: truncated,
  wrong types, huge numbers and strings, deep nesting, invalid Unicode, duplicate ids, missing
  and extra fields, wrong versions, bad dates and choices).  Every refusal must be a
  :class:`RecordFileError` naming the file (and the field, where one is at fault), never an
  "unexpected" one, and the database must be byte-for-byte the same in content afterwards
  (every table, the id counters included).
* :func:`fuzz_tampering`: a database with signed records, changed behind the app's back with
  its key (rows edited, deleted and inserted; signatures, seals, snapshots and "signed" audit
  entries removed; audit entries edited or removed with the append-only triggers dropped and
  put back).  Every attempt must be detected by ``verify`` (or refused when opening).
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supervision_app.domain import AuditEvent, Party, SignOffInput
from supervision_app.exchange.case_file import is_case_file
from supervision_app.exchange.reader import RecordFileError
from supervision_app.services.record_files import (
    export_case_json,
    export_session_json,
    import_case_file,
    import_session_file,
)
from supervision_app.storage import DatabaseOpenError, SupervisionStore
from supervision_app.storage.keys import key_file_path
from tests.helpers import make_case, make_full_session, open_db, raw_connection

#: What a refusal must never look like: "unexpected OverflowError" and the like.
GENERIC = re.compile(r"unexpected [A-Z][A-Za-z]*(Error|Exception|Warning)\b")

# -- shared ------------------------------------------------------------------------------


def content_digest(path: Path) -> str:
    """A digest of every row of every table (id counters included), read with the key."""
    conn = raw_connection(path)
    try:
        digest = hashlib.sha256()
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_index%' "
            "ORDER BY name")]  # fmt: skip
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode("utf-8", "backslashreplace"))
        return digest.hexdigest()
    finally:
        conn.close()


def _demo_database(path: Path) -> SupervisionStore:
    from supervision_app.content import load_content
    from supervision_app.services.demo import load_demo

    database = open_db(path)
    store = SupervisionStore(database)
    load_demo(store, load_content())
    return store


# -- malformed record files ----------------------------------------------------------------


@dataclass
class RecordFuzzReport:
    attempts: int = 0
    refused: int = 0
    accepted: int = 0
    generic: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)
    changed_after_refusal: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not (self.generic or self.unnamed or self.changed_after_refusal)


def _paths(value: Any, where: tuple = ()) -> list[tuple]:
    """Every path to a value inside the document (keys and list indexes)."""
    found = [where] if where else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*where, key))
    elif isinstance(value, list):
        for i, item in enumerate(value[:3]):  # the first few items of each list are enough
            found += _paths(item, (*where, i))
    return found


def _get(doc: Any, path: tuple) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def _set(doc: Any, path: tuple, value: Any) -> None:
    _get(doc, path[:-1])[path[-1]] = value


def _field_name(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else ""


_WRONG_TYPES = [None, True, 7, -3.5, "text", [], {}, [1, 2], {"x": 1}]
_HUGE_NUMBERS = ["1" + "0" * 30, str(2**63), "-" + "9" * 40, "1e400", "-1e400", "9" * 5000]
_BAD_DATES = ["2024-13-45", "99999-01-01", "0001-01-01", "2024-02-30", "yesterday", "20240101",
              "2024-01-01T25:00:00", "", "1700-01-01"]  # fmt: skip
_REQUIRED_TEXT = ("reference", "practitioner", "supervisor", "prompt_id", "stage_id", "uid",
                  "description", "owner", "text", "rationale", "subject", "with", "title")  # fmt: skip
_NUMBERS = ("timescale_days", "stage", "days", "child_safety", "worker_safety", "action")


def _mutations(doc: dict, rng: random.Random, existing_uid: str) -> list[tuple[str, str, str]]:
    """(kind, field name the message must contain or "", file text) for one base document."""
    paths = _paths(doc)
    leaves = [p for p in paths if not isinstance(_get(doc, p), dict | list)]
    texts = [p for p in leaves if isinstance(_get(doc, p), str)]
    out: list[tuple[str, str, str]] = []

    def dumped(d: Any) -> str:
        return json.dumps(d, ensure_ascii=False)

    raw = dumped(doc)
    # truncated
    cut = rng.randrange(1, len(raw) - 1)
    out.append(("truncated", "", raw[:cut]))
    # wrong type anywhere the format defines a value
    p = rng.choice(paths)
    d = copy.deepcopy(doc)
    old = _get(d, p)
    choices = [v for v in _WRONG_TYPES if type(v) is not type(old)]
    _set(d, p, rng.choice(choices))
    out.append(("wrong type", "", dumped(d)))
    # huge number in a numeric field (or anywhere), written as JSON text
    numeric = [q for q in leaves if _field_name(q) in _NUMBERS] or leaves
    q = rng.choice(numeric)
    d = copy.deepcopy(doc)
    _set(d, q, "__HUGE__")
    out.append(("huge number", _field_name(q),
                dumped(d).replace('"__HUGE__"', rng.choice(_HUGE_NUMBERS))))  # fmt: skip
    # huge string
    q = rng.choice(texts)
    d = copy.deepcopy(doc)
    _set(d, q, "x" * rng.choice([5_000, 4_100_000]) if _field_name(q) not in ("text",) else "y" * 4_100_000)
    out.append(("huge string", _field_name(q), dumped(d)))
    # deep nesting, inside a field or as the whole file
    depth = rng.choice([40, 1_000, 100_000])
    q = rng.choice(paths)
    d = copy.deepcopy(doc)
    _set(d, q, "__DEEP__")
    out.append(("deep nesting", "",
                dumped(d).replace('"__DEEP__"', "[" * depth + "1" + "]" * depth)))  # fmt: skip
    # invalid Unicode: a lone surrogate written as a JSON escape; raw bytes that are not UTF-8
    q = rng.choice(texts)
    d = copy.deepcopy(doc)
    _set(d, q, "__SURROGATE__")
    out.append(("invalid unicode", _field_name(q),
                dumped(d).replace('"__SURROGATE__"', rng.choice(['"\\udcff"', '"a\\ud800b"', '"\\udfff end"']))))  # fmt: skip
    out.append(("invalid utf-8", "", raw[: len(raw) // 2] + "\udcff" + raw[len(raw) // 2 :]))
    # missing field
    q = rng.choice([p for p in paths if isinstance(p[-1], str)])
    d = copy.deepcopy(doc)
    del _get(d, q[:-1])[q[-1]]
    out.append(("missing field", "", dumped(d)))
    # extra field (ignored by design: accepted or refused, never half-applied)
    d = copy.deepcopy(doc)
    target = _get(d, rng.choice([p for p in paths if isinstance(_get(d, p), dict)] or [()]))
    target[f"unexpected_{rng.randrange(1000)}"] = rng.choice(_WRONG_TYPES)
    out.append(("extra field", "", dumped(d)))
    # wrong versions and formats
    d = copy.deepcopy(doc)
    d["format_version"] = rng.choice([99, 0, -1, "3", 3.5, True, None, 10**30])
    out.append(("wrong version", "format_version", dumped(d)))
    d = copy.deepcopy(doc)
    d["format"] = rng.choice(["supervision-app.sessions", "", 3, None])
    out.append(("wrong format", "format", dumped(d)))
    # bad dates
    dated = [p for p in leaves if _field_name(p) in ("date", "raised_on", "due_date", "created_at",
                                                        "updated_at", "date_of_birth", "closed_on")]  # fmt: skip
    if dated:
        q = rng.choice(dated)
        d = copy.deepcopy(doc)
        _set(d, q, rng.choice(_BAD_DATES))
        out.append(("bad date", _field_name(q), dumped(d)))
    # empty required text
    required = [p for p in texts if _field_name(p) in _REQUIRED_TEXT]
    if required:
        q = rng.choice(required)
        d = copy.deepcopy(doc)
        _set(d, q, rng.choice(["", "   "]))
        out.append(("empty text", "", dumped(d)))
    # out-of-range numbers and unknown choices
    nums = [p for p in leaves if _field_name(p) in _NUMBERS and isinstance(_get(doc, p), int)]
    if nums:
        q = rng.choice(nums)
        d = copy.deepcopy(doc)
        _set(d, q, rng.choice([-1, 0, 11, 99_999, 10**9]) if _field_name(q) != "action" else 999)
        out.append(("out of range", _field_name(q), dumped(d)))
    choices = [p for p in leaves if _field_name(p) in ("status", "kind", "outcome")]
    if choices:
        q = rng.choice(choices)
        d = copy.deepcopy(doc)
        _set(d, q, "maybe")
        out.append(("unknown choice", _field_name(q), dumped(d)))
    # duplicate ids: a session already in the database; a prompt answered twice
    d = copy.deepcopy(doc)
    session = d.get("session") or (d.get("sessions") or [None])[0]
    if isinstance(session, dict):
        session["uid"] = existing_uid
        out.append(("duplicate id", "", dumped(d)))
        if session.get("answers"):
            d = copy.deepcopy(doc)
            s2 = d.get("session") or d["sessions"][0]
            s2["answers"].append(dict(s2["answers"][0]))
            out.append(("duplicate id", "", dumped(d)))
    if isinstance(d.get("sessions"), list) and d["sessions"]:
        d = copy.deepcopy(doc)
        d["sessions"].append(copy.deepcopy(d["sessions"][0]))
        out.append(("duplicate id", "", dumped(d)))
    # the root is not an object
    out.append(("not an object", "", rng.choice(["[]", "null", "3", '"text"', "[{}]"])))
    return out


def fuzz_record_files(count: int, folder: Path, seed: int = 16) -> RecordFuzzReport:
    """Import ``count`` malformed record files into a database holding other records."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    source = _demo_database(folder / "source.sqlite3")
    case_id = source.cases.list_cases()[0].id
    session_id = source.sessions.list_sessions(case_id)[0].id
    export_session_json(source, session_id, folder / "session.json")
    export_case_json(source, case_id, folder / "case.json")
    source.database.close()
    bases = [json.loads((folder / n).read_text(encoding="utf-8")) for n in ("session.json", "case.json")]

    target_path = folder / "target.sqlite3"
    database = open_db(target_path)
    store = SupervisionStore(database)
    other = make_case(store, "OTHER-1")
    existing = make_full_session(store, other)
    existing_uid = store.sessions.get_session(existing).uid
    report = RecordFuzzReport()
    try:
        while report.attempts < count:
            for base in bases:
                for kind, name, text in _mutations(base, rng, existing_uid):
                    if report.attempts >= count:
                        break
                    report.attempts += 1
                    report.kinds[kind] += 1
                    path = folder / f"attempt-{report.attempts}.json"
                    path.write_bytes(text.encode("utf-8", "surrogatepass"))
                    _attempt(store, target_path, path, kind, name, report)
                    path.unlink()
    finally:
        database.close()
    return report


def _attempt(store, db_path: Path, path: Path, kind: str, name: str, report) -> None:
    before = content_digest(db_path)
    try:
        if is_case_file(path):
            case_id = import_case_file(store, path)
        else:
            case_id = import_session_file(store, path)[0]
    except RecordFileError as exc:
        report.refused += 1
        message = str(exc)
        if GENERIC.search(message) or str(path) not in message:
            report.generic.append(f"{kind}: {message[:200]}")
        elif name and name not in message and "JSON" not in message and "UTF-8" not in message:
            report.unnamed.append(f"{kind} ({name}): {message[:200]}")
        if content_digest(db_path) != before:
            report.changed_after_refusal.append(f"{kind}: {message[:200]}")
        return
    except Exception as exc:  # exactly what must never happen
        report.generic.append(f"{kind}: unexpected {type(exc).__name__}: {str(exc)[:120]}")
        if content_digest(db_path) != before:
            report.changed_after_refusal.append(f"{kind}: {type(exc).__name__}")
        return
    report.accepted += 1  # a harmless change (an extra field): take it out again
    store.cases.delete_case(case_id)


# -- tampering -----------------------------------------------------------------------------


@dataclass
class TamperReport:
    attempts: int = 0
    detected: int = 0
    missed: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)


def _signed_database(path: Path) -> None:
    """Two signed records (one with an addendum), one with one signature, one draft."""
    database = open_db(path)
    store = SupervisionStore(database)
    store.settings.set_current_user("Alex Practitioner", "Social worker")
    for n in range(4):
        case_id = make_case(store, f"T-{n}")
        session_id = make_full_session(store, case_id)
        if n < 3:
            store.signing.sign_session(session_id, SignOffInput(Party.PRACTITIONER, "Alex P", "Social worker"))
        if n < 2:
            store.signing.sign_session(session_id, SignOffInput(Party.SUPERVISOR, "Jo S", "Team manager"))
        if n == 0:
            store.signing.add_addendum(session_id, "Jo S", "Team manager", "Corrected the visit date.")
        store.audit.record_event(session_id, AuditEvent.EXPORTED, "PDF")
    database.close()


def _triggers() -> dict[str, str]:
    from supervision_app.storage.sqlite.triggers import AUDIT_TRIGGERS as TRIGGERS

    return TRIGGERS


def _unguarded(conn, change) -> None:
    """Drop the append-only triggers, change the trail, put them back (a careful intruder)."""
    TRIGGERS = _triggers()
    for name in TRIGGERS:
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    change()
    for statement in TRIGGERS.values():
        conn.execute(statement)


def _tampers(rng: random.Random) -> list[tuple[str, Any]]:
    """(kind, function(conn, signed session ids)) for every kind of tampering."""

    def pick(ids):
        return rng.choice(ids)

    def q(conn, sql, *args):
        return conn.execute(sql, args).fetchall()

    def edit_answer(c, ids):
        c.execute("UPDATE answers SET text = text || ? WHERE session_id = ?", (rng.choice([" ", "x", "!"]), pick(ids)))

    def delete_answer(c, ids):
        c.execute("DELETE FROM answers WHERE id = (SELECT min(id) FROM answers WHERE session_id = ?)", (pick(ids),))

    def insert_answer(c, ids):
        c.execute("INSERT INTO answers (session_id, prompt_id, stage_id, prompt_text, text, updated_at) "
                  "VALUES (?, 'forged.p', 'forged', 'Q', 'added later', '2026-11-02 10:00:00.000000')", (pick(ids),))

    def edit_decision(c, ids):
        column = rng.choice(["text", "rationale"])
        c.execute(f"UPDATE decisions SET {column} = {column} || '.' WHERE session_id = ?", (pick(ids),))

    def delete_decision(c, ids):
        c.execute("DELETE FROM decisions WHERE session_id = ?", (pick(ids),))

    def edit_action(c, ids):
        # (status and due date are not signed content: a later review changes them)
        column, value = rng.choice([("description", "'Done nothing'"), ("owner", "'Nobody'")])
        c.execute(f"UPDATE actions SET {column} = {value} WHERE session_id = ?", (pick(ids),))

    def delete_action(c, ids):
        c.execute("DELETE FROM actions WHERE id = (SELECT max(id) FROM actions WHERE session_id = ?)", (pick(ids),))

    def edit_session_date(c, ids):
        c.execute("UPDATE sessions SET date = '2020-01-01' WHERE id = ?", (pick(ids),))

    def edit_snapshot(c, ids):
        c.execute("UPDATE record_snapshots SET content = replace(content, 'Visit', 'Phone') WHERE session_id = ?", (pick(ids),))
        c.execute("UPDATE record_snapshots SET content = content || ' ' WHERE session_id = ?", (pick(ids),))

    def delete_snapshot(c, ids):
        c.execute("DELETE FROM record_snapshots WHERE session_id = ?", (pick(ids),))

    def delete_link(c, ids):
        c.execute("DELETE FROM record_chain_links WHERE id = (SELECT max(id) FROM record_chain_links WHERE session_id = ?)", (pick(ids),))

    def edit_link(c, ids):
        column, value = rng.choice([("name", "name || '1'"), ("role", "role || '1'"),
                                    ("comment", "comment || '1'"), ("text", "text || '1'"),
                                    ("at", "datetime(at, '+1 hour')"), ("party", "'supervisor'")])  # fmt: skip
        c.execute(f"UPDATE record_chain_links SET {column} = {value} WHERE session_id = ?", (pick(ids),))

    def delete_seal(c, ids):
        c.execute("DELETE FROM record_chain_seals WHERE session_id = ?", (pick(ids),))

    def edit_seal(c, ids):
        column, value = rng.choice([("links", "links - 1"), ("head_hash", "(CASE WHEN substr(head_hash, 1, 1) = '0' THEN '1' ELSE '0' END) || substr(head_hash, 2)")])
        c.execute(f"UPDATE record_chain_seals SET {column} = {value} WHERE session_id = ?", (pick(ids),))

    def unsign(c, ids):
        """Every trace of the signature: links, seal, snapshot and the "signed" audit entries."""
        sid = pick(ids)
        for table in ("record_chain_links", "record_chain_seals", "record_snapshots"):
            c.execute(f"DELETE FROM {table} WHERE session_id = ?", (sid,))
        _unguarded(c, lambda: c.execute(
            "DELETE FROM audit_events WHERE session_id = ? AND event IN ('signed', 'addendum')", (sid,)))

    def unsign_keep_audit(c, ids):
        sid = pick(ids)
        for table in ("record_chain_links", "record_chain_seals", "record_snapshots"):
            c.execute(f"DELETE FROM {table} WHERE session_id = ?", (sid,))

    def delete_signed_session(c, ids):
        sid = pick(ids)
        for table in ("answers", "decisions", "actions", "record_chain_links", "record_chain_seals",
                      "record_snapshots", "structured_answers", "session_ratings"):  # fmt: skip
            c.execute(f"DELETE FROM {table} WHERE session_id = ?", (sid,))
        c.execute("DELETE FROM sessions WHERE id = ?", (sid,))

    def edit_audit(c, _ids):
        rows = q(c, "SELECT id FROM audit_events WHERE row_hash IS NOT NULL")
        column, value = rng.choice([("user_name", "'Someone else'"), ("event", "'printed'"),
                                    ("detail", "detail || '.'"), ("at", "'2020-01-01 00:00:00.000000'"),
                                    ("session_id", "session_id + 1"), ("user_role", "'Manager'")])  # fmt: skip
        rid = rng.choice(rows)[0]
        _unguarded(c, lambda: c.execute(f"UPDATE audit_events SET {column} = {value} WHERE id = ?", (rid,)))

    def delete_audit_middle(c, _ids):
        rows = q(c, "SELECT id FROM audit_events WHERE row_hash IS NOT NULL ORDER BY id")
        rid = rng.choice(rows[:-1])[0]
        _unguarded(c, lambda: c.execute("DELETE FROM audit_events WHERE id = ?", (rid,)))

    def delete_audit_tail(c, _ids):
        n = rng.randint(1, 3)
        _unguarded(c, lambda: c.execute(
            "DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events ORDER BY id DESC LIMIT ?)", (n,)))

    def delete_signed_audit(c, ids):
        sid = pick(ids)
        _unguarded(c, lambda: c.execute(
            "DELETE FROM audit_events WHERE session_id = ? AND event = 'signed'", (sid,)))

    def insert_audit(c, ids):
        _unguarded(c, lambda: c.execute(
            "INSERT INTO audit_events (session_id, case_reference, at, last_at, user_name, user_role, "
            "event, detail, prev_hash, row_hash) SELECT ?, 'T-0', at, last_at, 'Forger', '', 'printed', "
            "'', row_hash, row_hash FROM audit_events ORDER BY id DESC LIMIT 1", (pick(ids),)))

    def rehash_audit(c, _ids):
        """Edit an entry and store a hash that is not the chain's (the real one needs the chain)."""
        rid = rng.choice(q(c, "SELECT id FROM audit_events WHERE row_hash IS NOT NULL"))[0]
        _unguarded(c, lambda: c.execute(
            "UPDATE audit_events SET user_name = 'X', row_hash = lower(hex(randomblob(32))) WHERE id = ?", (rid,)))

    def drop_triggers(c, _ids):
        TRIGGERS = _triggers()
        for name in rng.sample(sorted(TRIGGERS), rng.randint(1, len(TRIGGERS))):
            c.execute(f'DROP TRIGGER "{name}"')

    def edit_head(c, _ids):
        c.execute("UPDATE app_meta SET value = '1:' || substr(value, 3) WHERE key = 'audit_head'")

    return [(f.__name__.replace("_", " "), f) for f in (
        edit_answer, delete_answer, insert_answer, edit_decision, delete_decision, edit_action,
        delete_action, edit_session_date, edit_snapshot, delete_snapshot, delete_link, edit_link,
        delete_seal, edit_seal, unsign, unsign_keep_audit, delete_signed_session, edit_audit,
        delete_audit_middle, delete_audit_tail, delete_signed_audit, insert_audit, rehash_audit,
        drop_triggers, edit_head)]  # fmt: skip


def fuzz_tampering(count: int, folder: Path, seed: int = 16) -> TamperReport:
    """``count`` tamper attempts on copies of a database with signed records."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    pristine = folder / "pristine.sqlite3"
    _signed_database(pristine)
    conn = raw_connection(pristine)
    signed = [r[0] for r in conn.execute("SELECT DISTINCT session_id FROM record_chain_seals")]
    conn.close()
    work = folder / "work.sqlite3"
    report = TamperReport()
    kinds = _tampers(rng)
    while report.attempts < count:
        kind, tamper = kinds[report.attempts % len(kinds)]
        report.attempts += 1
        report.kinds[kind] += 1
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(pristine, work)
        shutil.copyfile(key_file_path(pristine), key_file_path(work))
        conn = raw_connection(work)
        try:
            tamper(conn, signed)
            conn.commit()
        finally:
            conn.close()
        try:
            database = open_db(work)
        except DatabaseOpenError:
            report.detected += 1
            continue
        try:
            results = SupervisionStore(database).signing.verify_all()
        finally:
            database.close()
        if any(not r.ok for r in results):
            report.detected += 1
        else:
            report.missed.append(kind)
    return report


__all__ = ["content_digest", "fuzz_record_files", "fuzz_tampering"]
