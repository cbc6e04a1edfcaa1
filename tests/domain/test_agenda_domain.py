"""The agenda a focused supervision proposes: the core route, the themes the case points to, the
prompts that do not fit the case, and what has changed since last time."""

from __future__ import annotations

from datetime import date

import pytest

from supervision_app.content.patterns import load_patterns
from supervision_app.domain import Action, CaseDetail, Child
from supervision_app.domain.agenda import (
    agenda_problems,
    agenda_progress,
    propose_agenda,
    share_minutes,
)
from supervision_app.domain.case_facts import CaseFacts, child_age_years, prompt_fits
from supervision_app.domain.focus import AgendaItem, AgendaOrigin, SessionClosing, SessionOpening
from supervision_app.domain.memory import (
    CaseHistory,
    ChronologyEvent,
    Escalation,
    EscalationStep,
    EventKind,
    ReferralOutcome,
    SessionAnswers,
    TrackedAction,
)
from supervision_app.domain.opening_closing import blank_closing, blank_opening, with_session_text
from supervision_app.domain.patterns import evaluate
from supervision_app.domain.since_last import merge_since_last, since_last_time

TODAY = date(2026, 12, 7)


def _case(*children: Child) -> CaseDetail:
    return CaseDetail(
        reference="T-1", practitioner="P", supervisor="S", children=list(children), id=1
    )


YOUNG = _case(Child("Ada", date(2024, 3, 1)), Child("Ben", age="6"))
WITH_TEEN = _case(Child("Jay", date(2012, 5, 9)), Child("Ruby", date(2023, 6, 21)))
EXPECTING = _case(Child("Ruby", date(2023, 6, 21)), Child("Baby", date(2027, 1, 18), unborn=True))


def test_child_ages_from_birth_date_or_typed_age() -> None:
    assert child_age_years(Child("A", date(2012, 12, 8)), TODAY) == 13  # birthday tomorrow
    assert child_age_years(Child("A", date(2012, 12, 7)), TODAY) == 14
    assert child_age_years(Child("A", age="about 14"), TODAY) == 14
    assert child_age_years(Child("A", age="9 months"), TODAY) == 0
    assert child_age_years(Child("A", age=""), TODAY) is None
    assert child_age_years(Child("A", date(2027, 1, 1), unborn=True), TODAY) == 0


def test_adolescent_and_unborn_prompts_fit_only_the_cases_they_are_for(content) -> None:
    teen = content.prompt("lived_experience.adolescent_missing")
    unborn = content.prompt("family_circumstances.unborn_baby")
    young = CaseFacts.of(YOUNG, TODAY)
    assert prompt_fits(teen, young) == (False, "no child is 10 or older")
    assert prompt_fits(unborn, young) == (False, "no child is unborn")
    assert prompt_fits(teen, CaseFacts.of(WITH_TEEN, TODAY)) == (True, "")
    assert prompt_fits(unborn, CaseFacts.of(EXPECTING, TODAY)) == (True, "")
    # an unborn child is not a teenager, and an unknown age rules nothing out
    assert not prompt_fits(teen, CaseFacts.of(EXPECTING, TODAY))[0]
    assert prompt_fits(teen, CaseFacts.of(_case(Child("X")), TODAY))[0]
    assert prompt_fits(content.prompt("lived_experience.life_for_this_child"), young)[0]


def test_proposal_for_young_children_is_the_core_route_without_adolescent_prompts(content) -> None:
    proposal = propose_agenda(content, YOUNG, CaseHistory(1, "T-1"), [], [], TODAY)
    ids = [i.prompt_id for i in proposal.core]
    assert ids == list(content.core_route)
    assert all(i.origin is AgendaOrigin.CORE for i in proposal.core)
    assert 10 <= len(ids) <= 15
    proposed = ids + [i.prompt_id for s in proposal.suggestions for i in s.items]
    assert not [p for p in proposed if "adolescent" in p or p.endswith("unborn_baby")]
    prompts = content.all_prompts()
    older = sum(1 for p in prompts if (p.conditions.min_child_age or 0) >= 10)
    unborn = sum(1 for p in prompts if p.conditions.unborn)
    escalation = sum(1 for p in prompts if p.conditions.has_escalation)
    assert older >= 7 and unborn >= 1 and escalation >= 1
    assert (
        f"Prompts for a child of 10 or older ({older}): no child is 10 or older"
        in proposal.not_proposed
    )
    assert f"Prompts for an unborn child ({unborn}): no child is unborn" in proposal.not_proposed
    assert (
        f"Prompts for an open escalation ({escalation}): no escalation is open"
        in proposal.not_proposed
    )
    # nothing points to a theme: none is suggested, and every line says why it is there
    assert proposal.suggestions == ()
    assert proposal.total_minutes() == sum(content.prompt(p).minutes for p in ids)


