"""Kill the storage engine mid-write and check that nothing acknowledged is lost.

The child (``python -m tests.crash_harness child DB START SEED``) makes edits
through the store and the autosave writer and prints ``ACK kind key index``
after each commit has returned.  The parent kills it with SIGKILL at a random
moment, reopens the database and checks:

* every acknowledged edit is there (or a newer edit of the same thing),
* every stored value is exactly one whole value the child wrote (nothing torn),
* a decision and its rationale, written together, are never half there,
* ``PRAGMA integrity_check`` and ``PRAGMA cipher_integrity_check`` pass.

Used by tests/storage/test_reliability.py (a few kills) and scripts/reliability.py (1,000).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

KEY_ENV = "SUPERVISION_APP_TEST_DATA_KEY"
PROMPTS = 12


def answer_text(index: int, prompt: int) -> str:
    """A long, self-checking value: its index, then a body derived from it."""
    body = "".join(chr(0x61 + (index * 7 + i) % 26) for i in range(3000 + index % 2000))
    return f"edit {index} prompt {prompt} 👶🏽 {body} end {index}"


def parse_index(text: str) -> int:
    return int(text.split(" ", 2)[1])


# -- the child ---------------------------------------------------------------------------


def _open_child(db: Path):
    from supervision_app.storage import KeyRing, open_database
    from supervision_app.storage.keys import key_file_path, read_key_file

    entry = read_key_file(key_file_path(db))[0]
    return open_database(db, KeyRing(bytes.fromhex(os.environ[KEY_ENV]), entry))


def child(db: Path, start: int, seed: int) -> None:
    from supervision_app.storage import SupervisionStore
    from supervision_app.storage.autosave import AnswerEdit, AutosaveWriter

    database = _open_child(db)
    store = SupervisionStore(database)
    session_id = store.sessions.list_sessions(store.cases.list_cases()[0].id)[0].id
    writer = AutosaveWriter(store)
    rng = random.Random(seed)
    out = sys.stdout
    out.write("READY\n")
    out.flush()
    index = start
    while True:
        index += 1
        roll = rng.random()
        if roll < 0.6:
            prompt = rng.randrange(PROMPTS)
            writer.submit(
                AnswerEdit(session_id, f"s.p{prompt}", "s", "Q", answer_text(index, prompt))
            )
            if not writer.flush(30):
                continue
            out.write(f"ACK answer {prompt} {index}\n")
        elif roll < 0.9:
            store.sessions.add_decision(session_id, f"decision {index}", f"rationale {index}")
            out.write(f"ACK decision - {index}\n")
        else:
            store.sessions.add_action(session_id, f"action {index}", "owner", date(2027, 1, 1))
            out.write(f"ACK action - {index}\n")
        out.flush()


# -- the parent ----------------------------------------------------------------------------


@dataclass
class Ledger:
    answers: dict[int, int] = field(default_factory=dict)  # prompt -> newest acked index
    decisions: set[int] = field(default_factory=set)
    actions: set[int] = field(default_factory=set)
    acks: int = 0

    def record(self, line: str) -> None:
        parts = line.split()
        if len(parts) != 4 or parts[0] != "ACK":
            return
        kind, key, index = parts[1], parts[2], int(parts[3])
        self.acks += 1
        if kind == "answer":
            self.answers[int(key)] = max(self.answers.get(int(key), 0), index)
        elif kind == "decision":
            self.decisions.add(index)
        else:
            self.actions.add(index)


def prepare(db: Path, ring) -> None:
    from supervision_app.storage import SupervisionStore, open_database
    from tests.helpers import make_case

    database = open_database(db, ring)
    store = SupervisionStore(database)
    store.sessions.create_session(make_case(store, "CRASH-1"), date(2026, 1, 1), [], "1")
    database.close()


def _spawn_subprocess(db: Path, ring, run: int):
    env = {**os.environ, KEY_ENV: ring.data_key.hex()}
    root = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = os.pathsep.join([str(root), env.get("PYTHONPATH", "")])
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.crash_harness",
            "child",
            str(db),
            str(run * 1_000_000),
            str(run),
        ],
        stdout=subprocess.PIPE,
        stderr=None if os.environ.get("CRASH_DEBUG") else subprocess.DEVNULL,
        env=env,
        cwd=root,
    )
    assert proc.stdout is not None
    return proc, proc.stdout.fileno()


class _Forked:
    """A forked child (the script's fast path: no interpreter start-up per kill)."""

    def __init__(self, db: Path, ring, run: int) -> None:
        read_end, write_end = os.pipe()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read_end)
            os.dup2(write_end, 1)
            os.environ[KEY_ENV] = ring.data_key.hex()
            try:
                child(db, run * 1_000_000, run)
            finally:
                os._exit(1)
        os.close(write_end)
        self.pid, self.fd = pid, read_end
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = status
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, sig)

    def wait(self) -> None:
        if self.returncode is None:
            self.returncode = os.waitpid(self.pid, 0)[1]


