"""The command line's one-line failures."""

from __future__ import annotations

import sys


class CliError(Exception):
    """A failure to report as one line."""


def fail(message: str, code: int = 1) -> int:
    print(f"supervision-app: error: {message}", file=sys.stderr)
    return code
