"""Start the window: the QApplication, the database and the main window."""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from supervision_app import APP_NAME, APP_ORG, __version__
from supervision_app.paths import resource_path
from supervision_app.storage import Database, DatabaseOpenError
from supervision_app.ui.first_screen import ContentUnavailable, PracticeContent, after_first_paint

if TYPE_CHECKING:
    from collections.abc import Callable

    from supervision_app.content import Content
    from supervision_app.storage import SupervisionStore
    from supervision_app.ui.error_report import ErrorReport

EXIT_CANNOT_OPEN = 2
_ICON_SET = "supervisionWindowIconSet"  # an application property: the icon has been set


def _application(*, first_screen: bool = False) -> QApplication:
    """The QApplication, named, translated and in the user's scheme. With ``first_screen``
    (``run_gui``) two things wait for that screen's paint (:func:`finish_first_screen`): the
    window icon, and asking the system for its colour scheme; until then a scheme that follows
    the system is the one it had at the last start (``appearance.remembered_system_dark``)."""
    from supervision_app.ui.theme import new_application

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else new_application(sys.argv[:1])
    app.setOrganizationName(APP_ORG)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("supervision-app")
    from supervision_app.ui.translations import install_translators

    install_translators(app)
    # The wheel guard (``ui/wheel_guard.py``) is installed after the first screen's paint or
    # with the main window: neither first screen has a box the wheel could change, and its
    # Qt classes cost 20-50 ms before that screen.
    if not first_screen:
        set_window_icon(app)
    # The saved scheme (high contrast, dark) from the first screen on: the passphrase and
    # unlock dialogs come before the main window.
    from supervision_app.ui.appearance import (
        apply_appearance,
        load_appearance,
        remembered_system_dark,
    )

    system_dark = remembered_system_dark() if first_screen else None
    apply_appearance(app, load_appearance(), system_dark=system_dark)
    return app


def finish_first_screen(app: QApplication) -> None:
    """What waits for the first screen's paint (or, with no first screen, for the window):
    PySide6's Qt namespace (``ui/qt_namespace.py``), the window icon, and the system's colour
    scheme, asked now: if it changed since the last start, the screen takes it at once."""
    from supervision_app.ui import qt_namespace
    from supervision_app.ui.appearance import follow_system_scheme

    qt_namespace.make()
    set_window_icon(app)
    follow_system_scheme(app)


def set_window_icon(app: QApplication) -> None:
    """The app's icon on every window, once. It is an SVG, so Qt loads its SVG icon engine
    (and on X11 draws the icon at several sizes when a window appears): the first screen is
    painted without it and has it a moment later; the taskbar or dock shows the installed
    icon meanwhile (the desktop file, or on Windows the program's own icon)."""
    if app.property(_ICON_SET):
        return
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resource_path("icons", "supervision-app.svg"))))
    app.setProperty(_ICON_SET, True)


def show_startup_error(message: str) -> int:
    """Show a message instead of a traceback when the app cannot start."""
    from PySide6.QtWidgets import QMessageBox

    _application()
    QMessageBox.critical(
        None, QCoreApplication.translate("App", "{app} cannot start").format(app=APP_NAME), message
    )
    return EXIT_CANNOT_OPEN


def run_gui(
    db_path: Path,
    content: Content | Callable[[], Content],
    smoke_test: bool = False,
    credential=None,
) -> int:
    """Open the window. With ``smoke_test`` the window closes itself once the event loop has
    shown it, and the time from start-up to a shown window is printed (no note text).
    A ``credential`` (scripted use only) opens or creates the database without dialogs.
    ``content`` given as a function is loaded once the first screen has been painted
    (``ui/first_screen.py``), or after the unlock when there is no such screen."""
    started = time.perf_counter()
    app = _application(first_screen=True)
    from supervision_app.ui.error_report import ErrorReport

    errors = ErrorReport().install()
    try:
        return _run_gui(app, errors, db_path, content, smoke_test, credential, started)
    finally:
        errors.uninstall()


