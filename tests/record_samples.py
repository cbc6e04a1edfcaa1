"""Sample :class:`SessionRecord` objects for renderer tests, built straight from the dataclasses."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from supervision_app.record.model import (
    RecordAction,
    RecordChild,
    RecordDecision,
    RecordPrompt,
    RecordStage,
    SessionRecord,
)

#: Strings that must come through both renderers unchanged (as text, never as markup).
HOSTILE = {
    "lt_amp": "Risk < threshold & rising; 3 > 2",
    "bold": "<b>bold</b>",
    "font": '<font name="Courier">mono</font>',
    "img": '<img src="/etc/passwd"/>',
    "link": '<a href="http://example.invalid/x?a=1&b=2">click</a> <link>',
    "entity": "&amp; &lt; &#65; &nbsp;",
    "quotes": "She said \"no\" and it's 'final'",
    "emoji": "Baby 👶🏽 drawn",
    "polish": "Zażółć gęślą jaźń",
    "turkish": "İğdır şğüöç",
    "greek": "Καλημέρα κόσμε",
    "cyrillic": "Съешь же ещё этих мягких булок",
    "arabic": "مرحبا بالعالم",
    "hebrew": "שלום עולם",
}


def prompt(
    prompt_id: str,
    text: str,
    answer: str = "",
    *,
    group: str = "",
    source: str = "Working Together to Safeguard Children (2023), ch. 2",
    why: str = "Helps the supervisee reflect.",
    retired: bool = False,
) -> RecordPrompt:
    return RecordPrompt(
        prompt_id=prompt_id,
        text=text,
        why=why,
        source=source,
        group=group,
        answer=answer,
        retired=retired,
    )


def stage(number: int, title: str, summary: str, *prompts: RecordPrompt) -> RecordStage:
    return RecordStage(
        id=f"stage-{number}",
        number=number,
        title=title,
        summary=summary,
        source="Morrison (2005), 4x4x4 model of supervision",
        prompts=tuple(prompts),
    )


def sample_stages() -> tuple[RecordStage, ...]:
    return (
        stage(
            1,
            "Experience",
            "What happened: the practitioner's account of the recent work with the family.",
            prompt(
                "exp-what",
                "What has happened since we last met?",
                "Home visit on 28 January. Mum (Kelly) was at home with both children.\n"
                "The flat was cold and there was little food in the fridge.",
                group="The story so far",
            ),
            prompt(
                "exp-child",
                "What did the child say or show you?",
                'Jayden (6) showed me his drawing of the family and said "Daddy shouts".',
                group="The story so far",
            ),
            prompt("exp-surprise", "What surprised you?", group="The story so far"),
            prompt(
                "exp-old",
                "Describe the home conditions.",
                "Cluttered but safe; smoke alarm fitted and tested.",
                retired=True,
                source="",
            ),
        ),
        stage(
            2,
            "Reflection",
            "How the practitioner feels about the work and what it reminds them of.",
            prompt(
                "ref-feel",
                "How did you feel during the visit?",
                "Anxious when Dad arrived unexpectedly; I left earlier than planned.",
                source="Morrison (2005)",
            ),
            prompt("ref-bias", "What assumptions might you be making?"),
        ),
        stage(
            3,
            "Analysis",
            "Making sense of the information: risks, strengths and what we do not know.",
            prompt(
                "ana-risk",
                "What are the main risks to the children?",
                "Exposure to domestic abuse; possible neglect of basic needs.",
                group="Risk and protective factors",
                source="Brandon et al. (2020), Complexity and challenge",
            ),
            prompt(
                "ana-strength",
                "What are the strengths and protective factors?",
                "Maternal grandmother visits daily. School attendance is 96%.",
                group="Risk and protective factors",
            ),
            prompt(
                "ana-unknown",
                "What don't we know yet?",
                "Whether Dad is living at the address.",
            ),
            prompt("ana-hyp", "What other explanations are there?"),
        ),
        stage(
            4,
            "Action plan",
            "What will happen next, by whom and by when.",
            prompt(
                "act-next",
                "What needs to happen next?",
                "Strategy discussion with police; food bank referral.",
            ),
        ),
    )


def sample_record(**overrides: Any) -> SessionRecord:
    """A realistic record (4 stages, a retired prompt, decisions, actions); override any field."""
    record = SessionRecord(
        marking="OFFICIAL-SENSITIVE",
        case_reference="CS-2027-0142",
        session_uid="5b0f2c6e-1a7d-4c1e-9a55-3f0e7d2b8c41",
        session_date=date(2027, 2, 3),
        session_date_text="3 Feb 2027",
        attendees=("Sam Patel (social worker)", "Alex Morgan (team manager)"),
        practitioner="Sam Patel",
        supervisor="Alex Morgan",
        agencies=("Riverside Primary School", "Health visiting", "Police (MASH)"),
        children=(
            RecordChild("Jayden Smith", "born 4 Mar 2020, age 6"),
            RecordChild("Baby Smith", "unborn (due 1 May 2027)"),
        ),
        stages=sample_stages(),
        decisions=(
            RecordDecision(
                1,
                "Convene a strategy discussion within 2 working days.",
                "Disclosure of shouting plus Dad's possible return meets the threshold "
                "for a section 47 enquiry.",
            ),
            RecordDecision(2, "Keep the case open to the team for a further 3 months.", ""),
        ),
        actions=(
            RecordAction(
                1,
                "Arrange strategy discussion with police and health.",
                "Sam Patel",
                date(2027, 2, 5),
                "5 Feb 2027",
                "Open",
            ),
            RecordAction(
                2, "Make food bank referral.", "Sam Patel", date(2027, 2, 4), "4 Feb 2027", "Done"
            ),
            RecordAction(
                3,
                "Check with school about Jayden's presentation.",
                "Riverside Primary DSL",
                None,
                "",
                "Open",
            ),
        ),
        content_version="2027.1",
        app_version="0.1.0",
        generated_at=datetime(2027, 2, 3, 16, 45),
        last_edited=datetime(2027, 2, 3, 15, 30),
    )
    return dataclasses.replace(record, **overrides)


def record_with_answer(answer: str, **overrides: Any) -> SessionRecord:
    """The sample record with ``answer`` as the answer to the first prompt."""
    stages = list(sample_stages())
    first = stages[0]
    prompts = list(first.prompts)
    prompts[0] = dataclasses.replace(prompts[0], answer=answer)
    stages[0] = dataclasses.replace(first, prompts=tuple(prompts))
    return sample_record(stages=tuple(stages), **overrides)
