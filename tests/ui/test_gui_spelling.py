"""Spell-check in the answer editors: underlines, the context menu, "my words", the switch,
and a window without a dictionary."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog

from supervision_app.domain import ValidationError
from supervision_app.spelling import NO_DICTIONARY, SpellChecker
from supervision_app.storage import SupervisionStore
from supervision_app.ui import spell_check
from supervision_app.ui.answer_editor import AnswerEditor
from supervision_app.ui.appearance import load_appearance
from supervision_app.ui.my_words_dialog import MyWordsDialog
from supervision_app.ui.preferences_dialog import PreferencesDialog
from tests.content.test_spelling import require_checker
from tests.helpers import shared_key_ring
from tests.ui.test_gui import make_case, open_session, open_window, type_text
from tests.ui.test_gui_security import unlocked  # noqa: F401  (the fixture)

SPELL = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


@pytest.fixture
def dictionary():
    """Skips, saying why, where Enchant or the en_GB dictionary is not installed."""
    require_checker()


@pytest.fixture
def editor_window(qtbot, store: SupervisionStore, content, db_path: Path):
    _case_id, session_id = make_case(store)
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    window.session_view.go_to_page(min(window.session_view.slots))  # the agenda's first item
    editor = window.session_view.stage_page(min(window.session_view.slots)).editors()[0]
    assert isinstance(editor, AnswerEditor)
    yield window, editor
    window.close()


def underlined(editor: AnswerEditor) -> list[str]:
    """The words drawn with a spell-check underline, in document order."""
    words = []
    block = editor.document().begin()
    while block.isValid():
        text = block.text()
        for fr in block.layout().formats():
            if fr.format.underlineStyle() == SPELL:
                words.append(text[fr.start : fr.start + fr.length])
        block = block.next()
    return words


def point_at(editor: AnswerEditor, word: str) -> QPoint:
    """The viewport position of the middle of ``word``'s first occurrence."""
    cursor = QTextCursor(editor.document())
    cursor.setPosition(editor.toPlainText().index(word) + len(word) // 2)
    return editor.cursorRect(cursor).center()


def test_misspelt_words_are_underlined_and_british_spellings_are_not(
    qtbot, dictionary, editor_window
) -> None:
    _window, editor = editor_window
    editor.setFocus()
    type_text(qtbot, editor, "We recieve the colour of her behaviour; organise a visit. ")
    qtbot.waitUntil(lambda: underlined(editor) == ["recieve"])
    assert editor.text() == "We recieve the colour of her behaviour; organise a visit. "


def test_the_word_being_typed_is_underlined_only_once_it_is_finished(
    qtbot, dictionary, editor_window
) -> None:
    window, editor = editor_window
    editor.setFocus()
    qtbot.waitUntil(lambda: editor.hasFocus())
    type_text(qtbot, editor, "Mum said teh")
    assert underlined(editor) == []  # the cursor is still at the end of "teh"
    type_text(qtbot, editor, " ")
    assert underlined(editor) == ["teh"]
    type_text(qtbot, editor, "recieve")
    assert underlined(editor) == ["teh"]
    window.session_view.editor_for(window.session_view.focus.items[1].prompt_id).setFocus()  # leaving the answer finishes it
    qtbot.waitUntil(lambda: underlined(editor) == ["teh", "recieve"])


def test_underlining_is_never_an_edit_and_never_changes_the_text(
    qtbot, dictionary, editor_window
) -> None:
    window, editor = editor_window
    edits: list[bool] = []
    editor.edited.connect(lambda: edits.append(True))
    editor.load_text("Stored notes with a mispelling.")
    window.desktop.spelling.changed.emit()  # underline everything again
    assert underlined(editor) == ["mispelling"]
    assert edits == [] and not editor.has_uncommitted_typing()
    assert not editor.document().isUndoAvailable()
    assert editor.text() == "Stored notes with a mispelling."


def test_a_suggestion_replaces_the_word_as_one_undoable_edit(
    qtbot, dictionary, editor_window
) -> None:
    _window, editor = editor_window
    editor.setFocus()
    type_text(qtbot, editor, "We recieve reports. ")
    menu = editor.context_menu(point_at(editor, "recieve"))
    names = [a.objectName() for a in menu.actions()]
    assert "addToMyWords" in names and "ignoreWord" in names
    suggestions = [a for a in menu.actions() if a.objectName() == "spellSuggestion"]
    assert "receive" in [a.text() for a in suggestions]
    assert menu.actions()[0].objectName() == "spellSuggestion"  # spelling comes first
    next(a for a in suggestions if a.text() == "receive").trigger()
    assert editor.text() == "We receive reports. "
    assert underlined(editor) == []
    assert editor.has_uncommitted_typing()  # saved like typing
    editor.undo()
    assert editor.text() == "We recieve reports. "
    menu.deleteLater()


def test_a_read_only_answer_shows_no_underline_and_offers_no_change(
    qtbot, dictionary, editor_window
) -> None:
    _window, editor = editor_window
    editor.load_text("We recieve reports.")
    assert underlined(editor) == ["recieve"]
    editor.setReadOnly(True)  # as after sign-off
    assert underlined(editor) == []
    menu = editor.context_menu(point_at(editor, "recieve"))
    assert not any(a.objectName() == "spellSuggestion" for a in menu.actions())
    menu.deleteLater()
    editor.setReadOnly(False)
    assert underlined(editor) == ["recieve"]


def test_about_lists_the_spell_check_licences(qtbot, editor_window) -> None:
    window, _editor = editor_window
    window.actions.about.trigger()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "aboutDialog") is not None)
    text = window.findChild(QDialog, "aboutDialog").text.toPlainText()
    assert "PyEnchant" in text and "Hunspell" in text and "en_GB" in text


