"""Keys for the encrypted database: one data key, two ways to unwrap it.

A random 256-bit *data key* is the SQLCipher raw key of the database.  It is
never stored in the clear: the key file beside the database (``<db>.keys``)
holds it wrapped with AES-256-GCM twice, once under a key derived from the
user's passphrase and once under a key derived from the agency recovery key,
both with PBKDF2-HMAC-SHA512 at :data:`KDF_ITERATIONS` iterations and a random
salt, and, when an agency content pack supplies its public key, to that key
too (see :mod:`.agency`).  Changing the passphrase re-wraps the data key;
rotating the key re-encrypts the database under a new data key (see
:mod:`.security`).

The key file may hold more than one entry while a rotation is in progress, so
that a crash between re-keying the database and rewriting the key file can
never lock the user out: every entry that unwraps is tried against the file.

See docs/security.md for the design.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from supervision_app.atomic import write_atomically

# Re-exported: the credentials and the key file's place live apart (storage/credentials.py).
from supervision_app.storage.credentials import KEY_FILE_SUFFIX as KEY_FILE_SUFFIX
from supervision_app.storage.credentials import Passphrase as Passphrase
from supervision_app.storage.credentials import RecoveryKey as RecoveryKey
from supervision_app.storage.credentials import key_file_path as key_file_path

KEY_FILE_FORMAT = "supervision_app.keys"
KEY_FILE_VERSION = 1
#: PBKDF2-HMAC-SHA512 iterations for both slots: SQLCipher 4's default, never less.
KDF_ITERATIONS = 256_000
MIN_KDF_ITERATIONS = 256_000
#: More than this is not a setting this app ever wrote: a damaged or hostile key file (2**31
#: iterations would hang the unlock for hours), refused at once.
MAX_KDF_ITERATIONS = 10_000_000
DATA_KEY_BYTES = 32
RECOVERY_KEY_BYTES = 20  # 160 bits: 32 base32 characters in 8 groups of 4
#: Additional data bound into every wrapped data key (with the slot's role after it).
KEY_AAD = b"supervision_app data key v1:"
#: How an agency slot wraps the data key: ephemeral X25519, HKDF-SHA256, AES-256-GCM.
AGENCY_SCHEME = "x25519-hkdf-sha256-aes256gcm"


class CredentialError(Exception):
    """Base class for key problems; the message is fit to show the user."""


class WrongPassphraseError(CredentialError):
    pass


class InvalidRecoveryKeyError(CredentialError):
    pass


class KeyFileError(CredentialError):
    """The key file is missing, damaged or from a newer version."""


@dataclass(frozen=True, slots=True)
class Slot:
    salt: bytes
    nonce: bytes
    wrapped: bytes
    iterations: int = KDF_ITERATIONS

    def to_json(self) -> dict[str, object]:
        return {
            "kdf": "pbkdf2-hmac-sha512",
            "iterations": self.iterations,
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
        }

    @classmethod
    def from_json(cls, data: object) -> Slot:
        if not isinstance(data, dict) or data.get("kdf") != "pbkdf2-hmac-sha512":
            raise ValueError("unknown slot")
        iterations = data["iterations"]
        if not isinstance(iterations, int) or isinstance(iterations, bool):
            raise ValueError("iterations is not a whole number")
        if not MIN_KDF_ITERATIONS <= iterations <= MAX_KDF_ITERATIONS:
            raise ValueError("iterations out of range")
        salt, nonce = _unb64(data["salt"]), _unb64(data["nonce"])
        if not 16 <= len(salt) <= 64 or len(nonce) != 12:
            raise ValueError("salt or nonce of the wrong length")
        return cls(salt, nonce, _unb64(data["wrapped"]), iterations)


@dataclass(frozen=True, slots=True)
class AgencySlot:
    """The data key wrapped to an agency's X25519 public key (see :mod:`.agency`).

    Only the holder of the agency's private key can unwrap it; the laptop never
    holds that key.  ``recipient`` is the agency's public key, kept so that a key
    rotation can wrap the new data key to the same agency.
    """

    recipient: bytes
    ephemeral: bytes
    nonce: bytes
    wrapped: bytes

    def to_json(self) -> dict[str, object]:
        return {
            "kdf": AGENCY_SCHEME,
            "recipient": _b64(self.recipient),
            "ephemeral": _b64(self.ephemeral),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
        }

    @classmethod
    def from_json(cls, data: object) -> AgencySlot:
        if not isinstance(data, dict) or data.get("kdf") != AGENCY_SCHEME:
            raise ValueError("unknown agency slot")
        return cls(
            _unb64(data["recipient"]),
            _unb64(data["ephemeral"]),
            _unb64(data["nonce"]),
            _unb64(data["wrapped"]),
        )


@dataclass(frozen=True, slots=True)
class KeyEntry:
    """One data key, wrapped under the passphrase, the recovery key and, optionally, to the
    agency's public key."""

    passphrase: Slot
    recovery: Slot
    agency: AgencySlot | None = None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "passphrase": self.passphrase.to_json(),
            "recovery": self.recovery.to_json(),
        }
        if self.agency is not None:
            data["agency"] = self.agency.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KeyEntry:
        agency = data.get("agency")
        return cls(
            Slot.from_json(data["passphrase"]),
            Slot.from_json(data["recovery"]),
            AgencySlot.from_json(agency) if agency is not None else None,
        )


