"""The fictional demo case, so a newcomer sees a complete record without typing.

The case lives in ``resources/demo/demo_case.toml``; loading it twice is
harmless (the second time finds the session already there).  Its session is a focused
supervision: Today, an agenda, the answers to it, and the summary.  The same loader reads the
test fixture that answers every prompt (``tests/fixtures/every_prompt_case.toml``).
"""

from __future__ import annotations

import dataclasses
import tomllib
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supervision_app.content import Content
from supervision_app.domain import (
    Action,
    Answer,
    CaseDetail,
    Child,
    Decision,
    SessionDetail,
    StructuredAnswer,
)
from supervision_app.domain.agenda_data import (
    FocusDataError,
    agenda_from_data,
    closing_from_data,
    opening_from_data,
)
from supervision_app.domain.since_last import since_last_time
from supervision_app.services.demo_files import DemoDataError, demo_case_file
from supervision_app.services.demo_history import load_demo_history

if TYPE_CHECKING:
    from supervision_app.storage.interface import Storage

__all__ = ["DEMO_SESSION_UID", "DemoDataError", "DemoLoaded", "demo_session", "load_demo"]

DEMO_SESSION_UID = uuid.uuid5(uuid.NAMESPACE_URL, "supervision_app:demo:session:1").hex


@dataclass(frozen=True, slots=True)
class DemoLoaded:
    case_id: int
    session_id: int
    already_present: bool
    history_case_id: int = 0  # the six-month case (resources/demo/demo_history.toml)


def load_demo(store: Storage, content: Content) -> DemoLoaded:
    detail = demo_session(content)
    if store.sessions.session_exists(detail.uid):
        case_id = store.cases.find_case(detail.case.reference)
        sessions = store.sessions.list_sessions(case_id) if case_id else []
        session_id = next(s.id for s in sessions if s.uid == detail.uid)
        present = True
    else:
        case_id, session_id, present = *store.sessions.import_session(detail)[:2], False
        _load_memory(store, case_id, session_id, detail.date)
        _since_last(store, case_id, session_id, detail.date)
    history_case_id, history_present = load_demo_history(store, content)
    return DemoLoaded(case_id or 0, session_id, present and history_present, history_case_id)


