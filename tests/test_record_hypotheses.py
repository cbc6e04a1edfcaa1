"""The session record shows the structured hypotheses as they stood at that session, in the PDF
and in the accessible HTML record."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from supervision_app.demo import load_demo
from supervision_app.record.html import render_html
from supervision_app.record.load import load_record
from supervision_app.record.pdf import render_pdf


def _sessions(store, content):
    case_id = load_demo(store, content).history_case_id
    return {s.date: s.id for s in store.list_sessions(case_id)}


def test_each_record_shows_the_hypotheses_as_they_stood_then(store, content) -> None:
    sessions = _sessions(store, content)
    june = load_record(store, sessions[date(2026, 6, 9)], content)
    household = next(h for h in june.hypotheses if h.text.startswith("Mum is not being open"))
    assert household.status == "Open" and household.reviews == ()  # its reviews came later
    assert household.basis.startswith("Men's boots in the hall")
    illness = next(h for h in june.hypotheses if h.text.startswith("Ruby's weight loss"))
    assert illness.status == "Being tested"

    august = load_record(store, sessions[date(2026, 8, 11)], content)
    illness = next(h for h in august.hypotheses if h.text.startswith("Ruby's weight loss"))
    assert illness.status == "Discarded"  # discarded in this session: still shown here
    assert illness.reviews[-1].endswith("Found: No medical cause found; ears clear. Ruled out.")

    october = load_record(store, sessions[date(2026, 10, 13)], content)
    assert not any(h.text.startswith("Ruby's weight loss") for h in october.hypotheses)
    household = next(h for h in october.hypotheses if h.text.startswith("Mum is not being open"))
    assert household.evaluation.startswith("Supported: there is an adult")


def test_the_pdf_and_html_records_print_them_readably(store, content) -> None:
    sessions = _sessions(store, content)
    record = load_record(store, sessions[date(2026, 10, 13)], content)
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(render_pdf(record))).pages
    )
    assert "Hypotheses" in text
    assert "How it will be tested: Compare nursery attendance and weights" in text
    assert "Evaluation: Supported: there is an adult in the household" in text
    html = render_html(record)
    assert "<h2>Hypotheses</h2>" in html and "How it will be tested:" in html
