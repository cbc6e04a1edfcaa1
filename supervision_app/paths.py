"""Every file location the app uses comes from here.

Data and configuration folders come from platformdirs and can be overridden
(tests, ``--db``).  Resource files (practice content, fonts, templates) are
resolved by :func:`resource_path`, which works from a source checkout, an
installed wheel and a PyInstaller bundle alike.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_cache_path, user_config_path, user_data_path

APP_DIR_NAME = "supervision_app"
DB_FILE_NAME = "supervision.sqlite3"

#: Environment variable that moves the data folder (used by tests and the benchmark).
DATA_DIR_ENV = "SUPERVISION_APP_DATA_DIR"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return user_data_path(APP_DIR_NAME, appauthor=False, roaming=False)


def config_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / "config"
    return user_config_path(APP_DIR_NAME, appauthor=False, roaming=False)


def cache_dir() -> Path:
    """Files the app can always make again (the parsed practice content); never records."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / "cache"
    return user_cache_path(APP_DIR_NAME, appauthor=False)


def content_cache_dir() -> Path:
    """The parsed content files (``content/parsed_cache.py``)."""
    return cache_dir() / "content"


#: Environment variable listing extra content-pack folders (separated like PATH).
CONTENT_PACKS_ENV = "SUPERVISION_APP_CONTENT_PACKS"
CONTENT_PACKS_DIR_NAME = "content-packs"


def content_pack_roots() -> list[Path]:
    """Where agency content packs are looked for: the data folder's ``content-packs``,
    then every folder listed in ``SUPERVISION_APP_CONTENT_PACKS``."""
    roots = [data_dir() / CONTENT_PACKS_DIR_NAME]
    extra = os.environ.get(CONTENT_PACKS_ENV, "")
    roots += [Path(p) for p in extra.split(os.pathsep) if p.strip()]
    return roots


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def resources_root() -> Path:
    """The folder holding ``content/``, ``fonts/`` and ``templates/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # PyInstaller bundle
        return Path(bundle) / "resources"
    installed = Path(__file__).resolve().parent / "resources"
    if installed.is_dir():  # installed wheel (hatch force-include)
        return installed
    return Path(__file__).resolve().parent.parent / "resources"  # source checkout


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
