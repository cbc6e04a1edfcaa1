"""Practice content: the reflection stages, their prompts and their sources.

The content lives in TOML files under ``resources/content/``; this package
loads and validates it.  It imports nothing from Qt.
"""

from __future__ import annotations

from supervision_app.content.loader import ContentError, load_content
from supervision_app.content.model import Content, Prompt, SourceDocument, SourceRef, Stage

__all__ = [
    "Content",
    "ContentError",
    "Prompt",
    "SourceDocument",
    "SourceRef",
    "Stage",
    "load_content",
]