def _load_memory(store: Storage, case_id: int, session_id: int, on: date) -> None:
    """The demo case's escalation (raised before the session, still open at it, on the
    policy's route) and the session's hypotheses in the structured tool."""
    file = demo_case_file()
    try:
        data: dict[str, Any] = tomllib.loads(file.read_text(encoding="utf-8"))
        for e in data.get("escalations", []):
            escalation_id = store.memory.raise_escalation(
                case_id,
                e["subject"],
                e["with"],
                date.fromisoformat(e["date"]),
                int(e["timescale_days"]),
                note=e.get("note", ""),
                stage_name=e.get("stage_name", ""),
            )
            for step in e.get("steps", []):
                store.memory.step_up_escalation(
                    escalation_id,
                    step["with"],
                    date.fromisoformat(step["date"]),
                    step["note"],
                    stage_name=step.get("stage_name", ""),
                    days=step.get("days"),
                )
        for h in data.get("hypotheses", []):
            store.memory.add_hypothesis(
                case_id, h["text"], on, session_id, h["basis"], h["test_plan"]
            )
    except (OSError, KeyError, ValueError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise DemoDataError(f"The demo case memory in {file} cannot be loaded: {exc!r}") from None


def _since_last(store: Storage, case_id: int, session_id: int, on: date) -> None:
    """Today's "what has changed since last time", from the case memory just loaded, with the
    choices the demo makes (``since_last_choices``: by kind, e.g. escalation = "discuss")."""
    file = demo_case_file()
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    choices = data.get("opening", {}).get("since_last_choices", {})
    if not choices:
        return
    history = store.memory.case_history(case_id)
    items = since_last_time(history, [], on, session_id)
    opening = store.focus.get_opening(session_id)
    chosen = tuple(dataclasses.replace(i, choice=choices.get(i.kind, "")) for i in items)
    store.focus.save_opening(session_id, dataclasses.replace(opening, since_last=chosen))


def demo_session(content: Content, file: Path | None = None) -> SessionDetail:
    """The demo's session (or, given ``file``, a session in the same format)."""
    file = file or demo_case_file()
    try:
        data: dict[str, Any] = tomllib.loads(file.read_text(encoding="utf-8"))
        case = data["case"]
        session = data["session"]
        session_date = date.fromisoformat(session["date"])
        stamp = datetime.combine(session_date, time(11, 30))
        answers = {}
        for prompt_id, text in data["answers"].items():
            prompt = content.prompt(prompt_id)
            if prompt is None:
                raise DemoDataError(f"{file}: the demo answers unknown prompt '{prompt_id}'")
            answers[prompt_id] = Answer(
                prompt_id, prompt.stage_id, prompt.text, text.strip(), stamp
            )
        structured = {
            prompt_id: _tool_answer(content, file, prompt_id, tool, stamp)
            for prompt_id, tool in data.get("tools", {}).items()
        }
        return SessionDetail(
            id=0,
            uid=DEMO_SESSION_UID
            if file == demo_case_file()
            else uuid.uuid5(uuid.NAMESPACE_URL, f"supervision_app:fixture:{file.name}").hex,
            case=CaseDetail(
                reference=case["reference"],
                practitioner=case["practitioner"],
                supervisor=case["supervisor"],
                agencies=list(case.get("agencies", [])),
                children=[
                    Child(
                        name=c["name"],
                        date_of_birth=date.fromisoformat(c["date_of_birth"])
                        if c.get("date_of_birth")
                        else None,
                        age=c.get("age", ""),
                        unborn=bool(c.get("unborn", False)),
                    )
                    for c in case.get("children", [])
                ],
            ),
            date=session_date,
            attendees=list(session.get("attendees", [])),
            content_version=content.version,
            created_at=stamp,
            updated_at=stamp,
            answers=answers,
            decisions=[
                Decision(0, d["text"].strip(), d["rationale"].strip())
                for d in data.get("decisions", [])
            ],
            actions=[
                Action(0, a["description"].strip(), a["owner"], date.fromisoformat(a["due"]))
                for a in data.get("actions", [])
            ],
            structured=structured,
            **_focus(content, file, data),
        )
    except (OSError, KeyError, ValueError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise DemoDataError(f"The demo case in {file} cannot be loaded: {exc!r}") from None


def _focus(content: Content, file: Path, data: dict[str, Any]) -> dict[str, Any]:
    """The agenda, Today and summary of a demo session (none: a session without them)."""
    opening = dict(data.get("opening") or {})
    opening.pop("since_last_choices", None)  # applied once the case memory is loaded
    try:
        agenda = agenda_from_data(data.get("agenda", []))
        focus = {
            "agenda": agenda,
            "opening": opening_from_data(opening) if opening else None,
            "closing": closing_from_data(data["closing"]) if "closing" in data else None,
        }
    except FocusDataError as exc:
        raise DemoDataError(f"{file}: {exc}") from None
    for item in agenda:
        if content.prompt(item.prompt_id) is None:
            raise DemoDataError(f"{file}: the agenda names unknown prompt '{item.prompt_id}'")
    return focus


def _tool_answer(
    content: Content, file: object, prompt_id: str, tool: dict[str, Any], stamp: datetime
) -> StructuredAnswer:
    """A structured tool's demo answer, in the stored shape (see ``domain/structured.py``)."""
    prompt = content.prompt(prompt_id)
    if prompt is None or not prompt.structured:
        raise DemoDataError(f"{file}: the demo fills in unknown tool '{prompt_id}'")
    if prompt.kind == "checklist":
        marks = tool["items"]
        data: dict[str, Any] = {
            "items": [
                {"id": i.id, "label": i.label, **_pick(marks.get(i.id, {}), ("answer", "note"))}
                for i in prompt.items
            ]
        }
    elif prompt.kind == "day_in_life":
        data = {
            "children": [
                {
                    "child": name,
                    "periods": [
                        {
                            "id": p.id,
                            "label": p.label,
                            **_pick(periods.get(p.id, {}), ("text", "basis")),
                        }
                        for p in prompt.items
                    ],
                }
                for name, periods in tool["children"].items()
            ]
        }
    else:
        data = {
            "fields": [{"id": f.id, "label": f.label} for f in prompt.fields],
            "choice_fields": [f.id for f in prompt.fields if f.choices],
            "rows": [_pick(row, tuple(f.id for f in prompt.fields)) for row in tool["rows"]],
        }
    return StructuredAnswer(prompt_id, prompt.stage_id, prompt.text, prompt.kind, data, stamp)


def _pick(values: dict[str, Any], keys: tuple[str, ...]) -> dict[str, str]:
    return {key: str(values.get(key, "")) for key in keys}
