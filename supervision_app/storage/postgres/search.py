"""Full-text search on the agency server: ``to_tsvector('english')`` with a GIN index.

The same sources as the laptop's FTS5 index (``storage/search_sources.SOURCES``), kept in step by
triggers: one index row per searchable row, keyed ``id * 8 + code``.  The search answers with
the same rows as the laptop's (``storage/backend.SearchRow``), which ``store.memory.search`` turns
into SearchHits: every word must appear, the
last may be the start of a word, best matches first, and a snippet of about 14 words with the
matched words between ``MARK_START`` and ``MARK_END`` and "…" where the text goes on.

The index holds case text, so it has the same row-level security as the cases (access.py):
a search finds only what the person may read.  Differences from the laptop: English stemming
("visits" finds "visit"), and accents are not folded.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from supervision_app.storage.backend import SearchRow
from supervision_app.storage.search_sources import INDEX_TABLE, SOURCES

SNIPPET_WORDS = 14
ELLIPSIS = "…"


def statements(schema: str) -> list[str]:
    found = [
        f"CREATE TABLE {INDEX_TABLE} ("
        " id bigint PRIMARY KEY, kind text NOT NULL, case_id integer, session_id integer,"
        " locator text NOT NULL DEFAULT '', item_id integer NOT NULL, body text NOT NULL,"
        " document tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)",
        f"CREATE INDEX ix_{INDEX_TABLE}_document ON {INDEX_TABLE} USING gin (document)",
        f"CREATE INDEX ix_{INDEX_TABLE}_case ON {INDEX_TABLE} (case_id)",
    ]
    for s in SOURCES:

        def f(expr: str) -> str:
            return expr.format(row="NEW")

        key = f"::bigint * 8 + {s.code}"
        found += [
            f"CREATE FUNCTION supervision_index_{s.table}() RETURNS trigger LANGUAGE plpgsql "
            f"SECURITY DEFINER SET search_path = pg_catalog, {schema} AS $fn$ BEGIN "
            f"IF TG_OP <> 'INSERT' THEN DELETE FROM {INDEX_TABLE} WHERE id = OLD.id{key}; "
            "END IF; IF TG_OP <> 'DELETE' THEN "
            f"INSERT INTO {INDEX_TABLE} (id, kind, case_id, session_id, locator, item_id, body) "
            f"VALUES (NEW.id{key}, '{s.kind}', {f(s.case_id)}, {f(s.session_id)}, "
            f"coalesce({f(s.locator)}, ''), NEW.id, coalesce({f(s.body)}, '')); "
            "END IF; RETURN NULL; END $fn$",
            f"CREATE TRIGGER {s.table}_search AFTER INSERT OR UPDATE OR DELETE ON {s.table} "
            f"FOR EACH ROW EXECUTE FUNCTION supervision_index_{s.table}()",
        ]
    return found


def ts_query(user_text: str) -> str:
    """The user's words as a tsquery: every word must appear; the last may be a prefix."""
    words = [w for w in user_text.split() if w.strip()]
    if not words:
        return ""
    quoted = ["'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in words]
    quoted[-1] += ":*"
    return " & ".join(quoted)


_SEARCH = text(
    "SELECT i.kind, i.case_id, c.reference, i.session_id, s.date, i.locator, i.item_id, "
    "ts_headline('english', i.body, q.query, :options), i.body "
    f"FROM to_tsquery('english', :query) AS q(query), {INDEX_TABLE} AS i "
    "JOIN cases AS c ON c.id = i.case_id LEFT JOIN sessions AS s ON s.id = i.session_id "
    "WHERE i.document @@ q.query ORDER BY ts_rank(i.document, q.query) DESC, i.id LIMIT :limit"
)


def search_rows(
    connection: Connection, user_text: str, limit: int, marks: tuple[str, str]
) -> list[SearchRow]:
    """The index rows the login may read that match ``user_text``, best first, with the
    matched words between ``marks`` (the store turns them into SearchHits)."""
    query = ts_query(user_text)
    if not query:
        return []
    start, end = marks
    options = (
        f'StartSel="{start}", StopSel="{end}", MaxWords={SNIPPET_WORDS}, '
        f"MinWords={SNIPPET_WORDS // 2}, ShortWord=0, MaxFragments=1"
    )
    rows = connection.execute(_SEARCH, {"query": query, "options": options, "limit": limit})
    return [
        SearchRow(
            kind,
            case_id,
            reference,
            session_id,
            on,
            locator,
            item_id,
            _trimmed(headline, body, marks),
        )
        for kind, case_id, reference, session_id, on, locator, item_id, headline, body in rows
    ]


def _trimmed(headline: str, body: str, marks: tuple[str, str]) -> str:
    """ "…" where the text goes on beyond the snippet, as FTS5's snippet() writes it."""
    plain = headline.replace(marks[0], "").replace(marks[1], "").strip()
    start = body.find(plain)
    if start < 0:
        return headline
    before = ELLIPSIS if body[:start].strip() else ""
    after = ELLIPSIS if body[start + len(plain) :].strip() else ""
    return before + headline.strip() + after
