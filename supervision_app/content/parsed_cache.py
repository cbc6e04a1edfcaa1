"""The parsed content files, kept as JSON so that a normal start does not parse TOML.

Parsing the content's TOML (Python's pure-Python ``tomllib``) took about 20 ms of every start
after the unlock; the C JSON decoder reads the same tables in well under a millisecond.
The TOML files stay the source of truth: each cache file holds the parse of one content
file (built-in or a content pack's) together with the SHA-256 of that file's bytes, the
cache format, the app version and the Python version, and it is used only while all of them
still match, so a file edited, replaced or moved back is parsed again.  The validation in
:mod:`.loader`, :mod:`.packs` and the rest runs on the cached tables exactly as on freshly
parsed ones, so every content error still names the file and the field.

The cache is a convenience only: a cache file that is missing, unreadable, corrupt or from
another version is ignored, and a folder that cannot be written leaves the app parsing the
TOML each time.  It holds practice content (prompts and sources), never anything a user
typed.  JSON, not pickle: a file in the user's folder is only ever read as data.  A TOML
file whose values JSON cannot hold unchanged (dates and times) is simply not cached.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from supervision_app import __version__
from supervision_app.atomic import write_atomically
from supervision_app.paths import content_cache_dir
from supervision_app.private_files import private_folder

#: Bump when what a cache file holds, or how, changes.
CACHE_FORMAT = 1
#: What a cache file must say about where it came from to be used (besides the file's hash).
_STAMP = {
    "format": CACHE_FORMAT,
    "app": __version__,
    "python": f"{sys.version_info[0]}.{sys.version_info[1]}",
}


def cache_file_for(source: Path) -> Path:
    """Where the parse of ``source`` is kept: one file per content file's absolute path."""
    name = hashlib.sha256(os.fsencode(os.path.abspath(source))).hexdigest()[:32]
    return content_cache_dir() / f"{name}.json"


def cached_tables(source: Path, raw: bytes) -> dict[str, Any] | None:
    """The tables parsed from ``raw`` (the bytes of ``source``) when an earlier parse of
    exactly these bytes was kept; None otherwise (no cache, another version, any damage)."""
    try:
        text = cache_file_for(source).read_bytes()
        entry = json.loads(text)
    except (OSError, ValueError, RecursionError):  # missing, unreadable, not JSON, too deep
        return None
    if not isinstance(entry, dict) or entry.get("sha256") != _digest(raw):
        return None
    if any(entry.get(key) != value for key, value in _STAMP.items()):
        return None
    tables = entry.get("tables")
    return tables if isinstance(tables, dict) else None


def keep_tables(source: Path, raw: bytes, tables: dict[str, Any]) -> None:
    """Keep the parse of ``raw`` for the next start; silently not kept when that cannot be
    done exactly (values JSON cannot hold) or the cache folder cannot be written."""
    if not _json_exact(tables):
        return
    entry = {**_STAMP, "source": os.path.abspath(source), "sha256": _digest(raw), "tables": tables}
    try:
        payload = json.dumps(entry, ensure_ascii=False, allow_nan=True).encode("utf-8")
        target = cache_file_for(source)
        _make_folder(target.parent)
        write_atomically(target, payload)
    except (OSError, ValueError, RecursionError):
        return


def _make_folder(folder: Path) -> None:
    """The cache folder and any missing parent (the data folder, when the app's folders are
    moved there), each owner-only like the data folder (``private_files``)."""
    missing: list[Path] = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        private_folder(each)


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _json_exact(value: Any) -> bool:
    """True when JSON gives ``value`` back unchanged: tables with text keys, lists, text,
    whole numbers, floats, true and false. TOML's dates and times are not."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_exact(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_exact(v) for v in value)
    return isinstance(value, str | int | float | bool)
