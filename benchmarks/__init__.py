"""Relative performance benchmarks for supervision_app.

Run ``python -m benchmarks`` (or ``python -m benchmarks --quick``) from the
repository root.  Every figure is a ratio against a baseline measured in the
same run, on the same machine, so the results mean something on any computer.
See ``benchmarks/README.md``.

Nothing here is a test: the suite never fails a build, it prints a table.
This package imports nothing heavy at import time.
"""

from __future__ import annotations
