"""User text made safe for ReportLab's paragraph markup.

1. :func:`~supervision_app.record.styles.printable_text` normalises line breaks,
   turns tabs into spaces and replaces control characters and lone surrogates
   with a visible ``[U+XXXX]`` marker.
2. Characters that the bundled DejaVu Sans cannot draw are set in a fallback
   font, and characters no bundled font can draw are replaced by ``[U+XXXX]``
   (:mod:`.fonts`).
3. ``&``, ``<`` and ``>`` are escaped, so markup typed by a user (``<b>``,
   ``<font>``, ``<img>``, ``&amp;``) prints literally (quotes need no escaping:
   user text is never put inside a tag's attribute, and an escaped quote would
   cost the parser a fragment each); newlines become ``<br/>`` and leading spaces
   become no-break spaces (kept as indentation).
4. Each line of user text becomes its own Paragraph (visually the same as
   ``<br/>``, but each stays a simple one-fragment paragraph that ReportLab
   wraps quickly), and a line longer than :data:`CHUNK_CHARS` characters is
   cut at a space into several.  ReportLab re-wraps the whole rest of a
   paragraph at every page break, so a single 1 MB paragraph would take
   minutes; cut up, it takes seconds.  The price is a line that ends early
   every few pages inside an enormous paragraph.  Words wider than the column
   are broken by ReportLab itself (``splitLongWords``).  A table cell holds at
   most :data:`~supervision_app.record.pdf.blocks.CELL_CHARS` characters; the
   rest is printed right after the table under "Action N, Column (continued
   from the table)".
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from supervision_app.record.pdf.flowables import Paragraph
from supervision_app.record.pdf.fonts import (
    FALLBACK_FONTS,
    FONT,
    RTL_NAMES,
    SHAPED_FONTS,
    coverage,
    missing_glyphs,
    plain_characters,
    rtl_font,
)
from supervision_app.record.styles import printable_text

#: Longest run of user text placed in one Paragraph (see the module docstring).
CHUNK_CHARS = 8000


def _font_runs(line: str, font_name: str) -> str:
    """Escaped markup for one line, with runs the main font lacks set in a fallback font."""
    if plain_characters(font_name).issuperset(line):
        return escape(line)
    primary = coverage(font_name)
    fallbacks = [(name, coverage(name)) for name, _file in FALLBACK_FONTS]
    out: list[str] = []
    run: list[str] = []
    run_font: str | None = None

    def flush() -> None:
        if run:
            text = "".join(run)
            if run_font in RTL_NAMES:
                # HarfBuzz lays out each word right to left; the words of a right-to-left
                # phrase must also run right to left (a simple bidi for an LTR paragraph).
                core = text.strip(" ")
                lead, trail = text[: len(text) - len(text.lstrip(" "))], text[len(core) :]
                text = lead + " ".join(reversed(core.split(" "))) + trail[len(lead) :]
            body = escape(text)
            out.append(f'<font name="{run_font}">{body}</font>' if run_font else body)
            run.clear()

    for ch in line:
        code = ord(ch)
        # Joiners and variation selectors stay with the run they join, and spaces stay
        # inside a shaped run (so HarfBuzz lays a right-to-left phrase out as a whole).
        rtl = rtl_font(code)
        if rtl is not None and code in coverage(rtl):
            font = rtl
        elif run_font and (
            code in (0x200C, 0x200D, 0xFE0E, 0xFE0F) or (run_font in SHAPED_FONTS and ch == " ")
        ):
            font = run_font
        elif code in primary:
            font = None
        else:
            font = next((name for name, cov in fallbacks if code in cov), None)
        if font != run_font:
            flush()
            run_font = font
        run.append(ch)
    flush()
    return "".join(out)


def visible_text(text: str, font_name: str = FONT) -> str:
    """User text as the PDF shows it: printable, with ``[U+XXXX]`` for glyphs the font lacks."""
    return printable_text(text).translate(missing_glyphs(font_name))


def paragraph_markup(text: str, font_name: str = FONT) -> str:
    """Plain user text as safe Paragraph markup, line breaks as ``<br/>``.

    Expects text already passed through ``printable_text``.  Characters the
    font cannot draw become ``[U+XXXX]``; markup characters are escaped;
    leading spaces become no-break spaces so indentation survives.
    """
    lines = []
    for line in text.translate(missing_glyphs(font_name)).split("\n"):
        body = line.lstrip(" ")
        lines.append("\xa0" * (len(line) - len(body)) + _font_runs(body, font_name))
    return "<br/>".join(lines)


def _pieces(text: str, limit: int = CHUNK_CHARS) -> Iterator[str]:
    """Lines of text, long ones cut at a space into pieces of at most ``limit`` characters."""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", limit // 2, limit)
            if cut < 0:  # one enormous word: ReportLab breaks it anyway
                cut = limit
            yield line[:cut]
            line = line[cut:].removeprefix(" ")
        yield line


def trim_blank_lines(text: str) -> str:
    lines = text.rstrip().split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def text_flowables(
    text: str, style: ParagraphStyle, *, lead: str = "", bullet: str | None = None
) -> list[Flowable]:
    """User text as Paragraphs in ``style``: one per line, so each is simple and quick to wrap.

    A blank line becomes an empty line of the same height.  ``lead`` is trusted
    markup put before the text (a bold label); ``bullet`` labels the first
    paragraph (a decision number).
    """
    markups = [
        paragraph_markup(piece, style.fontName) or "\xa0"
        for piece in _pieces(trim_blank_lines(printable_text(text)))
    ]
    if len(markups) == 1:
        return [Paragraph(lead + markups[0], style, bulletText=bullet)]
    # Lines of one text sit at the style's leading: space only before the first, after the last.
    first = ParagraphStyle(f"{style.name}-first", parent=style, spaceAfter=0)
    middle = ParagraphStyle(f"{style.name}-line", parent=first, spaceBefore=0)
    last = ParagraphStyle(f"{style.name}-last", parent=style, spaceBefore=0)
    flowables: list[Flowable] = [Paragraph(lead + markups[0], first, bulletText=bullet)]
    flowables += [Paragraph(markup, middle) for markup in markups[1:-1]]
    flowables.append(Paragraph(markups[-1], last))
    return flowables


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A short single Paragraph of untrusted text (names, headings, table cells)."""
    return Paragraph(paragraph_markup(printable_text(text).strip(), style.fontName), style)
