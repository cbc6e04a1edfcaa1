"""The named user of this installation and the record preferences (``store.settings``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from supervision_app.domain import DEFAULT_LATE_DAYS, LocalUser, ValidationError
from supervision_app.storage.database import Database
from supervision_app.storage.models import LocalUserRow, PreferenceRow

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
MAX_MARKING = 60


class SettingsStore:
    """``store.settings``: who uses this installation, the protective marking, late entries."""

    def __init__(self, database: Database) -> None:
        self.database = database

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
