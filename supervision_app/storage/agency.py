"""Agency recovery by public key: the laptop can wrap the data key, only the agency can unwrap it.

An agency content pack may carry the agency's X25519 *public* key.  The data key
is then also wrapped to it, ECIES-style: an ephemeral X25519 key pair, the
shared secret through HKDF-SHA256 (bound to both public keys), and AES-256-GCM.
The laptop holds only the public key, so whoever finds it learns nothing new.
The agency's IT keeps the private key (a PEM file encrypted with its own
passphrase) away from the laptops and uses ``supervision-app agency-reset`` to
set a new passphrase when a user has forgotten theirs.

See docs/security.md ("Agency recovery").
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import replace

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from supervision_app.storage.keys import (
    KEY_AAD,
    AgencySlot,
    CredentialError,
    KeyEntry,
    KeyRing,
)

_INFO = b"supervision_app agency recovery v1"
_ROLE = b"agency"
#: The smallest passphrase accepted for an agency private key file.
MIN_PRIVATE_KEY_PASSPHRASE = 12


class AgencyKeyError(CredentialError):
    """The agency key is unusable or does not open this database; the message says why."""


def public_key_bytes(pem: str | bytes) -> bytes:
    """The raw 32 bytes of an X25519 public key given as PEM; raises :class:`AgencyKeyError`."""
    data = pem.encode("ascii", "replace") if isinstance(pem, str) else pem
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        raise AgencyKeyError("That is not a PEM public key.") from None
    if not isinstance(key, X25519PublicKey):
        raise AgencyKeyError("The agency recovery key must be an X25519 public key.")
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public: bytes) -> str:
    """A short, readable fingerprint of an agency public key (for the user and the agency's IT)."""
    digest = hashlib.sha256(public).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def _kek(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=_INFO
    ).derive(shared)


def wrap_to_agency(data_key: bytes, recipient: bytes) -> AgencySlot:
    """Wrap ``data_key`` so that only the holder of the agency's private key can unwrap it."""
    ephemeral_key = X25519PrivateKey.generate()
    ephemeral = ephemeral_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    shared = ephemeral_key.exchange(X25519PublicKey.from_public_bytes(recipient))
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(_kek(shared, ephemeral, recipient)).encrypt(nonce, data_key, KEY_AAD + _ROLE)
    return AgencySlot(recipient, ephemeral, nonce, wrapped)


def with_agency_slot(ring: KeyRing, recipient: bytes | None) -> KeyEntry:
    """The ring's entry with its agency slot wrapped to ``recipient`` (None: no agency slot)."""
    slot = None if recipient is None else wrap_to_agency(ring.data_key, recipient)
    return replace(ring.entry, agency=slot)


def unwrap_with_agency_key(entries: list[KeyEntry], private_key: X25519PrivateKey) -> list[KeyRing]:
    """Every key ring the agency's private key opens, newest entry first. Raises when none."""
    own = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    rings = []
    for entry in reversed(entries):
        slot = entry.agency
        if slot is None or slot.recipient != own:
            continue
        shared = private_key.exchange(X25519PublicKey.from_public_bytes(slot.ephemeral))
        try:
            data_key = AESGCM(_kek(shared, slot.ephemeral, slot.recipient)).decrypt(
                slot.nonce, slot.wrapped, KEY_AAD + _ROLE
            )
        except InvalidTag:
            continue
        rings.append(KeyRing(data_key, entry))
    if not rings:
        raise AgencyKeyError(
            "This agency key does not open this database: its key file holds no key for this "
            f"agency key ({fingerprint(own)}). Nothing has been changed."
        )
    return rings


def generate_key_pair(passphrase: str) -> tuple[bytes, str]:
    """A new agency key pair: the private key as an encrypted PEM, and the public key as PEM."""
    if len(passphrase) < MIN_PRIVATE_KEY_PASSPHRASE:
        raise AgencyKeyError(
            f"The passphrase for the agency's private key must have at least "
            f"{MIN_PRIVATE_KEY_PASSPHRASE} characters."
        )
    key = X25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private_pem, public_pem.decode("ascii")


def load_private_key(pem: bytes, passphrase: str) -> X25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, passphrase.encode("utf-8") or None)
    except (ValueError, TypeError):
        raise AgencyKeyError(
            "The agency private key could not be read: the file is not a PEM private key, or "
            "its passphrase is wrong."
        ) from None
    if not isinstance(key, X25519PrivateKey):
        raise AgencyKeyError("The agency private key must be an X25519 key.")
    return key
