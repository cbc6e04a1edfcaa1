"""Dual sign-off, locking, addenda and verification of the hash chain.

:class:`SigningStore` is ``store.signing``.  Once anyone has signed a
session its answers, decisions and actions are frozen (:func:`require_unlocked`
refuses every write with :class:`~supervision_app.domain.LockedSessionError`);
once both the practitioner and the supervisor have signed it is *locked*, and
corrections are added as dated, attributed addenda.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from supervision_app.domain import (
    Addendum,
    AuditEvent,
    LockedSessionError,
    Party,
    SessionDetail,
    SessionIntegrity,
    SignOff,
    SignOffInput,
    ValidationError,
    VerifyResult,
    fingerprint,
)
from supervision_app.domain.signing import is_late
from supervision_app.storage.audit import record_audit
from supervision_app.storage.audit_chain import ChainProblem, chain_problems
from supervision_app.storage.backend import dialect_of, refusal
from supervision_app.storage.chain import GENESIS, canonical_content, chain_problem, link_hash
from supervision_app.storage.database import Database
from supervision_app.storage.loading import NotFoundError, load_detail
from supervision_app.storage.models import (
    AuditEventRow,
    ChainLinkRow,
    ChainSealRow,
    RecordSnapshotRow,
    SessionRow,
)
from supervision_app.storage.snapshot import (
    LEGACY,
    SIGNED,
    dumps,
    frozen_mismatch,
    record_snapshot,
)

if TYPE_CHECKING:
    from supervision_app.storage.interface import MemoryStorage, SettingsStorage

MAX_NAME = 200


def chain_links(session: Session, session_id: int) -> list[ChainLinkRow]:
    return list(
        session.scalars(
            select(ChainLinkRow)
            .where(ChainLinkRow.session_id == session_id)
            .order_by(ChainLinkRow.seq, ChainLinkRow.id)
        )
    )


def link_dict(row: ChainLinkRow) -> dict[str, Any]:
    """What of a link the chain covers (everything but its own hashes)."""
    return {
        "seq": row.seq,
        "kind": row.kind,
        "party": row.party,
        "name": row.name,
        "role": row.role,
        "at": row.at.isoformat(timespec="seconds"),
        "comment": row.comment,
        "disagreement": row.disagreement,
        "text": row.text,
        "include_wellbeing": bool(row.include_wellbeing),
        "late": bool(row.late),
    }


def signed_content(
    session: Session, session_id: int, detail: SessionDetail
) -> tuple[dict[str, Any], str]:
    """The content the session's chain covers, and what is wrong with it ('' if nothing).

    A record signed with a snapshot is covered by that snapshot, and its frozen parts
    (answers, decisions, actions...) must still match the live data.  A record signed
    before snapshots is covered by the version 1 canonical content, with the case
    reference kept at the upgrade.
    """
    live = canonical_content(detail)
    row = session.get(RecordSnapshotRow, session_id)
    if row is None:
        return live, ""
    try:
        stored = json.loads(row.content)
    except ValueError:
        return live, "the stored snapshot of the signed record is unreadable"
    if not isinstance(stored, dict):
        return live, "the stored snapshot of the signed record is unreadable"
    if row.kind == LEGACY:
        live["case_reference"] = stored.get("case_reference")
        return live, ""
    changed = frozen_mismatch(stored, live)
    if changed:
        return stored, (
            "the signed " + ", ".join(changed) + " no longer match the snapshot taken at "
            "sign-off (signed content was changed, added or removed)"
        )
    return stored, ""


@contextmanager
def _refusals_shown() -> Iterator[None]:
    """A signature or addendum the database refuses (on the agency server: not in the login's
    name, not the case's practitioner or their supervisor, a read-only login) is a problem to
    show in the dialog, in the server's words; nothing was written."""
    from sqlalchemy.exc import DBAPIError

    try:
        yield
    except DBAPIError as exc:
        reason = refusal(exc)
        if reason is None:
            raise
        raise ValidationError([reason]) from None


def require_unlocked(session: Session, session_id: int) -> None:
    """Raise :class:`LockedSessionError` when the session has been signed by anyone."""
    signed = session.scalars(
        select(ChainLinkRow.party).where(
            ChainLinkRow.session_id == session_id, ChainLinkRow.kind == "signoff"
        )
    ).all()
    if not signed:
        return
    if {Party.PRACTITIONER.value, Party.SUPERVISOR.value} <= set(signed):
        raise LockedSessionError(
            "This record has been signed by the practitioner and the supervisor and is locked. "
            "Add corrections or late information as an addendum."
        )
    who = Party(signed[0]).label.lower()
    raise LockedSessionError(
        f"This record has been signed by the {who} and is waiting for the other signature, so "
        "it can no longer be changed. Add corrections as an addendum once both have signed."
    )


class SigningStore:
    """``store.signing``: sign-offs, addenda, snapshots and verification."""

    def __init__(
        self, database: Database, settings: SettingsStorage, memory: MemoryStorage
    ) -> None:
        self.database = database
        self._settings = settings
        self._memory = memory

    def integrity(self, session_id: int) -> SessionIntegrity:
        late_days = self._settings.late_entry_days()
        with self.database.read() as session:
            if session.get(SessionRow, session_id) is None:
                raise NotFoundError(f"Session {session_id} does not exist.")
            rows = chain_links(session, session_id)
            signoffs = tuple(
                SignOff(
                    Party(r.party),
                    r.name,
                    r.role,
                    r.at,
                    r.comment,
                    r.disagreement,
                    bool(r.include_wellbeing),
                )
                for r in rows
                if r.kind == "signoff"
            )
            addenda = tuple(
                Addendum(n, r.name, r.role, r.at, r.text, bool(r.late))
                for n, r in enumerate((r for r in rows if r.kind == "addendum"), start=1)
            )
            return SessionIntegrity(signoffs, addenda, rows[-1].hash if rows else "", late_days)

    def sign_session(self, session_id: int, signoff: SignOffInput) -> SessionIntegrity:
        name, role = " ".join(signoff.name.split()), " ".join(signoff.role.split())
        problems = []
        if not name:
            problems.append(f"Give the {signoff.party.label.lower()}'s name.")
        if not role:
            problems.append(f"Give the {signoff.party.label.lower()}'s role.")
        if len(name) > MAX_NAME or len(role) > MAX_NAME:
            problems.append(f"Name and role must each be at most {MAX_NAME} characters.")
        if problems:
            raise ValidationError(problems)
        snapshot = None if self.is_signed(session_id) else self.take_snapshot(session_id)
        with _refusals_shown(), self.database.session() as session:
            dialect_of(session.connection()).take_signing_turn(session, session_id)
            rows = chain_links(session, session_id)
            if any(r.kind == "signoff" and r.party == signoff.party.value for r in rows):
                raise ValidationError(
                    [f"The {signoff.party.label.lower()} has already signed this record."]
                )
            self._append_link(
                session,
                session_id,
                rows,
                kind="signoff",
                party=signoff.party.value,
                name=name,
                role=role,
                comment=signoff.comment,
                disagreement=signoff.disagreement,
                include_wellbeing=signoff.party == Party.PRACTITIONER and signoff.include_wellbeing,
                snapshot=snapshot,
            )
            detail = f"as {signoff.party.label.lower()}"
            if signoff.disagreement.strip():
                detail += ", recording a disagreement"
            record_audit(session, session_id, AuditEvent.SIGNED, detail, signer=(name, role))
        return self.integrity(session_id)

    def add_addendum(self, session_id: int, author: str, role: str, text: str) -> Addendum:
        author, role = " ".join(author.split()), " ".join(role.split())
        problems = []
        if not text.strip():
            problems.append("Write the addendum.")
        if not author:
            problems.append("Give the name of the person writing the addendum.")
        if not role:
            problems.append("Give their role.")
        if problems:
            raise ValidationError(problems)
        late_days = self._settings.late_entry_days()
        with _refusals_shown(), self.database.session() as session:
            dialect_of(session.connection()).take_signing_turn(session, session_id)
            rows = chain_links(session, session_id)
            parties = {r.party for r in rows if r.kind == "signoff"}
            if parties != {p.value for p in Party}:
                raise ValidationError(
                    [
                        "Addenda are added after both the practitioner and the supervisor have "
                        "signed. Until then, complete the sign-off first."
                    ]
                )
            now = datetime.now().replace(microsecond=0)
            parent = session.get(SessionRow, session_id)
            assert parent is not None  # checked by chain_links' caller through the sign-offs
            late = is_late(parent.date, now, late_days)
            self._append_link(
                session, session_id, rows, kind="addendum", name=author, role=role,
                text=text, late=late, at=now,
            )  # fmt: skip
            record_audit(session, session_id, AuditEvent.ADDENDUM, "late entry" if late else "")
            number = sum(1 for r in rows if r.kind == "addendum") + 1
            return Addendum(number, author, role, now, text, late)

    def take_snapshot(self, session_id: int) -> dict[str, Any]:
        """What the record of ``session_id`` shows now (see ``storage/snapshot.py``)."""
        with self.database.read() as session:
            detail = load_detail(session, session_id)
        return record_snapshot(detail, self._memory.case_history(detail.case.id))

    def signed_snapshot(self, session_id: int) -> dict[str, Any] | None:
        """The snapshot the record was signed with; None while unsigned or signed before
        snapshots existed."""
        with self.database.read() as session:
            row = session.get(RecordSnapshotRow, session_id)
            if row is None or row.kind != SIGNED:
                return None
            try:
                stored = json.loads(row.content)
            except ValueError:
                return None
            return stored if isinstance(stored, dict) else None

    def _append_link(
        self,
        session: Session,
        session_id: int,
        rows: list[ChainLinkRow],
        snapshot: dict[str, Any] | None = None,
        **fields: Any,
    ) -> ChainLinkRow:
        detail = load_detail(session, session_id)
        if not rows and snapshot is not None and session.get(RecordSnapshotRow, session_id) is None:
            if frozen_mismatch(snapshot, canonical_content(detail)):
                raise ValidationError(["The record changed while it was being signed. Try again."])
            session.add(
                RecordSnapshotRow(
                    session_id=session_id,
                    kind=SIGNED,
                    taken_at=datetime.now().replace(microsecond=0),
                    content=dumps(snapshot),
                )
            )
            session.flush()
        problem = self._problem(session, session_id, detail)
        if problem:
            raise ValidationError(
                [f"This record cannot be signed or added to: {problem}. Run Verify records."]
            )
        fields.setdefault("at", datetime.now().replace(microsecond=0))
        row = ChainLinkRow(session_id=session_id, seq=len(rows) + 1, **fields)
        for name in ("party", "role", "comment", "disagreement", "text"):
            if getattr(row, name) is None:
                setattr(row, name, "")
        row.include_wellbeing = bool(row.include_wellbeing)
        row.late = bool(row.late)
        previous = rows[-1].hash if rows else GENESIS
        row.prev_hash = previous
        content, _ = signed_content(session, session_id, detail)
        row.hash = link_hash(previous, content, [*(link_dict(r) for r in rows), link_dict(row)])
        session.add(row)
        seal = session.get(ChainSealRow, session_id)
        if seal is None:
            session.add(ChainSealRow(session_id=session_id, links=row.seq, head_hash=row.hash))
        else:
            seal.links, seal.head_hash = row.seq, row.hash
        parent = session.get(SessionRow, session_id)
        if parent is not None:
            parent.updated_at = row.at
        return row

    def _problem(self, session: Session, session_id: int, detail: Any = None) -> str:
        detail = detail or load_detail(session, session_id)
        rows = chain_links(session, session_id)
        seal = session.get(ChainSealRow, session_id)
        content, problem = signed_content(session, session_id, detail)
        problem = problem or chain_problem(
            content,
            [(link_dict(r), r.prev_hash, r.hash) for r in rows],
            (seal.links, seal.head_hash) if seal else None,
        )
        if not problem:
            recorded = session.scalar(
                select(func.count(AuditEventRow.id)).where(
                    AuditEventRow.session_id == session_id,
                    AuditEventRow.event.in_([AuditEvent.SIGNED.value, AuditEvent.ADDENDUM.value]),
                )
            )
            if (recorded or 0) > len(rows):
                problem = (
                    "the audit trail records more sign-offs and addenda than the record has "
                    "(some were removed)"
                )
        return problem

    def verify_session(self, session_id: int) -> VerifyResult:
        with self.database.read() as session:
            row = session.get(SessionRow, session_id)
            if row is None:
                raise NotFoundError(f"Session {session_id} does not exist.")
            return self._verify_row(session, row)

    def _verify_row(self, session: Session, row: SessionRow) -> VerifyResult:
        problem = self._problem(session, row.id)
        if not problem and session.get(ChainSealRow, row.id) is None:
            snapshot = session.get(RecordSnapshotRow, row.id)
            if snapshot is not None and snapshot.kind == SIGNED:
                problem = "the sign-offs of this signed record were removed"
        seal = session.get(ChainSealRow, row.id)
        return VerifyResult(
            row.id,
            row.case.reference,
            row.date,
            not problem,
            problem,
            fingerprint(seal.head_hash) if seal else "",
        )

    def verify_all(self) -> list[VerifyResult]:
        """Every session's chain checked against its stored content (unsigned ones pass)."""
        with self.database.read() as session:
            rows = session.scalars(select(SessionRow).order_by(SessionRow.id)).all()
            results = [self._verify_row(session, row) for row in rows]
            missing = session.execute(
                select(AuditEventRow.session_id, func.max(AuditEventRow.case_reference))
                .where(
                    AuditEventRow.event == AuditEvent.SIGNED.value,
                    AuditEventRow.session_id.not_in(select(SessionRow.id)),
                )
                .group_by(AuditEventRow.session_id)
            ).all()
            results += [
                VerifyResult(
                    cast(int, sid),  # NOT IN: never NULL
                    reference or "",
                    None,
                    False,
                    "a signed record has been deleted from the database",
                    "",
                )
                for sid, reference in missing
            ]
            return _with_trail_problems(results, chain_problems(session.connection()))

    def find_fingerprint(self, printed: str) -> tuple[VerifyResult, bool] | None:
        """The record whose chain reaches the fingerprint ``printed`` on a filed PDF, checked
        now, and whether that fingerprint is still its head (False: addenda were added since
        the PDF was printed).  None when no record in this database ever had it."""
        wanted = printed.replace(" ", "").upper()
        if len(wanted) != 20:
            return None
        with self.database.read() as session:
            links = session.scalars(
                select(ChainLinkRow).where(func.upper(func.substr(ChainLinkRow.hash, 1, 20)) == wanted)
            ).all()
            for link in links:
                row = session.get(SessionRow, link.session_id)
                if row is None:
                    continue
                seal = session.get(ChainSealRow, row.id)
                result = self._verify_row(session, row)
                trail = [p for p in chain_problems(session.connection()) if p.session_id == row.id]
                if trail and result.ok:
                    result = dataclasses.replace(result, ok=False, problem=trail[0].problem)
                return result, seal is not None and seal.head_hash == link.hash
        return None

    def is_signed(self, session_id: int) -> bool:
        with self.database.read() as session:
            return (
                session.scalar(select(ChainLinkRow.id).where(ChainLinkRow.session_id == session_id))
                is not None
            )


def _with_trail_problems(
    results: list[VerifyResult], problems: list[ChainProblem]
) -> list[VerifyResult]:
    """The audit trail's own problems (edited, removed or unprotected entries), reported on
    the record they belong to, or as a problem of the whole trail (session 0)."""
    by_id: dict[int | None, int] = {r.session_id: i for i, r in enumerate(results)}
    for p in problems:
        index = by_id.get(p.session_id) if p.session_id is not None else None
        if index is not None:
            r = results[index]
            problem = p.problem if r.ok else f"{r.problem}; {p.problem}"
            results[index] = dataclasses.replace(r, ok=False, problem=problem)
        else:
            results.append(VerifyResult(p.session_id or 0, p.reference, None, False, p.problem, ""))
            by_id.setdefault(p.session_id, len(results) - 1)
    return results
