"""What stood at a session: the case memory as a session's record shows it.

A record shows more than the session's answers: the actions agreed earlier and reviewed in
it, the escalations raised in it or open on its date (at the stage they had reached then),
the hypotheses as they stood at it, and its ratings.  These rules decide which items, and
in which state; the integrity snapshot (``storage/snapshot.py``) freezes their result at
sign-off, and the record of a draft is built from them directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from supervision_app.domain.escalation import escalation_as_of, escalation_clock
from supervision_app.domain.memory import (
    ActionReview,
    CaseHistory,
    Escalation,
    Hypothesis,
    HypothesisNote,
    HypothesisStatus,
    Rating,
    TrackedAction,
)


@dataclass(frozen=True, slots=True)
class EscalationAt:
    """An escalation as it stood on a session's date."""

    escalation: Escalation  # with only the stages reached by then, open unless closed by then
    #: How long it had been at its stage against its timescale (open with a timescale only).
    clock: str


@dataclass(frozen=True, slots=True)
class HypothesisAt:
    """A hypothesis as it stood at a session."""

    hypothesis: Hypothesis
    status: HypothesisStatus
    #: The reviews made up to the session (and any made in it).
    notes: tuple[HypothesisNote, ...]
    #: The evaluation, shown only once every review of the hypothesis is in ``notes``.
    evaluation: str


def actions_reviewed(
    history: CaseHistory, session_id: int
) -> list[tuple[TrackedAction, ActionReview]]:
    """Actions agreed in earlier sessions and reviewed in session ``session_id``."""
    return [
        (tracked, review)
        for tracked in history.actions
        if tracked.session_id != session_id
        for review in tracked.reviews
        if review.session_id == session_id
    ]


def escalations_at(history: CaseHistory, session_id: int, on: date) -> list[EscalationAt]:
    """Escalations raised in the session, or open on its date ``on``, as they stood then."""
    found = []
    for e in history.escalations:
        open_then = e.raised_on <= on and (e.closed_on is None or e.closed_on >= on)
        if e.session_id != session_id and not open_then:
            continue
        e = escalation_as_of(e, on)  # the stage it was at on the session's date
        step = e.current
        clock = ""
        if e.is_open and step is not None and step.days is not None:
            clock = escalation_clock(e, on).summary  # on the session's date
        found.append(EscalationAt(e, clock))
    return found


def hypotheses_at(history: CaseHistory, session_id: int, on: date) -> list[HypothesisAt]:
    """The hypotheses as they stood at the session: raised by its date ``on`` (or in it),
    with the reviews made by then; a discarded one only if the session touched it."""
    found = []
    for h in history.hypotheses:
        if h.raised_on > on and h.session_id != session_id:
            continue
        notes = [n for n in h.notes if n.on <= on or n.session_id == session_id]
        status = notes[-1].status if notes else (h.status if not h.notes else HypothesisStatus.OPEN)
        touched = h.session_id == session_id or any(n.session_id == session_id for n in notes)
        if not status.is_current and not touched:
            continue
        evaluation = h.evaluation if notes == list(h.notes) else ""
        found.append(HypothesisAt(h, status, tuple(notes), evaluation))
    return found


def rating_of(history: CaseHistory, session_id: int) -> Rating | None:
    """The session's safety ratings, if either was given."""
    rating = next((r for r in history.ratings if r.session_id == session_id), None)
    if rating is None or (rating.child_safety is None and rating.worker_safety is None):
        return None
    return rating
