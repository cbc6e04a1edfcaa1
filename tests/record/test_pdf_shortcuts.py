"""The record PDF's shortcuts through ReportLab lay the record out exactly as before: one
fragment per run of one style, keep-with-next groups measured without copying the frame,
and text mapped to the embedded font's subset codes in one pass."""

from __future__ import annotations

import random

import pytest
from pdf_text import pdf_pages, squash
from record_samples import HOSTILE, record_with_answer, sample_record
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether

from supervision_app.paths import resource_path
from supervision_app.record.pdf import flowables as record_flowables
from supervision_app.record.pdf import render_pdf, stylesheet
from supervision_app.record.pdf.flowables import KeepWithFirstLines, Paragraph
from supervision_app.record.pdf.fonts import RecordFont
from supervision_app.record.pdf.text import paragraph_markup, text_flowables


def test_character_references_do_not_split_a_paragraph_into_fragments() -> None:
    style = stylesheet()["Answer"]
    para = Paragraph(paragraph_markup('Mum\'s partner & Dad said "no" <b>twice</b>'), style)
    assert len(para.frags) == 1
    assert para.frags[0].text == 'Mum\'s partner & Dad said "no" <b>twice</b>'


def test_runs_of_another_style_and_line_breaks_stay_apart() -> None:
    style = stylesheet()["Answer"]
    para = Paragraph("<b>Rationale:</b> it&#39;s late<br/><br/>next &amp; last", style)
    texts = [(f.text, f.fontName, bool(getattr(f, "lineBreak", False))) for f in para.frags]
    assert texts == [
        ("Rationale:", "DejaVuSans-Bold", False),
        (" it's late", "DejaVuSans", False),
        ("", "DejaVuSans", True),
        ("", "DejaVuSans", True),  # a blank line is two breaks: never merged into one
        ("next & last", "DejaVuSans", False),
    ]


def test_a_fallback_font_run_keeps_its_own_fragment() -> None:
    [para] = text_flowables("Baby 👶 drawn & coloured", stylesheet()["Answer"])
    fonts = [f.fontName for f in para.frags]
    assert fonts == ["DejaVuSans", "SymbolaEmoji", "DejaVuSans"]
    assert "".join(f.text for f in para.frags) == "Baby 👶 drawn & coloured"


HOSTILE_ANSWER = "\n".join(HOSTILE.values())


@pytest.mark.parametrize(
    "record", [sample_record(), record_with_answer(HOSTILE_ANSWER + " it's " * 400)]
)
def test_the_record_reads_the_same_with_fragments_merged(monkeypatch, record) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)
    merged = pdf_pages(render_pdf(record))
    monkeypatch.setattr(record_flowables, "merge_fragments", lambda frags: frags)
    assert pdf_pages(render_pdf(record)) == merged


def test_markup_and_references_typed_by_a_user_still_print_literally() -> None:
    text = squash("".join(pdf_pages(render_pdf(record_with_answer(HOSTILE_ANSWER)))))
    for typed in HOSTILE.values():
        if typed.isascii():
            assert squash(typed) in text


@pytest.mark.parametrize("record", [sample_record(), record_with_answer("Long line. " * 900)])
def test_groups_are_measured_as_reportlab_measures_them(monkeypatch, record) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the file
    measured: list[tuple[float, float]] = []
    ours = KeepWithFirstLines.wrap

    def both(self, aW, aH):
        KeepTogether.wrap(self, aW, aH)
        theirs = (self._H, self._H0)
        size = ours(self, aW, aH)
        measured.append((theirs[0] - self._H, theirs[1] - self._H0))
        return size

    monkeypatch.setattr(KeepWithFirstLines, "wrap", both)
    plain = render_pdf(record)
    assert measured and all(abs(a) < 1e-9 and abs(b) < 1e-9 for a, b in measured)
    monkeypatch.setattr(KeepWithFirstLines, "wrap", ours)
    assert render_pdf(record) == plain


class _Doc:
    pass


def test_text_gets_the_subset_codes_reportlab_gives_it() -> None:
    path = str(resource_path("fonts", "DejaVuSans.ttf"))
    ours, theirs = RecordFont("Ours", path), TTFont("Theirs", path)
    doc_a, doc_b = _Doc(), _Doc()  # each document has its own subsets
    # ASCII, a no-break space, markup characters, Latin, Cyrillic, CJK the font lacks, an
    # emoji, and enough other letters to fill subset 0 and go on into subset 1.
    alphabet = "abc ABC\xa0.,'\"&<>éßЖ中👶" + "".join(chr(c) for c in range(0x100, 0x1A0))
    rng = random.Random(21)
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert ours.splitString(text, doc_a) == theirs.splitString(text, doc_b), text
    assert ours.state[doc_a].assignments == theirs.state[doc_b].assignments
    assert len(ours.state[doc_a].subsets) == 2  # the slow path was taken too


@pytest.mark.parametrize("record", [sample_record(), record_with_answer(HOSTILE_ANSWER * 3)])
def test_the_file_is_the_one_reportlabs_own_mapping_writes(monkeypatch, record) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)
    fast = render_pdf(record)
    monkeypatch.setattr(RecordFont, "splitString", TTFont.splitString)
    assert render_pdf(record) == fast
