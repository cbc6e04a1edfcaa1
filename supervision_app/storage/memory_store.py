"""The service API for the case's memory across sessions.

Reached as ``store.memory``.  Like :class:`SupervisionStore`, every method
opens its own unit of work and returns plain domain objects.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from sqlalchemy import bindparam, func, select

from supervision_app.domain import Action, ActionStatus, ValidationError
from supervision_app.domain.memory import (
    RECORDABLE_KINDS,
    ActionReview,
    CaseHistory,
    ChronologyEvent,
    DecisionEntry,
    Escalation,
    EscalationStep,
    EventKind,
    Hypothesis,
    HypothesisNote,
    HypothesisStatus,
    Rating,
    ReferralOutcome,
    ReviewOutcome,
    SearchHit,
    SessionAnswers,
    TrackedAction,
)
from supervision_app.domain.patterns import CHILD_WORDS_MARKED
from supervision_app.storage.backend import dialect_of
from supervision_app.storage.database import Database
from supervision_app.storage.loading import NotFoundError
from supervision_app.storage.models import (
    ActionReviewRow,
    ActionRow,
    AnswerRow,
    CaseRow,
    ChronologyEventRow,
    DecisionRow,
    EscalationRow,
    EscalationStepRow,
    HypothesisNoteRow,
    HypothesisRow,
    SessionRatingRow,
    SessionRow,
    StructuredAnswerRow,
)
from supervision_app.storage.rows import get_row, now_seconds, touch_session

DEFAULT_TIMESCALE_DAYS = 5
MARKED_ENTRIES_PROMPT = "assessment_recording.marked_entries"
SEARCH_LIMIT = 200
MARK_START, MARK_END = "\x02", "\x03"


def _require(condition: bool, problem: str) -> None:
    if not condition:
        raise ValidationError([problem])


class CaseMemoryStore:
    def __init__(self, database: Database) -> None:
        self.database = database

    # -- the whole history -------------------------------------------------------------

    def case_history(self, case_id: int) -> CaseHistory:
        """Everything the case remembers, read as columns with statements built once (no ORM
        objects: a long case has hundreds of rows, and an identity map of them, with the
        statements rebuilt at each call, cost most of the time)."""
        q = _history_queries()
        with self.database.read() as s:
            conn = s.connection()

            def rows(name: str) -> list:
                return conn.execute(q[name], {"case_id": case_id}).all()

            reference = next(iter(rows("case")), (None,))[0]
            if reference is None:
                raise NotFoundError(f"Case {case_id} no longer exists.")
            history = CaseHistory(case_id=case_id, reference=reference)
            dates: dict[int, date] = dict(rows("sessions"))
            answered: dict[int, set[str]] = {sid: set() for sid in dates}
            for sid, prompt_id in rows("answered"):
                answered[sid].add(prompt_id)
            for sid, data in rows("marked"):
                if _marks_child_words(data):
                    answered[sid].add(CHILD_WORDS_MARKED)
            counts: dict[int, int] = {}
            for did, sid, text_, rationale in rows("decisions"):
                counts[sid] = counts.get(sid, 0) + 1
                history.decisions.append(DecisionEntry(did, sid, dates[sid], text_, rationale))
            history.sessions = [
                SessionAnswers(sid, on, frozenset(answered[sid]), counts.get(sid, 0))
                for sid, on in dates.items()
            ]
            reviews: dict[int, list[ActionReview]] = {}
            for action_id, on, outcome, reason, sid in rows("reviews"):
                reviews.setdefault(action_id, []).append(
                    ActionReview(on, ReviewOutcome(outcome), reason, sid)
                )
            history.actions = [
                TrackedAction(Action(aid, description, owner, due, ActionStatus(status)), sid,
                              dates[sid], reviews.get(aid, []))
                for aid, sid, description, owner, due, status in rows("actions")
            ]  # fmt: skip
            notes: dict[int, list[HypothesisNote]] = {}
            for hid, on, status, text_, sid, result in rows("notes"):
                notes.setdefault(hid, []).append(
                    HypothesisNote(on, HypothesisStatus(status), text_, sid, result or "")
                )
            history.hypotheses = [
                Hypothesis(id=hid, text=text_, status=HypothesisStatus(status), raised_on=raised,
                           session_id=sid, notes=notes.get(hid, []), basis=basis or "",
                           test_plan=plan or "", evaluation=evaluation or "")
                for hid, text_, status, raised, sid, basis, plan, evaluation in rows("hypotheses")
            ]  # fmt: skip
            steps: dict[int, list[EscalationStep]] = {}
            for eid, stage, who, on, note, sid, name, days in rows("steps"):
                steps.setdefault(eid, []).append(
                    EscalationStep(stage, who, on, note, sid, name or "", days)
                )
            history.escalations = [
                Escalation(id=eid, subject=subject, raised_on=raised, timescale_days=days,
                           session_id=sid, steps=steps.get(eid, []), outcome=outcome,
                           closed_on=closed)
                for eid, subject, raised, days, sid, outcome, closed in rows("escalations")
            ]  # fmt: skip
            history.events = [
                ChronologyEvent(id=eid, on=on, kind=EventKind(kind), title=title, detail=detail,
                                outcome=ReferralOutcome(outcome), session_id=sid)
                for eid, on, kind, title, detail, outcome, sid in rows("events")
            ]  # fmt: skip
            ratings = {sid: (child, worker) for sid, child, worker in rows("ratings")}
            history.ratings = [
                Rating(sid, on, *ratings[sid]) for sid, on in dates.items() if sid in ratings
            ]
            return history

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
        problems = []
        if not subject.strip():
            problems.append("Say what is being escalated.")
        if not with_whom.strip():
            problems.append("Say who the escalation is with.")
        if timescale_days < 1:
            problems.append("The policy timescale must be at least one day.")
        if stage < 1:
            problems.append("Stages are numbered from 1.")
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
        _require(bool(with_whom.strip()), "Say who the escalation is with now.")
        _require(days is None or days >= 1, "The policy timescale must be at least one day.")
        with self.database.session() as s:
            row = get_row(s, EscalationRow, escalation_id)
            _require(not row.outcome.strip(), "This escalation is closed; raise a new one.")
            reached = max((st.stage for st in row.steps), default=0)
            _require(stage is None or stage > reached, "Step up to a later stage.")
            stage = stage if stage is not None else reached + 1
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
        _require(bool(outcome.strip()), "Write the outcome of the escalation before closing it.")
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

    def import_session_memory(self, case_id: int, session_id: int, memory) -> None:
        """Write a record file's ``case_memory`` (see exchange_memory) in one transaction."""
        with self.database.session() as s:
            write_session_memory(s, case_id, session_id, memory)

    def import_case_memory(self, case_id: int, memory, session_ids: list[int]) -> None:
        """Write a whole-case file's memory (see exchange_case) in one transaction."""
        with self.database.session() as s:
            write_case_memory(s, case_id, memory, session_ids)

    # -- search ---------------------------------------------------------------------------

    def search(self, user_text: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
        """Every case and session, best matches first, with the matched words marked."""
        if not user_text.strip():
            return []
        with self.database.read() as s:
            conn = s.connection()
            rows = dialect_of(conn).search(conn, user_text, limit, (MARK_START, MARK_END))
        hits = []
        for kind, case_id, reference, session_id, on, locator, item_id, snippet in rows:
            locator = locator or ""
            if locator.startswith(("note:", "step:")):  # a review or a stage: open its item
                locator, item_id = locator.split(":", 1)
            hits.append(
                SearchHit(
                    kind=kind,
                    case_id=int(case_id),
                    case_reference=reference,
                    session_id=int(session_id) if session_id is not None else None,
                    session_date=date.fromisoformat(on) if isinstance(on, str) else on,
                    locator=locator,
                    item_id=int(item_id),
                    snippet=snippet,
                )
            )
        return hits


def _marks_child_words(data: object) -> bool:
    """True if a marked-entries answer has an entry marked as the child's own words."""
    if not isinstance(data, dict):
        return False
    for row in data.get("rows") or []:
        if not isinstance(row, dict):
            continue
        mark = str(row.get("mark", "")).casefold()
        if "child" in mark and "words" in mark and str(row.get("entry", "")).strip():
            return True
    return False


def _review_row(
    action_id: int, session_id: int | None, review: ActionReview, now
) -> ActionReviewRow:
    return ActionReviewRow(
        action_id=action_id,
        session_id=session_id,
        outcome=review.outcome.value,
        reason=review.reason,
        reviewed_on=review.session_date,
        reviewed_at=now,
    )


def _add_memory_items(s, case_id: int, memory, top, inner, now) -> None:
    """Add a record file's chronology events, hypotheses and escalations to a case.

    ``top`` and ``inner`` turn an item's ``session_id`` (for the items, and for their notes and
    stages) into the session id to store."""
    for e in memory.events:
        s.add(
            ChronologyEventRow(
                case_id=case_id,
                session_id=top(e.session_id),
                happened_on=e.on,
                kind=e.kind.value,
                title=e.title,
                detail=e.detail,
                outcome=e.outcome.value,
                created_at=now,
            )
        )
    for h in memory.hypotheses:
        row = HypothesisRow(
            case_id=case_id,
            session_id=top(h.session_id),
            text=h.text,
            basis=h.basis,
            test_plan=h.test_plan,
            evaluation=h.evaluation,
            status=h.status.value,
            raised_on=h.raised_on,
            created_at=now,
            updated_at=now,
        )
        row.notes = [
            HypothesisNoteRow(
                session_id=inner(n.session_id),
                noted_on=n.on,
                status=n.status.value,
                text=n.text,
                result=n.result,
            )
            for n in h.notes
        ]
        s.add(row)
    for e in memory.escalations:
        row = EscalationRow(
            case_id=case_id,
            session_id=top(e.session_id),
            subject=e.subject,
            raised_on=e.raised_on,
            timescale_days=e.timescale_days,
            outcome=e.outcome,
            closed_on=e.closed_on,
            updated_at=now,
        )
        row.steps = [
            EscalationStepRow(
                session_id=inner(st.session_id),
                stage=st.stage,
                with_whom=st.with_whom,
                stepped_on=st.on,
                note=st.note,
                stage_name=st.name,
                days=st.days,
            )
            for st in e.steps
        ]
        s.add(row)


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


@cache
def _history_queries() -> dict:
    """The statements of :meth:`CaseMemoryStore.case_history`, built once (``:case_id`` bound
    at each call), each returning plain columns in the order the history keeps."""
    case = bindparam("case_id")
    of_case = SessionRow.__table__.c.case_id == case

    def by_session(*columns):
        return select(*columns).join(SessionRow, SessionRow.__table__.c.id == columns[0].table.c.session_id)

    return {
        "case": select(CaseRow.__table__.c.reference).where(CaseRow.__table__.c.id == case),
        "sessions": select(SessionRow.__table__.c.id, SessionRow.__table__.c.date)
        .where(of_case)
        .order_by(SessionRow.__table__.c.date, SessionRow.__table__.c.id),
        "answered": by_session(AnswerRow.__table__.c.session_id, AnswerRow.__table__.c.prompt_id).where(
            of_case, func.trim(AnswerRow.__table__.c.text) != ""
        ),
        "marked": by_session(StructuredAnswerRow.__table__.c.session_id, StructuredAnswerRow.__table__.c.data).where(
            of_case, StructuredAnswerRow.__table__.c.prompt_id == MARKED_ENTRIES_PROMPT
        ),
        "decisions": select(DecisionRow.__table__.c.id, DecisionRow.__table__.c.session_id, DecisionRow.__table__.c.text,
                            DecisionRow.__table__.c.rationale)
        .join(SessionRow, SessionRow.__table__.c.id == DecisionRow.__table__.c.session_id)
        .where(of_case)
        .order_by(SessionRow.__table__.c.date, DecisionRow.__table__.c.position),
        "actions": select(ActionRow.__table__.c.id, ActionRow.__table__.c.session_id, ActionRow.__table__.c.description,
                          ActionRow.__table__.c.owner, ActionRow.__table__.c.due_date, ActionRow.__table__.c.status)
        .join(SessionRow, SessionRow.__table__.c.id == ActionRow.__table__.c.session_id)
        .where(of_case)
        .order_by(SessionRow.__table__.c.date, ActionRow.__table__.c.position),
        "reviews": select(ActionReviewRow.__table__.c.action_id, ActionReviewRow.__table__.c.reviewed_on,
                          ActionReviewRow.__table__.c.outcome, ActionReviewRow.__table__.c.reason,
                          ActionReviewRow.__table__.c.session_id)
        .join(ActionRow, ActionRow.__table__.c.id == ActionReviewRow.__table__.c.action_id)
        .join(SessionRow, SessionRow.__table__.c.id == ActionRow.__table__.c.session_id)
        .where(of_case)
        .order_by(ActionReviewRow.__table__.c.reviewed_on, ActionReviewRow.__table__.c.id),
        "hypotheses": select(HypothesisRow.__table__.c.id, HypothesisRow.__table__.c.text, HypothesisRow.__table__.c.status,
                             HypothesisRow.__table__.c.raised_on, HypothesisRow.__table__.c.session_id,
                             HypothesisRow.__table__.c.basis, HypothesisRow.__table__.c.test_plan,
                             HypothesisRow.__table__.c.evaluation)
        .where(HypothesisRow.__table__.c.case_id == case)
        .order_by(HypothesisRow.__table__.c.raised_on, HypothesisRow.__table__.c.id),
        "notes": select(HypothesisNoteRow.__table__.c.hypothesis_id, HypothesisNoteRow.__table__.c.noted_on,
                        HypothesisNoteRow.__table__.c.status, HypothesisNoteRow.__table__.c.text,
                        HypothesisNoteRow.__table__.c.session_id, HypothesisNoteRow.__table__.c.result)
        .join(HypothesisRow, HypothesisRow.__table__.c.id == HypothesisNoteRow.__table__.c.hypothesis_id)
        .where(HypothesisRow.__table__.c.case_id == case)
        .order_by(HypothesisNoteRow.__table__.c.id),
        "escalations": select(EscalationRow.__table__.c.id, EscalationRow.__table__.c.subject, EscalationRow.__table__.c.raised_on,
                              EscalationRow.__table__.c.timescale_days, EscalationRow.__table__.c.session_id,
                              EscalationRow.__table__.c.outcome, EscalationRow.__table__.c.closed_on)
        .where(EscalationRow.__table__.c.case_id == case)
        .order_by(EscalationRow.__table__.c.raised_on, EscalationRow.__table__.c.id),
        "steps": select(EscalationStepRow.__table__.c.escalation_id, EscalationStepRow.__table__.c.stage,
                        EscalationStepRow.__table__.c.with_whom, EscalationStepRow.__table__.c.stepped_on,
                        EscalationStepRow.__table__.c.note, EscalationStepRow.__table__.c.session_id,
                        EscalationStepRow.__table__.c.stage_name, EscalationStepRow.__table__.c.days)
        .join(EscalationRow, EscalationRow.__table__.c.id == EscalationStepRow.__table__.c.escalation_id)
        .where(EscalationRow.__table__.c.case_id == case)
        .order_by(EscalationStepRow.__table__.c.id),
        "events": select(ChronologyEventRow.__table__.c.id, ChronologyEventRow.__table__.c.happened_on,
                         ChronologyEventRow.__table__.c.kind, ChronologyEventRow.__table__.c.title,
                         ChronologyEventRow.__table__.c.detail, ChronologyEventRow.__table__.c.outcome,
                         ChronologyEventRow.__table__.c.session_id)
        .where(ChronologyEventRow.__table__.c.case_id == case)
        .order_by(ChronologyEventRow.__table__.c.happened_on, ChronologyEventRow.__table__.c.id),
        "ratings": by_session(SessionRatingRow.__table__.c.session_id, SessionRatingRow.__table__.c.child_safety,
                              SessionRatingRow.__table__.c.worker_safety).where(of_case),
    }  # fmt: skip


def _escalation(row: EscalationRow) -> Escalation:
    return Escalation(
        id=row.id,
        subject=row.subject,
        raised_on=row.raised_on,
        timescale_days=row.timescale_days,
        session_id=row.session_id,
        steps=[
            EscalationStep(
                st.stage,
                st.with_whom,
                st.stepped_on,
                st.note,
                st.session_id,
                st.stage_name or "",
                st.days,
            )
            for st in row.steps
        ],
        outcome=row.outcome,
        closed_on=row.closed_on,
    )


def _event(row: ChronologyEventRow) -> ChronologyEvent:
    return ChronologyEvent(
        id=row.id,
        on=row.happened_on,
        kind=EventKind(row.kind),
        title=row.title,
        detail=row.detail,
        outcome=ReferralOutcome(row.outcome),
        session_id=row.session_id,
    )


def write_session_memory(s, case_id: int, session_id: int, memory) -> None:
    """Add a record file's ``case_memory`` inside the caller's unit of work.

    Its items belong to the session; their later notes and stages to no session."""
    now = now_seconds()
    if memory.child_safety is not None or memory.worker_safety is not None:
        s.add(
            SessionRatingRow(
                session_id=session_id,
                child_safety=memory.child_safety,
                worker_safety=memory.worker_safety,
                updated_at=now,
            )
        )
    _add_memory_items(s, case_id, memory, lambda _x: session_id, lambda _x: None, now)
    actions = s.scalars(
        select(ActionRow).where(ActionRow.session_id == session_id).order_by(ActionRow.position)
    ).all()
    for index, reviews in memory.action_reviews.items():
        for review in reviews:
            s.add(_review_row(actions[index].id, None, review, now))


def write_case_memory(s, case_id: int, memory, session_ids: list[int]) -> None:
    """Add a whole-case file's memory inside the caller's unit of work.

    Every ``session_id`` in ``memory`` is a position in ``session_ids`` (the sessions of the
    file, already added), or None for what was recorded outside any session."""

    def link(position: int | None) -> int | None:
        return None if position is None else session_ids[position]

    now = now_seconds()
    for position, (child, worker) in memory.ratings.items():
        s.add(
            SessionRatingRow(
                session_id=session_ids[position],
                child_safety=child,
                worker_safety=worker,
                updated_at=now,
            )
        )
    _add_memory_items(s, case_id, memory, link, link, now)
    for (position, index), reviews in memory.action_reviews.items():
        action_id = s.scalars(
            select(ActionRow.id)
            .where(ActionRow.session_id == session_ids[position])
            .order_by(ActionRow.position)
        ).all()[index]
        for review in reviews:
            s.add(_review_row(action_id, link(review.session_id), review, now))
