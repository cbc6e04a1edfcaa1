"""Default file names for exported records, safe on every platform."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def sanitise(text: str, fallback: str = "case") -> str:
    cleaned = _UNSAFE.sub("_", text.strip()).strip("._-")[:60]
    if not cleaned or cleaned.lower() in _RESERVED:
        return fallback
    return cleaned


def record_file_name(case_reference: str, on: date, suffix: str) -> str:
    """``CSC-2041_2026-03-12_supervision.pdf``."""
    return f"{sanitise(case_reference)}_{on.isoformat()}_supervision.{suffix.lstrip('.')}"


def default_export_path(case_reference: str, on: date, suffix: str) -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(folder) if folder else Path.home()
    return base / record_file_name(case_reference, on, suffix)
