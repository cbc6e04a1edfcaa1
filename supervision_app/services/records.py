"""Gather everything a record needs from the store into one :class:`SessionRecord`.

Used by the window and the command line (through :mod:`.export`); the renderers then
receive only the plain record.  The session is read once.  A signed record is printed from
its snapshot; a draft from the live data, its case-memory sections chosen by the rules of
:mod:`supervision_app.domain.as_of` (no snapshot is built, and nothing is serialised).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from supervision_app.content import Content
from supervision_app.domain import SessionDetail, format_date
from supervision_app.record.build import build_record
from supervision_app.record.changes import (
    as_signed,
    hypothesis_label,
    outcome_label,
    parse_date,
    snapshot_changes,
    status_label,
)
from supervision_app.record.model import (
    RecordEscalation,
    RecordHypothesis,
    RecordPreviousAction,
    RecordRating,
    SessionRecord,
)
from supervision_app.storage.snapshot import memory_sections, record_snapshot

if TYPE_CHECKING:
    from supervision_app.storage.interface import Storage


def load_record(
    store: Storage, session_id: int, content: Content, *, include_audit: bool = False
) -> SessionRecord:
    """The record of session ``session_id``; raises NotFoundError if it no longer exists.

    A signed record is built from the snapshot taken at its first sign-off, with what
    has changed in the case since listed separately; a draft from the live data.
    """
    return read_record(store, session_id, content, include_audit=include_audit)[1]


def read_record(
    store: Storage, session_id: int, content: Content, *, include_audit: bool = False
) -> tuple[SessionDetail, SessionRecord]:
    """The live session (as the store holds it now) and its record, read once."""
    detail = store.sessions.get_session(session_id)
    history = store.memory.case_history(detail.case.id)
    signed = store.signing.signed_snapshot(session_id)
    live = record_snapshot(detail, history) if signed else None
    shown = signed or memory_sections(detail, history)
    record = build_record(
        as_signed(detail, signed) if signed else detail,
        content,
        store.settings.protective_marking(),
        integrity=store.signing.integrity(session_id),
        audit=store.audit.audit_trail(session_id) if include_audit else (),
        previous_actions=_previous_actions(shown),
        escalations=_escalations(shown),
        hypotheses=_hypotheses(shown, detail.date.isoformat()),
        rating=_rating(shown),
        changes=snapshot_changes(signed, live) if signed and live else (),
    )
    return detail, record


def _previous_actions(snapshot: dict[str, Any]) -> list[RecordPreviousAction]:
    """Actions agreed in earlier sessions and reviewed in this one."""
    return [
        RecordPreviousAction(
            a.get("description", ""),
            a.get("owner", ""),
            format_date(parse_date(a.get("due_date"))),
            status_label(a.get("status")),
            outcome_label(a.get("outcome")) + (f": {a['reason']}" if a.get("reason") else ""),
        )
        for a in snapshot.get("previous_actions") or []
    ]


def _escalations(snapshot: dict[str, Any]) -> list[RecordEscalation]:
    """Escalations raised in this session or open on its date."""
    found = []
    for e in snapshot.get("escalations") or []:
        closed = parse_date(e.get("closed_on"))
        stage = e.get("stage")
        level = ""
        if stage is not None:
            level = f"Stage {stage}" + (f": {e['stage_name']}" if e.get("stage_name") else "")
        status = f"Closed {format_date(closed)}" if closed else "Open"
        if not closed and e.get("clock"):
            status += f" ({e['clock']})"
        found.append(
            RecordEscalation(
                format_date(parse_date(e.get("raised_on"))),
                e.get("subject", ""),
                e.get("with_whom", ""),
                level,
                status,
                e.get("outcome", ""),
            )
        )
    return found


def _hypotheses(snapshot: dict[str, Any], on: str = "") -> list[RecordHypothesis]:
    """The hypotheses as they stood at this session, with their reviews up to it.

    One raised or reviewed on the session's date (``on``, ISO) is marked as discussed.
    """
    found = []
    for h in snapshot.get("hypotheses") or []:
        dates = {h.get("raised_on"), *(r.get("on") for r in h.get("reviews") or [])}
        reviews = []
        for r in h.get("reviews") or []:
            line = f"{format_date(parse_date(r.get('on')))} — {hypothesis_label(r.get('status'))}"
            reviews.append(line + (f". {r['summary']}" if r.get("summary") else ""))
        found.append(
            RecordHypothesis(
                text=h.get("text", ""),
                status=hypothesis_label(h.get("status")),
                raised_text=format_date(parse_date(h.get("raised_on"))),
                basis=h.get("basis", ""),
                test_plan=h.get("test_plan", ""),
                reviews=tuple(reviews),
                evaluation=h.get("evaluation", ""),
                discussed=not on or on in dates,
            )
        )
    return found


def _rating(snapshot: dict[str, Any]) -> RecordRating | None:
    rating = snapshot.get("rating")
    if not rating:
        return None

    def text(value: Any) -> str:
        return "" if value is None else f"{value} / 10"

    return RecordRating(text(rating.get("child_safety")), text(rating.get("worker_safety")))
