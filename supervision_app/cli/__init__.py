"""Command line: the window by default, and subcommands for scripted use and testing.

* :mod:`.run`: ``main`` (parse, dispatch, one-line failures).
* :mod:`.parser`: the arguments.
* :mod:`.records`, :mod:`.keys`: the commands, calling :mod:`supervision_app.services`.
* :mod:`.opening`, :mod:`.secrets`: opening the store, and the passphrase prompts.
* :mod:`.gui`: the only module that reaches into Qt (it starts the window).
"""

from __future__ import annotations

from supervision_app.cli.run import main

__all__ = ["main"]
