"""The agenda of a focused supervision: proposed from the content (its core route and themes,
each prompt's tier and conditions) and the case (its children and its memory), then
reordered, shortened and extended by the two people; its checks, its share of the time and
its progress.

Plain Python: no Qt, no SQLAlchemy.  The records it works on are in :mod:`.focus`; the
case's facts and the prompts' conditions in :mod:`.case_facts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from supervision_app.domain.case_facts import (
    CaseFacts,
    conditions_fit,
    conditions_label,
    holds_because,
    prompt_fits,
)
from supervision_app.domain.focus import (
    CLOSING_MINUTES,
    DEFAULT_SESSION_MINUTES,
    OPENING_MINUTES,
    AgendaItem,
    AgendaOrigin,
    SinceLastItem,
)
from supervision_app.domain.memory import CaseHistory
from supervision_app.domain.models import CaseDetail

if TYPE_CHECKING:  # content is a lower layer; imported for types only
    from supervision_app.content.model import Content
    from supervision_app.domain.patterns import PatternPrompt

MAX_AGENDA_ITEMS = 60
MAX_ITEM_MINUTES = 90


@dataclass(frozen=True, slots=True)
class ThemeSuggestion:
    theme: str
    title: str
    reason: str
    items: tuple[AgendaItem, ...]


@dataclass(frozen=True, slots=True)
class AgendaProposal:
    core: tuple[AgendaItem, ...]
    suggestions: tuple[ThemeSuggestion, ...]  # the themes the case points to, each with its reason
    not_proposed: tuple[
        str, ...
    ]  # one line each, e.g. "Prompts for a child of 10 or older (7): ..."
    #: The time for the whole session the proposal was made for (opening and summary included).
    planned_minutes: int = DEFAULT_SESSION_MINUTES

    def total_minutes(self) -> int:
        """The minutes of the proposed core (without suggestions, opening or summary)."""
        return sum(i.minutes for i in self.core)

    def items_with(self, themes: Iterable[str]) -> list[AgendaItem]:
        """The core followed by the items of the chosen suggested themes (no prompt twice)."""
        chosen = list(themes)
        extra = [
            item
            for theme in chosen
            for s in self.suggestions
            if s.theme == theme
            for item in s.items
        ]
        return dedupe([*self.core, *extra])


def dedupe(items: Iterable[AgendaItem]) -> list[AgendaItem]:
    """The items in order, each prompt once (its first place wins)."""
    seen: set[str] = set()
    out = []
    for item in items:
        if item.prompt_id not in seen:
            seen.add(item.prompt_id)
            out.append(item)
    return out


def theme_items(
    content: Content,
    theme_id: str,
    facts: CaseFacts,
    reason: str = "",
    exclude: Iterable[str] = (),
) -> tuple[AgendaItem, ...]:
    """The agenda items a theme brings: its core-tier prompts that fit the case, in library order.

    Used for suggested themes and for a theme the two people choose by hand.
    """
    skip = set(exclude)
    items = []
    for prompt in content.all_prompts():
        if theme_id not in prompt.themes or prompt.tier != "core" or prompt.id in skip:
            continue
        if not prompt_fits(prompt, facts)[0]:
            continue
        items.append(AgendaItem(prompt.id, prompt.minutes, AgendaOrigin.THEME, reason, theme_id))
    return tuple(items)


def propose_agenda(
    content: Content,
    case: CaseDetail,
    history: CaseHistory | None,
    patterns: Iterable[PatternPrompt],
    since_last: Sequence[SinceLastItem],
    on: date,
    minutes: int = DEFAULT_SESSION_MINUTES,
) -> AgendaProposal:
    """The agenda the app proposes for today.

    - ``core``: the items chosen to discuss from "since last time" (what happened comes first),
      then the core route, less any prompt whose conditions do not hold for the case;
    - ``suggestions``: the themes the case points to (a pattern prompt raised, or the theme's
      conditions hold), each with its reason and its core-tier prompts that fit;
    - ``not_proposed``: one line per kind of prompt left out because it does not fit the case.
    """
    facts = CaseFacts.of(case, on, history)
    core: list[AgendaItem] = []
    for item in since_last:
        if item.choice != "discuss" or not item.prompt_id:
            continue
        prompt = content.prompt(item.prompt_id)
        if prompt is None:
            continue
        core.append(AgendaItem(prompt.id, prompt.minutes, AgendaOrigin.SINCE_LAST, item.text))
    for prompt_id in content.core_route:
        prompt = content.prompt(prompt_id)
        if prompt is not None and prompt_fits(prompt, facts)[0]:
            core.append(AgendaItem(prompt_id, prompt.minutes, AgendaOrigin.CORE))
    core = dedupe(core)
    taken = {i.prompt_id for i in core}

    raised = list(patterns)
    suggestions = []
    for theme in content.themes:
        reasons = [f"Pattern: {p.title}" for p in raised if p.rule_id in theme.patterns]
        if not theme.conditions.empty and conditions_fit(theme.conditions, facts)[0]:
            because = holds_because(theme.conditions, facts)
            if because:
                reasons.append(because[0].upper() + because[1:])
        if not reasons:
            continue
        reason = "; ".join(reasons)
        items = theme_items(content, theme.id, facts, reason, exclude=taken)
        if items:
            suggestions.append(ThemeSuggestion(theme.id, theme.title, reason, items))

    left_out: dict[str, list[str]] = {}
    for prompt in content.all_prompts():
        fits, why = prompt_fits(prompt, facts)
        if not fits:
            left_out.setdefault(f"{conditions_label(prompt.conditions)}: {why}", []).append(
                prompt.id
            )
    not_proposed = tuple(
        f"{label.split(':', 1)[0]} ({len(ids)}): {label.split(':', 1)[1].strip()}"
        for label, ids in left_out.items()
    )
    return AgendaProposal(tuple(core), tuple(suggestions), not_proposed, minutes)


def share_minutes(items: Sequence[AgendaItem], total: int) -> list[AgendaItem]:
    """The items with their minutes scaled so that they add up to ``total`` (at least 1 each).

    For "fit the agenda into the time we have": the shares keep their proportions, and the
    rounding is given to the longest items first.
    """
    if not items:
        return []
    total = max(total, len(items))
    weights = [max(i.minutes, 1) for i in items]
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    shares = [max(int(r), 1) for r in raw]
    order = sorted(range(len(items)), key=lambda k: raw[k] - int(raw[k]), reverse=True)
    k = 0
    while sum(shares) < total:
        shares[order[k % len(order)]] += 1
        k += 1
    while sum(shares) > total:
        biggest = max(range(len(shares)), key=lambda j: shares[j])
        if shares[biggest] <= 1:
            break
        shares[biggest] -= 1
    return [
        AgendaItem(i.prompt_id, s, i.origin, i.reason, i.theme)
        for i, s in zip(items, shares, strict=True)
    ]


def agenda_minutes_available(planned_minutes: int) -> int:
    """The minutes of a session left for the agenda once Today and the summary have theirs."""
    return max(planned_minutes - OPENING_MINUTES - CLOSING_MINUTES, 1)


def agenda_problems(items: Sequence[AgendaItem], content: Content | None = None) -> list[str]:
    """Why an agenda cannot be saved (empty: it can). ``content``: also check the prompt ids."""
    problems = []
    if len(items) > MAX_AGENDA_ITEMS:
        problems.append(f"An agenda holds at most {MAX_AGENDA_ITEMS} items.")
    seen: set[str] = set()
    for n, item in enumerate(items, start=1):
        if not item.prompt_id.strip():
            problems.append(f"Agenda item {n} names no prompt.")
        elif item.prompt_id in seen:
            problems.append(
                f"Agenda item {n}: the prompt '{item.prompt_id}' is on the agenda twice."
            )
        seen.add(item.prompt_id)
        if not isinstance(item.minutes, int) or not 1 <= item.minutes <= MAX_ITEM_MINUTES:
            problems.append(f"Agenda item {n}: minutes must be from 1 to {MAX_ITEM_MINUTES}.")
        if content is not None and item.prompt_id and content.prompt(item.prompt_id) is None:
            problems.append(f"Agenda item {n}: '{item.prompt_id}' is not a prompt of the content.")
    return problems


def agenda_progress(agenda: Sequence[AgendaItem], answered: Iterable[str]) -> tuple[int, int]:
    """(answered, total) over the agenda: "5 of 12"."""
    done = set(answered)
    return sum(1 for i in agenda if i.prompt_id in done), len(agenda)
