"""The integrity snapshot: everything a signed record shows, frozen when it is first signed.

A record shows more than its answers: the case details (reference, people,
agencies, children) and the case-memory sections (previous actions reviewed,
hypotheses, escalations, the session's ratings).  Those may legitimately change
after sign-off (Edit case renames the reference; a later session marks an action
done), so at the first sign-off :func:`record_snapshot` copies them, with the
answers, into one JSON-safe dict.  The chain then covers that dict, the record is
printed from it, and what has changed in the live data since is listed
separately (:func:`snapshot_changes`), never mixed into the record.

Records signed before snapshots existed keep the version 1 canonical content;
for those only the case reference at the time of the upgrade is kept
(:data:`LEGACY`), so a later rename does not break them either.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from supervision_app.domain import CaseDetail, SessionDetail
from supervision_app.domain.as_of import (
    actions_reviewed,
    escalations_at,
    hypotheses_at,
    rating_of,
)
from supervision_app.domain.memory import CaseHistory
from supervision_app.storage.chain import canonical_content

#: ``kind`` of a full snapshot taken at the first sign-off.
SIGNED = "signed"
#: ``kind`` of the reference-only row kept for records signed before snapshots.
LEGACY = "legacy"
SNAPSHOT_FORMAT = 2
#: The parts of the snapshot that are frozen in the live data once anyone signs.
FROZEN_KEYS = (
    "session_uid",
    "session_date",
    "attendees",
    "answers",
    "structured",
    "decisions",
    "actions",
    # the focused session (absent from records signed before it: None on both sides)
    "agenda",
    "opening",
    "closing",
)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def case_fields(case: CaseDetail) -> dict[str, Any]:
    """The case's details as JSON-safe data (also the record file's "case", see exchange)."""
    return {
        "reference": case.reference,
        "practitioner": case.practitioner,
        "supervisor": case.supervisor,
        "agencies": list(case.agencies),
        "children": [
            {
                "name": c.name,
                "date_of_birth": _iso(c.date_of_birth),
                "age": c.age,
                "unborn": bool(c.unborn),
            }
            for c in case.children
        ],
    }


def record_snapshot(detail: SessionDetail, history: CaseHistory | None) -> dict[str, Any]:
    """The JSON-safe snapshot of what the record of ``detail`` shows."""
    snapshot = canonical_content(detail)
    snapshot["snapshot_format"] = SNAPSHOT_FORMAT
    snapshot["case"] = case_fields(detail.case)
    snapshot["action_details"] = [
        {"due_date": _iso(a.due_date), "status": a.status.value} for a in detail.actions
    ]
    snapshot.update(memory_sections(detail, history))
    return normalise(snapshot)


def memory_sections(detail: SessionDetail, history: CaseHistory | None) -> dict[str, Any]:
    """The case-memory part of the snapshot (previous actions reviewed, escalations,
    hypotheses, rating), chosen by the rules of :mod:`supervision_app.domain.as_of`."""
    if history is None:
        return {"previous_actions": [], "escalations": [], "hypotheses": [], "rating": None}
    sid, on = detail.id, detail.date
    previous = [
        {
            "description": tracked.action.description,
            "owner": tracked.action.owner,
            "due_date": _iso(tracked.action.due_date),
            "status": tracked.action.status.value,
            "outcome": review.outcome.value,
            "reason": review.reason,
        }
        for tracked, review in actions_reviewed(history, sid)
    ]
    escalations = []
    for stood in escalations_at(history, sid, on):
        e, step = stood.escalation, stood.escalation.current
        escalations.append(
            {
                "raised_on": _iso(e.raised_on),
                "subject": e.subject,
                "with_whom": step.with_whom if step else "",
                "stage": step.stage if step else None,
                "stage_name": step.name if step else "",
                "clock": stood.clock,
                "closed_on": _iso(e.closed_on),
                "outcome": e.outcome,
            }
        )
    hypotheses = [
        {
            "text": h.hypothesis.text,
            "status": h.status.value,
            "raised_on": _iso(h.hypothesis.raised_on),
            "basis": h.hypothesis.basis,
            "test_plan": h.hypothesis.test_plan,
            "reviews": [
                {"on": _iso(n.on), "status": n.status.value, "summary": n.summary} for n in h.notes
            ],
            "evaluation": h.evaluation,
        }
        for h in hypotheses_at(history, sid, on)
    ]
    rating = rating_of(history, sid)
    return {
        "previous_actions": previous,
        "escalations": escalations,
        "hypotheses": hypotheses,
        "rating": {"child_safety": rating.child_safety, "worker_safety": rating.worker_safety}
        if rating
        else None,
    }


def normalise(value: dict[str, Any]) -> dict[str, Any]:
    """``value`` as it reads back from its stored JSON (tuples become lists, and so on)."""
    parsed: dict[str, Any] = json.loads(dumps(value))
    return parsed


def dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False)


def frozen_mismatch(snapshot: dict[str, Any], live: dict[str, Any]) -> list[str]:
    """The frozen parts (answers, decisions, actions...) where the live data left the snapshot."""
    live = normalise(live)
    return [key for key in FROZEN_KEYS if snapshot.get(key) != live.get(key)]
