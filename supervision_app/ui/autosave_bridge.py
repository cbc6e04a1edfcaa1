"""Qt side of autosave: outcomes arrive on the GUI thread, and "saved" is never claimed early.

:class:`AutosaveWriter` commits on its own thread and reports each outcome on
that thread.  :class:`AutosaveBridge` re-emits the outcome through a Qt signal
(queued to the GUI thread) and keeps, per answer, a generation counter that
goes up on every edit.  An answer is clean only when the text submitted for its
newest generation has been committed: each edit carries its generation through
the writer and back in the outcome, so an outcome for older text never turns the
indicator to "saved".

The writer (with :mod:`supervision_app.storage.autosave`) is made at the first edit submitted:
the window's first screen, Home, has nothing to save, and importing it cost 10-20 ms before
that screen's first paint. Until then there is nothing to flush or wait for.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore
    from supervision_app.storage.autosave import AnswerEdit, AutosaveWriter, SaveOutcome

Key = tuple[int, str]


class SaveState(Enum):
    IDLE = "idle"  # nothing typed since the window opened
    SAVING = "saving"  # typed text not yet confirmed as committed
    SAVED = "saved"
    FAILED = "failed"


class AutosaveBridge(QObject):
    """Owns the autosave writer and tracks whether every edit has reached the database."""

    state_changed = Signal()
    #: Someone else saved an answer first: the AnswerConflictError, both texts.
    conflict_found = Signal(object)
    #: An edit was committed: the SaveOutcome (its ``version`` is the editor's next base).
    saved = Signal(object)
    _outcome = Signal(object)  # emitted on the writer thread, delivered queued

    def __init__(self, store: SupervisionStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("autosaveBridge")
        self._generation: dict[Key, int] = {}
        self._submitted: dict[Key, tuple[int, str]] = {}
        self._clean: dict[Key, int] = {}
        self._errors: dict[Key, str] = {}
        self._closed = False
        self.last_saved_at: datetime | None = None
        self._outcome.connect(self._on_outcome)
        self._store = store
        self._writer: AutosaveWriter | None = None  # made at the first edit submitted

    def _started_writer(self) -> AutosaveWriter:
        if self._writer is None:
            from supervision_app.storage.autosave import AutosaveWriter

            self._writer = AutosaveWriter(self._store, self._outcome.emit)
        return self._writer

    # -- edits -------------------------------------------------------------------

    def note_edit(self, key: Key) -> None:
        """The text of ``key`` changed in its editor (not yet submitted)."""
        self._generation[key] = self._generation.get(key, 0) + 1
        self.state_changed.emit()

    def submit(self, edit: AnswerEdit) -> None:
        key = edit.key
        if key not in self._generation:
            self._generation[key] = 1
        self._submitted[key] = (self._generation[key], edit.text)
        if self._closed:
            return
        self._started_writer().submit(replace(edit, generation=self._generation[key]))
        self.state_changed.emit()

    def resolve_conflict(self, edit: AnswerEdit) -> None:
        """Save ``edit`` (the text the user chose, based on the version someone else saved:
        ``edit.version``, or ``edit.base_text`` for Today's text) over it."""
        self._errors.pop(edit.key, None)
        self.note_edit(edit.key)
        self.submit(edit)

    # -- state --------------------------------------------------------------------

    def is_clean(self, key: Key) -> bool:
        return self._clean.get(key, 0) == self._generation.get(key, 0)

    def dirty_keys(self) -> list[Key]:
        return [k for k in self._generation if not self.is_clean(k)]

    def unsaved_texts(self, session_id: int) -> dict[str, str]:
        """Submitted text of this session that the writer has not yet confirmed, by prompt id."""
        return {
            key[1]: submitted[1]
            for key, submitted in self._submitted.items()
            if key[0] == session_id and not self.is_clean(key)
        }

    def errors(self) -> list[str]:
        return list(dict.fromkeys(self._errors.values()))

    def state(self) -> SaveState:
        if self._errors:
            return SaveState.FAILED
        if self.dirty_keys():
            return SaveState.SAVING
        if self.last_saved_at is not None:
            return SaveState.SAVED
        return SaveState.IDLE

    # -- shutting down --------------------------------------------------------------

    def flush(self, timeout: float = 10.0) -> bool:
        """Block until the writer has committed everything submitted. False if it could not."""
        if self._closed:
            return not self.dirty_keys()
        if self._writer is None:  # nothing was ever submitted: nothing to wait for
            return True
        return self._writer.flush(timeout)

    def close(self, timeout: float = 10.0) -> bool:
        """Commit what is waiting and stop the writer thread. True when nothing was left unsaved."""
        if self._closed:
            return not self.dirty_keys()
        self._closed = True
        if self._writer is None:  # nothing was ever submitted: no thread to stop
            return True
        return self._writer.close(timeout)

    # -- the writer's reports (GUI thread) ----------------------------------------------

    def _on_outcome(self, outcome: SaveOutcome) -> None:
        key = outcome.key
        if outcome.ok:
            self._errors.pop(key, None)
            self._clean[key] = max(self._clean.get(key, 0), outcome.generation)
            if outcome.saved_at is not None:
                self.last_saved_at = outcome.saved_at
            self.saved.emit(outcome)
        elif outcome.error:
            self._errors[key] = outcome.error
            if outcome.conflict is not None and outcome.generation == self._generation.get(key):
                self.conflict_found.emit(outcome.conflict)
        else:  # the session no longer exists: there is nothing left to save to
            for table in (self._generation, self._submitted, self._clean, self._errors):
                table.pop(key, None)
        self.state_changed.emit()
