"""The full-text search index (SQLite FTS5), kept in step by triggers.

Every searchable row (:data:`~supervision_app.storage.search_sources.SOURCES`) has one index
row whose rowid is ``id * 8 + code``, so that triggers update and delete it by rowid (no table
scan) and the index stays correct after edits, deletions and cascaded deletions alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supervision_app.storage.backend import SearchRow
from supervision_app.storage.search_sources import INDEX_TABLE, SOURCES, Source

if TYPE_CHECKING:  # SQLAlchemy loads when a database opens, not before the unlock dialog
    from sqlalchemy import Connection, Engine

def _insert(source: Source, row: str) -> str:
    def f(expr: str) -> str:
        return expr.format(row=row)

    return (
        f"INSERT INTO {INDEX_TABLE}(rowid, body, kind, case_id, session_id, locator, item_id) "
        f"SELECT {row}.id * 8 + {source.code}, {f(source.body)}, '{source.kind}', "
        f"{f(source.case_id)}, {f(source.session_id)}, {f(source.locator)}, {row}.id"
    )


def _statements() -> list[str]:
    statements = [
        f"CREATE VIRTUAL TABLE {INDEX_TABLE} USING fts5("
        "body, kind UNINDEXED, case_id UNINDEXED, session_id UNINDEXED, locator UNINDEXED, "
        "item_id UNINDEXED, tokenize='unicode61 remove_diacritics 2')"
    ]
    for s in SOURCES:
        delete = f"DELETE FROM {INDEX_TABLE} WHERE rowid = old.id * 8 + {s.code};"
        insert = _insert(s, "new") + ";"
        statements += [
            f"CREATE TRIGGER {s.table}_ai AFTER INSERT ON {s.table} BEGIN {insert} END",
            f"CREATE TRIGGER {s.table}_au AFTER UPDATE ON {s.table} BEGIN {delete} {insert} END",
            f"CREATE TRIGGER {s.table}_ad AFTER DELETE ON {s.table} BEGIN {delete} END",
        ]
        # Fill the index from rows written before the index existed.
        statements.append(_insert(s, s.table) + f" FROM {s.table}")
    return statements


def ensure_search_index(engine: Engine) -> None:
    """Create the index, its triggers and its first contents if they are missing."""
    with engine.begin() as connection:
        if _exists(connection):
            return
        for statement in _statements():
            connection.exec_driver_sql(statement)


def _exists(connection: Connection) -> bool:
    from sqlalchemy import text

    found = connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": INDEX_TABLE},
    ).first()
    return found is not None


def fts_query(user_text: str) -> str:
    """The user's words as an FTS5 query: every word must appear; the last may be a prefix."""
    words = [w for w in user_text.replace('"', " ").split() if w.strip()]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


#: Best first (FTS5's rank), with a snippet of about 14 tokens around the matched words.
_SEARCH = (
    f"SELECT i.kind, i.case_id, c.reference, i.session_id, s.date, i.locator, i.item_id, "
    f"snippet({INDEX_TABLE}, 0, :start, :end, '…', 14) "
    f"FROM {INDEX_TABLE} AS i JOIN cases AS c ON c.id = i.case_id "
    f"LEFT JOIN sessions AS s ON s.id = i.session_id "
    f"WHERE {INDEX_TABLE} MATCH :query ORDER BY rank LIMIT :limit"
)


def search(
    conn: Connection, user_text: str, limit: int, marks: tuple[str, str]
) -> list[SearchRow]:
    """The index rows matching ``user_text`` (see :func:`fts_query`), best first."""
    from sqlalchemy import text

    query = fts_query(user_text)
    if not query:
        return []
    start, end = marks
    rows = conn.execute(
        text(_SEARCH), {"query": query, "start": start, "end": end, "limit": limit}
    ).all()
    return [SearchRow(*row) for row in rows]
