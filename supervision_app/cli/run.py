"""The command line's entry point: parse, run one command, turn every failure into one line.

Every failure exits non-zero with one clear line on stderr, never a traceback,
and never any note text.  A command's module is imported only when that command runs,
so that opening the window pays for none of them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from supervision_app.cli.errors import CliError, fail
from supervision_app.cli.server import database_location, server_for
from supervision_app.paths import default_db_path

#: The exit status of a command whose reader closed the pipe (``list | head``), as tools
#: ended by SIGPIPE report it.
EXIT_BROKEN_PIPE = 141

#: command -> (module in supervision_app.cli, function)
COMMANDS = {
    "rotate-key": ("keys", "cmd_rotate_key"),
    "new-recovery-key": ("keys", "cmd_new_recovery_key"),
    "agency-keygen": ("keys", "cmd_agency_keygen"),
    "agency-reset": ("keys", "cmd_agency_reset"),
    "backup": ("keys", "cmd_backup"),
    "restore": ("keys", "cmd_restore"),
    "demo": ("records", "cmd_demo"),
    "list": ("records", "cmd_list"),
    "export": ("records", "cmd_export"),
    "import": ("records", "cmd_import"),
    "template": ("records", "cmd_template"),
    "verify": ("records", "cmd_verify"),
    "settings": ("records", "cmd_settings"),
    "server-init": ("server", "cmd_server_init"),
    "server-upgrade": ("server", "cmd_server_upgrade"),
}


def command(name: str) -> Callable[[argparse.Namespace, Path], int]:
    module, function = COMMANDS[name]
    found: Callable[[argparse.Namespace, Path], int] = getattr(
        importlib.import_module(f"supervision_app.cli.{module}"), function
    )
    return found


def window_start(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain window start (none, or only ``--db PATH``), read without
    building the whole parser (every command and its help: about 10 ms before the first
    screen); None for anything else, which the full parser reads as it always did."""
    rest = list(argv)
    db: Path | str | None = None
    if rest[:1] == ["--db"] and len(rest) == 2 and not rest[1].startswith("-"):
        value = rest[1]
    elif len(rest) == 1 and rest[0].startswith("--db="):
        value = rest[0].removeprefix("--db=")
    elif not rest:
        value = None
    else:
        return None
    if value is not None:
        if not value:
            return None  # the full parser's own message
        db = database_location(value)
    return argparse.Namespace(command=None, db=db, accept_agency_recovery_key=None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = window_start(argv)
    if args is None:
        from supervision_app.cli.parser import build_parser

        args = build_parser().parse_args(argv)
    name = args.command or "gui"
    try:
        server = args.server = server_for(args, name)
        db_path: Path = Path(server) if server else args.db or default_db_path()
        if name == "gui":
            from supervision_app.cli.gui import run_gui, run_gui_on_server

            if server:
                return run_gui_on_server(server)
            return run_gui(db_path, smoke_test=getattr(args, "smoke_test", False))
        return command(name)(args, db_path)
    except CliError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted", code=130)
    except BrokenPipeError:
        return _reader_went_away()
    except Exception as exc:  # never a traceback, never note text
        return fail(f"unexpected {type(exc).__name__}; nothing further was changed")


def _reader_went_away() -> int:
    """The reader of our output stopped reading: end quietly, as command-line tools do.

    Standard output is pointed at the null device so that the interpreter's final flush
    does not fail a second time (and print "Exception ignored ... BrokenPipeError")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (captured output): nothing to flush
        pass
    return EXIT_BROKEN_PIPE