def test_case_facts_and_patterns_point_to_themes_with_their_reasons(content) -> None:
    history = CaseHistory(
        1,
        "T-1",
        events=[
            ChronologyEvent(
                1, date(2026, 3, 1), EventKind.REFERRAL, "MASH", outcome=ReferralOutcome.REFUSED
            ),
            ChronologyEvent(
                2, date(2026, 9, 1), EventKind.REFERRAL, "MASH", outcome=ReferralOutcome.REFUSED
            ),
        ],
    )
    patterns = evaluate(load_patterns(content), history, TODAY)
    proposal = propose_agenda(content, WITH_TEEN, history, patterns, [], TODAY)
    by_theme = {s.theme: s for s in proposal.suggestions}
    assert by_theme["adolescents"].reason == "Jay is 14"
    assert by_theme["escalation"].reason == "Pattern: Referrals refused again, with no escalation"
    assert "babies" not in by_theme  # Ruby is 3: not a baby
    escalation_items = [i.prompt_id for i in by_theme["escalation"].items]
    assert "escalation.refused_referral" in escalation_items
    assert "escalation.child_safe_meanwhile" not in escalation_items  # no escalation open yet
    for suggestion in proposal.suggestions:
        for item in suggestion.items:
            assert item.origin is AgendaOrigin.THEME and item.theme == suggestion.theme
            assert item.reason == suggestion.reason
            assert item.prompt_id not in content.core_route
            assert content.prompt(item.prompt_id).tier == "core"
    chosen = proposal.items_with(["escalation", "adolescents"])
    assert [i.prompt_id for i in chosen[: len(proposal.core)]] == list(content.core_route)
    assert len({i.prompt_id for i in chosen}) == len(chosen)


def _history() -> CaseHistory:
    overdue = Action(11, "GP review of Ruby's weight", "Sam", date(2026, 11, 25))
    soon = Action(12, "Book the core group", "Priya", date(2026, 12, 10))
    later = Action(13, "Review in January", "Sam", date(2027, 1, 30))
    done_action = Action(14, "Done already", "Sam", date(2026, 11, 1))
    from supervision_app.domain import ActionStatus

    done_action.status = ActionStatus.DONE
    return CaseHistory(
        1,
        "T-1",
        sessions=[SessionAnswers(5, date(2026, 11, 2), frozenset(), 1)],
        actions=[
            TrackedAction(a, 5, date(2026, 11, 2)) for a in (overdue, soon, later, done_action)
        ],
        escalations=[
            Escalation(
                3,
                "Step-down to Early Help",
                date(2026, 11, 10),
                5,
                5,
                steps=[
                    EscalationStep(2, "MASH manager", date(2026, 11, 20), name="Managers", days=5)
                ],
            )
        ],
        events=[
            ChronologyEvent(40, date(2026, 11, 20), EventKind.WAS_NOT_BROUGHT, "Dental check"),
            ChronologyEvent(39, date(2026, 10, 1), EventKind.CONCERN, "Before the last session"),
        ],
    )


