"""A ``[[prompts]]`` table, validated: its id, text, sources and kind, a structured tool's
items, fields and choices, its aliases and its agenda tags.  Shared by the built-in content
and content packs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from supervision_app.content.agenda_file import parse_tags
from supervision_app.content.model import (
    PROMPT_KINDS,
    Prompt,
    PromptField,
    PromptItem,
    SourceDocument,
)
from supervision_app.content.schema import (
    LOWER_ID,
    PROMPT_ID,
    ContentError,
    check_keys,
    check_table,
    flag,
    optional_text,
    required_text,
    source_refs,
    text_list,
)

PROMPT_KEYS = {
    "id",
    "text",
    "why",
    "sources",
    "group",
    "hint",
    "kind",
    "items",
    "fields",
    "choices",
    "wellbeing",
    "aliases",
    "tier",
    "themes",
    "conditions",
    "minutes",
}


def parse_prompt(
    file: Path,
    where: str,
    entry: Any,
    stage_id: str,
    documents: dict[str, SourceDocument],
    pack: str = "",
) -> Prompt:
    """One ``[[prompts]]`` table, validated (shared by the built-in content and packs)."""
    check_table(file, where, entry)
    check_keys(file, where, entry, PROMPT_KEYS)
    prompt_id = required_text(file, f"{where}.id", entry.get("id"))
    if not PROMPT_ID.match(prompt_id) or not prompt_id.startswith(stage_id + "."):
        raise ContentError(
            file,
            f"{where}.id '{prompt_id}' must look like '{stage_id}.some_name' "
            "(lower case, dots between parts)",
        )
    kind = optional_text(file, f"{where}.kind", entry.get("kind")) or "text"
    if kind not in PROMPT_KINDS:
        raise ContentError(
            file, f"{where}.kind '{kind}' is not known (use one of: {', '.join(PROMPT_KINDS)})"
        )
    items = _items(file, f"{where}.items", entry.get("items"))
    fields = _fields(file, f"{where}.fields", entry.get("fields"))
    choices = text_list(file, f"{where}.choices", entry.get("choices"))
    needs_items = kind in ("checklist", "day_in_life")
    if needs_items and not items:
        raise ContentError(file, f"{where}: a '{kind}' prompt needs at least one [[prompts.items]]")
    if not needs_items and items:
        raise ContentError(file, f"{where}: only checklist and day_in_life prompts have items")
    if kind == "records" and not fields:
        raise ContentError(
            file, f"{where}: a 'records' prompt needs at least one [[prompts.fields]]"
        )
    if kind != "records" and fields:
        raise ContentError(file, f"{where}: only 'records' prompts have fields")
    if choices and kind != "checklist":
        raise ContentError(file, f"{where}: only checklist prompts have choices")
    return Prompt(
        id=prompt_id,
        stage_id=stage_id,
        text=required_text(file, f"{where}.text", entry.get("text")),
        why=required_text(file, f"{where}.why", entry.get("why")),
        sources=source_refs(file, f"{where}.sources", entry.get("sources"), documents),
        group=optional_text(file, f"{where}.group", entry.get("group")),
        hint=optional_text(file, f"{where}.hint", entry.get("hint")),
        kind=kind,
        items=items,
        fields=fields,
        choices=choices,
        pack=pack,
        wellbeing=flag(file, f"{where}.wellbeing", entry.get("wellbeing")),
        aliases=_aliases(file, f"{where}.aliases", entry.get("aliases"), prompt_id),
        **parse_tags(file, f"prompt '{prompt_id}' ({where})", entry),
    )


def _aliases(file: Path, where: str, value: Any, prompt_id: str) -> tuple[str, ...]:
    """The ids of earlier prompts merged into this one (they never change, like any id)."""
    aliases = text_list(file, where, value)
    for alias in aliases:
        if not PROMPT_ID.match(alias) or alias == prompt_id:
            raise ContentError(
                file, f"{where}: '{alias}' must be an earlier prompt id, not this prompt's own"
            )
    return aliases


def _items(file: Path, where: str, value: Any) -> tuple[PromptItem, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ContentError(file, f"{where} must be a list of [[prompts.items]] tables")
    items: list[PromptItem] = []
    for i, entry in enumerate(value):
        here = f"{where}[{i}]"
        check_table(file, here, entry)
        check_keys(file, here, entry, {"id", "label", "explanation"})
        item_id = required_text(file, f"{here}.id", entry.get("id"))
        if not LOWER_ID.match(item_id) or any(it.id == item_id for it in items):
            raise ContentError(
                file, f"{here}.id '{item_id}' must be unique and lower_case letters, digits and _"
            )
        items.append(
            PromptItem(
                id=item_id,
                label=required_text(file, f"{here}.label", entry.get("label")),
                explanation=optional_text(file, f"{here}.explanation", entry.get("explanation")),
            )
        )
    return tuple(items)


def _fields(file: Path, where: str, value: Any) -> tuple[PromptField, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ContentError(file, f"{where} must be a list of [[prompts.fields]] tables")
    fields: list[PromptField] = []
    for i, entry in enumerate(value):
        here = f"{where}[{i}]"
        check_table(file, here, entry)
        check_keys(file, here, entry, {"id", "label", "choices", "multiline"})
        field_id = required_text(file, f"{here}.id", entry.get("id"))
        if not LOWER_ID.match(field_id) or any(f.id == field_id for f in fields):
            raise ContentError(
                file, f"{here}.id '{field_id}' must be unique and lower_case letters, digits and _"
            )
        multiline = entry.get("multiline", False)
        if not isinstance(multiline, bool):
            raise ContentError(file, f"{here}.multiline must be true or false")
        fields.append(
            PromptField(
                id=field_id,
                label=required_text(file, f"{here}.label", entry.get("label")),
                choices=text_list(file, f"{here}.choices", entry.get("choices")),
                multiline=multiline,
            )
        )
    return tuple(fields)
