"""The agency server's commands: server-init and server-upgrade through the real command line,
with one-line refusals; and --db with a server URL refused clearly by the other commands."""

from __future__ import annotations

import uuid

import pytest

from supervision_app.cli import main
from tests.agency_server import PG_URL, needs_server


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


@pytest.mark.parametrize("command", [["list"], ["verify"], ["gui"], []])
def test_the_other_commands_refuse_a_server_url_and_create_nothing(command, tmp_path, capsys,
                                                                    monkeypatch) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    assert main([*command, "--db", "postgresql://sam@db.example/supervision"]) == 1
    assert "cannot open an agency server yet" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
