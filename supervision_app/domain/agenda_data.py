"""The agenda, Today and the summary as JSON-safe data, and back, checked field by field.

One codec for every place they are written down: the database's JSON columns, the signing
snapshot, the session record file and the whole-case file.  Reading raises
:class:`FocusDataError` naming the field (``agenda[2].minutes``) and the problem, so a bad
file is refused with a message a person can act on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from supervision_app.domain.agenda import MAX_AGENDA_ITEMS, MAX_ITEM_MINUTES
from supervision_app.domain.focus import (
    SINCE_LAST_CHOICES,
    SINCE_LAST_KINDS,
    AgendaItem,
    AgendaOrigin,
    ChildScaling,
    SessionClosing,
    SessionOpening,
    SinceLastItem,
)

#: Bounds on what a file may carry (the user's own words are never cut: these only refuse).
MAX_TEXT = 1_000_000
MAX_SHORT = 400
MAX_ROWS = 200


class FocusDataError(ValueError):
    """A stored or imported agenda, Today or summary field is malformed."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


# -- writing ---------------------------------------------------------------------------------


def agenda_to_data(items: list[AgendaItem] | tuple[AgendaItem, ...]) -> list[dict[str, Any]]:
    return [
        {
            "prompt_id": i.prompt_id,
            "minutes": i.minutes,
            "origin": AgendaOrigin(i.origin).value,
            "reason": i.reason,
            "theme": i.theme,
        }
        for i in items
    ]


def since_last_to_data(items: tuple[SinceLastItem, ...]) -> list[dict[str, Any]]:
    return [
        {"key": s.key, "kind": s.kind, "text": s.text, "prompt_id": s.prompt_id, "choice": s.choice}
        for s in items
    ]


def opening_to_data(opening: SessionOpening) -> dict[str, Any]:
    return {
        "check_in": opening.check_in,
        "print_check_in": bool(opening.print_check_in),
        "question": opening.question,
        "since_last": since_last_to_data(opening.since_last),
        "main_worries": [{"child": c, "worry": w} for c, w in opening.main_worries],
    }


def scaling_to_data(scaling: tuple[ChildScaling, ...]) -> list[dict[str, Any]]:
    return [{"child": s.child, "score": s.score, "note": s.note} for s in scaling]


def closing_to_data(closing: SessionClosing) -> dict[str, Any]:
    return {
        "reflection": closing.reflection,
        "worries": closing.worries,
        "working_well": closing.working_well,
        "needs_to_happen": closing.needs_to_happen,
        "scaling": scaling_to_data(closing.scaling),
        "next_review": closing.next_review.isoformat() if closing.next_review else None,
        "planned_minutes": closing.planned_minutes,
    }


# -- reading ---------------------------------------------------------------------------------


