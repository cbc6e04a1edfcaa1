"""The SQLite store satisfies the typed storage interface, part by part (mypy checks the
types through ``storage.store.as_storage``; this checks the names and parameters at run time)."""

from __future__ import annotations

import inspect

import pytest

from supervision_app.storage import interface
from supervision_app.storage.store import SupervisionStore, as_storage

PARTS = {
    "cases": interface.CaseStorage,
    "sessions": interface.SessionStorage,
    "focus": interface.FocusStorage,
    "signing": interface.SigningStorage,
    "audit": interface.AuditStorage,
    "settings": interface.SettingsStorage,
    "memory": interface.MemoryStorage,
    "words": interface.WordStorage,
}


def _public(cls: type) -> set[str]:
    return {n for n, v in vars(cls).items() if callable(v) and not n.startswith("_")}


def _shape(function) -> list[tuple[str, object, bool]]:
    return [
        (p.name, p.kind, p.default is not inspect.Parameter.empty)
        for p in inspect.signature(function).parameters.values()
    ]


@pytest.mark.parametrize("part", sorted(PARTS))
def test_each_part_has_the_methods_of_its_protocol(store: SupervisionStore, part: str) -> None:
    protocol, component = PARTS[part], type(getattr(as_storage(store), part))
    assert _public(component) == _public(protocol)
    for name in _public(protocol):
        assert _shape(getattr(component, name)) == _shape(getattr(protocol, name)), name


def test_the_store_is_its_parts_and_nothing_else(store: SupervisionStore) -> None:
    assert {n for n in vars(store) if not n.startswith("_")} == {*PARTS, "database"}
    assert _public(SupervisionStore) == set()
