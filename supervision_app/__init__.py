"""supervision_app: a desktop assistant for reflective supervision in child safeguarding."""

from __future__ import annotations

__all__ = ["APP_NAME", "APP_ORG", "__version__"]

APP_NAME = "Supervision App"
APP_ORG = "supervision_app"


def _read_version() -> str:
    """The version from pyproject.toml: read there in a source checkout, from the file the
    PyInstaller spec writes into a bundle, or from the installed package's metadata."""
    import sys
    from pathlib import Path

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "VERSION").is_file():
        return (Path(bundle) / "VERSION").read_text(encoding="utf-8").strip()
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.is_file():  # a source checkout: the checkout's own version wins
        return _project_version(pyproject.read_text(encoding="utf-8"))
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("supervision-app")
    except PackageNotFoundError:
        return "unknown"


def _project_version(text: str) -> str:
    """``[project] version`` of a pyproject.toml. The plain ``version = "…"`` line is read
    directly (importing the TOML parser cost 10-40 ms before the first screen); any other
    spelling goes through the parser."""
    import re

    project = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", text, re.MULTILINE | re.DOTALL)
    line = project and re.search(r'^version\s*=\s*"([^"\\]+)"\s*$', project.group(1), re.MULTILINE)
    if line:
        return line.group(1)
    import tomllib

    return str(tomllib.loads(text)["project"]["version"])


__version__ = _read_version()
