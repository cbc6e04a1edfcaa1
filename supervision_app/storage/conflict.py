"""An autosave conflict: someone else saved the same answer first (on the agency server, where
answers carry row versions: :mod:`.postgres.concurrency`). Portable, and free of SQLAlchemy, so
the autosave writer can catch it without loading a backend."""

from __future__ import annotations


class AnswerConflictError(Exception):
    """Someone else saved this answer since it was opened: both texts, nothing overwritten."""

    def __init__(self, session_id: int, prompt_id: str, mine: str, theirs: str, version: int):
        super().__init__(
            "Someone else changed this answer while you were editing it. Both versions are "
            "kept: choose which to keep."
        )
        self.session_id, self.prompt_id = session_id, prompt_id
        self.mine, self.theirs, self.version = mine, theirs, version
