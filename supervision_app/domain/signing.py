"""Sign-off, addenda, the audit trail and the local user: plain objects and rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

#: Default number of days after the session after which an addendum is marked late.
DEFAULT_LATE_DAYS = 7


def name_and_role(person: str) -> tuple[str, str]:
    """A case's practitioner or supervisor as typed ("Sam Okafor, Health Visitor") split into
    the name and the role at the first comma; no comma: all of it is the name."""
    name, _comma, role = person.partition(",")
    return " ".join(name.split()), " ".join(role.split())


class Party(StrEnum):
    PRACTITIONER = "practitioner"
    SUPERVISOR = "supervisor"

    @property
    def label(self) -> str:
        return {"practitioner": "Practitioner", "supervisor": "Supervisor"}[self.value]


class AuditEvent(StrEnum):
    CREATED = "created"
    EDITED = "edited"
    SIGNED = "signed"
    ADDENDUM = "addendum"
    EXPORTED = "exported"
    PRINTED = "printed"
    #: the user accepted a content pack's agency recovery key (not about one record)
    AGENCY_KEY_ACCEPTED = "agency_key_accepted"

    @property
    def label(self) -> str:
        return {
            "created": "Created",
            "edited": "Edited",
            "signed": "Signed",
            "addendum": "Addendum added",
            "exported": "Exported",
            "printed": "Printed",
            "agency_key_accepted": "Agency recovery key accepted",
        }[self.value]


class LockedSessionError(PermissionError):
    """The session has been signed: its answers, decisions and actions can no longer change.

    The message is fit to show the user and says what to do instead.
    """


@dataclass(frozen=True, slots=True)
class LocalUser:
    id: int
    name: str
    role: str

    @property
    def display(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


@dataclass(frozen=True, slots=True)
class SignOffInput:
    party: Party
    name: str
    role: str
    comment: str = ""
    #: What the practitioner disagrees with, recorded instead of being signed away.
    disagreement: str = ""
    #: The practitioner's choice to print the wellbeing section (ignored for the supervisor).
    include_wellbeing: bool = False


@dataclass(frozen=True, slots=True)
class SignOff:
    party: Party
    name: str
    role: str
    signed_at: datetime
    comment: str
    disagreement: str
    include_wellbeing: bool


@dataclass(frozen=True, slots=True)
class Addendum:
    number: int
    author: str
    role: str
    written_at: datetime
    text: str
    late: bool


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime
    last_at: datetime
    user: str
    event: AuditEvent
    detail: str


@dataclass(frozen=True, slots=True)
class SessionIntegrity:
    """The sign-off state of one session."""

    signoffs: tuple[SignOff, ...] = ()
    addenda: tuple[Addendum, ...] = ()
    head_hash: str = ""
    late_days: int = DEFAULT_LATE_DAYS

    def signed_by(self, party: Party) -> SignOff | None:
        return next((s for s in self.signoffs if s.party == party), None)

    @property
    def any_signed(self) -> bool:
        return bool(self.signoffs)

    @property
    def locked(self) -> bool:
        """Both the practitioner and the supervisor have signed."""
        return all(self.signed_by(p) is not None for p in Party)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.head_hash)

    @property
    def include_wellbeing(self) -> bool:
        practitioner = self.signed_by(Party.PRACTITIONER)
        return bool(practitioner and practitioner.include_wellbeing)


@dataclass(frozen=True, slots=True)
class VerifyResult:
    session_id: int
    case_reference: str
    session_date: date | None
    ok: bool
    problem: str
    fingerprint: str


def fingerprint(head_hash: str) -> str:
    """The short fingerprint printed on the record: the first 80 bits, in groups of four."""
    if not head_hash:
        return ""
    short = head_hash[:20].upper()
    return " ".join(short[i : i + 4] for i in range(0, len(short), 4))


def is_late(session_date: date, written_at: datetime, late_days: int) -> bool:
    return (written_at.date() - session_date).days > late_days
