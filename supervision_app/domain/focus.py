"""What a focused supervision holds, as plain records: the agenda's items, Today (the
opening) with what has changed since last time, the summary (the closing), and Home's lines.

Plain Python: no Qt, no SQLAlchemy, and no other domain module, so that
:class:`~supervision_app.domain.models.SessionDetail` can hold them.  The rules that make
and check them are in :mod:`.agenda`, :mod:`.since_last`, :mod:`.opening_closing` and
:mod:`.case_facts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class AgendaOrigin(StrEnum):
    CORE = "core"
    THEME = "theme"
    SINCE_LAST = "since_last"
    ADDED = "added"

    @property
    def label(self) -> str:
        return {
            "core": "Core route",
            "theme": "Theme",
            "since_last": "Since last time",
            "added": "Added",
        }[self.value]


@dataclass(frozen=True, slots=True)
class AgendaItem:
    prompt_id: str  # a prompt of the library (tool prompts open their tool)
    minutes: int  # this item's share of the time (editable)
    origin: AgendaOrigin = AgendaOrigin.CORE
    reason: str = ""  # why it is there, e.g. "Pattern: two refused referrals in six months"
    theme: str = ""  # theme id it came from ("" for the core route / added)


#: The planned length of a focused supervision, and the minutes set aside around the agenda.
DEFAULT_SESSION_MINUTES = 75
OPENING_MINUTES = 10  # Today: check-in, the question, since last time, the main worries
CLOSING_MINUTES = 15  # the summary: columns, scaling, decisions, actions, next review


@dataclass(frozen=True, slots=True)
class SinceLastItem:
    """One line of "what has changed since last time", pre-filled from the case memory."""

    key: str  # stable: "action:12", "escalation:3", "pattern:refused_referrals", "event:40"
    kind: str  # "action" | "escalation" | "pattern" | "event"
    text: str  # "Action 'GP review of Ruby's weight': overdue 12 days"
    prompt_id: str  # the prompt or tool that discussing it puts on the agenda
    choice: str = ""  # "" (not chosen yet) | "discuss" | "not_today"


SINCE_LAST_CHOICES = ("", "discuss", "not_today")
SINCE_LAST_KINDS = ("action", "escalation", "pattern", "event")


@dataclass(frozen=True, slots=True)
class SessionOpening:
    """Today: how the practitioner is, what they bring, what changed, the main worry per child."""

    check_in: str = ""
    print_check_in: bool = False  # the practitioner chooses whether the check-in is printed
    question: str = ""  # what the practitioner brings today
    since_last: tuple[SinceLastItem, ...] = ()
    main_worries: tuple[tuple[str, str], ...] = ()  # (child name, worry), in the case's child order

    @property
    def is_empty(self) -> bool:
        return not (
            self.check_in.strip()
            or self.question.strip()
            or any(w.strip() for _c, w in self.main_worries)
            or any(s.choice for s in self.since_last)
        )


@dataclass(frozen=True, slots=True)
class ChildScaling:
    child: str
    score: int | None  # 0..10; None = not scaled
    note: str = ""


@dataclass(frozen=True, slots=True)
class SessionClosing:
    """The summary step."""

    reflection: str = ""  # the key reflection and analysis, in a few lines
    worries: str = ""
    working_well: str = ""
    needs_to_happen: str = ""  # Signs of Safety's three columns
    scaling: tuple[ChildScaling, ...] = ()
    next_review: date | None = None
    planned_minutes: int = DEFAULT_SESSION_MINUTES

    @property
    def is_empty(self) -> bool:
        return not (
            self.reflection.strip()
            or self.worries.strip()
            or self.working_well.strip()
            or self.needs_to_happen.strip()
            or any(s.score is not None or s.note.strip() for s in self.scaling)
            or self.next_review is not None
        )


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """One line of Home: a case that needs attention, and why."""

    case_id: int
    reference: str
    urgency: int  # lower = more urgent
    reasons: tuple[str, ...]  # each line says why
    next_session_id: int | None = None  # an open (unsigned, empty) session to resume, if any
    #: The case's last session (None: never supervised), and the kinds of reason, for icons.
    last_session: date | None = None
    kinds: tuple[str, ...] = field(default=())
