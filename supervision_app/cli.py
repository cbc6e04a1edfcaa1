"""Command line: the GUI by default, and subcommands for scripted use and testing.

Every failure exits non-zero with one clear line on stderr, never a traceback,
and never any note text.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from supervision_app import APP_NAME, __version__
from supervision_app.paths import default_db_path

PASSPHRASE_ENV = "SUPERVISION_APP_PASSPHRASE"
PASSPHRASE_FILE_ENV = "SUPERVISION_APP_PASSPHRASE_FILE"


class CliError(Exception):
    """A failure to report as one line."""


AGENCY_KEY_PASSPHRASE_ENV = "SUPERVISION_APP_AGENCY_KEY_PASSPHRASE"
AGENCY_KEY_PASSPHRASE_FILE_ENV = "SUPERVISION_APP_AGENCY_KEY_PASSPHRASE_FILE"


def _secret(env: str, file_env: str, prompt: str, missing: str) -> str:
    """A secret from the environment variable ``env``, the file named in ``file_env``, or a
    terminal prompt; never from argv (command lines show in ``ps`` and shell history)."""
    import os

    from supervision_app.private_files import readable_by_others

    text = os.environ.get(env)
    if text is None and os.environ.get(file_env):
        name = os.environ[file_env]
        try:
            if readable_by_others(Path(name)):
                raise CliError(
                    f"the passphrase file {name} can be read by other users of this computer; "
                    f"make it private first (chmod 600 {name}). It was not used."
                )
            text = Path(name).read_text(encoding="utf-8").rstrip("\r\n")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"cannot read the passphrase file {name} ({exc})") from None
    if text is None and sys.stdin.isatty():
        import getpass

        text = getpass.getpass(prompt)
    if not text:
        raise CliError(missing)
    return text


def _passphrase():
    """The passphrase from the environment or a file (never from argv)."""
    from supervision_app.storage import Passphrase

    return Passphrase(
        _secret(
            PASSPHRASE_ENV,
            PASSPHRASE_FILE_ENV,
            "Passphrase: ",
            f"the database is encrypted: set {PASSPHRASE_ENV}, or {PASSPHRASE_FILE_ENV} to a "
            "file holding the passphrase (see the README)",
        )
    )


def _agency_key_passphrase() -> str:
    return _secret(
        AGENCY_KEY_PASSPHRASE_ENV,
        AGENCY_KEY_PASSPHRASE_FILE_ENV,
        "Passphrase of the agency private key: ",
        f"set {AGENCY_KEY_PASSPHRASE_ENV}, or {AGENCY_KEY_PASSPHRASE_FILE_ENV} to a file holding "
        "it: the passphrase that protects the agency's private key file",
    )


def build_parser() -> argparse.ArgumentParser:
    db_help = f"the database file (default: {default_db_path()})"
    # --db may come before or after the command; SUPPRESS keeps a subcommand
    # from overwriting a --db given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, metavar="PATH", help=db_help, default=argparse.SUPPRESS)
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
    parser.add_argument("--db", type=Path, metavar="PATH", help=db_help, default=None)
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
    # A string, checked in _cmd_export: argparse's own error for "abc" is five lines of usage.
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
    parser.epilog = (
        f"The database is encrypted. For commands, give the passphrase in the environment "
        f"variable {PASSPHRASE_ENV}, or the path of a file holding it in {PASSPHRASE_FILE_ENV}. "
        "It is never taken as a command-line argument. The agency commands read the "
        f"passphrase of the agency's private key from {AGENCY_KEY_PASSPHRASE_ENV} (or "
        f"{AGENCY_KEY_PASSPHRASE_FILE_ENV}); agency-reset reads the user's new passphrase "
        f"from {PASSPHRASE_ENV} (or {PASSPHRASE_FILE_ENV})."
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    db_path: Path = args.db or default_db_path()
    command = args.command or "gui"
    global _accepted_fingerprint
    _accepted_fingerprint = getattr(args, "accept_agency_recovery_key", None)
    try:
        if command == "gui":
            return _run_gui(db_path, smoke_test=getattr(args, "smoke_test", False))
        return _COMMANDS[command](args, db_path)
    except CliError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted", code=130)
    except BrokenPipeError:
        return _reader_went_away()
    except Exception as exc:  # never a traceback, never note text
        return _fail(f"unexpected {type(exc).__name__}; nothing further was changed")


#: The exit status of a command whose reader closed the pipe (``list | head``), as tools
#: ended by SIGPIPE report it.
EXIT_BROKEN_PIPE = 141


def _reader_went_away() -> int:
    """The reader of our output stopped reading: end quietly, as command-line tools do.

    Standard output is pointed at the null device so that the interpreter's final flush
    does not fail a second time (and print "Exception ignored ... BrokenPipeError")."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (captured output): nothing to flush
        pass
    return EXIT_BROKEN_PIPE


