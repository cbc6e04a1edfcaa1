"""Every pattern rule, on hand-built histories: fires on the pattern, stays quiet without it."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from supervision_app.content import ContentError
from supervision_app.content.patterns import CHECKS as CHECK_NAMES
from supervision_app.content.patterns import load_patterns
from supervision_app.domain.memory import (
    CaseHistory,
    ChronologyEvent,
    DecisionEntry,
    Escalation,
    EscalationStep,
    EventKind,
    ReferralOutcome,
    SessionAnswers,
)
from supervision_app.domain.patterns import CHECKS, evaluate

TODAY = date(2026, 7, 1)


@pytest.fixture(scope="module")
def rules(content):
    return {r.id: r for r in load_patterns(content)}


_IDS = itertools.count(1)


def _event(on: date, kind: EventKind, title: str, outcome=ReferralOutcome.NONE):

    return ChronologyEvent(next(_IDS), on, kind, title, "", outcome)


def _fired(rules, rule_id: str, history: CaseHistory) -> str | None:
    prompts = evaluate([rules[rule_id]], history, TODAY)
    return prompts[0].evidence if prompts else None


def test_every_rule_names_a_known_check_and_cites_sources(rules) -> None:
    assert set(CHECKS) == set(CHECK_NAMES)
    assert len(rules) == 5
    for rule in rules.values():
        assert rule.sources and rule.message and rule.title


def test_second_refused_referral_without_escalation(rules) -> None:
    refused = ReferralOutcome.REFUSED
    h = CaseHistory(1, "C", events=[_event(date(2026, 2, 1), EventKind.REFERRAL, "MASH", refused)])
    assert _fired(rules, "refused_referrals_not_escalated", h) is None
    h.events.append(_event(date(2026, 4, 1), EventKind.REFERRAL, "MASH again", refused))
    h.events.append(_event(date(2026, 5, 1), EventKind.REFERRAL, "CAMHS", ReferralOutcome.ACCEPTED))
    evidence = _fired(rules, "refused_referrals_not_escalated", h)
    assert evidence and "2 referrals refused" in evidence
    # an escalation raised before the second refusal does not answer it...
    h.escalations.append(Escalation(1, "first", date(2026, 2, 5), 5, None,
                                    [EscalationStep(1, "TM", date(2026, 2, 5))]))  # fmt: skip
    assert _fired(rules, "refused_referrals_not_escalated", h)
    # ...one raised after it does.
    h.escalations[0].steps.append(EscalationStep(2, "Head of Service", date(2026, 4, 3)))
    assert _fired(rules, "refused_referrals_not_escalated", h) is None


def test_repeated_was_not_brought(rules) -> None:
    wnb = EventKind.WAS_NOT_BROUGHT
    h = CaseHistory(1, "C", events=[_event(date(2025, 3, 1), wnb, "Dental")])  # over a year ago
    h.events.append(_event(date(2026, 3, 1), wnb, "2-year review"))
    assert _fired(rules, "repeated_was_not_brought", h) is None
    h.events.append(_event(date(2026, 5, 1), wnb, "Audiology"))
    assert "Not brought to 2 appointments" in _fired(rules, "repeated_was_not_brought", h)


def test_change_without_reassessment(rules) -> None:
    h = CaseHistory(
        1, "C", events=[_event(date(2026, 1, 1), EventKind.ASSESSMENT, "Single assessment")]
    )
    assert _fired(rules, "change_without_reassessment", h) is None
    h.events.append(_event(date(2026, 3, 1), EventKind.SIGNIFICANT_EVENT, "New partner moved in"))
    assert "New partner moved in" in _fired(rules, "change_without_reassessment", h)
    h.events.append(_event(date(2026, 4, 1), EventKind.ASSESSMENT, "Re-assessment"))
    assert _fired(rules, "change_without_reassessment", h) is None


def test_same_concern_in_several_sessions_with_no_change_in_plan(rules) -> None:
    concern = EventKind.CONCERN
    h = CaseHistory(1, "C", events=[
        _event(date(2026, 1, 6), concern, "Ruby's weight"),
        _event(date(2026, 2, 3), concern, "ruby's  WEIGHT"),
        _event(date(2026, 2, 3), concern, "Jayden missing"),
    ])  # fmt: skip
    assert _fired(rules, "same_concern_no_plan_change", h) is None
    h.events.append(_event(date(2026, 3, 3), concern, "Ruby's weight"))
    assert "raised on 3 occasions" in _fired(rules, "same_concern_no_plan_change", h)
    h.decisions.append(DecisionEntry(1, 9, date(2026, 2, 3), "Refer to dietitian", "weight"))
    assert _fired(rules, "same_concern_no_plan_change", h) is None


def test_long_run_without_the_childs_views(rules) -> None:
    views = frozenset({"lived_experience.child_words"})
    sessions = [
        SessionAnswers(1, date(2026, 1, 6), views, 0),
        SessionAnswers(2, date(2026, 2, 3), frozenset({"escalation.disagreement"}), 0),
        SessionAnswers(3, date(2026, 3, 3), frozenset(), 0),
    ]
    h = CaseHistory(1, "C", sessions=list(sessions))
    assert _fired(rules, "child_views_missing", h) is None
    h.sessions.append(SessionAnswers(4, date(2026, 4, 7), frozenset(), 0))
    assert "last 3 sessions" in _fired(rules, "child_views_missing", h)
    h.sessions.append(SessionAnswers(5, date(2026, 5, 5), views, 0))
    assert _fired(rules, "child_views_missing", h) is None


def test_a_rule_citing_an_unknown_section_is_refused(content, tmp_path: Path) -> None:
    bad = tmp_path / "patterns.toml"
    bad.write_text(
        'schema_version = 1\n[[rules]]\nid = "x"\ncheck = "no_child_views"\ntitle = "t"\n'
        'message = "m"\nsources = [{ document = "surrey-scr-briefing", section = "Nope" }]\n',
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="not a section"):
        load_patterns(content, bad)
    bad.write_text(bad.read_text().replace("no_child_views", "mystery"), encoding="utf-8")
    with pytest.raises(ContentError, match="not known"):
        load_patterns(content, bad)
