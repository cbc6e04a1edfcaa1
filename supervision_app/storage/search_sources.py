"""What full-text search finds, for every backend: the searchable rows and their text.

Each :class:`Source` is one table whose rows are indexed: the kind of hit, the SQL expression
(over ``{row}``, in the SQL both SQLite and PostgreSQL speak) of the text to search, and how to
find the row's case, session and place on screen.  An index row is keyed ``id * 8 + code``.
The laptop's index is FTS5 (``storage/sqlite/search_index.py``), the agency server's
``tsvector`` (``storage/postgres/search.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

#: The index table's name on every backend.
INDEX_TABLE = "search_index"


@dataclass(frozen=True)
class Source:
    code: int
    kind: str
    table: str
    body: str  # SQL expression over ``{row}``
    case_id: str
    session_id: str
    locator: str = "''"


_SESSION_CASE = "(SELECT case_id FROM sessions WHERE id = {row}.session_id)"

SOURCES = (
    Source(1, "answer", "answers", "{row}.text", _SESSION_CASE, "{row}.session_id",
            "{row}.prompt_id"),
    Source(2, "decision", "decisions", "{row}.text || ' ' || {row}.rationale", _SESSION_CASE,
            "{row}.session_id"),
    Source(3, "action", "actions", "{row}.description || ' ' || {row}.owner", _SESSION_CASE,
            "{row}.session_id"),
    Source(4, "hypothesis", "hypotheses",
            "{row}.text || ' ' || {row}.basis || ' ' || {row}.test_plan || ' ' || {row}.evaluation",
            "{row}.case_id", "{row}.session_id"),
    Source(5, "event", "chronology_events", "{row}.title || ' ' || {row}.detail",
            "{row}.case_id", "{row}.session_id"),
    Source(6, "escalation", "escalations", "{row}.subject || ' ' || {row}.outcome",
            "{row}.case_id", "{row}.session_id"),
    Source(0, "escalation", "escalation_steps",
            "{row}.stage_name || ' ' || {row}.with_whom || ' ' || {row}.note",
            "(SELECT case_id FROM escalations WHERE id = {row}.escalation_id)", "{row}.session_id",
            "'step:' || {row}.escalation_id"),
    Source(7, "hypothesis", "hypothesis_notes", "{row}.text || ' ' || {row}.result",
            "(SELECT case_id FROM hypotheses WHERE id = {row}.hypothesis_id)", "{row}.session_id",
            "'note:' || {row}.hypothesis_id"),
)  # fmt: skip

KINDS = {s.code: s.kind for s in SOURCES}
