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

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from supervision_app.domain import ValidationError
from supervision_app.storage.conflict import AnswerConflictError
from supervision_app.storage.loading import NotFoundError
from supervision_app.storage.signing import require_unlocked

#: Advisory-lock namespaces (first key; the second is the session id).
SIGN_LOCK = 0x5355_5300  # one signer at a time
EDIT_LOCK = 0x5355_4500  # autosaves share it; a signing holds it alone
VERSIONED = ("answers", "structured_answers")
__all__ = ["AnswerConflictError", "SigningBusyError", "save_answer", "take_signing_turn"]
BUSY_MESSAGE = (
    "Someone else is signing or adding to this record at this moment. Nothing was saved; "
    "try again in a moment."
)


class SigningBusyError(ValidationError):
    """Another signing of the same record is under way; the message is fit to show (the
    sign-off and addendum dialogs show it as they show every refusal)."""

    def __init__(self, message: str = BUSY_MESSAGE) -> None:
        super().__init__([message])


@dataclass(frozen=True, slots=True)
class SavedAnswer:
    version: int
    saved_at: datetime


def statements(schema: str) -> list[str]:
    found = [
        "CREATE FUNCTION supervision_next_version() RETURNS trigger LANGUAGE plpgsql "
        f"SET search_path = pg_catalog, {schema} AS $fn$ BEGIN "
        "NEW.version := OLD.version + 1; RETURN NEW; END $fn$",
    ]
    for table in VERSIONED:
        found += [
            f"ALTER TABLE {table} ADD COLUMN version integer NOT NULL DEFAULT 1",
            f"CREATE TRIGGER {table}_version BEFORE UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION supervision_next_version()",
        ]
    return found


_NOT_SIGNED = (
    "NOT EXISTS (SELECT 1 FROM record_chain_links WHERE session_id = :session AND kind = 'signoff')"
)
_UPDATE = text(
    "UPDATE answers SET text = :text, updated_at = :now WHERE session_id = :session "
    f"AND prompt_id = :prompt AND version = :seen AND {_NOT_SIGNED} RETURNING version"
)
_INSERT = text(
    "INSERT INTO answers (session_id, prompt_id, stage_id, prompt_text, text, updated_at) "
    "SELECT :session, :prompt, :stage, :prompt_text, :text, :now "
    f"WHERE {_NOT_SIGNED} ON CONFLICT (session_id, prompt_id) DO NOTHING RETURNING version"
)
_CURRENT = text(
    "SELECT text, version FROM answers WHERE session_id = :session AND prompt_id = :prompt"
)


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
    """Save ``answer`` over the version the editor last saw (``None``: it saw no answer).

    Raises :class:`AnswerConflictError` (someone else saved in between),
    ``LockedSessionError`` (signed) or ``NotFoundError`` (the session is gone or not the
    login's to read).  Call inside a transaction; "saved" holds once it commits."""
    conn = session.connection()
    now = when or datetime.now()
    values = {"session": session_id, "prompt": prompt_id, "text": answer, "now": now}
    conn.execute(text("SELECT pg_advisory_xact_lock_shared(:ns, :session)"),
                 {"ns": EDIT_LOCK, "session": session_id})  # fmt: skip
    if seen_version is not None:
        version = conn.execute(_UPDATE, {**values, "seen": seen_version}).scalar()
    else:
        version = conn.execute(
            _INSERT, {**values, "stage": stage_id, "prompt_text": prompt_text}
        ).scalar()
    if version is not None:
        return SavedAnswer(version, now)
    if conn.scalar(text("SELECT 1 FROM sessions WHERE id = :s"), {"s": session_id}) is None:
        raise NotFoundError(f"Session {session_id} no longer exists.")
    require_unlocked(session, session_id)
    current = conn.execute(_CURRENT, values).one_or_none()
    if current is None:  # deleted by someone else since it was seen: write it again
        return save_answer(
            session, session_id, prompt_id, stage_id, prompt_text, answer, None, when
        )
    if current.text == answer:  # the same text: a retry of a save whose reply was lost
        return SavedAnswer(current.version, now)
    raise AnswerConflictError(session_id, prompt_id, answer, current.text, current.version)


def answer_version(session: Session, session_id: int, prompt_id: str) -> int | None:
    """The version of an answer as stored now (``None``: no answer yet)."""
    return (
        session.connection()
        .execute(
            text("SELECT version FROM answers WHERE session_id = :session AND prompt_id = :prompt"),
            {"session": session_id, "prompt": prompt_id},
        )
        .scalar()
    )


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
