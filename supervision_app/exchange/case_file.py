"""The whole-case record file: a case, all its sessions and everything its memory holds.

Format ``supervision-app.case``, version 4 (documented in ``docs/record-format.md``).  Export
followed by import into another database reproduces the case exactly, including which session
each hypothesis review, escalation stage and action review was recorded in, and what was
recorded on the case overview outside any session.  The whole file is checked before anything
is written; an import that still fails part way is undone.

The format only; exporting from and importing into the store is
:mod:`supervision_app.services.record_files`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from supervision_app import __version__
from supervision_app.domain import CaseDetail, SessionDetail
from supervision_app.domain.memory import (
    ActionReview,
    CaseHistory,
    ChronologyEvent,
    Escalation,
    Hypothesis,
    ReviewOutcome,
)
from supervision_app.exchange.memory_file import (
    SessionMemory,
    memory_from_dict,
    memory_to_dict,
    rating_value,
    whole_index,
)
from supervision_app.exchange.reader import FieldReader, RecordFileError
from supervision_app.exchange.session_file import (
    FORMAT_NAME,
    case_from_dict,
    case_record,
    check_format,
    load_json_file,
    session_from_dict,
    session_to_dict,
)

CASE_FORMAT_NAME = "supervision-app.case"
#: Whole-case files began with record format version 3; version 4 adds each session's agenda,
#: Today and summary (as the record file's version 4 does). Version 3 files still import.
CASE_FORMAT_VERSION = 4


@dataclass(slots=True)
class CaseMemoryFile:
    """The memory of a whole-case file.  Every ``session_id`` in it (of an item, a note, a
    stage or a review) is the position of a session in the file's ``sessions``, or None."""

    events: list[ChronologyEvent] = field(default_factory=list)
    hypotheses: list[Hypothesis] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    ratings: dict[int, tuple[int | None, int | None]] = field(default_factory=dict)
    #: (session position, the action's index in that session) -> its reviews
    action_reviews: dict[tuple[int, int], list[ActionReview]] = field(default_factory=dict)


# -- export ------------------------------------------------------------------


def case_to_dict(
    case: CaseDetail, details: list[SessionDetail], history: CaseHistory
) -> dict[str, Any]:
    """The whole-case file of ``case``: ``details`` are its sessions, in ``history``'s order."""
    uid = {d.id: d.uid for d in details}

    def ref(session_id: int | None) -> str | None:
        return uid.get(session_id) if session_id is not None else None

    body = memory_to_dict(SessionMemory(events=history.events, hypotheses=history.hypotheses,
                                        escalations=history.escalations))  # fmt: skip
    for item, event in zip(body["chronology"], history.events, strict=True):
        item["session"] = ref(event.session_id)
    for item, hyp in zip(body["hypotheses"], history.hypotheses, strict=True):
        item["session"] = ref(hyp.session_id)
        for note, n in zip(item["notes"], hyp.notes, strict=True):
            note["session"] = ref(n.session_id)
    for item, esc in zip(body["escalations"], history.escalations, strict=True):
        item["session"] = ref(esc.session_id)
        for stage, st in zip(item["stages"], esc.steps, strict=True):
            stage["session"] = ref(st.session_id)
    action_history = []
    position: dict[int, int] = {}
    for tracked in history.actions:
        index = position.get(tracked.session_id, 0)
        position[tracked.session_id] = index + 1
        if tracked.reviews:
            action_history.append({
                "session": ref(tracked.session_id),
                "action": index,
                "reviews": [{"date": r.session_date.isoformat() if r.session_date else None,
                             "outcome": r.outcome.value, "reason": r.reason,
                             "session": ref(r.session_id)} for r in tracked.reviews],
            })  # fmt: skip
    sessions = [session_to_dict(d) for d in details]
    return {
        "format": CASE_FORMAT_NAME,
        "format_version": CASE_FORMAT_VERSION,
        "exported_at": datetime.now().replace(microsecond=0).isoformat(),
        "app_version": __version__,
        "case": case_record(case),
        "sessions": [s["session"] for s in sessions],
        "case_memory": {
            "ratings": [
                {
                    "session": ref(r.session_id),
                    "child_safety": r.child_safety,
                    "worker_safety": r.worker_safety,
                }
                for r in history.ratings
            ],
            "chronology": body["chronology"],
            "hypotheses": body["hypotheses"],
            "escalations": body["escalations"],
            "action_history": action_history,
        },
    }


# -- import ------------------------------------------------------------------


