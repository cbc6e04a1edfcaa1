"""Who may read and change what on the agency server: group roles, grants, row-level security.

Each person logs in as their own database role and is granted one of three group roles:

- ``supervision_practitioner``: reads and changes their own cases;
- ``supervision_supervisor``: also the cases of the practitioners they supervise (the
  ``supervision_links`` table, kept by IT);
- ``supervision_records``: reads everything and changes nothing (SELECT grants only).

A case belongs to the login role that created it (``cases.owner``, defaulting to
``session_user``).  Every table that holds case data has row-level security policies, so the
rule is in the database and holds for raw SQL too.  ``session_user`` (the authenticated login),
not ``current_user``, is what counts: ``SET ROLE`` cannot change it.

The policies themselves, and why they cost a lookup per row, are in ``storage/row_security.py``.

The role that runs ``server-init`` owns the tables and is not subject to the policies (IT's
administrative role); it is never used by the app for a person's work.
"""

from __future__ import annotations

from supervision_app.storage.row_security import (
    APPEND_ONLY,
    CASE_TABLES,
    EVERYONE,
    GROUPS,
    RECORDS,
    WRITERS,
    once_per_statement_functions,
    policy_statements,
)

__all__ = ["CASE_TABLES", "EVERYONE", "LAPTOP_ONLY", "OWN_ROWS", "SHARED_READ", "statements"]

#: Tables that hold no case data: read by everyone, changed only by the server's own triggers.
SHARED_READ = ("app_meta", "record_preferences")
#: Laptop-only tables (a file's key events): no access at all.
LAPTOP_ONLY = ("security_events",)
#: Each login's own rows only: "my words", and the laptop's "named user" (which on the server
#: names nothing: the triggers take the login as the one who did it).
OWN_ROWS = ("personal_words", "local_users")


def _create_group(name: str) -> str:
    return (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN "
        f"CREATE ROLE {name} NOLOGIN; END IF; END $$"
    )


def _owner_function(name: str, argument: str, query: str, schema: str) -> str:
    return (
        f"CREATE FUNCTION {name}({argument} integer) RETURNS text LANGUAGE sql STABLE "
        f"SECURITY DEFINER SET search_path = pg_catalog, {schema} AS $$ {query} $$"
    )


def statements(schema: str) -> list[str]:
    """Everything ``server-init`` adds for access, after the ORM schema has been created."""
    found = [
        *(_create_group(group) for group in GROUPS),
        "CREATE TABLE supervision_links ("
        " supervisor text NOT NULL, practitioner text NOT NULL,"
        " PRIMARY KEY (supervisor, practitioner))",
        "ALTER TABLE cases ADD COLUMN owner text NOT NULL DEFAULT session_user",
        "CREATE INDEX ix_cases_owner ON cases (owner)",
        "ALTER TABLE personal_words ADD COLUMN owner text NOT NULL DEFAULT session_user",
        "ALTER TABLE personal_words DROP CONSTRAINT personal_words_pkey",
        "ALTER TABLE personal_words ADD PRIMARY KEY (owner, word)",
        _owner_function(
            "supervision_case_owner",
            "case_key",
            "SELECT owner FROM cases WHERE id = case_key",
            schema,
        ),
        _owner_function(
            "supervision_session_owner",
            "session_key",
            "SELECT c.owner FROM sessions s JOIN cases c ON c.id = s.case_id "
            "WHERE s.id = session_key",
            schema,
        ),
        _owner_function(
            "supervision_action_owner",
            "action_key",
            "SELECT c.owner FROM actions a JOIN sessions s ON s.id = a.session_id "
            "JOIN cases c ON c.id = s.case_id WHERE a.id = action_key",
            schema,
        ),
        _owner_function(
            "supervision_hypothesis_owner",
            "hypothesis_key",
            "SELECT c.owner FROM hypotheses h JOIN cases c ON c.id = h.case_id "
            "WHERE h.id = hypothesis_key",
            schema,
        ),
        _owner_function(
            "supervision_escalation_owner",
            "escalation_key",
            "SELECT c.owner FROM escalations e JOIN cases c ON c.id = e.case_id "
            "WHERE e.id = escalation_key",
            schema,
        ),
        "CREATE FUNCTION supervision_supervises(who text, owner_role text) RETURNS boolean "
        "LANGUAGE sql STABLE SECURITY DEFINER "
        f"SET search_path = pg_catalog, {schema} AS $$ SELECT EXISTS (SELECT 1 FROM "
        "supervision_links WHERE supervisor = who AND practitioner = owner_role) $$",
        "CREATE FUNCTION supervision_may_write(owner_role text) RETURNS boolean "
        "LANGUAGE sql STABLE SECURITY DEFINER "
        f"SET search_path = pg_catalog, {schema} AS $$ SELECT coalesce(owner_role = "
        "session_user::text OR supervision_supervises(session_user::text, owner_role), false) $$",
        "CREATE FUNCTION supervision_may_read(owner_role text) RETURNS boolean "
        "LANGUAGE sql STABLE SECURITY DEFINER "
        f"SET search_path = pg_catalog, {schema} AS $$ SELECT supervision_may_write(owner_role) "
        f"OR pg_has_role(session_user, '{RECORDS}', 'MEMBER') $$",
        *once_per_statement_functions(schema),
        f"GRANT USAGE ON SCHEMA {schema} TO {EVERYONE}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {WRITERS}",
        f"GRANT SELECT ON supervision_links, {', '.join(SHARED_READ)} TO {EVERYONE}",
        "ALTER TABLE supervision_links ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY links_read ON supervision_links FOR SELECT TO {EVERYONE} USING ("
        "supervisor = session_user::text OR practitioner = session_user::text "
        f"OR pg_has_role(session_user, '{RECORDS}', 'MEMBER'))",
        "ALTER TABLE local_users ADD COLUMN owner text NOT NULL DEFAULT session_user",
        *(
            statement
            for table in OWN_ROWS
            for statement in (
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {WRITERS}",
                f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
                f"CREATE POLICY {table}_own ON {table} TO {WRITERS} "
                "USING (owner = session_user::text) WITH CHECK (owner = session_user::text)",
            )
        ),
        *(f"REVOKE ALL ON {table} FROM PUBLIC" for table in LAPTOP_ONLY),
    ]
    for table in CASE_TABLES:
        found += _case_table_grants(table)
    return found + policy_statements()


def _case_table_grants(table: str) -> list[str]:
    write = "INSERT" if table in APPEND_ONLY else "INSERT, UPDATE, DELETE"
    found = [f"GRANT SELECT ON {table} TO {EVERYONE}", f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"]
    if table == "search_index":
        return found  # written only by the server's own triggers
    found.append(f"GRANT {write} ON {table} TO {WRITERS}")
    if table == "audit_events":  # the "until" of a run of edits, and the entry's seal
        found.append(f"GRANT UPDATE (last_at, prev_hash, row_hash) ON {table} TO {WRITERS}")
    return found
