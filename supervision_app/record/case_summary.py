"""The case summary: a plain, already-loaded snapshot of what the case remembers,
for the case summary PDF.  Built from a :class:`CaseHistory`; no database access."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from supervision_app.content import Content
from supervision_app.content.patterns import PatternRule
from supervision_app.domain import format_date
from supervision_app.domain.chronology import assemble_chronology
from supervision_app.domain.memory import (
    CaseHistory,
    Escalation,
    Hypothesis,
    Rating,
    TimelineEntry,
    TrackedAction,
)
from supervision_app.domain.patterns import evaluate
from supervision_app.record.build import DEFAULT_MARKING


@dataclass(frozen=True, slots=True)
class SummaryPattern:
    title: str
    evidence: str
    message: str
    source: str


@dataclass(slots=True)
class CaseSummaryRecord:
    marking: str
    case_reference: str
    session_date_text: str  # "printed <date>" (read by the shared page furniture)
    printed_on: date
    open_actions: list[TrackedAction] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    hypotheses: list[Hypothesis] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    chronology: list[TimelineEntry] = field(default_factory=list)
    patterns: list[SummaryPattern] = field(default_factory=list)


def build_case_summary(
    history: CaseHistory,
    content: Content,
    rules: tuple[PatternRule, ...] | list[PatternRule],
    today: date | None = None,
    marking: str | None = None,
) -> CaseSummaryRecord:
    """``marking``: the one chosen in Record settings; as for a session's record, the content
    pack's marking and then the default stand in when none is given."""
    today = today or date.today()
    return CaseSummaryRecord(
        marking=(marking or content.marking or DEFAULT_MARKING).strip() or DEFAULT_MARKING,
        case_reference=history.reference,
        session_date_text=f"case summary printed {format_date(today)}",
        printed_on=today,
        open_actions=sorted(history.open_actions(), key=lambda a: a.action.due_date or date.max),
        escalations=history.open_escalations(),
        hypotheses=history.current_hypotheses(),
        ratings=list(history.ratings),
        chronology=assemble_chronology(history),
        patterns=[
            SummaryPattern(p.title, p.evidence, p.message, content.citations(p.sources))
            for p in evaluate(rules, history, today)
        ],
    )
