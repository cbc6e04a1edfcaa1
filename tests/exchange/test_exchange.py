"""The JSON record file: export then import reproduces the session; bad files are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supervision_app.exchange.reader import RecordFileError
from supervision_app.exchange.session_file import session_to_dict
from supervision_app.services.record_files import export_session_json, import_session_file
from supervision_app.storage import SupervisionStore
from tests.helpers import make_case, make_full_session, open_db

pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


def comparable(store: SupervisionStore, session_id: int) -> dict:
    data = session_to_dict(store.sessions.get_session(session_id))
    data.pop("exported_at")
    return data


def test_export_then_import_reproduces_the_session_exactly(
    store: SupervisionStore, tmp_path: Path
) -> None:
    session_id = make_full_session(store, make_case(store))
    file = tmp_path / "record.json"
    export_session_json(store, session_id, file)

    other = SupervisionStore(open_db(tmp_path / "other.sqlite3"))
    _case_id, new_id, created = import_session_file(other, file)
    assert created
    assert comparable(other, new_id) == comparable(store, session_id)
    other.database.close()


def test_the_file_is_readable_json_with_a_format_version(
    store: SupervisionStore, tmp_path: Path
) -> None:
    session_id = make_full_session(store, make_case(store))
    file = tmp_path / "record.json"
    export_session_json(store, session_id, file)
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["format"] == "supervision-app.session"
    assert data["format_version"] == 4
    assert "👶🏽" in file.read_text(encoding="utf-8")  # not \u-escaped


def test_importing_into_a_database_with_the_same_case_attaches_the_session(
    store: SupervisionStore, tmp_path: Path
) -> None:
    case_id = make_case(store)
    session_id = make_full_session(store, case_id)
    file = tmp_path / "record.json"
    export_session_json(store, session_id, file)
    with pytest.raises(RecordFileError, match="already in the database"):
        import_session_file(store, file)
    data = json.loads(file.read_text(encoding="utf-8"))
    data["session"]["uid"] = "f" * 32
    file.write_text(json.dumps(data), encoding="utf-8")
    got_case, _new, created = import_session_file(store, file)
    assert (got_case, created) == (case_id, False)
    assert store.cases.list_cases()[0].session_count == 2


def _valid(store: SupervisionStore) -> dict:
    data = session_to_dict(store.sessions.get_session(make_full_session(store, make_case(store))))
    data["session"]["uid"] = "a" * 32
    return data


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="something-else"), "not a supervision record file"),
        (lambda d: d.update(format_version=99), "newer than this app"),
        (lambda d: d.pop("case"), "case must be a JSON object"),
        (
            lambda d: d["session"].update(date="02/11/2026"),
            "session.date '02/11/2026' is not a date",
        ),
        (
            lambda d: d["session"]["answers"][0].update(text=5),
            r"session.answers\[0\].text must be text",
        ),
        (
            lambda d: d["session"]["actions"][0].update(status="maybe"),
            "status 'maybe' is not one of",
        ),
        (
            lambda d: d["session"]["decisions"][0].update(rationale=""),
            "rationale must not be empty",
        ),
        (lambda d: d["session"].update(uid="../../etc"), "32 lower-case hexadecimal"),
        (lambda d: d["case"].update(children=[]), "at least one child"),
    ],
)
def test_invalid_files_are_refused_and_the_database_is_unchanged(
    store: SupervisionStore, tmp_path: Path, mutate, message: str
) -> None:
    data = _valid(store)
    mutate(data)
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    before = [(c.reference, c.session_count) for c in store.cases.list_cases()]
    with pytest.raises(RecordFileError, match=message):
        import_session_file(store, file)
    assert [(c.reference, c.session_count) for c in store.cases.list_cases()] == before


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"{not json", "invalid JSON at line 1"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "must be a JSON object"),
        (b"", "invalid JSON"),
    ],
)
def test_files_that_are_not_records_are_refused(
    store: SupervisionStore, tmp_path: Path, payload, message
) -> None:
    file = tmp_path / "x.json"
    file.write_bytes(payload)
    with pytest.raises(RecordFileError, match=message):
        import_session_file(store, file)
    assert store.cases.list_cases() == []


def test_missing_file_and_unwritable_target(store: SupervisionStore, tmp_path: Path) -> None:
    with pytest.raises(RecordFileError, match="does not exist"):
        import_session_file(store, tmp_path / "nope.json")
    session_id = make_full_session(store, make_case(store))
    with pytest.raises(RecordFileError, match="Cannot write"):
        export_session_json(store, session_id, tmp_path / "no-such-folder" / "r.json")
