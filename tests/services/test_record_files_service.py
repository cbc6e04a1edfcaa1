"""Record files out of and into the store: whichever kind of file it is, all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from supervision_app.services.record_files import (
    RecordFileError,
    check_record_file,
    export_case_json,
    export_session_json,
    import_record_file,
)
from supervision_app.storage import SupervisionStore
from tests.helpers import make_case, make_full_session, open_db

pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


@pytest.fixture
def other(tmp_path: Path):
    database = open_db(tmp_path / "other.sqlite3")
    yield SupervisionStore(database)
    database.close()


def test_a_session_file_and_a_whole_case_file_each_import_as_what_they_are(
    store: SupervisionStore, other: SupervisionStore, tmp_path: Path
) -> None:
    case_id = make_case(store)
    session_id = make_full_session(store, case_id)
    session_file, case_file = tmp_path / "session.json", tmp_path / "case.json"
    export_session_json(store, session_id, session_file)
    export_case_json(store, case_id, case_file)
    assert check_record_file(session_file) is False and check_record_file(case_file) is True

    session = import_record_file(other, session_file)
    assert not session.whole_case and session.case_created
    assert other.sessions.get_session(session.session_id or 0).case.reference == "C-100"

    later = store.sessions.create_session(case_id, date(2026, 12, 7), ["Alex", "Jo"], "1.0.0")
    export_session_json(store, later, session_file)
    again = import_record_file(other, session_file)  # a later session joins its case
    assert again.case_id == session.case_id and not again.case_created

    third = open_db(tmp_path / "third.sqlite3")
    try:
        fresh = SupervisionStore(third)
        whole = import_record_file(fresh, case_file)
        assert whole.whole_case and whole.session_id is None
        assert [c.reference for c in fresh.cases.list_cases()] == ["C-100"]
    finally:
        third.close()


def test_a_damaged_file_is_refused_naming_it_before_any_database_is_touched(
    tmp_path: Path,
) -> None:
    path = tmp_path / "record.json"
    path.write_text('{"format": "supervision-app.session", "format_version": ', encoding="utf-8")
    with pytest.raises(RecordFileError) as refused:
        check_record_file(path)
    assert str(refused.value).startswith(f"{path} is not a record file: invalid JSON")


def test_a_refused_import_names_the_file_and_changes_nothing(
    store: SupervisionStore, tmp_path: Path
) -> None:
    case_id = make_case(store)
    case_file = tmp_path / "case.json"
    export_case_json(store, case_id, case_file)
    before = [(c.id, c.reference) for c in store.cases.list_cases()]
    with pytest.raises(RecordFileError) as refused:  # that case is already in this database
        import_record_file(store, case_file)
    assert str(refused.value).startswith(f"{case_file} was not imported: ")
    assert [(c.id, c.reference) for c in store.cases.list_cases()] == before
