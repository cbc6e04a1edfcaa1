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
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from supervision_app.domain import LockedSessionError
from supervision_app.domain.opening_closing import SESSION_TEXT_KIND
from supervision_app.storage.backend import StorageFault, classify_error
from supervision_app.storage.conflict import LATEST, AnswerConflictError
from supervision_app.storage.loading import NotFoundError

if TYPE_CHECKING:  # the window's modules import this before SQLAlchemy is loaded
    from supervision_app.storage.store import SupervisionStore

log = logging.getLogger(__name__)

#: What an edit is based on: (row version, Today's field text), as in :class:`AnswerEdit`.
Base = tuple[int | None, str | None]

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
    #: Optimistic concurrency: the row version the editor's text is based on (the one it
    #: loaded, or its last save's; ``None``: it saw no answer).  Someone else's save since
    #: is a conflict (``AnswerConflictError``), never overwritten.  ``LATEST`` (a caller with
    #: no editor: a script, the benchmarks): the version the store last saved or holds now.
    version: int | None = LATEST
    #: For Today's and the summary's free text (one row, field by field): the field's text
    #: the typing started from (``None``: not checked).
    base_text: str | None = None

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
    #: Someone else saved this answer first (both texts); final.
    conflict: AnswerConflictError | None = None
    #: The row version the save produced (the editor's next ``version``); None for Today's text.
    version: int | None = None


class AutosaveWriter:
    def __init__(
        self,
        store: SupervisionStore,
        on_outcome: Callable[[SaveOutcome], None] | None = None,
    ) -> None:
        self._store = store
        self._on_outcome = on_outcome or (lambda _outcome: None)
        self._pending: dict[tuple[int, str], AnswerEdit] = {}
        #: Per answer, the bases this writer's own saves stand on and the newest one: an edit
        #: typed before the editor heard of the last save is based on that save, not a
        #: conflict with it (writer thread only).
        self._lineage: dict[tuple[int, str], tuple[set[Base], Base]] = {}
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
                outcome = replace(outcome, pending=len(self._pending), generation=edit.generation)
                self._cond.notify_all()
            try:
                self._on_outcome(outcome)
            except Exception:  # a broken listener must not stop saving
                log.exception("autosave listener failed")

    def _commit(self, edit: AnswerEdit) -> SaveOutcome:
        based = self._rebased(edit)
        try:
            saved_at, version = self._save(based)
        except NotFoundError:
            # The session was deleted: there is nowhere to save to, and retrying cannot help.
            return SaveOutcome(edit.key, False, None, "")
        except LockedSessionError:
            # Signed in the meantime: the text stays on screen, and retrying cannot help.
            return SaveOutcome(edit.key, False, None, LOCKED_MESSAGE, final=True)
        except AnswerConflictError as exc:
            # Someone else saved first: retrying would overwrite them; the user chooses.
            self._lineage.pop(edit.key, None)
            return SaveOutcome(edit.key, False, None, CONFLICT_MESSAGE, final=True, conflict=exc)
        except Exception as exc:  # disk full, I/O error, database locked ...
            log.warning("autosave failed: %s", type(exc).__name__)
            return SaveOutcome(edit.key, False, None, describe_storage_error(exc))
        self._remember(edit, based, version)
        return SaveOutcome(edit.key, True, saved_at, version=version)

    def _save(self, edit: AnswerEdit) -> tuple[datetime, int | None]:
        if edit.kind == "text":
            saved = self._store.sessions.save_answer_versioned(
                edit.session_id,
                edit.prompt_id,
                edit.stage_id,
                edit.prompt_text,
                edit.text,
                edit.version,
            )
        elif edit.kind == SESSION_TEXT_KIND:  # Today's and the summary's free text
            at = self._store.focus.save_session_text(
                edit.session_id, edit.prompt_id, edit.text, edit.base_text
            )
            return at, None
        else:
            saved = self._store.sessions.save_structured_versioned(
                edit.session_id,
                edit.prompt_id,
                edit.stage_id,
                edit.prompt_text,
                edit.kind,
                json.loads(edit.text) if edit.text else {},
                edit.version,
            )
        return saved.saved_at, saved.version

    def _rebased(self, edit: AnswerEdit) -> AnswerEdit:
        """``edit`` based on this writer's last save of it, when its base is one of this
        writer's own (the editor had not yet heard of the newer save)."""
        line = self._lineage.get(edit.key)
        if line is None or (edit.version, edit.base_text) not in line[0]:
            return edit
        version, base_text = line[1]
        return replace(edit, version=version, base_text=base_text)

    def _remember(self, edit: AnswerEdit, based: AnswerEdit, version: int | None) -> None:
        produced: Base = (version, based.text if edit.kind == SESSION_TEXT_KIND else None)
        line = self._lineage.get(edit.key)
        bases = line[0] if line is not None and based is not edit else set()
        bases.add((edit.version, edit.base_text))
        if version is not None:  # the editor hears of a new version; of a text, never
            bases.add(produced)
        self._lineage[edit.key] = (bases, produced)


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
