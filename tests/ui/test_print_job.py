"""The print dialog's choices as plain data: pages to send and CUPS options, without Qt."""

from __future__ import annotations

import io

import pypdf
import pytest
from record_samples import record_with_answer

from supervision_app.print_job import (
    PageRangeError,
    PrintChoices,
    page_count,
    pages_text,
    parse_page_ranges,
    select_pages,
)


def test_page_ranges_read_like_cups() -> None:
    assert parse_page_ranges("2-3", 30) == (2, 3)
    assert parse_page_ranges("5, 1-2,2", 30) == (1, 2, 5)
    assert parse_page_ranges("28-", 30) == (28, 29, 30)
    assert parse_page_ranges("-2", 30) == (1, 2)
    assert parse_page_ranges("29-40", 30) == (29, 30)  # cut to the record


@pytest.mark.parametrize("text", ["31-40", "0", "", "x-2"])
def test_a_range_naming_no_page_is_refused_clearly(text: str) -> None:
    with pytest.raises(PageRangeError) as caught:
        parse_page_ranges(text, 30)
    assert "page" in str(caught.value)


def test_pages_text_joins_runs() -> None:
    assert pages_text((1, 2, 3, 5, 7, 8)) == "1–3, 5, 7–8"
    assert pages_text((4,)) == "4"


def test_cups_options_from_the_choices() -> None:
    choices = PrintChoices(
        pages=(2, 3),
        copies=2,
        collate=True,
        sides="two-sided-short-edge",
        media="A4",
        extra=(("page-ranges", "2-3"), ("number-up", "2"), ("copies", "9"), ("media", "Letter")),
    )
    options = choices.cups_options()
    assert options == {
        "number-up": "2",  # the dialog's own options are kept...
        "media": "Letter",  # ...including its paper, chosen on its options tab
        "copies": "2",  # ...but what the app decides is the app's
        "collate": "true",
        "sides": "two-sided-short-edge",
    }
    assert "page-ranges" not in options  # the pages are cut out before sending


def test_one_copy_sends_no_collation_and_the_printers_defaults() -> None:
    assert PrintChoices(pages=(1,)).cups_options() == {"copies": "1"}


def test_select_pages_keeps_those_pages_as_text() -> None:
    pdf = _long_pdf()
    total = page_count(pdf)
    assert total >= 4
    texts = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    cut = select_pages(pdf, (2, 4))
    assert [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(cut)).pages] == [
        texts[1],
        texts[3],
    ]
    assert len(cut) < len(pdf)
    assert select_pages(pdf, tuple(range(1, total + 1))) is pdf  # every page: sent as it is


def _long_pdf() -> bytes:
    from supervision_app.record.pdf import render_pdf

    answer = "\n\n".join(f"Entry {n:03d}: a visit, what was seen and heard." for n in range(300))
    return render_pdf(record_with_answer(answer))

