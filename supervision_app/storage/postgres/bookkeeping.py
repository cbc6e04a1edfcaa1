"""The server's share of the bookkeeping the laptop does with SQLite triggers.

- Case recency (``cases.session_count`` and ``cases.last_session``, see
  ``migrations.case_recency``): the case row is locked first and then counted again, so two
  sessions added to one case at once are both counted.
- The autosave's bookkeeping (see ``storage/sqlite/triggers.edit_audit_triggers``): when an answer's text or a
  structured tool's data is written, the session's last edit moves to the answer's time and the
  session's latest "edited" entry by the same login within ``EDIT_COALESCE`` is extended, or a
  new one is added.  The first save (an INSERT) is covered too, so saving is one statement.
  No note text is copied anywhere.
"""

from __future__ import annotations

from supervision_app.storage.audit import EDIT_COALESCE


def _definer(name: str, declare: str, body: str, schema: str) -> str:
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        f"SET search_path = pg_catalog, {schema} AS $fn$ {declare} BEGIN {body} END $fn$"
    )


def _recount(case: str) -> str:
    return (
        f"PERFORM 1 FROM cases WHERE id = {case} FOR UPDATE; "
        f"UPDATE cases SET session_count = (SELECT count(*) FROM sessions WHERE case_id = {case}), "
        f"last_session = (SELECT max(date) FROM sessions WHERE case_id = {case}) "
        f"WHERE id = {case};"
    )


def statements(schema: str) -> list[str]:
    seconds = int(EDIT_COALESCE.total_seconds())
    return [
        _definer(
            "supervision_case_recency",
            "",
            f"IF TG_OP <> 'INSERT' THEN {_recount('OLD.case_id')} END IF; "
            f"IF TG_OP <> 'DELETE' THEN {_recount('NEW.case_id')} END IF; RETURN NULL;",
            schema,
        ),
        "CREATE TRIGGER sessions_recency AFTER INSERT OR DELETE OR UPDATE OF date, case_id "
        "ON sessions FOR EACH ROW EXECUTE FUNCTION supervision_case_recency()",
        "CREATE INDEX ix_cases_recent ON cases "
        "((coalesce(last_session, created_at::date)) DESC, reference)",
        _definer(
            "supervision_edit_audit",
            "DECLARE at_second timestamp := date_trunc('second', NEW.updated_at); latest record;",
            "UPDATE sessions SET updated_at = at_second WHERE id = NEW.session_id; "
            "SELECT id, event, user_name, last_at INTO latest FROM audit_events "
            "WHERE session_id = NEW.session_id ORDER BY id DESC LIMIT 1; "
            "IF latest.id IS NOT NULL AND latest.event = 'edited' "
            "AND latest.user_name = session_user::text "
            f"AND latest.last_at >= at_second - interval '{seconds} seconds' THEN "
            "IF latest.last_at < at_second THEN "
            "UPDATE audit_events SET last_at = at_second WHERE id = latest.id; END IF; "
            "ELSE INSERT INTO audit_events "
            "(session_id, case_reference, at, last_at, user_name, user_role, event, detail) "
            "SELECT NEW.session_id, c.reference, at_second, at_second, session_user, '', "
            "'edited', '' FROM sessions s JOIN cases c ON c.id = s.case_id "
            "WHERE s.id = NEW.session_id; END IF; RETURN NULL;",
            schema,
        ),
        "CREATE TRIGGER answers_edit_audit AFTER INSERT OR UPDATE OF text ON answers "
        "FOR EACH ROW EXECUTE FUNCTION supervision_edit_audit()",
        "CREATE TRIGGER structured_answers_edit_audit AFTER INSERT OR UPDATE OF data "
        "ON structured_answers FOR EACH ROW EXECUTE FUNCTION supervision_edit_audit()",
    ]
