"""Load and validate the practice content files.

Layout of a content folder::

    manifest.toml        content version, the sources file and the stage files in order
    sources.toml         the source documents and the sections prompts may cite
    stages/*.toml        one file per reflection stage
    agenda.toml          the themes and the core route of a focused session (optional)

Every problem is reported as a :class:`ContentError` that names the file and
where in it the problem is, so that whoever edits the content can fix it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from supervision_app.content.model import (
    CONDITION_KEYS,
    MAX_MINUTES,
    MIN_MINUTES,
    PROMPT_KINDS,
    TIERS,
    Content,
    Prompt,
    PromptConditions,
    PromptField,
    PromptItem,
    SourceDocument,
    SourceRef,
    Stage,
    Theme,
)
from supervision_app.content.route import with_route
from supervision_app.paths import resource_path

SCHEMA_VERSION = 1
_STAGE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_PROMPT_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


class ContentError(Exception):
    """A content file is missing, unreadable or does not follow the schema."""

    def __init__(self, file: Path, problem: str) -> None:
        super().__init__(f"{file}: {problem}")
        self.file = file
        self.problem = problem


def default_content_dir() -> Path:
    return resource_path("content")


def load_content(folder: Path | None = None) -> Content:
    folder = Path(folder) if folder is not None else default_content_dir()
    manifest_file = folder / "manifest.toml"
    manifest = _read_toml(manifest_file)
    _check_keys(
        manifest_file,
        "manifest",
        manifest,
        {"schema_version", "content_version", "sources", "stages", "agenda"},
    )
    _check_schema_version(manifest_file, manifest)
    version = _text(manifest_file, "content_version", manifest.get("content_version"))
    sources_file = folder / _text(manifest_file, "sources", manifest.get("sources"))
    documents = _load_documents(sources_file)
    stage_files = manifest.get("stages")
    if not isinstance(stage_files, list) or not stage_files:
        raise ContentError(manifest_file, "'stages' must be a non-empty list of stage file names")
    stages: list[Stage] = []
    seen_prompts: dict[str, Path] = {}
    for index, name in enumerate(stage_files):
        rel = _text(manifest_file, f"stages[{index}]", name)
        stage_file = folder / rel
        stage = _load_stage(stage_file, documents)
        if any(s.id == stage.id for s in stages):
            raise ContentError(stage_file, f"stage id '{stage.id}' is used by another stage file")
        for prompt in stage.prompts:
            if prompt.id in seen_prompts:
                raise ContentError(
                    stage_file,
                    f"prompt id '{prompt.id}' is already used in {seen_prompts[prompt.id].name}",
                )
            seen_prompts[prompt.id] = stage_file
        stages.append(stage)
    _check_aliases(stages, seen_prompts)
    content = Content(version=version, documents=documents, stages=tuple(stages))
    agenda_name = _optional_text(manifest_file, "agenda", manifest.get("agenda"))
    if agenda_name:
        content = apply_agenda_file(content, folder / agenda_name, replace_route=True)
    for stage_file, stage in zip(
        (folder / str(n) for n in stage_files), content.stages, strict=True
    ):
        check_prompt_themes(stage_file, stage.prompts, content)
    return with_route(content, None)


def _check_aliases(stages: list[Stage], seen_prompts: dict[str, Path]) -> None:
    """An alias names one retired prompt: never a prompt in use, never two homes."""
    homes: dict[str, str] = {}
    for stage in stages:
        for prompt in stage.prompts:
            for alias in prompt.aliases:
                file = seen_prompts[prompt.id]
                if alias in seen_prompts:
                    raise ContentError(
                        file,
                        f"prompt '{prompt.id}': alias '{alias}' is the id of a prompt in use "
                        f"(in {seen_prompts[alias].name})",
                    )
                if alias in homes:
                    raise ContentError(
                        file,
                        f"prompt '{prompt.id}': alias '{alias}' is already an alias of "
                        f"'{homes[alias]}'",
                    )
                homes[alias] = prompt.id


# -- files -----------------------------------------------------------------


def _read_toml(file: Path) -> dict[str, Any]:
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ContentError(file, "the file is missing") from None
    except OSError as exc:
        raise ContentError(file, f"the file cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(file, f"the file is not UTF-8 text (byte {exc.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(file, f"the file is not valid TOML: {exc}") from None


def _load_documents(file: Path) -> dict[str, SourceDocument]:
    return load_documents_table(file, _read_toml(file))


def load_documents_table(
    file: Path, data: dict[str, Any], pack_folder: Path | None = None
) -> dict[str, SourceDocument]:
    """The ``[[documents]]`` of a sources file.

    In a content pack (``pack_folder`` given) a document's ``file`` is optional;
    when it is given it must be a UTF-8 text file in the pack folder, and every
    listed section must appear in it word for word.
    """
    _check_keys(file, "sources file", data, {"schema_version", "documents"})
    _check_schema_version(file, data)
    entries = data.get("documents")
    if not isinstance(entries, list) or not entries:
        raise ContentError(file, "'documents' must be a non-empty list of [[documents]] tables")
    documents: dict[str, SourceDocument] = {}
    for i, entry in enumerate(entries):
        where = f"documents[{i}]"
        _check_table(file, where, entry)
        _check_keys(
            file,
            where,
            entry,
            {"id", "file", "title", "short_title", "sections", "outside_seeds", "publisher", "year"},
        )
        outside = _flag(file, f"{where}.outside_seeds", entry.get("outside_seeds"))
        doc_id = _text(file, f"{where}.id", entry.get("id"))
        if doc_id in documents:
            raise ContentError(file, f"{where}: document id '{doc_id}' is used twice")
        sections = entry.get("sections")
        if not isinstance(sections, list) or not sections:
            raise ContentError(file, f"{where}.sections must be a non-empty list of section names")
        section_names = tuple(
            _text(file, f"{where}.sections[{j}]", s) for j, s in enumerate(sections)
        )
        publisher = _optional_text(file, f"{where}.publisher", entry.get("publisher"))
        year = _optional_text(file, f"{where}.year", entry.get("year"))
        if outside:
            # Beyond the seeds: no seed file to check, so the full citation is required.
            if entry.get("file") is not None:
                raise ContentError(file, f"{where}: a document outside the seeds has no 'file'")
            publisher = _text(file, f"{where}.publisher", entry.get("publisher"))
            year = _text(file, f"{where}.year", entry.get("year"))
            doc_file = ""
        elif pack_folder is None:
            doc_file = _text(file, f"{where}.file", entry.get("file"))
        else:
            doc_file = _optional_text(file, f"{where}.file", entry.get("file"))
            if doc_file:
                _check_sections_in(file, where, pack_folder, doc_file, section_names)
        documents[doc_id] = SourceDocument(
            id=doc_id,
            file=doc_file,
            title=_text(file, f"{where}.title", entry.get("title")),
            short_title=_text(file, f"{where}.short_title", entry.get("short_title")),
            sections=section_names,
            outside_seeds=outside,
            publisher=publisher,
            year=year,
        )
    return documents


def _check_sections_in(
    file: Path, where: str, folder: Path, name: str, sections: tuple[str, ...]
) -> None:
    target = (folder / name).resolve()
    if folder.resolve() not in target.parents:
        raise ContentError(file, f"{where}.file '{name}' must be inside the pack folder")
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(file, f"{where}.file '{name}' is missing from the pack") from None
    except (OSError, UnicodeDecodeError):
        raise ContentError(file, f"{where}.file '{name}' cannot be read as UTF-8 text") from None
    for section in sections:
        if section not in text:
            raise ContentError(file, f"{where}: section '{section}' does not appear in '{name}'")


def _load_stage(file: Path, documents: dict[str, SourceDocument]) -> Stage:
    data = _read_toml(file)
    _check_keys(file, "stage file", data, {"schema_version", "stage", "prompts"})
    _check_schema_version(file, data)
    head = data.get("stage")
    _check_table(file, "[stage]", head)
    _check_keys(file, "[stage]", head, {"id", "title", "summary", "why", "sources"})
    stage_id = _text(file, "stage.id", head.get("id"))
    if not _STAGE_ID.match(stage_id):
        raise ContentError(file, f"stage.id '{stage_id}' must be lower_case letters, digits and _")
    entries = data.get("prompts")
    if not isinstance(entries, list) or not entries:
        raise ContentError(file, "the stage has no [[prompts]]")
    prompts = [
        parse_prompt(file, f"prompts[{i}]", entry, stage_id, documents)
        for i, entry in enumerate(entries)
    ]
    return Stage(
        id=stage_id,
        title=_text(file, "stage.title", head.get("title")),
        summary=_text(file, "stage.summary", head.get("summary")),
        why=_text(file, "stage.why", head.get("why")),
        sources=_sources(file, "stage.sources", head.get("sources"), documents),
        prompts=tuple(prompts),
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
    _check_table(file, where, entry)
    _check_keys(file, where, entry, PROMPT_KEYS)
    prompt_id = _text(file, f"{where}.id", entry.get("id"))
    if not _PROMPT_ID.match(prompt_id) or not prompt_id.startswith(stage_id + "."):
        raise ContentError(
            file,
            f"{where}.id '{prompt_id}' must look like '{stage_id}.some_name' "
            "(lower case, dots between parts)",
        )
    kind = _optional_text(file, f"{where}.kind", entry.get("kind")) or "text"
    if kind not in PROMPT_KINDS:
        raise ContentError(
            file, f"{where}.kind '{kind}' is not known (use one of: {', '.join(PROMPT_KINDS)})"
        )
    items = _items(file, f"{where}.items", entry.get("items"))
    fields = _fields(file, f"{where}.fields", entry.get("fields"))
    choices = _text_list(file, f"{where}.choices", entry.get("choices"))
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
        text=_text(file, f"{where}.text", entry.get("text")),
        why=_text(file, f"{where}.why", entry.get("why")),
        sources=_sources(file, f"{where}.sources", entry.get("sources"), documents),
        group=_optional_text(file, f"{where}.group", entry.get("group")),
        hint=_optional_text(file, f"{where}.hint", entry.get("hint")),
        kind=kind,
        items=items,
        fields=fields,
        choices=choices,
        pack=pack,
        wellbeing=_flag(file, f"{where}.wellbeing", entry.get("wellbeing")),
        aliases=_aliases(file, f"{where}.aliases", entry.get("aliases"), prompt_id),
        **parse_tags(file, f"prompt '{prompt_id}' ({where})", entry),
    )


def _aliases(file: Path, where: str, value: Any, prompt_id: str) -> tuple[str, ...]:
    """The ids of earlier prompts merged into this one (they never change, like any id)."""
    aliases = _text_list(file, where, value)
    for alias in aliases:
        if not _PROMPT_ID.match(alias) or alias == prompt_id:
            raise ContentError(
                file, f"{where}: '{alias}' must be an earlier prompt id, not this prompt's own"
            )
    return aliases


# -- agenda tags: tier, themes, conditions, minutes -----------------------------

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
            isinstance(t, str) and _STAGE_ID.match(t) for t in themes
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
    import dataclasses

    data = _read_toml(file)
    _check_keys(file, "agenda file", data, {"schema_version", "themes", "core_route", "retag"})
    _check_schema_version(file, data)
    if "retag" in data and not pack:
        raise ContentError(file, "'retag' belongs in a content pack's agenda.toml")
    themes = list(content.themes)
    entries = data.get("themes", [])
    if not isinstance(entries, list):
        raise ContentError(file, "'themes' must be a list of [[themes]] tables")
    citable = documents if documents is not None else content.documents
    for i, entry in enumerate(entries):
        where = f"themes[{i}]"
        _check_table(file, where, entry)
        _check_keys(
            file, where, entry, {"id", "title", "description", "sources", "patterns", "conditions"}
        )
        theme_id = _text(file, f"{where}.id", entry.get("id"))
        if not _STAGE_ID.match(theme_id):
            raise ContentError(
                file, f"{where}.id '{theme_id}' must be lower_case letters, digits and _"
            )
        if any(t.id == theme_id for t in themes):
            raise ContentError(file, f"{where}.id: the theme '{theme_id}' is already defined")
        named = f"theme '{theme_id}'"
        themes.append(
            Theme(
                id=theme_id,
                title=_text(file, f"{named}.title", entry.get("title")),
                description=_optional_text(file, f"{named}.description", entry.get("description")),
                sources=(
                    _sources(file, f"{named}.sources", entry["sources"], citable)
                    if "sources" in entry
                    else ()
                ),
                patterns=_text_list(file, f"{named}.patterns", entry.get("patterns")),
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
    route = _text_list(file, "core_route", value)
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


def _flag(file: Path, where: str, value: Any) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ContentError(file, f"{where} must be true or false")
    return value


def _items(file: Path, where: str, value: Any) -> tuple[PromptItem, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ContentError(file, f"{where} must be a list of [[prompts.items]] tables")
    items: list[PromptItem] = []
    for i, entry in enumerate(value):
        here = f"{where}[{i}]"
        _check_table(file, here, entry)
        _check_keys(file, here, entry, {"id", "label", "explanation"})
        item_id = _text(file, f"{here}.id", entry.get("id"))
        if not _STAGE_ID.match(item_id) or any(it.id == item_id for it in items):
            raise ContentError(
                file, f"{here}.id '{item_id}' must be unique and lower_case letters, digits and _"
            )
        items.append(
            PromptItem(
                id=item_id,
                label=_text(file, f"{here}.label", entry.get("label")),
                explanation=_optional_text(file, f"{here}.explanation", entry.get("explanation")),
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
        _check_table(file, here, entry)
        _check_keys(file, here, entry, {"id", "label", "choices", "multiline"})
        field_id = _text(file, f"{here}.id", entry.get("id"))
        if not _STAGE_ID.match(field_id) or any(f.id == field_id for f in fields):
            raise ContentError(
                file, f"{here}.id '{field_id}' must be unique and lower_case letters, digits and _"
            )
        multiline = entry.get("multiline", False)
        if not isinstance(multiline, bool):
            raise ContentError(file, f"{here}.multiline must be true or false")
        fields.append(
            PromptField(
                id=field_id,
                label=_text(file, f"{here}.label", entry.get("label")),
                choices=_text_list(file, f"{here}.choices", entry.get("choices")),
                multiline=multiline,
            )
        )
    return tuple(fields)


def _text_list(file: Path, where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        raise ContentError(file, f"{where} must be a non-empty list of texts")
    texts = tuple(_text(file, f"{where}[{i}]", v) for i, v in enumerate(value))
    if len(set(texts)) != len(texts):
        raise ContentError(file, f"{where} lists the same text twice")
    return texts


# -- field checks ------------------------------------------------------------


def _check_schema_version(file: Path, data: dict[str, Any]) -> None:
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ContentError(file, f"schema_version must be {SCHEMA_VERSION} (found {version!r})")


def _check_table(file: Path, where: str, value: Any) -> None:
    if not isinstance(value, dict):
        raise ContentError(file, f"{where} must be a table")


def _check_keys(file: Path, where: str, table: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ContentError(
            file,
            f"{where} has unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}",
        )


def _text(file: Path, where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        found = "nothing" if value is None else repr(value)[:40]
        raise ContentError(file, f"{where} must be non-empty text (found {found})")
    return value.strip()


def _optional_text(file: Path, where: str, value: Any) -> str:
    if value is None:
        return ""
    return _text(file, where, value)


def _sources(
    file: Path, where: str, value: Any, documents: dict[str, SourceDocument]
) -> tuple[SourceRef, ...]:
    if not isinstance(value, list) or not value:
        raise ContentError(file, f"{where} must list at least one source")
    refs: list[SourceRef] = []
    for i, entry in enumerate(value):
        here = f"{where}[{i}]"
        _check_table(file, here, entry)
        _check_keys(file, here, entry, {"document", "section"})
        doc_id = _text(file, f"{here}.document", entry.get("document"))
        section = _text(file, f"{here}.section", entry.get("section"))
        doc = documents.get(doc_id)
        if doc is None:
            raise ContentError(
                file,
                f"{here}.document '{doc_id}' is not in the sources file (known: {', '.join(documents)})",
            )
        if section not in doc.sections:
            raise ContentError(file, f"{here}.section '{section}' is not a section of '{doc_id}'")
        refs.append(SourceRef(document=doc_id, section=section))
    return tuple(refs)
