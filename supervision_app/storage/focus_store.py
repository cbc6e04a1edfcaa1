"""The focused session in the store: the agenda, Today, the summary, and Home's attention list.

:class:`FocusStore` is ``store.focus``.  Like the rest of the store, every method opens its own
unit of work and returns plain domain objects.  Once anyone has signed a session, its agenda, Today and summary are frozen like its
answers (:class:`~supervision_app.domain.LockedSessionError`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, func, literal, select
from sqlalchemy.orm import Session

from supervision_app.domain import AuditEvent, ValidationError
from supervision_app.domain.agenda import AgendaProposal, agenda_problems, propose_agenda
from supervision_app.domain.focus import AgendaItem, AttentionItem, SessionClosing, SessionOpening
from supervision_app.domain.opening_closing import (
    SESSION_TEXT_KIND,
    blank_closing,
    blank_opening,
    closing_problems,
    opening_problems,
    session_text,
    with_session_text,
)
from supervision_app.domain.since_last import merge_since_last, since_last_time
from supervision_app.domain.validation import format_date
from supervision_app.storage.audit import record_audit, record_edit
from supervision_app.storage.conflict import AnswerConflictError
from supervision_app.storage.focus_rows import read_focus, write_focus
from supervision_app.storage.loading import NotFoundError, case_detail
from supervision_app.storage.models import (
    ActionRow,
    CaseRow,
    ChainLinkRow,
    EscalationRow,
    EscalationStepRow,
    SessionRow,
)
from supervision_app.storage.signing import require_unlocked

if TYPE_CHECKING:
    from supervision_app.content.model import Content
    from supervision_app.content.patterns import PatternRule
    from supervision_app.storage.database import Database
    from supervision_app.storage.interface import MemoryStorage, SessionStorage, SigningStorage

#: How often a case is due for supervision when the caller does not say (monthly).
DEFAULT_FREQUENCY_DAYS = 28


class FocusStore:
    """``store.focus``: the agenda, Today, the summary, Home's attention list, the next session."""

    def __init__(
        self,
        database: Database,
        sessions: SessionStorage,
        signing: SigningStorage,
        memory: MemoryStorage,
    ) -> None:
        self.database = database
        self._sessions = sessions
        self._signing = signing
        self._memory = memory

    # -- the agenda ----------------------------------------------------------------------

    def get_agenda(self, session_id: int) -> list[AgendaItem]:
        """Today's agenda in order; empty for a session from before the focused session."""
        with self.database.read() as session:
            _session_row(session, session_id)
            return read_focus(session, session_id).agenda

    def save_agenda(self, session_id: int, items: Sequence[AgendaItem]) -> None:
        """Replace the agenda (reordered, shortened or extended). Audited as "agenda set"."""
        items = list(items)
        problems = agenda_problems(items)
        if problems:
            raise ValidationError(problems)
        with self.database.session() as session:
            _session_row(session, session_id)
            require_unlocked(session, session_id)
            focus = read_focus(session, session_id)
            focus.agenda = items
            now = datetime.now()
            write_focus(session, session_id, focus, now)
            _touch(session, session_id, now)
            record_audit(session, session_id, AuditEvent.EDITED, f"agenda set ({len(items)} items)")

    # -- Today and the summary -------------------------------------------------------------

    def get_opening(self, session_id: int) -> SessionOpening:
        """Today as saved, or a blank one with a worry line for each of the case's children."""
        with self.database.read() as session:
            row = _session_row(session, session_id)
            saved = read_focus(session, session_id).opening
            return saved if saved is not None else blank_opening(case_detail(row.case))

    def save_opening(self, session_id: int, opening: SessionOpening) -> None:
        problems = opening_problems(opening)
        if problems:
            raise ValidationError(problems)
        self._update_focus(session_id, opening=opening)

    def get_closing(self, session_id: int) -> SessionClosing:
        """The summary as saved, or a blank one with a scaling line for each child."""
        with self.database.read() as session:
            row = _session_row(session, session_id)
            saved = read_focus(session, session_id).closing
            return saved if saved is not None else blank_closing(case_detail(row.case))

    def save_closing(self, session_id: int, closing: SessionClosing) -> None:
        problems = closing_problems(closing)
        if problems:
            raise ValidationError(problems)
        self._update_focus(session_id, closing=closing)

    def save_session_text(
        self, session_id: int, key: str, text: str, base: str | None = None
    ) -> datetime:
        """Autosave one free-text field of Today or the summary ("today.question",
        "summary.worries", "today.worry.0" ...; see ``domain.opening_closing.SESSION_TEXT_FIELDS``).
        Returns the commit time; LockedSessionError once signed, like answers.

        ``base`` is the field's text the editor's typing started from (None: not checked).
        Today and the summary are one row: the row is held for this transaction and the field
        compared, so two people writing different fields never conflict, and someone else's
        change to this field since ``base`` raises ``AnswerConflictError`` with both texts,
        nothing overwritten (the same text again is a retry, not a conflict)."""
        now = datetime.now()
        with self.database.session() as session:
            row = _session_row(session, session_id)
            require_unlocked(session, session_id)
            case = case_detail(row.case)
            focus = read_focus(session, session_id, for_update=True)
            opening = focus.opening or blank_opening(case)
            closing = focus.closing or blank_closing(case)
            try:
                stored = session_text(opening, closing, key)
                opening, closing = with_session_text(
                    opening, closing, key, text, [c.name for c in case.children]
                )
            except ValueError as exc:
                raise ValidationError([str(exc)]) from None
            if base is not None and stored not in (base, text):
                raise AnswerConflictError(session_id, key, text, stored, 0, SESSION_TEXT_KIND)
            if key.startswith("today."):
                focus.opening = opening
            else:
                focus.closing = closing
            write_focus(session, session_id, focus, now)
            record_edit(session, session_id, now)
        return now

    def _update_focus(
        self,
        session_id: int,
        opening: SessionOpening | None = None,
        closing: SessionClosing | None = None,
    ) -> None:
        now = datetime.now()
        with self.database.session() as session:
            _session_row(session, session_id)
            require_unlocked(session, session_id)
            focus = read_focus(session, session_id, for_update=True)
            if opening is not None:
                focus.opening = opening
            if closing is not None:
                focus.closing = closing
            write_focus(session, session_id, focus, now)
            record_edit(session, session_id, now)

    # -- what Today and the agenda page start from --------------------------------------------

    def opening_with_since_last(
        self, session_id: int, rules: Sequence[PatternRule] = ()
    ) -> SessionOpening:
        """Today as saved, with "what has changed since last time" refreshed from the case
        memory (choices already made are kept by key; see ``domain.since_last.merge_since_last``).
        Nothing is saved: pass the result to ``save_opening`` once the user has chosen."""
        detail = self._sessions.get_session(session_id)
        opening = self.get_opening(session_id)
        if self._signing.is_signed(session_id):
            return opening  # a signed record shows what was chosen then, nothing new
        history = self._memory.case_history(detail.case.id)
        fresh = since_last_time(
            history, _raised(rules, history, detail.date), detail.date, session_id
        )
        return replace(opening, since_last=tuple(merge_since_last(fresh, opening.since_last)))

    def propose_agenda(
        self,
        session_id: int,
        content: Content,
        rules: Sequence[PatternRule] = (),
        minutes: int | None = None,
    ) -> AgendaProposal:
        """The agenda the app proposes for this session (``domain.agenda.propose_agenda``), from
        its case, the case memory, the pattern prompts raised and Today's choices."""
        detail = self._sessions.get_session(session_id)
        history = self._memory.case_history(detail.case.id)
        opening = self.opening_with_since_last(session_id, rules)
        planned = minutes or (detail.closing.planned_minutes if detail.closing else 75)
        return propose_agenda(
            content,
            detail.case,
            history,
            _raised(rules, history, detail.date),
            opening.since_last,
            detail.date,
            planned,
        )

    # -- starting the next session -----------------------------------------------------------

    def open_session_on(self, case_id: int, on: date) -> int | None:
        """The case's unsigned session dated ``on`` (the latest), to resume; None if there is none."""
        with self.database.read() as session:
            return session.scalar(
                select(SessionRow.id)
                .where(
                    SessionRow.case_id == case_id,
                    SessionRow.date == on,
                    SessionRow.id.not_in(select(ChainLinkRow.session_id)),
                )
                .order_by(SessionRow.id.desc())
                .limit(1)
            )

    def start_next_session(
        self, case_id: int, on: date, attendees: Iterable[str], content_version: str
    ) -> int:
        """Home's [Start]: resume the case's unsigned session of that day, or create one."""
        existing = self.open_session_on(case_id, on)
        if existing is not None:
            return existing
        return self._sessions.create_session(case_id, on, attendees, content_version)

    # -- Home --------------------------------------------------------------------------------

    def attention(
        self,
        today: date,
        frequency_days: int = DEFAULT_FREQUENCY_DAYS,
        limit: int = 50,
        rules: Sequence[PatternRule] = (),
        frequency_label: str = "",
    ) -> list[AttentionItem]:
        """What needs attention across all cases, most urgent first, each line saying why.

        - escalations past their policy timescale at their current stage (most urgent);
        - overdue actions;
        - cases due for supervision: the last session older than ``frequency_days`` (a case
          with no session yet counts from when it was opened);
        - pattern prompts raised (``rules``), checked for the cases already listed and the
          most recently supervised ones, at most ``limit`` cases.

        Each of the first three is one indexed, grouped query with a LIMIT; nothing loops
        over every case or session in Python.
        """
        label = frequency_label or f"policy {frequency_days} days"
        found: dict[int, _Entry] = {}
        with self.database.read() as session:
            for case_id, reference, subject, start, allowed in _overdue_escalations(
                session, today, limit
            ):
                days = (today - start).days
                entry = found.setdefault(case_id, _Entry(reference))
                entry.add(
                    0,
                    days - allowed,
                    "escalation",
                    f"Escalation '{_short(subject)}': {days} days at this stage; "
                    f"the policy allows {allowed}",
                )
            for case_id, reference, count, oldest in _overdue_actions(session, today, limit):
                days = (today - oldest).days
                what = "1 action overdue" if count == 1 else f"{count} actions overdue"
                found.setdefault(case_id, _Entry(reference)).add(
                    1, days, "action", f"{what}: the oldest was due {format_date(oldest)} "
                    f"({days} days ago)"
                )  # fmt: skip
            for case_id, reference, last, opened in _due_cases(
                session, today, frequency_days, limit
            ):
                if last is not None:
                    days = (today - last).days
                    why = (
                        f"Due for supervision: last session {format_date(last)} "
                        f"({days} days ago; {label})"
                    )
                else:
                    days = (today - opened).days
                    why = f"Due for supervision: no session yet (case opened {format_date(opened)}; {label})"
                found.setdefault(case_id, _Entry(reference)).add(
                    2, days - frequency_days, "due", why
                )
            last_sessions = dict(_last_sessions(session, found.keys()))
            if rules:
                candidates = list(found)
                for case_id, reference in _recent_cases(session, limit):
                    if len(candidates) >= limit:
                        break
                    if case_id not in found:
                        found[case_id] = _Entry(reference)
                        candidates.append(case_id)
                last_sessions = dict(_last_sessions(session, found.keys()))
            resume = dict(_open_today(session, found.keys(), today))
        if rules:
            for case_id in list(found):
                history = self._memory.case_history(case_id)
                for prompt in _raised(rules, history, today):
                    found[case_id].add(
                        3, 0, "pattern", f"Pattern: {prompt.title}. {prompt.evidence}"
                    )
            found = {k: v for k, v in found.items() if v.reasons}
        items = [
            AttentionItem(
                case_id=case_id,
                reference=entry.reference,
                urgency=entry.urgency,
                reasons=tuple(entry.reasons),
                next_session_id=resume.get(case_id),
                last_session=last_sessions.get(case_id),
                kinds=tuple(dict.fromkeys(entry.kinds)),
            )
            for case_id, entry in found.items()
        ]
        items.sort(key=lambda i: (i.urgency, i.reference))
        return items[:limit]


