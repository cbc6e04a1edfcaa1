"""Small builders shared by the storage, exchange and CLI tests."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from functools import cache
from pathlib import Path

from supervision_app.domain import ActionStatus, CaseInput, Child
from supervision_app.storage import Database, KeyRing, SupervisionStore, open_database
from supervision_app.storage.keys import new_key_ring

#: The passphrase of every test database (tests derive its key once per run, see shared_key_ring).
TEST_PASSPHRASE = "correct horse battery staple 42"
TEST_RECOVERY_KEY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"


@cache
def _own_ring() -> KeyRing:
    return new_key_ring(TEST_PASSPHRASE, TEST_RECOVERY_KEY)


def _shared_ring() -> KeyRing:
    if __name__ != "tests.helpers":  # imported as plain "helpers": share the one key
        from tests.helpers import _shared_ring as canonical

        return canonical()
    return _own_ring()


def shared_key_ring() -> KeyRing:
    """The key ring shared by the test databases: PBKDF2 runs once per test run, not per open."""
    shared = _shared_ring()
    return KeyRing(shared.data_key, shared.entry)


def open_db(path: Path) -> Database:
    """Open (or create) an encrypted test database at ``path`` with the shared test key."""
    return open_database(path, shared_key_ring())


HOSTILE = 'Mum said <b>"fine"</b> & left; <font name="Courier">x</font> 👶🏽 Zażółć مرحبا עברית\nsecond line'


def make_case(store: SupervisionStore, reference: str = "C-100") -> int:
    return store.cases.create_case(
        CaseInput(
            reference=reference,
            practitioner="Alex Practitioner",
            supervisor="Jo Supervisor",
            agencies=["Children's Social Care", "Health Visiting"],
            children=[
                Child("K", date(2019, 3, 14)),
                Child("Baby", date(2027, 2, 1), unborn=True),
                Child("T", None, age="about 12"),
            ],
        )
    )


def make_full_session(store: SupervisionStore, case_id: int) -> int:
    session_id = store.sessions.create_session(case_id, date(2026, 11, 2), ["Alex", "Jo"], "1.0.0")
    store.sessions.save_answer(
        session_id, "professional_curiosity.x", "professional_curiosity", "Q one?", HOSTILE
    )
    store.sessions.save_answer(
        session_id, "escalation.y", "escalation", "Q two?", "Escalated to the team manager."
    )
    store.sessions.add_decision(
        session_id, "Convene a strategy discussion", "Bruising on a non-mobile baby."
    )
    store.sessions.add_action(session_id, "Visit unannounced", "Alex", date(2026, 11, 9))
    action = store.sessions.add_action(session_id, "Speak to K alone", "Alex", date(2026, 11, 16))
    store.sessions.update_action(
        action.id, "Speak to K alone at school", "Alex", date(2026, 11, 16), ActionStatus.DONE
    )
    return session_id


def raw_connection(path: Path):
    """A DB-API connection to an encrypted test database, bypassing the app (for tampering)."""
    from supervision_app.storage.sqlite import cipher

    return cipher.connect(str(path), shared_key_ring().data_key)


CLI_PASSPHRASE = "a long test passphrase for the CLI"


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """``supervision-app ARGS`` as a user runs it: a real process, the passphrase from the
    environment (``None`` in ``env`` removes a variable)."""
    environment = {**os.environ, "SUPERVISION_APP_PASSPHRASE": CLI_PASSPHRASE}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "supervision_app", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={k: v for k, v in environment.items() if v is not None},
    )


def created_in(folder: Path) -> list[str]:
    """The names in ``folder``. The tests' data folder (``appdata``, from conftest) is left out
    when it holds nothing but the parsed-content cache, which loading the content may write."""
    data = folder / "appdata"
    if data.is_dir():
        assert [p.name for p in data.iterdir()] == ["cache"]
    return sorted(p.name for p in folder.iterdir() if p != data)
