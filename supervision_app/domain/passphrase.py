"""An honest passphrase strength estimate, and the pause after repeated failed unlocks.

The estimate is deliberately simple: length and the kinds of characters used,
with penalties for repeats and sequences.  It cannot know whether a phrase is
famous, so the advice says so.  Plain Python, no Qt.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

MIN_LENGTH = 12
ACCEPTABLE_BITS = 60.0
STRONG_BITS = 80.0


@dataclass(frozen=True, slots=True)
class Strength:
    bits: float
    #: 0 = too weak to use, 1 = weak but allowed, 2 = good, 3 = strong.
    level: int
    label: str
    advice: str

    @property
    def acceptable(self) -> bool:
        return self.level >= 1


def assess(passphrase: str) -> Strength:
    length = len(passphrase)
    if length < MIN_LENGTH:
        return Strength(
            0.0,
            0,
            "Too short",
            f"Use at least {MIN_LENGTH} characters; {length} so far. Several unrelated words "
            "are easiest to remember.",
        )
    pool = 0
    if any(c.islower() for c in passphrase):
        pool += 26
    if any(c.isupper() for c in passphrase):
        pool += 26
    if any(c.isdigit() for c in passphrase):
        pool += 10
    if any(c.isspace() for c in passphrase):
        pool += 1
    if any(not c.isalnum() and not c.isspace() for c in passphrase):
        pool += 33
    # Repeated characters and runs like "abcd" or "1234" add little.
    effective = 0.0
    previous = ""
    for ch in passphrase:
        if ch == previous or (previous and abs(ord(ch) - ord(previous)) == 1):
            effective += 0.25
        else:
            effective += 1
        previous = ch
    distinct = len(set(passphrase.lower()))
    effective = min(effective, distinct * 2.5)
    bits = effective * math.log2(max(pool, 2))
    if bits < ACCEPTABLE_BITS:
        return Strength(
            bits,
            0,
            "Too easy to guess",
            "Add more words, or mix in capitals, digits or symbols. Avoid repeats and runs "
            "like 1234.",
        )
    if bits < STRONG_BITS:
        return Strength(
            bits,
            2 if length >= 16 else 1,
            "Good" if length >= 16 else "Fair",
            "Acceptable. A longer phrase of unrelated words is stronger still. Do not use a "
            "quotation, song lyric or anything about you.",
        )
    return Strength(
        bits,
        3,
        "Strong",
        "Strong, as long as it is not a well-known phrase or something about you.",
    )


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