def _raised(rules: Sequence[PatternRule], history: Any, on: date) -> list[Any]:
    if not rules:
        return []
    from supervision_app.domain.patterns import evaluate

    return evaluate(rules, history, on)


@dataclass(slots=True)
class _Entry:
    reference: str
    urgency: int = 10**9
    reasons: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)

    def add(self, tier: int, overdue_by: int, kind: str, reason: str) -> None:
        """Lower is more urgent: the tier first (escalation, action, due, pattern), then how
        long it has been overdue."""
        self.urgency = min(self.urgency, tier * 100_000 - max(min(overdue_by, 99_999), 0))
        self.reasons.append(reason)
        self.kinds.append(kind)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _session_row(session: Session, session_id: int) -> SessionRow:
    row = session.get(SessionRow, session_id)
    if row is None:
        raise NotFoundError(f"Session {session_id} no longer exists.")
    return row


def _touch(session: Session, session_id: int, when: datetime) -> None:
    row = session.get(SessionRow, session_id)
    if row is not None:
        row.updated_at = when.replace(microsecond=0)


# Home's queries read the tables (Core), not the mapped classes: no ORM objects are loaded on
# the first screen.
_CASES, _SESSIONS, _ACTIONS = CaseRow.__table__, SessionRow.__table__, ActionRow.__table__
_ESCALATIONS, _STEPS = EscalationRow.__table__, EscalationStepRow.__table__
_LINKS = ChainLinkRow.__table__


