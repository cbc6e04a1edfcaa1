"""Screenshots of the main screens for visual review (not part of the test suite).

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py OUTPUT_FOLDER [light|dark|high_contrast]

Set QT_SCALE_FACTOR=2 for 200%. Uses the fictional demo case in a throw-away data folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

work = Path(tempfile.mkdtemp())
os.environ["SUPERVISION_APP_DATA_DIR"] = str(work)

from PySide6.QtWidgets import QApplication  # noqa: E402

from supervision_app.content import load_content  # noqa: E402
from supervision_app.demo import load_demo  # noqa: E402
from supervision_app.storage import SupervisionStore, open_database  # noqa: E402
from supervision_app.ui import appearance as look  # noqa: E402
from supervision_app.ui.app import _application  # noqa: E402
from supervision_app.ui.main_window import MainWindow  # noqa: E402


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    scheme = sys.argv[2] if len(sys.argv) > 2 else look.LIGHT
    app = _application()
    content = load_content()
    database = open_database(work / "demo.sqlite3")
    store = SupervisionStore(database)
    loaded = load_demo(store, content)
    window = MainWindow(store, content, work / "demo.sqlite3")
    window.desktop.set_appearance(look.Appearance(theme=scheme))
    width, height = (int(v) for v in os.environ.get("SHOT_SIZE", "1320x860").split("x"))
    window.resize(width, height)
    window.show()
    window.reload_cases(select_session=loaded.session_id)

    def shot(name: str, widget=None) -> None:
        for _ in range(5):
            app.processEvents()
        (widget or window).grab().save(str(out / f"{name}.png"))

    window.session_view.go_to_page(0, scroll_top=True)
    shot("session-stage1")
    window.session_view.show_decisions()
    shot("decisions")
    window.session_view.show_preview()
    shot("preview")
    window.reload_cases(select_case=loaded.case_id)
    window.case_tree.select_case(loaded.case_id)
    shot("case-overview")
    window.reload_cases(select_session=loaded.session_id)
    window.session_view.go_to_page(1, scroll_top=True)
    window.desktop.timer.toggle()
    window.desktop.set_presentation(True)
    shot("presentation")
    window.desktop.set_presentation(False)
    for opener, name in (
        (window.desktop.open_welcome, "welcome"),
        (window.desktop.open_help, "help"),
        (window.desktop.open_about, "about"),
        (window.desktop.open_preferences, "preferences"),
    ):
        before = set(QApplication.topLevelWidgets())
        opener()
        app.processEvents()
        dialog = next(
            w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()
        )
        shot(name, dialog)
        dialog.close()
    window.close()
    database.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