def kill_once(
    db: Path, ring, ledger: Ledger, run: int, rng: random.Random, fork: bool = False
) -> None:
    if fork:
        proc = _Forked(db, ring, run)
        fd = proc.fd
    else:
        proc, fd = _spawn_subprocess(db, ring, run)
    os.set_blocking(fd, False)
    buffer = b""
    started = time.monotonic() + 60
    while b"READY\n" not in buffer and proc.poll() is None and time.monotonic() < started:
        buffer += _drain(fd)
        time.sleep(0.005)
    deadline = time.monotonic() + rng.uniform(0.02, 0.8)  # a random moment mid-edits
    while time.monotonic() < deadline and proc.poll() is None:
        buffer += _drain(fd)
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    buffer += _drain(fd)
    for line in buffer.decode("utf-8", "replace").splitlines(keepends=True):
        if line.endswith("\n"):  # a line cut by the kill was never acknowledged
            ledger.record(line)
    if fork:
        os.close(fd)
    else:
        proc.stdout.close()


def _drain(fd: int) -> bytes:
    data = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return data
        if not chunk:
            return data
        data += chunk


def verify(db: Path, ring, ledger: Ledger) -> list[str]:
    """Problems found (empty when everything acknowledged is there, whole)."""
    from supervision_app.storage import SupervisionStore, open_database
    from supervision_app.storage.sqlite import cipher

    problems: list[str] = []
    conn = cipher.connect(str(db), ring.data_key)
    problems += cipher.check_integrity(conn)
    conn.close()
    database = open_database(db, ring)
    try:
        store = SupervisionStore(database)
        detail = store.sessions.get_session(store.sessions.list_sessions(store.cases.list_cases()[0].id)[0].id)
        for prompt, acked in ledger.answers.items():
            answer = detail.answers.get(f"s.p{prompt}")
            if answer is None:
                problems.append(f"answer {prompt} lost")
                continue
            index = parse_index(answer.text)
            if index < acked:
                problems.append(f"answer {prompt}: acked {acked}, found older {index}")
            if answer.text != answer_text(index, prompt):
                problems.append(f"answer {prompt}: torn text")
        decisions = {d.text: d.rationale for d in detail.decisions}
        for text, rationale in decisions.items():
            if rationale != f"rationale {text.split()[1]}":
                problems.append(f"{text} half-applied")
        found = {int(t.split()[1]) for t in decisions}
        problems += [f"decision {i} lost" for i in ledger.decisions - found]
        actions = {int(a.description.split()[1]) for a in detail.actions}
        problems += [f"action {i} lost" for i in ledger.actions - actions]
    finally:
        database.close()
    return problems


def run_kills(
    db: Path, ring, kills: int, seed: int = 1, fork: bool = False, progress=None
) -> tuple[Ledger, list[str]]:
    rng = random.Random(seed)
    prepare(db, ring)
    ledger = Ledger()
    problems: list[str] = []
    for run in range(1, kills + 1):
        kill_once(db, ring, ledger, run, rng, fork)
        if progress:
            progress(run, ledger)
        found = verify(db, ring, ledger)
        problems += [f"kill {run}: {p}" for p in found]
    return ledger, problems


if __name__ == "__main__" and sys.argv[1:2] == ["child"]:
    child(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
