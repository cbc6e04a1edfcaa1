"""The passphrase rule, and the pause after repeated failed unlocks.

:func:`assess` is the one rule for a new passphrase, used by the window (first run,
change, reset) and by the command line wherever it sets one. It asks zxcvbn, the
well-kept strength estimator (dictionaries of common passwords, names and words,
keyboard patterns, dates, repeats, l33t substitutions), with extra dictionary words: the
app's own words, famous example passphrases and the user's name. Plain Python, no Qt.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

MIN_LENGTH = 12
#: zxcvbn's score (0 to 4) a new passphrase needs: 3 is "safely unguessable" (about 10^8
#: to 10^10 guesses), 4 is "very unguessable".
ACCEPTABLE_SCORE = 3
#: A passphrase whose letters are at least this share the user's name and the app's words
#: is weak at best, whatever the arithmetic of combining them says.
KNOWN_WORDS_SHARE = 0.5
#: zxcvbn reads at most this many characters (its limit); what follows only adds strength.
ESTIMATE_CHARACTERS = 72

#: Words anyone attacking this app's databases would try first: the app's own vocabulary
#: and famous example passphrases (zxcvbn's lists hold single words, not phrases).
APP_WORDS = (
    "supervision",
    "supervisor",
    "safeguarding",
    "reflective",
    "practitioner",
    "passphrase",
    "password",
    "recovery",
    "child",
    "children",
    "social worker",
    "health visitor",
    "school nurse",
    "early help",
    "team manager",
    "MASH",
    "Ferguson",
    "correct horse battery staple",
    "correcthorsebatterystaple",
    "Tr0ub4dor&3",
    "troubador",
)


@dataclass(frozen=True, slots=True)
class Strength:
    #: log10 of zxcvbn's estimate of the guesses needed
    guesses_log10: float
    #: 0 = too easy to guess, 1 = weak, 2 = good, 3 = strong (the meter's steps)
    level: int
    label: str
    #: one sentence: what to do, or why it will do
    advice: str
    #: zxcvbn's estimate in words: how long a copy of the file would take to open
    estimate: str = ""
    #: zxcvbn's own warning and suggestions, in its words
    warning: str = ""
    suggestions: tuple[str, ...] = field(default=())

    @property
    def acceptable(self) -> bool:
        return self.level >= 2


def extra_words(names: Iterable[str] = ()) -> list[str]:
    """The app's words plus each name given and its parts ("Priya Hale (Named Nurse)"
    adds "priya", "hale", "named", "nurse" and the whole)."""
    words = list(APP_WORDS)
    for name in names:
        name = " ".join(str(name).split())
        if not name:
            continue
        words.append(name)
        words.extend(part for part in re.split(r"[^\w]+", name) if len(part) >= 3)
    return words


def assess(passphrase: str, user_words: Iterable[str] = ()) -> Strength:
    """How hard ``passphrase`` is to guess, and whether the app accepts it as a new one.

    ``user_words``: the user's name, role and login name (whatever is known), tried as
    dictionary words alongside the app's own."""
    length = len(passphrase)
    if length < MIN_LENGTH:
        return Strength(
            0.0,
            0,
            "Too short",
            f"Use at least {MIN_LENGTH} characters; {length} so far. Several unrelated words "
            "are easiest to remember.",
        )
    from zxcvbn import zxcvbn  # its word lists take 0.1 s to load: not at every unlock

    result = zxcvbn(passphrase[:ESTIMATE_CHARACTERS], user_inputs=extra_words(user_words))
    score = int(result["score"])
    feedback = result.get("feedback") or {}
    warning = str(feedback.get("warning") or "")
    suggestions = tuple(str(s) for s in feedback.get("suggestions") or ())
    ours = _known_words(result)
    if ours and not warning:
        warning = f"It is built on {ours}, which an attacker would try first."
    estimate = (
        "Time to open a copy of the database by guessing: "
        f"{result['crack_times_display']['offline_slow_hashing_1e4_per_second']} "
        "(zxcvbn's estimate)."
    )
    level = {0: 0, 1: 0, 2: 1, 3: 2}.get(score, 3)
    if level > 1 and ours and _share_of_known_words(result, passphrase) >= KNOWN_WORDS_SHARE:
        level = 1  # mostly the user's name and the app's words: weak at best
        estimate = "Someone who knows your name and this app would try it early."
    label = ("Too easy to guess", "Weak", "Good", "Strong")[level]
    if level >= 3:
        advice = "Strong, as long as it is not something about you."
    elif level == 2:
        advice = "Acceptable. Another unrelated word makes it stronger."
    else:
        advice = " ".join((warning, *(suggestions or ("Add more unrelated words.",)))).strip()
    return Strength(
        float(result["guesses_log10"]), level, label, advice, estimate, warning, suggestions
    )


def _our_matches(result: dict[str, Any]) -> list[str]:
    """The app's words and the user's names zxcvbn found in the passphrase."""
    return [
        str(m["token"])
        for m in result.get("sequence") or ()
        if m.get("pattern") == "dictionary"
        and m.get("dictionary_name") == "user_inputs"
        and len(m.get("token", "")) >= 3
    ]


def _share_of_known_words(result: dict[str, Any], passphrase: str) -> float:
    letters = sum(1 for c in passphrase[:ESTIMATE_CHARACTERS] if c.isalnum())
    known = sum(sum(1 for c in token if c.isalnum()) for token in _our_matches(result))
    return known / letters if letters else 0.0


def _known_words(result: dict[str, Any]) -> str:
    """The app's words and the user's names zxcvbn found in the passphrase, quoted."""
    found = [f"“{token}”" for token in _our_matches(result)]
    if not found:
        return ""
    return found[0] if len(found) == 1 else ", ".join(found[:-1]) + " and " + found[-1]


class UnlockThrottle:
    """Waits that grow after repeated failures: none for the first 3, then 2, 4, 8 … 60 s."""

    FREE_ATTEMPTS = 3
    MAX_DELAY = 60.0

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self.failures = 0
        self._not_before = 0.0

    def record_failure(self) -> float:
        """Count a failure; the seconds to wait before the next attempt."""
        self.failures += 1
        extra = self.failures - self.FREE_ATTEMPTS
        delay = 0.0 if extra <= 0 else min(2.0**extra, self.MAX_DELAY)
        self._not_before = self._clock() + delay
        return delay

    def record_success(self) -> None:
        self.failures = 0
        self._not_before = 0.0

    def wait_remaining(self) -> float:
        return max(0.0, self._not_before - self._clock())
