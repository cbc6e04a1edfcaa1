"""Rules for what the user may save, expressed as plain messages."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the welcome dialog's forms need no domain model
    from supervision_app.domain.models import CaseInput, Child

MAX_SHORT_TEXT = 200


class ValidationError(ValueError):
    """Raised with a list of human-readable problems; nothing was saved."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def case_problems(case: CaseInput, today: date | None = None) -> list[str]:
    today = today or date.today()
    problems: list[str] = []
    if not case.reference.strip():
        problems.append("The case needs a reference.")
    elif len(case.reference) > MAX_SHORT_TEXT:
        problems.append(f"The case reference is longer than {MAX_SHORT_TEXT} characters.")
    if not case.practitioner.strip():
        problems.append("Name the practitioner.")
    if not case.supervisor.strip():
        problems.append("Name the supervisor.")
    if not case.children:
        problems.append("Add at least one child (an unborn baby counts).")
    for number, child in enumerate(case.children, start=1):
        problems.extend(_child_problems(number, child, today))
    return problems


def _child_problems(number: int, child: Child, today: date) -> list[str]:
    problems = []
    if not child.name.strip():
        problems.append(f"Child {number} needs a first name or initials.")
    if child.date_of_birth and not child.unborn and child.date_of_birth > today:
        problems.append(
            f"Child {number}'s date of birth is in the future; tick 'unborn' for an expected baby."
        )
    return problems


def require_decision(text: str, rationale: str) -> None:
    problems = []
    if not text.strip():
        problems.append("Write the decision.")
    if not rationale.strip():
        problems.append("Write the rationale for the decision: why it was made.")
    if problems:
        raise ValidationError(problems)


def require_action(description: str, owner: str, due: date | None) -> None:
    problems = []
    if not description.strip():
        problems.append("Describe the action.")
    if not owner.strip():
        problems.append("Name who owns the action.")
    if due is None:
        problems.append("Give the action a due date.")
    if problems:
        raise ValidationError(problems)


def format_date(value: date | None) -> str:
    """'3 Feb 2027' on every platform (``%-d`` does not exist on Windows)."""
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


def child_age_text(child: Child, on: date | None = None) -> str:
    """How the child appears in lists and records: 'unborn (due 3 Feb 2027)', 'age 6', ..."""
    on = on or date.today()
    if child.unborn:
        return (
            f"unborn (due {format_date(child.date_of_birth)})" if child.date_of_birth else "unborn"
        )
    if child.date_of_birth:
        dob = child.date_of_birth
        years = on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
        if years < 2:
            months = (on.year - dob.year) * 12 + on.month - dob.month - (on.day < dob.day)
            return f"born {format_date(dob)}, {max(months, 0)} months"
        return f"born {format_date(dob)}, age {years}"
    return f"age {child.age}" if child.age.strip() else ""
