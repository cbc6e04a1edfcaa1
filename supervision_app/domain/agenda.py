"""A focused supervision: the facts of a case, what has changed since last time, the proposed
agenda, and the opening ("Today") and closing (the summary) of a session.

Plain Python: no Qt, no SQLAlchemy.  The agenda is proposed from the content (its core route and
themes, each prompt's tier and conditions) and the case (its children and its memory), and the
two people then reorder, shorten and extend it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from supervision_app.domain.memory import CaseHistory, EventKind, Rag, action_rag
from supervision_app.domain.models import CaseDetail, Child
from supervision_app.domain.validation import format_date

if TYPE_CHECKING:  # content is a lower layer; imported for types only
    from supervision_app.content.model import Content, Prompt, PromptConditions
    from supervision_app.domain.patterns import PatternPrompt


class AgendaOrigin(StrEnum):
    CORE = "core"
    THEME = "theme"
    SINCE_LAST = "since_last"
    ADDED = "added"

    @property
    def label(self) -> str:
        return {
            "core": "Core route",
            "theme": "Theme",
            "since_last": "Since last time",
            "added": "Added",
        }[self.value]


@dataclass(frozen=True, slots=True)
class AgendaItem:
    prompt_id: str  # a prompt of the library (tool prompts open their tool)
    minutes: int  # this item's share of the time (editable)
    origin: AgendaOrigin = AgendaOrigin.CORE
    reason: str = ""  # why it is there, e.g. "Pattern: two refused referrals in six months"
    theme: str = ""  # theme id it came from ("" for the core route / added)


#: The planned length of a focused supervision, and the minutes set aside around the agenda.
DEFAULT_SESSION_MINUTES = 75
OPENING_MINUTES = 10  # Today: check-in, the question, since last time, the main worries
CLOSING_MINUTES = 15  # the summary: columns, scaling, decisions, actions, next review
MAX_AGENDA_ITEMS = 60
MAX_ITEM_MINUTES = 90


# -- the case's facts ------------------------------------------------------------------------

_LEADING_NUMBER = re.compile(r"^\D*?(\d{1,2})")


def child_age_years(child: Child, on: date) -> int | None:
    """The child's age in whole years on ``on``: 0 for an unborn child, None when not known.

    From the date of birth when there is one, else from the typed age ("6", "about 14",
    "9 months" counts as 0).
    """
    if child.unborn:
        return 0
    if child.date_of_birth is not None:
        dob = child.date_of_birth
        return max(on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day)), 0)
    text = child.age.strip().casefold()
    if not text:
        return None
    if "month" in text or "week" in text or "day" in text:
        return 0
    match = _LEADING_NUMBER.match(text)
    return int(match.group(1)) if match else None


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the conditions on prompts and themes are tested against, on a date."""

    child_ages: tuple[int | None, ...]  # in the case's child order; unborn children count as 0
    any_unborn: bool
    child_names: tuple[str, ...] = ()
    unborn: tuple[bool, ...] = ()
    open_escalation: bool = False

    @classmethod
    def of(cls, case: CaseDetail, on: date, history: CaseHistory | None = None) -> CaseFacts:
        return cls(
            child_ages=tuple(child_age_years(c, on) for c in case.children),
            any_unborn=any(c.unborn for c in case.children),
            child_names=tuple(c.name for c in case.children),
            unborn=tuple(c.unborn for c in case.children),
            open_escalation=bool(history and history.open_escalations()),
        )

    def _born_ages(self) -> list[int | None]:
        flags = self.unborn or (False,) * len(self.child_ages)
        return [a for a, u in zip(self.child_ages, flags, strict=False) if not u]


