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


#: The kinds of prompt: a free-text answer, one of the structured tools, or ``hypotheses``: a prompt
#: that opens the case's structured hypotheses tool and stores no text of its own.
PROMPT_KINDS = ("text", "checklist", "day_in_life", "records", "hypotheses")
#: A prompt's tier: ``core`` prompts are the ones the agenda proposes (the core route and the key
#: prompts of each theme); ``deeper`` prompts stay in the library, one search away.
TIERS = ("core", "deeper")
DEFAULT_TIER = "deeper"
#: Suggested minutes for a prompt on the agenda, and the bounds a content file may set.
DEFAULT_MINUTES = 4
MIN_MINUTES, MAX_MINUTES = 1, 30
#: How often a case is due for supervision when no content pack says (monthly).
DEFAULT_FREQUENCY_DAYS = 28
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
class PromptConditions:
    """When a prompt fits a case, over the case's facts (all given conditions must hold).

    ``min_child_age``: some (born) child is at least this many years old; ``max_child_age``: some
    child is at most this old (an unborn child counts as 0); ``unborn``: true, some child is unborn
    (false: no child is); ``has_escalation``: true, the case has an open escalation.
    """

    min_child_age: int | None = None
    max_child_age: int | None = None
    unborn: bool | None = None
    has_escalation: bool | None = None

    @property
    def empty(self) -> bool:
        return (
            self.min_child_age is None
            and self.max_child_age is None
            and self.unborn is None
            and self.has_escalation is None
        )


#: The keys a ``conditions`` table may hold.
CONDITION_KEYS = ("min_child_age", "max_child_age", "unborn", "has_escalation")


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme a supervision can choose for today (``resources/content/agenda.toml`` or a pack).

    ``patterns``: the pattern rules whose prompt points to this theme; ``conditions``: the case
    facts that point to it (empty: only patterns, or the user, choose it).
    """

    id: str
    title: str
    description: str
    sources: tuple[SourceRef, ...] = ()
    patterns: tuple[str, ...] = ()
    conditions: PromptConditions = PromptConditions()
    pack: str = ""


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
    #: The hint as written, when it holds a placeholder filled at load time (see content.route).
    hint_template: str = ""
    #: ``core`` (proposed on the agenda) or ``deeper`` (in the library); see ``TIERS``.
    tier: str = DEFAULT_TIER
    #: Theme ids (each defined in the content's themes).
    themes: tuple[str, ...] = ()
    #: When the prompt fits a case; a prompt that does not fit is not proposed (still reachable).
    conditions: PromptConditions = PromptConditions()
    #: Suggested minutes on the agenda.
    minutes: int = DEFAULT_MINUTES

    @property
    def structured(self) -> bool:
        """A tool with its own stored data (checklist, day in the life, records).

        A ``hypotheses`` prompt is not: it opens the case's hypotheses tool, which is stored
        with the case memory, and an answer stored under its id before it became one is text.
        """
        return self.kind not in ("text", "hypotheses")

    @property
    def opens_hypotheses(self) -> bool:
        return self.kind == "hypotheses"

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
    #: The themes a supervision can choose, in display order.
    themes: tuple[Theme, ...] = ()
    #: The core route's prompt ids in reflective-cycle order (what happened, what it felt like
    #: and means, analysis and hypotheses, the plan).
    core_route: tuple[str, ...] = ()
    #: Days between supervisions of a case: a pack's ``supervision_frequency_days``, else 28.
    supervision_frequency_days: int = DEFAULT_FREQUENCY_DAYS
    #: True when no pack set the frequency (shown as "default: monthly").
    frequency_is_default: bool = True

    @property
    def frequency_label(self) -> str:
        """'every 28 days (default: monthly)' or 'every 14 days (agency setting)'."""
        days = self.supervision_frequency_days
        if self.frequency_is_default:
            return f"every {days} days (default: monthly)"
        return f"every {days} days (agency setting)"

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def all_prompts(self) -> list[Prompt]:
        """Every prompt of the library, in stage order."""
        return [p for s in self.stages for p in s.prompts]

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
