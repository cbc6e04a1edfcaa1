"""The unlock dialog is painted before PySide6 makes its ``Qt`` namespace (``ui/qt_namespace.py``),
and what waited for that paint follows it: the lead label's I-beam, and the system's colour
scheme, asked just after the paint (the dialog was painted in the one the last start found)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

from supervision_app.ui import app as app_module
from supervision_app.ui import appearance as look
from supervision_app.ui.settings import ui_settings
from supervision_app.ui.unlock_dialog import UnlockDialog
from tests.helpers import open_db

ROOT = Path(__file__).resolve().parents[2]

#: Starts the app (``cli.main``) to its unlock dialog; prints whether the Qt namespace was made
#: at the dialog's first paint, then, once the work after the paint has run (the icon is set),
#: whether it is made now, the lead label's cursor and the scheme shown.
START = """
import os, sys
from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

def after(tries=500):
    app = QApplication.instance()
    if not app.property('supervisionWindowIconSet') and tries:
        QTimer.singleShot(20, lambda: after(tries - 1))
        return
    dialog = QApplication.activeModalWidget()
    print('after the paint', 'Qt' in vars(QtCore), dialog.panel.lead_label.cursor().shape().name)
    print('scheme', app.property('supervisionScheme'))
    sys.stdout.flush()
    os._exit(0)

class Painted(QObject):  # on the dialog alone, as the app watches it
    done = False
    def eventFilter(self, obj, event):
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            print('at the paint', 'Qt' in vars(QtCore))
            QTimer.singleShot(0, after)
        return False

original = QDialog.exec
def exec_(self):
    self._painted = Painted()
    self.installEventFilter(self._painted)
    return original(self)
QDialog.exec = exec_
from supervision_app import cli
cli.main(['--db', sys.argv[1]])
"""


def _start(db: Path, data: Path) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPERVISION_APP_PASSPHRASE")}
    env.update(QT_QPA_PLATFORM="offscreen", SUPERVISION_APP_DATA_DIR=str(data))
    out = subprocess.run(
        [sys.executable, "-c", START, str(db)], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-3:]


def test_the_unlock_dialog_is_painted_before_the_qt_namespace_from_the_second_start(
    tmp_path: Path,
) -> None:
    db = tmp_path / "records.sqlite3"
    open_db(db).close()
    data = tmp_path / "data"
    # The first start asks the system for its scheme before the paint, and remembers it.
    assert _start(db, data) == [
        "at the paint True",
        "after the paint True IBeamCursor",
        "scheme light",
    ]
    assert "system_scheme=light" in (data / "config" / "ui-state.ini").read_text("utf-8")
    assert _start(db, data) == [
        "at the paint False",
        "after the paint True IBeamCursor",
        "scheme light",
    ]


def _schemes_shown(db_path: Path, content, monkeypatch) -> list[str]:
    """Start the app on ``db_path`` to its unlock dialog: the scheme applied when the dialog is
    shown, and just after its first paint (when the content loads; the user then closes it)."""
    shown: list[str] = []
    original = UnlockDialog.exec

    def exec_(dialog: UnlockDialog) -> int:
        shown.append(str(QApplication.instance().property(look.SCHEME_PROPERTY)))
        return original(dialog)

    monkeypatch.setattr(UnlockDialog, "exec", exec_)

    def load():
        shown.append(str(QApplication.instance().property(look.SCHEME_PROPERTY)))
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        dialog.reject()
        return content

    try:
        assert app_module.run_gui(db_path, load) == 0
    finally:
        look.apply_appearance(QApplication.instance(), look.Appearance(theme=look.LIGHT))
    return shown


def test_a_system_scheme_changed_since_the_last_start_is_taken_just_after_the_paint(
    qtbot, db_path: Path, content, monkeypatch
) -> None:
    """The last start found the system dark; it is light now (offscreen says nothing: light).
    The dialog is painted dark, then turns light once Qt has been asked, before the user types;
    the new answer is remembered for the next start."""
    open_db(db_path).close()
    ui_settings().setValue(look.SYSTEM_SCHEME_KEY, look.DARK)
    assert _schemes_shown(db_path, content, monkeypatch) == [look.DARK, look.LIGHT]
    assert ui_settings().value(look.SYSTEM_SCHEME_KEY) == look.LIGHT


def test_a_chosen_scheme_does_not_wait_for_the_system(
    qtbot, db_path: Path, content, monkeypatch
) -> None:
    open_db(db_path).close()
    look.save_appearance(look.Appearance(theme=look.HIGH_CONTRAST))
    ui_settings().setValue(look.SYSTEM_SCHEME_KEY, look.DARK)
    shown = _schemes_shown(db_path, content, monkeypatch)
    assert shown == [look.HIGH_CONTRAST, look.HIGH_CONTRAST]
