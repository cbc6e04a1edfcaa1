"""Optimistic concurrency's portable parts: a save's result, and the conflict when someone else
saved the same answer first (answers and structured tools carry row versions, Today's and the
summary's free text is compared field by field: :mod:`.answer_writes`).  Free of SQLAlchemy,
so the autosave writer can catch a conflict without loading a backend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

#: A save's ``seen`` version for a caller with no editor (a script, the demo, the benchmarks):
#: the version the store last saved, or the one stored now.  (Editors carry real versions.)
LATEST = -1


@dataclass(frozen=True, slots=True)
class SavedAnswer:
    """A committed save: the version it produced (the editor's next ``seen``) and when."""

    version: int
    saved_at: datetime


class AnswerConflictError(Exception):
    """Someone else saved this answer since it was opened: both texts, nothing overwritten.

    ``kind`` is the answer's: "text", a structured tool's kind (``mine`` and ``theirs`` are then
    its data as JSON, "" when empty) or ``SESSION_TEXT_KIND`` (a free-text field of Today or the
    summary, ``prompt_id`` its key).  ``version`` is the stored one, to save the chosen text
    over."""

    def __init__(
        self,
        session_id: int,
        prompt_id: str,
        mine: str,
        theirs: str,
        version: int,
        kind: str = "text",
    ):
        super().__init__(
            "Someone else changed this answer while you were editing it. Both versions are "
            "kept: choose which to keep."
        )
        self.session_id, self.prompt_id, self.kind = session_id, prompt_id, kind
        self.mine, self.theirs, self.version = mine, theirs, version