def conditions_fit(conditions: PromptConditions, facts: CaseFacts) -> tuple[bool, str]:
    """Whether the conditions hold for the case, and if not, why not (one short clause).

    An unknown age never rules a prompt out: only what is known about the case does.
    """
    low, high = conditions.min_child_age, conditions.max_child_age
    if low is not None:
        ages = facts._born_ages()
        if not any(a is None or a >= low for a in ages):
            return False, f"no child is {low} or older"
    if high is not None and not any(a is None or a <= high for a in facts.child_ages):
        return False, (
            "no child is under 1 or unborn" if high <= 1 else f"no child is {high} or younger"
        )
    if conditions.unborn is True and not facts.any_unborn:
        return False, "no child is unborn"
    if conditions.unborn is False and facts.any_unborn:
        return False, "a child is unborn"
    if conditions.has_escalation is True and not facts.open_escalation:
        return False, "no escalation is open"
    if conditions.has_escalation is False and facts.open_escalation:
        return False, "an escalation is open"
    return True, ""


def prompt_fits(prompt: Prompt, facts: CaseFacts) -> tuple[bool, str]:
    """(fits, reason when not): a prompt that does not fit is not proposed (still reachable)."""
    return conditions_fit(prompt.conditions, facts)


def conditions_label(conditions: PromptConditions) -> str:
    """What a prompt's conditions ask for, as a group name ("Prompts for a child of 10 or older")."""
    parts = []
    if conditions.min_child_age is not None:
        parts.append(f"a child of {conditions.min_child_age} or older")
    if conditions.max_child_age is not None:
        parts.append(
            "a baby or unborn child"
            if conditions.max_child_age <= 1
            else f"a child of {conditions.max_child_age} or younger"
        )
    if conditions.unborn is True:
        parts.append("an unborn child")
    if conditions.has_escalation is True:
        parts.append("an open escalation")
    return "Prompts for " + " and ".join(parts) if parts else "Prompts"


def _holds_because(conditions: PromptConditions, facts: CaseFacts) -> str:
    """Why a theme's conditions point to it ("Jayden is 14", "an escalation is open")."""
    named = list(zip(facts.child_names, facts.child_ages, facts.unborn, strict=False))
    if conditions.min_child_age is not None:
        older = [
            f"{n} is {a}"
            for n, a, u in named
            if not u and a is not None and a >= conditions.min_child_age
        ]
        if older:
            return "; ".join(older)
    if conditions.max_child_age is not None:
        young = [
            f"{n} is unborn" if u else f"{n} is {a}"
            for n, a, u in named
            if a is not None and a <= conditions.max_child_age
        ]
        if young:
            return "; ".join(young)
    if conditions.unborn and facts.any_unborn:
        return "; ".join(f"{n} is unborn" for n, _a, u in named if u) or "a child is unborn"
    if conditions.has_escalation and facts.open_escalation:
        return "an escalation is open"
    return ""


# -- what has changed since last time --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SinceLastItem:
    """One line of "what has changed since last time", pre-filled from the case memory."""

    key: str  # stable: "action:12", "escalation:3", "pattern:refused_referrals", "event:40"
    kind: str  # "action" | "escalation" | "pattern" | "event"
    text: str  # "Action 'GP review of Ruby's weight': overdue 12 days"
    prompt_id: str  # the prompt or tool that discussing it puts on the agenda
    choice: str = ""  # "" (not chosen yet) | "discuss" | "not_today"


SINCE_LAST_CHOICES = ("", "discuss", "not_today")
SINCE_LAST_KINDS = ("action", "escalation", "pattern", "event")

