"""The typed interface of the store: one :class:`typing.Protocol` per part.

The services (and anything else above storage) type against these, not against the SQLite
classes; :class:`Storage` is the whole store (``SupervisionStore`` satisfies it, checked by
mypy in ``_check_sqlite_store`` below and by ``tests/storage/test_storage_interface.py``).  A second
backend provides the same parts.

Methods keep the store's contract: each opens its own unit of work, returns plain domain
objects, raises :class:`~supervision_app.domain.ValidationError` for bad input,
``NotFoundError`` for a record that no longer exists and
:class:`~supervision_app.domain.LockedSessionError` for a write to a signed record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from supervision_app.content.model import Content
    from supervision_app.content.patterns import PatternRule
    from supervision_app.domain import (
        Action,
        ActionStatus,
        Addendum,
        AuditEntry,
        AuditEvent,
        CaseDetail,
        CaseInput,
        CaseSummary,
        Decision,
        LocalUser,
        SessionDetail,
        SessionIntegrity,
        SessionSummary,
        SignOffInput,
        VerifyResult,
    )
    from supervision_app.domain.agenda import AgendaProposal
    from supervision_app.domain.focus import (
        AgendaItem,
        AttentionItem,
        SessionClosing,
        SessionOpening,
    )
    from supervision_app.domain.memory import (
        ActionReview,
        CaseHistory,
        ChronologyEvent,
        Escalation,
        EventKind,
        Hypothesis,
        HypothesisStatus,
        ReferralOutcome,
        ReviewOutcome,
        SearchHit,
    )
    from supervision_app.storage.conflict import SavedAnswer
    from supervision_app.storage.database import Database


class MemoryItems(Protocol):
    """The case memory a record file carries: events, hypotheses, escalations."""

    @property
    def events(self) -> Sequence[ChronologyEvent]: ...
    @property
    def hypotheses(self) -> Sequence[Hypothesis]: ...
    @property
    def escalations(self) -> Sequence[Escalation]: ...


class SessionMemoryData(MemoryItems, Protocol):
    """A session record file's ``case_memory`` (``exchange`` reads it): the session's ratings
    and the reviews of its actions, by the action's index in the session."""

    @property
    def child_safety(self) -> int | None: ...
    @property
    def worker_safety(self) -> int | None: ...
    @property
    def action_reviews(self) -> Mapping[int, Sequence[ActionReview]]: ...


class CaseMemoryData(MemoryItems, Protocol):
    """A whole-case file's memory: every ``session_id`` in it is a position in the file's
    sessions; ratings by position, reviews by (position, the action's index)."""

    @property
    def ratings(self) -> Mapping[int, tuple[int | None, int | None]]: ...
    @property
    def action_reviews(self) -> Mapping[tuple[int, int], Sequence[ActionReview]]: ...


class CaseStorage(Protocol):
    """``store.cases``: the cases."""

    def list_cases(self, limit: int | None = ..., offset: int = ...) -> list[CaseSummary]: ...

    def create_case(self, case: CaseInput, created_at: datetime | None = ...) -> int: ...

    def update_case(self, case_id: int, case: CaseInput) -> None: ...

    def get_case(self, case_id: int) -> CaseDetail: ...

    def find_case(self, reference: str) -> int | None: ...

    def delete_case(self, case_id: int) -> None: ...

    def import_case(
        self, case: CaseDetail, sessions: list[SessionDetail], memory: CaseMemoryData
    ) -> int: ...


