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

from pathlib import Path
from typing import Any

from supervision_app.content.agenda_file import apply_agenda_file, check_prompt_themes
from supervision_app.content.model import Content, SourceDocument, Stage
from supervision_app.content.prompts import parse_prompt
from supervision_app.content.route import with_route
from supervision_app.content.schema import (
    LOWER_ID,
    ContentError,
    check_keys,
    check_schema_version,
    check_table,
    flag,
    optional_text,
    read_toml,
    required_text,
    source_refs,
)
from supervision_app.paths import resource_path


def default_content_dir() -> Path:
    return resource_path("content")


def load_content(folder: Path | None = None) -> Content:
    folder = Path(folder) if folder is not None else default_content_dir()
    manifest_file = folder / "manifest.toml"
    manifest = read_toml(manifest_file)
    check_keys(
        manifest_file,
        "manifest",
        manifest,
        {"schema_version", "content_version", "sources", "stages", "agenda"},
    )
    check_schema_version(manifest_file, manifest)
    version = required_text(manifest_file, "content_version", manifest.get("content_version"))
    sources_file = folder / required_text(manifest_file, "sources", manifest.get("sources"))
    documents = _load_documents(sources_file)
    stage_files = manifest.get("stages")
    if not isinstance(stage_files, list) or not stage_files:
        raise ContentError(manifest_file, "'stages' must be a non-empty list of stage file names")
    stages: list[Stage] = []
    seen_prompts: dict[str, Path] = {}
    for index, name in enumerate(stage_files):
        rel = required_text(manifest_file, f"stages[{index}]", name)
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
    agenda_name = optional_text(manifest_file, "agenda", manifest.get("agenda"))
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


def _load_documents(file: Path) -> dict[str, SourceDocument]:
    return load_documents_table(file, read_toml(file))


def load_documents_table(
    file: Path, data: dict[str, Any], pack_folder: Path | None = None
) -> dict[str, SourceDocument]:
    """The ``[[documents]]`` of a sources file.

    In a content pack (``pack_folder`` given) a document's ``file`` is optional;
    when it is given it must be a UTF-8 text file in the pack folder, and every
    listed section must appear in it word for word.
    """
    check_keys(file, "sources file", data, {"schema_version", "documents"})
    check_schema_version(file, data)
    entries = data.get("documents")
    if not isinstance(entries, list) or not entries:
        raise ContentError(file, "'documents' must be a non-empty list of [[documents]] tables")
    documents: dict[str, SourceDocument] = {}
    for i, entry in enumerate(entries):
        where = f"documents[{i}]"
        check_table(file, where, entry)
        check_keys(
            file,
            where,
            entry,
            {
                "id",
                "file",
                "title",
                "short_title",
                "sections",
                "outside_seeds",
                "publisher",
                "year",
            },
        )
        outside = flag(file, f"{where}.outside_seeds", entry.get("outside_seeds"))
        doc_id = required_text(file, f"{where}.id", entry.get("id"))
        if doc_id in documents:
            raise ContentError(file, f"{where}: document id '{doc_id}' is used twice")
        sections = entry.get("sections")
        if not isinstance(sections, list) or not sections:
            raise ContentError(file, f"{where}.sections must be a non-empty list of section names")
        section_names = tuple(
            required_text(file, f"{where}.sections[{j}]", s) for j, s in enumerate(sections)
        )
        publisher = optional_text(file, f"{where}.publisher", entry.get("publisher"))
        year = optional_text(file, f"{where}.year", entry.get("year"))
        if outside:
            # Beyond the seeds: no seed file to check, so the full citation is required.
            if entry.get("file") is not None:
                raise ContentError(file, f"{where}: a document outside the seeds has no 'file'")
            publisher = required_text(file, f"{where}.publisher", entry.get("publisher"))
            year = required_text(file, f"{where}.year", entry.get("year"))
            doc_file = ""
        elif pack_folder is None:
            doc_file = required_text(file, f"{where}.file", entry.get("file"))
        else:
            doc_file = optional_text(file, f"{where}.file", entry.get("file"))
            if doc_file:
                _check_sections_in(file, where, pack_folder, doc_file, section_names)
        documents[doc_id] = SourceDocument(
            id=doc_id,
            file=doc_file,
            title=required_text(file, f"{where}.title", entry.get("title")),
            short_title=required_text(file, f"{where}.short_title", entry.get("short_title")),
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
    data = read_toml(file)
    check_keys(file, "stage file", data, {"schema_version", "stage", "prompts"})
    check_schema_version(file, data)
    head = check_table(file, "[stage]", data.get("stage"))
    check_keys(file, "[stage]", head, {"id", "title", "summary", "why", "sources"})
    stage_id = required_text(file, "stage.id", head.get("id"))
    if not LOWER_ID.match(stage_id):
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
        title=required_text(file, "stage.title", head.get("title")),
        summary=required_text(file, "stage.summary", head.get("summary")),
        why=required_text(file, "stage.why", head.get("why")),
        sources=source_refs(file, "stage.sources", head.get("sources"), documents),
        prompts=tuple(prompts),
    )
