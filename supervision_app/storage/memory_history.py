"""Reading a case's whole history (``store.memory.case_history``) as plain domain objects.

The statements are built once, on the tables, and return plain columns: a long case has
hundreds of rows, and an identity map of ORM objects, with the statements rebuilt at each
call, cost most of the time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from supervision_app.domain import Action, ActionStatus
from supervision_app.domain.memory import (
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
    SessionAnswers,
    TrackedAction,
)
from supervision_app.domain.patterns import CHILD_WORDS_MARKED
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

MARKED_ENTRIES_PROMPT = "assessment_recording.marked_entries"


def read_history(s: Session, case_id: int) -> CaseHistory:
    """Everything the case remembers (inside the caller's unit of work); NotFoundError if the
    case no longer exists."""
    q = _history_queries()
    conn = s.connection()

    def rows(name: str) -> Sequence[Any]:
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


@cache
def _history_queries() -> dict[str, Any]:
    """The statements of :func:`read_history`, built once (``:case_id`` bound
    at each call), each returning plain columns in the order the history keeps."""
    case: Any = bindparam("case_id")
    of_case = SessionRow.__table__.c.case_id == case

    def by_session(*columns: Any) -> Any:
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
