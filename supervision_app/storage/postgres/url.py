"""Telling an agency server's URL from a database file's path, as plain text.

The command line reads ``--db`` on every start, so this check must import nothing: the rest of
this package (and SQLAlchemy with it) loads only when ``--db`` names a server.
"""

from __future__ import annotations

#: The URL schemes of an agency server (``postgres://`` is libpq's short form).
AGENCY_URL_SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def is_agency_url(value: str) -> bool:
    return value.startswith(AGENCY_URL_SCHEMES)
