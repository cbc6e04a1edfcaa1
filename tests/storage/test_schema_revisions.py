"""Alembic for both backends: the baseline, stamping, refusing a newer schema, and a new
revision running on SQLite (batch mode) and on the agency server alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from supervision_app.storage import revisions
from supervision_app.storage.models import Base
from tests.agency_server import agency_server, needs_server

NEXT = """
revision = "0002_test"
down_revision = "{head}"
branch_labels = None
depends_on = None

import sqlalchemy as sa
from alembic import op


def upgrade():
    with op.batch_alter_table("children") as batch:
        batch.add_column(sa.Column("pronouns", sa.Text(), nullable=False, server_default=""))


def downgrade():
    pass
"""


@pytest.fixture
def next_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the revisions with one more, as a later version of the app would have."""
    folder = tmp_path / "revisions"
    shutil.copytree(revisions.HERE, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "0002_test.py").write_text(
        NEXT.replace("{head}", revisions.HEAD), encoding="utf-8"
    )
    monkeypatch.setattr(revisions, "HERE", folder)
    monkeypatch.setattr(revisions, "REVISIONS", (*revisions.REVISIONS, "0002_test"))
    monkeypatch.setattr(revisions, "HEAD", "0002_test")
    return folder


def _sqlite(tmp_path: Path):
    engine = create_engine(f"sqlite:///{tmp_path / 'plain.sqlite3'}")
    Base.metadata.create_all(engine)
    return engine


def test_the_list_of_revisions_is_the_script_directory_in_order() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(revisions.HERE))
    script = ScriptDirectory.from_config(config)
    walked = [s.revision for s in script.walk_revisions()]
    assert tuple(reversed(walked)) == revisions.REVISIONS
    assert script.get_current_head() == revisions.HEAD


def test_a_new_database_is_stamped_with_the_head_and_has_nothing_pending(tmp_path) -> None:
    engine = _sqlite(tmp_path)
    with engine.begin() as conn:
        assert revisions.stored_revision(conn) is None
        # an unstamped file counts as the baseline
        assert revisions.pending(conn) == list(revisions.REVISIONS[1:])
        revisions.stamp(conn)
    with engine.connect() as conn:
        assert revisions.stored_revision(conn) == revisions.HEAD
        assert revisions.pending(conn) == []


def test_a_schema_from_a_newer_version_is_refused(tmp_path) -> None:
    engine = _sqlite(tmp_path)
    with engine.begin() as conn:
        revisions.stamp(conn)
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0999_future'")
    with engine.connect() as conn, pytest.raises(revisions.NewerSchemaError, match="newer"):
        revisions.pending(conn)


def test_a_new_revision_runs_on_a_laptop_file_from_before_alembic(tmp_path, next_revision) -> None:
    engine = _sqlite(tmp_path)  # as the pre-Alembic steps leave it: schema 9, not stamped
    with engine.connect() as conn:
        assert revisions.pending(conn) == [*revisions.REVISIONS[1:-1], "0002_test"]
    with engine.begin() as conn:
        revisions.upgrade(conn)
    with engine.connect() as conn:
        assert revisions.stored_revision(conn) == "0002_test" and revisions.pending(conn) == []
        assert "pronouns" in {c["name"] for c in inspect(conn).get_columns("children")}


@needs_server
def test_server_init_stamps_the_head_and_a_new_revision_runs_on_the_server(request) -> None:
    from sqlalchemy import text

    from supervision_app.storage.postgres.server_init import upgrade_server

    with agency_server() as server:
        with server.admin.connect() as conn:
            assert revisions.stored_revision(conn) == revisions.HEAD
        request.getfixturevalue("next_revision")  # a later version of the app
        assert upgrade_server(server.admin) == ["0002_test"]
        assert upgrade_server(server.admin) == []
        with server.engine("rita").connect() as conn:
            assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "0002_test"
            assert conn.scalar(text("SELECT count(pronouns) FROM children")) == 0
