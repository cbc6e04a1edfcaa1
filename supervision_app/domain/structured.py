"""Answers to the structured tools (checklists, the day in the life, records tables).

A structured answer keeps its prompt's text and, inside its ``data``, the
labels of every item and field it was written against, so it can still be
shown and printed after the content changes or drops the prompt.

``data`` shapes, by kind:

``checklist``
    ``{"items": [{"id", "label", "answer", "note"}]}`` where ``answer`` is one
    of the prompt's choices (e.g. "Yes", "No", "Unsure") or "".
``day_in_life``
    ``{"children": [{"child", "periods": [{"id", "label", "text", "basis"}]}]}``
    where ``basis`` is one of :data:`BASIS_CHOICES` or "".
``records``
    ``{"fields": [{"id", "label"}], "choice_fields": [field id], "rows": [{field id: text}]}``
    (``choice_fields`` names the pick-list fields, such as the fact/judgement mark).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

STRUCTURED_KINDS = ("checklist", "day_in_life", "records")
#: How the practitioner knows what a day-in-the-life entry says.
BASIS_CHOICES = ("Seen", "Reported", "Seen and reported")


_TOP_KEYS = {
    "checklist": {"items"},
    "day_in_life": {"children"},
    "records": {"fields", "choice_fields", "rows"},
}


class PayloadError(ValueError):
    """A structured answer's data does not have the shape its kind needs."""


@dataclass(slots=True)
class StructuredAnswer:
    prompt_id: str
    stage_id: str
    prompt_text: str
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    updated_at: datetime | None = None
    #: The row version the data was read at (see ``Answer.version``); not part of the value.
    version: int = field(default=0, compare=False)

    @property
    def filled(self) -> bool:
        return not payload_is_empty(self.kind, self.data)


def payload_is_empty(kind: str, data: dict[str, Any]) -> bool:
    if kind == "checklist":
        return not any(
            str(i.get("answer", "")).strip() or str(i.get("note", "")).strip()
            for i in data.get("items", [])
        )
    if kind == "day_in_life":
        return not any(
            str(p.get("text", "")).strip()
            for c in data.get("children", [])
            for p in c.get("periods", [])
        )
    if kind == "records":
        return not any(str(v).strip() for row in data.get("rows", []) for v in row.values())
    return True


def check_payload(kind: str, data: Any) -> dict[str, Any]:
    """Validate ``data`` for ``kind`` and return it; raises :class:`PayloadError`."""
    if kind not in STRUCTURED_KINDS:
        raise PayloadError(f"the kind '{kind}' is not known")
    if not isinstance(data, dict):
        raise PayloadError("the data must be an object")
    unknown = set(data) - _TOP_KEYS[kind]
    if unknown:
        raise PayloadError(f"unknown key(s) {', '.join(sorted(unknown))} for a {kind}")
    if kind == "checklist":
        for i, item in enumerate(_list(data, "items")):
            _texts(item, f"items[{i}]", ("id", "label", "answer", "note"))
    elif kind == "day_in_life":
        for i, child in enumerate(_list(data, "children")):
            _texts(child, f"children[{i}]", ("child",), extra=("periods",))
            for j, period in enumerate(_list(child, "periods", f"children[{i}].")):
                where = f"children[{i}].periods[{j}]"
                _texts(period, where, ("id", "label", "text", "basis"))
    else:
        for i, col in enumerate(_list(data, "fields")):
            _texts(col, f"fields[{i}]", ("id", "label"))
        if not all(isinstance(v, str) for v in _list(data, "choice_fields")):
            raise PayloadError("choice_fields must list field ids")
        for i, row in enumerate(_list(data, "rows")):
            if not isinstance(row, dict) or not all(isinstance(v, str) for v in row.values()):
                raise PayloadError(f"rows[{i}] must map field ids to texts")
    return data


def encode_payload(data: dict[str, Any]) -> str:
    """Stable JSON text of a payload (how the autosave queue carries it)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _list(data: dict[str, Any], key: str, prefix: str = "") -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise PayloadError(f"{prefix}{key} must be a list")
    return value


def _texts(value: Any, where: str, keys: tuple[str, ...], extra: tuple[str, ...] = ()) -> None:
    if not isinstance(value, dict):
        raise PayloadError(f"{where} must be an object")
    unknown = set(value) - set(keys) - set(extra)
    if unknown:
        raise PayloadError(f"{where} has unknown key(s) {', '.join(sorted(unknown))}")
    for key in keys:
        if not isinstance(value.get(key, ""), str):
            raise PayloadError(f"{where}.{key} must be text")