def case_from_file_dict(data: Any) -> tuple[CaseDetail, list[SessionDetail], CaseMemoryFile]:
    """Check a whole-case file completely: ``(case, sessions, memory)``."""
    r = FieldReader()
    root = r.table(data, "the file")
    version = check_format(root, CASE_FORMAT_NAME, 3, CASE_FORMAT_VERSION, "whole-case record")
    case = case_from_dict(root.get("case"))
    sessions: list[SessionDetail] = []
    for i, s in enumerate(r.tables(root, "sessions", "the file")):
        wrapped = {"format": FORMAT_NAME, "format_version": version, "case": root["case"],
                   "session": s}  # fmt: skip
        try:
            sessions.append(session_from_dict(wrapped))
        except RecordFileError as exc:
            raise RecordFileError(f"sessions[{i}]: {exc}") from None
    uids = [s.uid for s in sessions]
    if len(set(uids)) != len(uids):
        raise RecordFileError("the same session appears twice in 'sessions'.")
    return case, sessions, _memory(root.get("case_memory"), r, version, sessions)


def _memory(
    data: Any, r: FieldReader, version: int, sessions: list[SessionDetail]
) -> CaseMemoryFile:
    where = "case_memory"
    root = r.table(data, where)
    at = {s.uid: i for i, s in enumerate(sessions)}

    def ref(table: dict[str, Any], here: str) -> int | None:
        value = table.get("session")
        if value is None:
            return None
        if not isinstance(value, str) or value not in at:
            raise RecordFileError(f"{here}.session is not one of the file's sessions.")
        return at[value]

    # The items themselves are read as in a session file (errors name the same fields).
    items: dict[str, Any] = {
        key: root.get(key) for key in ("chronology", "hypotheses", "escalations")
    }
    base = memory_from_dict({"ratings": {}, "action_history": [], **items}, r, 0, version)
    memory = CaseMemoryFile()
    for i, (event, raw) in enumerate(zip(base.events, items["chronology"], strict=True)):
        memory.events.append(
            dataclasses.replace(event, session_id=ref(raw, f"{where}.chronology[{i}]"))
        )
    for i, (h, raw) in enumerate(zip(base.hypotheses, items["hypotheses"], strict=True)):
        here = f"{where}.hypotheses[{i}]"
        notes = [dataclasses.replace(n, session_id=ref(rn, f"{here}.notes[{j}]"))
                 for j, (n, rn) in enumerate(zip(h.notes, raw["notes"], strict=True))]  # fmt: skip
        memory.hypotheses.append(dataclasses.replace(h, session_id=ref(raw, here), notes=notes))
    for i, (e, raw) in enumerate(zip(base.escalations, items["escalations"], strict=True)):
        here = f"{where}.escalations[{i}]"
        steps = [dataclasses.replace(st, session_id=ref(rs, f"{here}.stages[{j}]"))
                 for j, (st, rs) in enumerate(zip(e.steps, raw["stages"], strict=True))]  # fmt: skip
        memory.escalations.append(dataclasses.replace(e, session_id=ref(raw, here), steps=steps))
    for i, rating in enumerate(r.tables(root, "ratings", where)):
        here = f"{where}.ratings[{i}]"
        position = ref(rating, here)
        if position is None or position in memory.ratings:
            raise RecordFileError(f"{here}.session must name a session rated only once.")
        memory.ratings[position] = (
            rating_value(rating.get("child_safety"), f"{here}.child_safety"),
            rating_value(rating.get("worker_safety"), f"{here}.worker_safety"),
        )
    for i, entry in enumerate(r.tables(root, "action_history", where)):
        here = f"{where}.action_history[{i}]"
        position = ref(entry, here)
        index = whole_index(entry.get("action"), f"{here}.action")
        if position is None or index >= len(sessions[position].actions):
            raise RecordFileError(f"{here} does not name an action of one of the sessions.")
        reviews = []
        for j, v in enumerate(r.tables(entry, "reviews", here)):
            there = f"{here}.reviews[{j}]"
            try:
                outcome = ReviewOutcome(r.text(v, "outcome", there))
            except ValueError:
                raise RecordFileError(f"{there}.outcome is not a known value.") from None
            reviews.append(ActionReview(
                r.date(v, "date", there), outcome,
                r.text(v, "reason", there, allow_empty=True, default=""), ref(v, there)))  # fmt: skip
        memory.action_reviews[(position, index)] = reviews
    return memory


def is_case_file(path: Path) -> bool:
    """True if ``path`` holds a whole-case file (rather than one session's record file)."""
    data = load_json_file(Path(path))
    return isinstance(data, dict) and data.get("format") == CASE_FORMAT_NAME


def read_case_file(path: Path) -> tuple[CaseDetail, list[SessionDetail], CaseMemoryFile]:
    path = Path(path)
    data = load_json_file(path)
    try:
        return case_from_file_dict(data)
    except RecordFileError as exc:
        raise RecordFileError(f"{path}: {exc}") from None
