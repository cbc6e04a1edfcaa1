"""Plain, already-loaded data for rendering a supervision record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class RecordRow:
    """One line of a structured tool's answer, ready to print.

    ``section`` groups rows (a child's name in the day in the life); ``label`` is
    the item or mark, ``value`` the answer, ``note`` any further words.
    """

    label: str
    value: str
    note: str = ""
    section: str = ""


@dataclass(frozen=True, slots=True)
class RecordPrompt:
    prompt_id: str
    text: str
    why: str
    source: str
    group: str
    answer: str
    #: True when the prompt is no longer in the current content (answer kept from an older version).
    retired: bool = False
    #: A structured tool's answer as rows (empty for free-text prompts).
    rows: tuple[RecordRow, ...] = ()
    #: A short line under the rows, e.g. the checklist items nobody marked.
    rows_note: str = ""

    @property
    def answered(self) -> bool:
        return bool(self.answer.strip()) or bool(self.rows)


@dataclass(frozen=True, slots=True)
class RecordStage:
    id: str
    number: int
    title: str
    summary: str
    source: str
    prompts: tuple[RecordPrompt, ...]

    @property
    def answered(self) -> tuple[RecordPrompt, ...]:
        return tuple(p for p in self.prompts if p.answered)

    @property
    def not_discussed(self) -> tuple[RecordPrompt, ...]:
        return tuple(p for p in self.prompts if not p.answered)


@dataclass(frozen=True, slots=True)
class RecordChild:
    name: str
    detail: str


@dataclass(frozen=True, slots=True)
class RecordDecision:
    number: int
    text: str
    rationale: str


@dataclass(frozen=True, slots=True)
class RecordAction:
    number: int
    description: str
    owner: str
    due: date | None
    due_text: str
    status: str


@dataclass(frozen=True, slots=True)
class SessionRecord:
    marking: str
    case_reference: str
    session_uid: str
    session_date: date
    session_date_text: str
    attendees: tuple[str, ...]
    practitioner: str
    supervisor: str
    agencies: tuple[str, ...]
    children: tuple[RecordChild, ...]
    stages: tuple[RecordStage, ...]
    decisions: tuple[RecordDecision, ...]
    actions: tuple[RecordAction, ...]
    content_version: str
    app_version: str
    generated_at: datetime
    last_edited: datetime

    @property
    def title(self) -> str:
        return f"Supervision record: {self.case_reference}, {self.session_date_text}"
