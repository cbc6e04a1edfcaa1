"""Screenshots of the case memory as a supervisor meets it (visual review, not a test).

    python scripts/screenshots_case_memory.py OUTPUT_FOLDER [SESSION_DATE]

Loads the fictional demo (six monthly sessions on DEMO-0002), opens the next session on it and
captures the "case so far" card by card, the case overview, a search result opened in place, and
the pages of the case summary PDF.  Run it on a virtual screen, for example::

    xvfb-run -a -s "-screen 0 1440x900x24" python scripts/screenshots_case_memory.py shots
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

work = Path(tempfile.mkdtemp())
os.environ["SUPERVISION_APP_DATA_DIR"] = str(work)

from PySide6.QtWidgets import QApplication, QFrame  # noqa: E402

from supervision_app.content import load_content  # noqa: E402
from supervision_app.content.patterns import load_patterns  # noqa: E402
from supervision_app.record.case_summary import build_case_summary  # noqa: E402
from supervision_app.record.pdf.case_summary import render_case_summary  # noqa: E402
from supervision_app.services.demo import load_demo  # noqa: E402
from supervision_app.storage import Passphrase, SupervisionStore, open_database  # noqa: E402
from supervision_app.ui.app import _application, build_window  # noqa: E402

PASSPHRASE = Passphrase("a throw-away screenshot passphrase")


def settle(app: QApplication, seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    on = date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else date(2026, 11, 10)
    app = _application()
    content = load_content()
    database = open_database(work / "demo.sqlite3", PASSPHRASE)
    store = SupervisionStore(database)
    loaded = load_demo(store, content)
    case_id = loaded.history_case_id
    session_id = store.sessions.create_session(case_id, on, ["Chloe", "Martin"], content.version)
    window = build_window(database, content)
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()

    def shoot(name: str) -> None:
        settle(app)
        window.grab().save(str(out / f"{name}.png"))

    window.reload_cases(select_session=session_id)
    panel = window.session_view.memory_panel
    shoot("20-next-session-top")
    for section in ("escalations", "patterns", "hypotheses", "ratings", "chronology", "decisions"):
        cards = [f for f in panel.findChildren(QFrame) if f.property("section") == section]
        if cards:
            panel.verticalScrollBar().setValue(cards[0].y() - 10)
            shoot(f"21-next-session-{section}")
    history = store.memory.case_history(case_id)
    hypothesis = history.current_hypotheses()[0]
    for name, opener in (
        ("25-dialog-add-hypothesis", panel.add_hypothesis),
        ("26-dialog-review-hypothesis", lambda: panel.update_hypothesis(hypothesis)),
        ("27-dialog-step-up", lambda: panel.step_up(history.open_escalations()[0])),
    ):
        dialog = opener()
        settle(app)
        dialog.grab().save(str(out / f"{name}.png"))
        dialog.reject()
    window.reload_cases(select_case=case_id)
    shoot("22-case-overview")
    dialog = window.open_search()
    dialog.query_edit.setText("boots mugs")
    dialog.run_search()  # (stops the typing timer too)
    shoot("23-search")
    dialog.grab().save(str(out / "23-search-dialog.png"))
    dialog.results.itemActivated.emit(dialog.results.item(0))
    dialog.hide()
    shoot("24-search-opened")

    import pypdfium2

    history = store.memory.case_history(case_id)
    summary = build_case_summary(history, content, load_patterns(content), on)
    pdf = pypdfium2.PdfDocument(render_case_summary(summary))
    for index in range(len(pdf)):
        pdf[index].render(scale=1.4).to_pil().save(out / f"30-case-summary-p{index + 1}.png")
    window.close()
    database.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
