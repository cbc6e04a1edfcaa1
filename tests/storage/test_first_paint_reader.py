"""The first screen's plain-SQL reads return what the store's own return, on the same file,
and the store behind them (SQLAlchemy, the ORM) is built only when something else is asked."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from supervision_app.domain import CaseInput, Child
from supervision_app.services.demo import load_demo
from supervision_app.storage import SupervisionStore
from supervision_app.storage.sqlite.first_paint import FirstPaintReader, FirstPaintStore

ROOT = Path(__file__).resolve().parents[2]


def _filled(store: SupervisionStore, content) -> None:
    load_demo(store, content)
    case = store.cases.create_case(
        CaseInput("C-NO-SESSION", "Alex P", "Jo S", children=[Child("Zed", date(2021, 3, 1))])
    )
    assert case
    busy = store.cases.create_case(
        CaseInput("C-BUSY", "Alex P", "Jo S", children=[Child("Amy", date(2019, 1, 1))])
    )
    for day in range(1, 8):
        sid = store.sessions.create_session(busy, date(2026, 5, day), ["A", "B"], content.version)
        if day % 2:
            store.sessions.save_answer(sid, "p1", "s1", "Prompt", "Some words")
            store.sessions.save_answer(sid, "p2", "s1", "Prompt", "   ")  # blank: not answered
    store.settings.set_current_user("Robin Example", "Supervisor")


def test_the_reader_returns_what_the_store_returns(store: SupervisionStore, content) -> None:
    _filled(store, content)
    reader = FirstPaintReader(store.database.path, store.database.backend.key_ring.data_key)
    try:
        for limit, offset in ((None, 0), (2, 0), (2, 1), (101, 0), (1, 50)):
            assert reader.list_cases(limit, offset) == store.cases.list_cases(limit, offset)
        for case in store.cases.list_cases():
            for limit, offset in ((None, 0), (3, 0), (3, 2), (51, 0)):
                assert reader.list_sessions(case.id, limit, offset) == store.sessions.list_sessions(
                    case.id, limit, offset
                )
        assert reader.current_user() == store.settings.current_user()
    finally:
        reader.close()


def test_the_first_paint_store_loads_the_real_store_for_anything_else(
    store: SupervisionStore, content
) -> None:
    _filled(store, content)
    first = FirstPaintStore(store.database, store.database.backend.key_ring.data_key)
    assert first.cases.list_cases(limit=101) == store.cases.list_cases(limit=101)
    assert not first.loaded  # the first screen's reads need no store
    case = store.cases.list_cases()[0].id
    assert first.cases.get_case(case) == store.cases.get_case(case)  # anything else: the store
    assert first.loaded
    assert first.sessions.list_sessions(case, limit=5) == store.sessions.list_sessions(
        case, limit=5
    )


def test_opening_the_file_and_the_first_screen_import_no_sqlalchemy(
    store: SupervisionStore, content
) -> None:
    """In a fresh interpreter: the file opened with its key (its schema current, so its
    engine is made when first used) and the first screen's reads; then the store works."""
    _filled(store, content)
    database = store.database
    path, ring = database.path, database.backend.key_ring
    key = ring.data_key.hex()
    database.close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from supervision_app.storage import KeyRing, open_database\n"
        "from supervision_app.storage.sqlite.first_paint import first_paint_store\n"
        f"ring = KeyRing(bytes.fromhex({key!r}), None)\n"
        f"database = open_database(Path({str(path)!r}), ring)\n"
        "store = first_paint_store(database)\n"
        "cases = store.cases.list_cases(limit=101)\n"
        "store.sessions.list_sessions(cases[0].id, limit=51)\n"
        "store.settings.current_user()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))\n"
        "print(store.cases.get_case(cases[0].id).reference == cases[0].reference)\n"
        "database.close()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["[]", "True"]
