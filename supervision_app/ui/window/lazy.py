"""A part of the window built when it is first needed, not while the window starts.

After unlock the window shows Home; the session view (with its pages, the Case so far beside
them and the focus flow) and the case overview are not on that screen, so building them
there only delays its first paint. :class:`LazyPart` builds its widget at the first
:meth:`get` and then runs what the window's parts asked to do with it (connect a signal,
restore a saved splitter); code that must not build it (locking, closing, flushing typing)
asks for :attr:`built`, which is ``None`` until then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

PartT = TypeVar("PartT")


class LazyPart(Generic[PartT]):
    def __init__(self, build: Callable[[], PartT]) -> None:
        self._build = build
        self._part: PartT | None = None
        self._building = False
        self._hooks: list[Callable[[PartT], object]] = []

    @property
    def built(self) -> PartT | None:
        """The part if it has been built, else None (never builds it)."""
        return self._part

    def get(self) -> PartT:
        """The part, built (and handed to every hook) the first time it is asked for."""
        if self._part is None:
            if self._building:  # a hook or the builder asking for it while it is being made
                raise RuntimeError("the part is asked for while it is being built")
            self._building = True
            try:
                part = self._build()
            finally:
                self._building = False
            self._part = part
            hooks, self._hooks = self._hooks, []
            for hook in hooks:
                hook(part)
        return self._part

    def when_built(self, hook: Callable[[PartT], object]) -> None:
        """Run ``hook(part)`` once the part exists: now if it is built already, else just
        after it is built."""
        if self._part is not None:
            hook(self._part)
        else:
            self._hooks.append(hook)
