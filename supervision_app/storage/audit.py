"""The named user of this installation, record preferences and the audit trail.

:class:`AuditMixin` adds these to :class:`~supervision_app.storage.store.SupervisionStore`;
:func:`record_audit` is called inside the store's own units of work.  Audit
entries never contain note text: only what happened, to which record, when and
by whom.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from supervision_app.domain import (
    DEFAULT_LATE_DAYS,
    AuditEntry,
    AuditEvent,
    LocalUser,
    ValidationError,
)
from supervision_app.storage.audit_chain import seal_entry
from supervision_app.storage.database import Database
from supervision_app.storage.models import AuditEventRow, LocalUserRow, PreferenceRow, SessionRow

#: Edits by the same user closer together than this are one "edited" entry (from ... to ...).
EDIT_COALESCE = timedelta(minutes=30)
NO_USER = "(no named user)"
DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
MAX_MARKING = 60


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
        recorder = f"{name} ({role})" if role else name
        detail = "; ".join(filter(None, (detail, f"recorded on this computer by {recorder}")))
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
        row = session.get(SessionRow, session_id)
        if row is not None:
            reference = row.case.reference
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
def _edit_statements():
    """Built once: constructing statements costs more than running them (autosave path)."""
    sessions, events, users = SessionRow.__table__, AuditEventRow.__table__, LocalUserRow.__table__
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


class AuditMixin:
    database: Database

    # -- the named user ------------------------------------------------------------

    def current_user(self) -> LocalUser | None:
        users = LocalUserRow.__table__  # the table, not the class: no ORM on the first screen
        with self.database.read() as session:
            row = session.connection().execute(
                select(users.c.id, users.c.name, users.c.role)
                .order_by(users.c.last_used_at.desc(), users.c.id.desc())
                .limit(1)
            ).first()
            return LocalUser(row.id, row.name, row.role) if row else None

    def set_current_user(self, name: str, role: str) -> LocalUser:
        """Choose (or add) the person using this installation. Not authentication."""
        name, role = " ".join(name.split()), " ".join(role.split())
        problems = []
        if not name:
            problems.append("Give your name.")
        if not role:
            problems.append("Give your role (for example Social worker, Team manager).")
        if len(name) > 200 or len(role) > 200:
            problems.append("Name and role must each be at most 200 characters.")
        if problems:
            raise ValidationError(problems)
        now = datetime.now()
        with self.database.session() as session:
            row = session.scalar(
                select(LocalUserRow).where(LocalUserRow.name == name, LocalUserRow.role == role)
            )
            if row is None:
                row = LocalUserRow(name=name, role=role, created_at=now, last_used_at=now)
                session.add(row)
            row.last_used_at = now
            session.flush()
            return LocalUser(row.id, row.name, row.role)

    def list_users(self) -> list[LocalUser]:
        with self.database.read() as session:
            rows = session.scalars(select(LocalUserRow).order_by(LocalUserRow.name))
            return [LocalUser(r.id, r.name, r.role) for r in rows]

    # -- preferences -----------------------------------------------------------------

    def _preference(self, key: str, default: str) -> str:
        with self.database.read() as session:
            row = session.get(PreferenceRow, key)
            return row.value if row else default

    def _set_preference(self, key: str, value: str) -> None:
        with self.database.session() as session:
            row = session.get(PreferenceRow, key)
            if row is None:
                session.add(PreferenceRow(key=key, value=value))
            else:
                row.value = value

    def protective_marking(self) -> str:
        return self._preference("marking", DEFAULT_MARKING)

    def set_protective_marking(self, marking: str) -> None:
        marking = " ".join(marking.split())
        if not marking or len(marking) > MAX_MARKING:
            raise ValidationError(
                [f"The protective marking must be 1 to {MAX_MARKING} characters."]
            )
        self._set_preference("marking", marking)

    def late_entry_days(self) -> int:
        try:
            return max(0, int(self._preference("late_days", str(DEFAULT_LATE_DAYS))))
        except ValueError:
            return DEFAULT_LATE_DAYS

    def set_late_entry_days(self, days: int) -> None:
        if not 0 <= days <= 3650:
            raise ValidationError(["The number of days must be between 0 and 3650."])
        self._set_preference("late_days", str(days))

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
