"""The SQLite triggers of the audit trail: the autosave's bookkeeping, and its protection.

- :func:`edit_audit_triggers`: saving an edit is one UPDATE; the session's last edit and its
  "edited" audit entry follow inside the database.
- :data:`AUDIT_TRIGGERS` refuse any DELETE and any UPDATE of a hashed column of
  ``audit_events``, and keep the newest entry's id and hash in ``app_meta`` (``audit_head``).
  Their names are :data:`~supervision_app.storage.audit_chain.PROTECTION_TRIGGERS`; verify
  reports any missing (``storage/audit_chain.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supervision_app.storage.audit import EDIT_COALESCE, NO_USER
from supervision_app.storage.audit_chain import HEAD_KEY, PROTECTION_TRIGGERS

if TYPE_CHECKING:
    from sqlalchemy import Connection

#: The timestamp format SQLAlchemy stores a DateTime in on SQLite, to the whole second.
SECOND_TEXT = "strftime('%Y-%m-%d %H:%M:%S', {t}) || '.000000'"


def edit_audit_triggers() -> list[str]:
    """Triggers that do the bookkeeping of an autosave in the database, so that saving an
    edit is one UPDATE and a commit: when an answer's text (or a structured tool's data)
    changes, the session's last edit moves to the answer's time and the session's latest
    "edited" audit entry by the current user within ``EDIT_COALESCE`` is extended, or a new
    one is added (the same rules as :func:`~supervision_app.storage.audit.record_edit`, which
    still covers the first save of an answer, an INSERT).  No note text is copied anywhere."""
    now = SECOND_TEXT.format(t="NEW.updated_at")
    since = SECOND_TEXT.format(
        t=f"NEW.updated_at, '-{int(EDIT_COALESCE.total_seconds())} seconds'"
    )
    current = (
        "(SELECT name, role FROM local_users ORDER BY last_used_at DESC, id DESC LIMIT 1)"
    )
    name = f"coalesce((SELECT name FROM {current}), '{NO_USER}')"
    latest_matches = (
        "SELECT 1 FROM audit_events WHERE id = (SELECT max(id) FROM audit_events "
        "WHERE session_id = NEW.session_id) AND event = 'edited' "
        f"AND user_name = {name} AND last_at >= {since}"
    )
    body = (
        f"UPDATE sessions SET updated_at = {now} WHERE id = NEW.session_id; "
        "INSERT INTO audit_events "
        "(session_id, case_reference, at, last_at, user_name, user_role, event, detail) "
        f"SELECT NEW.session_id, c.reference, {now}, {now}, {name}, "
        f"coalesce((SELECT role FROM {current}), ''), 'edited', '' "
        "FROM sessions s JOIN cases c ON c.id = s.case_id "
        f"WHERE s.id = NEW.session_id AND NOT EXISTS ({latest_matches}); "
        f"UPDATE audit_events SET last_at = {now} WHERE id = (SELECT max(id) FROM audit_events "
        "WHERE session_id = NEW.session_id) AND event = 'edited' AND last_at < "
        f"{now};"
    )
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_edit_audit AFTER UPDATE OF {column} ON {table} "
        f"BEGIN {body} END"
        for table, column in (("answers", "text"), ("structured_answers", "data"))
    ]


def ensure_edit_audit(connection: Connection) -> None:
    """Create the triggers of :func:`edit_audit_triggers` if they are missing (every open)."""
    for statement in edit_audit_triggers():
        connection.exec_driver_sql(statement)


#: name -> the statement that creates it when missing.
AUDIT_TRIGGERS = {
    "audit_events_append_only_delete": (
        "CREATE TRIGGER IF NOT EXISTS audit_events_append_only_delete BEFORE DELETE ON "
        "audit_events BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
    ),
    "audit_events_append_only_update": (
        "CREATE TRIGGER IF NOT EXISTS audit_events_append_only_update BEFORE UPDATE OF "
        "id, session_id, case_reference, at, user_name, user_role, event, detail, prev_hash, "
        "row_hash ON audit_events WHEN OLD.row_hash IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
    ),
    "audit_events_head": (
        "CREATE TRIGGER IF NOT EXISTS audit_events_head AFTER UPDATE OF row_hash ON "
        "audit_events WHEN NEW.row_hash IS NOT NULL BEGIN "
        f"INSERT OR REPLACE INTO app_meta (key, value) VALUES ('{HEAD_KEY}', "
        "NEW.id || ':' || NEW.row_hash); END"
    ),
}
assert set(AUDIT_TRIGGERS) == PROTECTION_TRIGGERS


def ensure_audit_triggers(conn: Connection) -> None:
    """Create the audit trail's append-only triggers that are missing."""
    for statement in AUDIT_TRIGGERS.values():
        conn.exec_driver_sql(statement)

