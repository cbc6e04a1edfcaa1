"""Screenshots of the main screens for visual review (not part of the test suite).

    python scripts/screenshots.py OUTPUT_FOLDER [light|dark|high_contrast]

Uses the fictional demo case in a throw-away, encrypted data folder. To see the app as a person
would, run it on a virtual screen and let it capture the whole screen (ImageMagick's
``import``), at 100% and at 200%::

    Xvfb :9 -screen 0 1366x768x24 &
    DISPLAY=:9 QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=2 python scripts/screenshots.py shots-200

Without a display (``QT_QPA_PLATFORM=offscreen``) each window is grabbed on its own instead.
A ``report.txt`` beside the pictures lists each window's size against the screen's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

work = Path(tempfile.mkdtemp())
os.environ["SUPERVISION_APP_DATA_DIR"] = str(work)

from PySide6.QtWidgets import QApplication, QDialog, QFrame, QWidget  # noqa: E402

from supervision_app.content import load_content  # noqa: E402
from supervision_app.services.demo import load_demo  # noqa: E402
from supervision_app.storage import Passphrase, SupervisionStore, open_database  # noqa: E402
from supervision_app.ui import appearance as look  # noqa: E402
from supervision_app.ui.app import _application, build_window  # noqa: E402
from supervision_app.ui.passphrase_dialog import PassphraseDialog, PassphrasePurpose  # noqa: E402
from supervision_app.ui.unlock_dialog import UnlockDialog  # noqa: E402

PASSPHRASE = Passphrase("a throw-away screenshot passphrase")


class Shooter:
    def __init__(self, app: QApplication, out: Path) -> None:
        self.app, self.out = app, out
        self.whole_screen = bool(os.environ.get("DISPLAY")) and shutil.which("import") is not None
        self.report: list[str] = []

    def settle(self, seconds: float = 0.5) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.02)

    def shot(self, name: str, widget: QWidget) -> None:
        self.settle()
        path = self.out / f"{name}.png"
        if self.whole_screen:
            subprocess.run(["import", "-window", "root", str(path)], check=True)
        else:
            widget.grab().save(str(path))
        frame, room = widget.frameGeometry(), widget.screen().availableGeometry()
        self.report.append(
            f"{name}: {frame.width()}x{frame.height()} at {frame.x()},{frame.y()}; screen "
            f"{room.width()}x{room.height()}; fits={room.contains(frame)}"
        )

    def dialog_shot(self, name: str, opener) -> None:
        before = set(QApplication.topLevelWidgets())
        opener()
        self.settle(0.3)
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if w not in before and w.isVisible() and isinstance(w, QDialog)
        )
        self.shot(name, dialog)
        dialog.reject()


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    scheme = sys.argv[2] if len(sys.argv) > 2 else look.LIGHT
    app = _application()
    look.apply_appearance(app, look.Appearance(theme=scheme))
    content = load_content()
    db_path = work / "demo.sqlite3"
    shooter = Shooter(app, out)

    first_run = PassphraseDialog(purpose=PassphrasePurpose.FIRST_RUN, db_path=db_path)
    first_run.show()
    shooter.shot("01-first-run", first_run)
    first_run.close()
    database = open_database(db_path, PASSPHRASE)
    loaded = load_demo(SupervisionStore(database), content)
    unlock = UnlockDialog(lambda _credential: None, db_path)
    unlock.show()
    shooter.shot("02-unlock", unlock)
    unlock.close()

    window = build_window(database, content)
    window.desktop.set_appearance(look.Appearance(theme=scheme))
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()
    shooter.shot("02b-home", window)  # the first screen after unlock
    window.reload_cases(select_case=loaded.case_id)
    shooter.shot("03-case-overview", window)
    window.reload_cases(select_session=loaded.session_id)
    view = window.session_view  # built when the first session is opened
    view.go_to_page(1, scroll_top=True)
    shooter.shot("04-session-stage", window)
    window.reload_cases(select_case=loaded.history_case_id)
    panel = window.case_overview.memory_panel
    cards = [f for f in panel.findChildren(QFrame) if f.property("section") == "hypotheses"]
    if cards:
        panel.verticalScrollBar().setValue(cards[0].y() - 10)
    shooter.shot("05-hypotheses", window)
    window.reload_cases(select_session=loaded.session_id)
    view.show_decisions()
    shooter.shot("06-decisions", window)
    shooter.dialog_shot("07-decision-dialog", view.decisions_page.add_decision)
    shooter.dialog_shot("08-action-dialog", view.decisions_page.add_action)
    view.show_signoff()
    shooter.shot("09-signoff", window)
    view.show_preview()
    shooter.shot("10-preview", window)
    shooter.dialog_shot("11-new-case", window.new_case)
    view.go_to_page(1, scroll_top=True)
    window.desktop.set_presentation(True)
    shooter.shot("12-presentation", window)
    window.desktop.set_presentation(False)
    window.setGeometry(app.primaryScreen().availableGeometry())
    for name, opener in (
        ("13-help", window.desktop.open_help),
        ("14-preferences", window.desktop.open_preferences),
        ("15-about", window.desktop.open_about),
        ("16-welcome", window.desktop.open_welcome),
    ):
        shooter.dialog_shot(name, opener)
    window.lock_controller.lock()
    shooter.shot("17-locked", window)
    window.close()
    database.close()
    (out / "report.txt").write_text("\n".join(shooter.report) + "\n", encoding="utf-8")
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
