"""What stood at a session (domain/as_of.py): plain data in, the record's choices out."""

from __future__ import annotations

from datetime import date

from supervision_app.domain import Action, ActionStatus
from supervision_app.domain.as_of import (
    actions_reviewed,
    escalations_at,
    hypotheses_at,
    rating_of,
)
from supervision_app.domain.memory import (
    ActionReview,
    CaseHistory,
    Escalation,
    EscalationStep,
    Hypothesis,
    HypothesisNote,
    HypothesisStatus,
    Rating,
    ReviewOutcome,
    TrackedAction,
)

THIS, EARLIER, LATER = 2, 1, 3
ON = date(2026, 11, 2)


def history(**items: object) -> CaseHistory:
    return CaseHistory(case_id=1, reference="C-1", **items)  # type: ignore[arg-type]


def test_only_actions_from_other_sessions_reviewed_in_this_one() -> None:
    agreed_earlier = TrackedAction(
        Action(1, "Check attendance", "Alex", date(2026, 10, 20), ActionStatus.OPEN),
        EARLIER, date(2026, 10, 5),
        [ActionReview(ON, ReviewOutcome.CARRIED_FORWARD, "Half term", THIS),
         ActionReview(date(2026, 12, 7), ReviewOutcome.DONE, "", LATER)],
    )  # fmt: skip
    agreed_here = TrackedAction(
        Action(2, "Visit", "Alex", None), THIS, ON,
        [ActionReview(ON, ReviewOutcome.DONE, "", THIS)],
    )  # fmt: skip
    found = actions_reviewed(history(actions=[agreed_earlier, agreed_here]), THIS)
    assert [(t.action.id, r.reason) for t, r in found] == [(1, "Half term")]


def escalation(
    raised: date, session: int | None, *steps: EscalationStep, **kw: object
) -> Escalation:
    return Escalation(1, "No visit", raised, 10, session, list(steps), **kw)  # type: ignore[arg-type]


def test_escalations_raised_here_or_open_then_at_the_stage_they_had_reached() -> None:
    stepped_later = escalation(
        date(2026, 10, 20), None,
        EscalationStep(1, "Team leader", date(2026, 10, 20)),
        EscalationStep(2, "Head of service", date(2026, 12, 1)),
    )  # fmt: skip
    closed_before = escalation(
        date(2026, 9, 1), None, EscalationStep(1, "Team leader", date(2026, 9, 1)),
        outcome="Resolved", closed_on=date(2026, 9, 30),
    )  # fmt: skip
    raised_after = escalation(date(2026, 11, 20), None)
    found = escalations_at(
        history(escalations=[stepped_later, closed_before, raised_after]), THIS, ON
    )
    assert len(found) == 1
    stood = found[0]
    assert stood.escalation.current is not None
    assert (stood.escalation.current.stage, stood.escalation.current.with_whom) == (
        1,
        "Team leader",
    )
    assert stood.clock == ""  # no timescale recorded on the stage: no clock


def test_hypotheses_as_they_stood_with_the_reviews_made_by_then() -> None:
    reviewed_later = Hypothesis(
        1, "Accidental", HypothesisStatus.SUPPORTED, date(2026, 10, 5), EARLIER,
        [HypothesisNote(date(2026, 10, 20), HypothesisStatus.OPEN, "Asked the GP"),
         HypothesisNote(date(2026, 12, 7), HypothesisStatus.SUPPORTED, "Police disclosure")],
        evaluation="Supported by the disclosure",
    )  # fmt: skip
    discarded_before = Hypothesis(
        2, "Neglect", HypothesisStatus.DISCARDED, date(2026, 10, 5), EARLIER,
        [HypothesisNote(date(2026, 10, 20), HypothesisStatus.DISCARDED, "Ruled out")],
    )  # fmt: skip
    raised_later = Hypothesis(3, "Later idea", HypothesisStatus.OPEN, date(2026, 12, 7), LATER)
    found = hypotheses_at(
        history(hypotheses=[reviewed_later, discarded_before, raised_later]), THIS, ON
    )
    assert [h.hypothesis.id for h in found] == [1]
    stood = found[0]
    assert stood.status is HypothesisStatus.OPEN
    assert [n.text for n in stood.notes] == ["Asked the GP"]
    assert stood.evaluation == ""  # evaluated after the session: not shown at it


def test_a_rating_counts_only_when_given() -> None:
    rated = Rating(THIS, ON, 4, None)
    blank = Rating(LATER, date(2026, 12, 7), None, None)
    assert rating_of(history(ratings=[rated, blank]), THIS) == rated
    assert rating_of(history(ratings=[rated, blank]), LATER) is None
