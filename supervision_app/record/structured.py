"""Turn a structured tool's stored data into readable rows for the record."""

from __future__ import annotations

from typing import Any

from supervision_app.domain import StructuredAnswer
from supervision_app.record.model import RecordRow


def structured_rows(answer: StructuredAnswer) -> tuple[tuple[RecordRow, ...], str]:
    """The rows to print, and a short note (e.g. the items left unmarked)."""
    if answer.kind == "checklist":
        return _checklist(answer.data)
    if answer.kind == "day_in_life":
        return _day_in_life(answer.data), ""
    if answer.kind == "records":
        return _records(answer.data), ""
    return (), ""


def _clean(value: Any) -> str:
    return str(value or "").strip()


def _checklist(data: dict[str, Any]) -> tuple[tuple[RecordRow, ...], str]:
    rows, skipped = [], []
    for item in data.get("items", []):
        answer, note = _clean(item.get("answer")), _clean(item.get("note"))
        if answer or note:
            rows.append(RecordRow(_clean(item.get("label")), answer or "Not marked", note))
        else:
            skipped.append(_clean(item.get("label")))
    if not rows:
        return (), ""
    left = f"Not marked: {'; '.join(skipped)}." if skipped else ""
    return tuple(rows), left


def _day_in_life(data: dict[str, Any]) -> tuple[RecordRow, ...]:
    rows = []
    for child in data.get("children", []):
        name = _clean(child.get("child")) or "Child"
        for period in child.get("periods", []):
            text = _clean(period.get("text"))
            if text:
                basis = _clean(period.get("basis"))
                rows.append(
                    RecordRow(_clean(period.get("label")), text, basis and f"({basis})", name)
                )
    return tuple(rows)


def _records(data: dict[str, Any]) -> tuple[RecordRow, ...]:
    fields = [(_clean(f.get("id")), _clean(f.get("label"))) for f in data.get("fields", [])]
    choice_ids = set(data.get("choice_fields", []))
    rows = []
    for row in data.get("rows", []):
        filled = [(fid, label, _clean(row.get(fid))) for fid, label in fields]
        filled = [f for f in filled if f[2]]
        if not filled:
            continue
        marks = [value for fid, _label, value in filled if fid in choice_ids]
        texts = [(label, value) for fid, label, value in filled if fid not in choice_ids]
        value = texts[0][1] if texts else ""
        note = " · ".join(f"{label}: {v}" for label, v in texts[1:])
        rows.append(RecordRow(" · ".join(marks), value, note))
    return tuple(rows)
