"""The British English .ts is the translators' template: it must hold every text the window
can show, each under the context the running app looks it up in."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "supervision_app_en_GB.ts"


def messages(ts: Path) -> set[tuple[str, str]]:
    tree = ET.parse(ts)
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    }


def lupdate() -> str | None:
    beside = Path(sys.executable).parent / "pyside6-lupdate"
    return str(beside) if beside.exists() else shutil.which("pyside6-lupdate")


def test_every_text_has_the_context_the_app_looks_it_up_in() -> None:
    """An empty context means lupdate saw tr() through an alias (``tr = self.tr``): the app
    would look the text up under the class name and never find a translation."""
    assert [source for context, source in messages(TS) if not context] == []


def test_the_ts_file_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    tool = lupdate()
    if tool is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "supervision_app" / "ui").rglob("*.py"))
    subprocess.run(
        [tool, *sources, "-source-language", "en_GB", "-locations", "none", "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    missing = messages(fresh) - messages(TS)
    assert missing == set(), "run scripts/update_translations.sh and commit the .ts"
    for text in ("Change passphrase…", "Welcome. First, protect your records", "Line spacing"):
        assert any(source == text for _context, source in messages(TS)), text
