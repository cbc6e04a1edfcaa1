"""Reliability run: SIGKILL mid-write, fuzzed damaged files, tampering, malformed record files, and a full disk.

    python scripts/reliability.py                 # 1,000 kills, 300 fuzzed files, 325 tamper
                                                  # attempts, 300 malformed record files, disk full
    python scripts/reliability.py --kills 20 --fuzz 30 --tamper 30 --records 30

The tamper and record-file fuzzers are tests/attack_fuzz.py (the suite runs them small).

Prints the figures and exits non-zero if anything acknowledged was lost, a
damaged file was changed or not refused cleanly, or the full disk lost text.
POSIX only (fork, SIGKILL).  The kill loop runs in a temporary folder (on
tmpfs when available: a killed process leaves its writes in the page cache,
so tmpfs is a faithful place to test process death, not power loss).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from supervision_app.storage import (  # noqa: E402
    DatabaseOpenError,
    SupervisionStore,
    open_database,
)
from supervision_app.storage.autosave import AnswerEdit, AutosaveWriter  # noqa: E402
from supervision_app.storage.keys import key_file_path  # noqa: E402
from supervision_app.storage.sqlite import cipher  # noqa: E402
from tests.crash_harness import run_kills  # noqa: E402
from tests.helpers import make_case, make_full_session, shared_key_ring  # noqa: E402


def kills(count: int, folder: Path) -> dict:
    started = time.monotonic()

    def progress(run, ledger) -> None:
        if run % 50 == 0:
            print(f"  {run} kills, {ledger.acks} acknowledged edits", flush=True)

    ledger, problems = run_kills(
        folder / "crash.sqlite3", shared_key_ring(), count, 1, True, progress
    )
    return {
        "kills": count,
        "acknowledged_edits": ledger.acks,
        "problems": problems[:20],
        "problem_count": len(problems),
        "seconds": round(time.monotonic() - started, 1),
    }


def _mutate(raw: bytes, keys: bytes, rng: random.Random) -> tuple[str, bytes, bytes]:
    kind = rng.choice(
        ["flip", "flip", "truncate", "zero-page", "random", "splice", "key-file", "empty"]
    )
    data = bytearray(raw)
    if kind == "flip":
        for _ in range(rng.randint(1, 16)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        data = data[: rng.randrange(len(data))]
    elif kind == "zero-page":
        page = rng.randrange(len(data) // 4096)
        data[page * 4096 : (page + 1) * 4096] = bytes(4096)
    elif kind == "random":
        data = bytearray(rng.randbytes(len(data)))
    elif kind == "splice":
        at = rng.randrange(len(data))
        data[at:at] = rng.randbytes(rng.randint(1, 5000))
    elif kind == "empty":
        data = bytearray()
    elif kind == "key-file":
        k = bytearray(keys)
        for _ in range(rng.randint(1, 4)):
            k[rng.randrange(len(k))] = rng.randrange(32, 127)
        return kind, bytes(data), bytes(k)
    return kind, bytes(data), keys


def fuzz(count: int, folder: Path) -> dict:
    rng = random.Random(2)
    source = folder / "source.sqlite3"
    database = open_database(source, shared_key_ring())
    store = SupervisionStore(database)
    make_full_session(store, make_case(store))
    database.close()
    raw, keys = source.read_bytes(), key_file_path(source).read_bytes()
    outcome = {
        "refused_cleanly": 0,
        "opened_and_verified": 0,
        "changed_on_refusal": 0,
        "crashed": 0,
    }
    kinds: dict[str, int] = {}
    failures = []
    for i in range(count):
        kind, bad, bad_keys = _mutate(raw, keys, rng)
        kinds[kind] = kinds.get(kind, 0) + 1
        path = folder / f"fuzz{i}.sqlite3"
        path.write_bytes(bad)
        key_file_path(path).write_bytes(bad_keys)
        try:
            opened = open_database(path, shared_key_ring() if kind != "key-file" else _pass())
        except DatabaseOpenError:
            if path.read_bytes() != bad or key_file_path(path).read_bytes() != bad_keys:
                outcome["changed_on_refusal"] += 1
                failures.append(f"{i} {kind}: changed")
            else:
                outcome["refused_cleanly"] += 1
        except Exception as exc:  # anything else is a bug: an unclear message or a traceback
            outcome["crashed"] += 1
            failures.append(f"{i} {kind}: {type(exc).__name__}: {exc}")
        else:  # the damage missed everything (e.g. a flip in an unused key-file byte)
            try:
                SupervisionStore(opened).cases.list_cases()
            except Exception as exc:  # opened, but damaged: it should have been refused
                outcome["crashed"] += 1
                failures.append(f"{i} {kind}: opened, then {type(exc).__name__}: {exc}")
            else:
                outcome["opened_and_verified"] += 1
            finally:
                opened.close()
        for leftover in folder.glob(f"fuzz{i}.sqlite3*"):
            leftover.unlink()
    return {"files": count, "kinds": kinds, **outcome, "failures": failures[:20]}


def tamper(count: int, folder: Path) -> dict:
    from tests.attack_fuzz import fuzz_tampering

    started = time.monotonic()
    result = fuzz_tampering(count, folder)
    return {
        "attempts": result.attempts,
        "detected": result.detected,
        "missed": result.missed,
        "kinds": len(result.kinds),
        "per_kind": dict(result.kinds),
        "seconds": round(time.monotonic() - started, 1),
    }


def records(count: int, folder: Path) -> dict:
    from tests.attack_fuzz import fuzz_record_files

    started = time.monotonic()
    result = fuzz_record_files(count, folder)
    return {
        "files": result.attempts,
        "refused": result.refused,
        "accepted_harmless": result.accepted,
        "generic_messages": result.generic[:20],
        "field_not_named": result.unnamed[:20],
        "changed_after_refusal": result.changed_after_refusal[:20],
        "per_kind": dict(result.kinds),
        "seconds": round(time.monotonic() - started, 1),
    }


def _pass():
    from supervision_app.storage import Passphrase
    from tests.helpers import TEST_PASSPHRASE

    return Passphrase(TEST_PASSPHRASE)


#: The small disk: room for the database and a 600 kB answer with its search index and WAL once
#: the filler is removed (2 MB could never hold them, so that edit could never be saved).
DISK_MB = 8


@contextlib.contextmanager
def small_disk():
    """A small (8 MB) tmpfs when we may mount one (root), else None."""
    mount = Path(tempfile.mkdtemp(prefix="supervision-full-"))
    mounted = False
    if os.geteuid() == 0 and shutil.which("mount"):
        mounted = (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={DISK_MB}m", "tmpfs", str(mount)],
                capture_output=True,
            ).returncode
            == 0
        )
    try:
        yield mount if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", str(mount)], capture_output=True)
        shutil.rmtree(mount, ignore_errors=True)


def disk_full() -> dict:
    with small_disk() as mount:
        if mount is None:
            return {"method": "skipped (needs root to mount a small tmpfs)"}
        db = mount / "full.sqlite3"
        database = open_database(db, shared_key_ring())
        store = SupervisionStore(database)
        session_id = store.sessions.create_session(make_case(store), date(2026, 1, 5), [], "1")
        filler = mount / "filler"
        with contextlib.suppress(OSError), filler.open("wb") as handle:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        outcomes = []
        writer = AutosaveWriter(store, outcomes.append)
        words = "Typed while the disk was full. " * 20000  # ~600 kB
        writer.submit(AnswerEdit(session_id, "s.p", "s", "Q", words))
        saved_while_full = writer.flush(timeout=5)
        messages = sorted({o.error for o in outcomes if not o.ok})
        filler.unlink()  # space returns
        saved_after = writer.flush(timeout=60)
        writer.close()
        saved = store.sessions.get_session(session_id).answers.get("s.p")
        text_ok = saved is not None and saved.text == words
        conn = cipher.connect(str(db), database.backend.key_ring.data_key)
        integrity = cipher.check_integrity(conn)
        conn.close()
        database.close()
        return {
            "method": f"{DISK_MB} MB tmpfs filled to the last byte",
            "saved_while_full": saved_while_full,
            "messages": messages,
            "saved_after_space_returned": saved_after,
            "text_intact": text_ok,
            "integrity_problems": integrity,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--fuzz", type=int, default=300)
    parser.add_argument("--tamper", type=int, default=325)
    parser.add_argument("--records", type=int, default=300)
    args = parser.parse_args()
    base = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(prefix="supervision-reliability-", dir=base) as tmp:
        folder = Path(tmp)
        os.environ["SUPERVISION_APP_DATA_DIR"] = str(folder / "appdata")
        print(f"SIGKILL x {args.kills} …", flush=True)
        report = {"kills": kills(args.kills, folder)}
        print(json.dumps({"kills": report["kills"]}, indent=2), flush=True)
        print(f"fuzzed files x {args.fuzz} …", flush=True)
        report["fuzz"] = fuzz(args.fuzz, folder)
        print(json.dumps({"fuzz": report["fuzz"]}, indent=2, ensure_ascii=False), flush=True)
        print(f"tamper attempts x {args.tamper} …", flush=True)
        report["tamper"] = tamper(args.tamper, folder / "tamper")
        print(json.dumps({"tamper": report["tamper"]}, indent=2), flush=True)
        print(f"malformed record files x {args.records} …", flush=True)
        report["records"] = records(args.records, folder / "records")
        print(json.dumps({"records": report["records"]}, indent=2, ensure_ascii=False), flush=True)
        print("full disk …", flush=True)
        report["disk_full"] = disk_full()
    print(json.dumps(report, indent=2, ensure_ascii=False))
    full = report["disk_full"]
    bad = (
        report["kills"]["problem_count"]
        or report["fuzz"]["changed_on_refusal"]
        or report["fuzz"]["crashed"]
        or report["tamper"]["missed"]
        or report["records"]["generic_messages"]
        or report["records"]["field_not_named"]
        or report["records"]["changed_after_refusal"]
        or (
            full.get("method", "").startswith(f"{DISK_MB} MB")
            and not (full["text_intact"] and full["saved_after_space_returned"])
        )
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
