"""Spell-check's "my words": the user's own vocabulary, kept in the encrypted database.

The words are often names of children, families and places, so they are as sensitive as
the notes: they live in the ``personal_words`` table and nowhere else (never in a spell
checker's personal word list file, the settings file or a temporary file).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select

from supervision_app.domain import ValidationError
from supervision_app.storage.database import Database
from supervision_app.storage.models import PersonalWordRow

MAX_WORD_LENGTH = 64


def clean_word(word: str) -> str:
    """The word as stored: trimmed, one word, not too long; raises :class:`ValidationError`."""
    word = word.strip()
    if not word:
        raise ValidationError(["A word is needed."])
    if any(ch.isspace() for ch in word):
        raise ValidationError(["Add one word at a time."])
    if len(word) > MAX_WORD_LENGTH:
        raise ValidationError([f"A word can be at most {MAX_WORD_LENGTH} characters long."])
    return word


class PersonalWordStore:
    def __init__(self, database: Database) -> None:
        self.database = database

    def list_words(self) -> list[str]:
        """Every word, in alphabetical order ignoring case."""
        with self.database.read() as s:
            words = s.scalars(select(PersonalWordRow.word)).all()
        return sorted(words, key=lambda w: (w.casefold(), w))

    def add_word(self, word: str) -> bool:
        """Add ``word``; False when it was there already."""
        word = clean_word(word)
        with self.database.session() as s:
            if s.get(PersonalWordRow, word) is not None:
                return False
            s.add(PersonalWordRow(word=word, added_at=datetime.now(UTC).replace(tzinfo=None)))
        return True

    def remove_word(self, word: str) -> None:
        with self.database.session() as s:
            s.execute(delete(PersonalWordRow).where(PersonalWordRow.word == word))
            s.info["deleted"] = True  # the removed word must not linger in the WAL
