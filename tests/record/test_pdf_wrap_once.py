"""The PDF record breaks each paragraph's lines once per width, and lays out exactly as
ReportLab's own Paragraph would."""

from __future__ import annotations

import pytest
from record_samples import record_with_answer, sample_record
from reportlab import rl_config
from reportlab.platypus.paragraph import Paragraph as ReportLabParagraph

from supervision_app.record.pdf import render_pdf, stylesheet
from supervision_app.record.pdf.flowables import Paragraph


def test_a_paragraph_is_broken_into_lines_once_per_width(monkeypatch) -> None:
    calls: list[list[float]] = []
    original = ReportLabParagraph.breakLines

    def counting(self, widths):
        calls.append(list(widths))
        return original(self, widths)

    monkeypatch.setattr(ReportLabParagraph, "breakLines", counting)
    para = Paragraph("Mum said the baby had a bruise. " * 20, stylesheet()["Answer"])
    first = para.wrap(300, 800)
    assert para.wrap(300, 100) == first  # the height a wrap gives does not depend on aH
    assert len(calls) == 1
    narrower = para.wrap(200, 800)
    assert len(calls) == 2 and narrower[1] > first[1]
    parts = para.split(200, narrower[1] / 2)  # the pieces are new paragraphs, wrapped anew
    assert len(parts) == 2 and all(isinstance(p, Paragraph) for p in parts)
    parts[0].wrap(200, 800)
    assert len(calls) == 3


@pytest.mark.parametrize("record", [sample_record(), record_with_answer("Long line. " * 900)])
def test_the_record_is_laid_out_exactly_as_without_the_cache(monkeypatch, record) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the file
    cached = render_pdf(record)
    monkeypatch.setattr(Paragraph, "wrap", ReportLabParagraph.wrap)  # the class every section uses
    assert render_pdf(record) == cached
