"""Gather everything a record needs from the store into one :class:`SessionRecord`.

Used by the UI and the CLI; the renderers then receive only the plain record.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING

from supervision_app.content import Content
from supervision_app.domain import format_date
from supervision_app.domain.escalation import escalation_clock
from supervision_app.domain.memory import CaseHistory, HypothesisStatus
from supervision_app.record.build import build_record
from supervision_app.record.model import (
    RecordEscalation,
    RecordHypothesis,
    RecordPreviousAction,
    SessionRecord,
)

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore


def load_record(
    store: SupervisionStore, session_id: int, content: Content, *, include_audit: bool = False
) -> SessionRecord:
    """The record of session ``session_id``; raises NotFoundError if it no longer exists."""
    detail = store.get_session(session_id)
    history = store.memory.case_history(detail.case.id)
    record = build_record(
        detail,
        content,
        store.protective_marking(),
        integrity=store.integrity(session_id),
        audit=store.audit_trail(session_id) if include_audit else (),
        previous_actions=_previous_actions(history, session_id),
        escalations=_escalations(history, session_id, detail.date),
    )
    return dataclasses.replace(record, hypotheses=_hypotheses(history, session_id, detail.date))


def _previous_actions(history: CaseHistory, session_id: int) -> list[RecordPreviousAction]:
    """Actions agreed in earlier sessions and reviewed in this one."""
    found = []
    for tracked in history.actions:
        if tracked.session_id == session_id:
            continue
        for review in tracked.reviews:
            if review.session_id == session_id:
                action = tracked.action
                note = review.outcome.label + (f": {review.reason}" if review.reason else "")
                found.append(
                    RecordPreviousAction(
                        action.description,
                        action.owner,
                        format_date(action.due_date),
                        action.status.label,
                        note,
                    )
                )
    return found


def _escalations(history: CaseHistory, session_id: int, on: date) -> list[RecordEscalation]:
    """Escalations raised in this session or open on its date."""
    found = []
    for e in history.escalations:
        open_then = e.raised_on <= on and (e.closed_on is None or e.closed_on >= on)
        if e.session_id != session_id and not open_then:
            continue
        step = e.current
        status = f"Closed {format_date(e.closed_on)}" if e.closed_on else "Open"
        if e.is_open and step is not None and step.days is not None:  # on the session's date
            status += f" ({escalation_clock(e, on).summary})"
        found.append(
            RecordEscalation(
                format_date(e.raised_on),
                e.subject,
                step.with_whom if step else "",
                (f"Stage {step.stage}" + (f": {step.name}" if step.name else "")) if step else "",
                status,
                e.outcome,
            )
        )
    return found


def _hypotheses(history: CaseHistory, session_id: int, on: date) -> list[RecordHypothesis]:
    """The hypotheses as they stood at this session: those still current then, and any raised
    or reviewed in it, with their reviews up to the session's date (later ones are not shown)."""
    found = []
    for h in history.hypotheses:
        if h.raised_on > on and h.session_id != session_id:
            continue
        notes = [n for n in h.notes if n.on <= on or n.session_id == session_id]
        status = notes[-1].status if notes else (h.status if not h.notes else HypothesisStatus.OPEN)
        touched = h.session_id == session_id or any(n.session_id == session_id for n in notes)
        if not status.is_current and not touched:
            continue
        found.append(
            RecordHypothesis(
                text=h.text,
                status=status.label,
                raised_text=format_date(h.raised_on),
                basis=h.basis,
                test_plan=h.test_plan,
                reviews=tuple(
                    f"{format_date(n.on)} — {n.status.label}"
                    + (f". {n.summary}" if n.summary else "")
                    for n in notes
                ),
                evaluation=h.evaluation if notes == h.notes else "",
            )
        )
    return found
