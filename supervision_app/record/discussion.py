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
from dataclasses import replace
from typing import Any

from supervision_app.content import Content
from supervision_app.content.model import Prompt, Stage, Theme
from supervision_app.domain import SessionDetail, format_date
from supervision_app.domain.case_facts import CaseFacts, conditions_fit
from supervision_app.domain.focus import AgendaItem, AgendaOrigin
from supervision_app.domain.opening_closing import SCALING_ANCHORS, SIGNS_OF_SAFETY_SOURCE
from supervision_app.record.model import (
    RecordHypothesis,
    RecordPrompt,
    RecordRow,
    RecordScaling,
    RecordStage,
    RecordSummary,
)
from supervision_app.record.styles import LABELS

NOT_ON_AGENDA = "Answered outside today's agenda."
LABEL_SINCE_LAST = "Since last time"

MakePrompt = Callable[[Prompt], RecordPrompt]
Merged = Callable[[Prompt], list[RecordPrompt]]


def agenda_of(detail: SessionDetail) -> tuple[AgendaItem, ...]:
    """The session's agenda items (empty for a session from before agendas)."""
    return tuple(detail.agenda or ())


def stage_sections(
    content: Content,
    make_prompt: MakePrompt,
    merged: Merged,
    extra: Callable[[Stage], list[RecordPrompt]],
) -> list[RecordStage]:
    """Answered prompts in stage order; a stage with nothing answered is left out."""
    sections = []
    for number, stage in enumerate(content.stages, start=1):
        prompts = [
            p for prompt in _shown(stage.prompts) for p in _answered(prompt, make_prompt, merged)
        ]
        prompts += extra(stage)
        if prompts:
            sections.append(_stage(stage, number, content, prompts))
    return sections


def agenda_sections(
    detail: SessionDetail, content: Content, make_prompt: MakePrompt, merged: Merged
) -> list[RecordStage]:
    """Answered prompts in agenda order, then any answered outside the agenda (stage order)."""
    numbers = {stage.id: n for n, stage in enumerate(content.stages, start=1)}
    stage_of = {p.id: s for s in content.stages for p in s.prompts}
    sections: list[RecordStage] = []
    key: tuple[str, str] | None = None
    on_agenda: set[str] = set()
    for item in agenda_of(detail):
        prompt = content.prompt(item.prompt_id)
        stage = stage_of.get(prompt.id) if prompt is not None else None
        if prompt is None or stage is None or prompt.wellbeing or prompt.id in on_agenda:
            continue  # a retired prompt's answer is kept with the earlier answers
        on_agenda.add(prompt.id)
        shown = make_prompt(prompt)
        if prompt.opens_hypotheses:
            shown = replace(shown, opens_hypotheses=True)  # its answer is the tool
        group = [shown] if shown.answered or shown.opens_hypotheses else []
        group += merged(prompt)  # answers under the ids of prompts merged into this one
        if not group:
            continue
        theme = content.theme(item.theme) if item.theme else None
        if item.origin is AgendaOrigin.SINCE_LAST:
            here = ("since_last", "")
        elif theme is not None:
            here = ("theme", theme.id)
        else:
            here = ("stage", stage.id)
        if here != key or not sections:
            key = here
            sections.append(_agenda_section(here[0], item, theme, stage, numbers, content))
        elif here[0] == "since_last" and item.reason:
            last = sections[-1]
            reasons = f"{last.summary}\n{item.reason}" if last.summary else item.reason
            sections[-1] = _with(last, last.prompts, summary=reasons)
        last = sections[-1]
        sections[-1] = _with(last, (*last.prompts, *group))
    for number, stage in enumerate(content.stages, start=1):
        prompts = [
            p
            for prompt in _shown(stage.prompts)
            if prompt.id not in on_agenda
            for p in _answered(prompt, make_prompt, merged)
        ]
        if prompts:
            section = _stage(stage, number, content, prompts)
            sections.append(
                _with(section, section.prompts, heading=stage.title, summary=NOT_ON_AGENDA)
            )
    return sections


def _answered(prompt: Prompt, make_prompt: MakePrompt, merged: Merged) -> list[RecordPrompt]:
    """The prompt if answered, then any answers under the ids of prompts merged into it."""
    shown = make_prompt(prompt)
    return ([shown] if shown.answered else []) + merged(prompt)


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


def _with(section: RecordStage, prompts: Sequence[RecordPrompt], **changes: Any) -> RecordStage:
    return replace(section, prompts=tuple(prompts), **changes)


