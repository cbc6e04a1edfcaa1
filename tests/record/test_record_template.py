"""The blank paper template draws the structured tools with room to write."""

from __future__ import annotations

import dataclasses

from pdf_text import pdf_pages, squash

from supervision_app.content.model import EscalationPolicy, EscalationStage
from supervision_app.record.pdf.documents import render_template


def _flat(content) -> str:
    return squash("\n".join(pdf_pages(render_template(content, "OFFICIAL"))))


def test_every_structured_tool_is_drawn(content) -> None:
    flat = _flat(content)
    tools = [p for s in content.stages for p in s.prompts if p.structured]
    assert {p.kind for p in tools} == {"checklist", "records", "day_in_life"}
    for prompt in tools:
        assert squash(prompt.text) in flat, prompt.id
        if prompt.kind == "checklist":
            for item in prompt.items:
                assert squash(item.label) in flat, item.label
            for choice in prompt.answer_choices:
                assert squash(choice) in flat
        elif prompt.kind == "records":
            for field in prompt.fields:
                assert squash(field.label) in flat, field.label
                for choice in field.choices:
                    assert squash(f"☐ {choice}") in flat, choice
        else:
            assert "Partoftheday" in flat and "☐Seen" in flat
            for item in prompt.items:
                assert squash(item.label) in flat, item.label
    checklist_boxes = sum(len(p.items) * len(p.answer_choices) for p in tools
                          if p.kind == "checklist")  # fmt: skip
    assert flat.count("☐") >= checklist_boxes


def test_case_memory_tools_and_the_action_table(content) -> None:
    flat = _flat(content)
    for expected in (
        "Previousactionsreviewed", "☐Done", "☐Notdone", "☐Carriedforward",
        "Hypotheses", "Hypothesis", "Basedon", "Howwewilltestit", "☐Beingtested", "☐Discarded",
        "Escalations", "Stage1", "Stage4", "Raisedwith", "Response/outcome",
        "Actions", "Owner", "Due", "Status",
        "Scalinginthissession", "Howsafeisthechild?", "012345678910", "Sign-off",
    ):  # fmt: skip
        assert expected in flat, expected
    route = flat[flat.index("Response/outcome") : flat.index("Howwewilltestit")]
    assert all(f"Stage{n}" in route for n in range(1, 5))


def test_the_agency_escalation_route_is_printed_when_a_pack_gives_one(content) -> None:
    policy = EscalationPolicy(
        "Example Borough escalation route",
        (EscalationStage("Team manager", 2), EscalationStage("Head of service", 5),
         EscalationStage("Designated safeguarding lead")),
    )  # fmt: skip
    flat = _flat(dataclasses.replace(content, escalation_policy=policy))
    assert "ExampleBoroughescalationroute" in flat
    assert "Teammanager(within2days)" in flat and "Headofservice(within5days)" in flat
    route = flat[flat.index("Response/outcome") : flat.index("Howwewilltestit")]
    assert "Designatedsafeguardinglead" in route and "Stage" not in route
