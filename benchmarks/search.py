"""Full-text search over 10,000 sessions, against a raw FTS5 MATCH query on the same table.

App: :func:`app_search`, i.e. ``store.memory.search(text)`` as the search
dialog calls it (FTS5 query built from the user's words, joins to cases and
sessions, highlighted snippets, best matches first).  Baseline: the bare

    SELECT rowid, rank FROM <index> WHERE <index> MATCH ? ORDER BY rank LIMIT <same limit>

on the app's own FTS5 table (``storage.sqlite.search_index.INDEX_TABLE``), with the
very MATCH string the app builds (``fts_query``), on the same encrypted file
through a connection made as the app makes its own
(:func:`benchmarks.data.raw_connection`: SQLCipher, same key, same pragmas).  One sample runs every query in
:func:`benchmarks.data.search_terms`.

If the app has no search (an older checkout), :func:`app_search` raises
``NotImplementedError``, the row says "n/a — not built yet", and the baseline
runs on an FTS5 index of the ``answers`` table that the benchmark builds itself.
"""

from __future__ import annotations

from benchmarks import data
from benchmarks.harness import NA_NOT_BUILT, Context, Row, cpu_note, median, paired, timed

ROWS = ("search",)
BENCH_FTS_TABLE = "bench_answers_fts"
DEFAULT_LIMIT = 100


def app_search(store, query: str):
    """The app's full-text search, called the way the search dialog calls it."""
    memory = getattr(store, "memory", None)
    if memory is None or not hasattr(memory, "search"):
        raise NotImplementedError
    return memory.search(query)


def app_index() -> tuple[str, object, int] | None:
    """(FTS5 table, user text -> MATCH string, result limit) of the app, or None."""
    try:
        from supervision_app.storage.memory_search import SEARCH_LIMIT
        from supervision_app.storage.sqlite.search_index import INDEX_TABLE, fts_query
    except ImportError:
        return None
    return INDEX_TABLE, fts_query, SEARCH_LIMIT


def _prepare(ctx: Context):
    """The database of the search and case-opening rows (and of one start-up row)."""
    s = ctx.settings
    return data.shaped_db(ctx, s.search_cases, s.search_sessions, s.search_long_cases)


def _raw_connection(path):
    return data.raw_connection(path)


def _bench_fts(conn) -> str:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE name=?", (BENCH_FTS_TABLE,)).fetchone()
    if not exists:
        conn.execute(
            f"CREATE VIRTUAL TABLE {BENCH_FTS_TABLE} USING fts5("
            "text, content='answers', content_rowid='id')"
        )
        conn.execute(f"INSERT INTO {BENCH_FTS_TABLE}({BENCH_FTS_TABLE}) VALUES('rebuild')")
        conn.commit()
    return BENCH_FTS_TABLE


def run(ctx: Context, wanted: set[str]) -> list[Row]:
    from supervision_app.storage import SupervisionStore

    s = ctx.settings
    title = f"Full-text search over {s.search_sessions:,} sessions"
    seeded = _prepare(ctx)
    database = data.open_db(seeded.path)
    store = SupervisionStore(database)
    conn = _raw_connection(seeded.path)
    terms = data.search_terms()
    try:
        try:
            app_hits = [len(app_search(store, t)) for t in terms]
            built = True
        except NotImplementedError:
            built = False
        found = app_index() if built else None
        if found is not None:
            table, to_match, limit = found
            matches = [to_match(t) for t in terms]
        else:
            table, limit = _bench_fts(conn), DEFAULT_LIMIT
            matches = [" ".join(t.split()) for t in terms]
        sql = f"SELECT rowid, rank FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT {limit}"
        base_hits = [len(conn.execute(sql, (m,)).fetchall()) for m in matches]

        def baseline() -> None:
            for match in matches:
                conn.execute(sql, (match,)).fetchall()

        if built:

            def app() -> None:
                for term in terms:
                    app_search(store, term)

            a, b = paired(timed(app), timed(baseline), 2, s.search_reps)
            cpu = cpu_note(app, baseline, min(s.search_reps, 15))
            row = Row("search", title, "ms", median(a), median(b), "≤ 2×", 2.0,
                      samples={"app_ms": a, "baseline_ms": b})  # fmt: skip
            row.notes.append(
                f"app: store.memory.search(text) for {len(terms)} queries per sample "
                f"(hits: {', '.join(map(str, app_hits))})"
            )
            row.notes.append(cpu)
        else:
            b = [timed(baseline)() for _ in range(s.search_reps + 2)][2:]
            row = Row("search", title, "ms", None, median(b), "≤ 2×", 2.0,
                      app_text=NA_NOT_BUILT, samples={"baseline_ms": b})  # fmt: skip
            row.notes.append("app side: no search in this app; see benchmarks/search.py:app_search")
    finally:
        database.close()
        conn.close()
    row.notes.append(
        f"baseline: raw FTS5 MATCH … ORDER BY rank LIMIT {limit} on table {table}, same MATCH "
        f"strings (hits: {', '.join(map(str, base_hits))}); {seeded.sessions:,} sessions; "
        f"{len(b)} runs each"
    )
    return [row]
