"""Assemble a :class:`SessionRecord` from a stored session and the practice content."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from supervision_app import __version__
from supervision_app.content import Content
from supervision_app.content.model import Prompt
from supervision_app.domain import (
    AuditEntry,
    Party,
    SessionDetail,
    SessionIntegrity,
    child_age_text,
    format_date,
)
from supervision_app.record.discussion import (
    agenda_of,
    agenda_sections,
    build_summary,
    stage_sections,
    with_hypotheses,
)
from supervision_app.record.model import (
    RecordAction,
    RecordAddendum,
    RecordAuditEntry,
    RecordChild,
    RecordDecision,
    RecordEscalation,
    RecordHypothesis,
    RecordPreviousAction,
    RecordPrompt,
    RecordRating,
    RecordRow,
    RecordSignoff,
    RecordStage,
    RecordWellbeing,
    SessionRecord,
)
from supervision_app.record.structured import structured_rows
from supervision_app.record.styles import format_datetime_text

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
RETIRED_NOTE = (
    "This question came from an earlier version of the prompts; the answer is kept as written."
)
MERGED_NOTE = (
    "Answered under an earlier wording of this question, since merged into it; the answer is "
    "kept as written."
)


def build_record(
    detail: SessionDetail,
    content: Content,
    marking: str | None = None,
    generated_at: datetime | None = None,
    *,
    integrity: SessionIntegrity | None = None,
    audit: Sequence[AuditEntry] = (),
    previous_actions: Sequence[RecordPreviousAction] = (),
    escalations: Sequence[RecordEscalation] = (),
    wellbeing: RecordWellbeing | None = None,
    hypotheses: Sequence[RecordHypothesis] = (),
    rating: RecordRating | None = None,
    changes: Sequence[str] = (),
) -> SessionRecord:
    """The record of ``detail``.

    ``integrity`` adds the sign-offs, addenda and fingerprint; ``audit`` (only
    when the user asked for the trail in the PDF) the audit trail.  The
    wellbeing section is kept only when the practitioner chose it at sign-off.
    """
    # Everything the current content shows itself; the rest is kept as "earlier" answers.
    used: set[str] = set()
    for stage in content.stages:
        for prompt in stage.prompts:
            used.add(prompt.id)
            used.update(prompt.aliases)
            if prompt.structured:
                used.add("tool:" + prompt.id)
    private = [
        (p.text, detail.answers[p.id].text)
        for stage in content.stages
        for p in stage.prompts
        if p.wellbeing and p.id in detail.answers and detail.answers[p.id].text.strip()
    ]

    def make_prompt(prompt: Prompt) -> RecordPrompt:
        answer = detail.answers.get(prompt.id)
        rows: tuple[RecordRow, ...] = ()
        rows_note = ""
        tool = detail.structured.get(prompt.id)
        if prompt.structured and tool is not None:
            rows, rows_note = structured_rows(tool)
        return RecordPrompt(
            prompt_id=prompt.id,
            text=prompt.text,
            why=prompt.why,
            source=content.citations(prompt.sources),
            group=prompt.group,
            answer=answer.text if answer else "",
            rows=rows,
            rows_note=rows_note,
        )

    def merged(prompt: Prompt) -> list[RecordPrompt]:
        return _merged_answers(detail, prompt)

    has_agenda = bool(agenda_of(detail))
    inline = False
    if has_agenda:
        sections = agenda_sections(detail, content, make_prompt, merged)
        stages, inline = with_hypotheses(sections, hypotheses)
    else:
        stages = stage_sections(
            content, make_prompt, merged, lambda s: _retired(detail, s.id, used)
        )
    leftovers = _retired(detail, None, used)
    if leftovers:
        stages.append(
            RecordStage(
                id="_earlier",
                number=len(content.stages) + 1,
                title="Answers to earlier prompts",
                summary="Answers written against questions that the current content no longer has.",
                source="",
                prompts=tuple(leftovers),
            )
        )
    case = detail.case
    return SessionRecord(
        marking=(marking or content.marking or DEFAULT_MARKING).strip() or DEFAULT_MARKING,
        case_reference=case.reference,
        session_uid=detail.uid,
        session_date=detail.date,
        session_date_text=format_date(detail.date),
        attendees=tuple(detail.attendees),
        practitioner=case.practitioner,
        supervisor=case.supervisor,
        agencies=tuple(case.agencies),
        children=tuple(
            RecordChild(c.name, child_age_text(c, on=detail.date)) for c in case.children
        ),
        stages=tuple(stages),
        decisions=tuple(
            RecordDecision(i, d.text, d.rationale) for i, d in enumerate(detail.decisions, start=1)
        ),
        actions=tuple(
            RecordAction(
                i, a.description, a.owner, a.due_date, format_date(a.due_date), a.status.label
            )
            for i, a in enumerate(detail.actions, start=1)
        ),
        content_version=detail.content_version,
        app_version=__version__,
        generated_at=(generated_at or datetime.now()).replace(microsecond=0),
        last_edited=detail.updated_at,
        previous_actions=tuple(previous_actions),
        escalations=tuple(escalations),
        wellbeing=(wellbeing or RecordWellbeing(tuple(private)))
        if integrity is not None and integrity.include_wellbeing
        else None,
        hypotheses=tuple(hypotheses),
        rating=rating,
        changes=tuple(changes),
        summary=build_summary(detail, content),
        has_agenda=has_agenda,
        hypotheses_inline=inline,
        **_integrity_fields(integrity),
        audit=tuple(
            RecordAuditEntry(_span(e.at, e.last_at), e.user, e.event.label, e.detail) for e in audit
        ),
    )


def _span(start: datetime, end: datetime) -> str:
    if end - start < timedelta(minutes=1):
        return format_datetime_text(start)
    return f"{format_datetime_text(start)} – {end:%H:%M}"


def _integrity_fields(integrity: SessionIntegrity | None) -> dict[str, Any]:
    if integrity is None:
        return {}
    signed = {s.party for s in integrity.signoffs}
    return {
        "signoffs": tuple(
            RecordSignoff(
                s.party.label,
                s.name,
                s.role,
                format_datetime_text(s.signed_at),
                s.comment,
                s.disagreement,
            )
            for s in integrity.signoffs
        ),
        "awaiting": tuple(p.label for p in Party if p not in signed),
        "addenda": tuple(
            RecordAddendum(
                a.number, a.author, a.role, format_datetime_text(a.written_at), a.text, a.late
            )
            for a in integrity.addenda
        ),
        "fingerprint": integrity.fingerprint,
        "late_days": integrity.late_days,
    }


def _merged_answers(detail: SessionDetail, prompt: Prompt) -> list[RecordPrompt]:
    """Answers stored under the ids of earlier prompts merged into ``prompt``: printed under
    it, each with the question it answered, exactly as written."""
    return [
        RecordPrompt(
            prompt_id=alias,
            text=answer.prompt_text or prompt.text,
            why=MERGED_NOTE,
            source="",
            group=prompt.group,
            answer=answer.text,
        )
        for alias in prompt.aliases
        if (answer := detail.answers.get(alias)) is not None and answer.text.strip()
    ]


def _retired(detail: SessionDetail, stage_id: str | None, used: set[str]) -> list[RecordPrompt]:
    """Answers whose prompt is no longer in the content: never dropped, shown as written.

    A structured tool's data is shown by its prompt while that prompt is still a tool
    (marked ``"tool:<id>"`` in ``used``); otherwise it is kept here, as written.
    """
    kept: list[tuple[str, str, str, str, str, tuple[RecordRow, ...], str]] = [
        (a.prompt_id, a.prompt_id, a.stage_id, a.prompt_text, a.text, (), "")
        for a in sorted(detail.answers.values(), key=lambda a: a.prompt_id)
        if a.text.strip()
    ]
    kept += [
        ("tool:" + t.prompt_id, t.prompt_id, t.stage_id, t.prompt_text, "", *structured_rows(t))
        for t in sorted(detail.structured.values(), key=lambda t: t.prompt_id)
        if t.filled
    ]
    found = []
    for key, prompt_id, answer_stage, question, text, rows, rows_note in kept:
        if key in used or (stage_id is not None and answer_stage != stage_id):
            continue
        used.add(key)
        found.append(
            RecordPrompt(
                prompt_id=prompt_id,
                text=question,
                why=RETIRED_NOTE,
                source="",
                group="",
                answer=text,
                retired=True,
                rows=rows,
                rows_note=rows_note,
            )
        )
    return found
