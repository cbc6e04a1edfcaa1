"""Saving an answer or a structured tool's answer with optimistic concurrency, on both backends.

Every answer row has a ``version``, raised by one on every save (on the server a trigger
raises it too, whoever writes).  A save says which version its text was based on: the one
its editor loaded, or the one its own last save produced.  The UPDATE changes the row only
when it is still at that version (and the session is not signed), and returns the new
version, in one statement.  When it changes nothing, the unit of work finds out why:

- the session is gone: ``NotFoundError``; signed: ``LockedSessionError``;
- no answer yet (or it was deleted since): it is inserted, at version 1;
- the stored text is the text being saved (a retry after a lost reply): saved already;
- otherwise someone else saved first: :class:`AnswerConflictError` with both texts and the
  stored version, and nothing is overwritten.  The user chooses; the chosen text is then
  saved over that version.

``seen`` is ``None`` when the editor saw no answer, or :data:`LATEST` for a caller with no
editor (the demo, an import's tools, the benchmarks): based on the version stored now.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple, cast

from sqlalchemy import Connection, Select, Table, Update, bindparam, insert, select, update
from sqlalchemy.orm import Session

from supervision_app.domain import encode_payload
from supervision_app.storage.backend import dialect_of
from supervision_app.storage.conflict import LATEST, AnswerConflictError, SavedAnswer
from supervision_app.storage.loading import NotFoundError
from supervision_app.storage.models import (
    AnswerRow,
    ChainLinkRow,
    SessionRow,
    StructuredAnswerRow,
)
from supervision_app.storage.signing import require_unlocked

Model = type[AnswerRow] | type[StructuredAnswerRow]
__all__ = ["LATEST", "SavedAnswer", "write_versioned"]


class _Statements(NamedTuple):
    signed: Select[Any]
    exists: Select[Any]
    current: Select[Any]
    change: Update


def write_versioned(
    session: Session,
    model: Model,
    session_id: int,
    prompt_id: str,
    values: dict[str, Any],
    new_values: dict[str, Any],
    seen: int | None,
    edit_turn: Callable[[Connection, int], None] | None = None,
) -> tuple[int, bool]:
    """Save ``values`` (``text`` or ``data``, ``updated_at``, and ``kind`` for a tool) over
    version ``seen``, inside the caller's unit of work, by the rules above.  Returns the new
    version and whether the answer was inserted (no trigger has done the session's
    bookkeeping: the caller records the edit).  ``edit_turn``: the backend's (its dialect's
    by default)."""
    conn = session.connection()
    (edit_turn or dialect_of(conn).edit_turn)(conn, session_id)
    statements = _statements(model)
    keys = {"b_session": session_id, "b_prompt": prompt_id}
    if seen == LATEST:
        stored = conn.execute(statements.current, keys).one_or_none()
        seen = None if stored is None else stored.version
    if seen is not None:
        version = conn.execute(statements.change, {**keys, **values, "b_seen": seen}).scalar()
        if version is not None:
            return int(version), False
    if conn.scalar(statements.exists, keys) is None:
        raise NotFoundError(f"Session {session_id} no longer exists.")
    if conn.scalar(statements.signed, keys) is not None:
        require_unlocked(session, session_id)  # raises, with the message for who signed
    stored = conn.execute(statements.current, keys).one_or_none()
    if stored is None:  # the first save (or the answer was deleted since it was seen)
        table = cast(Table, model.__table__)
        version = conn.execute(
            insert(table).returning(table.c.version),
            {"session_id": session_id, "prompt_id": prompt_id, **new_values, **values},
        ).scalar_one()
        return int(version), True
    mine, theirs = _value(model, values), _value(model, stored._mapping)
    if mine == theirs:  # the same text again: a retry of a save whose reply was lost
        return int(stored.version), False
    raise AnswerConflictError(
        session_id,
        prompt_id,
        _shown(mine),
        _shown(theirs),
        int(stored.version),
        values.get("kind", "text"),
    )


def _value(model: Model, values: Any) -> Any:
    return values["text"] if model is AnswerRow else dict(values["data"] or {})


def _shown(value: Any) -> str:
    """A structured tool's data as the JSON its editor's ``text()`` gives ("" when empty)."""
    if isinstance(value, str):
        return value
    return encode_payload(value) if value else ""


@cache
def _statements(model: Model) -> _Statements:
    """Built once: constructing statements costs more than running them (autosave path)."""
    table = cast(Table, model.__table__)
    value = table.c.text if model is AnswerRow else table.c.data
    signed = (
        select(ChainLinkRow.id)
        .where(ChainLinkRow.session_id == bindparam("b_session"), ChainLinkRow.kind == "signoff")
        .limit(1)
    )
    mine = table.c.session_id == bindparam("b_session"), table.c.prompt_id == bindparam("b_prompt")
    return _Statements(
        signed,
        select(SessionRow.id).where(SessionRow.id == bindparam("b_session")),
        select(value, table.c.version).where(*mine),
        update(table)
        .where(*mine, table.c.version == bindparam("b_seen"), ~signed.exists())
        .values(version=table.c.version + 1)
        .returning(table.c.version),
    )
