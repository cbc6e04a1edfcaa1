"""The agenda, Today and the summary in the session record file and the whole-case file
(format version 4): they round trip, older files still import, a bad field is refused by name."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from supervision_app.domain.focus import AgendaItem, AgendaOrigin, ChildScaling, SinceLastItem
from supervision_app.exchange.reader import RecordFileError
from supervision_app.exchange.session_file import session_to_dict
from supervision_app.services.record_files import (
    export_case_json,
    export_session_json,
    import_case_file,
    import_session_file,
)
from supervision_app.storage import SupervisionStore
from tests.helpers import HOSTILE, make_case, make_full_session, open_db

AGENDA = [
    AgendaItem("professional_curiosity.see_hear_smell_sense", 4),
    AgendaItem(
        "escalation.refused_referral", 6, AgendaOrigin.THEME, "Pattern: refused", "escalation"
    ),
]


pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


def _focused(store: SupervisionStore) -> int:
    session_id = make_full_session(store, make_case(store))
    store.focus.save_agenda(session_id, AGENDA)
    store.focus.save_opening(
        session_id,
        replace(
            store.focus.get_opening(session_id),
            check_in=HOSTILE,
            question="Should I escalate the step-down?",
            since_last=(SinceLastItem("event:4", "event", "New: a referral", "a.b", "discuss"),),
        ),
    )
    store.focus.save_closing(
        session_id,
        replace(
            store.focus.get_closing(session_id),
            worries="W",
            working_well="G",
            needs_to_happen="N",
            scaling=(ChildScaling("K", 4, "up"), ChildScaling("Baby", None), ChildScaling("T", 6)),
            next_review=date(2026, 12, 14),
        ),
    )
    return session_id


def test_the_focus_round_trips_in_the_record_file(store: SupervisionStore, tmp_path: Path) -> None:
    session_id = _focused(store)
    file = tmp_path / "record.json"
    export_session_json(store, session_id, file)
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["session"]["agenda"][1]["theme"] == "escalation"
    assert data["session"]["closing"]["next_review"] == "2026-12-14"
    other = SupervisionStore(open_db(tmp_path / "other.sqlite3"))
    try:
        _case, new_id, _created = import_session_file(other, file)
        original, copy = store.sessions.get_session(session_id), other.sessions.get_session(new_id)
        assert copy.agenda == original.agenda == AGENDA
        assert copy.opening == original.opening and copy.closing == original.closing
    finally:
        other.database.close()


def test_a_version_3_file_imports_without_an_agenda(
    store: SupervisionStore, tmp_path: Path
) -> None:
    data = session_to_dict(store.sessions.get_session(make_full_session(store, make_case(store))))
    data["format_version"] = 3
    for key in ("agenda", "opening", "closing"):
        data["session"].pop(key)
    data["session"]["uid"] = "b" * 32
    file = tmp_path / "v3.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    _case, new_id, _created = import_session_file(store, file)
    detail = store.sessions.get_session(new_id)
    assert detail.agenda == [] and detail.opening is None and detail.closing is None
    assert detail.answers


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda s: s["agenda"][1].update(minutes="ten"),
            r"session\.agenda\[1\]\.minutes must be a whole number from 1 to 90",
        ),
        (
            lambda s: s["agenda"].append(dict(s["agenda"][0])),
            r"session\.agenda\[2\]\.prompt_id 'professional_curiosity.see_hear_smell_sense' is "
            "on the agenda twice",
        ),
        (lambda s: s["agenda"][0].update(origin="magic"), r"session\.agenda\[0\]\.origin"),
        (
            lambda s: s["opening"].update(question=7),
            r"session\.opening\.question must be text",
        ),
        (
            lambda s: s["opening"]["since_last"][0].update(choice="maybe"),
            r"session\.opening\.since_last\[0\]\.choice",
        ),
        (
            lambda s: s["closing"]["scaling"][0].update(score=11),
            r"session\.closing\.scaling\[0\]\.score must be a whole number from 0 to 10",
        ),
        (
            lambda s: s["closing"].update(next_review="next week"),
            r"session\.closing\.next_review 'next week' is not a date",
        ),
        (
            lambda s: s["closing"].update(mood="fine"),
            r"session\.closing has unknown field\(s\) mood",
        ),
        (lambda s: s.update(agenda={"a": 1}), r"session\.agenda must be a list"),
    ],
)
def test_a_bad_focus_field_is_refused_by_name_and_nothing_is_written(
    store: SupervisionStore, tmp_path: Path, mutate, message: str
) -> None:
    data = session_to_dict(store.sessions.get_session(_focused(store)))
    data["session"]["uid"] = "c" * 32
    mutate(data["session"])
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    before = [(c.reference, c.session_count) for c in store.cases.list_cases()]
    with pytest.raises(RecordFileError, match=message):
        import_session_file(store, file)
    assert [(c.reference, c.session_count) for c in store.cases.list_cases()] == before


def test_the_whole_case_file_carries_each_sessions_focus(store, tmp_path: Path) -> None:
    session_id = _focused(store)
    case_id = store.sessions.session_case_id(session_id)
    store.sessions.create_session(case_id, date(2026, 12, 14), ["Alex"], "1")  # no focus
    path = tmp_path / "case.json"
    export_case_json(store, case_id, path)
    other = SupervisionStore(open_db(tmp_path / "other.sqlite3"))
    try:
        new_case = import_case_file(other, path)
        sessions = sorted(other.sessions.list_sessions(new_case), key=lambda s: s.date)
        first, second = (other.sessions.get_session(s.id) for s in sessions)
        assert first.agenda == AGENDA and first.closing.scaling[2].score == 6
        assert second.agenda == [] and second.opening is None
        # a version 3 whole-case file (no focus) still imports
        data = json.loads(path.read_text(encoding="utf-8"))
        data["format_version"] = 3
        data["case"]["reference"] = "C-OLD"
        for n, s in enumerate(data["sessions"]):
            s["uid"] = f"{n}" * 32
            for key in ("agenda", "opening", "closing"):
                s.pop(key)
        old = tmp_path / "v3-case.json"
        old.write_text(json.dumps(data), encoding="utf-8")
        old_case = import_case_file(other, old)
        assert all(other.sessions.get_session(s.id).agenda == [] for s in other.sessions.list_sessions(old_case))
    finally:
        other.database.close()
