"""The session record shows the structured hypotheses as they stood at that session, in the PDF
and in the accessible HTML record."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from supervision_app.record.html import render_html
from supervision_app.record.pdf import render_pdf
from supervision_app.services.demo import load_demo
from supervision_app.services.records import load_record

pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


def _sessions(store, content):
    case_id = load_demo(store, content).history_case_id
    return {s.date: s.id for s in store.sessions.list_sessions(case_id)}


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


def _pdf_text(record) -> str:
    return " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(render_pdf(record))).pages
    )


def test_the_pdf_and_html_records_print_them_readably(store, content) -> None:
    sessions = _sessions(store, content)
    # 11 Aug: hypothesis 5 raised and hypothesis 4 reviewed in this session, printed in full
    record = load_record(store, sessions[date(2026, 8, 11)], content)
    text = _pdf_text(record)
    assert "Hypotheses" in text
    assert "How it will be tested: Compare nursery attendance and weights" in text
    assert "Evaluation: Supported: there is an adult in the household" in text
    html = render_html(record)
    assert "<h2>Hypotheses</h2>" in html and "How it will be tested:" in html


def test_hypotheses_not_discussed_in_the_session_print_on_one_line(store, content) -> None:
    """Length follows what was discussed (issue 13): on 13 Oct no hypothesis was raised or
    reviewed, so each current one prints as its text and status, without basis and tests."""
    sessions = _sessions(store, content)
    record = load_record(store, sessions[date(2026, 10, 13)], content)
    assert record.hypotheses and not any(h.discussed for h in record.hypotheses)
    text = _pdf_text(record)
    assert "Mum is not being open about who lives in or visits the home (Supported, raised" in text
    assert "How it will be tested:" not in text and "Based on:" not in text
    html = render_html(record).split("<h2>Hypotheses</h2>", 1)[1]
    assert "Mum is not being open" in html and "How it will be tested:" not in html
