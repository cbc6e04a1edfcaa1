#!/usr/bin/env python3
"""Set up a private virtual environment in .venv, then run the app or the tests.

    python3 scripts/bootstrap.py run  [app arguments]     # set up and open the app
    python3 scripts/bootstrap.py test [pytest arguments]  # set up, check and run the whole suite

Uses only the standard library, works on Windows, macOS and Linux, and only
reinstalls when pyproject.toml has changed.  Before the tests, ``test`` runs the
checks of docs/architecture.md: ruff (lint), import-linter (the layers, Qt only in
the window, no import cycles) and mypy (types; strict below the window).  Exits
non-zero when a check or a test fails, or when no test was collected.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("SUPERVISION_APP_VENV", ROOT / ".venv"))
STAMP = VENV / ".installed-from"
PYTEST_NO_TESTS = 5


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - run by whatever python3 the machine has
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]}).")
    python = venv_python()
    if not python.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing the app and its test tools (first run only) ...", flush=True)
        pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
        subprocess.run([*pip, "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([*pip, "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
        STAMP.write_text(wanted)
    return python


CHECKS = (
    ("ruff (lint)", ["-m", "ruff", "check", "supervision_app", "tests", "scripts", "benchmarks"]),
    ("import-linter (layers, Qt only in ui, no cycles)", [
        "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()",
        "--no-cache",
    ]),
    ("mypy (types)", ["-m", "mypy"]),
)


def run_checks(python: Path) -> list[str]:
    """Run each check in turn (all of them, even after a failure); the names of those that failed."""
    failed = []
    for name, args in CHECKS:
        print(f"== {name}", flush=True)
        if subprocess.call([str(python), *args], cwd=ROOT) != 0:
            failed.append(name)
    return failed


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    try:
        python = ensure_environment()
    except subprocess.CalledProcessError as exc:
        print(f"Setting up the environment failed (exit code {exc.returncode}).", file=sys.stderr)
        return 1
    if command == "run":
        return subprocess.call([str(python), "-m", "supervision_app", *rest], cwd=ROOT)
    failed = run_checks(python)
    code = subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT)
    if failed:
        print(f"Checks failed: {', '.join(failed)} (see above).", file=sys.stderr)
        return code or 1
    if code == PYTEST_NO_TESTS:
        print("No tests were collected: that is a failure, not a pass.", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
