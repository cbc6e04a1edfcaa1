"""The agency server's row-level security policies on the tables of case data, and the group
roles they name (``storage/postgres/access.py`` sets up the rest: roles, grants, links).

Here rather than in ``postgres/`` because both ``server-init`` (``postgres/access.py``) and the
Alembic revision that brought these policies to servers already set up
(``revisions/versions/0003_rls_once_per_statement.py``) make them.

The policies do the per-login work once per statement and leave each row a lookup:

- who the login may write for (itself and the practitioners it supervises, in
  ``supervision_links``) and whether it reads everything (the records role) come from two
  ``SECURITY DEFINER`` functions called as scalar subqueries, ``(SELECT
  supervision_writable_owners())``, which PostgreSQL runs once per statement (an InitPlan), so a
  link added or removed counts from the login's next statement on;
- ``cases`` and ``audit_events`` compare their own owner column with that list;
- every other table asks whether its parent row is visible (``EXISTS (SELECT 1 FROM sessions
  WHERE sessions.id = answers.session_id)``).  A policy's subquery runs with the login's rights,
  so the parent's own policy decides, up to the case.  The planner answers it with an index
  probe per row or with one hash of the visible parents, whichever is cheaper for the query;
- writes (INSERT's check, UPDATE, DELETE) join the parents up to the case and require the
  case's owner to be one the login writes for: being able to read a case (the records role) is
  never enough to write to it.
"""

from __future__ import annotations

PRACTITIONER = "supervision_practitioner"
SUPERVISOR = "supervision_supervisor"
RECORDS = "supervision_records"
GROUPS = (PRACTITIONER, SUPERVISOR, RECORDS)
WRITERS = f"{PRACTITIONER}, {SUPERVISOR}"
EVERYONE = f"{PRACTITIONER}, {SUPERVISOR}, {RECORDS}"

#: The two tables that name their case's owner themselves.
OWNER_COLUMNS = {"cases": "owner", "audit_events": "case_owner"}
#: Every other table of case data: the column that names its parent row, and the parent's table.
PARENTS: dict[str, tuple[str, str]] = {
    "children": ("case_id", "cases"),
    "sessions": ("case_id", "cases"),
    "hypotheses": ("case_id", "cases"),
    "escalations": ("case_id", "cases"),
    "chronology_events": ("case_id", "cases"),
    "search_index": ("case_id", "cases"),
    "answers": ("session_id", "sessions"),
    "structured_answers": ("session_id", "sessions"),
    "decisions": ("session_id", "sessions"),
    "actions": ("session_id", "sessions"),
    "session_ratings": ("session_id", "sessions"),
    "session_focus": ("session_id", "sessions"),
    "record_chain_links": ("session_id", "sessions"),
    "record_chain_seals": ("session_id", "sessions"),
    "record_snapshots": ("session_id", "sessions"),
    "action_reviews": ("action_id", "actions"),
    "hypothesis_notes": ("hypothesis_id", "hypotheses"),
    "escalation_steps": ("escalation_id", "escalations"),
}
#: Each table that holds case data (each has row-level security).
CASE_TABLES = (*OWNER_COLUMNS, *PARENTS)
#: Case data that is only ever added to: no UPDATE or DELETE is granted on it.
APPEND_ONLY = {"record_chain_links", "record_snapshots", "audit_events", "search_index"}

def once_per_statement_functions(schema: str) -> list[str]:
    """The two functions the policies call once per statement (``CREATE OR REPLACE``: the
    revision that brought them in runs this too)."""
    return [
        "CREATE OR REPLACE FUNCTION supervision_writable_owners() RETURNS text[] LANGUAGE sql "
        f"STABLE SECURITY DEFINER SET search_path = pg_catalog, {schema} AS $$ SELECT "
        "array_append(array(SELECT practitioner FROM supervision_links "
        "WHERE supervisor = session_user::text), session_user::text) $$",
        "CREATE OR REPLACE FUNCTION supervision_reads_all() RETURNS boolean LANGUAGE sql "
        f"STABLE SECURITY DEFINER SET search_path = pg_catalog, {schema} AS $$ SELECT "
        f"pg_has_role(session_user, '{RECORDS}', 'MEMBER') $$",
    ]


#: The owners the login may write for, and whether it reads everything: scalar subqueries, so
#: each is an InitPlan, run once per statement.
WRITABLE = "ANY ((SELECT supervision_writable_owners())::text[])"
READS_ALL = "(SELECT supervision_reads_all())"


def _path_to_case(table: str) -> list[tuple[str, str, str]]:
    """(child table, its column, parent table), from ``table`` up to ``cases``."""
    steps = []
    while table in PARENTS:
        column, parent = PARENTS[table]
        steps.append((table, column, parent))
        table = parent
    return steps


def may_read(table: str) -> str:
    """The read policy's condition for a row of ``table``."""
    if table in OWNER_COLUMNS:
        return f"{READS_ALL} OR {OWNER_COLUMNS[table]} = {WRITABLE}"
    column, parent = PARENTS[table]
    return f"{READS_ALL} OR EXISTS (SELECT 1 FROM {parent} WHERE {parent}.id = {table}.{column})"


def may_write(table: str) -> str:
    """The write policies' condition: the row's case is owned by one the login writes for
    (the parents are read with the login's rights, so their read policies apply too)."""
    if table in OWNER_COLUMNS:
        return f"{OWNER_COLUMNS[table]} = {WRITABLE}"
    (_, column, parent), *rest = _path_to_case(table)
    joins = "".join(f" JOIN {up} ON {up}.id = {child}.{key}" for child, key, up in rest)
    return (
        f"EXISTS (SELECT 1 FROM {parent}{joins} WHERE {parent}.id = {table}.{column} "
        f"AND cases.owner = {WRITABLE})"
    )


def policy_names(table: str) -> list[str]:
    """The policies ``table`` has (the read policy, and those for the writes granted)."""
    if table == "search_index":
        return [f"{table}_read"]
    names = [f"{table}_read", f"{table}_insert"]
    if table not in APPEND_ONLY or table == "audit_events":
        names.append(f"{table}_update")
    if table not in APPEND_ONLY:
        names.append(f"{table}_delete")
    return names


def policy_statements() -> list[str]:
    """The row-level security policies of every table of case data."""
    found = []
    for table in CASE_TABLES:
        read, write = may_read(table), may_write(table)
        for name in policy_names(table):
            kind = name.rsplit("_", 1)[1]
            if kind == "read":
                rule = f"FOR SELECT TO {EVERYONE} USING ({read})"
            elif kind == "insert":
                rule = f"FOR INSERT TO {WRITERS} WITH CHECK ({write})"
            elif kind == "update":
                rule = f"FOR UPDATE TO {WRITERS} USING ({write}) WITH CHECK ({write})"
            else:
                rule = f"FOR DELETE TO {WRITERS} USING ({write})"
            found.append(f"CREATE POLICY {name} ON {table} {rule}")
    return found