@dataclass(slots=True)
class KeyRing:
    """The unwrapped data key and the key file entries it came from."""

    data_key: bytes = field(repr=False)
    entry: KeyEntry
    #: Set only when the key ring was just created: the recovery key to show the user once.
    new_recovery_key: str | None = field(default=None, repr=False)

    def hex(self) -> str:
        return self.data_key.hex()


#: What opens a database: the passphrase, the recovery key, or a key ring already unlocked.
Credential = Passphrase | RecoveryKey | KeyRing


# -- passphrases and recovery keys -------------------------------------------------


def generate_recovery_key() -> str:
    """A random agency recovery key: 8 groups of 4 base32 characters."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_KEY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_recovery_key(text: str) -> str:
    """The recovery key in canonical form; typing variations (spaces, case, 0/O) are forgiven."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(cleaned) != 32:
        raise InvalidRecoveryKeyError(
            "A recovery key has 32 letters and digits in 8 groups of 4, like ABCD-EFGH-…. "
            "Check it against the copy you stored."
        )
    try:
        base64.b32decode(cleaned)
    except ValueError:
        raise InvalidRecoveryKeyError(
            "That is not a recovery key: it may only contain the letters A-Z and the digits 2-7."
        ) from None
    return "-".join(cleaned[i : i + 4] for i in range(0, 32, 4))


# -- wrapping ------------------------------------------------------------------------


