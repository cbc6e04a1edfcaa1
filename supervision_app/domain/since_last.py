"""What has changed since last time: the lines of Today pre-filled from the case memory
(actions due, escalations open, pattern prompts raised, new chronology entries), each to
discuss today or not."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from supervision_app.domain.focus import SinceLastItem
from supervision_app.domain.memory import CaseHistory, EventKind, Rag, action_rag
from supervision_app.domain.validation import format_date

if TYPE_CHECKING:
    from supervision_app.domain.patterns import PatternPrompt


#: The prompt that discussing each pattern prompt puts on the agenda.
PATTERN_PROMPTS = {
    "refused_referrals_not_escalated": "escalation.refused_referral",
    "repeated_was_not_brought": "professional_curiosity.not_brought",
    "change_without_reassessment": "professional_curiosity.reassess_on_change",
    "same_concern_no_plan_change": "professional_curiosity.cumulative_harm",
    "child_views_missing": "lived_experience.child_words",
}
#: ... and each kind of new chronology entry.
EVENT_PROMPTS = {
    EventKind.CONCERN: "professional_curiosity.cumulative_harm",
    EventKind.SIGNIFICANT_EVENT: "professional_curiosity.reassess_on_change",
    EventKind.REFERRAL: "escalation.referral_history",
    EventKind.WAS_NOT_BROUGHT: "professional_curiosity.not_brought",
    EventKind.ASSESSMENT: "assessment_recording.analysis_and_history",
    EventKind.OTHER: "professional_curiosity.reassess_on_change",
}
ACTION_PROMPT = "authoritative_practice.criteria_for_progress"
ESCALATION_PROMPT = "escalation.child_safe_meanwhile"
#: A fallback for a pattern this version does not know (a pack's rule).
PATTERN_FALLBACK_PROMPT = "professional_curiosity.cumulative_harm"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def last_session_before(
    history: CaseHistory, on: date, session_id: int | None = None
) -> date | None:
    """The date of the case's latest session before ``on`` (ignoring ``session_id``)."""
    dates = [s.on for s in history.sessions if s.on < on and s.session_id != session_id]
    return max(dates) if dates else None


def since_last_time(
    history: CaseHistory,
    patterns: Iterable[PatternPrompt],
    on: date,
    session_id: int | None = None,
) -> list[SinceLastItem]:
    """What has changed since the case's last session, for Today: each one to discuss or not.

    Open actions that are overdue or fall due within a week, open escalations (with their clock
    against the policy), pattern prompts raised, and chronology entries dated after the last
    session.  Most pressing first within each kind; ``session_id`` is today's own session, whose
    entries are not "since last time".
    """
    items: list[SinceLastItem] = []
    for tracked in sorted(
        history.open_actions(), key=lambda t: (t.action.due_date or date.max, t.action.id)
    ):
        if session_id and tracked.session_id == session_id:
            continue
        action = tracked.action
        due = action.due_date
        rag = action_rag(due, on)
        if due is None or rag is Rag.GREEN:
            continue
        if rag is Rag.RED:
            when = f"overdue {_plural((on - due).days, 'day')} (due {format_date(due)})"
        elif due == on:
            when = "due today"
        else:
            when = f"due {format_date(due)}"
        owner = f" ({action.owner})" if action.owner.strip() else ""
        items.append(
            SinceLastItem(
                f"action:{action.id}",
                "action",
                f"Action '{_short(action.description)}'{owner}: {when}",
                ACTION_PROMPT,
            )
        )
    for esc in history.open_escalations():
        step = esc.current
        stage = (
            f"stage {step.stage}" + (f" ({step.name})" if step and step.name else "")
            if step
            else "raised"
        )
        days = esc.days_at_stage(on)
        allowed = esc.days_allowed
        clock = (
            f"{_plural(days, 'day')} at this stage; the policy allows {allowed}: overdue"
            if esc.overdue(on)
            else f"{_plural(days, 'day')} at this stage of {allowed} allowed"
        )
        items.append(
            SinceLastItem(
                f"escalation:{esc.id}",
                "escalation",
                f"Escalation '{_short(esc.subject)}': {stage}, {clock}",
                ESCALATION_PROMPT,
            )
        )
    for pattern in patterns:
        items.append(
            SinceLastItem(
                f"pattern:{pattern.rule_id}",
                "pattern",
                f"Pattern: {pattern.title}. {pattern.evidence}",
                PATTERN_PROMPTS.get(pattern.rule_id, PATTERN_FALLBACK_PROMPT),
            )
        )
    last = last_session_before(history, on, session_id)
    if last is not None:
        for event in sorted(history.events, key=lambda e: (e.on, e.id)):
            if not last < event.on <= on or (session_id and event.session_id == session_id):
                continue
            outcome = f" ({event.outcome.label})" if event.outcome.value else ""
            items.append(
                SinceLastItem(
                    f"event:{event.id}",
                    "event",
                    f"New in the chronology: {event.kind.label}{outcome}, "
                    f"{format_date(event.on)}: {_short(event.title)}",
                    EVENT_PROMPTS.get(event.kind, "professional_curiosity.reassess_on_change"),
                )
            )
    return items


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def merge_since_last(
    fresh: Sequence[SinceLastItem], saved: Sequence[SinceLastItem]
) -> list[SinceLastItem]:
    """Today's list: the fresh items with the choices already made (by key); chosen items that
    are no longer fresh (an action done since) stay, so a choice is never silently lost."""
    chosen = {s.key: s for s in saved}
    merged = [
        SinceLastItem(f.key, f.kind, f.text, f.prompt_id, chosen[f.key].choice)
        if f.key in chosen
        else f
        for f in fresh
    ]
    keys = {f.key for f in fresh}
    merged.extend(s for s in saved if s.key not in keys and s.choice)
    return merged
