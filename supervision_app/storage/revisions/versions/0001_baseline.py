"""The baseline: the schema when Alembic came in (the laptop's schema version 9).

Revision ID: 0001_baseline
Revises:
Create Date: 2026-12-07

Nothing to run: a new database gets this schema from the ORM models, an older laptop file from
the pre-Alembic steps in storage/sqlite/migrations.py.
"""

from __future__ import annotations

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
