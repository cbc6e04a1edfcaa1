"""The agency server's commands: server-init and server-upgrade through the real command line,
with one-line refusals; and --db with a server URL refused clearly by the other commands."""

from __future__ import annotations

import uuid

import pytest

from supervision_app.cli import main
from tests.agency_server import PG_URL, needs_server
from tests.helpers import created_in


@pytest.fixture
def empty_database():
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"cli_{uuid.uuid4().hex[:8]}"
    cluster = create_engine(make_url(PG_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with cluster.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with cluster.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
        cluster.dispose()


@needs_server
def test_server_init_sets_up_an_empty_database_once(empty_database, capsys) -> None:
    assert main(["server-init", "--db", empty_database]) == 0
    out = capsys.readouterr().out
    assert "The agency server is set up" in out and "GRANT one of" in out
    assert main(["server-upgrade", "--db", empty_database]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["server-init", "--db", empty_database]) == 1
    err = capsys.readouterr().err
    assert err.startswith("supervision-app: error: This database is not empty")
    assert len(err.strip().splitlines()) == 1


@needs_server
def test_server_upgrade_refuses_a_database_server_init_did_not_set_up(empty_database, capsys):
    assert main(["server-upgrade", "--db", empty_database]) == 1
    assert "not set up with server-init" in capsys.readouterr().err


def test_a_password_in_the_url_is_refused_before_connecting(capsys) -> None:
    assert main(["server-init", "--db", "postgresql://admin:secret@db.example/s"]) == 1
    err = capsys.readouterr().err
    assert "Leave the password out of the URL" in err and "secret" not in err


@pytest.mark.parametrize("command", [["backup", "x.bak"], ["rotate-key"]])
def test_commands_about_the_file_refuse_a_server_and_create_nothing(
    command, tmp_path, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([*command, "--db", "postgresql://sam@db.example/supervision"]) == 1
    assert "not on an agency server" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["gui"], []])
def test_the_window_on_an_unreachable_server_says_so_and_creates_nothing(
    command, tmp_path, monkeypatch
) -> None:
    import supervision_app.ui.app as app

    said: list[str] = []
    monkeypatch.setattr(app, "show_startup_error", lambda message: said.append(message) or 2)
    monkeypatch.chdir(tmp_path)
    assert main([*command, "--db", "postgresql://sam@/supervision?host=/tmp/aw-no-socket"]) == 2
    assert "Could not connect to the agency server" in said[0]
    assert created_in(tmp_path) == []  # the parsed-content cache aside


@needs_server
def test_list_and_verify_run_on_the_server_as_the_login(capsys) -> None:
    from datetime import date

    from supervision_app.domain import CaseInput, Child, Party, SignOffInput
    from supervision_app.storage import SupervisionStore
    from supervision_app.storage.postgres.backend import open_server
    from tests.agency_server import agency_server

    with agency_server() as server:
        alice_url = server.url("alice").render_as_string(hide_password=False)
        database = open_server(alice_url)
        try:
            store = SupervisionStore(database)
            case_id = store.cases.create_case(
                CaseInput("CLI-1", "Alice", "Sue", children=[Child(name="Ruby", age="3")])
            )
            sid = store.sessions.create_session(case_id, date(2026, 12, 7), ["Alice"], "1")
            store.signing.sign_session(
                sid, SignOffInput(Party.PRACTITIONER, server.role("alice"), "SW")
            )
        finally:
            database.close()
        assert main(["list", "--db", alice_url]) == 0
        assert "CLI-1" in capsys.readouterr().out
        assert main(["verify", "--db", alice_url]) == 0
        assert "CLI-1" in capsys.readouterr().out
        assert main(["list", "--db", server.url("bob").render_as_string(hide_password=False)]) == 0
        assert "CLI-1" not in capsys.readouterr().out  # not bob's case
