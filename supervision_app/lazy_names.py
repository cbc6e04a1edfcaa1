"""Names of a package imported on first use (PEP 562), so that importing the package does not
load every module behind it: the first screen needs a few names of ``domain`` and ``storage``,
and the rest load after it has been painted."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_names(
    package: str, where: dict[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``where`` maps each name to the submodule
    that defines it; a name is imported once, then kept in ``namespace`` (the package's
    globals), so later lookups never come here."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    return __getattr__
