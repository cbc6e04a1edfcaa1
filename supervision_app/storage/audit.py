"""The audit trail.

:class:`AuditStore` is ``store.audit``; :func:`record_audit` is called inside the store's
own units of work.  Audit
entries never contain note text: only what happened, to which record, when and
by whom.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from typing import cast

from sqlalchemy import Table, Update, bindparam, func, select, update
from sqlalchemy.orm import Session

from supervision_app.domain import AuditEntry, AuditEvent
from supervision_app.storage.audit_chain import seal_entry
from supervision_app.storage.backend import dialect_of
from supervision_app.storage.database import Database
from supervision_app.storage.models import AuditEventRow, LocalUserRow, SessionRow

#: Edits by the same user closer together than this are one "edited" entry (from ... to ...).
EDIT_COALESCE = timedelta(minutes=30)
NO_USER = "(no named user)"


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def current_user_row(session: Session) -> LocalUserRow | None:
    return session.scalar(
        select(LocalUserRow).order_by(LocalUserRow.last_used_at.desc(), LocalUserRow.id.desc())
    )


def record_audit(
    session: Session,
    session_id: int | None,
    event: AuditEvent,
    detail: str = "",
    *,
    signer: tuple[str, str] | None = None,
) -> None:
    """Add an entry to the trail (coalescing a run of edits by the same user).

    A signature (``signer``: name and role as signed) names the signer as the one who did
    it, and says separately who recorded it on this computer (the named user): otherwise a
    supervisor recording both signatures reads as signing for the practitioner."""
    now = _now()
    user = current_user_row(session)
    name, role = (user.name, user.role) if user else (NO_USER, "")
    if signer is not None:
        if not dialect_of(session.connection()).identity_from_login:
            recorder = f"{name} ({role})" if role else name
            detail = "; ".join(filter(None, (detail, f"recorded on this computer by {recorder}")))
        # (on the agency server the signer is the login, who is also the one recording it)
        name, role = signer
    if event == AuditEvent.EDITED and not detail:  # an edit with its own detail stands alone
        last = session.scalar(
            select(AuditEventRow)
            .where(AuditEventRow.session_id == session_id)
            .order_by(AuditEventRow.id.desc())
        )
        if (
            last is not None
            and last.event == AuditEvent.EDITED.value
            and last.user_name == name
            and now - last.last_at <= EDIT_COALESCE
        ):
            last.last_at = now
            return
    reference = ""
    if session_id is not None:
        parent = session.get(SessionRow, session_id)
        if parent is not None:
            reference = parent.case.reference
    row = AuditEventRow(
        session_id=session_id,
        case_reference=reference,
        at=now,
        last_at=now,
        user_name=name,
        user_role=role,
        event=event.value,
        detail=detail,
    )
    session.add(row)
    session.flush()  # the INSERT takes the write lock, so the chain below cannot fork
    seal_entry(session.connection(), row.id)
    session.expire(row, ["prev_hash", "row_hash"])


def record_edit(session: Session, session_id: int, when: datetime) -> None:
    """The "edited" entry of an autosave, with lean, prepared Core statements.

    One UPDATE of the session's last edit and, when its latest audit entry is an
    "edited" entry by the current user within :data:`EDIT_COALESCE` (nearly always
    while typing), one UPDATE extending it; otherwise :func:`record_audit`.
    """
    touch, extend = _edit_statements()
    conn = session.connection()
    now = when.replace(microsecond=0)
    conn.execute(touch, {"b_session": session_id, "updated_at": now})
    extended = conn.execute(
        extend, {"b_session": session_id, "b_since": now - EDIT_COALESCE, "last_at": now}
    )
    if extended.rowcount != 1:
        record_audit(session, session_id, AuditEvent.EDITED)


@cache
def _edit_statements() -> tuple[Update, Update]:
    """Built once: constructing statements costs more than running them (autosave path)."""
    sessions, events = cast(Table, SessionRow.__table__), cast(Table, AuditEventRow.__table__)
    users = LocalUserRow.__table__
    touch = update(sessions).where(sessions.c.id == bindparam("b_session"))
    current = (
        select(users.c.name)
        .order_by(users.c.last_used_at.desc(), users.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    latest = (
        select(events.c.id)
        .where(events.c.session_id == bindparam("b_session"))
        .order_by(events.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    extend = update(events).where(
        events.c.id == latest,
        events.c.event == AuditEvent.EDITED.value,
        events.c.user_name == func.coalesce(current, NO_USER),
        events.c.last_at >= bindparam("b_since", type_=events.c.last_at.type),
    )
    return touch, extend


class AuditStore:
    """``store.audit``: the events noted on a record and its audit trail."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- the trail -------------------------------------------------------------------

    def record_event(self, session_id: int, event: AuditEvent, detail: str = "") -> None:
        """Note that the record was exported or printed (``detail``: what, never note text)."""
        with self.database.session() as session:
            record_audit(session, session_id, event, detail)

    def audit_trail(self, session_id: int) -> list[AuditEntry]:
        with self.database.read() as session:
            rows = session.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.session_id == session_id)
                .order_by(AuditEventRow.id)
            )
            return [
                AuditEntry(
                    r.at,
                    r.last_at,
                    f"{r.user_name} ({r.user_role})" if r.user_role else r.user_name,
                    AuditEvent(r.event),
                    r.detail,
                )
                for r in rows
            ]
