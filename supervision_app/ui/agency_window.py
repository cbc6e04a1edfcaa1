"""The window and the agency server: File > Connect to agency server…, the server's window
(title, status bar, laptop-only actions switched off, File > Open local records) and
autosave conflicts shown to the user.

Connecting opens a second window on the server and hides the laptop's window (its file stays
open and is locked as usual); File > Open local records closes the server's window and shows
the laptop's again. At the next start the app opens the laptop's file, as always: only the
server's URL (which never carries a password) is remembered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from supervision_app.content import Content
from supervision_app.storage import Database, DatabaseOpenError
from supervision_app.ui.elided_label import ElidedLabel
from supervision_app.ui.on_server import (
    laptop_only_tip,
    server_info,
    server_of,
    window_title,
)
from supervision_app.ui.settings import ui_settings
from supervision_app.ui.widgets import text_label

URL_KEY = "agency/url"
#: The Security menu's actions that only a file on this laptop has.
LAPTOP_ONLY = (
    "changePassphraseAction",
    "newRecoveryKeyAction",
    "rotateKeyAction",
    "backupAction",
    "restoreAction",
)
BuildWindow = Callable[..., Any]


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgencyWindow", text)


def install_agency(window, database: Database, content: Content, build: BuildWindow) -> None:
    """Add the agency server's menu items to a window built on ``database``."""
    window.bridge.conflict_found.connect(lambda conflict: _show_conflict(window, conflict))
    server = server_of(database)
    connect_action = QAction(_tr("Connect to agency server…"), window)
    connect_action.setObjectName("connectAgencyAction")
    connect_action.triggered.connect(lambda: connect_to_server(window, content, build))
    first = window.file_menu.actions()[0]
    window.file_menu.insertAction(first, connect_action)
    if server is None:
        window.file_menu.insertSeparator(first)
        return
    local = QAction(_tr("Open local records"), window)
    local.setObjectName("openLocalAction")
    local.triggered.connect(lambda: back_to_laptop(window))
    window.file_menu.insertAction(first, local)
    window.file_menu.insertSeparator(first)
    info = server_info(database)
    assert info is not None
    window.setWindowTitle(window_title(database))
    if server.target.weak_tls:  # first, so that a narrow window never hides it
        warning = text_label(_tr("Certificate not checked"), "agencyCertificateWarning", wrap=False)
        warning.setToolTip(_tr("The server's certificate is not checked (set by IT)"))
        warning.setAccessibleName(warning.toolTip())
        window.statusBar().addPermanentWidget(warning)
    label = ElidedLabel(  # a long address and login give way to the status messages
        _tr("Agency server {server} · login {login}").format(server=info.where, login=info.login),
        minimum=120,
        maximum=560,
    )
    label.setObjectName("agencyServerLabel")
    label.setAccessibleName(_tr("Agency server"))
    window.statusBar().addPermanentWidget(label)
    window.user_label.hide()  # "User: …" is the laptop's named user; here the login is shown
    window.when_empty_state_built(lambda page: page.show_on_server())
    who = window.actions.choose_user  # the laptop's "Who is using this computer…"
    who.setText(_tr("Who is signed in…"))
    tip = _tr("Your login is the name in the audit trail and on every signature")
    who.setStatusTip(tip)
    who.setToolTip(tip)
    _switch_off(
        window.record_settings_action,
        _tr(
            "On the agency server the protective marking and when an addendum is late are the "
            "agency's, set by IT for everyone."
        ),
    )
    _switch_off(
        window.actions.load_demo,
        _tr("The fictional demo case is not added to the agency's records on the server."),
    )
    window.when_empty_state_built(lambda page: page.demo_button.hide())
    menu = getattr(window, "security_menu", None)
    for action in menu.actions() if menu is not None else []:
        if action.objectName() in LAPTOP_ONLY:
            _switch_off(action, laptop_only_tip())


def _switch_off(action: QAction, why: str) -> None:
    """An action the server's window does not have: greyed, saying why (tooltip, status bar)."""
    action.setEnabled(False)
    action.setToolTip(why)
    action.setStatusTip(why)
    for holder in action.associatedObjects():
        if isinstance(holder, QMenu):  # a menu shows the reason when the item is pointed at
            holder.setToolTipsVisible(True)


def plain_problem(message: str) -> str:
    """What went wrong, in plain words first, the server's own words after."""
    low = message.lower()
    if "password" in low and ("fail" in low or "refused" in low):
        lead = _tr("The password was wrong, or this login may not use the server.")
    elif "no password" in low:
        lead = _tr("The server asks for a password: enter it and connect again.")
    elif "ssl" in low or "certificate" in low or "tls" in low:
        lead = _tr(
            "The secure connection (TLS) failed: the server's certificate could not be checked. "
            "Ask your agency's IT."
        )
    elif "not an agency server" in low or "server-init" in low:
        lead = _tr("This database has not been set up for the app (IT runs server-init first).")
    elif "upgrad" in low or "newer version" in low:
        lead = _tr("The server and this app are at different versions.")
    elif "url" in low or "password out of the url" in low:
        lead = _tr("The address is not right.")
    else:
        lead = _tr("The server could not be reached. Check the address and your network.")
    return lead + "\n\n" + message + "\n\n" + _tr("The records you had open stay open.")


def connect_to_server(window, content: Content, build: BuildWindow) -> None:
    from supervision_app.storage.postgres.backend import open_server
    from supervision_app.ui.agency_connect_dialog import AgencyConnectDialog

    settings = ui_settings()
    opened: list[Database] = []

    def attempt(url: str, password: str) -> str | None:
        try:
            opened.append(open_server(url, lambda _shown: password or None))
        except DatabaseOpenError as exc:
            return plain_problem(str(exc))
        backend = server_of(opened[-1])
        if backend is not None:  # the URL as connected, never a password
            settings.setValue(URL_KEY, backend.target.url.render_as_string(hide_password=True))
        return None

    dialog = AgencyConnectDialog(attempt, window, str(settings.value(URL_KEY, "") or ""))
    dialog.accepted.connect(lambda: open_window_on(window, opened[-1], content, build))
    dialog.open()


def open_window_on(old, database: Database, content: Content, build: BuildWindow) -> None:
    """Show a window on ``database`` in place of ``old``."""
    new = build(database, content, ask_agency_key=False)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(database.close)
    old.wait_for_saves(10.0)
    laptop = getattr(old, "laptop_window", None) or old
    new.laptop_window = laptop
    new.agency_database = database
    new.show()
    if laptop is old:
        old.hide()
    else:  # a server window replacing another: that one closes with its connection
        old.close()
    new.activateWindow()


def back_to_laptop(window) -> None:
    laptop = getattr(window, "laptop_window", None)
    if laptop is None:  # opened with --db postgresql://…: the laptop's file is not open
        QMessageBox.information(
            window,
            _tr("Open local records"),
            _tr(
                "This window was opened on the agency server from the command line. To open "
                "the records on this computer, start the app without --db."
            ),
        )
        return
    laptop.show()
    if not window.close():  # the server's window stays (unsaved text it could not save)
        laptop.hide()
        return
    database = getattr(window, "agency_database", None)
    if database is not None:
        database.close()
    laptop.activateWindow()


def _show_conflict(window, conflict) -> None:
    """The conflict view, loaded when a conflict first happens (seldom: not at start-up)."""
    from supervision_app.ui.answer_conflict import show_conflict

    show_conflict(window, conflict)
