"""A question is never left alone at the bottom of a page: the last question of a section
(whose answer is kept with the section's sources) starts on the page its answer starts on."""

from __future__ import annotations

import dataclasses

from pdf_text import pdf_pages, squash
from record_samples import prompt, sample_record, stage

from supervision_app.record.pdf import render_pdf

QUESTION = "What have you seen, heard, smelt and sensed in this home?"
ANSWER = "Firstanswerwordmarker the cot mattress had no sheet."


def _record(filler_lines: int):
    filler = "\n".join(
        f"Line {n} of an earlier answer about the home visit." for n in range(filler_lines)
    )
    discussion = stage(
        1,
        "Professional curiosity",
        "Looking closely at what is in front of us.",
        prompt("p1", "History and cumulative risk: what has changed?", filler),
        prompt("p2", QUESTION, ANSWER, group="Curiosity and assumptions"),
    )
    return dataclasses.replace(sample_record(), stages=(discussion,))


def test_the_last_question_of_a_section_starts_on_the_page_of_its_answer() -> None:
    question, answer = squash(QUESTION), squash(ANSWER)
    question_pages = set()
    for filler_lines in range(22, 62, 2):  # the question lands at every height of page 1 and 2
        pages = [squash(page) for page in pdf_pages(render_pdf(_record(filler_lines)))]
        on_page = [n for n, text in enumerate(pages) if question in text]
        with_answer = [n for n, text in enumerate(pages) if answer in text]
        assert on_page == with_answer, (
            f"{filler_lines} lines before: question on {on_page}, answer on {with_answer}"
        )
        question_pages.update(on_page)
    assert len(question_pages) > 1  # a page break passed the question on the way
