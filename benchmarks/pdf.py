"""PDF of the richest record, against plain ReportLab; and LibreOffice as a reference.

PDF row.  App: ``supervision_app.record.pdf.render_pdf(record)`` on a record
built by ``build_record`` from a session with every prompt answered at length
(about 20 pages).  Baseline: the same texts as plain ``Paragraph``s in a
``SimpleDocTemplate`` with ReportLab's default ``getSampleStyleSheet()``
styles (Helvetica, no page furniture), in the same process.

LibreOffice row (informative).  App: the command-line export
(``python -m supervision_app export ID --pdf FILE``), from process start to
the file written.  Reference: ``libreoffice --headless --convert-to pdf`` on a
.docx holding the same texts, also from process start.
"""

from __future__ import annotations

import io
import json
import pickle
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

from benchmarks import data
from benchmarks.docx import write_docx
from benchmarks.harness import (
    NA_NOT_BUILT,
    Context,
    Row,
    cpu_note,
    median,
    na_row,
    paired,
    timed,
)

ROWS = ("pdf", "libreoffice")


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def baseline_pdf(texts: list[tuple[str, str]]) -> bytes:
    """The same words as plain paragraphs with ReportLab's default styles."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    style_of = {
        "title": styles["Title"],
        "heading": styles["Heading2"],
        "subheading": styles["Heading4"],
        "body": styles["BodyText"],
    }
    story = [Paragraph(escape(text).replace("\n", "<br/>"), style_of[kind]) for kind, text in texts]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(story)
    return buffer.getvalue()


def _rich(ctx: Context):
    def build():
        path = ctx.workdir / "rich.sqlite3"
        for leftover in (
            path,
            path.with_name(path.name + "-wal"),
            path.with_name(path.name + "-shm"),
        ):
            leftover.unlink(missing_ok=True)  # a half-built one from a failed attempt
        _case_id, session_id = data.seed_rich_session(path)
        record = data.rich_record(path, session_id)
        return path, session_id, record, data.record_texts(record)

    return ctx.cached("rich_record", build)


def run(ctx: Context, wanted: set[str]) -> list[Row]:
    rows = []
    if "pdf" in wanted:
        rows.append(_pdf_row(ctx))
    if "libreoffice" in wanted:
        rows.append(_libreoffice_row(ctx))
    return rows


def _pdf_row(ctx: Context) -> Row:
    s = ctx.settings
    title = "PDF of the richest record"
    _path, _sid, record, texts = _rich(ctx)
    try:
        from supervision_app.record.pdf import render_pdf
    except ImportError as exc:
        row = na_row("pdf", title, "ms", "≤ 1.5×", 1.5, f"render_pdf is not available: {exc}")
        row.app_text = NA_NOT_BUILT
        b = [timed(lambda: baseline_pdf(texts))() for _ in range(s.pdf_reps)]
        row.baseline = median(b)
        return row
    a, b = paired(
        timed(lambda: render_pdf(record)),
        timed(lambda: baseline_pdf(texts)),
        s.pdf_warmup,
        s.pdf_reps,
    )
    app_pdf, base_pdf = render_pdf(record), baseline_pdf(texts)
    row = Row(
        "pdf",
        title,
        "ms",
        median(a),
        median(b),
        "≤ 1.5×",
        1.5,
        samples={"app_ms": a, "baseline_ms": b},
    )
    answered = sum(1 for st in record.stages for p in st.prompts if p.answered)
    chars = sum(len(t) for _k, t in texts)
    row.notes.append(
        f"app {page_count(app_pdf)} pages / {len(app_pdf) // 1024} KiB (DejaVu Sans embedded, page "
        f"furniture, page X of Y); baseline {page_count(base_pdf)} pages / {len(base_pdf) // 1024} KiB "
        f"(Helvetica); {answered} prompts answered, {len(record.decisions)} decisions, "
        f"{len(record.actions)} actions, {chars:,} characters; {len(a)} runs each after {s.pdf_warmup} warm-up"
    )
    row.notes.append(
        cpu_note(lambda: render_pdf(record), lambda: baseline_pdf(texts), min(s.pdf_reps, 3))
    )
    row.notes.append(accel_note(ctx, record, texts))
    return row


def accel_note(ctx: Context, record, texts: list[tuple[str, str]]) -> str:
    """The same comparison with and without ReportLab's C accelerator (``rl-accel``), in
    child processes started alternately (with, without, without, with) in this run."""
    path = ctx.workdir / "rich-record.pickle"
    path.write_bytes(pickle.dumps((record, texts)))
    reps = str(max(3, ctx.settings.pdf_reps))
    found: dict[str, list[dict]] = {"with": [], "without": []}
    for mode in ("with", "without", "without", "with"):
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks._pdf_accel_child", str(path), reps, mode],
            capture_output=True, text=True, env=ctx.child_env(), timeout=600,
        )  # fmt: skip
        if proc.returncode != 0:
            tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            return f"rl-accel: not measured ({mode}: {tail})"
        found[mode].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    if not all(run["accelerated"] for run in found["with"]):
        return "rl-accel: not measured (the _rl_accel module is not installed)"

    def figures(mode: str) -> tuple[float, float, float, float]:
        runs = found[mode]
        return (
            median([r["app_ms"] for r in runs]),
            median([r["baseline_ms"] for r in runs]),
            median([r["app_cpu_ms"] for r in runs]),
            median([r["baseline_cpu_ms"] for r in runs]),
        )

    a1, b1, ca1, cb1 = figures("with")
    a0, b0, ca0, cb0 = figures("without")
    return (
        f"rl-accel (ReportLab's C accelerator), two child processes each way, {reps} runs each: "
        f"with it app {a1:.0f} ms / baseline {b1:.0f} ms ({a1 / b1:.2f}×; CPU {ca1:.0f} / "
        f"{cb1:.0f} ms, {ca1 / cb1:.2f}×), without it app {a0:.0f} ms / baseline {b0:.0f} ms "
        f"({a0 / b0:.2f}×; CPU {ca0:.0f} / {cb0:.0f} ms, {ca0 / cb0:.2f}×): the record "
        f"{(1 - ca1 / ca0) * 100:.0f} % and the baseline {(1 - cb1 / cb0) * 100:.0f} % less CPU with it"
    )


def find_libreoffice() -> str | None:
    for name in ("libreoffice", "soffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (
        "/usr/bin/libreoffice",
        "/usr/bin/soffice",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
    ):
        if Path(candidate).exists():
            return candidate
    return None


def _libreoffice_row(ctx: Context) -> Row:
    s = ctx.settings
    title = "PDF export vs LibreOffice .docx→PDF"
    office = find_libreoffice()
    if office is None:
        return na_row(
            "libreoffice",
            title,
            "ms",
            "—",
            None,
            "skipped: LibreOffice is not installed (libreoffice/soffice not found)",
        )
    db_path, session_id, _record, texts = _rich(ctx)
    folder = ctx.workdir / "libreoffice"
    folder.mkdir(exist_ok=True)
    docx = folder / "supervision-form.docx"
    write_docx(docx, texts)
    profile = (folder / "profile").resolve().as_uri()
    lo_cmd = [
        office,
        "--headless",
        "--norestore",
        "--nologo",
        f"-env:UserInstallation={profile}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(docx),
    ]
    app_out = folder / "app-export.pdf"
    app_cmd = [
        sys.executable,
        "-m",
        "supervision_app",
        "export",
        str(session_id),
        "--pdf",
        str(app_out),
        "--db",
        str(db_path),
    ]
    env = ctx.child_env()
    # The CLI unlocks the encrypted database with the passphrase (key derivation included).
    env["SUPERVISION_APP_PASSPHRASE"] = data.PASSPHRASE

    def run_cmd(cmd: list[str]) -> float:
        started = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        elapsed = (time.perf_counter() - started) * 1000
        if proc.returncode != 0:
            tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise RuntimeError(f"{Path(cmd[0]).name} exited {proc.returncode}: {tail}")
        return elapsed

    try:
        # LibreOffice's first start creates its profile: that warm-up is not measured.
        # (The app's own warm-up already happened: the PDF row and the seeding ran it.)
        run_cmd(lo_cmd)
        a, b = paired(lambda: run_cmd(app_cmd), lambda: run_cmd(lo_cmd), 0, s.lo_reps)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        return na_row("libreoffice", title, "ms", "—", None, f"blocked: {exc}")
    lo_pdf = folder / "supervision-form.pdf"
    row = Row(
        "libreoffice",
        title,
        "ms",
        median(a),
        median(b),
        "—",
        None,
        samples={"app_ms": a, "libreoffice_ms": b},
    )
    app_pages = page_count(app_out.read_bytes()) if app_out.exists() else 0
    lo_pages = page_count(lo_pdf.read_bytes()) if lo_pdf.exists() else 0
    row.notes.append(
        f"informative; both from process start to the file written: app = `python -m supervision_app "
        f"export --pdf` ({app_pages} pages; unlocking the encrypted database included), baseline = {Path(office).name} --headless --convert-to pdf "
        f"on a .docx of the same text ({lo_pages} pages); {len(a)} run(s) each after a warm-up of LibreOffice"
    )
    return row
