"""The record for screen-reader users: every section of the PDF has a bookmark, and the HTML
record has a main landmark and a caption on every table."""

from __future__ import annotations

import io
import re

import pypdf

from supervision_app.record.html import render_html
from supervision_app.record.pdf import render_pdf
from supervision_app.record.pdf.documents import render_template
from tests.record_samples import sample_record


def outline(data: bytes) -> list[tuple[str, int]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"].get("/PageMode") == "/UseOutlines"
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]


def test_pdf_record_has_a_bookmark_for_every_section_on_its_page() -> None:
    record = sample_record()
    data = render_pdf(record)
    marks = outline(data)
    titles = [title for title, _page in marks]
    for stage in record.stages:
        assert any(title.endswith(stage.title) for title in titles), (stage.title, titles)
    assert "Decisions" in titles and "Actions" in titles and "Sign-off" in titles
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    for title, page in marks:  # each bookmark opens the page where its heading is printed
        assert title.split(":")[0] in pages[page], (title, page)
    assert [page for _t, page in marks] == sorted(page for _t, page in marks)


def test_blank_template_has_bookmarks_too() -> None:
    from supervision_app.content import load_content

    marks = outline(render_template(load_content(), "OFFICIAL"))
    assert len(marks) >= 10
    assert len({page for _t, page in marks}) > 5  # spread over the pages, not all on page 1


def test_html_record_has_a_main_landmark_and_captions_on_every_table() -> None:
    markup = render_html(sample_record())
    assert markup.count("<main>") == 1 and markup.count("</main>") == 1
    tables = re.findall(r"<table[^>]*>\s*(<caption>[^<]+</caption>)?", markup)
    assert tables and all(caption for caption in tables), tables