def _overdue_escalations(session: Session, today: date, limit: int) -> list[Any]:
    """Open escalations whose current stage has run past its timescale (the stage's own from
    the policy, else the escalation's), most overdue first."""
    last_step = (
        select(_STEPS.c.escalation_id, func.max(_STEPS.c.id).label("step_id"))
        .group_by(_STEPS.c.escalation_id)
        .subquery()
    )
    start = func.coalesce(_STEPS.c.stepped_on, _ESCALATIONS.c.raised_on)
    allowed = func.coalesce(_STEPS.c.days, _ESCALATIONS.c.timescale_days)
    query = (
        select(_CASES.c.id, _CASES.c.reference, _ESCALATIONS.c.subject, start, allowed)
        .join(_CASES, _CASES.c.id == _ESCALATIONS.c.case_id)
        .outerjoin(last_step, last_step.c.escalation_id == _ESCALATIONS.c.id)
        .outerjoin(_STEPS, _STEPS.c.id == last_step.c.step_id)
        .where(func.trim(_ESCALATIONS.c.outcome) == "")
    )
    # The days at the stage are counted here, not in SQL: date arithmetic differs between
    # SQLite (julianday) and PostgreSQL, and open escalations are few.
    found = [
        (cid, ref, subject, _as_date(on), int(days))
        for cid, ref, subject, on, days in session.execute(query)
    ]
    overdue = [row for row in found if (today - row[3]).days > row[4]]
    overdue.sort(key=lambda row: (today - row[3]).days - row[4], reverse=True)
    return overdue[:limit]


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _overdue_actions(session: Session, today: date, limit: int) -> list[Any]:
    """Per case: how many open actions are past their due date, and the oldest due date."""
    oldest = func.min(_ACTIONS.c.due_date)
    query = (
        select(_CASES.c.id, _CASES.c.reference, func.count(_ACTIONS.c.id), oldest)
        .join(_SESSIONS, _SESSIONS.c.id == _ACTIONS.c.session_id)
        .join(_CASES, _CASES.c.id == _SESSIONS.c.case_id)
        .where(_ACTIONS.c.status == "open", _ACTIONS.c.due_date < today)
        .group_by(_CASES.c.id, _CASES.c.reference)
        .order_by(oldest)
        .limit(limit)
    )
    return [(cid, ref, n, _as_date(due)) for cid, ref, n, due in session.execute(query)]


