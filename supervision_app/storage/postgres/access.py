"""Who may read and change what on the agency server: group roles, grants, row-level security.

Each person logs in as their own database role and is granted one of three group roles:

- ``supervision_practitioner``: reads and changes their own cases;
- ``supervision_supervisor``: also the cases of the practitioners they supervise (the
  ``supervision_links`` table, kept by IT);
- ``supervision_records``: reads everything and changes nothing (SELECT grants only).

A case belongs to the login role that created it (``cases.owner``, defaulting to
``session_user``).  Every table that holds case data has row-level security policies that
find the row's case owner through small ``SECURITY DEFINER`` functions, so the rule is in the
database and holds for raw SQL too.  ``session_user`` (the authenticated login), not
``current_user``, is what counts: ``SET ROLE`` cannot change it.

The role that runs ``server-init`` owns the tables and is not subject to the policies (IT's
administrative role); it is never used by the app for a person's work.
"""

from __future__ import annotations

PRACTITIONER = "supervision_practitioner"
SUPERVISOR = "supervision_supervisor"
RECORDS = "supervision_records"
GROUPS = (PRACTITIONER, SUPERVISOR, RECORDS)
WRITERS = f"{PRACTITIONER}, {SUPERVISOR}"
EVERYONE = f"{PRACTITIONER}, {SUPERVISOR}, {RECORDS}"

#: Each table that holds case data, with the SQL expression that finds its case's owner.
CASE_TABLES: dict[str, str] = {
    "cases": "owner",
    "children": "supervision_case_owner(case_id)",
    "sessions": "supervision_case_owner(case_id)",
    "hypotheses": "supervision_case_owner(case_id)",
    "escalations": "supervision_case_owner(case_id)",
    "chronology_events": "supervision_case_owner(case_id)",
    "answers": "supervision_session_owner(session_id)",
    "structured_answers": "supervision_session_owner(session_id)",
    "decisions": "supervision_session_owner(session_id)",
    "actions": "supervision_session_owner(session_id)",
    "session_ratings": "supervision_session_owner(session_id)",
    "session_focus": "supervision_session_owner(session_id)",
    "record_chain_links": "supervision_session_owner(session_id)",
    "record_chain_seals": "supervision_session_owner(session_id)",
    "record_snapshots": "supervision_session_owner(session_id)",
    "action_reviews": "supervision_action_owner(action_id)",
    "hypothesis_notes": "supervision_hypothesis_owner(hypothesis_id)",
    "escalation_steps": "supervision_escalation_owner(escalation_id)",
    "audit_events": "case_owner",
    "search_index": "supervision_case_owner(case_id)",
}
#: Case data that is only ever added to: no UPDATE or DELETE is granted on it.
APPEND_ONLY = {"record_chain_links", "record_snapshots", "audit_events", "search_index"}
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
    for table, owner in CASE_TABLES.items():
        found += _case_table(table, owner)
    return found


def _case_table(table: str, owner: str) -> list[str]:
    write = "INSERT" if table in APPEND_ONLY else "INSERT, UPDATE, DELETE"
    found = [
        f"GRANT SELECT ON {table} TO {EVERYONE}",
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY {table}_read ON {table} FOR SELECT TO {EVERYONE} "
        f"USING (supervision_may_read({owner}))",
    ]
    if table == "search_index":
        return found  # written only by the server's own triggers
    found += [
        f"GRANT {write} ON {table} TO {WRITERS}",
        f"CREATE POLICY {table}_insert ON {table} FOR INSERT TO {WRITERS} "
        f"WITH CHECK (supervision_may_write({owner}))",
    ]
    if table == "audit_events":  # the "until" of a run of edits, and the entry's seal
        found.append(f"GRANT UPDATE (last_at, prev_hash, row_hash) ON {table} TO {WRITERS}")
    if table not in APPEND_ONLY or table == "audit_events":
        found.append(
            f"CREATE POLICY {table}_update ON {table} FOR UPDATE TO {WRITERS} "
            f"USING (supervision_may_write({owner})) WITH CHECK (supervision_may_write({owner}))"
        )
    if table not in APPEND_ONLY:
        found.append(
            f"CREATE POLICY {table}_delete ON {table} FOR DELETE TO {WRITERS} "
            f"USING (supervision_may_write({owner}))"
        )
    return found
