"""Spell-check in the answer editors: wavy underlines, and suggestions on right-click.

* :class:`SpellService` (one per main window) owns the en_GB checker from :mod:`spelling`, the
  on/off preference and "my words", which it reads from and writes to the encrypted database
  only.  The dictionary opens on first use, not while the window starts.
* :class:`SpellHighlighter` underlines misspelt words.  Qt calls it for the paragraph being
  typed in; each word is looked up once and then cached, so typing is never held up.  The word
  being typed is not underlined until the cursor leaves it.  It never changes the text.
* :func:`add_spelling_actions` puts suggestions, "Add to my words" and "Ignore" at the top of
  an editor's context menu.  Only a suggestion the user picks changes the text, as one step
  that Undo takes back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Signal
from PySide6.QtGui import QAction, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit

from supervision_app.spelling import (
    BROKEN,
    NO_DICTIONARY,
    NO_ENCHANT,
    NO_PYENCHANT,
    SpellChecker,
    load_checker,
)
from supervision_app.ui import theme
from supervision_app.ui.appearance import ink

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _to_utf16(text: str, index: int) -> int:
    """Python index in ``text`` -> Qt's position (UTF-16 code units)."""
    return index + len(_ASTRAL.findall(text, 0, index))


def _from_utf16(text: str, position: int) -> int:
    """Qt's position in ``text`` (UTF-16 code units) -> Python index."""
    if not _ASTRAL.search(text):
        return position
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def unavailable_text(reason: str) -> str:
    """Why spell-check is off, for the user."""
    texts = {
        NO_PYENCHANT: QCoreApplication.translate(
            "SpellService",
            "Spell-check is not available: the spell-check library (pyenchant) is not installed.",
        ),
        NO_ENCHANT: QCoreApplication.translate(
            "SpellService",
            "Spell-check is not available: the Enchant library is not installed on this "
            "computer (on Linux, the libenchant-2-2 package).",
        ),
        NO_DICTIONARY: QCoreApplication.translate(
            "SpellService",
            "Spell-check is not available: no British English dictionary is installed (on "
            "Linux, the hunspell-en-gb package).",
        ),
        BROKEN: QCoreApplication.translate(
            "SpellService", "Spell-check is not available: the dictionary would not open."
        ),
    }
    return texts.get(reason, "")


