"""The record commands: demo, list, export, import, template, verify and settings."""

from __future__ import annotations

import argparse
from pathlib import Path

from supervision_app.cli.errors import CliError
from supervision_app.cli.opening import content, existing, opened
from supervision_app.cli.secrets import pdf_password
from supervision_app.domain import ValidationError, format_date


def cmd_demo(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.services.demo import DemoDataError, load_demo

    with opened(args, db_path, create=True) as open_:
        try:
            loaded = load_demo(open_.store, open_.content)
        except DemoDataError as exc:
            raise CliError(str(exc)) from None
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


def cmd_list(args: argparse.Namespace, db_path: Path) -> int:
    with opened(args, db_path) as open_:
        store = open_.store
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
    return 0


def cmd_export(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.services.export import (
        ExportError,
        ExportKind,
        ProtectionRefused,
        note_export,
        prepare_export,
    )
    from supervision_app.storage import NotFoundError

    if not args.session_id.isdecimal():
        raise CliError(
            f"the session id must be a number, not {args.session_id!r}; "
            "'supervision-app list' shows the ids"
        )
    session_id = int(args.session_id)
    kind, path = next(
        (kind, getattr(args, name))
        for name, kind in (
            ("json", ExportKind.JSON),
            ("html", ExportKind.HTML),
            ("extract", ExportKind.EXTRACT),
            ("pdf", ExportKind.PDF),
        )
        if getattr(args, name)
    )
    protect = bool(args.protect) and kind.is_pdf
    with opened(args, db_path) as open_:
        try:  # the record is read once, and a missing session refused before any password
            prepared = prepare_export(
                open_.store, open_.content, session_id, kind, include_audit=args.audit
            )
            password = pdf_password() if protect else ""
            prepared.write(path, password=password)
        except NotFoundError:
            raise CliError(
                f"there is no session {session_id}; 'supervision-app list' shows the ids"
            ) from None
        except ProtectionRefused as exc:
            raise CliError(f"{exc} Nothing was written.") from None
        except ExportError as exc:
            if kind is ExportKind.HTML:
                raise CliError(f"cannot write {exc.path}: {exc.reason}") from None
            raise CliError(str(exc)) from None
        note_export(open_.store, prepared, protected=bool(password))
    if kind is ExportKind.JSON:
        print(f"Wrote the record file to {path}")
    elif kind is ExportKind.HTML:
        print(f"Wrote the HTML record to {path}")
    else:
        what = "extract" if kind is ExportKind.EXTRACT else "PDF record"
        print(f"Wrote the {what} to {path}")
        print(
            f"For a screen reader, write the accessible HTML record beside it "
            f"(export {session_id} --html FILE): the PDF has bookmarks but no tags, and "
            "the HTML record has headings and tables a screen reader can move through."
        )
    return 0


def cmd_template(args: argparse.Namespace, _db_path: Path) -> int:
    """A blank form needs no records: no database is opened, or created, and no passphrase
    is asked for."""
    from supervision_app.record.build import DEFAULT_MARKING
    from supervision_app.record.pdf import RecordExportError, write_bytes
    from supervision_app.record.pdf.documents import render_template

    practice = content()
    marking = " ".join((args.marking or practice.marking or DEFAULT_MARKING).split())
    if not marking:
        raise CliError("--marking: give the protective marking, for example OFFICIAL-SENSITIVE")
    try:
        write_bytes(render_template(practice, marking), args.pdf)
    except RecordExportError as exc:
        raise CliError(str(exc)) from None
    print(f"Wrote the blank paper template to {args.pdf} (marked {marking})")
    return 0


def cmd_verify(args: argparse.Namespace, db_path: Path) -> int:
    if getattr(args, "pdf", None):
        return _verify_pdf(args, args.pdf, db_path)
    with opened(args, db_path) as open_:
        results = open_.store.signing.verify_all()
    bad = [r for r in results if not r.ok]
    signed = [r for r in results if r.ok and r.fingerprint]
    for r in signed:
        print(
            f"ok        session {r.session_id}  {r.case_reference}  {format_date(r.session_date)}  fingerprint {r.fingerprint}"
        )
    for r in bad:
        what = f"session {r.session_id}" if r.session_id else "audit trail"
        print(f"MISMATCH  {what}  {r.case_reference}  {format_date(r.session_date)}: {r.problem}")
    print(
        f"{len(signed)} signed record(s) match their chain; {len(bad)} problem(s) found; "
        f"{len(results) - len(signed) - len(bad)} unsigned."
    )
    return 1 if bad else 0


def _verify_pdf(args: argparse.Namespace, pdf: Path, db_path: Path) -> int:
    """Read the fingerprint printed on a filed PDF record and check the database still holds
    that record unchanged (the paper is the anchor nobody with the passphrase can rewrite)."""
    from supervision_app.record.fingerprint_reader import PdfFingerprintError, printed_fingerprint

    try:
        printed = printed_fingerprint(pdf)
    except PdfFingerprintError as exc:
        raise CliError(str(exc)) from None
    with opened(args, db_path) as open_:
        found = open_.store.signing.find_fingerprint(printed)
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


def cmd_settings(args: argparse.Namespace, db_path: Path) -> int:
    existing(db_path)
    with opened(args, db_path) as open_:
        store = open_.store
        try:
            if args.marking is not None:
                store.settings.set_protective_marking(args.marking)
            if args.late_days is not None:
                store.settings.set_late_entry_days(args.late_days)
        except ValidationError as exc:
            raise CliError(" ".join(exc.problems)) from None
        print(f"Protective marking: {store.settings.protective_marking()}")
        print(f"Late entry after: {store.settings.late_entry_days()} days")
    return 0


def cmd_import(args: argparse.Namespace, db_path: Path) -> int:
    from supervision_app.services.record_files import (
        RecordFileError,
        check_record_file,
        import_record_file,
    )

    try:  # check the file before touching (or creating) the database
        check_record_file(args.file)
    except RecordFileError as exc:
        raise CliError(str(exc)) from None
    with opened(args, db_path, create=True) as open_:
        try:
            result = import_record_file(open_.store, args.file)
        except RecordFileError as exc:
            raise CliError(str(exc)) from None
    if result.whole_case:
        message = f"Imported the whole case as case {result.case_id}."
    else:
        where = "a new case" if result.case_created else "the existing case with that reference"
        message = f"Imported session {result.session_id} into {where} (case {result.case_id})."
    print(message)
    return 0