def _agenda_section(
    kind: str,
    item: AgendaItem,
    theme: Theme | None,
    stage: Stage,
    numbers: dict[str, int],
    content: Content,
) -> RecordStage:
    """An empty section of the discussion, headed for the agenda item that opens it."""
    if kind == "since_last":
        title, summary, sources = LABEL_SINCE_LAST, item.reason, ""
    elif kind == "theme" and theme is not None:
        title, summary = theme.title, item.reason
        sources = content.citations(theme.sources)
    else:
        title, summary, sources = stage.title, "", content.citations(stage.sources)
    return RecordStage(
        id=f"{kind}:{theme.id if theme and kind == 'theme' else stage.id}",
        number=numbers[stage.id],
        title=title,
        summary=summary,
        source=sources,
        prompts=(),
        heading=f"Theme: {title}" if kind == "theme" else title,
    )


def build_summary(detail: SessionDetail, content: Content) -> RecordSummary:
    """The first page's focus, columns, scaling and next review, from Today and Summary."""
    opening = getattr(detail, "opening", None)
    closing = getattr(detail, "closing", None)
    fields: dict[str, Any] = {
        "scaling_anchors": SCALING_ANCHORS,
        "columns_source": SIGNS_OF_SAFETY_SOURCE,  # cites the Cumbria response (BE2)
    }
    if opening is not None:
        fields.update(
            question=opening.question,
            main_worries=tuple((c, w) for c, w in opening.main_worries if w.strip()),
            check_in=opening.check_in if opening.print_check_in else "",
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
    if agenda:
        fields["themes_not_chosen"] = _themes_not_chosen(detail, content, agenda)
    return RecordSummary(**fields)


def _themes_not_chosen(
    detail: SessionDetail, content: Content, agenda: Sequence[AgendaItem]
) -> tuple[str, ...]:
    """The themes the case's facts point to that are not on today's agenda (titles).

    Only those: a list of every theme left out would read as a catalogue of omissions.
    """
    chosen = {item.theme for item in agenda}
    chosen |= {t for item in agenda for t in _prompt_themes(content, item.prompt_id)}
    facts = CaseFacts.of(detail.case, detail.date)
    return tuple(
        theme.title
        for theme in content.themes
        if theme.id not in chosen
        and not theme.conditions.empty
        and conditions_fit(theme.conditions, facts)[0]
    )


def _prompt_themes(content: Content, prompt_id: str) -> tuple[str, ...]:
    prompt = content.prompt(prompt_id)
    return prompt.themes if prompt is not None else ()


def with_hypotheses(
    sections: list[RecordStage], hypotheses: Sequence[RecordHypothesis]
) -> tuple[list[RecordStage], bool]:
    """The hypotheses printed at the first hypotheses prompt on the agenda (the tool is that
    prompt's answer); other hypotheses prompts without a text answer are left out.

    Returns the sections and whether the hypotheses were placed.
    """
    rows = tuple(_hypothesis_row(n, h) for n, h in enumerate(hypotheses, start=1))
    placed = False
    out = []
    for section in sections:
        prompts = []
        for prompt in section.prompts:
            if prompt.opens_hypotheses and not prompt.answer.strip():
                if placed or not rows:
                    continue
                prompt = replace(prompt, rows=rows)
                placed = True
            prompts.append(prompt)
        if prompts:
            out.append(replace(section, prompts=tuple(prompts)))
    return out, placed


def _hypothesis_row(number: int, h: RecordHypothesis) -> RecordRow:
    lines = [f"{label} {text}" for label, text in hypothesis_details(h)]
    return RecordRow(f"{LABELS.hypothesis} {number}", hypothesis_line(h), "\n".join(lines))


def hypothesis_line(h: RecordHypothesis) -> str:
    """A hypothesis with its status and when it was raised, on one line."""
    return f"{h.text} ({h.status}, {LABELS.hypothesis_raised} {h.raised_text})"


def hypothesis_details(h: RecordHypothesis) -> list[tuple[str, str]]:
    """(label, text) of its basis, test, reviews and evaluation; none unless discussed today."""
    if not h.discussed:
        return []
    details = (
        (LABELS.hypothesis_basis, h.basis),
        (LABELS.hypothesis_test, h.test_plan),
        (LABELS.hypothesis_reviews, "\n".join(h.reviews)),
        (LABELS.hypothesis_evaluation, h.evaluation),
    )
    return [(label, text) for label, text in details if text.strip()]