def test_since_last_time_lists_what_changed_most_pressing_first() -> None:
    items = since_last_time(_history(), [], TODAY)
    assert [i.key for i in items] == ["action:11", "action:12", "escalation:3", "event:40"]
    texts = [i.text for i in items]
    assert (
        texts[0] == "Action 'GP review of Ruby's weight' (Sam): overdue 12 days (due 25 Nov 2026)"
    )
    assert texts[1] == "Action 'Book the core group' (Priya): due 10 Dec 2026"
    assert texts[2] == (
        "Escalation 'Step-down to Early Help': stage 2 (Managers), 17 days at this stage; "
        "the policy allows 5: overdue"
    )
    assert texts[3] == "New in the chronology: Was not brought, 20 Nov 2026: Dental check"
    assert items[3].prompt_id == "professional_curiosity.not_brought"
    assert all(i.choice == "" for i in items)


def test_items_chosen_to_discuss_lead_the_agenda(content) -> None:
    items = since_last_time(_history(), [], TODAY)
    from dataclasses import replace

    chosen = [replace(i, choice="discuss") if i.key == "event:40" else i for i in items]
    proposal = propose_agenda(content, YOUNG, _history(), [], chosen, TODAY)
    first = proposal.core[0]
    assert first.prompt_id == "professional_curiosity.not_brought"
    assert first.origin is AgendaOrigin.SINCE_LAST and "Dental check" in first.reason
    # an open escalation makes its prompts fit and points to the escalation theme
    by_theme = {s.theme: s for s in proposal.suggestions}
    assert by_theme["escalation"].reason == "An escalation is open"
    assert "escalation.child_safe_meanwhile" in [i.prompt_id for i in by_theme["escalation"].items]


def test_merge_keeps_choices_and_chosen_items_that_went_away() -> None:
    fresh = since_last_time(_history(), [], TODAY)
    from dataclasses import replace

    saved = [
        replace(fresh[0], choice="not_today"),
        replace(fresh[1], key="action:99", choice="discuss"),
    ]
    merged = merge_since_last(fresh, saved)
    assert merged[0].choice == "not_today"
    assert merged[-1].key == "action:99" and merged[-1].choice == "discuss"
    assert len(merged) == len(fresh) + 1


def test_share_minutes_fits_the_time_keeping_proportions() -> None:
    items = [AgendaItem("a.x", 10), AgendaItem("a.y", 5), AgendaItem("a.z", 5)]
    shared = share_minutes(items, 50)
    assert [i.minutes for i in shared] == [25, 13, 12] or sum(i.minutes for i in shared) == 50
    assert sum(i.minutes for i in shared) == 50
    assert all(i.minutes >= 1 for i in share_minutes(items, 2))
    assert share_minutes([], 30) == []


def test_agenda_problems_name_the_item() -> None:
    items = [AgendaItem("a.x", 4), AgendaItem("a.x", 4), AgendaItem("", 0)]
    problems = agenda_problems(items)
    assert "Agenda item 2: the prompt 'a.x' is on the agenda twice." in problems
    assert "Agenda item 3 names no prompt." in problems
    assert "Agenda item 3: minutes must be from 1 to 90." in problems
    assert agenda_problems([AgendaItem("a.x", 4)]) == []
    assert agenda_progress([AgendaItem("a.x", 4), AgendaItem("a.y", 4)], {"a.y", "b.z"}) == (1, 2)


@pytest.mark.parametrize(
    ("key", "check"),
    [
        ("today.question", lambda o, c: o.question == "T"),
        ("today.check_in", lambda o, c: o.check_in == "T"),
        ("today.worry.1", lambda o, c: o.main_worries[1] == ("Baby", "T")),
        ("summary.working_well", lambda o, c: c.working_well == "T"),
        (
            "summary.scaling_note.0",
            lambda o, c: c.scaling[0].note == "T" and c.scaling[0].score is None,
        ),
    ],
)
def test_free_text_fields_by_key(key, check) -> None:
    opening, closing = blank_opening(EXPECTING), blank_closing(EXPECTING)
    assert opening.main_worries == (("Ruby", ""), ("Baby", ""))
    assert opening.is_empty and closing.is_empty
    o, c = with_session_text(opening, closing, key, "T", ["Ruby", "Baby"])
    assert check(o, c)
    assert not (o.is_empty and c.is_empty)


def test_unknown_free_text_key_is_refused() -> None:
    with pytest.raises(ValueError, match=r"'today\.mood' is not a field"):
        with_session_text(SessionOpening(), SessionClosing(), "today.mood", "x", [])
