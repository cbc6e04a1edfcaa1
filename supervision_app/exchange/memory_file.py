"""The ``case_memory`` part of a record file (format version 2, structured hypotheses in 3).

A session file carries what belongs to that session: its two ratings, the
chronology events recorded in it, the hypotheses and escalations raised in it
(with all their later notes and stages), and the history of its own actions.
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from supervision_app.domain.memory import (
    RECORDABLE_KINDS,
    ActionReview,
    CaseHistory,
    ChronologyEvent,
    Escalation,
    EscalationStep,
    EventKind,
    Hypothesis,
    HypothesisNote,
    HypothesisStatus,
    ReferralOutcome,
    ReviewOutcome,
)
from supervision_app.exchange.reader import FieldReader, RecordFileError

E = TypeVar("E", bound=enum.Enum)

#: Bounds of the numbers in ``case_memory`` (a policy clock of ten years; a route of 100 stages).
MAX_DAYS = 3650
MAX_STAGE = 100
MAX_INDEX = 100_000


@dataclass(slots=True)
class SessionMemory:
    child_safety: int | None = None
    worker_safety: int | None = None
    events: list[ChronologyEvent] = field(default_factory=list)
    hypotheses: list[Hypothesis] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    #: reviews of the session's own actions, by the action's index in the session (0-based)
    action_reviews: dict[int, list[ActionReview]] = field(default_factory=dict)


def session_memory(history: CaseHistory, session_id: int) -> SessionMemory:
    rating = next((r for r in history.ratings if r.session_id == session_id), None)
    own = [a for a in history.actions if a.session_id == session_id]
    return SessionMemory(
        child_safety=rating.child_safety if rating else None,
        worker_safety=rating.worker_safety if rating else None,
        events=[e for e in history.events if e.session_id == session_id],
        hypotheses=[h for h in history.hypotheses if h.session_id == session_id],
        escalations=[e for e in history.escalations if e.session_id == session_id],
        action_reviews={i: list(a.reviews) for i, a in enumerate(own) if a.reviews},
    )


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def memory_to_dict(memory: SessionMemory) -> dict[str, Any]:
    return {
        "ratings": {"child_safety": memory.child_safety, "worker_safety": memory.worker_safety},
        "chronology": [
            {"date": _d(e.on), "kind": e.kind.value, "title": e.title, "detail": e.detail,
             "outcome": e.outcome.value}
            for e in memory.events
        ],
        "hypotheses": [
            {"text": h.text, "basis": h.basis, "test_plan": h.test_plan,
             "status": h.status.value, "raised_on": _d(h.raised_on), "evaluation": h.evaluation,
             "notes": [{"date": _d(n.on), "status": n.status.value, "text": n.text,
                        "result": n.result} for n in h.notes]}
            for h in memory.hypotheses
        ],
        "escalations": [
            {"subject": e.subject, "raised_on": _d(e.raised_on), "timescale_days": e.timescale_days,
             "outcome": e.outcome, "closed_on": _d(e.closed_on),
             "stages": [{"stage": s.stage, "name": s.name, "with": s.with_whom, "date": _d(s.on),
                         "days": s.days, "note": s.note}
                        for s in e.steps]}
            for e in memory.escalations
        ],
        "action_history": [
            {"action": index, "reviews": [
                {"date": _d(r.session_date), "outcome": r.outcome.value, "reason": r.reason}
                for r in reviews]}
            for index, reviews in sorted(memory.action_reviews.items())
        ],
    }  # fmt: skip


def memory_from_dict(
    data: Any, r: FieldReader, action_count: int, format_version: int = 3
) -> SessionMemory:
    """Read ``case_memory`` with the record file's reader (errors name the field).

    Format version 3 added the structured hypothesis (``basis``, ``test_plan``,
    ``evaluation``, and each note's ``result``): required from version 3, empty before it.
    """
    where = "case_memory"
    root = r.table(data, where)
    ratings = r.table(root.get("ratings", {}), f"{where}.ratings")
    memory = SessionMemory(
        child_safety=rating_value(ratings.get("child_safety"), f"{where}.ratings.child_safety"),
        worker_safety=rating_value(ratings.get("worker_safety"), f"{where}.ratings.worker_safety"),
    )

    def choice(
        enum: type[E], value: str, here: str, allowed: Collection[E] | None = None
    ) -> E:
        try:
            member = enum(value)
        except ValueError:
            member = None
        if member is None or (allowed is not None and member not in allowed):
            raise RecordFileError(f"{here} '{value[:40]}' is not a known value.")
        return member

    for i, e in enumerate(r.tables(root, "chronology", where)):
        here = f"{where}.chronology[{i}]"
        memory.events.append(ChronologyEvent(
            0, r.date(e, "date", here),
            choice(EventKind, r.text(e, "kind", here), f"{here}.kind", RECORDABLE_KINDS),
            r.text(e, "title", here), r.text(e, "detail", here, allow_empty=True, default=""),
            choice(ReferralOutcome, r.text(e, "outcome", here, allow_empty=True, default=""),
                   f"{here}.outcome")))  # fmt: skip
    structured = format_version >= 3
    default = None if structured else ""  # a missing key is an error only from version 3

    def extra(table: dict[str, Any], key: str, here: str) -> str:
        return r.text(table, key, here, allow_empty=True, default=default)

    for i, h in enumerate(r.tables(root, "hypotheses", where)):
        here = f"{where}.hypotheses[{i}]"
        notes = [
            HypothesisNote(r.date(n, "date", f"{here}.notes[{j}]"),
                           choice(HypothesisStatus, r.text(n, "status", f"{here}.notes[{j}]"), f"{here}.notes[{j}].status"),
                           r.text(n, "text", f"{here}.notes[{j}]", allow_empty=True),
                           None, extra(n, "result", f"{here}.notes[{j}]"))
            for j, n in enumerate(r.tables(h, "notes", here))
        ]  # fmt: skip
        memory.hypotheses.append(Hypothesis(
            0, r.text(h, "text", here), choice(HypothesisStatus, r.text(h, "status", here), f"{here}.status"),
            r.date(h, "raised_on", here), None, notes, extra(h, "basis", here),
            extra(h, "test_plan", here), extra(h, "evaluation", here)))  # fmt: skip
    for i, e in enumerate(r.tables(root, "escalations", where)):
        here = f"{where}.escalations[{i}]"
        days = r.whole(e.get("timescale_days"), f"{here}.timescale_days", 1, MAX_DAYS)
        steps = [
            EscalationStep(r.whole(s.get("stage"), f"{here}.stages[{j}].stage", 1, MAX_STAGE),
                           r.text(s, "with", f"{here}.stages[{j}]"), r.date(s, "date", f"{here}.stages[{j}]"),
                           r.text(s, "note", f"{here}.stages[{j}]", allow_empty=True, default=""),
                           None, extra(s, "name", f"{here}.stages[{j}]"),
                           _stage_days(s, f"{here}.stages[{j}]", structured))
            for j, s in enumerate(r.tables(e, "stages", here))
        ]  # fmt: skip
        if not steps:
            raise RecordFileError(f"{here}.stages must list at least the first stage.")
        memory.escalations.append(Escalation(
            0, r.text(e, "subject", here), r.date(e, "raised_on", here), days, None, steps,
            r.text(e, "outcome", here, allow_empty=True, default=""),
            r.date(e, "closed_on", here, optional=True)))  # fmt: skip
    for i, a in enumerate(r.tables(root, "action_history", where)):
        here = f"{where}.action_history[{i}]"
        index = whole_index(a.get("action"), f"{here}.action")
        if index >= action_count:
            raise RecordFileError(f"{here}.action {index} is not one of the session's actions.")
        memory.action_reviews[index] = [
            ActionReview(r.date(v, "date", f"{here}.reviews[{j}]"),
                         choice(ReviewOutcome, r.text(v, "outcome", f"{here}.reviews[{j}]"), f"{here}.reviews[{j}].outcome"),
                         r.text(v, "reason", f"{here}.reviews[{j}]", allow_empty=True, default=""))
            for j, v in enumerate(r.tables(a, "reviews", here))
        ]  # fmt: skip
    return memory


def _stage_days(stage: dict[str, Any], where: str, required: bool) -> int | None:
    """A stage's timescale (format version 3): whole days, or null when none was recorded."""
    if "days" not in stage:
        if required:
            raise RecordFileError(f"{where}.days is missing (a number of days, or null).")
        return None
    value = stage["days"]
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_DAYS:
        raise RecordFileError(
            f"{where}.days must be a whole number of days from 1 to {MAX_DAYS}, or null."
        )
    return value


def whole_index(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_INDEX:
        raise RecordFileError(f"{where} must be a whole number from 0 to {MAX_INDEX}.")
    return value


def rating_value(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10:
        raise RecordFileError(f"{where} must be a whole number from 0 to 10, or null.")
    return value
