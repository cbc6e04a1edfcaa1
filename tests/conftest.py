"""Shared test set-up: Qt runs offscreen, and every test gets its own data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app's data and config folders at a temporary folder for every test."""
    data = tmp_path / "appdata"
    monkeypatch.setenv("SUPERVISION_APP_DATA_DIR", str(data))
    monkeypatch.delenv("SUPERVISION_APP_PASSPHRASE", raising=False)
    monkeypatch.delenv("SUPERVISION_APP_PASSPHRASE_FILE", raising=False)
    return data


@pytest.fixture(scope="session")
def content():
    from supervision_app.content import load_content

    return load_content()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "supervision.sqlite3"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_backends: run the test's store on SQLite and on the agency server"
    )
    config.addinivalue_line(
        "markers", "sqlite_only(reason): a both_backends module's test that is about the file"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked ``both_backends`` get ``store`` on the laptop's SQLite file and on the
    agency server's PostgreSQL (tests/agency_server.py; skipped without a server)."""
    marked = metafunc.definition.get_closest_marker
    if "store" in metafunc.fixturenames and marked("both_backends") and not marked("sqlite_only"):
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def store(db_path: Path, backend: str):
    from supervision_app.storage import SupervisionStore
    from tests.helpers import open_db

    if backend == "postgresql":
        from tests.agency_server import server_store

        with server_store() as on_server:
            yield on_server
        return
    database = open_db(db_path)
    yield SupervisionStore(database)
    database.close()
