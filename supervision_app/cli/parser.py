"""The command line's arguments."""

from __future__ import annotations

import argparse
from pathlib import Path

from supervision_app import APP_NAME, __version__
from supervision_app.cli.secrets import (
    AGENCY_KEY_PASSPHRASE_ENV,
    AGENCY_KEY_PASSPHRASE_FILE_ENV,
    PASSPHRASE_ENV,
    PASSPHRASE_FILE_ENV,
)
from supervision_app.cli.server import add_commands as add_server_commands
from supervision_app.cli.server import database_location
from supervision_app.paths import default_db_path


def build_parser() -> argparse.ArgumentParser:
    db_help = (
        f"the database file (default: {default_db_path()}), or an agency server's "
        "postgresql://user@host/database"
    )
    # --db may come before or after the command; SUPPRESS keeps a subcommand
    # from overwriting a --db given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", type=database_location, metavar="PATH", help=db_help, default=argparse.SUPPRESS
    )
    common.add_argument(
        "--accept-agency-recovery-key",
        metavar="FINGERPRINT",
        default=argparse.SUPPRESS,
        help="add the agency recovery key of an installed content pack to the key file, if its "
        "fingerprint is FINGERPRINT (compare it with the one the agency's IT gave you)",
    )

    parser = argparse.ArgumentParser(
        prog="supervision-app",
        description=f"{APP_NAME}: reflective supervision for child safeguarding. "
        "With no command, opens the window.",
    )
    parser.add_argument("--db", type=database_location, metavar="PATH", help=db_help, default=None)
    parser.add_argument(
        "--accept-agency-recovery-key", metavar="FINGERPRINT", default=None, help=argparse.SUPPRESS
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", parents=[common], help="open the window (the default)")
    gui.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window, close it as soon as it is shown and exit (for installers and CI)",
    )
    sub.add_parser("demo", parents=[common], help="load the fictional demo case")
    sub.add_parser("list", parents=[common], help="list cases and sessions with their ids")
    export = sub.add_parser(
        "export", parents=[common], help="export a session as PDF, extract, HTML or JSON"
    )
    # A string, checked in records.cmd_export: argparse's own error for "abc" is five lines of usage.
    export.add_argument("session_id", metavar="SESSION_ID")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--pdf", type=Path, metavar="FILE", help="write the PDF record to FILE")
    target.add_argument(
        "--extract",
        type=Path,
        metavar="FILE",
        help="write the extract for the child's file (decisions, actions, escalations) as PDF",
    )
    target.add_argument(
        "--html", type=Path, metavar="FILE", help="write the record as one accessible HTML file"
    )
    target.add_argument(
        "--json", type=Path, metavar="FILE", help="write the JSON record file to FILE"
    )
    export.add_argument(
        "--audit", action="store_true", help="include the audit trail in the PDF or HTML"
    )
    export.add_argument(
        "--protect",
        action="store_true",
        help="protect the PDF with a password (AES-256; asked for on the terminal)",
    )
    template = sub.add_parser(
        "template", parents=[common], help="write the blank paper template of a session"
    )
    template.add_argument("--pdf", type=Path, metavar="FILE", required=True)
    template.add_argument(
        "--marking",
        metavar="TEXT",
        help="the protective marking on each page (default: the content pack's, else "
        "OFFICIAL-SENSITIVE). This command opens no database, so File › Record settings is "
        "not read",
    )
    verify = sub.add_parser(
        "verify",
        parents=[common],
        help="check every signed record against its hash chain, and the audit trail's own "
        "chain (exit 1 if any does not match)",
    )
    verify.add_argument(
        "--pdf",
        type=Path,
        metavar="FILE",
        help="check one filed PDF record: is the record whose fingerprint it prints still in "
        "the database, unchanged?",
    )
    settings = sub.add_parser(
        "settings",
        parents=[common],
        help="show or change the record settings (protective marking, late-entry days)",
    )
    settings.add_argument(
        "--marking", metavar="TEXT", help="the protective marking printed on every page"
    )
    settings.add_argument(
        "--late-days",
        type=int,
        metavar="DAYS",
        help="mark an addendum as a late entry when written more than DAYS after the session",
    )
    imp = sub.add_parser("import", parents=[common], help="import a JSON record file")
    imp.add_argument("file", type=Path, metavar="FILE")
    backup = sub.add_parser("backup", parents=[common], help="write an encrypted backup file")
    backup.add_argument("file", type=Path, metavar="FILE")
    restore = sub.add_parser(
        "restore", parents=[common], help="replace the database with a verified backup"
    )
    restore.add_argument("file", type=Path, metavar="FILE")
    sub.add_parser(
        "rotate-key",
        parents=[common],
        help="re-encrypt the database under a new key; prints the new recovery key",
    )
    sub.add_parser(
        "new-recovery-key",
        parents=[common],
        help="replace the recovery key (the old one stops working); prints the new one",
    )
    keygen = sub.add_parser(
        "agency-keygen",
        help="(agency IT) make an agency recovery key pair; prints the pack's recovery.toml",
    )
    keygen.add_argument("private_key", type=Path, metavar="PRIVATE_KEY_FILE")
    keygen.add_argument("--holder", default="The agency's IT service desk", metavar="TEXT")
    keygen.add_argument("--contact", default="", metavar="TEXT")
    reset = sub.add_parser(
        "agency-reset",
        parents=[common],
        help="(agency IT) set a new passphrase with the agency's private key",
    )
    reset.add_argument("--agency-key", type=Path, metavar="PRIVATE_KEY_FILE", required=True)
    add_server_commands(sub)
    parser.epilog = (
        f"The database is encrypted. For commands, give the passphrase in the environment "
        f"variable {PASSPHRASE_ENV}, or the path of a file holding it in {PASSPHRASE_FILE_ENV}. "
        "It is never taken as a command-line argument. The agency commands read the "
        f"passphrase of the agency's private key from {AGENCY_KEY_PASSPHRASE_ENV} (or "
        f"{AGENCY_KEY_PASSPHRASE_FILE_ENV}); agency-reset reads the user's new passphrase "
        f"from {PASSPHRASE_ENV} (or {PASSPHRASE_FILE_ENV})."
    )
    return parser