class SessionStorage(Protocol):
    """``store.sessions``: sessions, their answers, decisions and actions."""

    def list_sessions(
        self, case_id: int, limit: int | None = ..., offset: int = ...
    ) -> list[SessionSummary]: ...

    def count_sessions(self, case_id: int) -> int: ...

    def session_case_id(self, session_id: int) -> int | None: ...

    def create_session(
        self,
        case_id: int,
        on: date,
        attendees: Iterable[str],
        content_version: str,
        uid: str | None = ...,
    ) -> int: ...

    def update_session(self, session_id: int, on: date, attendees: Iterable[str]) -> None: ...

    def delete_session(self, session_id: int) -> None: ...

    def session_exists(self, uid: str) -> bool: ...

    def get_session(self, session_id: int) -> SessionDetail: ...

    def import_session(
        self, detail: SessionDetail, memory: SessionMemoryData | None = ...
    ) -> tuple[int, int, bool]: ...

    def save_answer(
        self,
        session_id: int,
        prompt_id: str,
        stage_id: str,
        prompt_text: str,
        text: str,
        seen: int | None = ...,
    ) -> datetime: ...

    def save_answer_versioned(
        self,
        session_id: int,
        prompt_id: str,
        stage_id: str,
        prompt_text: str,
        text: str,
        seen: int | None = ...,
    ) -> SavedAnswer: ...

    def save_structured_answer(
        self,
        session_id: int,
        prompt_id: str,
        stage_id: str,
        prompt_text: str,
        kind: str,
        data: dict[str, Any],
        seen: int | None = ...,
    ) -> datetime: ...

    def save_structured_versioned(
        self,
        session_id: int,
        prompt_id: str,
        stage_id: str,
        prompt_text: str,
        kind: str,
        data: dict[str, Any],
        seen: int | None = ...,
    ) -> SavedAnswer: ...

    def add_decision(self, session_id: int, text: str, rationale: str) -> Decision: ...

    def update_decision(self, decision_id: int, text: str, rationale: str) -> None: ...

    def delete_decision(self, decision_id: int) -> None: ...

    def add_action(
        self,
        session_id: int,
        description: str,
        owner: str,
        due_date: date | None,
        status: ActionStatus = ...,
    ) -> Action: ...

    def update_action(
        self,
        action_id: int,
        description: str,
        owner: str,
        due_date: date | None,
        status: ActionStatus,
    ) -> None: ...

    def delete_action(self, action_id: int) -> None: ...


class FocusStorage(Protocol):
    """``store.focus``: the agenda, Today, the summary, Home, the next session."""

    def get_agenda(self, session_id: int) -> list[AgendaItem]: ...

    def save_agenda(self, session_id: int, items: Sequence[AgendaItem]) -> None: ...

    def get_opening(self, session_id: int) -> SessionOpening: ...

    def save_opening(self, session_id: int, opening: SessionOpening) -> None: ...

    def get_closing(self, session_id: int) -> SessionClosing: ...

    def save_closing(self, session_id: int, closing: SessionClosing) -> None: ...

    def save_session_text(
        self, session_id: int, key: str, text: str, base: str | None = ...
    ) -> datetime: ...

    def opening_with_since_last(
        self, session_id: int, rules: Sequence[PatternRule] = ...
    ) -> SessionOpening: ...

    def propose_agenda(
        self,
        session_id: int,
        content: Content,
        rules: Sequence[PatternRule] = ...,
        minutes: int | None = ...,
    ) -> AgendaProposal: ...

    def open_session_on(self, case_id: int, on: date) -> int | None: ...

    def start_next_session(
        self, case_id: int, on: date, attendees: Iterable[str], content_version: str
    ) -> int: ...

    def attention(
        self,
        today: date,
        frequency_days: int = ...,
        limit: int = ...,
        rules: Sequence[PatternRule] = ...,
        frequency_label: str = ...,
    ) -> list[AttentionItem]: ...


class SigningStorage(Protocol):
    """``store.signing``: sign-offs, addenda, snapshots, verification."""

    def integrity(self, session_id: int) -> SessionIntegrity: ...

    def sign_session(self, session_id: int, signoff: SignOffInput) -> SessionIntegrity: ...

    def add_addendum(self, session_id: int, author: str, role: str, text: str) -> Addendum: ...

    def take_snapshot(self, session_id: int) -> dict[str, Any]: ...

    def signed_snapshot(self, session_id: int) -> dict[str, Any] | None: ...

    def verify_session(self, session_id: int) -> VerifyResult: ...

    def verify_all(self) -> list[VerifyResult]: ...

    def find_fingerprint(self, printed: str) -> tuple[VerifyResult, bool] | None: ...

    def is_signed(self, session_id: int) -> bool: ...


