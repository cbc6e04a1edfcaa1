"""The agency server's benchmark rows run to completion on a tiny size (nothing is timed).

Each row makes its own database and login roles on the throw-away cluster and drops them;
skipped, and says so, without ``SUPERVISION_APP_TEST_PG``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from benchmarks import server
from benchmarks.harness import QUICK, Context, Row
from tests.agency_server import needs_server

TINY = dataclasses.replace(
    QUICK, autosave_warmup=1, autosave_edits=4, search_sessions=40, search_reps=2, case_reps=2,
    server_clients=3, server_tight_saves=3, server_paced_saves=3, server_period_ms=20,
)  # fmt: skip


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Row]:
    ctx = Context(TINY, Path(tmp_path_factory.mktemp("bench")), "offscreen")
    return {row.key: row for row in server.run(ctx, set(server.ROWS))}


@needs_server
def test_every_server_row_gives_both_figures(rows: dict[str, Row]) -> None:
    assert sorted(rows) == sorted(server.ROWS)
    for row in rows.values():
        assert row.app is not None and row.app > 0, (row.key, row.notes)
        assert row.baseline is not None and row.baseline > 0, (row.key, row.notes)


@needs_server
def test_case_open_reads_the_same_case_as_the_hand_written_sql(
    rows: dict[str, Row],
) -> None:
    row = rows["pg_case_open"]
    assert len(row.samples["app_ms"]) == len(row.samples["baseline_ms"]) == TINY.case_reps
    notes = " ".join(row.notes)
    assert "case of 100 sessions" in notes
    assert "same listing: True" in notes
    assert "same number of chronology entries: True" in notes
    assert "40 other sessions" in notes


@needs_server
def test_concurrent_row_has_every_phase_from_every_client(rows: dict[str, Row]) -> None:
    samples = rows["pg_concurrent"].samples
    for side in ("app", "raw"):
        assert len(samples[f"{side}_tight_alone_ms"]) == TINY.server_tight_saves
        assert len(samples[f"{side}_tight_together_ms"]) == 3 * TINY.server_tight_saves
        assert len(samples[f"{side}_paced_alone_ms"]) == TINY.server_paced_saves
        assert len(samples[f"{side}_paced_together_ms"]) == 3 * TINY.server_paced_saves
