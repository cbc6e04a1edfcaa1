"""Reading a content TOML file and checking its fields against the schema.

Every problem is reported as a :class:`ContentError` that names the file and where in it the
problem is, so that whoever edits the content (or an agency's pack) can fix it.  Shared by the
built-in content (:mod:`.loader`), the agenda file (:mod:`.agenda_file`), the prompts
(:mod:`.prompts`), the pattern rules (:mod:`.patterns`) and content packs (:mod:`.packs`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from supervision_app.content.model import SourceDocument, SourceRef
from supervision_app.content.parsed_cache import cached_tables, keep_tables

SCHEMA_VERSION = 1
#: Ids of stages, themes, items and fields: lower_case letters, digits and _.
LOWER_ID = re.compile(r"^[a-z][a-z0-9_]*$")
#: Prompt ids: the stage id, a dot, then the prompt's own name ("reflection.what_worries").
PROMPT_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


class ContentError(Exception):
    """A content file is missing, unreadable or does not follow the schema."""

    def __init__(self, file: Path, problem: str) -> None:
        super().__init__(f"{file}: {problem}")
        self.file = file
        self.problem = problem


def read_toml(file: Path) -> dict[str, Any]:
    """The tables of a content file: from the parsed-content cache when these very bytes were
    parsed before (:mod:`.parsed_cache`), else parsed (and then kept for the next start)."""
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ContentError(file, "the file is missing") from None
    except OSError as exc:
        raise ContentError(file, f"the file cannot be read ({exc.strerror or exc})") from None
    cached = cached_tables(file, raw)
    if cached is not None:
        return cached
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(file, f"the file is not UTF-8 text (byte {exc.start})") from None
    import tomllib  # only when a file is parsed: its import and parser cost 20-30 ms

    try:
        tables = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(file, f"the file is not valid TOML: {exc}") from None
    keep_tables(file, raw, tables)
    return tables


def check_schema_version(file: Path, data: dict[str, Any]) -> None:
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ContentError(file, f"schema_version must be {SCHEMA_VERSION} (found {version!r})")


def check_table(file: Path, where: str, value: Any) -> dict[str, Any]:
    """``value``, which must be a TOML table."""
    if not isinstance(value, dict):
        raise ContentError(file, f"{where} must be a table")
    return value


def check_keys(file: Path, where: str, table: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ContentError(
            file,
            f"{where} has unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}",
        )


def required_text(file: Path, where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        found = "nothing" if value is None else repr(value)[:40]
        raise ContentError(file, f"{where} must be non-empty text (found {found})")
    return value.strip()


def optional_text(file: Path, where: str, value: Any) -> str:
    if value is None:
        return ""
    return required_text(file, where, value)


def flag(file: Path, where: str, value: Any) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ContentError(file, f"{where} must be true or false")
    return value


def text_list(file: Path, where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        raise ContentError(file, f"{where} must be a non-empty list of texts")
    texts = tuple(required_text(file, f"{where}[{i}]", v) for i, v in enumerate(value))
    if len(set(texts)) != len(texts):
        raise ContentError(file, f"{where} lists the same text twice")
    return texts


def source_refs(
    file: Path, where: str, value: Any, documents: dict[str, SourceDocument]
) -> tuple[SourceRef, ...]:
    if not isinstance(value, list) or not value:
        raise ContentError(file, f"{where} must list at least one source")
    refs: list[SourceRef] = []
    for i, entry in enumerate(value):
        here = f"{where}[{i}]"
        check_table(file, here, entry)
        check_keys(file, here, entry, {"document", "section"})
        doc_id = required_text(file, f"{here}.document", entry.get("document"))
        section = required_text(file, f"{here}.section", entry.get("section"))
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
