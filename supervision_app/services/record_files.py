"""Record files in and out of the store: one session's file, a whole case's file.

The formats themselves are :mod:`supervision_app.exchange`; this module reads what they
need from the store, writes the file complete or not at all, and imports a file all or
nothing (a refusal names the file and leaves the database as it was).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from supervision_app.atomic import write_atomically
from supervision_app.domain import SessionDetail, ValidationError
from supervision_app.exchange.case_file import case_to_dict as case_file_dict
from supervision_app.exchange.case_file import is_case_file, read_case_file
from supervision_app.exchange.memory_file import memory_to_dict, session_memory
from supervision_app.exchange.reader import RecordFileError
from supervision_app.exchange.session_file import read_record_file, session_to_dict

if TYPE_CHECKING:
    from supervision_app.storage.interface import Storage

__all__ = [
    "ImportResult",
    "RecordFileError",
    "case_to_dict",
    "check_record_file",
    "export_case_json",
    "export_session_json",
    "import_case_file",
    "import_record_file",
    "import_session_file",
    "session_file_data",
    "session_file_dict",
    "write_json_file",
]

T = TypeVar("T")


# -- export ------------------------------------------------------------------


def session_file_dict(store: Storage, session_id: int) -> dict[str, Any]:
    """The record file of session ``session_id`` as plain data (raises NotFoundError)."""
    return session_file_data(store, store.sessions.get_session(session_id))


def session_file_data(store: Storage, detail: SessionDetail) -> dict[str, Any]:
    """The record file of the session ``detail`` (just read from ``store``) as plain data."""
    record = session_to_dict(detail)
    history = store.memory.case_history(detail.case.id)
    record["case_memory"] = memory_to_dict(session_memory(history, detail.id))
    return record


def case_to_dict(store: Storage, case_id: int) -> dict[str, Any]:
    """The whole-case file of case ``case_id`` as plain data (raises NotFoundError)."""
    history = store.memory.case_history(case_id)
    details = [store.sessions.get_session(s.session_id) for s in history.sessions]
    case = store.cases.get_case(case_id) if not details else details[0].case
    return case_file_dict(case, details, history)


def json_bytes(data: dict[str, Any]) -> bytes:
    """A record file's bytes: indented UTF-8 JSON with a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_json_file(path: Path, data: dict[str, Any]) -> None:
    """Write a record file complete or not at all (never truncated), or explain."""
    try:
        write_atomically(Path(path), json_bytes(data))
    except OSError as exc:
        raise RecordFileError(f"Cannot write {path}: {exc.strerror or exc}.") from None


def export_session_json(store: Storage, session_id: int, path: Path) -> None:
    """Write the session's record file to ``path``. A failed write leaves no partial file."""
    write_json_file(Path(path), session_file_dict(store, session_id))


def export_case_json(store: Storage, case_id: int, path: Path) -> None:
    """Write the whole case to ``path``. A failed write leaves no partial file behind."""
    write_json_file(Path(path), case_to_dict(store, case_id))


# -- import ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: a whole case (``session_id`` None) or one session."""

    case_id: int
    session_id: int | None = None
    #: A session file made a new case (False: it joined the case with its reference).
    case_created: bool = True

    @property
    def whole_case(self) -> bool:
        return self.session_id is None


def check_record_file(path: Path) -> bool:
    """Read and check the whole file without touching any database; True for a whole-case
    file. Raises :class:`RecordFileError` naming the file and the problem."""
    whole_case = is_case_file(path)
    if whole_case:
        read_case_file(path)
    else:
        read_record_file(path)
    return whole_case


def import_session_file(store: Storage, path: Path) -> tuple[int, int, bool]:
    """Import a record file, all or nothing. Returns ``(case_id, session_id, case_created)``."""
    detail, memory = read_record_file(path)
    return _write_or_refuse(path, lambda: store.sessions.import_session(detail, memory))


def import_case_file(store: Storage, path: Path) -> int:
    """Import a whole-case file as a new case, all or nothing; returns its id.

    Refused if a case with the same reference is already in the database (importing into it
    would duplicate what it remembers)."""
    case, sessions, memory = read_case_file(path)
    return _write_or_refuse(path, lambda: store.cases.import_case(case, sessions, memory))


def import_record_file(store: Storage, path: Path) -> ImportResult:
    """Import a session's record file or a whole-case file, whichever ``path`` holds."""
    if is_case_file(path):
        return ImportResult(import_case_file(store, path))
    case_id, session_id, created = import_session_file(store, path)
    return ImportResult(case_id, session_id, created)


def _write_or_refuse(path: Path, write: Callable[[], T]) -> T:
    """Run ``write`` (one transaction); a refusal names the file and leaves the database as
    it was."""
    from sqlalchemy.exc import SQLAlchemyError

    from supervision_app.storage import DatabaseOpenError

    try:
        return write()
    except ValidationError as exc:
        raise RecordFileError(f"{path} was not imported: {' '.join(exc.problems)}") from None
    except (SQLAlchemyError, DatabaseOpenError, OSError) as exc:
        reason = getattr(exc, "orig", None) or exc
        raise RecordFileError(
            f"{path} was not imported: the database could not store it ({type(reason).__name__}: "
            f"{str(reason)[:120]}). Nothing was changed."
        ) from None