def test_a_correct_word_gets_the_standard_menu_only(qtbot, dictionary, editor_window) -> None:
    _window, editor = editor_window
    editor.load_text("The colour of the room.")
    menu = editor.context_menu(point_at(editor, "colour"))
    assert not any(a.objectName() in {"addToMyWords", "ignoreWord"} for a in menu.actions())
    assert menu.actions()  # copy, paste, select all...
    menu.deleteLater()


def test_add_to_my_words_saves_it_encrypted_and_every_editor_accepts_it(
    qtbot, dictionary, editor_window, store
) -> None:
    window, editor = editor_window
    other = window.session_view.editor_for(window.session_view.focus.items[1].prompt_id)
    editor.load_text("Zyxwanda visited.")
    other.load_text("Zyxwanda and zyxwanda again.")
    assert underlined(other) == ["Zyxwanda", "zyxwanda"]
    menu = editor.context_menu(point_at(editor, "Zyxwanda"))
    next(a for a in menu.actions() if a.objectName() == "addToMyWords").trigger()
    assert store.words.list_words() == ["Zyxwanda"]
    assert underlined(editor) == []
    assert underlined(other) == ["zyxwanda"]  # a capitalised name: lower case still flagged
    assert editor.text() == "Zyxwanda visited."
    menu.deleteLater()


def test_ignore_accepts_a_word_for_this_run_only_and_saves_nothing(
    qtbot, dictionary, editor_window, store
) -> None:
    _window, editor = editor_window
    editor.load_text("Plinkadoo is a nickname.")
    menu = editor.context_menu(point_at(editor, "Plinkadoo"))
    next(a for a in menu.actions() if a.objectName() == "ignoreWord").trigger()
    assert underlined(editor) == []
    assert store.words.list_words() == []
    assert editor.text() == "Plinkadoo is a nickname."
    menu.deleteLater()


def test_locking_forgets_my_words_and_unlocking_brings_them_back(
    qtbot,
    dictionary,
    unlocked,  # noqa: F811
) -> None:
    window, database, _session_id = unlocked
    spelling = window.desktop.spelling
    spelling.add_word("Zyxwanda")
    spelling.ignore("Plinkadoo")
    checker = spelling.checker()
    assert checker.is_correct("Zyxwanda") and checker.is_correct("Plinkadoo")
    window.lock_controller.lock()
    assert checker.personal_words == frozenset()
    assert not checker.is_correct("Zyxwanda") and not checker.is_correct("Plinkadoo")
    database.unlock(shared_key_ring())
    assert spelling.checker().is_correct("Zyxwanda")  # read again from the database
    assert not spelling.checker().is_correct("Plinkadoo")  # ignoring lasted until the lock


def test_spell_check_can_be_switched_off_and_the_choice_is_kept(
    qtbot, dictionary, editor_window
) -> None:
    window, editor = editor_window
    editor.load_text("A mispelling here.")
    assert underlined(editor) == ["mispelling"]
    action = window.desktop.spell_check
    assert action.isEnabled() and action.isChecked()
    action.trigger()
    assert underlined(editor) == []
    assert load_appearance().spell_check is False
    menu = editor.context_menu(point_at(editor, "mispelling"))
    assert not any(a.objectName() == "addToMyWords" for a in menu.actions())
    menu.deleteLater()
    window.desktop.set_appearance(replace(window.desktop.appearance, spell_check=True))
    assert action.isChecked() and underlined(editor) == ["mispelling"]