#: The prompt that discussing each pattern prompt puts on the agenda.
PATTERN_PROMPTS = {
    "refused_referrals_not_escalated": "escalation.refused_referral",
    "repeated_was_not_brought": "professional_curiosity.not_brought",
    "change_without_reassessment": "professional_curiosity.reassess_on_change",
    "same_concern_no_plan_change": "professional_curiosity.cumulative_harm",
    "child_views_missing": "lived_experience.child_words",
}
#: ... and each kind of new chronology entry.
EVENT_PROMPTS = {
    EventKind.CONCERN: "professional_curiosity.cumulative_harm",
    EventKind.SIGNIFICANT_EVENT: "professional_curiosity.reassess_on_change",
    EventKind.REFERRAL: "escalation.referral_history",
    EventKind.WAS_NOT_BROUGHT: "professional_curiosity.not_brought",
    EventKind.ASSESSMENT: "assessment_recording.analysis_and_history",
    EventKind.OTHER: "professional_curiosity.reassess_on_change",
}
ACTION_PROMPT = "authoritative_practice.criteria_for_progress"
ESCALATION_PROMPT = "escalation.child_safe_meanwhile"
#: A fallback for a pattern this version does not know (a pack's rule).
PATTERN_FALLBACK_PROMPT = "professional_curiosity.cumulative_harm"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def last_session_before(
    history: CaseHistory, on: date, session_id: int | None = None
) -> date | None:
    """The date of the case's latest session before ``on`` (ignoring ``session_id``)."""
    dates = [s.on for s in history.sessions if s.on < on and s.session_id != session_id]
    return max(dates) if dates else None


def since_last_time(
    history: CaseHistory,
    patterns: Iterable[PatternPrompt],
    on: date,
    session_id: int | None = None,
) -> list[SinceLastItem]:
    """What has changed since the case's last session, for Today: each one to discuss or not.

    Open actions that are overdue or fall due within a week, open escalations (with their clock
    against the policy), pattern prompts raised, and chronology entries dated after the last
    session.  Most pressing first within each kind; ``session_id`` is today's own session, whose
    entries are not "since last time".
    """
    items: list[SinceLastItem] = []
    for tracked in sorted(
        history.open_actions(), key=lambda t: (t.action.due_date or date.max, t.action.id)
    ):
        if session_id and tracked.session_id == session_id:
            continue
        action = tracked.action
        due = action.due_date
        rag = action_rag(due, on)
        if due is None or rag is Rag.GREEN:
            continue
        if rag is Rag.RED:
            when = f"overdue {_plural((on - due).days, 'day')} (due {format_date(due)})"
        elif due == on:
            when = "due today"
        else:
            when = f"due {format_date(due)}"
        owner = f" ({action.owner})" if action.owner.strip() else ""
        items.append(
            SinceLastItem(
                f"action:{action.id}",
                "action",
                f"Action '{_short(action.description)}'{owner}: {when}",
                ACTION_PROMPT,
            )
        )
    for esc in history.open_escalations():
        step = esc.current
        stage = (
            f"stage {step.stage}" + (f" ({step.name})" if step and step.name else "")
            if step
            else "raised"
        )
        days = esc.days_at_stage(on)
        allowed = esc.days_allowed
        clock = (
            f"{_plural(days, 'day')} at this stage; the policy allows {allowed}: overdue"
            if esc.overdue(on)
            else f"{_plural(days, 'day')} at this stage of {allowed} allowed"
        )
        items.append(
            SinceLastItem(
                f"escalation:{esc.id}",
                "escalation",
                f"Escalation '{_short(esc.subject)}': {stage}, {clock}",
                ESCALATION_PROMPT,
            )
        )
    for pattern in patterns:
        items.append(
            SinceLastItem(
                f"pattern:{pattern.rule_id}",
                "pattern",
                f"Pattern: {pattern.title}. {pattern.evidence}",
                PATTERN_PROMPTS.get(pattern.rule_id, PATTERN_FALLBACK_PROMPT),
            )
        )
    last = last_session_before(history, on, session_id)
    if last is not None:
        for event in sorted(history.events, key=lambda e: (e.on, e.id)):
            if not last < event.on <= on or (session_id and event.session_id == session_id):
                continue
            outcome = f" ({event.outcome.label})" if event.outcome.value else ""
            items.append(
                SinceLastItem(
                    f"event:{event.id}",
                    "event",
                    f"New in the chronology: {event.kind.label}{outcome}, "
                    f"{format_date(event.on)}: {_short(event.title)}",
                    EVENT_PROMPTS.get(event.kind, "professional_curiosity.reassess_on_change"),
                )
            )
    return items


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def merge_since_last(
    fresh: Sequence[SinceLastItem], saved: Sequence[SinceLastItem]
) -> list[SinceLastItem]:
    """Today's list: the fresh items with the choices already made (by key); chosen items that
    are no longer fresh (an action done since) stay, so a choice is never silently lost."""
    chosen = {s.key: s for s in saved}
    merged = [
        SinceLastItem(f.key, f.kind, f.text, f.prompt_id, chosen[f.key].choice)
        if f.key in chosen
        else f
        for f in fresh
    ]
    keys = {f.key for f in fresh}
    merged.extend(s for s in saved if s.key not in keys and s.choice)
    return merged


