"""The agency server: the same schema on a shared PostgreSQL (14 or newer).

Everything specific to PostgreSQL lives here: ``server-init`` (the schema, the group roles,
row-level security and the identity triggers, :mod:`.server_init`), full-text search
(:mod:`.search`) and safe concurrent editing (:mod:`.concurrency`).  See docs/agency-server.md.
Nothing here is imported by the laptop app unless it is pointed at a ``postgresql://`` URL,
except :mod:`.url`, the plain-text check that tells such a URL from a file's path.
"""
