"""A minimal .docx (WordprocessingML) writer, for the LibreOffice comparison row.

Just enough of the format for a word processor to open it: the content-types
part, the package relationship and one ``word/document.xml``; headings are
bold, larger runs (no styles part).  Standard library only.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: half-points per kind of text
_SIZES = {"title": 36, "heading": 28, "subheading": 22, "body": 21}


def _paragraph(kind: str, text: str) -> str:
    bold = "<w:b/>" if kind != "body" else ""
    props = f'<w:rPr>{bold}<w:sz w:val="{_SIZES[kind]}"/></w:rPr>'
    spacing = '<w:pPr><w:spacing w:after="120"/></w:pPr>'
    runs = []
    for i, line in enumerate(text.split("\n")):
        brk = "<w:br/>" if i else ""
        runs.append(f'<w:r>{props}{brk}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>')
    return f"<w:p>{spacing}{''.join(runs)}</w:p>"


def write_docx(path: Path, texts: list[tuple[str, str]]) -> None:
    """Write ``texts`` (``(kind, text)`` pairs, see :func:`benchmarks.data.record_texts`)."""
    body = "".join(_paragraph(kind, text) for kind, text in texts)
    section = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1247" w:right="1134" w:bottom="1361" w:left="1134" '
        'w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{body}{section}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
