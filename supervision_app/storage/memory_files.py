"""Writing the ``case_memory`` of a record file or a whole-case file as rows, inside the
caller's unit of work (see exchange_memory and exchange_case for the files' shapes)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervision_app.domain.memory import ActionReview
from supervision_app.storage.models import (
    ActionReviewRow,
    ActionRow,
    ChronologyEventRow,
    EscalationRow,
    EscalationStepRow,
    HypothesisNoteRow,
    HypothesisRow,
    SessionRatingRow,
)
from supervision_app.storage.rows import now_seconds

if TYPE_CHECKING:
    from supervision_app.storage.interface import CaseMemoryData, MemoryItems, SessionMemoryData

#: Turns a session id of the file (or a position in it) into the session id to store.
SessionLink = Callable[[int | None], int | None]


def write_session_memory(
    s: Session, case_id: int, session_id: int, memory: SessionMemoryData
) -> None:
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


def write_case_memory(
    s: Session, case_id: int, memory: CaseMemoryData, session_ids: list[int]
) -> None:
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


def _review_row(
    action_id: int, session_id: int | None, review: ActionReview, now: datetime
) -> ActionReviewRow:
    return ActionReviewRow(
        action_id=action_id,
        session_id=session_id,
        outcome=review.outcome.value,
        reason=review.reason,
        reviewed_on=review.session_date,
        reviewed_at=now,
    )


def _add_memory_items(
    s: Session, case_id: int, memory: MemoryItems, top: SessionLink, inner: SessionLink, now: datetime
) -> None:
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
        hypothesis = HypothesisRow(
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
        hypothesis.notes = [
            HypothesisNoteRow(
                session_id=inner(n.session_id),
                noted_on=n.on,
                status=n.status.value,
                text=n.text,
                result=n.result,
            )
            for n in h.notes
        ]
        s.add(hypothesis)
    for esc in memory.escalations:
        row = EscalationRow(
            case_id=case_id,
            session_id=top(esc.session_id),
            subject=esc.subject,
            raised_on=esc.raised_on,
            timescale_days=esc.timescale_days,
            outcome=esc.outcome,
            closed_on=esc.closed_on,
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
            for st in esc.steps
        ]
        s.add(row)
