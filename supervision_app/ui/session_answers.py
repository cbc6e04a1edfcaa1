"""The session's answer editors and what is answered.

Editors report edits to the :class:`AutosaveBridge`; once typing pauses (or focus leaves, or
the session is switched or closed) the text is submitted and committed on the writer
thread, never here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from supervision_app.domain.opening_closing import SESSION_TEXT_KIND
from supervision_app.storage.autosave import AnswerEdit, SaveOutcome
from supervision_app.ui.answer_editor import AnswerEditor
from supervision_app.ui.autosave_bridge import AutosaveBridge
from supervision_app.ui.structured_editor import AnyEditor


class SessionAnswers:
    """The open session's editors (by prompt id) and whether each prompt is answered.
    ``on_answered`` is told the prompt whose answered state changed as the user typed."""

    def __init__(self, bridge: AutosaveBridge, on_answered: Callable[[str], None]) -> None:
        self._bridge = bridge
        self._on_answered = on_answered
        self.session_id: int | None = None
        self.editors: dict[str, AnyEditor] = {}
        self.answered: dict[str, bool] = {}
        #: Today's and the summary's free-text boxes, by field key.
        self.text_editors: dict[str, AnswerEditor] = {}
        self.locked = False
        bridge.saved.connect(self._on_saved)

    def reset(self, session_id: int | None, answered: dict[str, bool] | None = None) -> None:
        self.session_id = session_id
        self.editors = {}
        self.text_editors = {}
        self.answered = answered or {}

    def add_editor(self, editor: AnyEditor) -> None:
        """An editor on a page just built: its edits are autosaved, and it is read-only if
        the record is signed."""
        self.editors[editor.prompt_id] = editor
        editor.edited.connect(partial(self._on_edited, editor))
        editor.commit_requested.connect(partial(self.submit, editor))
        lock_editor(editor, self.locked)

    def drop_editor(self, editor: AnyEditor) -> None:
        """An editor whose page goes: its typing is saved first."""
        editor.commit_now()
        self.editors.pop(editor.prompt_id, None)

    def track_text_editor(self, editor: AnswerEditor) -> None:
        """A free-text box of Today or the summary: autosaved like an answer (once wired)."""
        self.text_editors[editor.prompt_id] = editor
        if editor.property("autosaved"):
            return
        editor.setProperty("autosaved", True)
        editor.edited.connect(partial(self._note_text_edit, editor))
        editor.commit_requested.connect(partial(self.submit, editor))

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        for editor in self.editors.values():
            lock_editor(editor, locked)

    def flush_pending(self) -> None:
        """Submit every edit still waiting for its debounce timer."""
        for editor in list(self.editors.values()):
            editor.commit_now()

    def total(self) -> int:
        return sum(1 for value in self.answered.values() if value)

    def _on_edited(self, editor: AnyEditor) -> None:
        if self.session_id is None:
            return
        self._bridge.note_edit((self.session_id, editor.prompt_id))
        answered = bool(editor.text().strip())
        if self.answered.get(editor.prompt_id) != answered:
            self.answered[editor.prompt_id] = answered
            self._on_answered(editor.prompt_id)

    def _note_text_edit(self, editor: AnswerEditor) -> None:
        if self.session_id is not None:
            self._bridge.note_edit((self.session_id, editor.prompt_id))

    def submit(self, editor: AnyEditor) -> None:
        if self.session_id is None:
            return
        self._bridge.submit(
            AnswerEdit(
                self.session_id,
                editor.prompt_id,
                editor.stage_id,
                editor.prompt_text,
                editor.text(),
                editor.kind,
                version=editor.version,
                base_text=editor.base_text if editor.kind == SESSION_TEXT_KIND else None,
            )
        )

    def _on_saved(self, outcome: SaveOutcome) -> None:
        """The editor's next save is based on the version this one produced."""
        session_id, prompt_id = outcome.key
        editor = self.editors.get(prompt_id) if session_id == self.session_id else None
        if editor is not None and outcome.version is not None:
            editor.version = outcome.version


def lock_editor(editor: QWidget, locked: bool) -> None:
    """Text answers become read-only (still selectable); structured tools are disabled."""
    if isinstance(editor, (QPlainTextEdit, QTextEdit)):
        editor.setReadOnly(locked)
    else:
        editor.setEnabled(not locked)