def test_preferences_switch_spell_check_and_open_my_words(
    qtbot, dictionary, editor_window, store
) -> None:
    window, _editor = editor_window
    store.words.add_word("Zyxwanda")
    window.desktop.open_preferences()
    dialog = window.findChild(PreferencesDialog)
    assert dialog.spell_check.isEnabled() and dialog.spell_check.isChecked()
    assert not dialog.spelling_note.isVisible()
    dialog.spell_check.setChecked(False)
    dialog.accept()
    assert window.desktop.appearance.spell_check is False
    assert not window.desktop.spell_check.isChecked()


def test_my_words_are_reviewed_added_and_removed(qtbot, editor_window, store) -> None:
    window, _editor = editor_window
    store.words.add_word("Zyxwanda")
    store.words.add_word("Kayleigh")
    dialog = window.desktop.open_my_words()
    qtbot.waitUntil(dialog.isVisible)
    assert [dialog.word_list.item(i).text() for i in range(dialog.word_list.count())] == [
        "Kayleigh",
        "Zyxwanda",
    ]
    assert not dialog.remove_button.isEnabled()
    dialog.word_list.item(0).setSelected(True)
    assert dialog.remove_button.isEnabled()
    dialog.remove_button.click()
    assert store.words.list_words() == ["Zyxwanda"]
    type_text(qtbot, dialog.new_word, "two words")
    dialog.add_button.click()
    assert dialog.problems_frame.isVisible() and store.words.list_words() == ["Zyxwanda"]
    dialog.new_word.setText("Aaliyah")
    dialog.add_button.click()
    assert store.words.list_words() == ["Aaliyah", "Zyxwanda"]
    assert not dialog.problems_frame.isVisible()
    dialog.reject()


def test_without_a_dictionary_spell_check_is_greyed_with_a_reason(
    qtbot, store, content, db_path, monkeypatch
) -> None:
    monkeypatch.setattr(spell_check, "load_checker", lambda: (None, NO_DICTIONARY))
    _case_id, session_id = make_case(store)
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    window.session_view.go_to_page(min(window.session_view.slots))  # the agenda's first item
    editor = window.session_view.stage_page(min(window.session_view.slots)).editors()[0]
    editor.setFocus()
    type_text(qtbot, editor, "We recieve reports. ")
    assert underlined(editor) == []
    menu = editor.context_menu(point_at(editor, "recieve"))
    assert not any(a.objectName() == "addToMyWords" for a in menu.actions())
    menu.deleteLater()
    action = window.desktop.spell_check
    qtbot.waitUntil(lambda: not action.isEnabled())
    assert "hunspell-en-gb" in action.toolTip()
    window.desktop.open_preferences()
    dialog = window.findChild(PreferencesDialog)
    assert not dialog.spell_check.isEnabled() and not dialog.spell_check.isChecked()
    assert dialog.spelling_note.isVisible()
    assert "British English dictionary" in dialog.spelling_note.text()
    dialog.accept()
    assert window.desktop.appearance.spell_check is True  # the choice is kept for later
    for top in QApplication.topLevelWidgets():
        if isinstance(top, QDialog) and top.isVisible():
            top.reject()
    window.close()


def test_my_words_dialog_from_preferences(qtbot, editor_window) -> None:
    window, _editor = editor_window
    window.desktop.open_preferences()
    dialog = window.findChild(PreferencesDialog)
    dialog.my_words_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(MyWordsDialog) is not None)
    words = dialog.findChild(MyWordsDialog)
    assert words.status.text().startswith("No words yet")
    words.reject()
    dialog.reject()


def test_a_service_without_a_database_keeps_my_words_in_memory(qtbot) -> None:
    class Fake:
        def check(self, word: str) -> bool:
            return word != "Zyxwanda"

        def suggest(self, word: str) -> list[str]:
            return []

    service = spell_check.SpellService(loader=lambda: (SpellChecker(Fake()), ""))
    changes: list[bool] = []
    service.changed.connect(lambda: changes.append(True))
    assert not service.checker().is_correct("Zyxwanda")
    service.add_word(" Zyxwanda ")
    assert service.words() == ["Zyxwanda"] and service.checker().is_correct("Zyxwanda")
    with pytest.raises(ValidationError):
        service.add_word("two words")
    service.remove_word("Zyxwanda")
    assert service.words() == [] and not service.checker().is_correct("Zyxwanda")
    assert changes == [True, True]
    service.set_enabled(False)
    assert service.checker() is None and changes == [True, True, True]
