"""Low-level SQLCipher connections: keyed first, then checked with a real read.

Only the SQLite backend (this package) uses this module.
SQLCipher's defaults are kept (AES-256, HMAC-SHA512 on every page, 4096-byte
pages); the key is a raw 256-bit data key (see :mod:`.keys`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlcipher3

from supervision_app.private_files import create_private

#: A DB-API connection of sqlcipher3 (which has no type information).
Connection = Any

Error = sqlcipher3.Error
DatabaseError = sqlcipher3.DatabaseError


def raw_key(data_key: bytes) -> str:
    return f"\"x'{data_key.hex()}'\""


def connect(
    path: str, data_key: bytes, *, read_only: bool = False, uri_file: bool = False
) -> Connection:
    """A connection keyed with ``data_key`` whose key has been proven by a real read.

    Raises :class:`sqlcipher3.DatabaseError` ("file is not a database") for a
    wrong key or a file that is not an SQLCipher database.
    """
    if not read_only:
        create_private(Path(path))  # before SQLite creates it (and its WAL/SHM) with the umask
    target = f"{Path(path).resolve().as_uri()}?mode=ro" if read_only else path
    conn = sqlcipher3.connect(
        target, uri=read_only or uri_file, check_same_thread=False, timeout=5.0
    )
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # never write to stderr
        conn.execute(f"PRAGMA key = {raw_key(data_key)}")  # before any other statement
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the real read
    except Exception:
        conn.close()
        raise
    return conn


def connect_plain(path: str) -> Connection:
    """A connection to an unencrypted database file (one from an earlier version)."""
    conn = sqlcipher3.connect(path)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # never write to stderr
    except Exception:
        conn.close()
        raise
    return conn


def apply_pragmas(conn: Connection) -> None:
    for pragma in (
        "PRAGMA busy_timeout=5000",
        "PRAGMA foreign_keys=ON",
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "PRAGMA temp_store=MEMORY",
        "PRAGMA secure_delete=ON",
    ):
        conn.execute(pragma)


def export_to(conn: Connection, target: str, data_key: bytes) -> None:
    """Write the whole database, encrypted under ``data_key``, to a new file ``target``."""
    create_private(Path(target))
    conn.execute("ATTACH DATABASE ? AS export_target KEY ?", (target, f"x'{data_key.hex()}'"))
    try:
        conn.execute("SELECT sqlcipher_export('export_target')")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA export_target.user_version = {int(version)}")
    finally:
        conn.execute("DETACH DATABASE export_target")


def check_integrity(conn: Connection) -> list[str]:
    """Problems found by SQLite's and SQLCipher's integrity checks (empty when all is well)."""
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
    except sqlcipher3.DatabaseError as exc:
        problems = [str(exc)]
    return problems


def check_structure(conn: Connection, path: str) -> list[str]:
    """Problems found by checks that cost the same whatever the size of the file.

    The pages read so far (the header and the schema) have passed their HMAC; this
    adds the file's length against the page count in its (authenticated) header, which
    finds a truncated file.  Every later page is checked by its HMAC when it is read, so
    damage elsewhere is reported by the first statement that reaches it and never
    returned as data; :func:`check_integrity` checks every page up front.
    """
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    except sqlcipher3.DatabaseError as exc:
        return [str(exc)]
    size = os.path.getsize(path)
    if size % page_size:
        return [f"the file is {size} bytes, not a whole number of {page_size}-byte pages"]
    if size < pages * page_size:
        return [f"the file is truncated ({size // page_size} of {pages} pages)"]
    return []


def read_meta(conn: Connection) -> tuple[set[str], dict[str, str]]:
    tables = {
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    meta: dict[str, str] = {}
    if "app_meta" in tables:
        meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM app_meta")}
    return tables, meta
