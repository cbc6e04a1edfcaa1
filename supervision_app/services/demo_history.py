"""The fictional six-month demo case (resources/demo/demo_history.toml).

It shows the case's memory: carried-forward actions, hypotheses, an open
escalation, the chronology, ratings and pattern prompts.  Loading it again
when the case is already there changes nothing.
"""

from __future__ import annotations

import tomllib
import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from supervision_app.content import Content
from supervision_app.domain import CaseInput, Child
from supervision_app.domain.memory import (
    EventKind,
    HypothesisStatus,
    ReferralOutcome,
    ReviewOutcome,
)
from supervision_app.services.demo_files import DemoDataError, demo_history_file

if TYPE_CHECKING:
    from supervision_app.storage.interface import Storage


class DemoHistoryError(DemoDataError):
    """The demo history file cannot be loaded (a fault in the app's own resources)."""


def load_demo_history(store: Storage, content: Content) -> tuple[int, bool]:
    """Load the case if it is not there yet. Returns ``(case_id, already_present)``."""
    file = demo_history_file()
    try:
        data: dict[str, Any] = tomllib.loads(file.read_text(encoding="utf-8"))
        case = data["case"]
        existing = store.cases.find_case(case["reference"])
        if existing is not None:
            return existing, True
        _check_prompts(data, content, file)
        case_id = store.cases.create_case(
            CaseInput(
                reference=case["reference"],
                practitioner=case["practitioner"],
                supervisor=case["supervisor"],
                agencies=list(case.get("agencies", [])),
                children=[
                    Child(c["name"], date.fromisoformat(c["date_of_birth"]))
                    for c in case["children"]
                ],
            )
        )
        _Loader(store, content, case_id, case["reference"]).load(data["sessions"])
        return case_id, False
    except (OSError, KeyError, ValueError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise DemoHistoryError(f"The demo history in {file} cannot be loaded: {exc!r}") from None


def _check_prompts(data: dict[str, Any], content: Content, file: object) -> None:
    for session in data["sessions"]:
        for prompt_id in session.get("answers", {}):
            if content.prompt(prompt_id) is None:
                raise DemoHistoryError(f"{file}: the demo answers unknown prompt '{prompt_id}'")


class _Loader:
    def __init__(self, store: Storage, content: Content, case_id: int, ref: str) -> None:
        self.store, self.memory, self.content = store, store.memory, content
        self.case_id, self.reference = case_id, ref
        self.actions: dict[str, int] = {}
        self.hypotheses: dict[str, int] = {}
        self.escalations: dict[str, int] = {}

    def load(self, sessions: list[dict[str, Any]]) -> None:
        for data in sessions:
            self._session(data)

    def _session(self, data: dict[str, Any]) -> None:
        on = date.fromisoformat(data["date"])
        uid = uuid.uuid5(uuid.NAMESPACE_URL, f"supervision_app:demo:{self.reference}:{on}").hex
        sid = self.store.sessions.create_session(
            self.case_id, on, data.get("attendees", []), self.content.version, uid
        )
        for prompt_id, text in data.get("answers", {}).items():
            prompt = self.content.prompt(prompt_id)
            assert prompt is not None  # checked by _check_prompts before anything was written
            self.store.sessions.save_answer(sid, prompt_id, prompt.stage_id, prompt.text, text.strip())
        ratings = data.get("ratings")
        if ratings:
            self.memory.set_rating(sid, ratings.get("child"), ratings.get("worker"))
        for r in data.get("reviews", []):
            due = r.get("new_due")
            self.memory.review_action(
                self.actions[r["action"]],
                ReviewOutcome(r["outcome"]),
                r.get("reason", ""),
                sid,
                new_due=date.fromisoformat(due) if due else None,
            )
        for d in data.get("decisions", []):
            self.store.sessions.add_decision(sid, d["text"].strip(), d["rationale"].strip())
        for a in data.get("actions", []):
            action = self.store.sessions.add_action(
                sid, a["description"], a["owner"], date.fromisoformat(a["due"])
            )
            self.actions[a["key"]] = action.id
        for h in data.get("hypotheses", []):
            self.hypotheses[h["key"]] = self.memory.add_hypothesis(
                self.case_id, h["text"], on, sid, h.get("basis", ""), h.get("test_plan", "")
            )
        for u in data.get("hypothesis_updates", []):
            self.memory.update_hypothesis(
                self.hypotheses[u["hypothesis"]],
                HypothesisStatus(u["status"]),
                u["note"],
                on,
                sid,
                u.get("result", ""),
                u.get("evaluation"),
            )
        for e in data.get("events", []):
            self.memory.add_event(
                self.case_id,
                date.fromisoformat(e["date"]),
                EventKind(e["kind"]),
                e["title"],
                e.get("detail", ""),
                ReferralOutcome(e.get("outcome", "")),
                sid,
            )
        for e in data.get("escalations", []):
            self.escalations[e["key"]] = self.memory.raise_escalation(
                self.case_id,
                e["subject"],
                e["with"],
                date.fromisoformat(e["date"]),
                int(e["timescale_days"]),
                sid,
                e.get("note", ""),
                e.get("stage_name", ""),
                int(e.get("stage", 1)),
            )
        for st in data.get("escalation_steps", []):
            self.memory.step_up_escalation(
                self.escalations[st["escalation"]],
                st["with"],
                date.fromisoformat(st["date"]),
                st.get("note", ""),
                sid,
                st.get("stage_name", ""),
                st.get("days"),
                st.get("stage"),
            )
