"""Render a :class:`SessionRecord` as one self-contained HTML document.

The document is meant for Qt's ``QTextBrowser`` (the in-app preview), which
understands only a subset of HTML 4 and CSS, and for an ordinary browser:
inline CSS only, no scripts or external resources, simple tables, headings
and paragraphs, ``lang="en-GB"``.

Jinja2 autoescapes everything; user text additionally goes through the
``text`` filter, which makes it printable (see
:func:`~supervision_app.record.styles.printable_text`), escapes it and only
then turns newlines into ``<br>`` and leading spaces into ``&nbsp;``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from supervision_app import APP_NAME
from supervision_app.atomic import write_atomically
from supervision_app.paths import resource_path
from supervision_app.record.model import SessionRecord
from supervision_app.record.styles import (
    LABELS,
    PALETTE,
    format_date_text,
    format_datetime_text,
    printable_text,
)

__all__ = ["TEMPLATE_NAME", "render_html", "text_to_html", "write_html"]

TEMPLATE_NAME = "record.html.j2"

_LEADING_SPACES = re.compile(r"^ +", re.MULTILINE)


def text_to_html(text: str) -> Markup:
    """User text as safe HTML: escaped first, then line breaks as ``<br>``."""
    escaped = str(escape(printable_text(str(text)).strip("\n")))
    escaped = _LEADING_SPACES.sub(lambda m: "&nbsp;" * len(m.group()), escaped)
    return Markup(escaped.replace("\n", "<br>\n"))


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(resource_path("templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["text"] = text_to_html
    env.filters["one_line"] = lambda text: " ".join(printable_text(str(text)).split())
    env.filters["date_text"] = format_date_text
    env.filters["datetime_text"] = format_datetime_text
    env.globals.update(labels=LABELS, palette=PALETTE, app_name=APP_NAME)
    return env


def write_html(record: SessionRecord, path: Path) -> None:
    """Write the record as one self-contained HTML file (the accessible alternative to the PDF).

    Rendered in memory first, then written complete or not at all; raises OSError if the file
    cannot be written.
    """
    write_atomically(Path(path), render_html(record).encode("utf-8"))


def render_html(record: SessionRecord) -> str:
    """The record as an HTML document (a string), ready for ``QTextBrowser.setHtml``."""
    return _environment().get_template(TEMPLATE_NAME).render(record=record)
