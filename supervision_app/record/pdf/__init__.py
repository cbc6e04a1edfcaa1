"""Render the supervision record (and the other documents) as A4 PDFs with ReportLab platypus.

The layout follows the pretix invoice builder: one stylesheet factory of named
paragraph styles (:mod:`.stylesheet`), a page template whose ``onPage``
callback draws the page furniture (protective marking at the top and bottom
centre, case reference; :mod:`.page`), a numbered canvas that adds "Page X of Y"
once the total is known, and a story assembled from one small function per
section (:mod:`.sections`, :mod:`.summary`, :mod:`.review`).

How user text is made safe for ReportLab's markup is told in :mod:`.text`, how
characters are matched to fonts in :mod:`.fonts`.

Modules, lowest first (each imports only those before it):

- :mod:`.fonts`: the bundled fonts, what each can draw, one-line fitting;
- :mod:`.stylesheet`: the named paragraph styles and the palette's colours;
- :mod:`.flowables`: the record's Paragraph, keep-with-next group and table;
- :mod:`.text`: user text as safe Paragraphs;
- :mod:`.page`: page geometry, furniture, the numbered canvas and outline entries;
- :mod:`.blocks`: section headings, bordered tables, capped table cells;
- :mod:`.sections`, :mod:`.review`, :mod:`.summary`: the session record's sections;
- :mod:`.render`: a story laid out as a document, and written safely;
- :mod:`.session`: the session record; :mod:`.documents` (with :mod:`.paper_tools`):
  the extract, the paper template, the recovery sheet and password protection;
  :mod:`.case_summary`: the case summary with its ratings chart.

Only these modules import ReportLab; nothing imports them at start-up.  This package
exports the session record's entry points.
"""

from __future__ import annotations

from supervision_app.record.pdf.render import (
    ProgressCallback,
    RecordExportError,
    render_document,
    write_bytes,
)
from supervision_app.record.pdf.session import build_story, render_pdf, write_pdf
from supervision_app.record.pdf.stylesheet import stylesheet
from supervision_app.record.pdf.text import visible_text

__all__ = [
    "ProgressCallback",
    "RecordExportError",
    "build_story",
    "render_document",
    "render_pdf",
    "stylesheet",
    "visible_text",
    "write_bytes",
    "write_pdf",
]
