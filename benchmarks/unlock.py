"""Unlocking the encrypted database (informative): the passphrase to an open database.

App: ``open_database(path, Passphrase(...))`` then ``close()``, what the unlock
dialog does when the user presses Unlock: PBKDF2-HMAC-SHA512 over the key file's
passphrase slot (``storage.keys.KDF_ITERATIONS``), the read-only proof and
integrity check of the file (``storage.sqlite.backend.unlock_file``), the engine and
the schema check.  Baseline: one SQLCipher connection keyed with the raw data
key and proven by a read (``storage.sqlite.cipher.connect``), i.e. unlocking without
the key derivation and the checks.  No target: the key derivation is slow on
purpose, and it happens after the user has typed the passphrase.
"""

from __future__ import annotations

import time

from benchmarks import data
from benchmarks.harness import Context, Row, median, paired, timed

ROWS = ("unlock",)


def run(ctx: Context, wanted: set[str]) -> list[Row]:
    from supervision_app.storage import Passphrase, open_database
    from supervision_app.storage.keys import KDF_ITERATIONS, key_file_path, read_key_file, unlock
    from supervision_app.storage.sqlite import cipher

    s = ctx.settings
    n = s.cases_sessions
    db = ctx.cached(f"db_{n}", lambda: data.seed_bulk(ctx.workdir / f"sessions_{n}.sqlite3", n))
    key = data.data_key(db.path)
    passphrase = Passphrase(data.PASSPHRASE)

    def app() -> None:
        open_database(db.path, passphrase).close()

    def baseline() -> None:
        cipher.connect(str(db.path), key).close()

    reps = max(5, s.startup_reps)
    a, b = paired(timed(app), timed(baseline), 1, reps)
    entries = read_key_file(key_file_path(db.path))
    kdf = [timed(lambda: unlock(entries, passphrase))() for _ in range(5)]
    conn = cipher.connect(str(db.path), key, read_only=True)
    try:
        started = time.perf_counter()
        cipher.check_integrity(conn)
        full_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        structure = getattr(cipher, "check_structure", None)
        if structure is not None:
            structure(conn, str(db.path))
        quick_ms = (time.perf_counter() - started) * 1000 if structure is not None else None
    finally:
        conn.close()
    row = Row(
        "unlock",
        f"Unlock: passphrase to open database ({n} sessions)",
        "ms",
        median(a),
        median(b),
        "—",
        None,
        samples={"app_ms": a, "baseline_ms": b, "kdf_ms": kdf},
    )
    size_mb = db.path.stat().st_size / 1e6
    row.notes.append(
        f"informative; app: open_database(path, Passphrase) + close on a {size_mb:.1f} MB file; "
        f"baseline: one SQLCipher connection keyed with the raw data key and proven by a read; "
        f"{len(a)} runs each"
    )
    row.notes.append(
        f"of which key derivation (PBKDF2-HMAC-SHA512, {KDF_ITERATIONS:,} iterations) median "
        f"{median(kdf):.0f} ms. Not part of the start-up rows, which open the database with "
        "the unlocked key"
    )
    if quick_ms is not None:
        row.notes.append(
            f"checking the file at unlock: {full_ms:.0f} ms for the full integrity_check + "
            f"cipher_integrity_check of this {size_mb:.1f} MB file (run at every unlock for "
            "files up to 64 MB, and after a crash for any size; about 1.5 s per 100 MB); "
            f"{quick_ms:.1f} ms for the size-independent checks (cipher.check_structure) that "
            "replace it after a clean close of a larger file"
        )
    else:
        row.notes.append(f"the unlock-time integrity check: {full_ms:.0f} ms on this file")
    return [row]
