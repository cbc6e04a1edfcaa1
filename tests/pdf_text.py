"""Reading a PDF's text back, for the tests that check what a record says."""

from __future__ import annotations

import io

import pypdf


def squash(text: str) -> str:
    """Text with all whitespace removed (pypdf breaks lines where the PDF wrapped them)."""
    return "".join(text.split())


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]