def _fail(message: str, code: int = 1) -> int:
    print(f"supervision-app: error: {message}", file=sys.stderr)
    return code


# -- commands ------------------------------------------------------------------


def _content():
    from supervision_app.content import ContentError, load_content_with_packs

    try:
        return load_content_with_packs()
    except ContentError as exc:
        raise CliError(f"the practice content is invalid: {exc}") from None


#: Set by main() from --accept-agency-recovery-key (the user's consent to a pack's agency key).
_accepted_fingerprint: str | None = None


def _open(db_path: Path, credential=None, *, create: bool = False):
    """Open the database; only ``create`` commands (demo, import) may create one, and then the
    passphrase must pass the same rule as the window's first-run screen."""
    from supervision_app.storage import DatabaseOpenError, SupervisionStore, open_database

    new = not db_path.exists()
    if new and not create:
        _existing(db_path)
    content = _content()
    credential = credential or _passphrase()
    if new:
        _require_strong(credential)
        agency = content.agency_recovery
        if agency is not None and not _consented(agency.public_key):
            _refuse_agency_key(agency, None)  # before anything is created
    try:
        database = open_database(db_path, credential)
    except DatabaseOpenError as exc:
        raise CliError(str(exc)) from None
    try:
        _agency_consent(database, content.agency_recovery)
    except BaseException:
        database.close()
        raise
    if database.new_recovery_key:
        print(
            f"Created a new encrypted database at {db_path}.\n"
            f"Agency recovery key: {database.new_recovery_key}\n"
            "Store it somewhere safe (not on this computer): it opens the database if the "
            "passphrase is forgotten. It is shown only once."
        )
    return database, SupervisionStore(database), content


def _require_strong(credential) -> None:
    """The window's first-run rule (domain/passphrase.py), for a database made from the
    command line."""
    from supervision_app.domain.passphrase import assess
    from supervision_app.storage import Passphrase

    if not isinstance(credential, Passphrase):
        return
    strength = assess(credential.text)
    if not strength.acceptable:
        raise CliError(
            f"the passphrase is too weak for a new database: {strength.advice} "
            "Nothing was created."
        )


def _agency_consent(database, agency) -> None:
    """Add a content pack's agency recovery key only with consent: the fingerprint given in
    --accept-agency-recovery-key must be the pack's."""
    from supervision_app.storage.agency import fingerprint
    from supervision_app.storage.security import agency_key_needed, apply_agency_key

    recipient = agency.public_key if agency else None
    if not agency_key_needed(database, recipient):
        return
    shown = fingerprint(recipient)
    if not _consented(recipient):
        _refuse_agency_key(agency, database)
    try:
        apply_agency_key(database, recipient, agency.pack)
    except OSError as exc:
        raise CliError(f"cannot update the key file ({exc.strerror or exc})") from None
    print(f"Added the agency recovery key of the content pack '{agency.pack}' ({shown}).")


def _consented(recipient: bytes) -> bool:
    from supervision_app.storage.agency import fingerprint

    given = _accepted_fingerprint
    return given is not None and _plain(given) == _plain(fingerprint(recipient))


def _refuse_agency_key(agency, database) -> None:
    from supervision_app.storage.agency import fingerprint

    if database is not None:
        database.close()
    shown = fingerprint(agency.public_key)
    given = _accepted_fingerprint
    wrong = "" if given is None else f" ({given} is not its fingerprint)"
    raise CliError(
        f"the content pack '{agency.pack}' asks to add an agency recovery key held by "
        f"{agency.holder}{wrong}. Whoever holds its private key can open these records. "
        f"Nothing was changed. Compare its fingerprint, {shown}, with the one your "
        "agency's IT gave you; if they match, run the command again with "
        f"--accept-agency-recovery-key '{shown}', or remove the pack."
    )


def _plain(fingerprint_text: str) -> str:
    return "".join(ch for ch in fingerprint_text.upper() if ch.isalnum())


