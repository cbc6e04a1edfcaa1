"""The demo's DEMO-0001 is a realistic focused supervision of 75 minutes, not the whole library."""

from __future__ import annotations

from dataclasses import replace

import pytest

from supervision_app.domain.case_facts import CaseFacts, prompt_fits
from supervision_app.domain.focus import CLOSING_MINUTES, OPENING_MINUTES
from supervision_app.domain.opening_closing import SCALING_ANCHORS
from supervision_app.services.demo import demo_session, load_demo
from tests.agency_server import SIGNS_AS_NAMED_PEOPLE

pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


def test_the_demo_session_is_a_focused_supervision(content) -> None:
    detail = demo_session(content)
    agenda = [i.prompt_id for i in detail.agenda]
    assert 12 <= len(agenda) <= 18 and len(set(agenda)) == len(agenda)
    # the time: the agenda's shares plus Today and the summary make the planned 75 minutes
    assert detail.closing.planned_minutes == 75
    assert sum(i.minutes for i in detail.agenda) + OPENING_MINUTES + CLOSING_MINUTES == 75
    # the core route leads, in its order, then three themes the case points to
    route = [p for p in agenda if p in content.core_route]
    assert route == [p for p in content.core_route if p in route] and len(route) >= 10
    assert {i.theme for i in detail.agenda if i.theme} == {"babies", "adolescents", "escalation"}
    assert all(i.reason for i in detail.agenda if i.theme)
    # (the escalation raised before the session is in the case memory, loaded with the demo)
    facts = replace(CaseFacts.of(detail.case, detail.date), open_escalation=True)
    for prompt_id in agenda:
        assert prompt_fits(content.prompt(prompt_id), facts)[0], prompt_id
    # every agenda item is answered, nothing else is, and hypotheses are never typed as text
    answered = set(detail.answers) | set(detail.structured)
    hypotheses = {p for p in agenda if content.prompt(p).opens_hypotheses}
    assert hypotheses and not hypotheses & answered
    assert answered == set(agenda) - hypotheses
    # Today: the question, and the main worry for every child in the case's order
    assert detail.opening.question.strip() and detail.opening.check_in.strip()
    assert [c for c, _w in detail.opening.main_worries] == [c.name for c in detail.case.children]
    assert all(w.strip() for _c, w in detail.opening.main_worries)
    # the summary: the reflection, three columns, a scaling for each child, the next review
    closing = detail.closing
    assert all(
        t.strip()
        for t in (
            closing.reflection,
            closing.worries,
            closing.working_well,
            closing.needs_to_happen,
        )
    )
    assert [s.child for s in closing.scaling] == [c.name for c in detail.case.children]
    assert all(s.score is not None and 0 <= s.score <= 10 for s in closing.scaling)
    assert closing.next_review and closing.next_review > detail.date
    assert 3 <= len(detail.decisions) <= 4 and all(d.rationale for d in detail.decisions)
    assert all(a.owner and a.due_date for a in detail.actions)
    assert SCALING_ANCHORS[0].startswith("0: ") and SCALING_ANCHORS[1].startswith("10: ")


def test_the_demo_tells_its_own_story(content) -> None:
    """DEMO-0001 is not DEMO-0002's family (Ruby, Kai, Dean) and does not contradict itself."""
    detail = demo_session(content)
    text = " ".join(
        [a.text for a in detail.answers.values()]
        + [detail.opening.question, detail.closing.worries, detail.closing.working_well]
        + [d.text + d.rationale for d in detail.decisions]
        + [a.description for a in detail.actions]
    )
    for name in ("Ruby", "Dean", "Kai"):
        assert name not in text
    assert "centile" not in text and "most days" not in text
    assert "52%" in text and "four of six" in text


def test_loading_the_demo_fills_today_from_the_case_memory(store, content) -> None:
    loaded = load_demo(store, content)
    detail = store.sessions.get_session(loaded.session_id)
    assert len(detail.agenda) == len(demo_session(content).agenda)
    [escalation] = detail.opening.since_last
    assert escalation.kind == "escalation" and escalation.choice == "discuss"
    assert "MASH decision of 22 September" in escalation.text
    assert escalation.prompt_id in [i.prompt_id for i in detail.agenda]
    history = store.memory.case_history(detail.case.id)
    assert len(history.hypotheses) == 4  # the hypotheses prompt's answer, in the tool
    assert store.signing.verify_session(loaded.session_id).ok


@pytest.mark.sqlite_only(reason=SIGNS_AS_NAMED_PEOPLE)
def test_the_store_proposes_todays_agenda_for_the_demo(store, content) -> None:
    from supervision_app.content.patterns import load_patterns
    from supervision_app.domain.focus import AgendaOrigin

    loaded = load_demo(store, content)
    rules = load_patterns(content)
    opening = store.focus.opening_with_since_last(loaded.session_id, rules)
    assert [(i.kind, i.choice) for i in opening.since_last] == [("escalation", "discuss")]
    proposal = store.focus.propose_agenda(loaded.session_id, content, rules)
    first = proposal.core[0]
    assert first.origin is AgendaOrigin.SINCE_LAST
    assert first.prompt_id == "escalation.child_safe_meanwhile"
    assert [i.prompt_id for i in proposal.core[1:]] == list(content.core_route)
    reasons = {s.theme: s.reason for s in proposal.suggestions}
    assert reasons["adolescents"] == "Jayden (fictional) is 14"
    assert reasons["babies"] == "Baby (fictional) is unborn"
    assert reasons["escalation"] == "An escalation is open"
    assert proposal.not_proposed == ()  # a teenager, a baby and an escalation: everything fits
    # a signed record's Today is what was chosen then
    from supervision_app.domain import Party, SignOffInput

    store.signing.sign_session(loaded.session_id, SignOffInput(Party.PRACTITIONER, "Sam", "HV"))
    assert store.focus.opening_with_since_last(loaded.session_id, rules) == store.focus.get_opening(
        loaded.session_id
    )
