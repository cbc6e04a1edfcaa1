"""Assemble a :class:`SessionRecord` from a stored session and the practice content."""

from __future__ import annotations

from datetime import datetime

from supervision_app import __version__
from supervision_app.content import Content
from supervision_app.domain import SessionDetail, child_age_text, format_date
from supervision_app.record.model import (
    RecordAction,
    RecordChild,
    RecordDecision,
    RecordPrompt,
    RecordStage,
    SessionRecord,
)
from supervision_app.record.structured import structured_rows

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
RETIRED_NOTE = (
    "This question came from an earlier version of the prompts; the answer is kept as written."
)


def build_record(
    detail: SessionDetail,
    content: Content,
    marking: str | None = None,
    generated_at: datetime | None = None,
) -> SessionRecord:
    stages: list[RecordStage] = []
    # Everything the current content shows itself; the rest is kept as "earlier" answers.
    used: set[str] = set()
    for stage in content.stages:
        for prompt in stage.prompts:
            used.add(prompt.id)
            if prompt.structured:
                used.add("tool:" + prompt.id)
    for number, stage in enumerate(content.stages, start=1):
        prompts = []
        for prompt in stage.prompts:
            answer = detail.answers.get(prompt.id)
            rows, rows_note = (), ""
            tool = detail.structured.get(prompt.id)
            if prompt.structured and tool is not None:
                rows, rows_note = structured_rows(tool)
            prompts.append(
                RecordPrompt(
                    prompt_id=prompt.id,
                    text=prompt.text,
                    why=prompt.why,
                    source=content.citations(prompt.sources),
                    group=prompt.group,
                    answer=answer.text if answer else "",
                    rows=rows,
                    rows_note=rows_note,
                )
            )
        prompts.extend(_retired(detail, stage.id, used))
        stages.append(
            RecordStage(
                id=stage.id,
                number=number,
                title=stage.title,
                summary=stage.summary,
                source=content.citations(stage.sources),
                prompts=tuple(prompts),
            )
        )
    leftovers = _retired(detail, None, used)
    if leftovers:
        stages.append(
            RecordStage(
                id="_earlier",
                number=len(stages) + 1,
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
    )


def _retired(detail: SessionDetail, stage_id: str | None, used: set[str]) -> list[RecordPrompt]:
    """Answers whose prompt is no longer in the content: never dropped, shown as written."""
    found = []
    for answer in sorted(detail.answers.values(), key=lambda a: a.prompt_id):
        if answer.prompt_id in used or not answer.text.strip():
            continue
        if stage_id is not None and answer.stage_id != stage_id:
            continue
        used.add(answer.prompt_id)
        found.append(
            RecordPrompt(
                prompt_id=answer.prompt_id,
                text=answer.prompt_text,
                why=RETIRED_NOTE,
                source="",
                group="",
                answer=answer.text,
                retired=True,
            )
        )
    for tool in sorted(detail.structured.values(), key=lambda a: a.prompt_id):
        # A tool's data is shown by its prompt while that prompt is still a structured
        # tool (marked "tool:<id>" in ``used``); otherwise it is kept here, as written.
        key = "tool:" + tool.prompt_id
        if key in used or not tool.filled:
            continue
        if stage_id is not None and tool.stage_id != stage_id:
            continue
        used.add(key)
        rows, rows_note = structured_rows(tool)
        found.append(
            RecordPrompt(
                prompt_id=tool.prompt_id,
                text=tool.prompt_text,
                why=RETIRED_NOTE,
                source="",
                group="",
                answer="",
                retired=True,
                rows=rows,
                rows_note=rows_note,
            )
        )
    return found
