"""Plain, immutable objects describing the practice content."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One of the public source documents the content is built from."""

    id: str
    file: str
    title: str
    short_title: str
    sections: tuple[str, ...]
    #: A document from beyond the five seed documents (national reviews, named models): it has
    #: no seed file, and carries its full citation instead.
    outside_seeds: bool = False
    publisher: str = ""
    year: str = ""

    @property
    def citation(self) -> str:
        """The full citation: title, publisher and year (for documents beyond the seeds)."""
        return ", ".join(part for part in (self.title, self.publisher, self.year) if part)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A pointer to a section of a source document."""

    document: str
    section: str


#: The kinds of prompt: a free-text answer, or one of the structured tools.
PROMPT_KINDS = ("text", "checklist", "day_in_life", "records")
#: The answer choices of a checklist item unless the prompt sets its own.
DEFAULT_CHOICES = ("Yes", "No", "Unsure")


@dataclass(frozen=True, slots=True)
class PromptItem:
    """One line of a structured tool: a checklist item, or a part of the day."""

    id: str
    label: str
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class PromptField:
    """One column of a ``records`` tool; ``choices`` makes it a pick-list."""

    id: str
    label: str
    choices: tuple[str, ...] = ()
    multiline: bool = False


@dataclass(frozen=True, slots=True)
class Prompt:
    id: str
    stage_id: str
    text: str
    why: str
    sources: tuple[SourceRef, ...]
    group: str = ""
    hint: str = ""
    kind: str = "text"
    items: tuple[PromptItem, ...] = ()
    fields: tuple[PromptField, ...] = ()
    #: Checklist answer choices (``DEFAULT_CHOICES`` when the content gives none).
    choices: tuple[str, ...] = ()
    #: Which content pack the prompt came from ("" for the built-in content).
    pack: str = ""
    #: About the practitioner's own wellbeing: printed only in the wellbeing section,
    #: and only when the practitioner chooses to include it at sign-off.
    wellbeing: bool = False
    #: Ids of earlier prompts merged into this one. Answers stored under them show, exactly as
    #: written, under this prompt.
    aliases: tuple[str, ...] = ()

    @property
    def structured(self) -> bool:
        return self.kind != "text"

    @property
    def answer_choices(self) -> tuple[str, ...]:
        return self.choices or DEFAULT_CHOICES


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    title: str
    summary: str
    why: str
    sources: tuple[SourceRef, ...]
    prompts: tuple[Prompt, ...]


@dataclass(frozen=True, slots=True)
class EscalationStage:
    """One stage of an agency's escalation policy."""

    name: str
    days: int | None = None
    contact: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class EscalationPolicy:
    """An agency's escalation route, from a content pack (for the escalation tracker)."""

    name: str
    stages: tuple[EscalationStage, ...]
    pack: str = ""


@dataclass(frozen=True, slots=True)
class AgencyRecovery:
    """An agency's recovery public key, from a content pack (``recovery.toml``).

    The data key is also wrapped to this X25519 public key, so the agency's IT,
    which alone holds the private key, can reset a forgotten passphrase.
    """

    holder: str
    contact: str
    public_key: bytes = field(repr=False)  # the raw 32-byte X25519 public key
    pack: str = ""


@dataclass(frozen=True, slots=True)
class PackInfo:
    """A content pack that loaded."""

    id: str
    name: str
    version: str
    folder: str
    prompt_count: int


@dataclass(frozen=True, slots=True)
class PackProblem:
    """A content pack that was skipped, and why (a message fit for the user)."""

    folder: str
    problem: str


@dataclass(frozen=True, slots=True)
class Content:
    version: str
    documents: dict[str, SourceDocument]
    stages: tuple[Stage, ...]
    packs: tuple[PackInfo, ...] = ()
    pack_problems: tuple[PackProblem, ...] = ()
    #: The escalation policy of the last pack that defines one (None: no agency policy).
    escalation_policy: EscalationPolicy | None = None
    #: The protective marking a pack asks for (None: the built-in default).
    marking: str | None = None
    #: The agency recovery public key of the last pack that carries one (None: no pack does).
    agency_recovery: AgencyRecovery | None = None

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def prompt(self, prompt_id: str) -> Prompt | None:
        """The prompt with this id, or the prompt an earlier (merged) id now lives in."""
        alias_home = None
        for stage in self.stages:
            for prompt in stage.prompts:
                if prompt.id == prompt_id:
                    return prompt
                if prompt_id in prompt.aliases:
                    alias_home = prompt
        return alias_home

    def cite(self, ref: SourceRef) -> str:
        """A short human citation, e.g. ``Surrey SCR briefing (2016-2020), 3.1 Professional Curiosity``."""
        doc = self.documents.get(ref.document)
        name = doc.short_title if doc else ref.document
        return f"{name}, {ref.section}"

    def citations(self, refs: tuple[SourceRef, ...]) -> str:
        return "; ".join(self.cite(r) for r in refs)
