"""Printing through a real CUPS queue (a cups-pdf virtual printer), from the window.

Skipped, with the reason, where there is no CUPS scheduler or no cups-pdf queue.
``.ci/run`` installs ``cups`` and ``printer-driver-cups-pdf``, starts the scheduler and
adds a queue when it runs as root; locally::

    apt-get install cups printer-driver-cups-pdf
    cupsd && lpadmin -p PDF -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd

``SUPERVISION_APP_TEST_PRINTER`` names another cups-pdf queue.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import io
import pwd
import re
import shutil
import subprocess
import time
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QDir, QTimer
from PySide6.QtWidgets import QDialog, QProgressDialog, QPushButton
from temp_watch import TempWatch
from test_gui_printing import long_window, private_tmp  # noqa: F401  (fixtures)

from supervision_app import cups
from supervision_app.ui import printing


def _lpstat(*args: str) -> str:
    done = subprocess.run(["lpstat", *args], capture_output=True, text=True, timeout=30)
    return done.stdout


def _find_queue() -> str:
    if shutil.which("lpstat") is None:
        pytest.skip(
            "CUPS is not installed (no lpstat): apt-get install cups printer-driver-cups-pdf"
        )
    if not cups.available():
        pytest.skip("the CUPS library (libcups) is not installed")
    if "scheduler is running" not in _lpstat("-r"):
        pytest.skip("the CUPS scheduler (cupsd) is not running")
    devices = dict(re.findall(r"^device for (\S+): (\S+)$", _lpstat("-v"), re.M))
    wanted = os.environ.get("SUPERVISION_APP_TEST_PRINTER")
    queues = [q for q, uri in devices.items() if uri.startswith("cups-pdf:")]
    if wanted:
        queues = [q for q in queues if q == wanted]
    if not queues:
        pytest.skip(
            "no cups-pdf queue: lpadmin -p PDF -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
        )
    return queues[0]


def _active_jobs(queue: str) -> list[str]:
    return re.findall(rf"^({re.escape(queue)}-\d+)", _lpstat("-o", queue), re.M)


def _wait_idle(queue: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while _active_jobs(queue) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _active_jobs(queue) == [], _lpstat("-l", "-o", queue)


def _output_folder() -> Path:
    """Where cups-pdf puts the jobs of this user (its ``Out`` setting, ``${HOME}/PDF`` by default)."""
    user = pwd.getpwuid(os.getuid())
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        found = re.findall(r"^Out\s+(.+)$", conf.read_text(errors="replace"), re.M)
        out = found[-1].strip() if found else out
    return Path(out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name))


@pytest.fixture
def queue():
    name = _find_queue()
    _wait_idle(name)
    return name


@pytest.fixture
def sent_jobs(monkeypatch) -> list[int]:
    """The job ids CUPS gave the app's jobs (the real send, watched)."""
    jobs: list[int] = []
    real = cups.send_pdf

    def watched(*args, **kwargs):
        job = real(*args, **kwargs)
        jobs.append(job)
        return job

    monkeypatch.setattr(cups, "send_pdf", watched)
    return jobs


def _accept_on(monkeypatch, queue: str, first: int = 0, last: int = 0) -> None:
    def exec_(dialog):
        printer = dialog.printer()
        printer.setPrinterName(queue)
        if first:
            printer.setPrintRange(printer.PrintRange.PageRange)
            printer.setFromTo(first, last)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(printing.QPrintDialog, "exec", exec_)


def _printed_file(queue: str, job: int, started: float) -> Path:
    deadline = time.monotonic() + 120
    while f"{queue}-{job} " not in _lpstat("-W", "completed", "-o", queue):
        assert time.monotonic() < deadline, _lpstat("-l", "-W", "all", "-o", queue)
        time.sleep(0.2)
    folder = _output_folder()
    named = list(folder.glob(f"*job_{job}.pdf"))
    recent = [p for p in folder.glob("*.pdf") if p.stat().st_mtime >= started - 1]
    found = named or sorted(recent, key=lambda p: p.stat().st_mtime)[-1:]
    assert found, f"cups-pdf wrote nothing for job {job} in {folder}"
    return found[0]


def _texts(data: bytes) -> list[list[str]]:
    """The words of each page (cups-pdf's Ghostscript re-encodes the odd separator glyph)."""
    return [re.findall(r"\w+", p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_pages_2_to_3_print_two_pages_with_the_records_text_and_no_temp_file(
    qtbot,
    long_window,  # noqa: F811
    private_tmp,  # noqa: F811
    queue,
    sent_jobs,
    monkeypatch,
) -> None:
    preview_page = long_window.session_view.preview_page
    record = _texts(preview_page.record_pdf()[0])
    assert len(record) > 3
    assert QDir.tempPath() == str(private_tmp)  # the watch covers Qt's temp folder too
    _accept_on(monkeypatch, queue, 2, 3)
    started = time.time()
    with TempWatch(private_tmp) as watch:
        assert preview_page.print_record()
        _wait_idle(queue)  # until CUPS has finished with the job
    # Not one byte was written into the temp folder, not even for a moment. (Qt opening the
    # printer makes libcups link the queue's PPD there and remove it: entries, never data.)
    assert watch.written == []
    assert os.listdir(private_tmp) == []
    output = _printed_file(queue, sent_jobs[0], started)
    printed = _texts(output.read_bytes())
    assert printed == record[1:3]  # exactly pages 2 and 3, as text


def test_cancel_while_sending_leaves_no_job_in_the_queue(
    qtbot,
    long_window,  # noqa: F811
    queue,
    monkeypatch,
) -> None:
    preview_page = long_window.session_view.preview_page
    _accept_on(monkeypatch, queue)
    monkeypatch.setattr(cups, "CHUNK", 1024)  # a slow line to the printer: many small chunks
    real_send, state = cups.send_pdf, {"chunks": 0, "queued": []}

    def slow_send(*args, sent, **kwargs):
        def slowly(done: int, total: int) -> None:
            state["chunks"] += 1
            time.sleep(0.05)
            sent(done, total)

        return real_send(*args, sent=slowly, **kwargs)

    def cancel_while_sending() -> None:
        dialog = long_window.findChild(QProgressDialog, "printProgress")
        if dialog is not None and dialog.isVisible() and state["chunks"] > 5:
            state["queued"] = _active_jobs(queue)  # the job is on the server, half sent
            dialog.findChild(QPushButton).click()
        else:
            QTimer.singleShot(50, cancel_while_sending)

    monkeypatch.setattr(cups, "send_pdf", slow_send)
    QTimer.singleShot(50, cancel_while_sending)
    assert preview_page.print_record() is False
    assert len(state["queued"]) == 1  # there was a job to withdraw...
    assert _active_jobs(queue) == []  # ...and it is gone
    assert state["queued"][0] not in _lpstat("-W", "completed", "-o", queue)  # never printed
