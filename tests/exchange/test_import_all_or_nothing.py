"""Imports are all or nothing, and every refusal names the file, the field and the problem.

The reproductions of issue 16 (a huge number in the case memory, a whole-case file whose third
session is already in the database, a lone surrogate, JSON nested 1,000 deep) and a small run of
the malformed-file fuzzer (the full run is in scripts/reliability.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supervision_app.exchange.reader import RecordFileError
from supervision_app.services.record_files import (
    export_case_json,
    export_session_json,
    import_case_file,
    import_session_file,
)
from supervision_app.storage import SupervisionStore
from tests.attack_fuzz import GENERIC, content_digest, fuzz_record_files
from tests.helpers import make_case, make_full_session, open_db

pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


@pytest.fixture
def demo_files(tmp_path: Path, content) -> tuple[Path, Path]:
    """The demo's session file and whole-case file (with case memory: escalations, stages)."""
    from supervision_app.services.demo import load_demo

    database = open_db(tmp_path / "source.sqlite3")
    store = SupervisionStore(database)
    loaded = load_demo(store, content)
    session_file, case_file = tmp_path / "session.json", tmp_path / "case.json"
    export_session_json(store, loaded.session_id, session_file)
    export_case_json(store, loaded.case_id, case_file)
    database.close()
    return session_file, case_file


def _edit(path: Path, change) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    out = path.with_name("edited-" + path.name)
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


def _refused(store, db_path: Path, path: Path, *words: str) -> str:
    before = content_digest(db_path)
    with pytest.raises(RecordFileError) as caught:
        (import_case_file if '"supervision-app.case"' in path.read_text("utf-8", "replace")
         else import_session_file)(store, path)  # fmt: skip
    message = str(caught.value)
    assert str(path) in message and not GENERIC.search(message), message
    for word in words:
        assert word in message, message
    assert content_digest(db_path) == before  # nothing written, not even an id counter
    return message


@pytest.mark.parametrize("field", ["timescale_days", "stage"])
def test_a_huge_number_in_the_case_memory_is_refused_and_the_corrected_file_imports(
    store, db_path: Path, demo_files, field: str
) -> None:
    session_file, case_file = demo_files
    escalation = json.loads(case_file.read_text(encoding="utf-8"))["case_memory"]["escalations"][0]
    escalation.pop("session")
    for stage in escalation["stages"]:
        stage.pop("session")
    session_file = _edit(session_file, lambda d: d["case_memory"]["escalations"].append(escalation))

    def huge(data):
        escalation = data["case_memory"]["escalations"][0]
        (escalation if field == "timescale_days" else escalation["stages"][0])[field] = 10**30

    bad = _edit(session_file, huge)
    message = _refused(store, db_path, bad, "case_memory.escalations[0]", field)
    assert "far too large" in message
    assert store.cases.list_cases() == []
    case_id, session_id, created = import_session_file(store, session_file)  # the corrected file
    assert created and store.sessions.get_session(session_id).answers
    assert store.memory.case_history(case_id).escalations


def test_a_whole_case_file_whose_third_session_exists_leaves_nothing_behind(
    store, db_path: Path, demo_files
) -> None:
    _session_file, case_file = demo_files
    data = json.loads(case_file.read_text(encoding="utf-8"))
    sessions = data["sessions"]
    while len(sessions) < 3:  # three sessions, the third already in this database
        extra = json.loads(json.dumps(sessions[0]))
        extra["uid"] = f"{len(sessions):032x}"
        sessions.append(extra)
    other = make_case(store, "OTHER-1")
    existing = store.sessions.get_session(make_full_session(store, other))
    sessions[2]["uid"] = existing.uid
    bad = case_file.with_name("third-exists.json")
    bad.write_text(json.dumps(data), encoding="utf-8")
    trail_before = store.audit.audit_trail(existing.id)
    _refused(store, db_path, bad, "already in the database")
    assert [c.reference for c in store.cases.list_cases()] == ["OTHER-1"]
    assert store.audit.audit_trail(existing.id) == trail_before  # no "created" rows of undone sessions


def test_invalid_unicode_is_refused_with_the_field_named(store, db_path: Path, demo_files) -> None:
    session_file, _ = demo_files
    text = session_file.read_text(encoding="utf-8")
    data = json.loads(text)
    first = data["session"]["answers"][0]["text"]
    bad = session_file.with_name("surrogate.json")
    bad.write_text(text.replace(json.dumps(first, ensure_ascii=False)[:-1], '"\\udcff', 1), "utf-8")
    message = _refused(store, db_path, bad, "session.answers[0].text", "invalid Unicode")
    assert "\\udcff" in message
    assert store.cases.list_cases() == []


def test_json_nested_a_thousand_levels_is_refused(store, db_path: Path, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 1000 + "]" * 1000, encoding="utf-8")
    _refused(store, db_path, deep, "nested")
    deeper = tmp_path / "deeper.json"
    deeper.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    _refused(store, db_path, deeper, "nested")


def test_dates_and_text_lengths_have_bounds(store, db_path: Path, demo_files) -> None:
    session_file, _ = demo_files
    far = _edit(session_file, lambda d: d["session"].update(date="99999-01-01"))
    _refused(store, db_path, far, "session.date", "not a date")
    old = _edit(session_file, lambda d: d["session"].update(date="0001-01-01"))
    _refused(store, db_path, old, "session.date", "outside the years")
    long_ref = _edit(session_file, lambda d: d["case"].update(reference="R" * 5000))
    _refused(store, db_path, long_ref, "case.reference", "too long")


def test_a_megabyte_answer_with_markup_and_emoji_still_imports_exactly(
    store, db_path: Path, demo_files
) -> None:
    session_file, _ = demo_files
    words = ('<b>"Mum"</b> & 👶🏽 مرحبا ' * 40_000)[:1_000_000]
    good = _edit(session_file, lambda d: d["session"]["answers"][0].update(text=words))
    _case_id, session_id, _ = import_session_file(store, good)
    detail = store.sessions.get_session(session_id)
    assert words in [a.text for a in detail.answers.values()]


def test_the_malformed_file_fuzzer_small(tmp_path: Path) -> None:
    report = fuzz_record_files(45, tmp_path / "fuzz")
    assert report.attempts == 45 and report.refused >= 35
    assert len(report.kinds) >= 14  # every kind of damage was tried
    assert report.generic == [] and report.unnamed == []
    assert report.changed_after_refusal == []
