"""The SQLite backend: the encrypted database file on a laptop (SQLCipher 4 through SQLAlchemy).

Everything specific to SQLite and SQLCipher lives here, behind the interfaces of
:mod:`supervision_app.storage.backend`: opening and keying the file (:mod:`.backend`,
:mod:`.cipher`), its PRAGMAs, the schema steps (:mod:`.migrations`, :mod:`.schema`,
:mod:`.convert`), the FTS5 search index (:mod:`.search_index`), the triggers
(:mod:`.triggers`), the write-ahead log, backups (:mod:`.backup`), key rotation
(:mod:`.security`), the file helpers (:mod:`.files`) and the one-instance lock
(:mod:`.instance_lock`).  Importing this package imports none of them.
"""
