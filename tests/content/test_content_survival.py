"""Answers written against one content version survive the next: renamed prompts, dropped
checklist items and reworded questions are shown and printed, never lost."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pypdf
from helpers import make_case

from supervision_app.content import Content
from supervision_app.record.build import build_record
from supervision_app.record.html import render_html
from supervision_app.record.pdf import render_pdf

SENSE = "professional_curiosity.see_hear_smell_sense"
PITFALLS = "assessment_recording.planning_pitfalls"
OLD_QUESTION = "What did you see, hear, smell and sense? (as worded in an earlier version)"


def _pdf_text(data: bytes) -> str:
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def _later_content(content: Content) -> Content:
    """A later version: SENSE renamed (a new id), and one pitfall dropped from the checklist."""

    def change(prompt):
        if prompt.id == SENSE:
            return dataclasses.replace(prompt, id=SENSE + "_renamed")
        if prompt.id == PITFALLS:
            return dataclasses.replace(
                prompt, items=tuple(i for i in prompt.items if i.id != "drift")
            )
        return prompt

    stages = tuple(
        dataclasses.replace(s, prompts=tuple(change(p) for p in s.prompts)) for s in content.stages
    )
    return dataclasses.replace(content, version="9.0.0", stages=stages)


def test_answers_to_renamed_prompts_and_dropped_items_are_shown_and_printed(store, content):
    session_id = store.sessions.create_session(make_case(store), date(2026, 11, 2), [], content.version)
    store.sessions.save_answer(session_id, SENSE, "professional_curiosity", OLD_QUESTION, "Smell of damp.")
    pitfalls = content.prompt(PITFALLS)
    items = [{"id": i.id, "label": i.label, "answer": "", "note": ""} for i in pitfalls.items]
    drift = next(i for i in items if i["id"] == "drift")
    drift.update(answer="Yes", note="Assessment three weeks late.")
    store.sessions.save_structured_answer(
        session_id, PITFALLS, pitfalls.stage_id, pitfalls.text, "checklist", {"items": items}
    )
    detail = store.sessions.get_session(session_id)

    record = build_record(detail, _later_content(content))
    curiosity = next(s for s in record.stages if s.id == "professional_curiosity")
    [kept] = [p for p in curiosity.prompts if p.prompt_id == SENSE]
    assert kept.retired and kept.text == OLD_QUESTION and kept.answer == "Smell of damp."
    # the new id starts empty (so, unanswered, it is not printed); the old answer is not lost
    assert not any(p.prompt_id == SENSE + "_renamed" for p in curiosity.prompts)
    assessment = next(s for s in record.stages if s.id == "assessment_recording")
    [tool] = [p for p in assessment.prompts if p.prompt_id == PITFALLS]
    row = next(r for r in tool.rows if r.label == drift["label"])
    assert row.value == "Yes"

    pdf = _pdf_text(render_pdf(record))
    html = render_html(record)
    for text in ("Smell of damp.", "Assessment three weeks late."):
        assert text in pdf and text in html
    assert " ".join(OLD_QUESTION.split()) in pdf
    assert "question from an earlier version" in pdf
    assert f"{drift['label']}: Yes" in pdf