def _run_gui(
    app: QApplication,
    errors: ErrorReport,
    db_path: Path,
    content: Content | Callable[[], Content],
    smoke_test: bool,
    credential,
    started: float,
) -> int:
    from supervision_app.services.opening import OpenCancelled, open_store, with_credential
    from supervision_app.ui.single_instance import bring_first_instance_forward
    from supervision_app.ui.startup import open_interactively

    if bring_first_instance_forward(Path(db_path)):
        print("The app already has this database open; its window was brought to the front.")
        return 0
    practice = PracticeContent(content)

    def unlock(path: Path, new: bool) -> Database | None:
        watching: list[_AfterFirstPaint] = []

        def painted() -> None:
            finish_first_screen(app)
            after_first_paint(practice)

        def first_screen(dialog: QWidget) -> None:
            watching.append(_AfterFirstPaint(dialog, painted))

        try:
            return open_interactively(path, first_screen=first_screen)
        finally:
            for loader in watching:
                loader.cancel()

    opening = open_store(
        Path(db_path),
        with_credential(credential) if credential is not None else unlock,
        create=True,
        content=practice.result,
    )
    with contextlib.ExitStack() as stack:
        try:
            opened = stack.enter_context(opening)
        except DatabaseOpenError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(
                None, QCoreApplication.translate("App", "The database cannot be opened"), str(exc)
            )
            return EXIT_CANNOT_OPEN
        except ContentUnavailable as exc:  # found after the unlock (the database is closed)
            return _content_error(str(exc))
        except OpenCancelled:  # the user cancelled before anything was created or unlocked
            if practice.error is not None:  # or the first screen was closed for this
                return _content_error(practice.error)
            return 0
        database = opened.database
        errors.database = database
        finish_first_screen(app)  # without a first screen (a scripted passphrase): now
        from supervision_app.ui.page_check_notice import PageCheckNotice, damage_found, show_damage

        try:
            window = build_window(database, opened.content, ask_agency_key=not smoke_test)
        except Exception:  # a damaged page read for the first screen: say what the check found
            message = damage_found(database)
            if message is None:
                raise
            show_damage(None, message)
            return EXIT_CANNOT_OPEN
        PageCheckNotice(window, database)  # kept by the window (its parent)
        window.show()
        if not smoke_test:
            after_first_unlock(window, database)
        if smoke_test:
            QTimer.singleShot(0, lambda: _end_smoke_test(window, started))
        return app.exec()


def _content_error(message: str) -> int:
    return show_startup_error(f"The practice content could not be loaded.\n\n{message}")


def run_gui_on_database(database: Database, content: Content) -> int:
    """The window on a database opened already (the agency server, from the command line);
    it is closed when the window's event loop ends."""
    app = _application()
    from supervision_app.ui.error_report import ErrorReport

    errors = ErrorReport(database).install()
    try:
        window = build_window(database, content, ask_agency_key=False)
        window.show()
        return app.exec()
    finally:
        errors.uninstall()
        database.close()


class _AfterFirstPaint(QObject):
    """Runs ``callback`` once, just after the first paint of ``window`` (the first screen),
    so that work started for later (the content, the preload) does not hold the GIL while
    that screen is being built and painted.

    It watches that window's own events only. An application-wide filter written in Python
    would be handed every object Qt creates while the screen is built, and PySide6 makes a
    Python class (with all its enums) for each new kind of object it hands over: about 40 ms
    before the unlock dialog could be painted, for nothing it shows."""

    def __init__(self, window: QWidget, callback) -> None:
        super().__init__()
        self._window, self._callback, self._done = window, callback, False
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt override
        if not self._done and event.type() == QEvent.Type.Paint:
            self.cancel()
            QTimer.singleShot(0, self._callback)
        return False

    def cancel(self) -> None:
        if not self._done:
            self._done = True
            with contextlib.suppress(RuntimeError):  # the window may be deleted already
                self._window.removeEventFilter(self)


