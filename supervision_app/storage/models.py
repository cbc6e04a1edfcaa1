"""SQLAlchemy 2 typed ORM models. Only the storage package imports these."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class MetaRow(Base):
    """Key/value facts about the database itself (application id, schema version)."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(256))


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(200), unique=True)
    practitioner: Mapped[str] = mapped_column(Text)
    supervisor: Mapped[str] = mapped_column(Text)
    agencies: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    #: Kept by triggers on ``sessions`` (``migrations.case_recency``): how many sessions the
    #: case has and the date of its latest, so the case list orders cases by an index
    #: instead of grouping every session.  Never written by the app itself.
    session_count: Mapped[int] = mapped_column(default=0, server_default="0")
    last_session: Mapped[date | None]

    children: Mapped[list[ChildRow]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="ChildRow.position"
    )
    sessions: Mapped[list[SessionRow]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )


class ChildRow(Base):
    __tablename__ = "children"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    date_of_birth: Mapped[date | None]
    age: Mapped[str] = mapped_column(String(40), default="")
    unborn: Mapped[bool] = mapped_column(default=False)

    case: Mapped[CaseRow] = relationship(back_populates="children")


class SessionRow(Base):
    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_case_date", "case_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    date: Mapped[date]
    attendees: Mapped[list[str]] = mapped_column(JSON, default=list)
    content_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    case: Mapped[CaseRow] = relationship(back_populates="sessions")
    answers: Mapped[list[AnswerRow]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )
    decisions: Mapped[list[DecisionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="DecisionRow.position"
    )
    actions: Mapped[list[ActionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ActionRow.position"
    )


class AnswerRow(Base):
    """An answer keeps a copy of its prompt's text and stage, so it survives content changes."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("session_id", "prompt_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    prompt_id: Mapped[str] = mapped_column(String(120))
    stage_id: Mapped[str] = mapped_column(String(64))
    prompt_text: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]
    #: Optimistic concurrency: raised by one on every change (storage/answer_writes.py).
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    session: Mapped[SessionRow] = relationship(back_populates="answers")


class DecisionRow(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    rationale: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ActionRow(Base):
    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


# -- case memory across sessions (issue 4) -----------------------------------------------


class ActionReviewRow(Base):
    """What was found when an open action was looked at again in a later session."""

    __tablename__ = "action_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    outcome: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text, default="")
    reviewed_on: Mapped[date]
    reviewed_at: Mapped[datetime]


class HypothesisRow(Base):
    __tablename__ = "hypotheses"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    raised_on: Mapped[date]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # schema version 4: the structured hypothesis
    basis: Mapped[str] = mapped_column(Text, default="", server_default="")
    test_plan: Mapped[str] = mapped_column(Text, default="", server_default="")
    evaluation: Mapped[str] = mapped_column(Text, default="", server_default="")

    notes: Mapped[list[HypothesisNoteRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="HypothesisNoteRow.id"
    )


class HypothesisNoteRow(Base):
    """How a hypothesis was tested, and the status it was given then."""

    __tablename__ = "hypothesis_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    hypothesis_id: Mapped[int] = mapped_column(
        ForeignKey("hypotheses.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    noted_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(Text, default="", server_default="")  # schema version 4


class EscalationRow(Base):
    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    subject: Mapped[str] = mapped_column(Text)
    raised_on: Mapped[date]
    timescale_days: Mapped[int]
    outcome: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None]
    updated_at: Mapped[datetime]

    steps: Mapped[list[EscalationStepRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EscalationStepRow.id"
    )


class EscalationStepRow(Base):
    """One stage of an escalation: the history is kept when it is stepped up."""

    __tablename__ = "escalation_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int] = mapped_column(
        ForeignKey("escalations.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    stage: Mapped[int]
    with_whom: Mapped[str] = mapped_column(Text)
    stepped_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    # schema version 4: the policy's name and timescale for the stage
    stage_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    days: Mapped[int | None]


class ChronologyEventRow(Base):
    __tablename__ = "chronology_events"
    __table_args__ = (Index("ix_chronology_case_date", "case_id", "happened_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    happened_on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(16), default="")
    created_at: Mapped[datetime]


class SessionRatingRow(Base):
    """The two 0-10 scaling ratings of one session."""

    __tablename__ = "session_ratings"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    child_safety: Mapped[int | None]
    worker_safety: Mapped[int | None]
    updated_at: Mapped[datetime]


class StructuredAnswerRow(Base):
    """An answer to a structured tool: its data as JSON, with the prompt's text and stage kept."""

    __tablename__ = "structured_answers"
    __table_args__ = (UniqueConstraint("session_id", "prompt_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    prompt_id: Mapped[str] = mapped_column(String(120))
    stage_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    prompt_text: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime]
    #: Optimistic concurrency, as for answers.
    version: Mapped[int] = mapped_column(default=1, server_default="1")


# -- record integrity: users, sign-offs, addenda, the hash chain, the audit trail -----------


class LocalUserRow(Base):
    """A named user of this installation (not an account: there is no password)."""

    __tablename__ = "local_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime]


class PreferenceRow(Base):
    """Record settings kept with the data (protective marking, late-entry days)."""

    __tablename__ = "record_preferences"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChainLinkRow(Base):
    """One sign-off or addendum: its content, the previous link's hash and its own."""

    __tablename__ = "record_chain_links"
    __table_args__ = (UniqueConstraint("session_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))  # "signoff" or "addendum"
    party: Mapped[str] = mapped_column(String(16), default="")  # practitioner / supervisor
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]
    comment: Mapped[str] = mapped_column(Text, default="")
    disagreement: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    include_wellbeing: Mapped[bool] = mapped_column(default=False)
    late: Mapped[bool] = mapped_column(default=False)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class ChainSealRow(Base):
    """The head of a session's chain: how many links and the last hash (detects truncation)."""

    __tablename__ = "record_chain_seals"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    links: Mapped[int]
    head_hash: Mapped[str] = mapped_column(String(64))


class RecordSnapshotRow(Base):
    """What a signed record shows, frozen at its first sign-off (see ``storage/snapshot.py``).

    ``kind`` is "signed" (the full snapshot the chain covers) or "legacy" (a record signed
    before snapshots: only its case reference, kept when the database was upgraded).
    """

    __tablename__ = "record_snapshots"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    taken_at: Mapped[datetime]
    content: Mapped[str] = mapped_column(Text)


class AuditEventRow(Base):
    """Who did what to a record, and when. Never holds note text.

    ``session_id`` is deliberately not a foreign key: the trail outlives the session.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int | None] = mapped_column(index=True)
    case_reference: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]
    last_at: Mapped[datetime]
    user_name: Mapped[str] = mapped_column(Text)
    user_role: Mapped[str] = mapped_column(Text, default="")
    event: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    #: The hash chain (storage/audit_chain.py): the previous entry's hash and this entry's.
    prev_hash: Mapped[str | None] = mapped_column(Text, default=None)
    row_hash: Mapped[str | None] = mapped_column(Text, default=None)


class SecurityEventRow(Base):
    """Key and file events (created, passphrase changed, key rotated, restored). Never content."""

    __tablename__ = "security_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(40))


class PersonalWordRow(Base):
    """A word the user added to "my words" for spell-check.  Often a child's or a family's
    name, so it lives here, in the encrypted database, and never in a spell-checker file."""

    __tablename__ = "personal_words"

    word: Mapped[str] = mapped_column(Text, primary_key=True)
    added_at: Mapped[datetime]


# -- the focused session (schema version 6) ----------------------------------------------------
# One row per session that has an agenda, Today or a summary; a session from before the focused
# session has none (no agenda: it opens and prints its answered prompts only).  The three parts
# are JSON written and read through ``domain/agenda_data.py``; ``next_review`` is also a column
# of its own, so Home can find reviews that fall due with an indexed query.


class SessionFocusRow(Base):
    __tablename__ = "session_focus"
    __table_args__ = (Index("ix_session_focus_next_review", "next_review"),)

    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    agenda: Mapped[list[Any]] = mapped_column(JSON, default=list)
    opening: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    closing: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    next_review: Mapped[date | None]
    updated_at: Mapped[datetime]


#: Home's overdue actions: open actions by due date, found without scanning every action.
ACTIONS_OPEN_DUE = Index("ix_actions_open_due", ActionRow.status, ActionRow.due_date)


def _ids_never_reused() -> None:
    """Every table with a whole-number ``id`` is AUTOINCREMENT: SQLite then never hands out
    an id again after its row was deleted, so history (the audit trail, links by id) can
    never attach to another record.  Tables added later get it too."""
    for table in Base.metadata.tables.values():
        column = table.c.get("id")
        if column is not None and column.primary_key and len(table.primary_key.columns) == 1:
            table.dialect_options["sqlite"]["autoincrement"] = True


_ids_never_reused()
