"""The record renderers: HTML (Jinja2) and PDF (ReportLab), checked through their output text."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import jinja2
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_text import pdf_pages, squash
from record_samples import HOSTILE, record_with_answer, sample_record

from supervision_app.record.html import render_html
from supervision_app.record.model import RecordAction, RecordDecision
from supervision_app.record.pdf import (
    RecordExportError,
    render_pdf,
    visible_text,
    write_pdf,
)
from supervision_app.record.pdf.blocks import CELL_CHARS
from supervision_app.record.styles import printable_text

PAGE_NUMBER = re.compile(r"^Page (\d+) of (\d+)$")


# --------------------------------------------------------------------------- helpers


def body_text(pages: list[str], record) -> str:
    """The extracted text of all pages without the page furniture (marking, footer, page no.)."""
    furniture = {record.marking, f"Supervision record · {record.case_reference} · 3 Feb 2027"}
    lines = [
        line
        for page in pages
        for line in page.split("\n")
        if line.strip() not in furniture and not PAGE_NUMBER.match(line.strip())
    ]
    return "\n".join(lines)


def assert_furniture_on_every_page(pages: list[str], record) -> None:
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.split("\n")]
        assert lines.count(record.marking) == 2, f"marking top and bottom on page {number}"
        assert any(record.case_reference in line for line in lines), f"case ref on page {number}"
        assert f"Page {number} of {total}" in lines, f"page number on page {number}"


def answer_in_pdf(answer: str) -> str:
    record = record_with_answer(answer)
    return body_text(pdf_pages(render_pdf(record)), record)


# --------------------------------------------------------------------------- PDF


def test_pdf_sample_record_has_everything():
    record = sample_record()
    data = render_pdf(record)
    assert data.startswith(b"%PDF-")
    pages = pdf_pages(data)
    assert_furniture_on_every_page(pages, record)
    text = body_text(pages, record)
    flat = squash(text)
    for stage in record.stages:
        assert squash(f"Stage {stage.number}: {stage.title}") in flat
        for prompt in stage.answered:
            assert squash(prompt.text) in flat
            assert squash(prompt.answer) in flat
    # the questions nobody answered are never listed (issue 13)
    unasked = [p.text for s in record.stages for p in s.prompts if not p.answered]
    assert unasked and not any(squash(text) in flat for text in unasked)
    assert "Notdiscussed" not in flat
    assert squash("(question from an earlier version of the prompts)") in flat
    # sources: one compact note per section, each citation once, not a line under every answer
    assert "Source:" not in text
    assert flat.count("Sources:") == len(record.stages)
    assert (
        squash(
            "Sources: Morrison (2005), 4x4x4 model of supervision; "
            "Brandon et al. (2020), Complexity and challenge; "
            "Working Together to Safeguard Children (2023), ch. 2"
        )
        in flat
    )
    assert flat.count(squash("Working Together to Safeguard Children (2023), ch. 2")) == 3
    for decision in record.decisions:
        assert squash(f"{decision.number}. {decision.text}") in flat
    assert squash("Rationale: " + record.decisions[0].rationale) in flat
    for action in record.actions:
        for value in (action.description, action.owner, action.status):
            assert squash(value) in flat
    assert "No. Action Owner Due Status" in text.replace("\n", " ")
    for value in (
        "Sam Patel",
        "Alex Morgan",
        "Jayden Smith, born 4 Mar 2020, age 6",
        "Police (MASH)",
        record.session_uid,
        "2027.1",
        "3 Feb 2027, 16:45",
    ):
        assert squash(value) in flat


def test_pdf_group_heading_once_and_stage_order():
    flat = squash(body_text(pdf_pages(render_pdf(sample_record())), sample_record()))
    assert flat.count(squash("The story so far")) == 1
    positions = [flat.index(squash(f"Stage {n}:")) for n in (1, 2, 3, 4)]
    assert positions == sorted(positions)
    # the summary leads: decisions and actions come before the discussion (issue 13)
    assert flat.index("Decisions") < flat.index("Actions") < flat.index("Stage1:")


def test_pdf_metadata_title_and_author_only():
    record = sample_record()
    meta = pypdf.PdfReader(io.BytesIO(render_pdf(record))).metadata
    assert meta.title == "Supervision record CS-2027-0142"
    assert meta.author == "Supervision App"
    assert not meta.subject
    text = " ".join(str(v) for v in meta.values())
    assert "Kelly" not in text and "Jayden" not in text


def test_pdf_no_decisions_or_actions():
    record = sample_record(decisions=(), actions=())
    flat = squash(body_text(pdf_pages(render_pdf(record)), record))
    assert squash("No decisions recorded.") in flat
    assert squash("No actions recorded.") in flat
    assert "No.ActionOwner" not in flat


@pytest.mark.parametrize("key", [k for k in HOSTILE if k not in {"emoji", "arabic", "hebrew"}])
def test_pdf_hostile_text_comes_back_literally(key):
    text = HOSTILE[key]
    assert squash(text) in squash(answer_in_pdf(f"before {text} after"))


def test_pdf_all_hostile_text_in_one_answer():
    answer = "\n".join(v for k, v in HOSTILE.items() if k not in {"arabic", "hebrew"})
    flat = squash(answer_in_pdf(answer))
    assert squash(visible_text(answer)) in flat
    assert "<b>bold</b>" in flat and '<fontname="Courier">mono</font>' in flat


def test_pdf_emoji_come_back_intact_through_the_fallback_font():
    # DejaVu Sans has no glyph for U+1F476 (baby) or the skin-tone modifier; the bundled
    # Symbola subset draws them, and the text layer keeps the characters.
    text = answer_in_pdf("Baby 👶🏽 drew ❤️ and 🧒 ✅")
    assert "Baby 👶🏽 drew ❤️ and 🧒 ✅" in text
    assert "\x00" not in text and "[U+" not in text


def test_pdf_characters_no_bundled_font_has_become_visible_markers():
    # No bundled font draws Ethiopic: ReportLab would draw an empty box and put U+0000
    # in the text layer, so the code point is printed instead of losing the word.
    text = answer_in_pdf("Name: ሰ")
    assert "Name: [U+1230]" in text
    assert "\x00" not in text


@pytest.mark.parametrize(
    "words",
    [
        "Zażółć gęślą jaźń",  # Polish
        "İstanbul'da ağabeyim ğüşıö",  # Turkish
        "नमस्ते दुनिया",  # Hindi (Noto Sans Devanagari, shaped)
        "ਸਤ ਸ੍ਰੀ ਅਕਾਲ",  # Punjabi (Noto Sans Gurmukhi, shaped)
        "你好世界 王小明",  # Chinese (WenQuanYi Micro Hei subset)
    ],
)
def test_pdf_non_latin_scripts_print_in_a_bundled_font_and_extract_intact(words):
    text = answer_in_pdf(f"start {words} end")
    assert f"start {words} end" in text
    assert "[U+" not in text


def test_pdf_characters_beyond_the_bmp_that_dejavu_has_extract_correctly():
    # 😀 (U+1F600) and 𝐀 (U+1D400) are in DejaVu; ReportLab 5.1's ToUnicode CMap needs our fix.
    assert squash("smile 😀 math 𝔸𝕓") in squash(answer_in_pdf("smile 😀 math 𝔸𝕓"))


@pytest.mark.parametrize(
    "phrase", ["مرحبا بالعالم", "آپ کیسے ہیں", "שלום עולם", "K said: مرحبا بالعالم today"]
)
def test_pdf_rtl_text_is_shaped_and_reads_right_to_left(phrase):
    # Arabic, Urdu and Hebrew are set in shaped Noto fonts: HarfBuzz lays each word out right
    # to left and the words of a right-to-left phrase run right to left.  pypdf extracts such
    # a phrase word by word with each word's glyphs in visual order (Arabic as presentation
    # forms, which NFKC maps back to letters); in the wrong order the words would be swapped.
    flat = (
        unicodedata.normalize("NFKC", answer_in_pdf(phrase))
        .replace("\u202b", "")
        .replace("\u202c", "")
    )
    rtl_words = [w for w in phrase.split() if unicodedata.bidirectional(w[0]) in {"R", "AL"}]
    expected = " ".join(w[::-1] for w in rtl_words)
    assert expected in " ".join(flat.split())
    assert "[U+" not in flat


def test_pdf_newlines_are_line_breaks():
    text = answer_in_pdf("First line of the answer\nSecond line\n\n  Indented third")
    lines = [line.strip() for line in text.split("\n")]
    i = lines.index("First line of the answer")
    assert lines[i + 1 : i + 4] == ["Second line", "", "Indented third"]  # blank line kept


def test_pdf_control_characters_leave_visible_markers():
    answer = "bell\x07 nul\x00 esc\x1b del\x7f vt\x0bnext cr\r\nline tab\tend"
    text = answer_in_pdf(answer)
    flat = squash(text)
    for marker in ("bell[U+0007]", "nul[U+0000]", "esc[U+001B]", "del[U+007F]"):
        assert marker in flat
    lines = [line.strip() for line in text.split("\n")]
    assert "next cr" in lines and "line tab end" in lines


def test_pdf_lone_surrogate_does_not_crash():
    assert "bad[U+D800]char" in squash(answer_in_pdf("bad\ud800char"))


def test_pdf_long_word_wraps():
    word = "x" * 5000
    record = record_with_answer(f"start {word} end")
    pages = pdf_pages(render_pdf(record))
    assert len(pages) >= 2
    assert_furniture_on_every_page(pages, record)
    assert squash(f"start {word} end") in squash(body_text(pages, record))


def test_pdf_long_answer_spans_many_pages_intact():
    words = ["the", "child", "said", "mum", "was", "upset", "when", "dad", "came", "home"]
    answer = " ".join(words[i % 10] + str(i) for i in range(30_000))[:200_000]
    answer = answer[:100_000] + "\n" + answer[100_000:]
    record = record_with_answer(answer)
    start = time.perf_counter()
    data = render_pdf(record)
    assert time.perf_counter() - start < 60
    pages = pdf_pages(data)
    assert len(pages) > 30
    assert_furniture_on_every_page(pages, record)
    assert squash(answer) in squash(body_text(pages, record))


def test_pdf_long_action_and_decision_do_not_overflow():
    long = "Contact the school and the health visitor. " * 600
    record = sample_record(
        actions=(RecordAction(1, long, "Sam Patel", None, "", "Open"),),
        decisions=(RecordDecision(1, long, long),),
    )
    pages = pdf_pages(render_pdf(record))
    assert len(pages) > 5
    assert_furniture_on_every_page(pages, record)
    flat = squash(body_text(pages, record))
    assert "1." + squash(long) + "Rationale:" + squash(long) in flat
    # A table cell holds at most CELL_CHARS characters; the rest follows the table.
    text = long.strip()
    cut = text.rfind(" ", CELL_CHARS // 2, CELL_CHARS)
    assert squash(text[cut - 200 : cut] + "… (continued below the table)") in flat
    heading = "Action 1, Action (continued from the table)"
    assert squash(heading + text[cut:]) in flat


def test_pdf_huge_table_cells_are_quick():
    huge = "word " * 40_000  # 200,000 characters in each cell
    record = sample_record(
        attendees=(huge,),
        actions=(RecordAction(1, huge, huge, None, huge, huge),),
    )
    start = time.perf_counter()
    pages = pdf_pages(render_pdf(record))
    assert time.perf_counter() - start < 60
    flat = squash(body_text(pages, record))
    assert squash("Attendees (continued from the table)") in flat
    for column in ("Action", "Owner", "Due", "Status"):
        assert squash(f"Action 1, {column} (continued from the table)") in flat


def test_pdf_furniture_with_long_case_reference_and_marking():
    record = sample_record(case_reference="REF-" + "9" * 300, marking="OFFICIAL-SENSITIVE " * 8)
    pages = pdf_pages(render_pdf(record))
    assert "…" in pages[0]
    assert "Page 1 of" in pages[0]


def test_pdf_custom_marking():
    record = sample_record(marking="OFFICIAL")
    pages = pdf_pages(render_pdf(record))
    assert_furniture_on_every_page(pages, record)


# The round trip is checked for any Unicode except right-to-left letters (pypdf reorders
# RTL runs, see test_pdf_rtl_text_is_kept) and the soft hyphen (invisible; not extracted).
_ROUND_TRIP_ALPHABET = st.characters(exclude_categories=("Cs",), exclude_characters="\xad").filter(
    lambda c: unicodedata.bidirectional(c) not in {"R", "AL"}
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(_ROUND_TRIP_ALPHABET, max_size=300))
def test_pdf_property_answer_round_trips(answer):
    # What the PDF shows is the answer with unprintable characters and glyphs missing
    # from DejaVu replaced by [U+XXXX] markers; all of it must be in the text layer.
    # (An answer that is only whitespace counts as not answered and is not printed.)
    expected = squash(visible_text(answer)) if answer.strip() else ""
    assert expected in squash(answer_in_pdf(answer))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=300))
def test_pdf_property_never_raises(answer):
    # Any code point at all, including controls and lone surrogates.
    assert render_pdf(record_with_answer(answer)).startswith(b"%PDF-")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("ab <>&\"';=/\n"), max_size=200))
def test_pdf_property_markup_characters_round_trip(answer):
    # A denser test of the escaping alone: only markup characters and a few letters.
    assert squash(answer) in squash(answer_in_pdf(answer))


# --------------------------------------------------------------------------- write_pdf


def test_write_pdf_writes_file(tmp_path: Path):
    target = tmp_path / "record.pdf"
    write_pdf(sample_record(), target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["record.pdf"]


def test_write_pdf_missing_folder_raises_export_error(tmp_path: Path):
    target = tmp_path / "missing" / "record.pdf"
    with pytest.raises(RecordExportError, match=r"Cannot write .*record\.pdf: "):
        write_pdf(sample_record(), target)
    assert list(tmp_path.iterdir()) == []


def test_write_pdf_failure_midway_leaves_no_partial_file(tmp_path: Path, monkeypatch):
    import supervision_app.atomic as atomic

    target = tmp_path / "record.pdf"

    def full_disk(_fd):  # the bytes went to the hidden partial file, then the disk filled
        assert atomic.partial_path(target).exists()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    with pytest.raises(RecordExportError, match="No space left on device"):
        write_pdf(sample_record(), target)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_write_pdf_does_not_delete_existing_file_it_could_not_open(tmp_path: Path, monkeypatch):
    import supervision_app.private_files as private_files

    target = tmp_path / "record.pdf"
    target.write_bytes(b"earlier export")

    def refusing_open(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(private_files, "open_private", refusing_open)
    with pytest.raises(RecordExportError, match="Permission denied"):
        write_pdf(sample_record(), target)
    monkeypatch.undo()
    assert target.read_bytes() == b"earlier export"


# --------------------------------------------------------------------------- HTML


def test_html_sample_record_has_everything():
    record = sample_record()
    html = render_html(record)
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in html
    assert "<script" not in html.lower() and "http" not in html
    assert html.count("OFFICIAL-SENSITIVE") >= 2
    for stage in record.stages:
        assert f"Stage {stage.number}: {stage.title}" in html
        for prompt in stage.answered:
            assert str(_escaped(prompt.text)) in html
            assert str(_escaped(prompt.answer).replace("\n", "<br>\n")) in html
    unasked = [p.text for s in record.stages for p in s.prompts if not p.answered]
    assert unasked and not any(str(_escaped(text)) in html for text in unasked)
    assert "Not discussed" not in html
    assert "(question from an earlier version of the prompts)" in html
    assert "Source:" not in html and html.count("Sources:") == len(record.stages)
    assert "Brandon et al. (2020), Complexity and challenge; Working Together" in html
    assert html.index("<h2>Decisions</h2>") < html.index("<h2>Stage 1: Experience</h2>")
    assert "<b>Rationale:</b>" in html
    for decision in record.decisions:
        assert _escaped(decision.text) in html
    assert '<th scope="col"' in html and '<th scope="row"' in html
    for action in record.actions:
        assert _escaped(action.description) in html
        assert _escaped(action.owner) in html
    assert "Riverside Primary DSL</td><td>—</td>" in html
    assert record.session_uid in html and "3 Feb 2027, 16:45" in html


def _escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_html_group_heading_once():
    assert render_html(sample_record()).count("<h3>The story so far</h3>") == 1


def test_html_hostile_text_is_escaped():
    html = render_html(record_with_answer("\n".join(HOSTILE.values())))
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;font name=&#34;Courier&#34;&gt;mono&lt;/font&gt;" in html
    assert "<img" not in html and "<link" not in html and "<a " not in html
    assert "&amp;amp; &amp;lt; &amp;#65; &amp;nbsp;" in html
    assert "Risk &lt; threshold &amp; rising; 3 &gt; 2" in html
    for key in ("emoji", "polish", "turkish", "greek", "cyrillic", "arabic", "hebrew"):
        assert HOSTILE[key] in html


def test_html_newlines_become_br_after_escaping():
    html = render_html(record_with_answer("one <two>\nthree\n  indented"))
    assert "one &lt;two&gt;<br>\nthree<br>\n&nbsp;&nbsp;indented" in html


def test_html_control_characters_become_markers():
    html = render_html(record_with_answer("bell\x07 nul\x00 bad\ud800"))
    assert "bell[U+0007] nul[U+0000] bad[U+D800]" in html
    assert "\x07" not in html and "\x00" not in html


def test_html_no_decisions_or_actions():
    html = render_html(sample_record(decisions=(), actions=()))
    assert "No decisions recorded." in html
    assert "No actions recorded." in html
    assert '<table class="actions"' not in html


def test_html_empty_title_details_say_none_recorded():
    html = render_html(sample_record(children=(), agencies=(), attendees=()))
    details = html.split('<table class="details"', 1)[1].split("</table>", 1)[0]
    assert details.count("None recorded") == 3
    # previous actions, hypotheses and escalations say so honestly too
    assert html.count("None recorded") == 6


def test_html_template_is_strict():
    @dataclasses.dataclass(frozen=True)
    class Incomplete:
        title: str = "Supervision record"
        marking: str = "OFFICIAL"

    with pytest.raises(jinja2.UndefinedError, match="case_reference"):
        render_html(Incomplete())  # type: ignore[arg-type]


# --------------------------------------------------------------------------- shared clean-up


def test_printable_text_rules():
    assert printable_text("a\r\nb\rc\u2028d\u2029e") == "a\nb\nc\nd\ne"
    assert printable_text("a\tb") == "a    b"
    assert printable_text("x\x00\x1f\x7fy") == "x[U+0000][U+001F][U+007F]y"
    assert printable_text("Zażółć 👶🏽 <b>") == "Zażółć 👶🏽 <b>"


def test_renderer_modules_import_no_qt_and_no_storage():
    import supervision_app.record.html as html_module
    import supervision_app.record.pdf as pdf_package

    pdf_modules = sorted(Path(pdf_package.__file__).parent.glob("*.py"))
    assert len(pdf_modules) > 10  # the package's modules, not just its __init__
    # The paper template prints the content's prompts: it alone may read the content.
    paper = {"documents.py", "paper_tools.py"}
    for path in [Path(html_module.__file__), *pdf_modules]:
        source = path.read_text(encoding="utf-8")
        imports = re.findall(r"^\s*(?:from|import) (\S+)", source, flags=re.MULTILINE)
        assert not [m for m in imports if m.split(".")[0] == "PySide6"], path.name
        lower = ("supervision_app.storage",) + (
            () if path.name in paper else ("supervision_app.content",)
        )
        assert not [m for m in imports if m.startswith(lower)], path.name


def test_record_package_does_not_load_reportlab_or_jinja_at_import():
    code = (
        "import sys, supervision_app.record; "
        "print(sorted(m for m in ('reportlab', 'jinja2') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.stdout.strip() == "[]"


def _signed_by_practitioner(include_wellbeing: bool):
    from datetime import datetime

    from supervision_app.domain.signing import Party, SessionIntegrity, SignOff

    signoff = SignOff(
        Party.PRACTITIONER,
        "Sam",
        "Health visitor",
        datetime(2026, 11, 3, 10),
        "",
        "",
        include_wellbeing,
    )
    return SessionIntegrity(signoffs=(signoff,), head_hash="ab" * 32)


def test_wellbeing_answers_print_only_when_the_practitioner_chooses():
    from supervision_app.content import load_content
    from supervision_app.record import build_record
    from supervision_app.services.demo import demo_session
    from tests.content.test_content_sources import EVERY_PROMPT_CASE

    content = load_content()
    detail = demo_session(content, EVERY_PROMPT_CASE)
    wellbeing = detail.answers["supervision.wellbeing"].text
    everywhere = lambda record: [p.answer for s in record.stages for p in s.prompts]  # noqa: E731

    draft = build_record(detail, content)
    assert draft.wellbeing is None and wellbeing not in everywhere(draft)

    declined = build_record(detail, content, integrity=_signed_by_practitioner(False))
    assert declined.wellbeing is None and wellbeing not in everywhere(declined)
    assert "Two other cases on my caseload" not in render_html(declined)

    chosen = build_record(detail, content, integrity=_signed_by_practitioner(True))
    assert any(text == wellbeing for _heading, text in chosen.wellbeing.entries)
    assert "Two other cases on my caseload" in render_html(chosen)
    assert squash(wellbeing) in squash("".join(pdf_pages(render_pdf(chosen))))
