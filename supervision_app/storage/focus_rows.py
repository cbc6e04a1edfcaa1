"""A session's agenda, Today and summary as rows (inside the caller's unit of work).

Read by the session loader and written by the focus store and by an import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from supervision_app.domain.agenda_data import (
    FocusDataError,
    agenda_from_data,
    agenda_to_data,
    closing_from_data,
    closing_to_data,
    opening_from_data,
    opening_to_data,
)
from supervision_app.domain.focus import AgendaItem, SessionClosing, SessionOpening
from supervision_app.storage.models import SessionFocusRow


@dataclass(slots=True)
class Focus:
    """A session's agenda, Today and summary as stored (None: not started)."""

    agenda: list[AgendaItem] = field(default_factory=list)
    opening: SessionOpening | None = None
    closing: SessionClosing | None = None


def read_focus(session: Session, session_id: int, for_update: bool = False) -> Focus:
    """The stored agenda, Today and summary of a session (inside the caller's unit of work).

    A row that cannot be read (written by hand, or damaged) reads as no agenda rather than
    stopping the session from opening; Verify reports a signed record whose content changed.
    """
    row = session.get(SessionFocusRow, session_id, with_for_update=for_update or None)
    if row is None:
        return Focus()
    try:
        return Focus(
            agenda_from_data(row.agenda or []),
            opening_from_data(row.opening) if row.opening is not None else None,
            closing_from_data(row.closing) if row.closing is not None else None,
        )
    except FocusDataError:
        return Focus()


def write_focus(session: Session, session_id: int, focus: Focus, now: datetime) -> None:
    """Store all three parts (inside the caller's unit of work; no lock check)."""
    row = session.get(SessionFocusRow, session_id)
    if row is None:
        row = SessionFocusRow(session_id=session_id, agenda=[], updated_at=now)
        session.add(row)
    row.agenda = agenda_to_data(focus.agenda)
    row.opening = opening_to_data(focus.opening) if focus.opening is not None else None
    row.closing = closing_to_data(focus.closing) if focus.closing is not None else None
    row.next_review = focus.closing.next_review if focus.closing is not None else None
    row.updated_at = now
