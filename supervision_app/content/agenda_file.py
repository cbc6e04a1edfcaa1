"""The agenda of a focused session in the content: each prompt's tags (tier, themes,
conditions, minutes), and the agenda file's themes and core route (``agenda.toml``, built in
or from a pack)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from supervision_app.content.model import (
    CONDITION_KEYS,
    MAX_MINUTES,
    MIN_MINUTES,
    TIERS,
    Content,
    PromptConditions,
    Theme,
)
from supervision_app.content.schema import (
    LOWER_ID,
    ContentError,
    check_keys,
    check_schema_version,
    check_table,
    optional_text,
    read_toml,
    required_text,
    source_refs,
    text_list,
)

TAG_KEYS = ("tier", "themes", "conditions", "minutes")


def parse_tags(file: Path, where: str, entry: dict[str, Any]) -> dict[str, Any]:
    """The agenda tags of a prompt (or a pack's retag), as keyword arguments for ``Prompt``.

    Only the keys present are returned, so a retag changes just what it names.  Whether each
    theme is defined is checked once all themes are known (:func:`check_prompt_themes`).
    """
    tags: dict[str, Any] = {}
    if "tier" in entry:
        tier = entry["tier"]
        if tier not in TIERS:
            raise ContentError(
                file, f"{where}.tier {tier!r} is not a tier (use one of: {', '.join(TIERS)})"
            )
        tags["tier"] = tier
    if "themes" in entry:
        themes = entry["themes"]
        if not isinstance(themes, list) or not all(
            isinstance(t, str) and LOWER_ID.match(t) for t in themes
        ):
            raise ContentError(
                file, f"{where}.themes must be a list of theme ids (lower_case letters, digits, _)"
            )
        if len(set(themes)) != len(themes):
            raise ContentError(file, f"{where}.themes lists the same theme twice")
        tags["themes"] = tuple(themes)
    if "conditions" in entry:
        tags["conditions"] = parse_conditions(file, f"{where}.conditions", entry["conditions"])
    if "minutes" in entry:
        minutes = entry["minutes"]
        if (
            not isinstance(minutes, int)
            or isinstance(minutes, bool)
            or not MIN_MINUTES <= minutes <= MAX_MINUTES
        ):
            raise ContentError(
                file,
                f"{where}.minutes must be a whole number from {MIN_MINUTES} to {MAX_MINUTES} "
                f"(found {minutes!r})",
            )
        tags["minutes"] = minutes
    return tags


MAX_AGE = 25


def parse_conditions(file: Path, where: str, value: Any) -> PromptConditions:
    """A ``conditions`` table: ``min_child_age``, ``max_child_age``, ``unborn``, ``has_escalation``."""
    if not isinstance(value, dict):
        raise ContentError(
            file, f"{where} must be a table, e.g. {{ min_child_age = 10 }} (found {value!r})"
        )
    for key in value:
        if key not in CONDITION_KEYS:
            raise ContentError(
                file,
                f"{where} has unknown key '{key}' (allowed: {', '.join(CONDITION_KEYS)})",
            )
    ages: dict[str, int | None] = {}
    for key in ("min_child_age", "max_child_age"):
        age = value.get(key)
        if age is not None and (
            not isinstance(age, int) or isinstance(age, bool) or not 0 <= age <= MAX_AGE
        ):
            raise ContentError(
                file, f"{where}.{key} must be a whole number of years from 0 to {MAX_AGE}"
            )
        ages[key] = age
    flags: dict[str, bool | None] = {}
    for key in ("unborn", "has_escalation"):
        flag = value.get(key)
        if flag is not None and not isinstance(flag, bool):
            raise ContentError(file, f"{where}.{key} must be true or false (found {flag!r})")
        flags[key] = flag
    low, high = ages["min_child_age"], ages["max_child_age"]
    if low is not None and high is not None and low > high:
        raise ContentError(file, f"{where}: min_child_age {low} is above max_child_age {high}")
    return PromptConditions(min_child_age=low, max_child_age=high, **flags)


def check_prompt_themes(file: Path, prompts: Any, content: Content) -> None:
    """Every theme a prompt names must be defined; the error names the file, prompt and theme."""
    known = {t.id for t in content.themes}
    for prompt in prompts:
        for theme in prompt.themes:
            if theme not in known:
                raise ContentError(
                    file,
                    f"prompt '{prompt.id}': theme '{theme}' is not defined "
                    f"(known: {', '.join(sorted(known)) or 'none'})",
                )


#: The core route holds about a dozen prompts: the issue asks for 10 to 15.
CORE_ROUTE_MIN, CORE_ROUTE_MAX = 10, 15


def apply_agenda_file(
    content: Content, file: Path, replace_route: bool, pack: str = "", documents: Any = None
) -> Content:
    """Add the themes of an agenda file to ``content`` and, if it has one, its core route.

    The built-in ``agenda.toml`` must have a core route; a pack's may replace it, add themes and
    ``[[retag]]`` prompts (see ``docs/content-packs.md``; retags are applied by the pack loader).
    """
    data = read_toml(file)
    check_keys(file, "agenda file", data, {"schema_version", "themes", "core_route", "retag"})
    check_schema_version(file, data)
    if "retag" in data and not pack:
        raise ContentError(file, "'retag' belongs in a content pack's agenda.toml")
    themes = list(content.themes)
    entries = data.get("themes", [])
    if not isinstance(entries, list):
        raise ContentError(file, "'themes' must be a list of [[themes]] tables")
    citable = documents if documents is not None else content.documents
    for i, entry in enumerate(entries):
        where = f"themes[{i}]"
        check_table(file, where, entry)
        check_keys(
            file, where, entry, {"id", "title", "description", "sources", "patterns", "conditions"}
        )
        theme_id = required_text(file, f"{where}.id", entry.get("id"))
        if not LOWER_ID.match(theme_id):
            raise ContentError(
                file, f"{where}.id '{theme_id}' must be lower_case letters, digits and _"
            )
        if any(t.id == theme_id for t in themes):
            raise ContentError(file, f"{where}.id: the theme '{theme_id}' is already defined")
        named = f"theme '{theme_id}'"
        themes.append(
            Theme(
                id=theme_id,
                title=required_text(file, f"{named}.title", entry.get("title")),
                description=optional_text(file, f"{named}.description", entry.get("description")),
                sources=(
                    source_refs(file, f"{named}.sources", entry["sources"], citable)
                    if "sources" in entry
                    else ()
                ),
                patterns=text_list(file, f"{named}.patterns", entry.get("patterns")),
                conditions=(
                    parse_conditions(file, f"{named}.conditions", entry["conditions"])
                    if "conditions" in entry
                    else PromptConditions()
                ),
                pack=pack,
            )
        )
    route = content.core_route
    if "core_route" in data:
        route = _core_route(file, data["core_route"], content)
    elif replace_route:
        raise ContentError(file, "the agenda file needs a 'core_route' (a list of prompt ids)")
    return dataclasses.replace(content, themes=tuple(themes), core_route=route)


def _core_route(file: Path, value: Any, content: Content) -> tuple[str, ...]:
    route = text_list(file, "core_route", value)
    if not CORE_ROUTE_MIN <= len(route) <= CORE_ROUTE_MAX:
        raise ContentError(
            file,
            f"core_route has {len(route)} prompts; a core route holds "
            f"{CORE_ROUTE_MIN} to {CORE_ROUTE_MAX}",
        )
    for prompt_id in route:
        if content.prompt(prompt_id) is None:
            raise ContentError(file, f"core_route: prompt '{prompt_id}' is not in the content")
    return route
