"""Spell-check without Qt: the word splitter, the en_GB checker, "my words" in the encrypted
database, and the schema step that adds their table."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from supervision_app.domain import ValidationError
from supervision_app.spelling import NO_PYENCHANT, SpellChecker, load_checker, words_in
from supervision_app.storage import SupervisionStore
from supervision_app.storage.identity import SCHEMA_VERSION
from supervision_app.storage.sqlite import cipher
from supervision_app.storage.sqlite.migrations import MIGRATIONS, v2_to_v3
from supervision_app.storage.sqlite.schema import backup_path_for
from tests.helpers import make_case, open_db, shared_key_ring

INSTALL_HINT = (
    "pip install 'supervision-app[spellcheck]'; on Linux also "
    "apt-get install libenchant-2-2 hunspell-en-gb"
)


def require_checker() -> SpellChecker:
    """The real en_GB checker, or the test is skipped saying why and how to install it."""
    found, why = load_checker()
    if found is None:
        pytest.skip(f"spell-check unavailable here: {why} ({INSTALL_HINT})")
    return found


@pytest.fixture
def checker() -> SpellChecker:
    return require_checker()


# -- the word splitter (no dictionary needed) ------------------------------------------------


def test_words_skip_numbers_addresses_and_keep_inner_apostrophes_and_hyphens() -> None:
    text = "The child’s well-being: 3rd visit, A12 road, see www.example.org or a.b@example.org."
    assert [w for _s, _e, w in words_in(text)] == [
        "The",
        "child’s",
        "well-being",
        "visit",
        "road",
        "see",
        "or",
    ]
    for start, end, word in words_in(text):
        assert text[start:end] == word


def test_a_fake_dictionary_is_asked_once_per_word_and_my_words_win() -> None:
    asked: list[str] = []

    class Fake:
        def check(self, word: str) -> bool:
            asked.append(word)
            return word.lower() != "kayleigh"

        def suggest(self, word: str) -> list[str]:
            return ["a", "a", "b"]

    fake = SpellChecker(Fake())
    for _ in range(3):
        assert fake.misspelt("Kayleigh saw Kayleigh") == [(0, 8, "Kayleigh"), (13, 21, "Kayleigh")]
    assert asked.count("Kayleigh") == 1  # cached
    fake.set_personal_words(["Kayleigh"])
    assert fake.misspelt("Kayleigh KAYLEIGH") == []
    assert fake.misspelt("kayleigh") == [(0, 8, "kayleigh")]  # added with a capital: a name
    fake.set_personal_words(["kayleigh"])
    assert fake.misspelt("Kayleigh kayleigh KAYLEIGH") == []
    assert fake.suggest("x") == ["a", "b"]
    fake.set_personal_words([])
    fake.ignore("Kayleigh")
    assert fake.misspelt("Kayleigh") == []
    fake.forget()
    assert fake.misspelt("Kayleigh") == [(0, 8, "Kayleigh")]


def test_without_pyenchant_the_checker_is_missing_with_a_reason(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "enchant", None)  # import enchant raises ImportError
    found, why = load_checker()
    assert found is None
    assert why == NO_PYENCHANT


# -- the real dictionary ----------------------------------------------------------------------


def test_british_spellings_pass_and_misspellings_are_caught(checker: SpellChecker) -> None:
    for word in ("organise", "behaviour", "colour", "safeguarding", "practise", "grey", "mum"):
        assert checker.is_correct(word), word
    for word in ("recieve", "behavour", "teh", "color"):
        assert not checker.is_correct(word), word
    assert "receive" in checker.suggest("recieve")
    assert [w for _s, _e, w in checker.misspelt("We recieve the colour report.")] == ["recieve"]


def test_enchant_files_stay_in_the_apps_config_folder_and_stay_empty(
    checker: SpellChecker, isolated_data_dir: Path
) -> None:
    checker.set_personal_words(["Zyxwvutska"])
    checker.ignore("Qwertyplonk")
    assert checker.is_correct("Zyxwvutska") and checker.is_correct("Qwertyplonk")
    folder = isolated_data_dir / "config" / "enchant"
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert all(p.stat().st_size == 0 for p in files), files


# -- my words in the database -------------------------------------------------------------------


def test_my_words_are_stored_listed_and_removed(store: SupervisionStore) -> None:
    assert store.words.list_words() == []
    assert store.words.add_word("  Kayleigh ")
    assert not store.words.add_word("Kayleigh")  # already there
    assert store.words.add_word("aardvarkish")
    assert store.words.add_word("Zainab")
    assert store.words.list_words() == ["aardvarkish", "Kayleigh", "Zainab"]
    store.words.remove_word("Kayleigh")
    assert store.words.list_words() == ["aardvarkish", "Zainab"]
    for bad in ("", "   ", "two words", "x" * 65):
        with pytest.raises(ValidationError):
            store.words.add_word(bad)


def _make_version_2(path: Path) -> None:
    """A database as version 2 left it: no personal_words table."""
    database = open_db(path)
    make_case(SupervisionStore(database), "BEFORE-V3")
    database.close()
    conn = cipher.connect(str(path), shared_key_ring().data_key)
    with conn:
        conn.execute("DROP TABLE personal_words")
        conn.execute("UPDATE app_meta SET value='2' WHERE key='schema_version'")
    conn.close()


def test_a_version_2_database_migrates_to_hold_my_words(db_path: Path) -> None:
    assert MIGRATIONS[2] is v2_to_v3
    _make_version_2(db_path)
    database = open_db(db_path)
    try:
        conn = database.raw_connection()
        try:
            tables, meta = cipher.read_meta(conn.driver_connection)
        finally:
            conn.close()
        assert "personal_words" in tables
        assert meta["schema_version"] == str(SCHEMA_VERSION)
        store = SupervisionStore(database)
        assert [c.reference for c in store.cases.list_cases()] == ["BEFORE-V3"]
        assert store.words.add_word("Kayleigh")
        assert store.words.list_words() == ["Kayleigh"]
    finally:
        database.close()
    assert backup_path_for(db_path, SCHEMA_VERSION).exists()


def test_the_step_to_version_3_is_idempotent(db_path: Path) -> None:
    _make_version_2(db_path)
    conn = cipher.connect(str(db_path), shared_key_ring().data_key)
    with conn:
        v2_to_v3(conn.cursor())
        conn.execute("INSERT INTO personal_words VALUES ('Kayleigh', '2026-01-01 00:00:00')")
        v2_to_v3(conn.cursor())  # run again: nothing lost, no error
        assert conn.execute("SELECT word FROM personal_words").fetchall() == [("Kayleigh",)]
    conn.close()
