"""Today (the opening) and the summary (the closing) of a focused session: the Signs of
Safety wording they ask in, what makes them invalid, a blank one for a new session, and
their free-text fields, autosaved like answers."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from supervision_app.domain.focus import (
    DEFAULT_SESSION_MINUTES,
    SINCE_LAST_CHOICES,
    SINCE_LAST_KINDS,
    ChildScaling,
    SessionClosing,
    SessionOpening,
    SinceLastItem,
)
from supervision_app.domain.models import CaseDetail

#: The anchored ends of the safety scale (Signs of Safety), written out on screen and in print.
SCALING_ANCHORS = (
    "0: things are so bad for the child that they cannot live at home",
    "10: everyone knows the child is safe enough for the case to be closed",
)
SCALING_QUESTION = "On a scale of 0 to 10, where do we rate the safety of this child today?"
#: Where the summary's three columns come from (outside the seeds, endorsed in seed 003).
SIGNS_OF_SAFETY_SOURCE = (
    "The three questions and the 0 to 10 scale are from Signs of Safety (Turnell and Edwards, "
    "1999), the methodology endorsed by the Cumbria LSCB response to the Child BE SCR "
    "(Recommendation BE2)."
)
SUMMARY_COLUMNS = (
    ("worries", "What are we worried about?"),
    ("working_well", "What is working well?"),
    ("needs_to_happen", "What needs to happen?"),
)


def closing_problems(closing: SessionClosing) -> list[str]:
    problems = []
    for s in closing.scaling:
        if s.score is not None and (
            not isinstance(s.score, int) or isinstance(s.score, bool) or not 0 <= s.score <= 10
        ):
            problems.append(f"The scaling for {s.child or 'a child'} must be from 0 to 10.")
    if not 5 <= closing.planned_minutes <= 480:
        problems.append("The planned length must be from 5 to 480 minutes.")
    return problems


def opening_problems(opening: SessionOpening) -> list[str]:
    problems = []
    for item in opening.since_last:
        if item.choice not in SINCE_LAST_CHOICES:
            problems.append(f"'{item.key}': the choice must be 'discuss', 'not_today' or empty.")
        if item.kind not in SINCE_LAST_KINDS:
            problems.append(f"'{item.key}': the kind '{item.kind}' is not known.")
    return problems


# -- free text of Today and the summary, autosaved like answers ------------------------------

#: The ``kind`` of an autosave edit (``storage.autosave.AnswerEdit``) that carries Today's or the
#: summary's free text; its ``prompt_id`` is one of the field keys below.
SESSION_TEXT_KIND = "session_text"
SESSION_TEXT_FIELDS = (
    "today.check_in",
    "today.question",
    "summary.reflection",
    "summary.worries",
    "summary.working_well",
    "summary.needs_to_happen",
)
#: Per-child fields: the key ends with the child's 0-based position in the case ("today.worry.0").
SESSION_TEXT_CHILD_FIELDS = ("today.worry", "summary.scaling_note")
_CHILD_FIELD = re.compile(r"^(today\.worry|summary\.scaling_note)\.(\d{1,2})$")


def parse_session_text_key(key: str) -> tuple[str, int | None]:
    """("today.question", None) or ("today.worry", 2); ValueError for an unknown key."""
    if key in SESSION_TEXT_FIELDS:
        return key, None
    match = _CHILD_FIELD.match(key)
    if match:
        return match.group(1), int(match.group(2))
    raise ValueError(f"'{key}' is not a field of Today or the summary")


_Row = TypeVar("_Row")


def _set_child(
    rows: tuple[_Row, ...],
    index: int,
    names: Sequence[str],
    make: Callable[[str], _Row],
    update: Callable[[_Row], _Row],
) -> tuple[_Row, ...]:
    """``rows`` with the row of child ``index`` updated (rows made up to it as needed)."""
    out = list(rows)
    while len(out) <= index:
        n = len(out)
        out.append(make(names[n] if n < len(names) else f"Child {n + 1}"))
    out[index] = update(out[index])
    return tuple(out)


def with_session_text(
    opening: SessionOpening,
    closing: SessionClosing,
    key: str,
    text: str,
    child_names: Sequence[str],
) -> tuple[SessionOpening, SessionClosing]:
    """Opening and closing with one free-text field replaced (``key`` as for autosave)."""
    name, index = parse_session_text_key(key)
    if name == "today.check_in":
        return replace(opening, check_in=text), closing
    if name == "today.question":
        return replace(opening, question=text), closing
    if name == "today.worry" and index is not None:
        worries = _set_child(
            opening.main_worries, index, child_names, lambda c: (c, ""), lambda w: (w[0], text)
        )
        return replace(opening, main_worries=worries), closing
    if name == "summary.scaling_note" and index is not None:
        scaling = _set_child(
            closing.scaling,
            index,
            child_names,
            lambda c: ChildScaling(c, None),
            lambda s: ChildScaling(s.child, s.score, text),
        )
        return opening, replace(closing, scaling=scaling)
    field: dict[str, Any] = {name.split(".", 1)[1]: text}  # one of the summary's texts
    return opening, replace(closing, **field)


def session_text(opening: SessionOpening, closing: SessionClosing, key: str) -> str:
    """The text of one free-text field (``key`` as for autosave; "" for a child not listed)."""
    name, index = parse_session_text_key(key)
    if name == "today.check_in":
        return opening.check_in
    if name == "today.question":
        return opening.question
    if name == "today.worry" and index is not None:
        worries = opening.main_worries
        return worries[index][1] if index < len(worries) else ""
    if name == "summary.scaling_note" and index is not None:
        scaling = closing.scaling
        return scaling[index].note if index < len(scaling) else ""
    return str(getattr(closing, name.split(".", 1)[1]))


def blank_opening(case: CaseDetail, since_last: Sequence[SinceLastItem] = ()) -> SessionOpening:
    """A new Today page: one worry line per child, and what has changed since last time."""
    return SessionOpening(
        since_last=tuple(since_last), main_worries=tuple((c.name, "") for c in case.children)
    )


def blank_closing(
    case: CaseDetail, planned_minutes: int = DEFAULT_SESSION_MINUTES
) -> SessionClosing:
    """A new summary: one (unscaled) scaling line per child, born or unborn."""
    return SessionClosing(
        scaling=tuple(ChildScaling(c.name, None) for c in case.children),
        planned_minutes=planned_minutes,
    )
