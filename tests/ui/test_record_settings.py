"""Record settings (protective marking, late-entry days): the dialog, the command line, the PDF."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from helpers import run_cli as run
from pdf_text import pdf_pages
from PySide6.QtCore import Qt
from test_gui import make_case, open_window, type_text

from supervision_app.ui.record_settings_dialog import RecordSettingsDialog


def test_the_dialog_changes_the_marking_and_late_days(qtbot, store, content, db_path) -> None:
    make_case(store)
    window = open_window(qtbot, store, content, db_path)
    try:
        window.record_settings_action.trigger()
        qtbot.waitUntil(lambda: window.findChild(RecordSettingsDialog) is not None)
        dialog = window.findChild(RecordSettingsDialog)
        assert dialog.marking_edit.text() == "OFFICIAL-SENSITIVE"
        assert dialog.late_days_spin.value() == 7
        dialog.marking_edit.clear()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert "protective marking" in dialog.problems_label.text()  # refused, stays open
        assert store.settings.protective_marking() == "OFFICIAL-SENSITIVE"
        type_text(qtbot, dialog.marking_edit, "OFFICIAL")
        dialog.late_days_spin.setValue(21)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.findChild(RecordSettingsDialog) is None)
        assert store.settings.protective_marking() == "OFFICIAL"
        assert store.settings.late_entry_days() == 21
    finally:
        window.close()


def test_settings_on_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    missing = run("settings", "--db", str(db))
    assert missing.returncode == 1 and "no database" in missing.stderr
    assert run("demo", "--db", str(db)).returncode == 0
    shown = run("settings", "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    assert "Protective marking: OFFICIAL-SENSITIVE" in shown.stdout
    assert "Late entry after: 7 days" in shown.stdout
    changed = run("settings", "--marking", "OFFICIAL", "--late-days", "14", "--db", str(db))
    assert changed.returncode == 0, changed.stderr
    assert "Protective marking: OFFICIAL\n" in changed.stdout
    assert "Late entry after: 14 days" in changed.stdout
    pdf = tmp_path / "record.pdf"
    assert run("export", "1", "--pdf", str(pdf), "--db", str(db)).returncode == 0
    for page in pdf_pages(pdf.read_bytes()):
        lines = [line.strip() for line in page.split("\n")]
        assert lines.count("OFFICIAL") == 2 and "OFFICIAL-SENSITIVE" not in lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--late-days", "-1"], "between 0 and 3650"),
        (["--marking", "   "], "protective marking"),
        (["--marking", "X" * 61], "protective marking"),
    ],
)
def test_bad_settings_are_refused(tmp_path: Path, args: list[str], message: str) -> None:
    db = tmp_path / "a.sqlite3"
    assert run("demo", "--db", str(db)).returncode == 0
    result = run("settings", *args, "--db", str(db))
    assert result.returncode == 1 and message in result.stderr
    assert "Protective marking: OFFICIAL-SENSITIVE" in run("settings", "--db", str(db)).stdout
