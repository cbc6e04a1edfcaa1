"""An autosave is one UPDATE: the session's last edit and its "edited" audit entry follow from
a trigger in the database, with the same rules as before (a run of edits by the same user
within 30 minutes is one entry; another user, or a pause, starts a new one)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from supervision_app.domain import AuditEvent
from supervision_app.storage import SupervisionStore
from tests.helpers import make_case, open_db, raw_connection

STORED = "%Y-%m-%d %H:%M:%S.%f"  # how a DateTime is stored


def _edit(path: Path, answer_id: int, text: str, at: datetime) -> None:
    """An answer changed by nothing but an UPDATE of its row (no app code runs)."""
    conn = raw_connection(path)
    try:
        conn.execute(
            "UPDATE answers SET text = ?, updated_at = ? WHERE id = ?",
            (text, at.strftime(STORED), answer_id),
        )
        conn.commit()
    finally:
        conn.close()


def _edits(store: SupervisionStore, session_id: int) -> list[tuple[str, str, str]]:
    return [
        (e.user, e.at.strftime("%H:%M"), e.last_at.strftime("%H:%M"))
        for e in store.audit.audit_trail(session_id)
        if e.event is AuditEvent.EDITED
    ]


def test_an_update_of_an_answer_is_audited_by_the_database(db_path: Path) -> None:
    database = open_db(db_path)
    store = SupervisionStore(database)
    store.settings.set_current_user("Jo Supervisor", "Team manager")
    session_id = store.sessions.create_session(make_case(store), date(2026, 3, 2), ["Jo", "Sam"], "1")
    store.sessions.save_answer(session_id, "a.b", "a", "Q", "First words")  # the first save inserts
    conn = raw_connection(db_path)
    [(answer_id,)] = conn.execute("SELECT id FROM answers").fetchall()
    conn.close()
    [first] = _edits(store, session_id)
    assert first[0] == "Jo Supervisor (Team manager)"
    database.close()

    day = datetime.now().replace(hour=10, minute=0, second=0, microsecond=0)
    if day < datetime.now():  # keep after the first save, whatever the time of day
        day = day.replace(year=day.year + 1)
    _edit(db_path, answer_id, "Second words", day)
    _edit(db_path, answer_id, "Third words", day.replace(minute=20))  # same run: extended
    database = open_db(db_path)
    store = SupervisionStore(database)
    assert _edits(store, session_id)[1:] == [("Jo Supervisor (Team manager)", "10:00", "10:20")]
    assert store.sessions.get_session(session_id).updated_at == day.replace(minute=20)
    store.settings.set_current_user("Sam Practitioner", "Social worker")
    database.close()

    _edit(db_path, answer_id, "Sam's words", day.replace(minute=25))  # another user
    _edit(db_path, answer_id, "After a pause", day.replace(hour=11))  # 35 minutes later
    database = open_db(db_path)
    store = SupervisionStore(database)
    try:
        assert _edits(store, session_id)[1:] == [
            ("Jo Supervisor (Team manager)", "10:00", "10:20"),
            ("Sam Practitioner (Social worker)", "10:25", "10:25"),
            ("Sam Practitioner (Social worker)", "11:00", "11:00"),
        ]
        # the app's own autosave goes the same way: this edit extends the last entry
        store.sessions.save_answer(session_id, "a.b", "a", "Q", "Saved by the app")
        assert len(_edits(store, session_id)) in (4, 5)  # extended, or new after 30 minutes
        trail = store.audit.audit_trail(session_id)
        assert all("words" not in e.detail for e in trail)  # never any note text
    finally:
        database.close()
