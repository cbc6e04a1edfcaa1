"""The escalation route as content: the built-in default route, and prompts that describe the
route in force.

A prompt's hint may hold ``{escalation_route}``; it is filled with the loaded agency policy's
stages, or with the built-in default route, visibly labelled as a default, so no prompt presents
four fixed stages as if every agency's policy had them.
"""

from __future__ import annotations

import dataclasses

from supervision_app.content.model import Content, EscalationPolicy, EscalationStage, Prompt

ROUTE_PLACEHOLDER = "{escalation_route}"
DEFAULT_STAGE_DAYS = 5
DEFAULT_ROUTE = EscalationPolicy(
    name="Built-in default route (no agency escalation policy loaded)",
    stages=(
        EscalationStage("Practitioner to practitioner", DEFAULT_STAGE_DAYS),
        EscalationStage("Managers or safeguarding leads", DEFAULT_STAGE_DAYS),
        EscalationStage("Senior managers", DEFAULT_STAGE_DAYS),
        EscalationStage("Safeguarding partnership", DEFAULT_STAGE_DAYS),
    ),
)


def describe_route(policy: EscalationPolicy | None) -> str:
    """One line naming each stage of the route in force, and whose route it is."""
    route = policy if policy is not None and policy.stages else DEFAULT_ROUTE
    stages = "; ".join(
        f"{n}. {s.name}" + (f" ({s.days} days)" if s.days is not None else "")
        for n, s in enumerate(route.stages, start=1)
    )
    if route is DEFAULT_ROUTE:
        return (
            f"The app's built-in default route, not your agency's policy: {stages}. "
            "Check your local escalation policy for its stages and timescales."
        )
    return f"Your agency's escalation policy ({route.name}): {stages}."


def with_route(content: Content, policy: EscalationPolicy | None) -> Content:
    """``content`` with every route placeholder filled from ``policy`` (or the default)."""
    line = describe_route(policy)

    def fill(prompt: Prompt) -> Prompt:
        template = prompt.hint_template or prompt.hint
        if ROUTE_PLACEHOLDER not in template:
            return prompt
        return dataclasses.replace(
            prompt, hint=template.replace(ROUTE_PLACEHOLDER, line), hint_template=template
        )

    return dataclasses.replace(
        content,
        stages=tuple(
            dataclasses.replace(stage, prompts=tuple(fill(p) for p in stage.prompts))
            for stage in content.stages
        ),
    )
