"""Connecting to the agency server: TLS verify-full by default off a local socket, no password
in the URL or in what the app keeps, clear messages when the server cannot be used."""

from __future__ import annotations

import pytest

from supervision_app.storage.postgres.connect import (
    AgencyConnectError,
    connect,
    parse_agency_url,
)
from supervision_app.storage.postgres.url import is_agency_url
from tests.agency_server import PG_URL, needs_server


def test_a_network_host_gets_verify_full_unless_the_url_says_otherwise() -> None:
    target = parse_agency_url("postgresql://sam@db.agency.example/supervision", environ={})
    assert target.url.query["sslmode"] == "verify-full" and not target.weak_tls
    assert target.url.drivername == "postgresql+psycopg"
    weaker = parse_agency_url("postgres://sam@db.agency.example/s?sslmode=require", environ={})
    assert weaker.url.query["sslmode"] == "require" and weaker.weak_tls
    from_env = parse_agency_url("postgresql://sam@db/s", environ={"PGSSLMODE": "prefer"})
    assert "sslmode" not in from_env.url.query and from_env.weak_tls


def test_a_local_socket_needs_no_tls() -> None:
    for url, env in (
        ("postgresql://sam@/supervision?host=/run/postgresql", {}),
        ("postgresql://sam@/supervision", {}),
        ("postgresql://sam@/supervision", {"PGHOST": "/tmp"}),
    ):
        target = parse_agency_url(url, environ=env)
        assert "sslmode" not in target.url.query and not target.weak_tls, url
    over_network = parse_agency_url("postgresql://sam@/supervision", environ={"PGHOST": "db"})
    assert over_network.url.query["sslmode"] == "verify-full"


def test_a_password_in_the_url_is_refused_and_never_shown() -> None:
    with pytest.raises(AgencyConnectError, match="Leave the password out of the URL"):
        parse_agency_url("postgresql://sam:hunter2@db/supervision", environ={})
    target = parse_agency_url("postgresql://sam@db/supervision", environ={})
    assert target.shown == "postgresql+psycopg://sam@db/supervision?sslmode=verify-full"


def test_only_postgresql_urls_are_agency_urls() -> None:
    assert is_agency_url("postgresql://sam@db/s") and is_agency_url("postgres://sam@db/s")
    assert not is_agency_url("/home/sam/supervision.sqlite3")
    with pytest.raises(AgencyConnectError, match="postgresql://"):
        parse_agency_url("mysql://sam@db/s", environ={})


@needs_server
def test_connecting_to_a_missing_database_says_so() -> None:
    from sqlalchemy.engine import make_url

    url = make_url(PG_URL).set(database="no_such_database_here")
    target = parse_agency_url(url.render_as_string(hide_password=False))
    with pytest.raises(AgencyConnectError, match="no_such_database_here"):
        connect(target)
    engine = connect(parse_agency_url(PG_URL))
    engine.dispose()
