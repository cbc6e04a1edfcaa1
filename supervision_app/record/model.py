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
    """One section of the discussion: a stage of the content, or a run of the agenda.

    Only its answered prompts are ever printed: a record never lists the questions that
    were not asked (a later reader could take such a list for a catalogue of omissions).
    """

    id: str
    number: int
    title: str
    summary: str
    source: str
    prompts: tuple[RecordPrompt, ...]
    #: The section's heading when it is a part of the agenda ("" : "Stage N: title").
    heading: str = ""

    @property
    def answered(self) -> tuple[RecordPrompt, ...]:
        return tuple(p for p in self.prompts if p.answered)

    @property
    def sources(self) -> str:
        """The section's sources in one compact note: each citation once, in order of use."""
        seen: dict[str, None] = {}
        for text in (self.source, *(p.source for p in self.answered)):
            for citation in text.split("; "):
                if citation.strip():
                    seen.setdefault(citation.strip())
        return "; ".join(seen)


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
class RecordPreviousAction:
    """An action from an earlier session, reviewed in this one (filled in by case memory)."""

    description: str
    owner: str
    due_text: str
    status: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class RecordEscalation:
    """An escalation open or raised for this case (filled in by the escalation tracker)."""

    raised_text: str
    concern: str
    raised_with: str
    level: str
    status: str
    outcome: str = ""


@dataclass(frozen=True, slots=True)
class RecordHypothesis:
    """A hypothesis current at the session, or raised or reviewed in it (from case memory)."""

    text: str
    status: str
    raised_text: str
    basis: str = ""
    test_plan: str = ""
    reviews: tuple[str, ...] = ()  # "date — status. Tested: … Found: …", up to the session
    evaluation: str = ""
    #: Raised or reviewed in this session; otherwise printed on one line (text and status).
    discussed: bool = True


@dataclass(frozen=True, slots=True)
class RecordRating:
    """The session's scaling ratings, 0 to 10 ("" when not rated)."""

    child_safety: str
    worker_safety: str


@dataclass(frozen=True, slots=True)
class RecordWellbeing:
    """The practitioner's wellbeing section: (heading, text) pairs, printed only by choice."""

    entries: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class RecordScaling:
    """A child's safety scaling at the summary: ``score`` is "3 / 10", or "" when not scaled."""

    child: str
    score: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class RecordSummary:
    """What the record's first page leads with (from the session's Today and Summary steps)."""

    #: What the practitioner brought today: the question they needed help with.
    question: str = ""
    #: (child, main worry), in the case's child order; children without a worry are left out.
    main_worries: tuple[tuple[str, str], ...] = ()
    #: The check-in, only when the practitioner chose to print it ("" otherwise).
    check_in: str = ""
    reflection: str = ""
    #: Signs of Safety's three columns.
    worries: str = ""
    working_well: str = ""
    needs_to_happen: str = ""
    #: The citation for the three columns (the Cumbria response that endorses Signs of Safety).
    columns_source: str = ""
    scaling: tuple[RecordScaling, ...] = ()
    #: What the ends of the scale mean, e.g. ("0: ...", "10: ...").
    scaling_anchors: tuple[str, ...] = ()
    next_review_text: str = ""
    #: Titles of the content's themes not on today's agenda (empty: no agenda, or all chosen).
    themes_not_chosen: tuple[str, ...] = ()

    @property
    def has_focus(self) -> bool:
        return bool(self.question.strip() or self.main_worries)

    @property
    def has_columns(self) -> bool:
        return any(t.strip() for t in (self.worries, self.working_well, self.needs_to_happen))


@dataclass(frozen=True, slots=True)
class RecordSignoff:
    party: str
    name: str
    role: str
    signed_text: str
    comment: str = ""
    disagreement: str = ""


@dataclass(frozen=True, slots=True)
class RecordAddendum:
    number: int
    author: str
    role: str
    written_text: str
    text: str
    late: bool = False


@dataclass(frozen=True, slots=True)
class RecordAuditEntry:
    when_text: str
    user: str
    event: str
    detail: str = ""


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
    previous_actions: tuple[RecordPreviousAction, ...] = ()
    escalations: tuple[RecordEscalation, ...] = ()
    #: None unless the practitioner chose (at sign-off) to include the wellbeing section.
    wellbeing: RecordWellbeing | None = None
    signoffs: tuple[RecordSignoff, ...] = ()
    #: Both parties that must sign, in order, with whether each has signed.
    awaiting: tuple[str, ...] = ("Practitioner", "Supervisor")
    addenda: tuple[RecordAddendum, ...] = ()
    #: The short fingerprint of the signed record ("" while it is an unsigned draft).
    fingerprint: str = ""
    #: The audit trail, printed only when the user asks for it.
    audit: tuple[RecordAuditEntry, ...] = ()
    late_days: int = 7
    #: The structured hypotheses as they stood at this session (filled in by case memory).
    hypotheses: tuple[RecordHypothesis, ...] = ()
    rating: RecordRating | None = None
    #: For a signed record printed from its snapshot: what the live case data now says
    #: differently (never mixed into the record itself).
    changes: tuple[str, ...] = ()
    #: The first page: the focus, the three columns, scaling, next review (see RecordSummary).
    summary: RecordSummary = RecordSummary()
    #: True when the discussion follows the session's agenda (False: a session from before
    #: agendas, printed in stage order).
    has_agenda: bool = False

    @property
    def title(self) -> str:
        return f"Supervision record: {self.case_reference}, {self.session_date_text}"