class SpellService(QObject):
    """The checker, the on/off switch and "my words" for every answer editor of a window.

    ``words`` is the database's :class:`PersonalWordStore` (``store.words``); ``None`` keeps
    "my words" in memory only (a window without a database, in tests)."""

    #: Words or the switch changed: editors underline again.
    changed = Signal()

    def __init__(
        self,
        words=None,
        enabled: bool = True,
        parent: QObject | None = None,
        loader: Callable[[], tuple[SpellChecker | None, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("spellService")
        self._store = words if words is not None else _WordsInMemory()
        self._enabled = enabled
        self._loader = loader or (lambda: load_checker())
        self._checker: SpellChecker | None = None
        self._loaded = False
        self._words_loaded = False
        self._reason = ""
        self._case_words: set[str] = set()

    # -- the dictionary -----------------------------------------------------------------

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            self._checker, self._reason = self._loader()

    @property
    def available(self) -> bool:
        self._load()
        return self._checker is not None

    @property
    def unavailable_reason(self) -> str:
        """Why spell-check cannot run here, for the user ("" when it can)."""
        self._load()
        return unavailable_text(self._reason) if self._checker is None else ""

    @property
    def description(self) -> str:
        self._load()
        return self._checker.description if self._checker is not None else ""

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, on: bool) -> None:
        if on != self._enabled:
            self._enabled = on
            self.changed.emit()

    def checker(self) -> SpellChecker | None:
        """The checker with "my words" loaded, or None when switched off or unavailable."""
        if not self._enabled:
            return None
        self._load()
        if self._checker is not None and not self._words_loaded:
            self._reload_words()
            self._checker.set_case_words(self._case_words)
        return self._checker

    def set_case_words(self, words: Iterable[str]) -> None:
        """The names of the open case, accepted without anyone adding them (memory only)."""
        words = set(words)
        if words == self._case_words:
            return
        self._case_words = words
        if self._checker is not None:
            self._checker.set_case_words(words)
        self.changed.emit()

    # -- my words ---------------------------------------------------------------------------

    def _reload_words(self) -> None:
        if self._checker is None:
            return
        try:
            words = self.words()
        except Exception:  # locked, or the database is busy: try again next time
            return
        self._checker.set_personal_words(words)
        self._words_loaded = True

    def words(self) -> list[str]:
        return self._store.list_words()

    def add_word(self, word: str) -> None:
        """Add ``word`` to "my words" (in the encrypted database)."""
        self._store.add_word(word)
        self._words_changed()

    def remove_word(self, word: str) -> None:
        self._store.remove_word(word)
        self._words_changed()

    def _words_changed(self) -> None:
        self._words_loaded = False
        self.changed.emit()

    def ignore(self, word: str) -> None:
        """Accept ``word`` until the app closes; it is never saved (the dictionary opens
        first if it has not yet: the word is not lost)."""
        checker = self.checker()
        if checker is not None:
            checker.ignore(word)
            self.changed.emit()

    def forget(self) -> None:
        """The database locked: drop "my words", ignored words and the cache from memory."""
        if self._checker is not None:
            self._checker.forget()
        self._words_loaded = False
        self._case_words = set()


class _WordsInMemory:
    """ "My words" of a window without a database (tests): kept in memory only."""

    def __init__(self) -> None:
        self._words: set[str] = set()

    def list_words(self) -> list[str]:
        return sorted(self._words, key=lambda w: (w.casefold(), w))

    def add_word(self, word: str) -> bool:
        from supervision_app.storage.personal_words import clean_word  # SQLAlchemy: not at start

        word = clean_word(word)
        added = word not in self._words
        self._words.add(word)
        return added

    def remove_word(self, word: str) -> None:
        self._words.discard(word)


_current: SpellService | None = None


def use_case_words(detail) -> None:
    """Accept the names in the record of ``detail``'s case (the window's open session)."""
    service = current_service()
    if service is not None:
        from supervision_app.spelling import session_case_words

        service.set_case_words(session_case_words(detail))


def current_service() -> SpellService | None:
    """The service of the main window, which new answer editors attach to."""
    return _current


def set_current_service(service: SpellService | None) -> None:
    global _current
    _current = service


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines the misspelt words of one editor's document."""

    def __init__(self, editor: QTextEdit, service: SpellService) -> None:
        super().__init__(editor.document())
        self.setObjectName("spellHighlighter")
        self.editor = editor
        self.service = service
        self._held: tuple[int, int] | None = None  # (block number, end) of the word being typed
        service.changed.connect(self.refresh)
        editor.cursorPositionChanged.connect(self._release_typed_word)

    def _quietly(self, redraw: Callable[[], None]) -> None:
        """Redraw underlines without it looking like typing: Qt reports a format change as a
        content change, which must not start the editor's autosave."""
        editor: Any = self.editor  # an answer editor has the flag; a plain QTextEdit has not
        loading = getattr(editor, "_loading", None)
        if loading is None:
            redraw()
            return
        editor._loading = True
        try:
            redraw()
        finally:
            editor._loading = loading

    def refresh(self) -> None:
        """Underline the whole document again (words or the switch changed)."""
        self._quietly(self.rehighlight)

    def _format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        fmt.setUnderlineColor(ink(theme.ERROR))
        return fmt

    def _typing_at(self) -> int | None:
        """The cursor's position in the block being highlighted while the user types in it."""
        if not self.editor.hasFocus():
            return None
        cursor = self.editor.textCursor()
        if cursor.hasSelection() or cursor.block() != self.currentBlock():
            return None
        return cursor.positionInBlock()

    def highlightBlock(self, text: str) -> None:
        if not text or self.editor.isReadOnly():
            return
        checker = self.service.checker()
        if checker is None:
            return
        found = checker.misspelt(text)
        if not found:
            return
        typing_at = self._typing_at()
        fmt = self._format()
        for start, end, _word in found:
            begin, finish = _to_utf16(text, start), _to_utf16(text, end)
            if typing_at == finish:  # still being typed: underline once the cursor moves on
                self._held = (self.currentBlock().blockNumber(), finish)
                continue
            self.setFormat(begin, finish - begin, fmt)

    def _release_typed_word(self) -> None:
        if self._held is None:
            return
        number, end = self._held
        cursor = self.editor.textCursor()
        if cursor.blockNumber() != number or cursor.positionInBlock() != end:
            self.focus_left()

    def focus_left(self) -> None:
        """The word last typed is finished (the cursor moved on or focus left): underline it."""
        if self._held is not None:
            block = self.document().findBlockByNumber(self._held[0])
            self._held = None
            if block.isValid():
                self._quietly(lambda: self.rehighlightBlock(block))


def attach(editor: QTextEdit) -> SpellHighlighter | None:
    """A highlighter on ``editor`` from the current service (None where there is none)."""
    service = current_service()
    return SpellHighlighter(editor, service) if service is not None else None


def add_spelling_actions(menu: QMenu, editor: QTextEdit, pos: QPoint, service: SpellService) -> str:
    """Put suggestions, "Add to my words" and "Ignore" for the misspelt word at ``pos`` (in
    the editor's viewport) at the top of ``menu``; returns the word ("" where there is none)."""
    checker = service.checker()
    if checker is None or editor.isReadOnly():
        return ""
    cursor = editor.cursorForPosition(pos)
    block = cursor.block()
    text = block.text()
    index = _from_utf16(text, cursor.positionInBlock())
    hit = next(((s, e, w) for s, e, w in checker.misspelt(text) if s <= index <= e), None)
    if hit is None:
        return ""
    start, end, word = hit
    actions: list[QAction] = []
    for suggestion in checker.suggest(word):
        act = QAction(suggestion, menu)
        act.setObjectName("spellSuggestion")
        act.triggered.connect(
            lambda _=False, s=suggestion: _replace(editor, block.blockNumber(), start, end, word, s)
        )
        actions.append(act)
    if not actions:
        none = QAction(QCoreApplication.translate("SpellService", "No suggestions"), menu)
        none.setEnabled(False)
        actions.append(none)
    actions.append(_separator(menu))
    add = QAction(
        QCoreApplication.translate("SpellService", "Add “{word}” to my words").format(word=word),
        menu,
    )
    add.setObjectName("addToMyWords")
    add.setStatusTip(
        QCoreApplication.translate(
            "SpellService", "Kept in the encrypted database, never in a spell-checker file"
        )
    )
    add.triggered.connect(lambda: _add_word(editor, service, word))
    ignore = QAction(
        QCoreApplication.translate("SpellService", "Ignore “{word}”").format(word=word), menu
    )
    ignore.setObjectName("ignoreWord")
    ignore.setStatusTip(
        QCoreApplication.translate("SpellService", "Accept this word until the app closes")
    )
    ignore.triggered.connect(lambda: service.ignore(word))
    actions += [add, ignore, _separator(menu)]
    first = menu.actions()[0] if menu.actions() else None
    menu.insertActions(first, actions)  # type: ignore[arg-type]  # None: at the end
    return word


def _separator(menu: QMenu) -> QAction:
    separator = QAction(menu)
    separator.setSeparator(True)
    return separator


def _add_word(editor: QTextEdit, service: SpellService, word: str) -> None:
    from supervision_app.domain import ValidationError

    try:
        service.add_word(word)
    except ValidationError:  # a word the checker found is always one word; nothing to do
        return
    except Exception:  # the database is locked or busy: the word is simply not added
        window = editor.window()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(
                QCoreApplication.translate("SpellService", "The word could not be saved."), 5000
            )


def _replace(editor: QTextEdit, number: int, start: int, end: int, word: str, new: str) -> None:
    """Put ``new`` in place of ``word`` (if it is still there), as one undoable edit."""
    block = editor.document().findBlockByNumber(number)
    text = block.text() if block.isValid() else ""
    if text[start:end] != word:
        return
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + _to_utf16(text, start))
    cursor.setPosition(block.position() + _to_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new)
    editor.setTextCursor(cursor)
