"""A signed record printed from its snapshot, and what has changed in the case since.

The record of a signed session is built from the snapshot taken at its first
sign-off (``storage/snapshot.py``), so a later, legitimate change (the case is
renamed, an action is marked done in a following session) neither alters what
the signed record says nor breaks its chain.  :func:`snapshot_changes` lists
those changes in a few short lines, printed under a clearly labelled heading.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from supervision_app.domain import (
    Action,
    ActionStatus,
    Answer,
    Child,
    Decision,
    SessionDetail,
    StructuredAnswer,
    format_date,
)
from supervision_app.domain.agenda_data import focus_from_content
from supervision_app.domain.memory import HypothesisStatus, ReviewOutcome


def parse_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _status(value: Any) -> ActionStatus:
    try:
        return ActionStatus(value)
    except ValueError:
        return ActionStatus.OPEN


def status_label(value: Any) -> str:
    try:
        return ActionStatus(value).label
    except ValueError:
        return str(value or "")


def hypothesis_label(value: Any) -> str:
    try:
        return HypothesisStatus(value).label
    except ValueError:
        return str(value or "")


def outcome_label(value: Any) -> str:
    try:
        return ReviewOutcome(value).label
    except ValueError:
        return str(value or "")


def as_signed(detail: SessionDetail, snapshot: dict[str, Any]) -> SessionDetail:
    """``detail`` as it was when signed: every shown field taken from ``snapshot``."""
    case = snapshot.get("case") or {}
    signed_case = dataclasses.replace(
        detail.case,
        reference=str(case.get("reference", snapshot.get("case_reference", ""))),
        practitioner=str(case.get("practitioner", "")),
        supervisor=str(case.get("supervisor", "")),
        agencies=[str(a) for a in case.get("agencies", [])],
        children=[
            Child(
                str(c.get("name", "")),
                parse_date(c.get("date_of_birth")),
                str(c.get("age", "")),
                bool(c.get("unborn")),
            )
            for c in case.get("children", [])
        ],
    )
    details = snapshot.get("action_details") or []
    actions = []
    for i, a in enumerate(snapshot.get("actions", [])):
        extra = details[i] if i < len(details) else {}
        actions.append(
            Action(
                0,
                str(a.get("description", "")),
                str(a.get("owner", "")),
                parse_date(extra.get("due_date")),
                _status(extra.get("status")),
            )
        )
    agenda, opening, closing = focus_from_content(snapshot)
    return dataclasses.replace(
        detail,
        case=signed_case,
        uid=str(snapshot.get("session_uid", detail.uid)),
        date=parse_date(snapshot.get("session_date")) or detail.date,
        attendees=[str(a) for a in snapshot.get("attendees", [])],
        answers={
            pid: Answer(
                pid, str(a.get("stage", "")), str(a.get("prompt", "")), str(a.get("text", ""))
            )
            for pid, a in sorted(snapshot.get("answers", {}).items())
        },
        structured={
            pid: StructuredAnswer(
                pid,
                str(t.get("stage", "")),
                str(t.get("prompt", "")),
                str(t.get("kind", "")),
                t.get("data") if isinstance(t.get("data"), dict) else {},
            )
            for pid, t in sorted(snapshot.get("structured", {}).items())
        },
        decisions=[
            Decision(0, str(d.get("text", "")), str(d.get("rationale", "")))
            for d in snapshot.get("decisions", [])
        ],
        actions=actions,
        agenda=agenda,
        opening=opening,
        closing=closing,
    )


def _quote(text: Any, limit: int = 60) -> str:
    text = " ".join(str(text or "").split())
    return f"“{text[: limit - 1].rstrip()}…”" if len(text) > limit else f"“{text}”"


def _case_changes(signed: dict[str, Any], live: dict[str, Any]) -> list[str]:
    before, now = signed.get("case") or {}, live.get("case") or {}
    lines = []
    for key, label in (
        ("reference", "The case reference"),
        ("practitioner", "The practitioner"),
        ("supervisor", "The supervisor"),
    ):
        if before.get(key) != now.get(key):
            lines.append(f"{label} is now {_quote(now.get(key))}.")
    if before.get("agencies") != now.get("agencies"):
        agencies = ", ".join(now.get("agencies") or []) or "none"
        lines.append(f"The agencies involved are now: {agencies}.")
    if before.get("children") != now.get("children"):
        lines.append("The children's details on the case have been edited.")
    return lines


def _action_changes(signed: dict[str, Any], live: dict[str, Any]) -> list[str]:
    lines = []
    before, now = signed.get("action_details") or [], live.get("action_details") or []
    for number, (a, b, action) in enumerate(
        zip(before, now, signed.get("actions", []), strict=False), start=1
    ):
        what = f"Action {number} ({_quote(action.get('description'), 40)})"
        if a.get("status") != b.get("status"):
            lines.append(f"{what}: status now {status_label(b.get('status'))}.")
        if a.get("due_date") != b.get("due_date"):
            lines.append(
                f"{what}: due date now {format_date(parse_date(b.get('due_date'))) or 'none'}."
            )
    for a, b in zip(
        signed.get("previous_actions") or [], live.get("previous_actions") or [], strict=False
    ):
        if a.get("status") != b.get("status"):
            lines.append(
                f"Previous action {_quote(a.get('description'), 40)}: status now "
                f"{status_label(b.get('status'))}."
            )
    return lines


def _memory_changes(signed: dict[str, Any], live: dict[str, Any]) -> list[str]:
    lines = []
    for key, what in (
        ("previous_actions", "actions from earlier sessions reviewed here"),
        ("escalations", "escalations"),
        ("hypotheses", "hypotheses"),
    ):
        if len(signed.get(key) or []) != len(live.get(key) or []):
            lines.append(f"The {what} recorded for this session have been added to or removed.")
    for a, b in zip(signed.get("escalations") or [], live.get("escalations") or [], strict=False):
        what = f"Escalation {_quote(a.get('subject'), 40)}"
        if b.get("closed_on") and a.get("closed_on") != b.get("closed_on"):
            lines.append(f"{what}: closed {format_date(parse_date(b.get('closed_on')))}.")
        elif (a.get("stage"), a.get("with_whom")) != (b.get("stage"), b.get("with_whom")):
            lines.append(
                f"{what}: now at stage {b.get('stage')} with {_quote(b.get('with_whom'))}."
            )
        elif a != b:
            lines.append(f"{what}: updated.")
    for a, b in zip(signed.get("hypotheses") or [], live.get("hypotheses") or [], strict=False):
        what = f"Hypothesis {_quote(a.get('text'), 40)}"
        if a.get("status") != b.get("status"):
            lines.append(f"{what}: now {hypothesis_label(b.get('status'))}.")
        elif a != b:
            lines.append(f"{what}: updated.")
    if signed.get("rating") != live.get("rating"):
        lines.append("The safety ratings for this session have been changed.")
    return lines


def snapshot_changes(signed: dict[str, Any], live: dict[str, Any]) -> tuple[str, ...]:
    """Short lines on what the live case data now says differently from the signed record."""
    return tuple(
        _case_changes(signed, live) + _action_changes(signed, live) + _memory_changes(signed, live)
    )
