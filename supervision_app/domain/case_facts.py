"""The facts of a case that prompts and themes are proposed by (the children's ages, an unborn
child, an open escalation), and the conditions on prompts and themes tested against them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from supervision_app.domain.memory import CaseHistory
from supervision_app.domain.models import CaseDetail, Child

if TYPE_CHECKING:  # content is a lower layer; imported for types only
    from supervision_app.content.model import Prompt, PromptConditions

_LEADING_NUMBER = re.compile(r"^\D*?(\d{1,2})")


def child_age_years(child: Child, on: date) -> int | None:
    """The child's age in whole years on ``on``: 0 for an unborn child, None when not known.

    From the date of birth when there is one, else from the typed age ("6", "about 14",
    "9 months" counts as 0).
    """
    if child.unborn:
        return 0
    if child.date_of_birth is not None:
        dob = child.date_of_birth
        return max(on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day)), 0)
    text = child.age.strip().casefold()
    if not text:
        return None
    if "month" in text or "week" in text or "day" in text:
        return 0
    match = _LEADING_NUMBER.match(text)
    return int(match.group(1)) if match else None


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the conditions on prompts and themes are tested against, on a date."""

    child_ages: tuple[int | None, ...]  # in the case's child order; unborn children count as 0
    any_unborn: bool
    child_names: tuple[str, ...] = ()
    unborn: tuple[bool, ...] = ()
    open_escalation: bool = False

    @classmethod
    def of(cls, case: CaseDetail, on: date, history: CaseHistory | None = None) -> CaseFacts:
        return cls(
            child_ages=tuple(child_age_years(c, on) for c in case.children),
            any_unborn=any(c.unborn for c in case.children),
            child_names=tuple(c.name for c in case.children),
            unborn=tuple(c.unborn for c in case.children),
            open_escalation=bool(history and history.open_escalations()),
        )

    def born_ages(self) -> list[int | None]:
        flags = self.unborn or (False,) * len(self.child_ages)
        return [a for a, u in zip(self.child_ages, flags, strict=False) if not u]


def conditions_fit(conditions: PromptConditions, facts: CaseFacts) -> tuple[bool, str]:
    """Whether the conditions hold for the case, and if not, why not (one short clause).

    An unknown age never rules a prompt out: only what is known about the case does.
    """
    low, high = conditions.min_child_age, conditions.max_child_age
    if low is not None:
        ages = facts.born_ages()
        if not any(a is None or a >= low for a in ages):
            return False, f"no child is {low} or older"
    if high is not None and not any(a is None or a <= high for a in facts.child_ages):
        return False, (
            "no child is under 1 or unborn" if high <= 1 else f"no child is {high} or younger"
        )
    if conditions.unborn is True and not facts.any_unborn:
        return False, "no child is unborn"
    if conditions.unborn is False and facts.any_unborn:
        return False, "a child is unborn"
    if conditions.has_escalation is True and not facts.open_escalation:
        return False, "no escalation is open"
    if conditions.has_escalation is False and facts.open_escalation:
        return False, "an escalation is open"
    return True, ""


def prompt_fits(prompt: Prompt, facts: CaseFacts) -> tuple[bool, str]:
    """(fits, reason when not): a prompt that does not fit is not proposed (still reachable)."""
    return conditions_fit(prompt.conditions, facts)


def conditions_label(conditions: PromptConditions) -> str:
    """What a prompt's conditions ask for, as a group name ("Prompts for a child of 10 or older")."""
    parts = []
    if conditions.min_child_age is not None:
        parts.append(f"a child of {conditions.min_child_age} or older")
    if conditions.max_child_age is not None:
        parts.append(
            "a baby or unborn child"
            if conditions.max_child_age <= 1
            else f"a child of {conditions.max_child_age} or younger"
        )
    if conditions.unborn is True:
        parts.append("an unborn child")
    if conditions.has_escalation is True:
        parts.append("an open escalation")
    return "Prompts for " + " and ".join(parts) if parts else "Prompts"


def holds_because(conditions: PromptConditions, facts: CaseFacts) -> str:
    """Why a theme's conditions point to it ("Jayden is 14", "an escalation is open")."""
    named = list(zip(facts.child_names, facts.child_ages, facts.unborn, strict=False))
    if conditions.min_child_age is not None:
        older = [
            f"{n} is {a}"
            for n, a, u in named
            if not u and a is not None and a >= conditions.min_child_age
        ]
        if older:
            return "; ".join(older)
    if conditions.max_child_age is not None:
        young = [
            f"{n} is unborn" if u else f"{n} is {a}"
            for n, a, u in named
            if a is not None and a <= conditions.max_child_age
        ]
        if young:
            return "; ".join(young)
    if conditions.unborn and facts.any_unborn:
        return "; ".join(f"{n} is unborn" for n, _a, u in named if u) or "a child is unborn"
    if conditions.has_escalation and facts.open_escalation:
        return "an escalation is open"
    return ""