def _cmd_demo(_args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.demo import DemoDataError, load_demo

    database, store, content = _open(db_path, create=True)
    try:
        loaded = load_demo(store, content)
    except DemoDataError as exc:
        raise CliError(str(exc)) from None
    finally:
        database.close()
    if loaded.already_present:
        print(
            f"The demo case is already loaded: session {loaded.session_id} (case {loaded.case_id})."
        )
    else:
        print(
            f"Loaded the fictional demo case: session {loaded.session_id} (case {loaded.case_id})."
        )
    print(f"Database: {db_path}")
    return 0


def _cmd_list(_args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.domain import format_date

    database, store, _content = _open(db_path)
    try:
        cases = store.cases.list_cases()
        if not cases:
            print("No cases yet. Create one in the app, or run: supervision-app demo")
            return 0
        for case in cases:
            print(
                f"case {case.id}  {case.reference}  children: {case.children}  "
                f"practitioner: {case.practitioner}  supervisor: {case.supervisor}"
            )
            for s in store.sessions.list_sessions(case.id):
                print(
                    f"  session {s.id}  {format_date(s.date)}  {s.answered} answered  "
                    f"attendees: {', '.join(s.attendees)}"
                )
    finally:
        database.close()
    return 0


def _cmd_export(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.domain import AuditEvent
    from supervision_app.storage import NotFoundError

    if not args.session_id.isdecimal():
        raise CliError(
            f"the session id must be a number, not {args.session_id!r}; "
            "'supervision-app list' shows the ids"
        )
    args.session_id = int(args.session_id)
    database, store, content = _open(db_path)
    try:
        try:
            store.sessions.get_session(args.session_id)
        except NotFoundError:
            raise CliError(
                f"there is no session {args.session_id}; 'supervision-app list' shows the ids"
            ) from None
        if args.json:
            from supervision_app.exchange import RecordFileError, export_session_json

            try:
                export_session_json(store, args.session_id, args.json)
            except RecordFileError as exc:
                raise CliError(str(exc)) from None
            store.audit.record_event(args.session_id, AuditEvent.EXPORTED, "JSON record file")
            print(f"Wrote the record file to {args.json}")
            return 0
        from supervision_app.record.load import load_record

        record = load_record(store, args.session_id, content, include_audit=args.audit)
        if args.html:
            from supervision_app.record.html import write_html

            try:
                write_html(record, args.html)
            except OSError as exc:
                raise CliError(f"cannot write {args.html}: {exc.strerror or exc}") from None
            store.audit.record_event(args.session_id, AuditEvent.EXPORTED, "HTML")
            print(f"Wrote the HTML record to {args.html}")
            return 0
        from supervision_app.record.pdf import render_pdf
        from supervision_app.record.pdf_documents import render_extract

        data = render_extract(record) if args.extract else render_pdf(record)
        path = args.extract or args.pdf
        what = "extract" if args.extract else "PDF record"
        if args.protect:
            data = _protect(data)
        _write(path, data)
        detail = "extract PDF" if args.extract else "PDF"
        store.audit.record_event(
            args.session_id, AuditEvent.EXPORTED, detail + (", AES-256" if args.protect else "")
        )
        print(f"Wrote the {what} to {path}")
        print(
            f"For a screen reader, write the accessible HTML record beside it "
            f"(export {args.session_id} --html FILE): the PDF has bookmarks but no tags, and "
            "the HTML record has headings and tables a screen reader can move through."
        )
    finally:
        database.close()
    return 0


def _protect(data: bytes) -> bytes:
    import getpass

    from supervision_app.record.pdf_documents import WeakProtectionError, protect_pdf

    password = getpass.getpass("Password for the PDF: ")
    if getpass.getpass("Repeat the password: ") != password:
        raise CliError("the passwords do not match; nothing was written")
    try:
        return protect_pdf(data, password)
    except WeakProtectionError as exc:
        raise CliError(f"{exc} Nothing was written.") from None


def _write(path: Path, data: bytes) -> None:
    from supervision_app.record.pdf import RecordExportError, write_bytes

    try:
        write_bytes(data, path)
    except RecordExportError as exc:
        raise CliError(str(exc)) from None


def _cmd_template(args: argparse.Namespace, _db_path: Path) -> int:
    """A blank form needs no records: no database is opened, or created, and no passphrase
    is asked for."""
    from supervision_app.record.build import DEFAULT_MARKING
    from supervision_app.record.pdf_documents import render_template

    content = _content()
    marking = " ".join((args.marking or content.marking or DEFAULT_MARKING).split())
    if not marking:
        raise CliError("--marking: give the protective marking, for example OFFICIAL-SENSITIVE")
    _write(args.pdf, render_template(content, marking))
    print(f"Wrote the blank paper template to {args.pdf} (marked {marking})")
    return 0


def _cmd_verify(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.domain import format_date

    if getattr(args, "pdf", None):
        return _verify_pdf(args.pdf, db_path)
    database, store, _content = _open(db_path)
    try:
        results = store.signing.verify_all()
    finally:
        database.close()
    bad = [r for r in results if not r.ok]
    signed = [r for r in results if r.ok and r.fingerprint]
    for r in signed:
        print(
            f"ok        session {r.session_id}  {r.case_reference}  {format_date(r.session_date)}  fingerprint {r.fingerprint}"
        )
    for r in bad:
        what = f"session {r.session_id}" if r.session_id else "audit trail"
        print(
            f"MISMATCH  {what}  {r.case_reference}  "
            f"{format_date(r.session_date)}: {r.problem}"
        )
    print(
        f"{len(signed)} signed record(s) match their chain; {len(bad)} problem(s) found; "
        f"{len(results) - len(signed) - len(bad)} unsigned."
    )
    return 1 if bad else 0


def _verify_pdf(pdf: Path, db_path: Path) -> int:
    """Read the fingerprint printed on a filed PDF record and check the database still holds
    that record unchanged (the paper is the anchor nobody with the passphrase can rewrite)."""
    from supervision_app.domain import format_date
    from supervision_app.record.fingerprint_reader import PdfFingerprintError, printed_fingerprint

    try:
        printed = printed_fingerprint(pdf)
    except PdfFingerprintError as exc:
        raise CliError(str(exc)) from None
    database, store, _content = _open(db_path)
    try:
        found = store.signing.find_fingerprint(printed)
    finally:
        database.close()
    if found is None:
        print(
            f"NOT FOUND  {pdf} prints the fingerprint {printed}, but no record in {db_path} has "
            "it: the signed record was changed or removed since it was printed, or the PDF "
            "comes from another database."
        )
        return 1
    result, current = found
    what = (
        f"session {result.session_id}  {result.case_reference}  {format_date(result.session_date)}"
    )
    if not result.ok:
        print(f"MISMATCH  {what}: the record printed in {pdf} was changed: {result.problem}")
        return 1
    if current:
        print(f"ok        {what}: the database holds the record printed in {pdf}, unchanged "
              f"(fingerprint {printed}).")  # fmt: skip
    else:
        print(f"ok        {what}: the database holds the record printed in {pdf}, unchanged, "
              f"with addenda added since it was printed (now fingerprint {result.fingerprint}).")  # fmt: skip
    return 0


def _cmd_settings(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.domain import ValidationError

    _existing(db_path)
    database, store, _content = _open(db_path)
    try:
        try:
            if args.marking is not None:
                store.settings.set_protective_marking(args.marking)
            if args.late_days is not None:
                store.settings.set_late_entry_days(args.late_days)
        except ValidationError as exc:
            raise CliError(" ".join(exc.problems)) from None
        print(f"Protective marking: {store.settings.protective_marking()}")
        print(f"Late entry after: {store.settings.late_entry_days()} days")
    finally:
        database.close()
    return 0


def _cmd_import(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.exchange import RecordFileError, import_session_file, read_session_file
    from supervision_app.exchange_case import import_case_file, is_case_file, read_case_file

    try:  # check the file before touching (or creating) the database
        whole_case = is_case_file(args.file)
        (read_case_file if whole_case else read_session_file)(args.file)
    except RecordFileError as exc:
        raise CliError(str(exc)) from None
    database, store, _content = _open(db_path, create=True)
    try:
        if whole_case:
            message = f"Imported the whole case as case {import_case_file(store, args.file)}."
        else:
            case_id, session_id, created = import_session_file(store, args.file)
            where = "a new case" if created else "the existing case with that reference"
            message = f"Imported session {session_id} into {where} (case {case_id})."
    except RecordFileError as exc:
        raise CliError(str(exc)) from None
    finally:
        database.close()
    print(message)
    return 0


def _cmd_backup(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.storage.backup import BackupError, write_backup

    database, _store, _content = _open(db_path)
    try:
        write_backup(database, args.file)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    finally:
        database.close()
    print(f"Wrote an encrypted backup to {args.file}")
    return 0


def _cmd_restore(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.storage.backup import BackupError, restore_backup

    try:
        restore_backup(args.file, db_path, _passphrase())
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"Restored {db_path} from {args.file}")
    return 0


def _existing(db_path: Path) -> None:
    """Commands that read a database refuse a path where none exists, and create nothing."""
    if not db_path.exists():
        raise CliError(
            f"there is no database at {db_path}; nothing was created. Check the path given "
            "with --db (only the window, 'demo' and 'import' create a database)."
        )


def _new_recovery(db_path: Path, change, done: str) -> int:
    """Open with the passphrase, run ``change(database, passphrase)`` and print its new recovery key."""
    from supervision_app.storage import UnlockError
    from supervision_app.storage.security import RotationError

    _existing(db_path)
    passphrase = _passphrase()
    database, _store, _content = _open(db_path, passphrase)
    try:
        recovery = change(database, passphrase.text)
    except (RotationError, UnlockError) as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(
            f"cannot write the key file ({exc.strerror or exc}); nothing changed"
        ) from None
    finally:
        database.close()
    print(
        f"{done} New agency recovery key: {recovery}\n"
        "Store it somewhere safe (not on this computer); the old recovery key no longer opens "
        "the database (backups made before now still open with it). The passphrase is unchanged."
    )
    return 0


def _cmd_rotate_key(_args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.storage.security import rotate_key

    return _new_recovery(db_path, rotate_key, "The database is now encrypted under a new key.")


def _cmd_new_recovery_key(_args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.storage.security import new_recovery_key

    return _new_recovery(db_path, new_recovery_key, "The recovery key has been replaced.")


def _cmd_agency_keygen(args: argparse.Namespace, _db_path: Path) -> int:
    import json
    import os

    from supervision_app.storage.agency import AgencyKeyError, fingerprint, generate_key_pair
    from supervision_app.storage.agency import public_key_bytes as raw

    try:
        private_pem, public_pem = generate_key_pair(_agency_key_passphrase())
    except AgencyKeyError as exc:
        raise CliError(str(exc)) from None
    try:
        fd = os.open(args.private_key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CliError(f"{args.private_key} exists already; nothing was written") from None
    except OSError as exc:
        raise CliError(f"cannot write {args.private_key} ({exc.strerror or exc})") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(private_pem)
    print(
        "# recovery.toml for the agency's content pack. Private key written to "
        f"{args.private_key}:\n# keep it (and its passphrase) away from the laptops.\n"
        f"# Fingerprint: {fingerprint(raw(public_pem))}\n"
        "schema_version = 1\n"
        f"holder = {json.dumps(args.holder)}\n"
        + (f"contact = {json.dumps(args.contact)}\n" if args.contact else "")
        + f'public_key = """\n{public_pem.strip()}\n"""'
    )
    return 0


def _cmd_agency_reset(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.domain.passphrase import assess
    from supervision_app.storage.agency import (
        AgencyKeyError,
        load_private_key,
        unwrap_with_agency_key,
    )
    from supervision_app.storage.keys import KeyFileError, key_file_path, read_key_file
    from supervision_app.storage.security import set_passphrase

    _existing(db_path)
    try:
        pem = args.agency_key.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {args.agency_key} ({exc.strerror or exc})") from None
    try:
        private_key = load_private_key(pem, _agency_key_passphrase())
        rings = unwrap_with_agency_key(read_key_file(key_file_path(db_path)), private_key)
    except (AgencyKeyError, KeyFileError) as exc:
        raise CliError(str(exc)) from None
    new = _passphrase().text
    strength = assess(new)
    if not strength.acceptable:
        raise CliError(f"the new passphrase is too weak: {strength.advice} Nothing was changed.")
    for number, ring in enumerate(rings, 1):  # more than one only after an interrupted rotation
        try:
            database, _store, _content = _open(db_path, ring)
        except CliError:
            if number == len(rings):
                raise
            continue
        try:
            set_passphrase(database, new)
        finally:
            database.close()
        break
    print(
        f"{db_path} now opens with the new passphrase. Give it to the user in person and ask "
        "them to change it (Security › Change passphrase). The recovery key is unchanged."
    )
    return 0


_COMMANDS = {
    "rotate-key": _cmd_rotate_key,
    "new-recovery-key": _cmd_new_recovery_key,
    "agency-keygen": _cmd_agency_keygen,
    "agency-reset": _cmd_agency_reset,
    "demo": _cmd_demo,
    "list": _cmd_list,
    "export": _cmd_export,
    "import": _cmd_import,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "template": _cmd_template,
    "verify": _cmd_verify,
    "settings": _cmd_settings,
}


# -- the window ------------------------------------------------------------------


def _run_gui(db_path: Path, smoke_test: bool = False) -> int:
    from supervision_app.content import ContentError, load_content_with_packs

    try:
        content = load_content_with_packs()
    except ContentError as exc:
        from supervision_app.ui.app import show_startup_error

        return show_startup_error(f"The practice content could not be loaded.\n\n{exc}")
    from supervision_app.ui.app import run_gui

    # The smoke test runs unattended, so it unlocks (or creates) the database with the
    # scripted passphrase instead of the dialogs.
    credential = _passphrase() if smoke_test else None
    return run_gui(db_path, content, smoke_test=smoke_test, credential=credential)
