"""British English spell-check through Enchant (the optional ``pyenchant`` package).

Nothing here imports Qt.  :func:`load_checker` gives a :class:`SpellChecker`, or ``None`` with
a reason to show when the library or the en_GB dictionary is missing: spell-check is optional
and the app works without it.

* The dictionary: Hunspell's en_GB (on Windows bundled in pyenchant's wheel; on Linux the
  system's ``libenchant-2-2`` and ``hunspell-en-gb``), asked for before Aspell's.
* "My words" and "Ignore" are kept in this object's memory only.  The app loads "my words" from
  the encrypted database (:mod:`supervision_app.storage.personal_words`).  Enchant's own
  personal word list is never written to (no ``Dict.add``), and its folder is pointed at the
  app's config folder so that no other program's word list changes what is accepted.
* Checking is cached per word, so the work per keystroke is a regular expression over one
  paragraph and a dictionary look-up per word.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from supervision_app.paths import config_dir

if TYPE_CHECKING:
    from supervision_app.domain import SessionDetail

LANGUAGE = "en_GB"
#: Why spell-check is off, as returned by :func:`load_checker` (the UI words them).
#: (Plain English for logs and test reports; never shown untranslated.)
NO_PYENCHANT = "pyenchant is not installed"
NO_ENCHANT = "the Enchant library (libenchant-2) was not found"
NO_DICTIONARY = "no en_GB dictionary (hunspell-en-gb) is installed"
BROKEN = "the en_GB dictionary would not open"
PROVIDER_ORDER = "hunspell,nuspell,aspell"
MAX_SUGGESTIONS = 6
CACHE_LIMIT = 50_000

#: A word: letters (any script), with inner hyphens or apostrophes ("well-being", "child's").
WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
#: Not words to check: web and e-mail addresses (the whole run of text they are in).
ADDRESS_RE = re.compile(r"(?<!\S)\S*(?:@|://|www\.)\S*")


def words_in(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, word)`` of each word to check in ``text`` (Python string indices):
    not in a web or e-mail address, nor glued to a digit or underscore ("3rd", "A12")."""
    has_address = "@" in text or "://" in text or "www." in text
    skipped = [m.span() for m in ADDRESS_RE.finditer(text)] if has_address else []
    i, size = 0, len(text)
    for match in WORD_RE.finditer(text):
        start, end = match.span()
        if (start and _glued(text[start - 1])) or (end < size and _glued(text[end])):
            continue
        while i < len(skipped) and skipped[i][1] <= start:
            i += 1
        if i < len(skipped) and skipped[i][0] < end:
            continue
        yield start, end, match.group()


def _glued(char: str) -> bool:
    return char.isdigit() or char == "_"


#: A capitalised word met mid-sentence this often in a case's text is taken for a name.
NAME_MENTIONS = 2
#: What may end a sentence (or a list item): a capital after it is not a sign of a name.
_SENTENCE_END = ".!?:;\n•*-–—(\"“‘'"


def case_words(names: Iterable[str], texts: Iterable[str] = ()) -> set[str]:
    """The words spell-check accepts for one case without anyone adding them: every word of
    the names in its record (children, practitioner, supervisor, attendees, owners, the
    people in its tools) and the names in its text: a capitalised word met mid-sentence at
    least :data:`NAME_MENTIONS` times ("... told Dean that ...", "... Dean's car ...")."""
    words = {_bare(w) for name in names for _s, _e, w in words_in(name)}
    mentions: Counter[str] = Counter()
    for text in texts:
        for start, _end, word in words_in(text):
            if word[0].isupper() and not word.isupper() and _mid_sentence(text, start):
                mentions[_bare(word)] += 1
    words.update(w for w, count in mentions.items() if count >= NAME_MENTIONS)
    return {w for w in words if len(w) >= 2}


def _bare(word: str) -> str:
    """``word`` without a possessive ending ("Jayden's" -> "Jayden")."""
    for ending in ("'s", "’s", "'", "’"):
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


def _mid_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t")
    return bool(before) and before[-1] not in _SENTENCE_END


