"""Cases and sessions from the window's menus: create, edit and delete them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from supervision_app.domain import LockedSessionError, format_date
from supervision_app.storage import NotFoundError
from supervision_app.ui.on_server import kept_where, removed_from, server_info
from supervision_app.ui.window.host import WindowPart

if TYPE_CHECKING:
    from supervision_app.ui.case_overview import CaseOverview


class CaseActions(WindowPart):
    def wire(self) -> None:
        w = self.window
        a = w.actions
        a.new_case.triggered.connect(w.new_case)
        a.edit_case.triggered.connect(self.edit_case)
        a.delete_case.triggered.connect(self.delete_case)
        a.new_session.triggered.connect(self.new_session)
        a.edit_session.triggered.connect(self.edit_session)
        a.delete_session.triggered.connect(self.delete_session)
        w.when_empty_state_built(lambda page: page.create_case_requested.connect(w.new_case))
        w.when_case_overview_built(self._wire_overview)

    def _wire_overview(self, overview: CaseOverview) -> None:
        overview.new_session_requested.connect(self.new_session)
        overview.edit_case_requested.connect(self.edit_case)

    def edit_session(self) -> None:
        view = self.window.built_session_view  # a session is open only if the view was built
        if view is not None:
            view.edit_details()

    def new_case(self) -> None:
        created: dict[str, int] = {}

        def save(case) -> None:
            created["id"] = self.window.store.cases.create_case(case)

        self.open_dialog(
            _case_dialog()(self.window, None, save, where=self._kept_where()),
            lambda: self._case_saved(
                created.get("id"), QCoreApplication.translate("MainWindow", "Case created.")
            ),
        )

    def edit_case(self) -> None:
        w = self.window
        case_id, _session_id = w.case_tree.current_ids()
        if case_id is None:
            return
        try:
            initial = w.store.cases.get_case(case_id)
        except NotFoundError:
            w.reload_cases()
            return
        self.open_dialog(
            _case_dialog()(
                w,
                initial,
                lambda case: w.store.cases.update_case(case_id, case),
                where=self._kept_where(),
            ),
            lambda: self._case_saved(
                case_id, QCoreApplication.translate("MainWindow", "Case details saved.")
            ),
        )

    def _case_saved(self, case_id: int | None, message: str) -> None:
        w = self.window
        _case, session_id = w.case_tree.current_ids()
        view = w.built_session_view
        if session_id is not None and view is not None and view.session_id == session_id:
            view.load_session(session_id)  # the header shows case details
        w.reload_cases(
            select_case=case_id if session_id is None else None, select_session=session_id
        )
        self.show_status(message, 6000)

    def new_session(self) -> None:
        w = self.window
        case_id, _session_id = w.case_tree.current_ids()
        if case_id is None:
            return
        try:
            case = w.store.cases.get_case(case_id)
        except NotFoundError:
            w.reload_cases()
            return
        created: dict[str, int] = {}

        def save(fields) -> None:
            created["id"] = w.store.sessions.create_session(
                case_id, fields.date, fields.attendees, w.content.version
            )

        self.open_dialog(
            _session_dialog()(w, case, None, save),
            lambda: w.session_created(created.get("id")),
        )

    def session_created(self, session_id: int | None) -> None:
        w = self.window
        w.reload_cases(select_session=session_id)
        if session_id is not None:
            w.session_view.go_to_page(0, scroll_top=True)
            w.session_view.focus.today.check_in.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_status(
            QCoreApplication.translate(
                "MainWindow", "Session started. Answers are saved as you type."
            ),
            6000,
        )

    def delete_session(self) -> None:
        w = self.window
        case_id, session_id = w.case_tree.current_ids()
        view = w.built_session_view
        detail = view.detail if view is not None else None
        if session_id is None or detail is None:
            return
        server = server_info(w)
        if server is None:
            text = QCoreApplication.translate(
                "MainWindow",
                "Delete the session of {date} for case {reference}?\n\n"
                "Its answers, decisions and actions "
                "will be removed from this computer. This cannot be undone.",
            )
        else:
            text = QCoreApplication.translate(
                "MainWindow",
                "Delete the session of {date} for case {reference}?\n\n"
                "Its answers, decisions and actions {removed}",
            )
        text = text.format(
            date=format_date(detail.date),
            reference=detail.case.reference,
            removed=removed_from(server) if server else "",
        )
        title = QCoreApplication.translate("MainWindow", "Delete session")
        if not self.confirm_delete(title, text):
            return
        self._delete(
            title,
            lambda: w.store.sessions.delete_session(session_id),
            case_id,
            QCoreApplication.translate("MainWindow", "Session deleted."),
        )

    def delete_case(self) -> None:
        w = self.window
        case_id, _session_id = w.case_tree.current_ids()
        if case_id is None:
            return
        try:
            case = w.store.cases.get_case(case_id)
        except NotFoundError:
            w.reload_cases()
            return
        count = w.store.sessions.count_sessions(case_id)
        server = server_info(w)
        if server is None:
            text = QCoreApplication.translate(
                "MainWindow",
                "Delete case {reference} and its {n} session(s)?\n\nEverything recorded for "
                "this case will be removed from this computer. This cannot be undone.",
            )
        else:
            text = QCoreApplication.translate(
                "MainWindow",
                "Delete case {reference} and its {n} session(s)?\n\nEverything recorded for "
                "this case {removed}",
            )
        text = text.format(
            reference=case.reference, n=count, removed=removed_from(server) if server else ""
        )
        title = QCoreApplication.translate("MainWindow", "Delete case")
        if not self.confirm_delete(title, text):
            return
        self._delete(
            title,
            lambda: w.store.cases.delete_case(case_id),
            -1,
            QCoreApplication.translate("MainWindow", "Case deleted."),
        )

    def _delete(
        self, title: str, remove: Callable[[], None], select_case: int | None, done: str
    ) -> None:
        """Delete (a signed session refuses, with its reason), then show the list without it."""
        w = self.window
        try:
            remove()
        except LockedSessionError as exc:
            self.warn(title, str(exc))
            return
        except NotFoundError:  # already gone
            pass
        w.close_session()
        w.reload_cases(select_case=select_case)
        self.show_status(done, 6000)

    def _kept_where(self) -> str | None:
        server = server_info(self.window)
        return kept_where(server) if server is not None else None

    def confirm_delete(self, title: str, text: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, self.window
        )
        delete = box.addButton(
            QCoreApplication.translate("MainWindow", "Delete"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is delete


def _session_dialog():
    """The session dialog's class, imported when a session is first started (not while the
    window starts)."""
    from supervision_app.ui.session_dialog import SessionDialog

    return SessionDialog


def _case_dialog():
    """The case dialog's class, imported when a case is first created or edited (not while
    the window starts)."""
    from supervision_app.ui.case_dialog import CaseDialog

    return CaseDialog
