"""Safe concurrent editing on the agency server.

**Autosave** uses optimistic concurrency.  Every answer row has a ``version`` that a trigger
raises by one on each change, whoever makes it.  A save says which version its text was based
on; if someone else has saved since, nothing is overwritten: :class:`AnswerConflictError`
carries both texts (and the server's version, to save over it once the user has chosen).
Saving the same text again (a retry after a lost reply) is not a conflict.

**Signing** is serialised per session with advisory locks held to the end of the transaction:
a second signer at the same moment is refused at once with :class:`SigningBusyError` (the
chain is read only after the lock is held, so it stays one chain), and a signing waits for
autosaves already under way, while autosaves that come after it wait for it and then see the
signature (``LockedSessionError``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from supervision_app.domain import ValidationError
from supervision_app.storage.answer_writes import SavedAnswer, write_versioned
from supervision_app.storage.conflict import AnswerConflictError
from supervision_app.storage.models import AnswerRow

#: Advisory-lock namespaces (first key; the second is the session id).
SIGN_LOCK = 0x5355_5300  # one signer at a time
EDIT_LOCK = 0x5355_4500  # autosaves share it; a signing holds it alone
VERSIONED = ("answers", "structured_answers")
__all__ = ["AnswerConflictError", "SavedAnswer", "SigningBusyError", "save_answer", "take_signing_turn"]
BUSY_MESSAGE = (
    "Someone else is signing or adding to this record at this moment. Nothing was saved; "
    "try again in a moment."
)


class SigningBusyError(ValidationError):
    """Another signing of the same record is under way; the message is fit to show (the
    sign-off and addendum dialogs show it as they show every refusal)."""

    def __init__(self, message: str = BUSY_MESSAGE) -> None:
        super().__init__([message])


def statements(schema: str) -> list[str]:
    found = [
        "CREATE FUNCTION supervision_next_version() RETURNS trigger LANGUAGE plpgsql "
        f"SET search_path = pg_catalog, {schema} AS $fn$ BEGIN "
        "NEW.version := OLD.version + 1; RETURN NEW; END $fn$",
    ]
    for table in VERSIONED:  # the column comes with the ORM's tables (revision 0002)
        found += [
            f"CREATE TRIGGER {table}_version BEFORE UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION supervision_next_version()",
        ]
    return found


_TURN = "SELECT pg_advisory_xact_lock_shared(%s, %s)"
_QUICK_UPDATE = (
    "UPDATE answers SET text = %s, updated_at = %s, version = version + 1 "
    "WHERE session_id = %s AND prompt_id = %s AND version = %s AND NOT EXISTS "
    "(SELECT 1 FROM record_chain_links WHERE session_id = %s AND kind = 'signoff') "
    "RETURNING version"
)


def quick_save(
    conn: Any, session_id: int, prompt_id: str, answer: str, when: datetime, seen: int
) -> int | None:
    """The autosave's common case on a psycopg connection held for it, in one round trip:
    one pipeline holds the transaction, the edit turn (so it runs behind a signing under way,
    and the UPDATE's own snapshot, taken after the turn, sees that signature), the UPDATE over
    version ``seen`` unless signed, and the commit.  The turn and the UPDATE are prepared
    statements, so the server plans them (and their row-level security) once per connection,
    not at every save; the text goes as a bound parameter.  The new version, or None when
    nothing changed (the caller finds out why in a unit of work, :func:`save_answer`'s rules).
    An error leaves the transaction to the caller's handling (``HeldConnection`` drops the
    connection)."""
    if not conn.autocommit:  # the pipeline says BEGIN and COMMIT itself
        conn.autocommit = True
    with conn.pipeline():
        conn.execute("BEGIN")
        conn.execute(_TURN, (EDIT_LOCK, session_id), prepare=True)
        cursor = conn.execute(
            _QUICK_UPDATE,
            (answer, when, session_id, prompt_id, seen, session_id),
            prepare=True,
        )
        conn.execute("COMMIT")
    row = cursor.fetchone()
    return None if row is None else int(row[0])


def take_edit_turn(conn: Connection, session_id: int) -> None:
    """An autosave's turn (shared): it waits for a signing of the session under way."""
    conn.execute(text("SELECT pg_advisory_xact_lock_shared(:ns, :session)"),
                 {"ns": EDIT_LOCK, "session": session_id})  # fmt: skip


def save_answer(
    session: Session,
    session_id: int,
    prompt_id: str,
    stage_id: str,
    prompt_text: str,
    answer: str,
    seen_version: int | None,
    when: datetime | None = None,
) -> SavedAnswer:
    """Save ``answer`` over the version the editor saw (``None``: it saw no answer), with the
    store's rules (``storage/answer_writes.py``): raises :class:`AnswerConflictError`
    (someone else saved in between), ``LockedSessionError`` (signed) or ``NotFoundError``.
    Call inside a transaction; "saved" holds once it commits."""
    now = when or datetime.now()
    version, _inserted = write_versioned(
        session,
        AnswerRow,
        session_id,
        prompt_id,
        {"text": answer, "updated_at": now},
        {"stage_id": stage_id, "prompt_text": prompt_text},
        seen_version,
        take_edit_turn,
    )
    return SavedAnswer(version, now)


def take_signing_turn(session: Session, session_id: int) -> None:
    """Hold this session's signing to this transaction, or raise :class:`SigningBusyError`.

    Call first in the signing transaction, before the chain is read."""
    conn = session.connection()
    taken = conn.scalar(
        text("SELECT pg_try_advisory_xact_lock(:ns, :session)"),
        {"ns": SIGN_LOCK, "session": session_id},
    )
    if not taken:
        raise SigningBusyError(BUSY_MESSAGE)
    conn.execute(text("SELECT pg_advisory_xact_lock(:ns, :session)"),
                 {"ns": EDIT_LOCK, "session": session_id})  # fmt: skip
