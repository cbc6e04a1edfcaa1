"""The record's discussion and its first-page summary, assembled from a session.

A session with an agenda prints its answered prompts in agenda order, in sections
(a run of the core route under its stage's title, a chosen theme under the theme's
title with the reason it was chosen).  A session from before agendas prints its
answered prompts in stage order.  Either way only what was discussed is printed: the
record never lists the questions nobody asked.

The summary (the record's first page) comes from the session's Today and Summary
steps (``SessionDetail.opening`` and ``.closing``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from supervision_app.content import Content
from supervision_app.content.model import Prompt, SourceRef, Stage
from supervision_app.domain import SessionDetail, format_date
from supervision_app.record.model import RecordPrompt, RecordScaling, RecordStage, RecordSummary

#: The Signs of Safety questions (worries, what is working well, what needs to happen) are
#: endorsed by the Cumbria LSCB's response to the Child BE review (Recommendation BE2).
COLUMNS_SOURCE = SourceRef("cumbria-child-be", "Recommendation BE2")
COLUMNS_NOTE = "The three Signs of Safety questions, as endorsed by the {citation}."
#: Used when the content has no anchors of its own (the contract's exact words).
DEFAULT_ANCHORS = ("0: the child cannot safely live at home", "10: safe enough to close the case")
NOT_ON_AGENDA = "Answered outside today's agenda."

MakePrompt = Callable[[Prompt], RecordPrompt]


def agenda_of(detail: SessionDetail) -> tuple[Any, ...]:
    """The session's agenda items (empty for a session from before agendas)."""
    return tuple(getattr(detail, "agenda", None) or ())


def stage_sections(
    content: Content, make_prompt: MakePrompt, extra: Callable[[Stage], list[RecordPrompt]]
) -> list[RecordStage]:
    """Answered prompts in stage order; a stage with nothing answered is left out."""
    sections = []
    for number, stage in enumerate(content.stages, start=1):
        prompts = [p for p in map(make_prompt, _shown(stage.prompts)) if p.answered]
        prompts += extra(stage)
        if prompts:
            sections.append(_stage(stage, number, content, prompts))
    return sections


def agenda_sections(
    detail: SessionDetail,
    content: Content,
    make_prompt: MakePrompt,
    extra: Callable[[Stage], list[RecordPrompt]],
) -> list[RecordStage]:
    """Answered prompts in agenda order, then any answered outside the agenda (stage order)."""
    numbers = {stage.id: n for n, stage in enumerate(content.stages, start=1)}
    stage_of = {p.id: s for s in content.stages for p in s.prompts}
    sections: list[RecordStage] = []
    key: tuple[str, str] | None = None
    on_agenda: set[str] = set()
    for item in agenda_of(detail):
        prompt, stage = content.prompt(item.prompt_id), stage_of.get(item.prompt_id)
        if prompt is None or stage is None or prompt.wellbeing or prompt.id in on_agenda:
            continue  # a retired prompt's answer is kept with the earlier answers
        on_agenda.add(prompt.id)
        shown = make_prompt(prompt)
        if not shown.answered:
            continue
        theme = _theme(content, getattr(item, "theme", ""))
        here = ("theme", theme.id) if theme is not None else ("stage", stage.id)
        if here != key or not sections:
            key = here
            if theme is not None:
                section = RecordStage(
                    id=f"theme:{theme.id}",
                    number=len(sections) + 1,
                    title=theme.title,
                    summary=getattr(item, "reason", "") or "",
                    source=content.citations(tuple(getattr(theme, "sources", ()) or ())),
                    prompts=(),
                    heading=f"Theme: {theme.title}",
                )
            else:
                section = RecordStage(
                    id=stage.id,
                    number=numbers[stage.id],
                    title=stage.title,
                    summary="",
                    source=content.citations(stage.sources),
                    prompts=(),
                    heading=stage.title,
                )
            sections.append(section)
        last = sections[-1]
        sections[-1] = _with(last, (*last.prompts, shown))
    for number, stage in enumerate(content.stages, start=1):
        prompts = [
            p
            for p in map(make_prompt, _shown(stage.prompts))
            if p.answered and p.prompt_id not in on_agenda
        ]
        prompts += extra(stage)
        if prompts:
            section = _stage(stage, number, content, prompts)
            sections.append(
                _with(section, section.prompts, heading=stage.title, summary=NOT_ON_AGENDA)
            )
    return sections


def _shown(prompts: Iterable[Prompt]) -> list[Prompt]:
    # Wellbeing prompts are printed only in their own section, by the practitioner's choice.
    return [p for p in prompts if not p.wellbeing]


def _stage(stage: Stage, number: int, content: Content, prompts: list[RecordPrompt]) -> RecordStage:
    return RecordStage(
        id=stage.id,
        number=number,
        title=stage.title,
        summary=stage.summary,
        source=content.citations(stage.sources),
        prompts=tuple(prompts),
    )


def _with(section: RecordStage, prompts: Sequence[RecordPrompt], **changes: str) -> RecordStage:
    from dataclasses import replace

    return replace(section, prompts=tuple(prompts), **changes)


def _theme(content: Content, theme_id: str) -> Any:
    find = getattr(content, "theme", None)
    if not theme_id or find is None:
        return None
    try:
        return find(theme_id)
    except (KeyError, LookupError):
        return None


def build_summary(detail: SessionDetail, content: Content) -> RecordSummary:
    """The first page's focus, columns, scaling and next review, from Today and Summary."""
    opening = getattr(detail, "opening", None)
    closing = getattr(detail, "closing", None)
    fields: dict[str, Any] = {"scaling_anchors": _anchors()}
    if COLUMNS_SOURCE.document in content.documents:
        fields["columns_source"] = COLUMNS_NOTE.format(citation=content.cite(COLUMNS_SOURCE))
    if opening is not None:
        fields.update(
            question=opening.question,
            main_worries=tuple((c, w) for c, w in opening.main_worries if w.strip()),
            check_in=opening.check_in if opening.print_check_in else "",
            since_last=tuple(
                i.text for i in opening.since_last if getattr(i, "choice", "") == "discuss"
            ),
        )
    if closing is not None:
        fields.update(
            reflection=closing.reflection,
            worries=closing.worries,
            working_well=closing.working_well,
            needs_to_happen=closing.needs_to_happen,
            scaling=tuple(
                RecordScaling(s.child, "" if s.score is None else f"{s.score} / 10", s.note)
                for s in closing.scaling
            ),
            next_review_text=format_date(closing.next_review) if closing.next_review else "",
        )
    agenda = agenda_of(detail)
    themes = tuple(getattr(content, "themes", ()) or ())
    if agenda and themes:
        chosen = {getattr(item, "theme", "") for item in agenda}
        fields["themes_not_chosen"] = tuple(t.title for t in themes if t.id not in chosen)
    return RecordSummary(**fields)


def _anchors() -> tuple[str, ...]:
    try:
        from supervision_app.domain.agenda import SCALING_ANCHORS
    except ImportError:
        return DEFAULT_ANCHORS
    return tuple(SCALING_ANCHORS)