def _table(where: str, value: Any, keys: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FocusDataError(where, "must be an object")
    unknown = sorted(set(value) - keys)
    if unknown:
        raise FocusDataError(where, f"has unknown field(s) {', '.join(unknown)}")
    return value


def _list(where: str, value: Any, limit: int = MAX_ROWS) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise FocusDataError(where, "must be a list")
    if len(value) > limit:
        raise FocusDataError(where, f"has more than {limit} entries")
    return value


def _str(where: str, value: Any, limit: int = MAX_TEXT, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise FocusDataError(where, "must be text")
    if len(value) > limit:
        raise FocusDataError(where, f"is longer than {limit} characters")
    if required and not value.strip():
        raise FocusDataError(where, "must not be empty")
    return value


def _int(where: str, value: Any, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise FocusDataError(where, f"must be a whole number from {low} to {high}")
    return value


def _optional_int(where: str, value: Any, low: int, high: int) -> int | None:
    return None if value is None else _int(where, value, low, high)


def _bool(where: str, value: Any) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise FocusDataError(where, "must be true or false")
    return value


def _date(where: str, value: Any) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise FocusDataError(where, "must be a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FocusDataError(where, f"'{value[:20]}' is not a date (YYYY-MM-DD)") from None


def agenda_from_data(value: Any, where: str = "agenda") -> list[AgendaItem]:
    items = []
    seen: set[str] = set()
    for n, entry in enumerate(_list(where, value, MAX_AGENDA_ITEMS)):
        here = f"{where}[{n}]"
        entry = _table(here, entry, {"prompt_id", "minutes", "origin", "reason", "theme"})
        prompt_id = _str(f"{here}.prompt_id", entry.get("prompt_id"), MAX_SHORT, required=True)
        if prompt_id in seen:
            raise FocusDataError(f"{here}.prompt_id", f"'{prompt_id}' is on the agenda twice")
        seen.add(prompt_id)
        origin = entry.get("origin", AgendaOrigin.CORE.value)
        if origin not in {o.value for o in AgendaOrigin}:
            raise FocusDataError(
                f"{here}.origin",
                f"must be one of {', '.join(o.value for o in AgendaOrigin)}",
            )
        items.append(
            AgendaItem(
                prompt_id=prompt_id,
                minutes=_int(f"{here}.minutes", entry.get("minutes"), 1, MAX_ITEM_MINUTES),
                origin=AgendaOrigin(origin),
                reason=_str(f"{here}.reason", entry.get("reason"), MAX_TEXT),
                theme=_str(f"{here}.theme", entry.get("theme"), MAX_SHORT),
            )
        )
    return items


def since_last_from_data(value: Any, where: str) -> tuple[SinceLastItem, ...]:
    items = []
    for n, entry in enumerate(_list(where, value)):
        here = f"{where}[{n}]"
        entry = _table(here, entry, {"key", "kind", "text", "prompt_id", "choice"})
        kind = entry.get("kind")
        if kind not in SINCE_LAST_KINDS:
            raise FocusDataError(f"{here}.kind", f"must be one of {', '.join(SINCE_LAST_KINDS)}")
        choice = entry.get("choice", "") or ""
        if choice not in SINCE_LAST_CHOICES:
            raise FocusDataError(f"{here}.choice", "must be 'discuss', 'not_today' or empty")
        items.append(
            SinceLastItem(
                key=_str(f"{here}.key", entry.get("key"), MAX_SHORT, required=True),
                kind=kind,
                text=_str(f"{here}.text", entry.get("text")),
                prompt_id=_str(f"{here}.prompt_id", entry.get("prompt_id"), MAX_SHORT),
                choice=choice,
            )
        )
    return tuple(items)


OPENING_KEYS = {"check_in", "print_check_in", "question", "since_last", "main_worries"}
CLOSING_KEYS = {
    "reflection",
    "worries",
    "working_well",
    "needs_to_happen",
    "scaling",
    "next_review",
    "planned_minutes",
}


def opening_from_data(value: Any, where: str = "opening") -> SessionOpening:
    data = _table(where, value, OPENING_KEYS)
    worries = []
    for n, entry in enumerate(_list(f"{where}.main_worries", data.get("main_worries"))):
        here = f"{where}.main_worries[{n}]"
        entry = _table(here, entry, {"child", "worry"})
        worries.append(
            (
                _str(f"{here}.child", entry.get("child"), MAX_SHORT),
                _str(f"{here}.worry", entry.get("worry")),
            )
        )
    return SessionOpening(
        check_in=_str(f"{where}.check_in", data.get("check_in")),
        print_check_in=_bool(f"{where}.print_check_in", data.get("print_check_in")),
        question=_str(f"{where}.question", data.get("question")),
        since_last=since_last_from_data(data.get("since_last"), f"{where}.since_last"),
        main_worries=tuple(worries),
    )


def scaling_from_data(value: Any, where: str) -> tuple[ChildScaling, ...]:
    rows = []
    for n, entry in enumerate(_list(where, value)):
        here = f"{where}[{n}]"
        entry = _table(here, entry, {"child", "score", "note"})
        rows.append(
            ChildScaling(
                child=_str(f"{here}.child", entry.get("child"), MAX_SHORT),
                score=_optional_int(f"{here}.score", entry.get("score"), 0, 10),
                note=_str(f"{here}.note", entry.get("note")),
            )
        )
    return tuple(rows)


def closing_from_data(value: Any, where: str = "closing") -> SessionClosing:
    data = _table(where, value, CLOSING_KEYS)
    planned = data.get("planned_minutes")
    return SessionClosing(
        reflection=_str(f"{where}.reflection", data.get("reflection")),
        worries=_str(f"{where}.worries", data.get("worries")),
        working_well=_str(f"{where}.working_well", data.get("working_well")),
        needs_to_happen=_str(f"{where}.needs_to_happen", data.get("needs_to_happen")),
        scaling=scaling_from_data(data.get("scaling"), f"{where}.scaling"),
        next_review=_date(f"{where}.next_review", data.get("next_review")),
        planned_minutes=75
        if planned is None
        else _int(f"{where}.planned_minutes", planned, 5, 480) or 75,
    )


def focus_from_content(
    content: dict[str, Any],
) -> tuple[list[AgendaItem], SessionOpening | None, SessionClosing | None]:
    """The agenda, Today and summary held in a record's content (a signing snapshot): what
    ``storage.chain.focus_content`` wrote.  A part that is absent (a record signed before the
    focused session) or unreadable is empty; Verify reports a snapshot that was changed."""
    try:
        agenda = agenda_from_data(content.get("agenda") or [])
    except FocusDataError:
        agenda = []
    try:
        opening = opening_from_data(content["opening"]) if content.get("opening") else None
    except FocusDataError:
        opening = None
    try:
        closing = closing_from_data(content["closing"]) if content.get("closing") else None
    except FocusDataError:
        closing = None
    return agenda, opening, closing
