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


@pytest.fixture
def store(db_path: Path):
    from supervision_app.storage import SupervisionStore
    from tests.helpers import open_db

    database = open_db(db_path)
    yield SupervisionStore(database)
    database.close()
