"""Gather everything a record needs from the store into one :class:`SessionRecord`.

Used by the UI and the CLI; the renderers then receive only the plain record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supervision_app.content import Content
from supervision_app.record.build import build_record
from supervision_app.record.model import SessionRecord

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore


def load_record(
    store: SupervisionStore, session_id: int, content: Content, *, include_audit: bool = False
) -> SessionRecord:
    """The record of session ``session_id``; raises NotFoundError if it no longer exists."""
    detail = store.get_session(session_id)
    return build_record(
        detail,
        content,
        store.protective_marking(),
        integrity=store.integrity(session_id),
        audit=store.audit_trail(session_id) if include_audit else (),
    )
