"""The audit trail's hash chain, kept and checked by the server.

On the laptop the app seals each entry (storage/audit_chain.py).  On the agency server a login
sees only the entries of the cases it may read, so it could not find the entry before its own;
the server seals every entry as it is inserted instead (identity.py's insert trigger, under the
lock that orders the trail), with :func:`digest_sql`, the same SHA-256 over the same JSON as
``audit_chain.row_digest``, so the laptop's code and the server agree on every hash.  The app's
own sealing UPDATE that follows is then kept from changing anything (identity.py).

``supervision_audit_problems()`` walks the whole chain on the server and returns what is wrong,
in the laptop's words (``audit_chain.chain_problems``), but only for the entries the login may
read (a problem with the trail as a whole, such as its newest entries removed, is returned to
everyone, without a case).
"""

from __future__ import annotations

from supervision_app.storage.audit_chain import GENESIS, HEAD_KEY

PROTECTING_TRIGGERS = (
    "audit_events_identity",
    "audit_events_append_only_update",
    "audit_events_append_only_delete",
    "audit_events_head",
)


def _json(expression: str) -> str:
    return f"to_json({expression})::text"


#: JSON of [prev, id, session_id, reference, at, who, role, event, detail], as json.dumps
#: writes it with separators=(",", ":") and ensure_ascii=False.
_CANONICAL = (
    "'[' || concat_ws(',', "
    + ", ".join(
        (
            _json("prev"),
            "e.id::text",
            "coalesce(e.session_id::text, 'null')",
            _json("coalesce(e.case_reference, '')"),
            _json("to_char(e.at, 'YYYY-MM-DD HH24:MI:SS.US')"),
            _json("coalesce(e.user_name, '')"),
            _json("coalesce(e.user_role, '')"),
            _json("e.event"),
            _json("coalesce(e.detail, '')"),
        )
    )
    + ") || ']'"
)


def statements(schema: str) -> list[str]:
    removed = "the audit trail was changed: an entry before entry ' || r.id || ' was removed, " \
        "or this one was inserted"  # fmt: skip
    return [
        "CREATE FUNCTION supervision_audit_digest(prev text, e audit_events) RETURNS text "
        f"LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, {schema} AS $$ SELECT "
        f"encode(sha256(convert_to({_CANONICAL}, 'UTF8')), 'hex') $$",
        "CREATE FUNCTION supervision_audit_problems() "
        "RETURNS TABLE (session_id integer, case_reference text, problem text) "
        f"LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, {schema} AS $fn$ "
        f"DECLARE r audit_events; prev text := '{GENESIS}'; last_id integer; last_hash text; "
        "head text; mine boolean; BEGIN "
        "IF (SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND tgname "
        f"IN ({', '.join(repr(t) for t in PROTECTING_TRIGGERS)})) < {len(PROTECTING_TRIGGERS)} "
        "THEN session_id := NULL; case_reference := ''; problem := 'the audit trail''s "
        "append-only protection was removed'; RETURN NEXT; END IF; "
        "FOR r IN SELECT * FROM audit_events ORDER BY id LOOP "
        "mine := supervision_may_read(r.case_owner); "
        "session_id := r.session_id; case_reference := coalesce(r.case_reference, ''); "
        "IF r.row_hash IS NULL AND r.event = 'edited' THEN CONTINUE; END IF; "
        "IF r.row_hash IS NULL OR r.prev_hash IS DISTINCT FROM prev THEN "
        f"problem := '{removed}'; IF mine THEN RETURN NEXT; END IF; "
        "ELSIF supervision_audit_digest(prev, r) <> r.row_hash THEN "
        "problem := 'the audit trail was changed: entry ' || r.id || ' was edited'; "
        "IF mine THEN RETURN NEXT; END IF; END IF; "
        "prev := coalesce(r.row_hash, prev); last_id := r.id; last_hash := r.row_hash; "
        "END LOOP; "
        f"SELECT value INTO head FROM app_meta WHERE key = '{HEAD_KEY}'; "
        "IF head IS DISTINCT FROM (last_id || ':' || last_hash) "
        "AND (head IS NOT NULL OR last_id IS NOT NULL) THEN session_id := NULL; "
        "case_reference := ''; problem := 'the audit trail was changed: its newest entries "
        "were removed'; RETURN NEXT; END IF; END $fn$",
        "GRANT EXECUTE ON FUNCTION supervision_audit_problems() TO PUBLIC",
    ]


def seal_sql() -> str:
    """The lines of the insert trigger that seal ``NEW`` (after it has its id and identity)."""
    return (
        "SELECT a.row_hash INTO NEW.prev_hash FROM audit_events a "
        "WHERE a.row_hash IS NOT NULL ORDER BY a.id DESC LIMIT 1; "
        f"NEW.prev_hash := coalesce(NEW.prev_hash, '{GENESIS}'); "
        "NEW.row_hash := supervision_audit_digest(NEW.prev_hash, NEW); "
    )