def build_window(database: Database, content: Content, ask_agency_key: bool = True):
    """The main window on an unlocked database, with locking and the Security menu."""
    from supervision_app.storage.sqlite.first_paint import FirstPaintStore, first_paint_store
    from supervision_app.ui.lock_controller import LockController
    from supervision_app.ui.main_window import MainWindow
    from supervision_app.ui.security_menu import install_security_menu
    from supervision_app.ui.single_instance import InstanceServer

    if ask_agency_key:  # the unattended smoke test never waits on a question (nor adds the key)
        _apply_agency_key(database, content)
    store = first_paint_store(database)
    # A FirstPaintStore stands in for the store (its parts and methods are the store's).
    window = MainWindow(cast("SupervisionStore", store), content, database.path)
    if isinstance(store, FirstPaintStore):  # the first screen came from plain SQL: ORM after it
        window.first_painted.connect(lambda: QTimer.singleShot(0, store.load))
    window.lock_controller = LockController(window, database)
    install_security_menu(window, window.lock_controller)
    window.instance_server = InstanceServer(window, database.path)
    from supervision_app.ui.agency_window import install_agency

    install_agency(window, database, content, build_window)
    return window


def _apply_agency_key(database: Database, content: Content, parent=None) -> bool:
    """Add a content pack's agency recovery key to the key file only if the user accepts it,
    after seeing the pack's name and the key's fingerprint. True when it was added."""
    if content.agency_recovery is None:  # no pack names one (most installs): nothing to ask,
        return False  # and the key modules (with SQLAlchemy) are not imported before the paint
    from supervision_app.services.opening import AgencyKey, add_agency_key

    outcome = add_agency_key(
        database, content.agency_recovery, lambda agency: ask_agency_consent(parent, agency)
    )
    if outcome.result is AgencyKey.FAILED:  # the key file could not be written: the old one works
        logging.getLogger(__name__).warning(
            "agency recovery key not applied: %s", type(outcome.error).__name__
        )
    return outcome.result is AgencyKey.ADDED


def ask_agency_consent(parent, agency) -> bool:
    """The window's question: the pack, who holds the key, and the fingerprint to compare."""
    from PySide6.QtWidgets import QMessageBox

    from supervision_app.storage.agency import fingerprint

    box = QMessageBox(parent)
    box.setObjectName("agencyConsent")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("AgencyConsent", "Add an agency recovery key?"))
    box.setText(
        QCoreApplication.translate(
            "AgencyConsent",
            "The content pack \u201c{pack}\u201d asks to add an agency recovery key held by {holder}.",
        ).format(pack=agency.pack, holder=agency.holder)
    )
    contact = (
        QCoreApplication.translate("AgencyConsent", "Contact: {contact}").format(
            contact=agency.contact
        )
        if agency.contact
        else ""
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "AgencyConsent",
            "Whoever holds this key's private half can open these records and reset the passphrase. Add it only if your agency's IT told you to and the fingerprint below matches the one they gave you.\n\nFingerprint: {fingerprint}\n{contact}",
        ).format(fingerprint=fingerprint(agency.public_key), contact=contact)
    )
    add = box.addButton(
        QCoreApplication.translate("AgencyConsent", "Add the key"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    later = box.addButton(
        QCoreApplication.translate("AgencyConsent", "Not now"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(later)
    box.exec()
    return box.clickedButton() is add


def _end_smoke_test(window: QWidget, started: float) -> None:
    seconds = time.perf_counter() - started
    print(f"smoke test: window shown {seconds:.2f} s after start-up; closing", flush=True)
    window.close()


def after_first_unlock(window, database: Database) -> None:
    """The first run's last step: the passphrase was chosen and the recovery key stored, so
    ask who is using this computer (for the audit trail). The welcome itself was the
    passphrase screen; the empty screen's card then offers the demo case."""
    if database.new_recovery_key is not None:  # the database was created in this start
        window.settings_actions.ask_who_is_using()
