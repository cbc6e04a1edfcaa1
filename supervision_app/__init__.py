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
        import tomllib

        with pyproject.open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("supervision-app")
    except PackageNotFoundError:
        return "unknown"


__version__ = _read_version()
