"""Merged prompts: every retired id is an alias of exactly one prompt, and an answer stored under
a retired id still shows, exactly as written, under its new home, in the window and the record."""

from __future__ import annotations

import io
from datetime import date

import pypdf
from helpers import make_case
from PySide6.QtWidgets import QLabel

from supervision_app.content import Content
from supervision_app.record.build import build_record
from supervision_app.record.pdf import render_pdf
from supervision_app.ui.stage_page import StagePage

#: Merges made in content 1.3.0 (issue 14): retired id -> its new home.
MERGED = {
    "family_circumstances.focus_amid_complexity": "professional_curiosity.focus_on_the_child",
    "professional_curiosity.child_experience_not_parent_actions": (
        "professional_curiosity.evidence_of_change"
    ),
    "escalation.evidencing_concerns": "assessment_recording.impact_on_parenting",
    "authoritative_practice.formal_but_warm": "authoritative_practice.london_checklist",
    "authoritative_practice.superficial_compliance": "authoritative_practice.london_checklist",
    "authoritative_practice.evidenced_risks": "authoritative_practice.dangers_to_children",
    "authoritative_practice.bottom_line_expectations": "authoritative_practice.not_negotiable",
    "authoritative_practice.what_must_change": "authoritative_practice.criteria_for_progress",
    "authoritative_practice.not_authoritarian": "authoritative_practice.recognise_authority",
    "authoritative_practice.authority_in_your_role": "authoritative_practice.recognise_authority",
    "escalation.route_managers": "escalation.route_practitioner",
    "escalation.route_senior_managers": "escalation.route_practitioner",
    "escalation.route_partnership": "escalation.route_practitioner",
}


def _answer(alias: str) -> str:
    return f"Written for {alias} before the merge: <b>not markup</b> & مرحبا 🌱"


def test_every_retired_id_resolves_to_its_home_and_no_id_is_shared(content: Content) -> None:
    prompts = [p for stage in content.stages for p in stage.prompts]
    ids = [p.id for p in prompts]
    aliases = [a for p in prompts for a in p.aliases]
    assert len(set(ids)) == len(ids)
    assert len(set(aliases)) == len(aliases)
    assert not set(ids) & set(aliases)
    assert {a: p.id for p in prompts for a in p.aliases} == MERGED
    for alias, home in MERGED.items():
        assert content.prompt(alias) is content.prompt(home)


def test_answers_under_retired_ids_print_under_their_new_home(store, content: Content) -> None:
    session_id = store.sessions.create_session(make_case(store), date(2026, 12, 1), [], content.version)
    for alias in MERGED:
        stage = alias.split(".")[0]
        store.sessions.save_answer(session_id, alias, stage, f"The old question of {alias}", _answer(alias))
    record = build_record(store.sessions.get_session(session_id), content)
    printed = {p.prompt_id: p for stage in record.stages for p in stage.prompts}
    for alias in MERGED:
        kept = printed[alias]
        assert kept.answer == _answer(alias) and kept.text == f"The old question of {alias}"
        assert not kept.retired  # it has a home: not filed under "earlier questions"
    pdf = " ".join(
        "\n".join(
            p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render_pdf(record))).pages
        ).split()
    )
    for alias in MERGED:
        assert f"Written for {alias} before the merge: <b>not markup</b>" in pdf


def test_answers_under_retired_ids_show_under_their_home_in_the_window(qtbot, content) -> None:
    from supervision_app.domain import Answer

    stage = content.stage("authoritative_practice")
    answers = {
        alias: Answer(alias, stage.id, f"The old question of {alias}", _answer(alias))
        for alias in MERGED
        if alias.startswith("authoritative_practice.")
    }
    page = StagePage.for_stage(stage, 4, 7, content, answers, [])
    qtbot.addWidget(page)
    texts = [label.text() for label in page.findChildren(QLabel)]
    home_index = texts.index(content.prompt("authoritative_practice.not_negotiable").text)
    kept_index = texts.index(answers["authoritative_practice.bottom_line_expectations"].text)
    assert home_index < kept_index
    for answer in answers.values():
        assert answer.text in texts and answer.prompt_text in texts