class AuditStorage(Protocol):
    """``store.audit``: events noted on a record and its trail."""

    def record_event(self, session_id: int, event: AuditEvent, detail: str = ...) -> None: ...

    def audit_trail(self, session_id: int) -> list[AuditEntry]: ...


class SettingsStorage(Protocol):
    """``store.settings``: the named user, marking, late-entry days."""

    def current_user(self) -> LocalUser | None: ...

    def set_current_user(self, name: str, role: str) -> LocalUser: ...

    def list_users(self) -> list[LocalUser]: ...

    def protective_marking(self) -> str: ...

    def set_protective_marking(self, marking: str) -> None: ...

    def late_entry_days(self) -> int: ...

    def set_late_entry_days(self, days: int) -> None: ...


class MemoryStorage(Protocol):
    """``store.memory``: the case memory."""

    def case_history(self, case_id: int) -> CaseHistory: ...

    def review_action(
        self,
        action_id: int,
        outcome: ReviewOutcome,
        reason: str = ...,
        session_id: int | None = ...,
        on: date | None = ...,
        new_due: date | None = ...,
    ) -> None: ...

    def add_hypothesis(
        self,
        case_id: int,
        text_: str,
        on: date,
        session_id: int | None = ...,
        basis: str = ...,
        test_plan: str = ...,
    ) -> int: ...

    def edit_hypothesis(
        self, hypothesis_id: int, text_: str, basis: str, test_plan: str, evaluation: str
    ) -> None: ...

    def update_hypothesis(
        self,
        hypothesis_id: int,
        status: HypothesisStatus,
        note: str,
        on: date,
        session_id: int | None = ...,
        result: str = ...,
        evaluation: str | None = ...,
    ) -> None: ...

    def delete_hypothesis(self, hypothesis_id: int) -> None: ...

    def raise_escalation(
        self,
        case_id: int,
        subject: str,
        with_whom: str,
        on: date,
        timescale_days: int = ...,
        session_id: int | None = ...,
        note: str = ...,
        stage_name: str = ...,
        stage: int = ...,
    ) -> int: ...

    def step_up_escalation(
        self,
        escalation_id: int,
        with_whom: str,
        on: date,
        note: str = ...,
        session_id: int | None = ...,
        stage_name: str = ...,
        days: int | None = ...,
        stage: int | None = ...,
    ) -> None: ...

    def close_escalation(self, escalation_id: int, outcome: str, on: date) -> None: ...

    def add_event(
        self,
        case_id: int,
        on: date,
        kind: EventKind,
        title: str,
        detail: str = ...,
        outcome: ReferralOutcome = ...,
        session_id: int | None = ...,
    ) -> int: ...

    def update_event(
        self,
        event_id: int,
        on: date,
        kind: EventKind,
        title: str,
        detail: str = ...,
        outcome: ReferralOutcome = ...,
    ) -> None: ...

    def delete_event(self, event_id: int) -> None: ...

    def set_rating(
        self, session_id: int, child_safety: int | None, worker_safety: int | None
    ) -> None: ...

    def get_rating(self, session_id: int) -> tuple[int | None, int | None]: ...

    def import_session_memory(
        self, case_id: int, session_id: int, memory: SessionMemoryData
    ) -> None: ...

    def import_case_memory(
        self, case_id: int, memory: CaseMemoryData, session_ids: list[int]
    ) -> None: ...

    def search(self, user_text: str, limit: int = ...) -> list[SearchHit]: ...


class WordStorage(Protocol):
    """``store.words``: spell-check's personal words."""

    def list_words(self) -> list[str]: ...

    def add_word(self, word: str) -> bool: ...

    def remove_word(self, word: str) -> None: ...


class Storage(Protocol):
    """The whole store: its parts, over one database."""

    @property
    def database(self) -> Database: ...
    @property
    def cases(self) -> CaseStorage: ...
    @property
    def sessions(self) -> SessionStorage: ...
    @property
    def focus(self) -> FocusStorage: ...
    @property
    def signing(self) -> SigningStorage: ...
    @property
    def audit(self) -> AuditStorage: ...
    @property
    def settings(self) -> SettingsStorage: ...
    @property
    def memory(self) -> MemoryStorage: ...
    @property
    def words(self) -> WordStorage: ...
