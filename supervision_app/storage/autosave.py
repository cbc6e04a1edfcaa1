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
import queue
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
    """Commits submitted edits on its own thread, newest text per answer, in submission order.

    The hand-off is kept light, since it is paid on every save: one plain lock guards the
    waiting edits, and the writer sleeps on a queue that gets one wake-up token only when it
    is asleep (never a token per edit, never a spin).  ``flush`` waits on a condition that the
    writer signals only while someone is flushing."""

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
        #: The writer is waiting for a token on ``_wake`` (set by the writer, cleared by
        #: whoever sends it the token).
        self._sleeping = False
        self._flushers = 0
        self._lock = threading.Lock()
        self._wake: queue.SimpleQueue[None] = queue.SimpleQueue()
        self._idle = threading.Condition(self._lock)
        self._thread = threading.Thread(target=self._run, name="autosave", daemon=True)
        self._thread.start()

    # -- called from the GUI thread -------------------------------------------

    def submit(self, edit: AnswerEdit) -> None:
        with self._lock:
            if self._stopping:
                raise RuntimeError("the autosave writer is closed")
            self._pending[edit.key] = edit
            self._failures = 0  # new text: try at once rather than waiting out a back-off
            wake = self._sleeping
            self._sleeping = False
        if wake:  # outside the lock, so that the writer does not wake up to a held lock
            self._wake.put(None)

    def pending_count(self) -> int:
        with self._lock:
            return len(self._pending) + (1 if self._busy else 0)

    def is_pending(self, key: tuple[int, str]) -> bool:
        with self._lock:
            return key in self._pending

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted edit has been committed. False on time-out or failure."""
        deadline = time.monotonic() + timeout
        with self._lock:
            self._failures = 0  # retry a failed edit now rather than after its back-off
            self._wake_locked()
            self._flushers += 1
            try:
                while self._pending or self._busy:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return False
                    self._idle.wait(remaining)
                return True
            finally:
                self._flushers -= 1

    def close(self, timeout: float = 10.0) -> bool:
        """Commit what is waiting, then stop the thread. True when nothing was left unsaved."""
        saved = self.flush(timeout)
        with self._lock:
            self._stopping = True
            self._wake_locked()
        self._thread.join(timeout=max(timeout, 1.0))
        return saved and not self._pending

    def _wake_locked(self) -> None:
        if self._sleeping:
            self._sleeping = False
            self._wake.put(None)

    # -- the writer thread ----------------------------------------------------

    def _run(self) -> None:
        backed_off = False  # a back-off has just been waited out (or cut short): try now
        while True:
            with self._lock:
                edit = self._take() if backed_off else None
                backed_off = False
                if edit is None:
                    if self._stopping and (not self._pending or self._failures):
                        return
                    if self._pending and not self._failures:
                        edit = self._take()
                    else:
                        self._sleeping = True
                        failures = self._failures if self._pending else 0
            if edit is None:
                if failures:  # wait out the back-off, or until new text, a flush or close
                    self._sleep(RETRY_DELAYS[min(failures, len(RETRY_DELAYS)) - 1])
                    backed_off = True
                else:
                    self._sleep(None)
                continue
            result = self._commit(edit)
            key = edit.key
            with self._lock:
                self._busy = False
                if isinstance(result, SaveOutcome):
                    if result.error and not result.final and key not in self._pending:
                        self._pending[key] = edit  # keep it; newer text would have replaced it
                        self._failures += 1
                    outcome = replace(
                        result, pending=len(self._pending), generation=edit.generation
                    )
                else:
                    self._failures = 0
                    outcome = SaveOutcome(
                        key,
                        True,
                        result[0],
                        pending=len(self._pending),
                        generation=edit.generation,
                        version=result[1],
                    )
                if self._flushers:
                    self._idle.notify_all()
            try:
                self._on_outcome(outcome)
            except Exception:  # a broken listener must not stop saving
                log.exception("autosave listener failed")

    def _take(self) -> AnswerEdit | None:
        """The oldest waiting edit, marked as being written (the lock is held)."""
        if not self._pending:
            return None
        edit = self._pending.pop(next(iter(self._pending)))
        self._busy = True
        return edit

    def _sleep(self, timeout: float | None) -> None:
        """Wait for a token (or ``timeout`` seconds); never leaves a token behind."""
        try:
            self._wake.get(timeout=timeout)
        except queue.Empty:
            with self._lock:
                owed = not self._sleeping  # a waker took the flag: its token is on its way
                self._sleeping = False
            if owed:
                self._wake.get()

    def _commit(self, edit: AnswerEdit) -> tuple[datetime, int | None] | SaveOutcome:
        """Save ``edit``: its commit time and the version it produced, else the failure."""
        version, base_text, rebased = self._base(edit)
        try:
            saved_at, produced = self._save(edit, version, base_text)
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
            return SaveOutcome(edit.key, False, None, self._describe(exc))
        self._remember(edit, rebased, produced)
        return saved_at, produced

    def _describe(self, exc: BaseException) -> str:
        """The failure in words; a write refused because the file was found damaged says so
        (not "check the file's permissions"). Retried all the same: a restore may follow."""
        fault = classify_error(exc)
        if fault is StorageFault.READ_ONLY and self._store.database.found_damage():
            fault = StorageFault.DAMAGED
        return FAULT_MESSAGES[fault]

    def _save(
        self, edit: AnswerEdit, version: int | None, base_text: str | None
    ) -> tuple[datetime, int | None]:
        if edit.kind == "text":
            saved = self._store.sessions.save_answer_versioned(
                edit.session_id,
                edit.prompt_id,
                edit.stage_id,
                edit.prompt_text,
                edit.text,
                version,
            )
        elif edit.kind == SESSION_TEXT_KIND:  # Today's and the summary's free text
            at = self._store.focus.save_session_text(
                edit.session_id, edit.prompt_id, edit.text, base_text
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
                version,
            )
        return saved.saved_at, saved.version

    def _base(self, edit: AnswerEdit) -> tuple[int | None, str | None, bool]:
        """What ``edit`` is saved over: its own base, or this writer's last save of it when its
        base is one of this writer's own (the editor had not yet heard of the newer save);
        and whether it was so rebased."""
        line = self._lineage.get(edit.key)
        if line is None or (edit.version, edit.base_text) not in line[0]:
            return edit.version, edit.base_text, False
        version, base_text = line[1]
        return version, base_text, True

    def _remember(self, edit: AnswerEdit, rebased: bool, version: int | None) -> None:
        produced: Base = (version, edit.text if edit.kind == SESSION_TEXT_KIND else None)
        line = self._lineage.get(edit.key)
        bases = line[0] if line is not None and rebased else set()
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
    StorageFault.DAMAGED: (
        "The database file is damaged, so nothing more can be saved to it. Your text is kept "
        "on screen: copy it somewhere safe, then restore the database from a backup."
    ),
    StorageFault.OTHER: (
        "Saving failed (a disk or database error). Your text is kept on screen and saving "
        "will be retried."
    ),
}


def describe_storage_error(exc: BaseException) -> str:
    """A message for the user about a failed write. Never includes statement parameters."""
    return FAULT_MESSAGES[classify_error(exc)]
