"""Pattern prompts: the checks that run over a case's history.

The rules themselves (wording, sources, thresholds) are data in
resources/content/patterns.toml; this module holds only the tests they name.
Every check returns a short statement of the evidence, or None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from supervision_app.content.model import SourceRef
from supervision_app.content.patterns import PatternRule
from supervision_app.domain.memory import CaseHistory, ChronologyEvent, EventKind, ReferralOutcome
from supervision_app.domain.validation import format_date

#: An entry marked as the child's own words in the marked-entries tool (see memory_store).
CHILD_WORDS_MARKED = "assessment_recording.marked_entries:child_words"

#: Prompts whose answers record the child's own views, words or wishes, including what a baby or
#: a child who cannot speak shows (non-verbal cues, creative methods).
CHILD_VIEW_PROMPTS = frozenset(
    {
        "lived_experience.child_words",
        "lived_experience.recording_the_child",
        "lived_experience.non_verbal_cues",
        "lived_experience.creative_methods",
        CHILD_WORDS_MARKED,
    }
)


@dataclass(frozen=True, slots=True)
class PatternPrompt:
    rule_id: str
    title: str
    message: str
    evidence: str
    sources: tuple[SourceRef, ...]


Check = Callable[[CaseHistory, PatternRule, date], str | None]


def _dates(values: Iterable[date]) -> str:
    return ", ".join(format_date(d) for d in values)


def refused_referrals_without_escalation(
    history: CaseHistory, rule: PatternRule, today: date
) -> str | None:
    refusals = sorted(
        e.on
        for e in history.events
        if e.kind is EventKind.REFERRAL and e.outcome is ReferralOutcome.REFUSED
    )
    if len(refusals) < rule.threshold:
        return None
    since = refusals[rule.threshold - 1]
    escalated = any(step.on >= since for esc in history.escalations for step in esc.steps) or any(
        esc.raised_on >= since for esc in history.escalations
    )
    if escalated:
        return None
    return (
        f"{len(refusals)} referrals refused ({_dates(refusals)}); "
        f"no escalation raised since {format_date(since)}."
    )


def was_not_brought(history: CaseHistory, rule: PatternRule, today: date) -> str | None:
    start = today - timedelta(days=rule.window_days)
    missed = sorted(
        e.on
        for e in history.events
        if e.kind is EventKind.WAS_NOT_BROUGHT and start <= e.on <= today
    )
    if len(missed) < rule.threshold:
        return None
    return f"Not brought to {len(missed)} appointments: {_dates(missed)}."


def change_without_reassessment(history: CaseHistory, rule: PatternRule, today: date) -> str | None:
    changes = [e for e in history.events if e.kind is EventKind.SIGNIFICANT_EVENT]
    assessments = [e.on for e in history.events if e.kind is EventKind.ASSESSMENT]
    unassessed = [c for c in changes if not any(on >= c.on for on in assessments)]
    if not unassessed:
        return None
    first = unassessed[0]
    others = len(unassessed) - 1
    more = f" and {others} later change(s)" if others else ""
    return f"“{first.title}” ({format_date(first.on)}){more}: no re-assessment recorded since."


def same_concern_without_plan_change(
    history: CaseHistory, rule: PatternRule, today: date
) -> str | None:
    groups: dict[str, list[ChronologyEvent]] = {}
    for event in history.events:
        if event.kind is EventKind.CONCERN:
            groups.setdefault(" ".join(event.title.casefold().split()), []).append(event)
    for events in groups.values():
        days = sorted({e.on for e in events})
        if len(days) < rule.threshold:
            continue
        first, last = days[0], days[-1]
        changed = any(first < d.on <= last for d in history.decisions)
        if not changed:
            return (
                f"“{events[0].title}” raised on {len(days)} occasions ({_dates(days)}) "
                "with no decision recorded in between."
            )
    return None


def no_child_views(history: CaseHistory, rule: PatternRule, today: date) -> str | None:
    run: list[date] = []
    for session in reversed(history.sessions):
        if session.answered_prompts & CHILD_VIEW_PROMPTS:
            break
        run.append(session.on)
    if len(run) < rule.threshold:
        return None
    return (
        f"No entry about the child's own views in the last {len(run)} sessions "
        f"(since {format_date(run[-1])})."
    )


CHECKS: dict[str, Check] = {
    "refused_referrals_without_escalation": refused_referrals_without_escalation,
    "was_not_brought": was_not_brought,
    "change_without_reassessment": change_without_reassessment,
    "same_concern_without_plan_change": same_concern_without_plan_change,
    "no_child_views": no_child_views,
}


def evaluate(
    rules: Iterable[PatternRule], history: CaseHistory, today: date | None = None
) -> list[PatternPrompt]:
    today = today or date.today()
    prompts = []
    for rule in rules:
        evidence = CHECKS[rule.check](history, rule, today)
        if evidence:
            prompts.append(PatternPrompt(rule.id, rule.title, rule.message, evidence, rule.sources))
    return prompts
