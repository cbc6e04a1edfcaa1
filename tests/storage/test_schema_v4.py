"""Schema version 4 (structured hypotheses): a version-2 database file holding data migrates."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from supervision_app.domain.memory import HypothesisStatus
from supervision_app.storage import SupervisionStore
from supervision_app.storage.identity import SCHEMA_VERSION
from supervision_app.storage.sqlite import search_index
from supervision_app.storage.sqlite.migrations import MIGRATIONS
from supervision_app.storage.sqlite.schema import backup_path_for
from tests.helpers import make_case, open_db, raw_connection

JAN, FEB = date(2026, 1, 6), date(2026, 2, 3)
NEW_COLUMNS = {
    "hypotheses": ("basis", "test_plan", "evaluation"),
    "hypothesis_notes": ("result",),
    "escalation_steps": ("stage_name", "days"),
}


def _columns(conn, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})").fetchall()}


def _v2_index_statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The search index as version 2 built it: hypotheses and reviews indexed by their text."""
    old = tuple(
        dataclasses.replace(s, body="{row}.text", locator="'note'" if s.code == 7 else s.locator)
        if s.table in ("hypotheses", "hypothesis_notes")
        else s
        for s in search_index.SOURCES
        if s.table != "escalation_steps"  # stages were not indexed in version 2
    )
    monkeypatch.setattr(search_index, "SOURCES", old)
    statements = search_index._statements()
    monkeypatch.undo()
    return statements


def _make_version_2_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    database = open_db(path)
    store = SupervisionStore(database)
    case_id = make_case(store)
    s1 = store.sessions.create_session(case_id, JAN, ["A"], "1")
    store.sessions.save_answer(s1, "a.b", "a", "Q", "Mum said the marmalade cat scratched her")
    hyp = store.memory.add_hypothesis(case_id, "The bruises come from rough play", JAN, s1)
    store.memory.update_hypothesis(hyp, HypothesisStatus.TESTING, "Asked the nursery", FEB)
    store.memory.raise_escalation(case_id, "Refused referral", "MASH manager", JAN, 7, s1)
    database.close()
    conn = raw_connection(path)
    with conn:  # take the file back to what version 2 wrote
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger'"
        ).fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE search_index")
        for table, columns in NEW_COLUMNS.items():
            for column in columns:
                conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        for statement in _v2_index_statements(monkeypatch):
            conn.execute(statement)
        conn.execute("UPDATE app_meta SET value='2' WHERE key='schema_version'")
    conn.close()
    return {"case": case_id, "session": s1, "hypothesis": hyp}


def test_a_version_2_database_with_data_migrates_to_structured_hypotheses(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert SCHEMA_VERSION >= 4  # later steps run after this one
    ids = _make_version_2_file(db_path, monkeypatch)
    conn = raw_connection(db_path)
    assert "basis" not in _columns(conn, "hypotheses")  # really a version-2 file
    conn.close()

    database = open_db(db_path)
    try:
        store = SupervisionStore(database)
        [hyp] = store.memory.case_history(ids["case"]).hypotheses
        assert (hyp.text, hyp.status, hyp.raised_on) == (
            "The bruises come from rough play",
            HypothesisStatus.TESTING,
            JAN,
        )
        assert (hyp.basis, hyp.test_plan, hyp.evaluation) == ("", "", "")
        assert [(n.text, n.result) for n in hyp.notes] == [("Asked the nursery", "")]
        [esc] = store.memory.case_history(ids["case"]).escalations
        assert [(st.stage, st.with_whom, st.name, st.days) for st in esc.steps] == [
            (1, "MASH manager", "", None)  # a version-2 stage: measured by the escalation's 7
        ]
        assert esc.days_allowed == 7
        # stages written before version 4 are searchable now
        assert [(h.kind, h.locator) for h in store.memory.search("MASH manager")] == [
            ("escalation", "step")
        ]
        # the rebuilt index holds the old rows and follows the new fields
        assert [h.item_id for h in store.memory.search("rough play")] == [hyp.id]
        assert [h.session_id for h in store.memory.search("marmalade")] == [ids["session"]]
        store.memory.edit_hypothesis(
            hyp.id, hyp.text, "Nursery saw a bruise on the shin", "Ask the health visitor", ""
        )
        store.memory.update_hypothesis(
            hyp.id, HypothesisStatus.DISCARDED, "Spoke to the HV", FEB, result="Pattern of grips"
        )
        assert [h.item_id for h in store.memory.search("shin")] == [hyp.id]
        [note_hit] = store.memory.search("grips")
        assert (note_hit.kind, note_hit.locator, note_hit.item_id) == ("hypothesis", "note", hyp.id)
    finally:
        database.close()
    conn = raw_connection(db_path)
    try:
        assert conn.execute("SELECT value FROM app_meta WHERE key='schema_version'").fetchone() == (
            str(SCHEMA_VERSION),
        )
    finally:
        conn.close()
    assert backup_path_for(
        db_path, SCHEMA_VERSION
    ).exists()  # the file was backed up before the step


def test_the_step_from_3_to_4_is_idempotent(db_path: Path) -> None:
    open_db(db_path).close()  # a new file is already at version 4
    conn = raw_connection(db_path)
    try:
        cursor = conn.cursor()
        MIGRATIONS[3](cursor)
        MIGRATIONS[3](cursor)  # columns already there: nothing breaks
        conn.commit()
        for table, columns in NEW_COLUMNS.items():
            assert set(columns) <= _columns(conn, table)
    finally:
        conn.close()
    database = open_db(db_path)  # the dropped index comes back on opening
    try:
        store = SupervisionStore(database)
        case_id = make_case(store)
        store.memory.add_hypothesis(case_id, "Hidden adult", JAN, basis="a man's boots in the hall")
        assert len(store.memory.search("boots")) == 1
    finally:
        database.close()
