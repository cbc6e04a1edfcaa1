"""A second start on the same database brings the first window forward and opens nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from supervision_app.ui.single_instance import server_name
from tests.ui.test_gui_security import unlocked  # noqa: F401  (the fixture)


def test_a_second_start_brings_the_first_window_forward(qtbot, unlocked) -> None:  # noqa: F811
    window, database, _session_id = unlocked
    assert window.instance_server.listening
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    keys_before = Path(f"{database.path}.keys").read_bytes()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("SUPERVISION_APP_PASSPHRASE", None)
    second = subprocess.Popen(
        [sys.executable, "-m", "supervision_app", "gui", "--db", str(database.path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)  # serves the request
    out, err = second.communicate()
    assert second.returncode == 0, err
    assert "brought to the front" in out
    assert not window.isMinimized()
    assert Path(f"{database.path}.keys").read_bytes() == keys_before


def test_the_socket_name_says_nothing_about_the_records(tmp_path: Path) -> None:
    path = tmp_path / "Case-CSC-7 notes.sqlite3"
    name = server_name(path)
    assert name.startswith("supervision-app-") and "CSC" not in name and "notes" not in name
    assert name == server_name(path) != server_name(tmp_path / "other.sqlite3")