def _derive(secret: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", secret.encode("utf-8"), salt, iterations, dklen=32)


def _wrap(data_key: bytes, secret: str, role: bytes) -> Slot:
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    kek = _derive(secret, salt, KDF_ITERATIONS)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return Slot(salt, nonce, AESGCM(kek).encrypt(nonce, data_key, KEY_AAD + role))


def _unwrap(slot: Slot, secret: str, role: bytes) -> bytes | None:
    # cryptography loads at the first unlock (or on the preload thread after the unlock
    # dialog's first paint), not before the dialog: the credential classes here are plain.
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = _derive(secret, slot.salt, slot.iterations)
    try:
        return AESGCM(kek).decrypt(slot.nonce, slot.wrapped, KEY_AAD + role)
    except InvalidTag:
        return None


def new_key_ring(passphrase: str, recovery_key: str | None = None) -> KeyRing:
    """A new random data key wrapped under ``passphrase`` and a recovery key.

    Pass an agency-supplied ``recovery_key``, or leave it out to generate one
    (returned in :attr:`KeyRing.new_recovery_key`, to be shown once).
    """
    recovery = normalise_recovery_key(recovery_key) if recovery_key else generate_recovery_key()
    data_key = secrets.token_bytes(DATA_KEY_BYTES)
    entry = KeyEntry(
        _wrap(data_key, passphrase, b"passphrase"), _wrap(data_key, recovery, b"recovery")
    )
    return KeyRing(data_key, entry, new_recovery_key=None if recovery_key else recovery)


def rewrap_passphrase(ring: KeyRing, new_passphrase: str) -> KeyRing:
    """The same data key and other slots, with the passphrase slot under a new passphrase."""
    entry = replace(ring.entry, passphrase=_wrap(ring.data_key, new_passphrase, b"passphrase"))
    return KeyRing(ring.data_key, entry)


def rewrap_recovery(ring: KeyRing, recovery_key: str | None = None) -> KeyRing:
    """The same data key and other slots, with the recovery slot under a new recovery key.

    The new key (generated unless ``recovery_key`` is given) is returned in
    :attr:`KeyRing.new_recovery_key`; the old recovery key no longer opens this entry.
    """
    recovery = normalise_recovery_key(recovery_key) if recovery_key else generate_recovery_key()
    entry = replace(ring.entry, recovery=_wrap(ring.data_key, recovery, b"recovery"))
    return KeyRing(ring.data_key, entry, new_recovery_key=recovery)


def unlock(entries: list[KeyEntry], credential: Passphrase | RecoveryKey) -> list[KeyRing]:
    """Every key ring the credential opens, newest entry first. Raises when none."""
    if isinstance(credential, RecoveryKey):
        secret, role = normalise_recovery_key(credential.text), b"recovery"
    else:
        secret, role = credential.text, b"passphrase"
    rings = []
    for entry in reversed(entries):
        slot = entry.recovery if role == b"recovery" else entry.passphrase
        data_key = _unwrap(slot, secret, role)
        if data_key is not None:
            rings.append(KeyRing(data_key, entry))
    if not rings:
        if role == b"recovery":
            raise InvalidRecoveryKeyError(
                "That recovery key does not open this database. Check it against the copy you stored."
            )
        raise WrongPassphraseError(
            "That passphrase is not right. Check Caps Lock and the keyboard layout, and try again."
        )
    return rings


# -- the key file ----------------------------------------------------------------------


def read_key_file(path: Path) -> list[KeyEntry]:
    try:
        if path.stat().st_size > 1024 * 1024:
            raise ValueError("far too large for a key file")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyFileError(
            f"The key file {path.name} beside the database is missing, so the database cannot be "
            "unlocked. Put the key file back (it is in every backup), or restore a backup."
        ) from None
    except (OSError, ValueError, RecursionError) as exc:
        raise KeyFileError(
            f"The key file {path} cannot be read ({type(exc).__name__}): it is damaged. Restore "
            "the database and its key file from a backup; nothing has been changed."
        ) from None
    if not isinstance(data, dict) or data.get("format") != KEY_FILE_FORMAT:
        raise KeyFileError(f"{path} is not a key file of this app; it has been left untouched.")
    if not isinstance(data.get("version"), int) or data["version"] > KEY_FILE_VERSION:
        raise KeyFileError(
            f"The key file {path.name} was written by a newer version of this app. "
            "Update the app to open it; nothing has been changed."
        )
    try:
        if not isinstance(data["entries"], list) or len(data["entries"]) > 8:
            raise ValueError("entries")
        entries = [KeyEntry.from_json(e) for e in data["entries"]]
    except (KeyError, TypeError, ValueError, AttributeError):
        raise KeyFileError(
            f"The key file {path.name} is damaged. Restore the database and its key file from "
            "a backup; nothing has been changed."
        ) from None
    if not entries:
        raise KeyFileError(f"The key file {path.name} holds no keys; nothing has been changed.")
    return entries


def write_key_file(path: Path, entries: list[KeyEntry]) -> None:
    """Replace the key file atomically (write, fsync, rename, fsync the folder)."""
    data = {
        "format": KEY_FILE_FORMAT,
        "version": KEY_FILE_VERSION,
        "about": "Wrapped keys of the supervision database. Useless without the passphrase "
        "or the recovery key; the database cannot be opened without this file.",
        "entries": [e.to_json() for e in entries],
    }
    atomic_write(path, json.dumps(data, indent=2).encode("utf-8"))


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace a file atomically (write, fsync, rename, fsync the folder)."""
    write_atomically(path, payload)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64")
    return base64.b64decode(text, validate=True)
