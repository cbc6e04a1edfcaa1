"""The case memory in the store (``store.memory``): hypotheses, escalations, the chronology,
session ratings, reviews of carried-forward actions, search, and the memory of record files.

Reading the whole history is ``memory_history``, search ``memory_search``, writing a record
file's memory ``memory_files``; the rules an escalation is recorded by are
``domain/escalation.py``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from supervision_app.domain import ActionStatus, ValidationError
from supervision_app.domain.escalation import (
    DEFAULT_TIMESCALE_DAYS,
    next_stage,
    raise_problems,
    require_outcome,
    require_step_up,
)
from supervision_app.domain.memory import (
    RECORDABLE_KINDS,
    CaseHistory,
    EventKind,
    HypothesisStatus,
    ReferralOutcome,
    ReviewOutcome,
    SearchHit,
)
from supervision_app.storage.database import Database
from supervision_app.storage.memory_files import write_case_memory, write_session_memory
from supervision_app.storage.memory_history import read_history
from supervision_app.storage.memory_search import SEARCH_LIMIT, search_memory
from supervision_app.storage.models import (
    ActionReviewRow,
    ActionRow,
    CaseRow,
    ChronologyEventRow,
    EscalationRow,
    EscalationStepRow,
    HypothesisNoteRow,
    HypothesisRow,
    SessionRatingRow,
    SessionRow,
)
from supervision_app.storage.rows import get_row, now_seconds, touch_session

if TYPE_CHECKING:
    from supervision_app.storage.interface import CaseMemoryData, SessionMemoryData


class CaseMemoryStore:
    """``store.memory``: hypotheses, escalations, the chronology, ratings, reviews, search."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- the whole history -------------------------------------------------------------

    def case_history(self, case_id: int) -> CaseHistory:
        """Everything the case remembers (see ``memory_history``)."""
        with self.database.read() as s:
            return read_history(s, case_id)

    # -- carried-forward actions ---------------------------------------------------------

    def review_action(
        self,
        action_id: int,
        outcome: ReviewOutcome,
        reason: str = "",
        session_id: int | None = None,
        on: date | None = None,
        new_due: date | None = None,
    ) -> None:
        """Record what happened to an action, in the session where it was looked at again."""
        outcome = ReviewOutcome(outcome)
        if outcome is ReviewOutcome.NOT_DONE:
            _require(bool(reason.strip()), "Say why the action was not done.")
        if outcome is ReviewOutcome.CARRIED_FORWARD and new_due is not None and on is not None:
            _require(new_due >= on, "The new due date cannot be before the session date.")
        with self.database.session() as s:
            action = get_row(s, ActionRow, action_id)
            if session_id is not None:
                on = on or get_row(s, SessionRow, session_id).date
            on = on or date.today()
            s.add(
                ActionReviewRow(
                    action_id=action_id,
                    session_id=session_id,
                    outcome=outcome.value,
                    reason=reason.strip(),
                    reviewed_on=on,
                    reviewed_at=now_seconds(),
                )
            )
            if outcome is ReviewOutcome.DONE:
                action.status = ActionStatus.DONE.value
            elif outcome is ReviewOutcome.NOT_DONE:
                action.status = ActionStatus.NOT_DONE.value
            else:
                action.status = ActionStatus.OPEN.value
                if new_due is not None:
                    action.due_date = new_due
            action.updated_at = now_seconds()
            touch_session(s, action.session_id)

    # -- hypotheses ---------------------------------------------------------------------

    def add_hypothesis(
        self,
        case_id: int,
        text_: str,
        on: date,
        session_id: int | None = None,
        basis: str = "",
        test_plan: str = "",
    ) -> int:
        """A new hypothesis (open), with what it is based on and how it will be tested."""
        _require(bool(text_.strip()), "Write the hypothesis.")
        now = now_seconds()
        with self.database.session() as s:
            get_row(s, CaseRow, case_id)
            row = HypothesisRow(
                case_id=case_id,
                session_id=session_id,
                text=text_,
                basis=basis,
                test_plan=test_plan,
                evaluation="",
                status=HypothesisStatus.OPEN.value,
                raised_on=on,
                created_at=now,
                updated_at=now,
            )
            s.add(row)
            s.flush()
            return row.id

    def edit_hypothesis(
        self, hypothesis_id: int, text_: str, basis: str, test_plan: str, evaluation: str
    ) -> None:
        """Correct or complete the hypothesis itself; its status and reviews are unchanged."""
        _require(bool(text_.strip()), "Write the hypothesis.")
        with self.database.session() as s:
            row = get_row(s, HypothesisRow, hypothesis_id)
            row.text, row.basis, row.test_plan, row.evaluation = (
                text_,
                basis,
                test_plan,
                evaluation,
            )
            row.updated_at = now_seconds()

    def update_hypothesis(
        self,
        hypothesis_id: int,
        status: HypothesisStatus,
        note: str,
        on: date,
        session_id: int | None = None,
        result: str = "",
        evaluation: str | None = None,
    ) -> None:
        """Review the hypothesis: how it was tested (``note``), what that found (``result``),
        its new status and, if given, the evaluation so far."""
        status = HypothesisStatus(status)
        with self.database.session() as s:
            row = get_row(s, HypothesisRow, hypothesis_id)
            _require(
                bool(note.strip()) or bool(result.strip()) or status.value != row.status,
                "Write how the hypothesis was tested, or change its status.",
            )
            row.status = status.value
            if evaluation is not None:
                row.evaluation = evaluation
            row.updated_at = now_seconds()
            row.notes.append(
                HypothesisNoteRow(
                    session_id=session_id,
                    noted_on=on,
                    status=status.value,
                    text=note,
                    result=result,
                )
            )

    def delete_hypothesis(self, hypothesis_id: int) -> None:
        with self.database.session() as s:
            s.delete(get_row(s, HypothesisRow, hypothesis_id))

    # -- escalations --------------------------------------------------------------------

    def raise_escalation(
        self,
        case_id: int,
        subject: str,
        with_whom: str,
        on: date,
        timescale_days: int = DEFAULT_TIMESCALE_DAYS,
        session_id: int | None = None,
        note: str = "",
        stage_name: str = "",
        stage: int = 1,
    ) -> int:
        """Raise an escalation at a stage of the policy (usually the first, ``stage_name``);
        ``timescale_days`` is the policy's timescale for that stage."""
        problems = raise_problems(subject, with_whom, timescale_days, stage)
        if problems:
            raise ValidationError(problems)
        with self.database.session() as s:
            get_row(s, CaseRow, case_id)
            row = EscalationRow(
                case_id=case_id,
                session_id=session_id,
                subject=subject,
                raised_on=on,
                timescale_days=timescale_days,
                outcome="",
                closed_on=None,
                updated_at=now_seconds(),
            )
            row.steps.append(
                EscalationStepRow(
                    session_id=session_id,
                    stage=stage,
                    with_whom=with_whom,
                    stepped_on=on,
                    note=note,
                    stage_name=stage_name,
                    days=timescale_days,
                )
            )
            s.add(row)
            s.flush()
            return row.id

    def step_up_escalation(
        self,
        escalation_id: int,
        with_whom: str,
        on: date,
        note: str = "",
        session_id: int | None = None,
        stage_name: str = "",
        days: int | None = None,
        stage: int | None = None,
    ) -> None:
        """Take the escalation to a later stage (by default the next); the earlier stages are
        kept as they were.  ``days`` is the policy's timescale for the new stage (None: the
        escalation's own)."""
        require_step_up(with_whom, days)
        with self.database.session() as s:
            row = get_row(s, EscalationRow, escalation_id)
            reached = max((st.stage for st in row.steps), default=0)
            stage = next_stage(row.outcome, reached, stage)
            row.steps.append(
                EscalationStepRow(
                    session_id=session_id,
                    stage=stage,
                    with_whom=with_whom,
                    stepped_on=on,
                    note=note,
                    stage_name=stage_name,
                    days=days,
                )
            )
            row.updated_at = now_seconds()

    def close_escalation(self, escalation_id: int, outcome: str, on: date) -> None:
        require_outcome(outcome)
        with self.database.session() as s:
            row = get_row(s, EscalationRow, escalation_id)
            row.outcome, row.closed_on, row.updated_at = outcome, on, now_seconds()

    # -- chronology ---------------------------------------------------------------------

    def add_event(
        self,
        case_id: int,
        on: date,
        kind: EventKind,
        title: str,
        detail: str = "",
        outcome: ReferralOutcome = ReferralOutcome.NONE,
        session_id: int | None = None,
    ) -> int:
        kind = _check_event(kind, title, outcome)
        with self.database.session() as s:
            get_row(s, CaseRow, case_id)
            row = ChronologyEventRow(
                case_id=case_id,
                session_id=session_id,
                happened_on=on,
                kind=kind.value,
                title=title,
                detail=detail,
                outcome=ReferralOutcome(outcome).value,
                created_at=now_seconds(),
            )
            s.add(row)
            s.flush()
            return row.id

    def update_event(
        self,
        event_id: int,
        on: date,
        kind: EventKind,
        title: str,
        detail: str = "",
        outcome: ReferralOutcome = ReferralOutcome.NONE,
    ) -> None:
        kind = _check_event(kind, title, outcome)
        with self.database.session() as s:
            row = get_row(s, ChronologyEventRow, event_id)
            row.happened_on, row.kind, row.title = on, kind.value, title
            row.detail, row.outcome = detail, ReferralOutcome(outcome).value

    def delete_event(self, event_id: int) -> None:
        with self.database.session() as s:
            s.delete(get_row(s, ChronologyEventRow, event_id))

    # -- ratings ------------------------------------------------------------------------

    def set_rating(
        self, session_id: int, child_safety: int | None, worker_safety: int | None
    ) -> None:
        for value in (child_safety, worker_safety):
            _require(value is None or 0 <= value <= 10, "Ratings go from 0 to 10.")
        with self.database.session() as s:
            get_row(s, SessionRow, session_id)
            row = s.get(SessionRatingRow, session_id)
            if row is None:
                row = SessionRatingRow(session_id=session_id, updated_at=now_seconds())
                s.add(row)
            row.child_safety, row.worker_safety, row.updated_at = (
                child_safety,
                worker_safety,
                now_seconds(),
            )

    def get_rating(self, session_id: int) -> tuple[int | None, int | None]:
        with self.database.read() as s:
            row = s.get(SessionRatingRow, session_id)
            return (row.child_safety, row.worker_safety) if row else (None, None)

    # -- record files ---------------------------------------------------------------------

    def import_session_memory(
        self, case_id: int, session_id: int, memory: SessionMemoryData
    ) -> None:
        """Write a record file's ``case_memory`` (see exchange_memory) in one transaction."""
        with self.database.session() as s:
            write_session_memory(s, case_id, session_id, memory)

    def import_case_memory(
        self, case_id: int, memory: CaseMemoryData, session_ids: list[int]
    ) -> None:
        """Write a whole-case file's memory (see exchange_case) in one transaction."""
        with self.database.session() as s:
            write_case_memory(s, case_id, memory, session_ids)

    # -- search ---------------------------------------------------------------------------

    def search(self, user_text: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
        """Every case and session, best matches first, with the matched words marked."""
        return search_memory(self.database, user_text, limit)


def _require(condition: bool, problem: str) -> None:
    if not condition:
        raise ValidationError([problem])


def _check_event(kind: EventKind, title: str, outcome: ReferralOutcome) -> EventKind:
    kind = EventKind(kind)
    problems = []
    if kind not in RECORDABLE_KINDS:
        problems.append("Choose what kind of event this is.")
    if not title.strip():
        problems.append("Say briefly what happened.")
    if ReferralOutcome(outcome) is not ReferralOutcome.NONE and kind is not EventKind.REFERRAL:
        problems.append("Only referrals have an outcome.")
    if problems:
        raise ValidationError(problems)
    return kind