# -- the agenda ------------------------------------------------------------------------------


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
            because = _holds_because(theme.conditions, facts)
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


# -- opening and closing ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionOpening:
    """Today: how the practitioner is, what they bring, what changed, the main worry per child."""

    check_in: str = ""
    print_check_in: bool = False  # the practitioner chooses whether the check-in is printed
    question: str = ""  # what the practitioner brings today
    since_last: tuple[SinceLastItem, ...] = ()
    main_worries: tuple[tuple[str, str], ...] = ()  # (child name, worry), in the case's child order

    @property
    def is_empty(self) -> bool:
        return not (
            self.check_in.strip()
            or self.question.strip()
            or any(w.strip() for _c, w in self.main_worries)
            or any(s.choice for s in self.since_last)
        )


@dataclass(frozen=True, slots=True)
class ChildScaling:
    child: str
    score: int | None  # 0..10; None = not scaled
    note: str = ""


#: The anchored ends of the safety scale (Signs of Safety), written out on screen and in print.
SCALING_ANCHORS = (
    "0: things are so bad for the child that they cannot live at home",
    "10: everyone knows the child is safe enough for the case to be closed",
)
SCALING_QUESTION = "On a scale of 0 to 10, where do we rate the safety of this child today?"
#: Where the summary's three columns come from (outside the seeds, endorsed in seed 003).
SIGNS_OF_SAFETY_SOURCE = (
    "The three questions and the 0 to 10 scale are from Signs of Safety (Turnell and Edwards, "
    "1999), the methodology endorsed by the Cumbria LSCB response to the Child BE SCR "
    "(Recommendation BE2)."
)
SUMMARY_COLUMNS = (
    ("worries", "What are we worried about?"),
    ("working_well", "What is working well?"),
    ("needs_to_happen", "What needs to happen?"),
)


@dataclass(frozen=True, slots=True)
class SessionClosing:
    """The summary step."""

    reflection: str = ""  # the key reflection and analysis, in a few lines
    worries: str = ""
    working_well: str = ""
    needs_to_happen: str = ""  # Signs of Safety's three columns
    scaling: tuple[ChildScaling, ...] = ()
    next_review: date | None = None
    planned_minutes: int = DEFAULT_SESSION_MINUTES

    @property
    def is_empty(self) -> bool:
        return not (
            self.reflection.strip()
            or self.worries.strip()
            or self.working_well.strip()
            or self.needs_to_happen.strip()
            or any(s.score is not None or s.note.strip() for s in self.scaling)
            or self.next_review is not None
        )


def closing_problems(closing: SessionClosing) -> list[str]:
    problems = []
    for s in closing.scaling:
        if s.score is not None and (
            not isinstance(s.score, int) or isinstance(s.score, bool) or not 0 <= s.score <= 10
        ):
            problems.append(f"The scaling for {s.child or 'a child'} must be from 0 to 10.")
    if not 5 <= closing.planned_minutes <= 480:
        problems.append("The planned length must be from 5 to 480 minutes.")
    return problems


def opening_problems(opening: SessionOpening) -> list[str]:
    problems = []
    for item in opening.since_last:
        if item.choice not in SINCE_LAST_CHOICES:
            problems.append(f"'{item.key}': the choice must be 'discuss', 'not_today' or empty.")
        if item.kind not in SINCE_LAST_KINDS:
            problems.append(f"'{item.key}': the kind '{item.kind}' is not known.")
    return problems


