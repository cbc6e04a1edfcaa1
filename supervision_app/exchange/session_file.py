"""The supervision record file: a versioned JSON export of one session and its case.

This module is the format only (to and from plain data, and reading a file); the use cases
that read or write the store are in :mod:`supervision_app.services.record_files`.

The format is documented in ``docs/record-format.md``.  Export followed by
import reproduces the session exactly.  An invalid file is refused with a
message that says what is wrong, and the database is left unchanged.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from supervision_app import __version__
from supervision_app.domain import (
    Action,
    ActionStatus,
    Answer,
    CaseDetail,
    Child,
    Decision,
    PayloadError,
    SessionDetail,
    StructuredAnswer,
    check_payload,
)
from supervision_app.domain.agenda_data import (
    FocusDataError,
    agenda_from_data,
    agenda_to_data,
    closing_from_data,
    closing_to_data,
    opening_from_data,
    opening_to_data,
)
from supervision_app.exchange.memory_file import SessionMemory, memory_from_dict
from supervision_app.exchange.reader import (
    FieldReader,
    RecordFileError,
    check_document,
    parse_json_int,
)
from supervision_app.storage.snapshot import case_fields

FORMAT_NAME = "supervision-app.session"
#: Versions 1 (no "case_memory"), 2 (plain hypotheses) and 3 (no agenda, Today or summary)
#: still import.
FORMAT_VERSION = 4
MAX_FILE_BYTES = 256 * 1024 * 1024


# -- export ------------------------------------------------------------------


def case_record(case: CaseDetail) -> dict[str, Any]:
    """The ``case`` object of a record file."""
    return {
        **case_fields(case),
        "created_at": case.created_at.isoformat() if case.created_at else None,
    }


def session_to_dict(detail: SessionDetail) -> dict[str, Any]:
    case = detail.case
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "exported_at": datetime.now().replace(microsecond=0).isoformat(),
        "app_version": __version__,
        "case": case_record(case),
        "session": {
            "uid": detail.uid,
            "date": detail.date.isoformat(),
            "attendees": list(detail.attendees),
            "content_version": detail.content_version,
            "created_at": detail.created_at.isoformat(),
            "updated_at": detail.updated_at.isoformat(),
            "answers": [
                {
                    "prompt_id": a.prompt_id,
                    "stage_id": a.stage_id,
                    "prompt_text": a.prompt_text,
                    "text": a.text,
                    "updated_at": a.updated_at.isoformat() if a.updated_at else None,
                }
                for a in sorted(detail.answers.values(), key=lambda a: a.prompt_id)
            ],
            "decisions": [{"text": d.text, "rationale": d.rationale} for d in detail.decisions],
            "actions": [
                {
                    "description": a.description,
                    "owner": a.owner,
                    "due_date": a.due_date.isoformat() if a.due_date else None,
                    "status": a.status.value,
                }
                for a in detail.actions
            ],
            # Optional (added with the structured tools); older files simply lack it.
            "structured_answers": [
                {
                    "prompt_id": t.prompt_id,
                    "stage_id": t.stage_id,
                    "prompt_text": t.prompt_text,
                    "kind": t.kind,
                    "data": t.data,
                    "updated_at": t.updated_at.isoformat() if t.updated_at else None,
                }
                for t in sorted(detail.structured.values(), key=lambda t: t.prompt_id)
            ],
            # Format version 4: the focused session (an empty agenda and nulls: none).
            **focus_to_dict(detail),
        },
    }


def focus_to_dict(detail: SessionDetail) -> dict[str, Any]:
    """The session's ``agenda``, ``opening`` (Today) and ``closing`` (the summary)."""
    return {
        "agenda": agenda_to_data(detail.agenda),
        "opening": opening_to_data(detail.opening) if detail.opening is not None else None,
        "closing": closing_to_data(detail.closing) if detail.closing is not None else None,
    }


