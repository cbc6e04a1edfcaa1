"""Sparing PySide6's reading of the source of every module imported after it.

Importing PySide6 replaces Python's ``__import__`` with a hook for its opt-in
``from __feature__ import snake_case, true_property`` syntax. After every import of any
module, the hook reads that module's whole source file (``inspect.getsource``) to find out
whether it mentions PySide6: a module that does gets the feature selection 0 ("no feature"),
any other -1 ("ignore"). At the window's start that is about 300 modules read again from disk
after they were compiled, 15-30 ms before the first screen is painted.

This app selects no feature anywhere, so every module's selection is 0 whichever way it is
found, and the two values behave alike: the wrappers never switch away from the standard
names. :func:`skip_source_scan` therefore lets every module count as a PySide user without
reading its source. It changes nothing where that would not hold: with a PySide6 whose
internals differ (nothing to replace), or once any module has selected a feature.
"""

from __future__ import annotations

import sys
from types import ModuleType

#: The feature selection PySide6 gives a module that uses it and selects no feature.
NO_FEATURE = 0
_IGNORED = -1


def _uses_pyside(_module: ModuleType) -> bool:
    return True


def skip_source_scan() -> bool:
    """Replace PySide6's per-import source scan (see above). True when it was replaced."""
    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    selections = getattr(feature, "pyside_feature_dict", None)
    if feature is None or not callable(scan) or not isinstance(selections, dict):
        return False
    if scan is _uses_pyside:
        return True
    if any(flag not in (NO_FEATURE, _IGNORED) for flag in selections.values()):
        return False  # a module selected a feature: PySide's own bookkeeping matters
    feature._mod_uses_pyside = _uses_pyside  # type: ignore[attr-defined]
    return True
