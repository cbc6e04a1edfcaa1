"""Start-up pays only for what it shows: the window's modules import no PDF, HTML or print
machinery (ReportLab, Jinja2, QtPdf, QtPrintSupport, the record package); those load when a
record is first previewed, exported or printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("reportlab", "jinja2", "PySide6.QtPdf", "PySide6.QtPrintSupport", "supervision_app.record")


def printed_by(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter (nothing imported by this one)."""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_the_main_window_imports_no_record_or_print_machinery() -> None:
    code = (
        "import sys\n"
        "import supervision_app.cli, supervision_app.ui.app, supervision_app.ui.main_window\n"
        "import supervision_app.ui.lock_controller, supervision_app.ui.security_menu\n"
        f"heavy = {HEAVY!r}\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    assert printed_by(code) == "[]"


def test_the_window_modules_import_no_sqlalchemy() -> None:
    """The first paint reads the file with plain SQL; SQLAlchemy, the ORM and the models load
    after it. Importing the window's modules (and the start-up path to them) must not pull
    them in: a module-level ``from supervision_app.storage import SupervisionStore`` does."""
    code = (
        "import sys\n"
        "import supervision_app.cli, supervision_app.cli.gui, supervision_app.ui.app\n"
        "import supervision_app.ui.startup, supervision_app.ui.main_window\n"
        "import supervision_app.ui.lock_controller, supervision_app.ui.security_menu\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))\n"
    )
    assert printed_by(code) == "[]"


def test_the_window_modules_import_no_session_view_or_case_so_far() -> None:
    """After unlock the window shows Home: the session view, its pages and the Case so far
    are built when a session or a case is first opened, and their modules load then."""
    later = (
        "supervision_app.ui.session_view",
        "supervision_app.ui.case_memory_panel",
        "supervision_app.ui.case_overview",
        "supervision_app.ui.focus.focus_flow",
        "supervision_app.ui.decisions_actions",
        "supervision_app.ui.signoff_page",
        "supervision_app.ui.answer_conflict",
    )
    code = (
        "import sys\n"
        "import supervision_app.cli, supervision_app.cli.gui, supervision_app.ui.app\n"
        "import supervision_app.ui.startup, supervision_app.ui.main_window\n"
        "import supervision_app.ui.lock_controller, supervision_app.ui.security_menu\n"
        "import supervision_app.ui.agency_window\n"
        f"later = {later!r}\n"
        "print(sorted(m for m in sys.modules if m in later))\n"
    )
    assert printed_by(code) == "[]"
