"""Background autosave for answers.

The GUI debounces typing and hands each answer's latest text to
:class:`AutosaveWriter`, which commits it on its own thread so that a slow
disk never blocks typing.  Only the newest text per answer is kept while
waiting; a failed commit (disk full, I/O error, locked file) is reported and
retried with back-off, and the text is never discarded until a commit of it,
or of newer text, has returned.

Plain Python (threading): the GUI wraps the outcome callback in a Qt signal.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from supervision_app.domain import LockedSessionError
from supervision_app.domain.opening_closing import SESSION_TEXT_KIND
from supervision_app.storage.backend import StorageFault, classify_error
from supervision_app.storage.conflict import AnswerConflictError
from supervision_app.storage.loading import NotFoundError

if TYPE_CHECKING:  # the window's modules import this before SQLAlchemy is loaded
    from supervision_app.storage.store import SupervisionStore

log = logging.getLogger(__name__)

RETRY_DELAYS = (1.0, 2.0, 5.0, 10.0, 30.0)
LOCKED_MESSAGE = (
    "This record has been signed, so the text you typed was not saved into it. It is still on "
    "screen: copy it into an addendum."
)


@dataclass(frozen=True, slots=True)
class AnswerEdit:
    session_id: int
    prompt_id: str
    stage_id: str
    prompt_text: str
    text: str
    #: "text" for a free-text answer; ``SESSION_TEXT_KIND`` for a free-text field of Today or
    #: the summary (``prompt_id`` is then the field's key, e.g. "today.question"); otherwise
    #: the structured tool's kind, and ``text`` carries the tool's data as JSON (see
    #: ``domain.encode_payload``).
    kind: str = "text"
    #: The caller's counter for this answer's edits, reported back in the outcome,
    #: so that an outcome for older text is never mistaken for the newest.
    generation: int = 0

    @property
    def key(self) -> tuple[int, str]:
        return (self.session_id, self.prompt_id)


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    key: tuple[int, str]
    ok: bool
    saved_at: datetime | None = None
    #: A message fit for the user; never contains the answer text.
    error: str = ""
    #: Edits still waiting to be committed after this outcome.
    pending: int = 0
    #: The ``generation`` of the edit this outcome is about.
    generation: int = 0
    #: True when retrying cannot help (the session was signed and is locked).
    final: bool = False
    #: On the agency server: someone else saved this answer first (both texts); final.
    conflict: AnswerConflictError | None = None


class AutosaveWriter:
    def __init__(
        self,
        store: SupervisionStore,
        on_outcome: Callable[[SaveOutcome], None] | None = None,
    ) -> None:
        self._store = store
        self._on_outcome = on_outcome or (lambda _outcome: None)
        self._pending: dict[tuple[int, str], AnswerEdit] = {}
        self._failures = 0
        self._busy = False
        self._stopping = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="autosave", daemon=True)
        self._thread.start()

    # -- called from the GUI thread -------------------------------------------

    def submit(self, edit: AnswerEdit) -> None:
        with self._cond:
            if self._stopping:
                raise RuntimeError("the autosave writer is closed")
            self._pending[edit.key] = edit
            self._failures = 0  # new text: try at once rather than waiting out a back-off
            self._cond.notify_all()

    def pending_count(self) -> int:
        with self._cond:
            return len(self._pending) + (1 if self._busy else 0)

    def is_pending(self, key: tuple[int, str]) -> bool:
        with self._cond:
            return key in self._pending

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted edit has been committed. False on time-out or failure."""
        deadline = time.monotonic() + timeout
        with self._cond:
            self._failures = 0
            self._cond.notify_all()
            while self._pending or self._busy:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return True

    def close(self, timeout: float = 10.0) -> bool:
        """Commit what is waiting, then stop the thread. True when nothing was left unsaved."""
        saved = self.flush(timeout)
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._thread.join(timeout=max(timeout, 1.0))
        return saved and not self._pending

    # -- the writer thread ----------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._stopping:
                    self._cond.wait()
                if self._stopping and (not self._pending or self._failures):
                    return
                if self._failures:
                    delay = RETRY_DELAYS[min(self._failures, len(RETRY_DELAYS)) - 1]
                    self._cond.wait(delay)
                    if not self._pending:
                        continue
                key = next(iter(self._pending))
                edit = self._pending.pop(key)
                self._busy = True
            outcome = self._commit(edit)
            with self._cond:
                self._busy = False
                if (
                    not outcome.ok
                    and outcome.error
                    and not outcome.final
                    and key not in self._pending
                ):
                    self._pending[key] = edit  # keep it; newer text would have replaced it
                    self._failures += 1
                elif outcome.ok:
                    self._failures = 0
                outcome = SaveOutcome(
                    outcome.key,
                    outcome.ok,
                    outcome.saved_at,
                    outcome.error,
                    len(self._pending),
                    edit.generation,
                    outcome.final,
                    outcome.conflict,
                )
                self._cond.notify_all()
            try:
                self._on_outcome(outcome)
            except Exception:  # a broken listener must not stop saving
                log.exception("autosave listener failed")

    def _commit(self, edit: AnswerEdit) -> SaveOutcome:
        try:
            if edit.kind == "text":
                saved_at = self._store.sessions.save_answer(
                    edit.session_id, edit.prompt_id, edit.stage_id, edit.prompt_text, edit.text
                )
            elif edit.kind == SESSION_TEXT_KIND:  # Today's and the summary's free text
                saved_at = self._store.focus.save_session_text(
                    edit.session_id, edit.prompt_id, edit.text
                )
            else:
                saved_at = self._store.sessions.save_structured_answer(
                    edit.session_id,
                    edit.prompt_id,
                    edit.stage_id,
                    edit.prompt_text,
                    edit.kind,
                    json.loads(edit.text) if edit.text else {},
                )
        except NotFoundError:
            # The session was deleted: there is nowhere to save to, and retrying cannot help.
            return SaveOutcome(edit.key, False, None, "")
        except LockedSessionError:
            # Signed in the meantime: the text stays on screen, and retrying cannot help.
            return SaveOutcome(edit.key, False, None, LOCKED_MESSAGE, final=True)
        except AnswerConflictError as exc:
            # Someone else saved first: retrying would overwrite them; the user chooses.
            return SaveOutcome(edit.key, False, None, CONFLICT_MESSAGE, final=True, conflict=exc)
        except Exception as exc:  # disk full, I/O error, database locked ...
            log.warning("autosave failed: %s", type(exc).__name__)
            return SaveOutcome(edit.key, False, None, describe_storage_error(exc))
        return SaveOutcome(edit.key, True, saved_at)


CONFLICT_MESSAGE = (
    "Someone else saved this answer first. Nothing was overwritten: choose which text to keep."
)

#: What the user is told when a write fails, by what the backend says it means.
FAULT_MESSAGES = {
    StorageFault.DISK_FULL: (
        "The disk is full. Your text is kept on screen and will be saved when space is freed."
    ),
    StorageFault.BUSY: (
        "The database is busy. Your text is kept on screen and saving will be retried."
    ),
    StorageFault.READ_ONLY: (
        "The database cannot be written to. Your text is kept on screen; check the file's "
        "permissions."
    ),
    StorageFault.OTHER: (
        "Saving failed (a disk or database error). Your text is kept on screen and saving "
        "will be retried."
    ),
}


def describe_storage_error(exc: BaseException) -> str:
    """A message for the user about a failed write. Never includes statement parameters."""
    return FAULT_MESSAGES[classify_error(exc)]
