"""Practice content: the reflection stages, their prompts and their sources.

The content lives in TOML files under ``resources/content/``; this package
loads and validates it.  It imports nothing from Qt.
"""

from __future__ import annotations

from supervision_app.content.loader import load_content
from supervision_app.content.model import (
    DEFAULT_CHOICES,
    PROMPT_KINDS,
    AgencyRecovery,
    Content,
    EscalationPolicy,
    EscalationStage,
    PackInfo,
    PackProblem,
    Prompt,
    PromptField,
    PromptItem,
    SourceDocument,
    SourceRef,
    Stage,
)
from supervision_app.content.packs import load_content_with_packs
from supervision_app.content.schema import ContentError

__all__ = [
    "DEFAULT_CHOICES",
    "PROMPT_KINDS",
    "AgencyRecovery",
    "Content",
    "ContentError",
    "EscalationPolicy",
    "EscalationStage",
    "PackInfo",
    "PackProblem",
    "Prompt",
    "PromptField",
    "PromptItem",
    "SourceDocument",
    "SourceRef",
    "Stage",
    "load_content",
    "load_content_with_packs",
]
