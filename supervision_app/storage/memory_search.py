"""Search across every case and session (``store.memory.search``), through the backend's
full-text search (``Dialect.search``)."""

from __future__ import annotations

from datetime import date

from supervision_app.domain.memory import SearchHit
from supervision_app.storage.backend import dialect_of
from supervision_app.storage.database import Database

SEARCH_LIMIT = 200
#: Around the matched words in a hit's snippet (the search dialog makes them bold).
MARK_START, MARK_END = "\x02", "\x03"


def search_memory(
    database: Database, user_text: str, limit: int = SEARCH_LIMIT
) -> list[SearchHit]:
    """Every case and session, best matches first, with the matched words marked."""
    if not user_text.strip():
        return []
    with database.read() as s:
        conn = s.connection()
        rows = dialect_of(conn).search(conn, user_text, limit, (MARK_START, MARK_END))
    hits = []
    for kind, case_id, reference, session_id, on, locator, item_id, snippet in rows:
        locator = locator or ""
        item: int | str = item_id
        if locator.startswith(("note:", "step:")):  # a review or a stage: open its item
            locator, item = locator.split(":", 1)
        hits.append(
            SearchHit(
                kind=kind,
                case_id=int(case_id),
                case_reference=reference,
                session_id=int(session_id) if session_id is not None else None,
                session_date=date.fromisoformat(on) if isinstance(on, str) else on,
                locator=locator,
                item_id=int(item),
                snippet=snippet,
            )
        )
    return hits
