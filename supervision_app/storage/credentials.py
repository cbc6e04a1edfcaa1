"""What the user types to unlock (a passphrase, the recovery key) and where the key file is.

Apart from :mod:`.keys` (which re-exports them) so that the unlock dialog, which needs only
these, appears without the key file's machinery (hashing, JSON, random numbers and
``cryptography``): that loads at the first unlock attempt, or once the dialog is painted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

KEY_FILE_SUFFIX = ".keys"


@dataclass(frozen=True, slots=True)
class Passphrase:
    text: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class RecoveryKey:
    text: str = field(repr=False)


def key_file_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + KEY_FILE_SUFFIX)
