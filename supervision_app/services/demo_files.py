"""Where the fictional demo cases live, and the error when one cannot be loaded.

Shared by :mod:`.demo` (the focused demo session) and :mod:`.demo_history` (the six-month
case), which import this module and never each other's.
"""

from __future__ import annotations

from pathlib import Path

from supervision_app.paths import resource_path


class DemoDataError(Exception):
    """A demo file cannot be loaded (a fault in the app's own resources)."""


def demo_case_file() -> Path:
    """The demo's focused session and its case memory."""
    return resource_path("demo", "demo_case.toml")


def demo_history_file() -> Path:
    """The six-month demo case."""
    return resource_path("demo", "demo_history.toml")