def _due_cases(session: Session, today: date, frequency_days: int, limit: int) -> list[Any]:
    """Cases whose last session (or, with none, their opening) is ``frequency_days`` or more
    before ``today``, longest waiting first.  Reads each case's stored latest session
    (``cases.last_session``, kept by triggers) through the ``ix_cases_recent`` index: no
    grouping of every session."""
    cutoff = today - timedelta(days=frequency_days)
    cases = CaseRow.__table__
    since = func.coalesce(cases.c.last_session, func.date(cases.c.created_at))
    query = (
        select(cases.c.id, cases.c.reference, cases.c.last_session, cases.c.created_at)
        .where(since <= literal(cutoff, Date))
        .order_by(since, cases.c.reference)
        .limit(limit)
    )
    return [
        (cid, ref, _as_date(on) if on is not None else None, created.date())
        for cid, ref, on, created in session.connection().execute(query)
    ]


def _last_sessions(session: Session, case_ids: Iterable[int]) -> list[Any]:
    ids = list(case_ids)
    if not ids:
        return []
    cases = CaseRow.__table__
    return list(
        session.connection().execute(
            select(cases.c.id, cases.c.last_session).where(
                cases.c.id.in_(ids), cases.c.last_session.is_not(None)
            )
        )
    )


def _recent_cases(session: Session, limit: int) -> list[Any]:
    """The most recently supervised cases (for the pattern checks), in the order of the
    ``ix_cases_recent`` index."""
    cases = CaseRow.__table__
    return list(
        session.connection().execute(
            select(cases.c.id, cases.c.reference)
            .where(cases.c.last_session.is_not(None))
            .order_by(
                func.coalesce(cases.c.last_session, func.date(cases.c.created_at)).desc(),
                cases.c.reference,
            )
            .limit(limit)
        )
    )


def _open_today(session: Session, case_ids: Iterable[int], today: date) -> list[Any]:
    ids = list(case_ids)
    if not ids:
        return []
    return list(
        session.execute(
            select(_SESSIONS.c.case_id, func.max(_SESSIONS.c.id))
            .where(
                _SESSIONS.c.case_id.in_(ids),
                _SESSIONS.c.date == today,
                _SESSIONS.c.id.not_in(select(_LINKS.c.session_id)),
            )
            .group_by(_SESSIONS.c.case_id)
        )
    )
