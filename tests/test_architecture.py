"""What import-linter cannot say about the package's shape (its contracts are in
pyproject.toml): no module too large to read in one sitting, and no private name reached into
from another module. Both are described in docs/architecture.md."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "supervision_app"
MAX_LINES = 500


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _private_imports(path: Path, text: str | None = None) -> list[str]:
    """``from supervision_app.x import _name`` (or a relative form) naming another module."""
    source_text = path.read_text(encoding="utf-8") if text is None else text
    tree = ast.parse(source_text, filename=str(path))
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package.split(".")
            base = base[: len(base) - (node.level - 1)]
            source = ".".join(base + ([node.module] if node.module else []))
        else:
            source = node.module or ""
        if not source.startswith("supervision_app") or source == here:
            continue
        for alias in node.names:
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {source}.{alias.name}")
    return found


def test_no_module_is_over_500_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE.parent)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these modules (at most {MAX_LINES} lines each): {long}"


def test_no_private_name_is_imported_from_another_module() -> None:
    found = [line for p in _modules() for line in _private_imports(p)]
    assert found == [], "make these public in the module that owns them:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from supervision_app.record.pdf import _para\n", 1),
        ("from .pdf import _para, BODY_WIDTH\n", 1),
        ("from supervision_app.record.pdf import para, __all__\n", 0),
    ],
)
def test_the_private_import_check_sees_what_it_should(source, expected) -> None:
    probe = PACKAGE / "record" / "html.py"  # read as if this text were record/html.py
    assert len(_private_imports(probe, source)) == expected
