"""Search across every case and session (``store.memory.search``), on the full-text index."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from supervision_app.domain.memory import SearchHit
from supervision_app.storage.database import Database
from supervision_app.storage.search_index import INDEX_TABLE, fts_query

SEARCH_LIMIT = 200
#: Around the matched words in a hit's snippet (the search dialog makes them bold).
MARK_START, MARK_END = "\x02", "\x03"


def search_memory(database: Database, user_text: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
    """Every case and session, best matches first, with the matched words marked."""
    query = fts_query(user_text)
    if not query:
        return []
    sql = text(
        f"SELECT i.kind, i.case_id, c.reference, i.session_id, s.date, i.locator, i.item_id, "
        f"snippet({INDEX_TABLE}, 0, :start, :end, '…', 14) "
        f"FROM {INDEX_TABLE} AS i JOIN cases AS c ON c.id = i.case_id "
        f"LEFT JOIN sessions AS s ON s.id = i.session_id "
        f"WHERE {INDEX_TABLE} MATCH :query ORDER BY rank LIMIT :limit"
    )
    with database.read() as s:
        rows = s.execute(
            sql, {"query": query, "start": MARK_START, "end": MARK_END, "limit": limit}
        ).all()
    hits = []
    for kind, case_id, reference, session_id, on, locator, item_id, snippet in rows:
        locator = locator or ""
        if locator.startswith(("note:", "step:")):  # a review or a stage: open its item
            locator, item_id = locator.split(":", 1)
        hits.append(
            SearchHit(
                kind=kind,
                case_id=int(case_id),
                case_reference=reference,
                session_id=int(session_id) if session_id is not None else None,
                session_date=date.fromisoformat(on) if isinstance(on, str) else on,
                locator=locator,
                item_id=int(item_id),
                snippet=snippet,
            )
        )
    return hits
