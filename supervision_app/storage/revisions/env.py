"""Alembic's environment: run on the connection the app hands over (never from a URL in a file),
inside the caller's transaction; batch mode on SQLite, whose ALTER TABLE is limited."""

from __future__ import annotations

from alembic import context

from supervision_app.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic revision` from the command line: nothing to connect to
    context.configure(url="sqlite://", target_metadata=Base.metadata)
else:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,
    )
    context.run_migrations()
