"""The start-up probe of a database's instance lock: is another process holding it? It must
answer truly either way and never leave the lock held, so the real open still takes it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from supervision_app.storage import DatabaseInUseError
from supervision_app.storage.sqlite.instance_lock import InstanceLock, held_elsewhere, lock_path
from tests.helpers import open_db

ROOT = Path(__file__).resolve().parents[2]
HOLDER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from supervision_app.storage.sqlite.instance_lock import InstanceLock\n"
    "lock = InstanceLock(Path(sys.argv[1]))\n"
    "lock.acquire()\n"
    "print('held', flush=True)\n"
    "sys.stdin.readline()\n"
    "lock.release()\n"
)


@pytest.fixture
def holder(db_path: Path):
    """Another process holding ``db_path``'s lock until the test ends."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    yield process
    if process.poll() is None:
        process.communicate("\n", timeout=30)


def test_a_database_never_opened_has_no_holder_and_the_probe_creates_no_file(
    db_path: Path,
) -> None:
    assert not held_elsewhere(db_path)
    assert not lock_path(db_path).exists()


def test_a_lock_held_by_another_process_is_seen_and_left_to_it(db_path: Path, holder) -> None:
    assert held_elsewhere(db_path)
    assert held_elsewhere(db_path)  # asking again changes nothing
    with pytest.raises(Exception, match="already open"):
        InstanceLock(db_path).acquire()  # still that process's
    holder.communicate("\n", timeout=30)
    assert not held_elsewhere(db_path)


def test_the_probe_gives_the_lock_back_for_the_real_open(db_path: Path) -> None:
    open_db(db_path).close()
    assert lock_path(db_path).exists()
    assert not held_elsewhere(db_path)
    database = open_db(db_path)  # the real open takes the lock after the probe
    try:
        assert held_elsewhere(db_path)  # another open of the file, as a second window's would
        with pytest.raises(DatabaseInUseError, match="already open"):
            open_db(db_path)
        assert held_elsewhere(db_path)  # the refused open and the probe left it held
    finally:
        database.close()
    assert not held_elsewhere(db_path)
    open_db(db_path).close()


def test_after_the_probe_another_process_can_take_the_lock(db_path: Path) -> None:
    open_db(db_path).close()
    assert not held_elsewhere(db_path)
    process = subprocess.run(
        [sys.executable, "-c", HOLDER, str(db_path)],
        cwd=ROOT, input="\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert process.returncode == 0, process.stderr
    assert process.stdout.strip() == "held"
