"""Start-up pays only for what it shows: the window's modules import no PDF, HTML or print
machinery (ReportLab, Jinja2, QtPdf, QtPrintSupport, the record package); those load when a
record is first previewed, exported or printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import open_db

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
    are built when a session or a case is first opened, the case list and the screen for no
    cases when first shown, and their modules load then."""
    later = (
        "supervision_app.ui.session_view",
        "supervision_app.ui.case_memory_panel",
        "supervision_app.ui.case_overview",
        "supervision_app.ui.focus.focus_flow",
        "supervision_app.ui.decisions_actions",
        "supervision_app.ui.signoff_page",
        "supervision_app.ui.answer_conflict",
        "supervision_app.ui.case_tree",  # the case list, built when first shown
        "supervision_app.ui.empty_state",
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


#: Not loaded before the first screen is painted: the practice content (with the domain model
#: and the TOML parser), the command line's full parser, the key file's cryptography, SQLCipher
#: and SQLAlchemy. They load just after the paint (ui/first_screen.py) or at the first unlock.
#: Nor QtNetwork, when no other window has the database open.
NOT_BEFORE_THE_FIRST_SCREEN = (
    "supervision_app.content",
    "supervision_app.domain.models",
    "supervision_app.cli.parser",
    "supervision_app.storage.sqlite.backend",
    "supervision_app.storage.sqlite.cipher",
    "tomllib",
    "cryptography",
    "sqlcipher3",
    "sqlalchemy",
    "PySide6.QtNetwork",  # asked only when another window holds the database (single_instance)
    "supervision_app.ui.line_spacing",  # the reading text's (the choice is in appearance)
)
#: Nor, before the unlock dialog, what it needs only at the first attempt (its problems box).
NOT_BEFORE_THE_UNLOCK_DIALOG = ("supervision_app.ui.a11y",)


@pytest.mark.parametrize("first_run", [False, True], ids=["unlock dialog", "welcome"])
def test_the_real_start_paints_its_first_screen_before_the_heavy_modules(
    tmp_path: Path, first_run: bool
) -> None:
    """``supervision-app --db FILE`` up to the first paint of its first screen (the unlock
    dialog; on the first run, the welcome's passphrase dialog): the modules loaded then. The
    window icon (an SVG, with Qt's SVG icon engine) is set just after that paint."""
    db = tmp_path / "records.sqlite3"
    heavy = NOT_BEFORE_THE_FIRST_SCREEN
    if not first_run:
        open_db(db).close()
        heavy += NOT_BEFORE_THE_UNLOCK_DIALOG
    code = (
        "import os, sys\n"
        "from PySide6.QtCore import QEvent, QObject, QTimer\n"
        "from PySide6.QtWidgets import QApplication, QDialog\n"
        "def icon_later(tries=500):\n"
        "    if not QApplication.instance().property('supervisionWindowIconSet') and tries:\n"
        "        QTimer.singleShot(20, lambda: icon_later(tries - 1))\n"
        "        return\n"
        "    print('icon then', not QApplication.windowIcon().isNull())\n"
        "    sys.stdout.flush()\n"
        "    os._exit(0)\n"
        "class Painted(QObject):\n"
        "    done = False\n"
        "    def eventFilter(self, obj, event):\n"
        "        if not self.done and event.type() == QEvent.Type.Paint:\n"
        "            self.done = True\n"
        "            shown = QApplication.activeModalWidget()\n"
        f"            heavy = {heavy!r}\n"
        "            print(type(shown).__name__, sorted(m for m in sys.modules if m.startswith(heavy)))\n"
        "            print('icon at the paint', bool(QApplication.instance().property('supervisionWindowIconSet')))\n"
        "            sys.stdout.flush()\n"
        "            icon_later()\n"
        "        return False\n"
        "original = QDialog.exec\n"
        "def exec_(self):\n"
        "    self._painted = Painted()\n"
        "    QApplication.instance().installEventFilter(self._painted)\n"
        "    return original(self)\n"
        "QDialog.exec = exec_\n"
        "from supervision_app import cli\n"
        f"cli.main(['--db', {str(db)!r}])\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPERVISION_APP_PASSPHRASE")}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    screen = "PassphraseDialog" if first_run else "UnlockDialog"
    assert out.stdout.strip().splitlines()[-3:] == [
        f"{screen} []",
        "icon at the paint False",
        "icon then True",
    ]


#: Not loaded before the main window's first paint after the unlock: the autosave writer (its
#: thread starts at the first edit submitted) and the TOML parser (the content comes from the
#: parsed-content cache once a start has parsed it).
NOT_BEFORE_THE_WINDOW = ("supervision_app.storage.autosave", "tomllib", "sqlalchemy")


def test_the_window_after_unlock_paints_before_the_autosave_writer_and_the_toml_parser(
    tmp_path: Path,
) -> None:
    """``supervision-app --db FILE gui --smoke-test`` (the scripted passphrase), started twice:
    the modules loaded when the main window is first painted. The first start parses the
    content and caches it; the second reads it from the cache."""
    from tests.helpers import TEST_PASSPHRASE

    db = tmp_path / "records.sqlite3"
    open_db(db).close()
    code = (
        "import os, sys\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from supervision_app.ui import main_window\n"
        "class Painted(QObject):\n"
        "    def __init__(self, window):\n"
        "        super().__init__()\n"
        "        self.window = window\n"
        "    def eventFilter(self, obj, event):\n"
        "        if event.type() == QEvent.Type.Paint and obj is self.window:\n"
        f"            heavy = {NOT_BEFORE_THE_WINDOW!r}\n"
        "            print(type(self.window).__name__, sorted(m for m in sys.modules if m.startswith(heavy)))\n"
        "            sys.stdout.flush()\n"
        "            os._exit(0)\n"
        "        return False\n"
        "original = main_window.MainWindow.show\n"
        "def show(self):\n"
        "    self._painted = Painted(self)\n"
        "    QApplication.instance().installEventFilter(self._painted)\n"
        "    original(self)\n"
        "main_window.MainWindow.show = show\n"
        "from supervision_app.ui import app\n"
        "app._end_smoke_test = lambda window, started: None  # it would close before the paint\n"
        "from supervision_app import cli\n"
        f"cli.main(['--db', {str(db)!r}, 'gui', '--smoke-test'])\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPERVISION_APP_PASSPHRASE")}
    env |= {"QT_QPA_PLATFORM": "offscreen", "SUPERVISION_APP_PASSPHRASE": TEST_PASSPHRASE}
    for start in ("first", "second"):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=120,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        loaded = out.stdout.strip().splitlines()[-1]
        assert loaded.startswith("MainWindow ["), loaded
        modules = loaded.removeprefix("MainWindow ").strip("[]").replace("'", "").split(", ")
        if start == "first":  # the content was parsed (and cached): only the parser is loaded
            assert modules[0] == "tomllib" and all(m.startswith("tomllib") for m in modules)
        else:
            assert loaded == "MainWindow []"
