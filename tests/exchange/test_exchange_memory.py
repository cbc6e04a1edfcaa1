"""Record file format version 3: the case memory of a session, structured hypotheses included,
round-trips; versions 1 and 2 still import."""

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
from supervision_app.exchange.memory_file import memory_to_dict, session_memory
from supervision_app.exchange.reader import RecordFileError
from supervision_app.services.record_files import export_session_json, import_session_file
from supervision_app.storage import SupervisionStore
from tests.helpers import HOSTILE, make_case, open_db

JAN, FEB = date(2026, 1, 6), date(2026, 2, 3)


pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


def _rich_session(store: SupervisionStore) -> tuple[int, int]:
    case_id = make_case(store)
    sid = store.sessions.create_session(case_id, JAN, ["A"], "1")
    later = store.sessions.create_session(case_id, FEB, ["A"], "1")
    store.memory.set_rating(sid, 4, 2)
    action = store.sessions.add_action(sid, "See K alone", "Alex", date(2026, 1, 20))
    store.memory.review_action(action.id, ReviewOutcome.CARRIED_FORWARD, HOSTILE, later)
    store.memory.add_event(case_id, JAN, EventKind.REFERRAL, "MASH referral", HOSTILE,
                           ReferralOutcome.REFUSED, sid)  # fmt: skip
    h = store.memory.add_hypothesis(
        case_id,
        f"Hypothesis {HOSTILE}",
        JAN,
        sid,
        basis=f"Based on {HOSTILE}",
        test_plan="Ask the school",
    )
    store.memory.update_hypothesis(
        h,
        HypothesisStatus.TESTING,
        "visit",
        FEB,
        later,
        result=f"Found {HOSTILE}",
        evaluation="Holds so far",
    )
    store.memory.add_hypothesis(case_id, "Second, plain", JAN, sid)  # fmt: skip
    esc = store.memory.raise_escalation(
        case_id, "Refusal", "TM", JAN, 7, sid, "first", "Practitioner to practitioner"
    )
    store.memory.step_up_escalation(esc, "Head of Service", FEB, "no reply", later,
                                    "Managers or safeguarding leads", 5)  # fmt: skip
    store.memory.close_escalation(esc, "Upheld", FEB)
    return case_id, sid


def test_version_3_round_trips_the_sessions_case_memory(store, tmp_path: Path) -> None:
    case_id, sid = _rich_session(store)
    path = tmp_path / "record.json"
    export_session_json(store, sid, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format_version"] == 4
    before = memory_to_dict(session_memory(store.memory.case_history(case_id), sid))
    assert data["case_memory"] == before
    hyp = data["case_memory"]["hypotheses"][0]
    assert (hyp["basis"], hyp["test_plan"], hyp["evaluation"]) == (
        f"Based on {HOSTILE}", "Ask the school", "Holds so far")  # fmt: skip
    assert hyp["notes"][0]["result"] == f"Found {HOSTILE}"
    stages = data["case_memory"]["escalations"][0]["stages"]
    assert [(st["stage"], st["name"], st["days"]) for st in stages] == [
        (1, "Practitioner to practitioner", 7), (2, "Managers or safeguarding leads", 5)]  # fmt: skip

    other = SupervisionStore(open_db(tmp_path / "other.sqlite3"))
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
    other = SupervisionStore(open_db(tmp_path / "other.sqlite3"))
    case_id, new_sid, _ = import_session_file(other, path)
    assert other.sessions.get_session(new_sid).actions[0].description == "See K alone"
    assert other.memory.case_history(case_id).hypotheses == []


def test_version_2_files_still_import_with_plain_hypotheses(store, tmp_path: Path) -> None:
    _case_id, sid = _rich_session(store)
    path = tmp_path / "record.json"
    export_session_json(store, sid, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format_version"] = 2  # as version 2 wrote it: no structured fields
    for hyp in data["case_memory"]["hypotheses"]:
        for key in ("basis", "test_plan", "evaluation"):
            del hyp[key]
        for note in hyp["notes"]:
            del note["result"]
    for stage in data["case_memory"]["escalations"][0]["stages"]:
        del stage["name"], stage["days"]
    path.write_text(json.dumps(data), encoding="utf-8")
    other = SupervisionStore(open_db(tmp_path / "other.sqlite3"))
    case_id, _sid, _ = import_session_file(other, path)
    first, second = other.memory.case_history(case_id).hypotheses
    assert (first.text, first.status, first.basis, first.test_plan) == (
        f"Hypothesis {HOSTILE}", HypothesisStatus.TESTING, "", "")  # fmt: skip
    assert [(n.text, n.result) for n in first.notes] == [("visit", "")]
    assert second.text == "Second, plain"
    [esc] = other.memory.case_history(case_id).escalations
    assert [(st.stage, st.name, st.days) for st in esc.steps] == [(1, "", None), (2, "", None)]
    assert esc.days_allowed == 7  # measured against the escalation's own timescale


def test_a_version_3_file_without_the_structured_fields_is_refused(store, tmp_path: Path) -> None:
    _case_id, sid = _rich_session(store)
    path = tmp_path / "record.json"
    export_session_json(store, sid, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["case_memory"]["hypotheses"][0]["test_plan"]
    path.write_text(json.dumps(data), encoding="utf-8")
    other = SupervisionStore(open_db(tmp_path / "other.sqlite3"))
    with pytest.raises(RecordFileError, match=r"hypotheses\[0\]\.test_plan"):
        import_session_file(other, path)
    assert other.cases.list_cases() == []


def test_a_bad_case_memory_is_refused_and_nothing_is_written(store, tmp_path: Path) -> None:
    _case_id, sid = _rich_session(store)
    path = tmp_path / "record.json"
    export_session_json(store, sid, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["case_memory"]["ratings"]["child_safety"] = 11
    path.write_text(json.dumps(data), encoding="utf-8")
    other = SupervisionStore(open_db(tmp_path / "other.sqlite3"))
    with pytest.raises(RecordFileError, match="child_safety"):
        import_session_file(other, path)
    assert other.cases.list_cases() == []
