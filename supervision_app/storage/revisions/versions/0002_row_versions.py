"""Row versions on answers and structured tools (optimistic concurrency for autosave).

Revision ID: 0002_row_versions
Revises: 0001_baseline
Create Date: 2026-12-07

Every answer and every structured tool's answer gets ``version`` (1 for what is stored now),
raised by one on every save, so that a save based on an older version is caught instead of
overwriting someone else's text (storage/answer_writes.py).  An agency server set up before
this revision already has the column (server-init added it with its trigger): left as it is.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_row_versions"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

TABLES = ("answers", "structured_answers")


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    for table in TABLES:
        if "version" in {column["name"] for column in inspector.get_columns(table)}:
            continue
        op.add_column(
            table, sa.Column("version", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
