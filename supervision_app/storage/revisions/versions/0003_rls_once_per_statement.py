"""Row-level security that does its per-login work once per statement (the agency server).

Revision ID: 0003_rls_once_per_statement
Revises: 0001_baseline
Create Date: 2026-12-07

Nothing to do on the laptop (SQLite has no row-level security).  On the agency server the
policies of every table of case data are dropped and made again as ``server-init`` now makes
them (``storage/postgres/access.py``): the owners the login may write for, and whether it reads
everything, are found once per statement; each row is then a lookup of its owner in that list,
or of its parent row among those the login may see.  The access rules are the same.  It makes
the policies of ``storage/row_security.py`` as they are in the app that runs it: a later change
to them needs a revision of its own that makes them again.

The policies before (for ``downgrade``) called ``supervision_may_read``/``supervision_may_write``
on the row's case owner, found per row by ``SECURITY DEFINER`` functions; those functions stay
(the audit trail's and the signers' triggers use them).
"""

from __future__ import annotations

from alembic import op

revision = "0003_rls_once_per_statement"
down_revision = "0002_row_versions"
branch_labels = None
depends_on = None

#: The policies' owner expressions before this revision, per table.
_BEFORE = {
    "cases": "owner",
    "audit_events": "case_owner",
    **{t: "supervision_case_owner(case_id)" for t in (
        "children", "sessions", "hypotheses", "escalations", "chronology_events", "search_index")},
    **{t: "supervision_session_owner(session_id)" for t in (
        "answers", "structured_answers", "decisions", "actions", "session_ratings",
        "session_focus", "record_chain_links", "record_chain_seals", "record_snapshots")},
    "action_reviews": "supervision_action_owner(action_id)",
    "hypothesis_notes": "supervision_hypothesis_owner(hypothesis_id)",
    "escalation_steps": "supervision_escalation_owner(escalation_id)",
}  # fmt: skip


def _on_server() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _drop_policies() -> None:
    from supervision_app.storage import row_security as access

    for table in access.CASE_TABLES:
        for name in access.policy_names(table):
            op.execute(f"DROP POLICY IF EXISTS {name} ON {table}")


def upgrade() -> None:
    if not _on_server():
        return
    from supervision_app.storage import row_security as access

    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar()
    _drop_policies()
    for statement in (*access.once_per_statement_functions(str(schema)), *access.policy_statements()):
        op.execute(statement)


def downgrade() -> None:
    if not _on_server():
        return
    from supervision_app.storage import row_security as access

    _drop_policies()
    for table, owner in _BEFORE.items():
        read, write = f"supervision_may_read({owner})", f"supervision_may_write({owner})"
        for name in access.policy_names(table):
            kind = name.rsplit("_", 1)[1]
            rule = {
                "read": f"FOR SELECT TO {access.EVERYONE} USING ({read})",
                "insert": f"FOR INSERT TO {access.WRITERS} WITH CHECK ({write})",
                "update": f"FOR UPDATE TO {access.WRITERS} USING ({write}) WITH CHECK ({write})",
                "delete": f"FOR DELETE TO {access.WRITERS} USING ({write})",
            }[kind]
            op.execute(f"CREATE POLICY {name} ON {table} {rule}")
    op.execute("DROP FUNCTION supervision_writable_owners()")
    op.execute("DROP FUNCTION supervision_reads_all()")
