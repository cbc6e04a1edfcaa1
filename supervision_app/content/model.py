"""Plain, immutable objects describing the practice content."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One of the public source documents the content is built from."""

    id: str
    file: str
    title: str
    short_title: str
    sections: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A pointer to a section of a source document."""

    document: str
    section: str


@dataclass(frozen=True, slots=True)
class Prompt:
    id: str
    stage_id: str
    text: str
    why: str
    sources: tuple[SourceRef, ...]
    group: str = ""
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    title: str
    summary: str
    why: str
    sources: tuple[SourceRef, ...]
    prompts: tuple[Prompt, ...]


@dataclass(frozen=True, slots=True)
class Content:
    version: str
    documents: dict[str, SourceDocument]
    stages: tuple[Stage, ...]

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def prompt(self, prompt_id: str) -> Prompt | None:
        for stage in self.stages:
            for prompt in stage.prompts:
                if prompt.id == prompt_id:
                    return prompt
        return None

    def cite(self, ref: SourceRef) -> str:
        """A short human citation, e.g. ``Surrey SCR briefing (2016-2020), 3.1 Professional Curiosity``."""
        doc = self.documents.get(ref.document)
        name = doc.short_title if doc else ref.document
        return f"{name}, {ref.section}"

    def citations(self, refs: tuple[SourceRef, ...]) -> str:
        return "; ".join(self.cite(r) for r in refs)
