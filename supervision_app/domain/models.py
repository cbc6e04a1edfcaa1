"""The objects that the storage layer returns and the UI and renderers consume."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from supervision_app.domain.structured import StructuredAnswer

if TYPE_CHECKING:  # only named in annotations: the first paint's reader needs no focus model
    from supervision_app.domain.focus import AgendaItem, SessionClosing, SessionOpening


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    NOT_DONE = "not_done"

    @property
    def label(self) -> str:
        return {"open": "Open", "done": "Done", "not_done": "Not done"}[self.value]


@dataclass(slots=True)
class Child:
    """A child on the case. ``date_of_birth`` is the expected date when ``unborn``."""

    name: str
    date_of_birth: date | None = None
    age: str = ""
    unborn: bool = False


@dataclass(slots=True)
class CaseInput:
    """What the user types to create or edit a case."""

    reference: str
    practitioner: str
    supervisor: str
    agencies: list[str] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)


@dataclass(slots=True)
class CaseDetail(CaseInput):
    id: int = 0
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CaseSummary:
    id: int
    reference: str
    practitioner: str
    supervisor: str
    children: str
    session_count: int
    last_session: date | None


@dataclass(frozen=True, slots=True)
class SessionSummary:
    id: int
    uid: str
    case_id: int
    date: date
    attendees: tuple[str, ...]
    answered: int
    updated_at: datetime


@dataclass(slots=True)
class Answer:
    prompt_id: str
    stage_id: str
    prompt_text: str
    text: str
    updated_at: datetime | None = None
    #: The row version the text was read at (optimistic concurrency: a save says which
    #: version it was based on).  Not part of the answer's value: copies compare equal.
    version: int = field(default=0, compare=False)


@dataclass(slots=True)
class Decision:
    id: int
    text: str
    rationale: str


@dataclass(slots=True)
class Action:
    id: int
    description: str
    owner: str
    due_date: date | None
    status: ActionStatus = ActionStatus.OPEN


@dataclass(slots=True)
class SessionDetail:
    id: int
    uid: str
    case: CaseDetail
    date: date
    attendees: list[str]
    content_version: str
    created_at: datetime
    updated_at: datetime
    answers: dict[str, Answer] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    #: Answers to the structured tools, by prompt id (see ``domain/structured.py``).
    structured: dict[str, StructuredAnswer] = field(default_factory=dict)
    #: The focused session (``domain/focus.py``): today's agenda in order (empty: a session
    #: from before the focused session, which has no agenda), Today and the summary (None:
    #: not started).
    agenda: list[AgendaItem] = field(default_factory=list)
    opening: SessionOpening | None = None
    closing: SessionClosing | None = None
