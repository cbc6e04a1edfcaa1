"""supervision_app: a desktop assistant for reflective supervision in child safeguarding."""

from __future__ import annotations

__all__ = ["APP_NAME", "APP_ORG", "__version__"]

APP_NAME = "Supervision App"
APP_ORG = "supervision_app"


def _read_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("supervision-app")
    except PackageNotFoundError:  # running from a source checkout or a bundle
        return "0.1.0"


__version__ = _read_version()
