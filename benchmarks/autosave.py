"""Autosave: one edit committed, against a raw single-row UPDATE with the same driver and pragmas.

App: ``AutosaveWriter.submit(edit)`` on an existing answer, timed until the
writer thread reports the commit (what the status bar waits for before it
says "saved").  Baseline: ``UPDATE answers SET text=?, updated_at=? WHERE id=?``
and ``commit()`` on the same encrypted database file, through a connection made
exactly as the app's engine makes its own (:func:`benchmarks.data.raw_connection`:
the SQLCipher driver, the same data key, the pragmas of ``storage.sqlite.cipher.apply_pragmas``:
WAL, synchronous=FULL, secure_delete, ...).  Both write an answer text of the
same length to the same answer row, alternately: the cost of an update depends on the row
(where its record, its search-index content and its neighbours sit in the B-trees), and two
rows of one session differed by about 1.2x with the very same raw SQL.  The raw UPDATE
leaves the row's version alone, so the app's versioned saves never conflict with it.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime

from benchmarks import data
from benchmarks.harness import Context, Row, median, paired, percentile

ROWS = ("autosave", "autosave_p99")
TEXT_CHARS = 1500


def run(ctx: Context, wanted: set[str]) -> list[Row]:
    from supervision_app.storage import SupervisionStore
    from supervision_app.storage.autosave import AnswerEdit, AutosaveWriter

    s = ctx.settings
    seeded = ctx.cached(
        "db_autosave", lambda: data.seed_bulk(ctx.workdir / "autosave.sqlite3", 500)
    )
    database = data.open_db(seeded.path)
    store = SupervisionStore(database)
    detail = store.sessions.get_session(seeded.session_id)
    first = sorted(detail.answers.values(), key=lambda a: a.prompt_id)[0]

    raw = data.raw_connection(seeded.path)
    pragmas = data.pragma_summary(raw)
    (raw_id,) = raw.execute(
        "SELECT id FROM answers WHERE session_id=? AND prompt_id=?",
        (seeded.session_id, first.prompt_id),
    ).fetchone()

    base_text = data.typing_text(TEXT_CHARS)
    counter = [0]

    def next_text() -> str:
        counter[0] += 1
        return f"{base_text[:-8]}{counter[0]:08d}"

    done = threading.Event()
    outcomes = []

    def on_outcome(outcome) -> None:
        outcomes.append(outcome)
        done.set()

    writer = AutosaveWriter(store, on_outcome)

    def app_edit() -> float:
        edit = AnswerEdit(  # based on the version loaded, as the answer box's edits are
            seeded.session_id,
            first.prompt_id,
            first.stage_id,
            first.prompt_text,
            next_text(),
            version=first.version,
        )
        done.clear()
        started = time.perf_counter()
        writer.submit(edit)
        done.wait(30)
        elapsed = (time.perf_counter() - started) * 1000
        if not outcomes or not outcomes[-1].ok:
            raise RuntimeError(
                f"autosave failed: {outcomes[-1].error if outcomes else 'no outcome'}"
            )
        return elapsed

    def raw_update() -> float:
        text = next_text()
        started = time.perf_counter()
        raw.execute(
            "UPDATE answers SET text=?, updated_at=? WHERE id=?",
            (text, datetime.now().isoformat(" "), raw_id),
        )
        raw.commit()
        return (time.perf_counter() - started) * 1000

    def direct_save() -> float:  # the store's own save, on the calling thread
        started = time.perf_counter()
        store.sessions.save_answer(
            seeded.session_id, first.prompt_id, first.stage_id, first.prompt_text, next_text()
        )
        return (time.perf_counter() - started) * 1000

    try:
        a, b = paired(app_edit, raw_update, s.autosave_warmup, s.autosave_edits)
        direct = [direct_save() for _ in range(min(s.autosave_edits, 200))]
        # The same save alternating with the raw UPDATE as the app's edits do (the other
        # connection's commit empties the page cache of the save's connection, so the
        # back-to-back figure above is the warm-cache case only).
        d_paired, b_paired = paired(direct_save, raw_update, s.autosave_warmup, s.autosave_edits)
    finally:
        writer.close()
        raw.close()
        database.close()

    rows = []
    note = (
        f"{len(a)} edits each, alternating, after {s.autosave_warmup} warm-up; {TEXT_CHARS}-char answer, the same answer row for both; "
        f"encrypted database; raw UPDATE through the app's SQLCipher driver, key and pragmas ({pragmas})"
    )
    if "autosave" in wanted:
        row = Row(
            "autosave",
            "Autosave: one edit committed (median)",
            "ms",
            median(a),
            median(b),
            "≤ 1.3×",
            1.3,
            samples={
                "app_ms": a,
                "baseline_ms": b,
                "save_answer_ms": direct,
                "save_answer_paired_ms": d_paired,
                "baseline_paired_ms": b_paired,
            },
        )
        row.notes.append(note)
        row.notes.append(
            f"breakdown: store.sessions.save_answer called directly, median {median(direct):.2f} ms "
            f"back to back; alternating with the raw UPDATE as the app's edits do, "
            f"{median(d_paired):.2f} ms against {median(b_paired):.2f} ms "
            f"({median(d_paired) / median(b_paired):.2f}×: the app's ratio above less this is "
            f"the writer thread's share)"
        )
        rows.append(row)
    if "autosave_p99" in wanted:
        row = Row(
            "autosave_p99",
            "Autosave: one edit committed (p99)",
            "ms",
            percentile(a, 99),
            percentile(b, 99),
            "—",
            None,
        )
        row.notes.append(
            "informative; same samples as the median row; columns show p99, not median"
        )
        rows.append(row)
    return rows
