"""Record file format version 2: the case memory of a session round-trips; version 1 imports."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from supervision_app.domain.memory import (
    EventKind,
    HypothesisStatus,
    ReferralOutcome,
    ReviewOutcome,
)
from supervision_app.exchange import (
    RecordFileError,
    export_session_json,
    import_session_file,
)
from supervision_app.exchange_memory import memory_to_dict, session_memory
from supervision_app.storage import SupervisionStore, open_database
from tests.helpers import HOSTILE, make_case

JAN, FEB = date(2026, 1, 6), date(2026, 2, 3)


def _rich_session(store: SupervisionStore) -> tuple[int, int]:
    case_id = make_case(store)
    sid = store.create_session(case_id, JAN, ["A"], "1")
    later = store.create_session(case_id, FEB, ["A"], "1")
    store.memory.set_rating(sid, 4, 2)
    action = store.add_action(sid, "See K alone", "Alex", date(2026, 1, 20))
    store.memory.review_action(action.id, ReviewOutcome.CARRIED_FORWARD, HOSTILE, later)
    store.memory.add_event(case_id, JAN, EventKind.REFERRAL, "MASH referral", HOSTILE,
                           ReferralOutcome.REFUSED, sid)  # fmt: skip
    h = store.memory.add_hypothesis(case_id, f"Hypothesis {HOSTILE}", JAN, sid)
    store.memory.update_hypothesis(h, HypothesisStatus.TESTING, "visit", FEB, later)
    esc = store.memory.raise_escalation(case_id, "Refusal", "TM", JAN, 7, sid, "first")
    store.memory.step_up_escalation(esc, "Head of Service", FEB, "no reply", later)
    store.memory.close_escalation(esc, "Upheld", FEB)
    return case_id, sid


def test_version_2_round_trips_the_sessions_case_memory(store, tmp_path: Path) -> None:
    case_id, sid = _rich_session(store)
    path = tmp_path / "record.json"
    export_session_json(store, sid, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format_version"] == 2
    before = memory_to_dict(session_memory(store.memory.case_history(case_id), sid))
    assert data["case_memory"] == before

    other = SupervisionStore(open_database(tmp_path / "other.sqlite3"))
    new_case, new_sid, created = import_session_file(other, path)
    assert created
    after = memory_to_dict(session_memory(other.memory.case_history(new_case), new_sid))
    assert after == before
    assert other.memory.get_rating(new_sid) == (4, 2)
    assert other.memory.search("refusal")  # imported items are searchable


def test_version_1_files_still_import(store, tmp_path: Path) -> None:
    _case_id, sid = _rich_session(store)
    path = tmp_path / "record.json"
    export_session_json(store, sid, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format_version"] = 1
    del data["case_memory"]
    path.write_text(json.dumps(data), encoding="utf-8")
    other = SupervisionStore(open_database(tmp_path / "other.sqlite3"))
    case_id, new_sid, _ = import_session_file(other, path)
    assert other.get_session(new_sid).actions[0].description == "See K alone"
    assert other.memory.case_history(case_id).hypotheses == []


def test_a_bad_case_memory_is_refused_and_nothing_is_written(store, tmp_path: Path) -> None:
    _case_id, sid = _rich_session(store)
    path = tmp_path / "record.json"
    export_session_json(store, sid, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["case_memory"]["ratings"]["child_safety"] = 11
    path.write_text(json.dumps(data), encoding="utf-8")
    other = SupervisionStore(open_database(tmp_path / "other.sqlite3"))
    with pytest.raises(RecordFileError, match="child_safety"):
        import_session_file(other, path)
    assert other.list_cases() == []
