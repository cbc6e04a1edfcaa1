#!/usr/bin/env python3
"""A throw-away PostgreSQL cluster for the tests: local socket only, trust authentication.

    python3 scripts/throwaway_postgres.py start FOLDER   # prints the SQLAlchemy URL on stdout
    python3 scripts/throwaway_postgres.py stop FOLDER

It uses the server programs of Debian's ``postgresql`` package (``initdb`` and ``pg_ctl`` under
``/usr/lib/postgresql/<version>/bin``, or on the PATH). The cluster listens on a Unix socket in
FOLDER and on no TCP port, so nothing outside this machine can reach it. PostgreSQL refuses to
run as root: under root the cluster is owned by the ``postgres`` system user (created by the
package), and FOLDER is handed to that user.

Nothing here is used by the app: it exists so that CI can test the storage seam against a real
PostgreSQL server (see docs/agency-server.md). Standard library only.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

DATABASE = "supervision_test"


def server_bin(program: str) -> str | None:
    found = shutil.which(program)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"), reverse=True)
    return candidates[0] if candidates else None


def _as_owner(command: list[str]) -> list[str]:
    if os.name == "posix" and os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def start(folder: Path) -> str:
    initdb, pg_ctl = server_bin("initdb"), server_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise SystemExit("PostgreSQL's server programs (initdb, pg_ctl) are not installed.")
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix" and os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "text": True, "check": True}
    try:
        if not data.exists():
            subprocess.run(
                _as_owner([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]),
                **quiet,
            )
        running = (
            subprocess.run(
                _as_owner([pg_ctl, "-D", str(data), "status"]), capture_output=True, check=False
            ).returncode
            == 0
        )
        if not running:
            subprocess.run(
                _as_owner([pg_ctl, "-D", str(data), "-w", "-l", str(folder / "server.log"),
                           "-o", f"-k {folder} -c listen_addresses=''", "start"]),
                **quiet,
            )  # fmt: skip
        psql = server_bin("psql") or "psql"
        exists = subprocess.run(
            _as_owner([psql, "-h", str(folder), "-U", "postgres", "-d", "postgres", "-tAc",
                       f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"]),
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        if not exists:
            subprocess.run(
                _as_owner([psql, "-h", str(folder), "-U", "postgres", "-d", "postgres", "-c",
                           f"CREATE DATABASE {DATABASE}"]),
                **quiet,
            )  # fmt: skip
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"The throw-away PostgreSQL did not start: {exc.stderr.strip()}") from None
    return f"postgresql+psycopg://postgres@/{DATABASE}?host={folder}"


def stop(folder: Path) -> None:
    pg_ctl = server_bin("pg_ctl")
    data = folder / "data"
    if pg_ctl and (data / "postmaster.pid").exists():
        subprocess.run(
            _as_owner([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"]),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
        )  # fmt: skip


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in {"start", "stop"}:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[1]).resolve()
    if argv[0] == "start":
        print(start(folder))
    else:
        stop(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