# -- free text of Today and the summary, autosaved like answers ------------------------------

#: The ``kind`` of an autosave edit (``storage.autosave.AnswerEdit``) that carries Today's or the
#: summary's free text; its ``prompt_id`` is one of the field keys below.
SESSION_TEXT_KIND = "session_text"
SESSION_TEXT_FIELDS = (
    "today.check_in",
    "today.question",
    "summary.reflection",
    "summary.worries",
    "summary.working_well",
    "summary.needs_to_happen",
)
#: Per-child fields: the key ends with the child's 0-based position in the case ("today.worry.0").
SESSION_TEXT_CHILD_FIELDS = ("today.worry", "summary.scaling_note")
_CHILD_FIELD = re.compile(r"^(today\.worry|summary\.scaling_note)\.(\d{1,2})$")


def parse_session_text_key(key: str) -> tuple[str, int | None]:
    """("today.question", None) or ("today.worry", 2); ValueError for an unknown key."""
    if key in SESSION_TEXT_FIELDS:
        return key, None
    match = _CHILD_FIELD.match(key)
    if match:
        return match.group(1), int(match.group(2))
    raise ValueError(f"'{key}' is not a field of Today or the summary")


def _set_child(
    rows: tuple, index: int, names: Sequence[str], make, update
) -> tuple:  # helper for the per-child fields
    out = list(rows)
    while len(out) <= index:
        n = len(out)
        out.append(make(names[n] if n < len(names) else f"Child {n + 1}"))
    out[index] = update(out[index])
    return tuple(out)


def with_session_text(
    opening: SessionOpening,
    closing: SessionClosing,
    key: str,
    text: str,
    child_names: Sequence[str],
) -> tuple[SessionOpening, SessionClosing]:
    """Opening and closing with one free-text field replaced (``key`` as for autosave)."""
    from dataclasses import replace

    name, index = parse_session_text_key(key)
    if name == "today.check_in":
        return replace(opening, check_in=text), closing
    if name == "today.question":
        return replace(opening, question=text), closing
    if name == "today.worry":
        worries = _set_child(
            opening.main_worries, index, child_names, lambda c: (c, ""), lambda w: (w[0], text)
        )
        return replace(opening, main_worries=worries), closing
    if name == "summary.scaling_note":
        scaling = _set_child(
            closing.scaling,
            index,
            child_names,
            lambda c: ChildScaling(c, None),
            lambda s: ChildScaling(s.child, s.score, text),
        )
        return opening, replace(closing, scaling=scaling)
    return opening, replace(closing, **{name.split(".", 1)[1]: text})


def blank_opening(case: CaseDetail, since_last: Sequence[SinceLastItem] = ()) -> SessionOpening:
    """A new Today page: one worry line per child, and what has changed since last time."""
    return SessionOpening(
        since_last=tuple(since_last), main_worries=tuple((c.name, "") for c in case.children)
    )


def blank_closing(
    case: CaseDetail, planned_minutes: int = DEFAULT_SESSION_MINUTES
) -> SessionClosing:
    """A new summary: one (unscaled) scaling line per child, born or unborn."""
    return SessionClosing(
        scaling=tuple(ChildScaling(c.name, None) for c in case.children),
        planned_minutes=planned_minutes,
    )


# -- Home ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """One line of Home: a case that needs attention, and why."""

    case_id: int
    reference: str
    urgency: int  # lower = more urgent
    reasons: tuple[str, ...]  # each line says why
    next_session_id: int | None = None  # an open (unsigned, empty) session to resume, if any
    #: The case's last session (None: never supervised), and the kinds of reason, for icons.
    last_session: date | None = None
    kinds: tuple[str, ...] = field(default=())


def agenda_progress(agenda: Sequence[AgendaItem], answered: Iterable[str]) -> tuple[int, int]:
    """(answered, total) over the agenda: "5 of 12"."""
    done = set(answered)
    return sum(1 for i in agenda if i.prompt_id in done), len(agenda)