def focus_from_dict(session_data: dict[str, Any], version: int) -> dict[str, Any]:
    """The focused session of a record file's ``session`` (format version 4; none before).

    A malformed field is refused with its place, e.g. ``session.agenda[2].minutes must be a
    whole number from 1 to 90``."""
    if version < 4:
        return {}
    try:
        opening, closing = session_data.get("opening"), session_data.get("closing")
        return {
            "agenda": agenda_from_data(session_data.get("agenda"), "session.agenda"),
            "opening": None if opening is None else opening_from_data(opening, "session.opening"),
            "closing": None if closing is None else closing_from_data(closing, "session.closing"),
        }
    except FocusDataError as exc:
        raise RecordFileError(f"{exc.field} {exc.problem}.") from None


# -- import ------------------------------------------------------------------


def read_session_file(path: Path) -> SessionDetail:
    return read_record_file(path)[0]


def load_json_file(path: Path) -> Any:
    """The parsed JSON of a record file, or :class:`RecordFileError` saying what is wrong."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RecordFileError(f"{path} is too large to be a supervision record ({size} bytes).")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RecordFileError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise RecordFileError(f"{path} is a folder, not a record file.") from None
    except OSError as exc:
        raise RecordFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RecordFileError(
            f"{path} is not a record file: it is not UTF-8 text (byte {exc.start})."
        ) from None
    try:
        data = json.loads(text, parse_int=parse_json_int)
    except json.JSONDecodeError as exc:
        raise RecordFileError(
            f"{path} is not a record file: invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})."
        ) from None
    except RecursionError:
        raise RecordFileError(
            f"{path} is not a record file: its JSON is nested far too deeply."
        ) from None
    try:
        check_document(data)
    except RecordFileError as exc:
        raise RecordFileError(f"{path}: {exc}") from None
    return data


def read_record_file(path: Path) -> tuple[SessionDetail, SessionMemory | None]:
    """The session and (format version 2 on) its case memory; None for version 1 files."""
    path = Path(path)
    data = load_json_file(path)
    try:
        detail = session_from_dict(data)
        memory = None
        if isinstance(data, dict) and "case_memory" in data:
            memory = memory_from_dict(
                data["case_memory"], FieldReader(), len(detail.actions), data["format_version"]
            )
        return detail, memory
    except RecordFileError as exc:
        raise RecordFileError(f"{path}: {exc}") from None


def check_format(
    root: dict[str, Any], name: str, oldest: int, newest: int, what: str = "supervision record"
) -> int:
    """The file's format version, if it is a ``name`` file this app can read."""
    if root.get("format") != name:
        raise RecordFileError(f"this is not a {what} file ('format' is not '{name}').")
    version = root.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise RecordFileError("'format_version' is missing or not a whole number.")
    if version > newest:
        raise RecordFileError(
            f"'format_version' {version}: the file uses a format newer than this app "
            f"understands ({newest}). Update the app to import it."
        )
    if version < oldest:
        raise RecordFileError(
            f"'format_version' {version} is not a known format version ({oldest} to {newest})."
        )
    return version


