"""The whole-case record file: a case with six months of sessions and everything its memory
holds round-trips exactly into another database; bad files are refused with nothing written."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from supervision_app.domain.memory import EventKind, HypothesisStatus, ReviewOutcome
from supervision_app.exchange.reader import RecordFileError
from supervision_app.services.demo import load_demo
from supervision_app.services.record_files import case_to_dict, export_case_json, import_case_file
from supervision_app.storage import SupervisionStore
from tests.helpers import HOSTILE, make_case, open_db

NEXT = date(2026, 11, 10)


pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


def _without_time(data: dict) -> dict:
    data = dict(data)
    data.pop("exported_at")
    return data


def _demo_case(store: SupervisionStore, content) -> int:
    """The six-month demo case, plus what a next session and the case overview add."""
    case_id = load_demo(store, content).history_case_id
    sid = store.sessions.create_session(case_id, NEXT, ["Chloe", "Martin"], "1")
    history = store.memory.case_history(case_id)
    store.memory.set_rating(sid, 2, None)
    [police] = [a for a in history.open_actions() if "police" in a.action.description]
    store.memory.review_action(police.action.id, ReviewOutcome.DONE, "", sid)
    hyp = history.current_hypotheses()[0]
    store.memory.update_hypothesis(hyp.id, HypothesisStatus.SUPPORTED, "Weighed at nursery", NEXT,
                                   sid, result=HOSTILE, evaluation="Holds")  # fmt: skip
    [esc] = history.open_escalations()
    store.memory.step_up_escalation(esc.id, "Partnership", NEXT, "", sid, "Safeguarding partnership", 5, 4)  # fmt: skip
    store.memory.close_escalation(esc.id, "Referral accepted on review", NEXT)
    store.memory.add_event(
        case_id, date(2026, 11, 1), EventKind.SIGNIFICANT_EVENT, "Grandmother moved in", HOSTILE
    )  # fmt: skip  (outside any session)
    store.memory.add_hypothesis(case_id, "Recorded on the overview", NEXT, None, "basis", "plan")
    store.sessions.add_decision(sid, "Seek legal advice", "Cumulative neglect")
    return case_id


def test_a_whole_case_round_trips_exactly(store, content, tmp_path: Path) -> None:
    case_id = _demo_case(store, content)
    path = tmp_path / "case.json"
    export_case_json(store, case_id, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "supervision-app.case" and data["format_version"] == 4
    assert len(data["sessions"]) == 7
    overview_items = [e for e in data["case_memory"]["chronology"] if e["session"] is None]
    assert [e["title"] for e in overview_items] == ["Grandmother moved in"]

    other = SupervisionStore(open_db(tmp_path / "other.sqlite3"))
    new_case = import_case_file(other, path)
    # exported again from the other database, the file is the same
    assert _without_time(case_to_dict(other, new_case)) == _without_time(data)
    before, after = store.memory.case_history(case_id), other.memory.case_history(new_case)
    assert [(h.text, h.status, h.basis, h.test_plan, h.evaluation) for h in after.hypotheses] == [
        (h.text, h.status, h.basis, h.test_plan, h.evaluation) for h in before.hypotheses
    ]
    assert len(after.ratings) == len(before.ratings) == 7
    # the links to sessions are kept: the review made in the November session points at it
    uid_of = {s.session_id: other.sessions.get_session(s.session_id).uid for s in after.sessions}
    [supported] = [h for h in after.hypotheses if h.evaluation == "Holds"]
    assert uid_of[supported.notes[-1].session_id] == data["sessions"][-1]["uid"]
    assert other.memory.search("grandmother")[0].session_id is None


def test_a_case_with_no_sessions_round_trips(store, tmp_path: Path, monkeypatch) -> None:
    case_id = make_case(store)
    store.memory.add_event(case_id, date(2026, 1, 2), EventKind.CONCERN, "School worried")
    path = tmp_path / "case.json"
    export_case_json(store, case_id, path)
    other = SupervisionStore(open_db(tmp_path / "other.sqlite3"))
    # imported a day later: the case keeps the time it was created, not the time of import
    later = datetime.now().replace(microsecond=0) + timedelta(days=1)
    monkeypatch.setattr("supervision_app.storage.cases.now_seconds", lambda: later)
    new_case = import_case_file(other, path)
    assert _without_time(case_to_dict(other, new_case)) == _without_time(
        json.loads(path.read_text(encoding="utf-8"))
    )


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda d: d["case_memory"]["chronology"][0].update(session="f" * 32), "not one of the file's sessions"),
        (lambda d: d["case_memory"]["hypotheses"][0].pop("test_plan"), r"hypotheses\[0\]\.test_plan"),
        (lambda d: d["sessions"].append(d["sessions"][0]), "appears twice"),
        (lambda d: d["sessions"][1]["actions"][0].update(status="maybe"), r"sessions\[1\]"),
        (lambda d: d.update(format_version=99), "newer than this app"),
        (lambda d: d["case_memory"]["action_history"][0].update(action=99), "does not name an action"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_and_nothing_is_written(
    store, content, tmp_path: Path, spoil, message
) -> None:
    case_id = _demo_case(store, content)
    data = case_to_dict(store, case_id)
    spoil(data)
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    other = SupervisionStore(open_db(tmp_path / "other.sqlite3"))
    with pytest.raises(RecordFileError, match=message):
        import_case_file(other, path)
    assert other.cases.list_cases() == []


def test_a_case_already_in_the_database_is_not_imported_twice(store, tmp_path: Path) -> None:
    case_id = make_case(store)
    path = tmp_path / "case.json"
    export_case_json(store, case_id, path)
    with pytest.raises(RecordFileError, match="already in this database"):
        import_case_file(store, path)
    assert len(store.cases.list_cases()) == 1


def test_the_window_exports_a_case_file_and_imports_it_into_another_database(
    qtbot, store, content, db_path: Path, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtCore import Qt

    from tests.ui.test_gui import open_window

    case_id = _demo_case(store, content)
    window = open_window(qtbot, store, content, db_path)
    window.reload_cases(select_case=case_id)
    target = tmp_path / "exported.json"
    monkeypatch.setattr(
        "supervision_app.ui.window.exports.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(target), ""),
    )
    qtbot.mouseClick(window.case_overview.export_button, Qt.MouseButton.LeftButton)
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "supervision-app.case"

    store.cases.delete_case(case_id)  # as if on another laptop: the case is not there yet
    window.reload_cases()
    assert window.imports.import_json_from(target)  # the same Import JSON… takes a whole case
    [imported] = [c for c in store.cases.list_cases() if c.reference == "DEMO-0002"]
    assert window.detail_stack.currentWidget() is window.case_overview
    assert len(store.sessions.list_sessions(imported.id)) == 7
    assert store.memory.search("grandmother")
