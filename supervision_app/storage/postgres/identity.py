"""Identity on the agency server: the audit trail's "who" and a signature's signer.

Both come from ``session_user``, the role the person authenticated as, set by triggers the
app cannot bypass (they run for raw SQL too):

- every audit entry's ``user_name`` and ``db_user`` are overwritten with ``session_user``, and
  its ``case_owner`` (which the row-level security policies read) is taken from the session's
  case; none of these can change afterwards;
- every sign-off or addendum records ``signed_by = session_user`` and must be made in that
  name; a practitioner's sign-off only by the case's owner, a supervisor's only by someone who
  supervises them (``supervision_links``).

The trail is append-only (no DELETE, hashed columns never change once sealed), and entries are
numbered in the order they are written: an advisory lock serialises the inserts and the id is
drawn under it, so the hash chain (storage/audit_chain.py) links entries in commit order.
"""

from __future__ import annotations

from supervision_app.storage.audit_chain import HEAD_KEY
from supervision_app.storage.postgres.audit_trail import seal_sql

#: The advisory-lock namespace (first key) of the audit trail's insert order.
AUDIT_LOCK = 0x5355_4100
HASHED = ("session_id", "case_reference", "at", "user_role", "event", "detail", "prev_hash",
          "row_hash")  # fmt: skip


def _definer(name: str, body: str, schema: str) -> str:
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        f"SET search_path = pg_catalog, {schema} AS $fn$ BEGIN {body} END $fn$"
    )


def statements(schema: str) -> list[str]:
    hashed_changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in HASHED)
    return [
        "ALTER TABLE audit_events ADD COLUMN db_user text NOT NULL DEFAULT session_user",
        "ALTER TABLE audit_events ADD COLUMN case_owner text",
        "ALTER TABLE record_chain_links ADD COLUMN signed_by text NOT NULL DEFAULT session_user",
        _definer(
            "supervision_audit_identity",
            f"PERFORM pg_advisory_xact_lock({AUDIT_LOCK}, 0); "
            "NEW.id := nextval(pg_get_serial_sequence('audit_events', 'id')); "
            "NEW.user_name := session_user; NEW.db_user := session_user; "
            "NEW.case_owner := coalesce(supervision_session_owner(NEW.session_id), "
            f"session_user); {seal_sql()} RETURN NEW;",
            schema,
        ),
        "CREATE TRIGGER audit_events_identity BEFORE INSERT ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION supervision_audit_identity()",
        _definer(
            "supervision_audit_append_only",
            "IF TG_OP = 'DELETE' THEN "
            "RAISE EXCEPTION 'the audit trail is append-only' USING ERRCODE = '42501'; END IF; "
            "IF OLD.row_hash IS NOT NULL THEN "  # the app's own sealing: the server's stands
            "NEW.prev_hash := OLD.prev_hash; NEW.row_hash := OLD.row_hash; END IF; "
            "IF NEW.id <> OLD.id OR NEW.user_name IS DISTINCT FROM OLD.user_name "
            "OR NEW.db_user IS DISTINCT FROM OLD.db_user "
            "OR NEW.case_owner IS DISTINCT FROM OLD.case_owner "
            f"OR (OLD.row_hash IS NOT NULL AND ({hashed_changed})) THEN "
            "RAISE EXCEPTION 'the audit trail is append-only' USING ERRCODE = '42501'; END IF; "
            "RETURN NEW;",
            schema,
        ),
        # The laptop's names (audit_chain), which verify looks for.
        "CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION supervision_audit_append_only()",
        "CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION supervision_audit_append_only()",
        _definer(
            "supervision_audit_head",
            "INSERT INTO app_meta (key, value) VALUES "
            f"('{HEAD_KEY}', NEW.id || ':' || NEW.row_hash) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value; RETURN NEW;",
            schema,
        ),
        "CREATE TRIGGER audit_events_head AFTER INSERT OR UPDATE OF row_hash ON audit_events "
        "FOR EACH ROW WHEN (NEW.row_hash IS NOT NULL) EXECUTE FUNCTION supervision_audit_head()",
        _definer(
            "supervision_signer_identity",
            "NEW.signed_by := session_user; "
            "IF NEW.name IS DISTINCT FROM session_user::text THEN RAISE EXCEPTION USING "
            "ERRCODE = '42501', MESSAGE = 'On the agency server a record is signed and added "
            "to in the name of your login (' || session_user || ') only.'; END IF; "
            "IF NEW.kind = 'signoff' AND NEW.party = 'practitioner' AND "
            "supervision_session_owner(NEW.session_id) IS DISTINCT FROM session_user::text "
            "THEN RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'Only the practitioner "
            "whose case this is can sign as the practitioner.'; END IF; "
            "IF NEW.kind = 'signoff' AND NEW.party = 'supervisor' AND NOT "
            "supervision_supervises(session_user::text, supervision_session_owner(NEW.session_id))"
            " THEN RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'Only a supervisor of the "
            "practitioner whose case this is can sign as the supervisor.'; END IF; RETURN NEW;",
            schema,
        ),
        "CREATE TRIGGER record_chain_links_identity BEFORE INSERT ON record_chain_links "
        "FOR EACH ROW EXECUTE FUNCTION supervision_signer_identity()",
    ]