def session_from_dict(data: Any) -> SessionDetail:
    r = FieldReader()
    root = r.table(data, "the file")
    version = check_format(root, FORMAT_NAME, 1, FORMAT_VERSION)
    case = case_from_dict(root.get("case"))
    session_data = r.table(root.get("session"), "session")
    answers: dict[str, Answer] = {}
    for i, a in enumerate(r.tables(session_data, "answers", "session")):
        where = f"session.answers[{i}]"
        answer = Answer(
            prompt_id=r.short_text(a, "prompt_id", where),
            stage_id=r.short_text(a, "stage_id", where),
            prompt_text=r.text(a, "prompt_text", where, allow_empty=True),
            text=r.text(a, "text", where, allow_empty=True),
            updated_at=r.datetime(a, "updated_at", where, optional=True),
        )
        if answer.prompt_id in answers:
            raise RecordFileError(f"{where}: prompt '{answer.prompt_id}' is answered twice.")
        answers[answer.prompt_id] = answer
    decisions = [
        Decision(
            0,
            r.text(d, "text", f"session.decisions[{i}]"),
            r.text(d, "rationale", f"session.decisions[{i}]"),
        )
        for i, d in enumerate(r.tables(session_data, "decisions", "session"))
    ]
    actions = []
    for i, a in enumerate(r.tables(session_data, "actions", "session")):
        where = f"session.actions[{i}]"
        status = r.short_text(a, "status", where)
        try:
            status_value = ActionStatus(status)
        except ValueError:
            allowed = ", ".join(s.value for s in ActionStatus)
            raise RecordFileError(f"{where}.status '{status}' is not one of {allowed}.") from None
        actions.append(
            Action(
                0,
                r.text(a, "description", where),
                r.text(a, "owner", where),
                r.date(a, "due_date", where, optional=True),
                status_value,
            )
        )
    structured: dict[str, StructuredAnswer] = {}
    if session_data.get("structured_answers") is not None:
        for i, t in enumerate(r.tables(session_data, "structured_answers", "session")):
            where = f"session.structured_answers[{i}]"
            kind = r.short_text(t, "kind", where)
            try:
                data = check_payload(kind, t.get("data"))
            except PayloadError as exc:
                raise RecordFileError(f"{where}.data: {exc}.") from None
            except (TypeError, ValueError, KeyError, AttributeError):
                raise RecordFileError(f"{where}.data is not a valid '{kind}' answer.") from None
            tool = StructuredAnswer(
                prompt_id=r.short_text(t, "prompt_id", where),
                stage_id=r.short_text(t, "stage_id", where),
                prompt_text=r.text(t, "prompt_text", where, allow_empty=True),
                kind=kind,
                data=data,
                updated_at=r.datetime(t, "updated_at", where, optional=True),
            )
            if tool.prompt_id in structured:
                raise RecordFileError(f"{where}: prompt '{tool.prompt_id}' is answered twice.")
            structured[tool.prompt_id] = tool
    uid = r.short_text(session_data, "uid", "session")
    if not (len(uid) == 32 and all(ch in "0123456789abcdef" for ch in uid)):
        raise RecordFileError("session.uid must be 32 lower-case hexadecimal characters.")
    return SessionDetail(
        id=0,
        uid=uid,
        case=case,
        date=r.date(session_data, "date", "session"),
        attendees=r.text_list(session_data, "attendees", "session"),
        content_version=r.short_text(session_data, "content_version", "session"),
        created_at=r.datetime(session_data, "created_at", "session"),
        updated_at=r.datetime(session_data, "updated_at", "session"),
        answers=answers,
        decisions=decisions,
        actions=actions,
        structured=structured,
        **focus_from_dict(session_data, version),
    )


def case_from_dict(data: Any) -> CaseDetail:
    """The ``case`` object of a record file (see docs/record-format.md)."""
    r = FieldReader()
    case_data = r.table(data, "case")
    return CaseDetail(
        reference=r.short_text(case_data, "reference", "case"),
        practitioner=r.short_text(case_data, "practitioner", "case"),
        supervisor=r.short_text(case_data, "supervisor", "case"),
        agencies=r.text_list(case_data, "agencies", "case"),
        children=[
            Child(
                name=r.short_text(c, "name", f"case.children[{i}]"),
                date_of_birth=r.date(c, "date_of_birth", f"case.children[{i}]", optional=True),
                age=r.short_text(c, "age", f"case.children[{i}]", allow_empty=True, default=""),
                unborn=r.boolean(c, "unborn", f"case.children[{i}]"),
            )
            for i, c in enumerate(r.tables(case_data, "children", "case"))
        ],
        created_at=r.datetime(case_data, "created_at", "case", optional=True),
    )
