"""What import-linter cannot say: what importing the core loads at run time.

The contracts in pyproject.toml forbid Qt below the window in every import, even inside
functions. These tests check the other half: importing the core, the use cases and the command
line loads neither Qt nor the heavy renderers (ReportLab, Jinja2), which are imported only inside
the functions that render, so the command line and the window's start-up stay light."""

from __future__ import annotations

import json
import subprocess
import sys


def test_core_imports_no_qt_and_no_heavy_renderers() -> None:
    code = (
        "import sys, json\n"
        "import supervision_app.content, supervision_app.domain, supervision_app.storage\n"
        "import supervision_app.storage.autosave, supervision_app.record, supervision_app.exchange.case_file\n"
        "import supervision_app.services.demo, supervision_app.services.export, supervision_app.cli\n"
        "import supervision_app.cli.records, supervision_app.cli.keys, supervision_app.spelling\n"
        "import supervision_app.storage.personal_words\n"
        "import supervision_app.cups, supervision_app.print_job\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'reportlab', 'jinja2'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_renderers_import_no_qt() -> None:
    code = (
        "import sys, json\n"
        "import supervision_app.record.html, supervision_app.record.pdf\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
