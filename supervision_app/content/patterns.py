"""Load the pattern rules (resources/content/patterns.toml).

Each rule's sources are validated against the content's source documents
exactly as the prompts' sources are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from supervision_app.content.loader import default_content_dir
from supervision_app.content.model import Content, SourceRef
from supervision_app.content.schema import (
    ContentError,
    check_keys,
    check_schema_version,
    check_table,
    read_toml,
    required_text,
    source_refs,
)

#: The tests the app knows how to run on a case's history.
CHECKS = frozenset(
    {
        "refused_referrals_without_escalation",
        "was_not_brought",
        "change_without_reassessment",
        "same_concern_without_plan_change",
        "no_child_views",
    }
)


@dataclass(frozen=True, slots=True)
class PatternRule:
    id: str
    check: str
    title: str
    message: str
    sources: tuple[SourceRef, ...]
    threshold: int = 2
    window_days: int = 365


def load_patterns(content: Content, file: Path | None = None) -> tuple[PatternRule, ...]:
    file = Path(file) if file is not None else default_content_dir() / "patterns.toml"
    data = read_toml(file)
    check_keys(file, "patterns file", data, {"schema_version", "rules"})
    check_schema_version(file, data)
    entries = data.get("rules")
    if not isinstance(entries, list) or not entries:
        raise ContentError(file, "'rules' must be a non-empty list of [[rules]] tables")
    rules: list[PatternRule] = []
    for i, entry in enumerate(entries):
        where = f"rules[{i}]"
        check_table(file, where, entry)
        check_keys(
            file,
            where,
            entry,
            {"id", "check", "title", "message", "sources", "threshold", "window_days"},
        )
        rule_id = required_text(file, f"{where}.id", entry.get("id"))
        if any(r.id == rule_id for r in rules):
            raise ContentError(file, f"{where}: rule id '{rule_id}' is used twice")
        check = required_text(file, f"{where}.check", entry.get("check"))
        if check not in CHECKS:
            raise ContentError(
                file, f"{where}.check '{check}' is not known (known: {', '.join(sorted(CHECKS))})"
            )
        rules.append(
            PatternRule(
                id=rule_id,
                check=check,
                title=required_text(file, f"{where}.title", entry.get("title")),
                message=" ".join(
                    required_text(file, f"{where}.message", entry.get("message")).split()
                ),
                sources=source_refs(
                    file, f"{where}.sources", entry.get("sources"), content.documents
                ),
                threshold=_positive(file, f"{where}.threshold", entry.get("threshold", 2)),
                window_days=_positive(file, f"{where}.window_days", entry.get("window_days", 365)),
            )
        )
    return tuple(rules)


def _positive(file: Path, where: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ContentError(file, f"{where} must be a whole number of at least 1")
    return value
