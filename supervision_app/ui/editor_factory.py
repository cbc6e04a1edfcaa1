"""The editor for a structured prompt: the checklist, the day in the life or the records tool.

Apart from :mod:`.structured_editor`, the base the three editors import, so that the base
imports none of them."""

from __future__ import annotations

from supervision_app.content import Prompt
from supervision_app.ui.checklist_editor import ChecklistEditor
from supervision_app.ui.day_in_life_editor import DayInLifeEditor
from supervision_app.ui.records_editor import RecordsEditor
from supervision_app.ui.structured_editor import StructuredEditor


def make_editor(prompt: Prompt, children: list[str]) -> StructuredEditor:
    """The editor for a structured prompt (``children``: the case's children, for the day tool)."""
    if prompt.kind == "checklist":
        return ChecklistEditor(prompt)
    if prompt.kind == "day_in_life":
        return DayInLifeEditor(prompt, children)
    return RecordsEditor(prompt)