def session_case_words(detail: SessionDetail) -> set[str]:
    """:func:`case_words` for the case of an open session, from its record: the case's
    people and the session's answers, tools, decisions and actions."""
    case = detail.case
    names = [c.name for c in case.children]
    names += [case.practitioner, case.supervisor, *detail.attendees]
    names += [a.owner for a in detail.actions]
    texts = [a.text for a in detail.answers.values()]
    texts += [t for d in detail.decisions for t in (d.text, d.rationale)]
    texts += [a.description for a in detail.actions]
    for tool in detail.structured.values():
        texts += list(_strings(tool.data))
    return case_words(names, texts)


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a tool's data (nested dicts and lists)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class SpellChecker:
    """Checks words against the dictionary, "my words" and the words ignored this session."""

    def __init__(self, dictionary: Any, description: str = "") -> None:
        self._dict = dictionary
        self.description = description
        self._cache: dict[str, bool] = {}
        self._mine: set[str] = set()
        self._mine_any_case: set[str] = set()
        self._ignored: set[str] = set()
        #: The names in the open case's record (see :func:`case_words`): never saved.
        self._case: set[str] = set()

    # -- checking ---------------------------------------------------------------------

    def is_correct(self, word: str) -> bool:
        known = self._cache.get(word)
        if known is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            known = self._cache[word] = self._lookup(word)
        return known

    def _lookup(self, word: str) -> bool:
        if len(word) < 2 or word in self._ignored or self._is_mine(word):
            return True
        if self._case and self._is_case_word(word):
            return True
        try:
            return bool(self._dict.check(word))
        except Exception:  # an odd word the library cannot take: never flag it, never crash
            return True

    def _is_case_word(self, word: str) -> bool:
        bare = _bare(word)
        return bare in self._case or (bare.isupper() and bare.title() in self._case)

    def _is_mine(self, word: str) -> bool:
        # "kayleigh" added in lower case also accepts "Kayleigh" and "KAYLEIGH"; "Kayleigh"
        # added with a capital also accepts "KAYLEIGH", as the dictionary does for names.
        return (
            word in self._mine
            or word.lower() in self._mine_any_case
            or (word.isupper() and any(w.upper() == word for w in self._mine))
        )

    def misspelt(self, text: str) -> list[tuple[int, int, str]]:
        return [(s, e, w) for s, e, w in words_in(text) if not self.is_correct(w)]

    def suggest(self, word: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        try:
            found = self._dict.suggest(word)
        except Exception:
            return []
        return list(dict.fromkeys(found))[:limit]

    # -- my words and ignored words ---------------------------------------------------------

    def set_personal_words(self, words: Iterable[str]) -> None:
        self._mine = set(words)
        self._mine_any_case = {w for w in self._mine if w.islower()}
        self._cache.clear()

    def set_case_words(self, words: Iterable[str]) -> None:
        """Accept the names of the open case (replacing the previous case's)."""
        self._case = set(words)
        self._cache.clear()

    @property
    def personal_words(self) -> frozenset[str]:
        return frozenset(self._mine)

    def ignore(self, word: str) -> None:
        """Accept ``word`` until the app closes (never saved)."""
        self._ignored.add(word)
        self._cache.pop(word, None)

    def forget(self) -> None:
        """Drop every word held in memory (the database was locked)."""
        self._cache.clear()
        self._mine.clear()
        self._mine_any_case.clear()
        self._ignored.clear()
        self._case.clear()


def load_checker(language: str = LANGUAGE) -> tuple[SpellChecker | None, str]:
    """The checker and ``""``, or ``None`` and why not (:data:`NO_PYENCHANT`, :data:`NO_ENCHANT`,
    :data:`NO_DICTIONARY` or :data:`BROKEN`)."""
    # Enchant creates empty personal word list files in its config folder when a dictionary
    # opens: keep them in the app's own config folder, away from other programs' word lists.
    folder = config_dir() / "enchant"
    os.environ["ENCHANT_CONFIG_DIR"] = str(folder)
    try:
        import enchant
    except ImportError as exc:  # pyenchant missing, or it found no Enchant C library
        return None, NO_ENCHANT if "library" in str(exc).lower() else NO_PYENCHANT
    except Exception:  # OSError from ctypes, or pyenchant's own checks of PYENCHANT_* paths
        return None, NO_ENCHANT
    try:
        broker = enchant.Broker()
        broker.set_ordering(language, PROVIDER_ORDER)
        if not broker.dict_exists(language):
            return None, NO_DICTIONARY
        dictionary = broker.request_dict(language)
        provider = dictionary.provider.name
    except Exception:
        return None, BROKEN
    return SpellChecker(dictionary, f"{provider}, {language}"), ""
