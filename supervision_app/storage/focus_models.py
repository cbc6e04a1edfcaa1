"""The table of a focused supervision's agenda, Today and summary (schema version 6).

One row per session that has any of them; a session from before the focused session has none
(no agenda: it opens and prints its answered prompts only).  The three parts are JSON written
and read through ``domain/agenda_data.py``; ``next_review`` is also a column of its own, so
Home can find reviews that fall due with an indexed query.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from supervision_app.storage.models import ActionRow, Base


class SessionFocusRow(Base):
    __tablename__ = "session_focus"
    __table_args__ = (Index("ix_session_focus_next_review", "next_review"),)

    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    agenda: Mapped[list] = mapped_column(JSON, default=list)
    opening: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    closing: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    next_review: Mapped[date | None]
    updated_at: Mapped[datetime]


#: Home's overdue actions: open actions by due date, found without scanning every action.
ACTIONS_OPEN_DUE = Index("ix_actions_open_due", ActionRow.status, ActionRow.due_date)
