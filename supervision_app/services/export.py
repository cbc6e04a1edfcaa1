"""Export one session's record: as PDF, the extract for the child's file, HTML or JSON.

One use case for the window and the command line: the record is loaded once, rendered,
protected with AES-256 when a password is given, written complete or not at all, and the
export is noted in the session's audit trail.

The window renders on a worker thread, so the steps are also offered apart:
:func:`prepare_export` reads the store (on the caller's thread), :meth:`PreparedExport.write`
touches only plain data (safe on a worker), and :func:`note_export` writes the audit entry.
:func:`export_record` runs all three.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supervision_app.atomic import write_atomically
from supervision_app.domain import AuditEvent
from supervision_app.services.record_files import json_bytes, session_file_data
from supervision_app.services.records import read_record

if TYPE_CHECKING:
    from supervision_app.content import Content
    from supervision_app.record.model import SessionRecord
    from supervision_app.storage.interface import Storage

#: Called now and then while a PDF is laid out (with what it is doing), and once more with
#: no arguments just before the file is written; it may raise to stop the export.
Progress = Callable[..., None]


class ExportKind(enum.Enum):
    """What to export; the value is what the audit trail says was exported."""

    PDF = "PDF"
    EXTRACT = "extract PDF"
    HTML = "HTML"
    JSON = "JSON record file"

    @property
    def is_pdf(self) -> bool:
        return self in (ExportKind.PDF, ExportKind.EXTRACT)


def audit_detail(kind: ExportKind, protected: bool = False) -> str:
    """The audit trail's words for an export (what was written, never note text)."""
    return kind.value + (", AES-256" if protected else "")


class ExportError(Exception):
    """The file could not be written; nothing was (the target is as it was before)."""

    def __init__(self, kind: ExportKind, path: Path, reason: str) -> None:
        self.kind, self.path, self.reason = kind, path, reason
        # A record file's message ends with a full stop, as the import's refusals do.
        stop = "." if kind is ExportKind.JSON else ""
        super().__init__(f"Cannot write {path}: {reason}{stop}")


class ProtectionRefused(Exception):
    """The protection asked for is refused (a password too short): nothing was written."""


@dataclass(frozen=True, slots=True)
class PreparedExport:
    """A session's record, loaded and ready to be written (plain data: no database)."""

    session_id: int
    kind: ExportKind
    #: The record to render (PDF, extract, HTML); None for a record file.
    record: SessionRecord | None
    #: The record file's data (JSON); None otherwise.
    file_data: dict[str, Any] | None
    #: The case's reference and the session's date as the store holds them now (a signed
    #: record prints the reference it was signed under), for naming the file.
    case_reference: str
    session_date: date

    def render(self, progress: Progress | None = None) -> bytes:
        """The file's bytes, without protection."""
        if self.file_data is not None:
            return json_bytes(self.file_data)
        assert self.record is not None
        if self.kind is ExportKind.HTML:
            from supervision_app.record.html import render_html

            return render_html(self.record).encode("utf-8")
        if self.kind is ExportKind.EXTRACT:
            from supervision_app.record.pdf.documents import render_extract

            return render_extract(self.record)
        from supervision_app.record.pdf import render_pdf  # ReportLab: a second to import

        return render_pdf(self.record, progress=progress)

    def write(self, path: Path, *, password: str = "", progress: Progress | None = None) -> None:
        """Render, protect (AES-256, if ``password``) and write ``path`` complete or not at all.

        ``progress`` is called while rendering and once more just before anything is
        written (the last moment it can stop the export). Raises :class:`ExportError` if the
        file cannot be written, and :class:`ProtectionRefused` if the password is refused;
        either way nothing is written."""
        if password and not self.kind.is_pdf:
            raise ValueError(f"only a PDF can be password protected, not {self.kind.value}")
        data = self.render(progress)
        if progress is not None:
            progress()
        if password:
            from supervision_app.record.pdf.documents import WeakProtectionError, protect_pdf

            try:
                data = protect_pdf(data, password)
            except WeakProtectionError as exc:
                raise ProtectionRefused(str(exc)) from None
        path = Path(path)
        try:
            write_atomically(path, data)
        except OSError as exc:
            raise ExportError(self.kind, path, exc.strerror or str(exc)) from exc


def prepare_export(
    store: Storage,
    content: Content,
    session_id: int,
    kind: ExportKind,
    *,
    include_audit: bool = False,
) -> PreparedExport:
    """Read what the export needs from the store, once. Raises the store's NotFoundError
    if the session does not exist (any more)."""
    if kind is ExportKind.JSON:
        detail = store.sessions.get_session(session_id)
        data = session_file_data(store, detail)
        return PreparedExport(session_id, kind, None, data, detail.case.reference, detail.date)
    detail, record = read_record(store, session_id, content, include_audit=include_audit)
    return PreparedExport(session_id, kind, record, None, detail.case.reference, detail.date)


def note_export(store: Storage, prepared: PreparedExport, protected: bool) -> None:
    """Note the export in the session's audit trail (a session deleted meanwhile has no
    trail left to note it in)."""
    from supervision_app.storage import NotFoundError

    with contextlib.suppress(NotFoundError):
        store.audit.record_event(
            prepared.session_id, AuditEvent.EXPORTED, audit_detail(prepared.kind, protected)
        )


def export_record(
    store: Storage,
    content: Content,
    session_id: int,
    kind: ExportKind,
    path: Path,
    *,
    include_audit: bool = False,
    password: str = "",
    progress: Progress | None = None,
) -> PreparedExport:
    """Export session ``session_id`` to ``path`` and note it in the audit trail.

    Raises NotFoundError (no such session), :class:`ExportError` (the file cannot be
    written) or :class:`ProtectionRefused` (the password is refused); nothing is written
    or noted then."""
    prepared = prepare_export(store, content, session_id, kind, include_audit=include_audit)
    prepared.write(path, password=password, progress=progress)
    note_export(store, prepared, protected=bool(password))
    return prepared
