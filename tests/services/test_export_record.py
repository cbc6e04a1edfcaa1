"""export_record, as a user of the window or the command line sees it: the file written (or
nothing at all), the audit trail's entry, and a refusal that names the file and the problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supervision_app.domain import AuditEvent
from supervision_app.services.export import (
    ExportError,
    ExportKind,
    ProtectionRefused,
    export_record,
    prepare_export,
)
from supervision_app.storage import NotFoundError, SupervisionStore
from tests.helpers import make_case, make_full_session

pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


@pytest.fixture
def session_id(store: SupervisionStore) -> int:
    return make_full_session(store, make_case(store))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The folder the exports go to (the database is in ``tmp_path``)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def exported(store: SupervisionStore, session_id: int) -> list[str]:
    return [e.detail for e in store.audit.audit_trail(session_id) if e.event is AuditEvent.EXPORTED]


def test_each_kind_writes_its_file_and_one_audit_entry(
    store: SupervisionStore, content, session_id: int, out: Path
) -> None:
    files = {
        ExportKind.PDF: out / "record.pdf",
        ExportKind.EXTRACT: out / "extract.pdf",
        ExportKind.HTML: out / "record.html",
        ExportKind.JSON: out / "record.json",
    }
    for kind, path in files.items():
        export_record(store, content, session_id, kind, path)
    assert files[ExportKind.PDF].read_bytes().startswith(b"%PDF")
    assert files[ExportKind.EXTRACT].read_bytes().startswith(b"%PDF")
    assert "C-100" in files[ExportKind.HTML].read_text(encoding="utf-8")
    record = json.loads(files[ExportKind.JSON].read_text(encoding="utf-8"))
    assert record["format"] == "supervision-app.session" and record["case"]["reference"] == "C-100"
    assert exported(store, session_id) == ["PDF", "extract PDF", "HTML", "JSON record file"]
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == sorted(
        p.name for p in files.values()
    )  # nothing else (no partial files) beside them


def test_a_protected_pdf_is_aes_256_and_the_trail_says_so(
    store: SupervisionStore, content, session_id: int, out: Path
) -> None:
    import pypdf

    path = out / "protected.pdf"
    export_record(store, content, session_id, ExportKind.PDF, path, password="long enough pw")
    reader = pypdf.PdfReader(str(path))
    assert reader.is_encrypted
    assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256
    assert exported(store, session_id) == ["PDF, AES-256"]


def test_a_short_password_is_refused_and_nothing_is_written_or_noted(
    store: SupervisionStore, content, session_id: int, out: Path
) -> None:
    path = out / "protected.pdf"
    with pytest.raises(ProtectionRefused, match="at least"):
        export_record(store, content, session_id, ExportKind.PDF, path, password="short")
    assert list(out.iterdir()) == []
    assert exported(store, session_id) == []


@pytest.mark.parametrize("kind", list(ExportKind))
def test_an_unwritable_place_is_refused_naming_the_file_and_nothing_is_left(
    store: SupervisionStore, content, session_id: int, out: Path, kind: ExportKind
) -> None:
    path = out / "no such folder" / "record.out"
    with pytest.raises(ExportError) as refused:
        export_record(store, content, session_id, kind, path)
    message = str(refused.value)
    assert message.startswith(f"Cannot write {path}: ") and "No such file" in message
    assert list(out.iterdir()) == []
    assert exported(store, session_id) == []


def test_an_existing_file_is_replaced_whole_or_kept_as_it_was(
    store: SupervisionStore, content, session_id: int, out: Path, monkeypatch
) -> None:
    path = out / "record.pdf"
    path.write_bytes(b"the record filed last week")

    def stop(*_args: object) -> None:
        raise KeyboardInterrupt  # the user stopped it while the PDF was laid out

    with pytest.raises(KeyboardInterrupt):
        export_record(store, content, session_id, ExportKind.PDF, path, progress=stop)
    assert path.read_bytes() == b"the record filed last week"
    assert [p.name for p in out.iterdir()] == ["record.pdf"]
    assert exported(store, session_id) == []


def test_a_missing_session_is_refused_before_anything_is_written(
    store: SupervisionStore, content, out: Path
) -> None:
    with pytest.raises(NotFoundError):
        export_record(store, content, 999, ExportKind.PDF, out / "r.pdf")
    assert list(out.iterdir()) == []


def test_only_a_pdf_can_be_protected(
    store: SupervisionStore, content, session_id: int, out: Path
) -> None:
    with pytest.raises(ValueError, match="only a PDF"):
        export_record(
            store, content, session_id, ExportKind.HTML, out / "r.html", password="x" * 20
        )
    assert list(out.iterdir()) == []


def test_the_record_is_read_once_and_written_without_the_database(
    store: SupervisionStore, content, session_id: int, out: Path, monkeypatch
) -> None:
    """The window writes on a worker thread: once prepared, the export reads nothing more."""
    reads: list[int] = []
    original = store.sessions.get_session

    def counting(sid: int):
        reads.append(sid)
        return original(sid)

    monkeypatch.setattr(store.sessions, "get_session", counting)
    prepared = prepare_export(store, content, session_id, ExportKind.PDF)
    assert reads == [session_id]
    store.database.close()  # no database from here on
    prepared.write(out / "record.pdf")
    assert (out / "record.pdf").read_bytes().startswith(b"%PDF")
