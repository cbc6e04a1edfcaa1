"""The fingerprint printed on a filed PDF record, read back from the PDF's text (pypdf)."""

from __future__ import annotations

import re
from pathlib import Path

#: The record's fingerprint: 80 bits as five groups of four hexadecimal characters.
_GROUPS = r"([0-9A-F]{4}(?:\s+[0-9A-F]{4}){4})"
_AFTER_LABEL = re.compile(r"fingerprint\s*:\s*" + _GROUPS, re.IGNORECASE)
MAX_PDF_BYTES = 256 * 1024 * 1024


class PdfFingerprintError(Exception):
    """The PDF cannot be read, or prints no fingerprint. The message is fit for the user."""


def printed_fingerprint(path: Path) -> str:
    """``"ABCD EF01 2345 6789 ABCD"`` as printed on the record at ``path``."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_PDF_BYTES:
            raise PdfFingerprintError(f"{path} is too large to be a supervision record.")
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise PdfFingerprintError(
                f"{path} is password-protected; check an unprotected copy of the record."
            )
        text = " ".join((page.extract_text() or "") for page in reader.pages)
    except PdfFingerprintError:
        raise
    except FileNotFoundError:
        raise PdfFingerprintError(f"{path} does not exist.") from None
    except OSError as exc:
        raise PdfFingerprintError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    except Exception as exc:  # pypdf raises many kinds for a damaged or foreign file
        raise PdfFingerprintError(f"{path} is not a readable PDF ({type(exc).__name__}).") from None
    match = _AFTER_LABEL.search(text)
    if match is None:
        raise PdfFingerprintError(
            f"{path} prints no record fingerprint: it is not a signed supervision record "
            "(a draft has none)."
        )
    return " ".join(match.group(1).split())
