"""A session from before the agenda: its answered prompts only, stage by stage, and the
answers to prompts no longer in the content under "Earlier answers".

Also the answers a session view shows: those stored, overlaid with text the writer has not
yet managed to commit. The texts keep their "SessionView" translation context.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from functools import partial

from PySide6.QtCore import QCoreApplication

from supervision_app.content import Content
from supervision_app.domain import Answer, SessionDetail, StructuredAnswer
from supervision_app.ui.stage_navigator import MARKER_EARLIER
from supervision_app.ui.stage_page import StagePage
from supervision_app.ui.stage_slot import StageSlot


def answers_with_unsaved_text(
    detail: SessionDetail, content: Content, unsaved: Mapping[str, str]
) -> tuple[dict[str, Answer], dict[str, StructuredAnswer]]:
    """Stored answers, overlaid with ``unsaved`` text (prompt id -> text) not yet committed."""
    answers = dict(detail.answers)
    tools = dict(detail.structured)
    for prompt_id, text in unsaved.items():
        prompt = content.prompt(prompt_id)
        if prompt is not None and prompt.structured:
            data = json.loads(text) if text else {}
            stored = tools.get(prompt_id)
            tools[prompt_id] = StructuredAnswer(  # at the stored version: the typing is based on it
                prompt_id, prompt.stage_id, prompt.text, prompt.kind, data,
                version=stored.version if stored is not None else 0,
            )
        elif prompt_id in answers:
            answers[prompt_id].text = text
        elif prompt is not None:
            answers[prompt_id] = Answer(prompt_id, prompt.stage_id, prompt.text, text)
    return answers, tools


def answered_stage_slots(
    content: Content,
    answers: dict[str, Answer],
    tools: dict[str, StructuredAnswer],
    children: list[str],
    answered: Mapping[str, bool],
) -> list[StageSlot]:
    """The slots of a session from before the agenda: each stage with an answered prompt,
    then the earlier answers (their pages are built when first shown)."""
    # Answers under the ids of merged prompts show under their new home, not as "earlier".
    known = {i for s in content.stages for p in s.prompts for i in (p.id, *p.aliases)}
    tool_ids = {p.id for s in content.stages for p in s.prompts if p.structured}
    retired: dict[str, list[Answer]] = defaultdict(list)
    for answer in sorted(answers.values(), key=lambda a: a.prompt_id):
        if answer.prompt_id not in known and answer.text.strip():
            home = answer.stage_id if content.stage(answer.stage_id) else ""
            retired[home].append(answer)
    retired_tools: dict[str, list[StructuredAnswer]] = defaultdict(list)
    for tool in sorted(tools.values(), key=lambda t: t.prompt_id):
        if tool.prompt_id not in tool_ids and tool.filled:
            home = tool.stage_id if content.stage(tool.stage_id) else ""
            retired_tools[home].append(tool)

    slots = []
    total = len(content.stages)
    for number, stage in enumerate(content.stages, start=1):
        kept = retired.get(stage.id, [])
        shown = {p.id for p in stage.prompts if any(answered.get(i) for i in (p.id, *p.aliases))}
        if not shown and not kept and not retired_tools.get(stage.id):
            continue
        slots.append(
            StageSlot(
                stage.title,
                str(number),
                partial(
                    StagePage.for_stage,
                    stage,
                    number,
                    total,
                    content,
                    answers,
                    kept,
                    tools,
                    children,
                    retired_tools.get(stage.id, []),
                    shown,
                ),
                [p.id for p in stage.prompts if p.id in shown],
                [a.prompt_id for a in kept],
            )
        )
    if retired.get("") or retired_tools.get(""):
        slots.append(
            StageSlot(
                QCoreApplication.translate("SessionView", "Earlier answers"),
                MARKER_EARLIER,
                partial(earlier_page, retired[""], retired_tools[""]),
                [],
                [a.prompt_id for a in retired[""]],
            )
        )
    return slots


def earlier_page(answers: list[Answer], tools: list[StructuredAnswer] | None = None) -> StagePage:
    page = StagePage(
        eyebrow=QCoreApplication.translate("SessionView", "Kept from earlier versions"),
        title=QCoreApplication.translate("SessionView", "Earlier answers"),
        summary=QCoreApplication.translate(
            "SessionView",
            "Answers to questions from stages that are no longer in the prompts. "
            "They are kept exactly as written.",
        ),
    )
    page.add_retired(answers, tools)
    return page
