"""The window's settings and tools: who is using the computer, the record settings, verifying
signed records, the content packs and About."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from supervision_app.ui.on_server import identity_explained, server_info
from supervision_app.ui.window.host import WindowPart


class SettingsActions(WindowPart):
    def wire(self) -> None:
        w = self.window
        a = w.actions
        a.choose_user.triggered.connect(self.choose_user)
        w.session_view.signoff_page.user_named.connect(self.show_user)
        a.verify_records.triggered.connect(self.verify_records)

    def show_user(self) -> None:
        if server_info(self.window) is not None:  # the login is shown (agency_window)
            return
        user = self.window.store.settings.current_user()
        self.window.user_label.setText(
            QCoreApplication.translate("MainWindow", "User: {name}").format(name=user.display)
            if user
            else QCoreApplication.translate("MainWindow", "No user named")
        )

    def ask_who_is_using(self) -> None:
        """At the first run: ask once who is using this computer, unless someone is named."""
        if self.window.store.settings.current_user() is None:
            self.choose_user()

    def choose_user(self) -> None:
        from supervision_app.ui.user_dialog import UserDialog, UserFields

        server = server_info(self.window)
        if server is not None:  # the person is their login: no name typed here stands in
            box = QMessageBox(
                QMessageBox.Icon.Information,
                QCoreApplication.translate("MainWindow", "Who is signed in"),
                identity_explained(server),
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setObjectName("whoIsSignedInBox")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return
        store = self.window.store
        user = store.settings.current_user()
        self.open_dialog(
            UserDialog(
                self.window,
                UserFields(user.name, user.role) if user else None,
                lambda f: store.settings.set_current_user(f.name, f.role),
            ),
            self.show_user,
        )

    def edit_record_settings(self) -> None:
        from supervision_app.ui.record_settings_dialog import RecordSettings, RecordSettingsDialog

        store = self.window.store

        def save(value: RecordSettings) -> None:
            store.settings.set_protective_marking(value.marking)
            store.settings.set_late_entry_days(value.late_days)

        current = RecordSettings(store.settings.protective_marking(), store.settings.late_entry_days())
        self.open_dialog(
            RecordSettingsDialog(self.window, current, save),
            lambda: self.show_status(
                QCoreApplication.translate("MainWindow", "Record settings saved."), 5000
            ),
        )

    def verify_records(self) -> None:
        from supervision_app.ui.verify_dialog import VerifyDialog

        dialog = VerifyDialog(
            self.window.store.signing.verify_all(),
            self.window,
            on_server=server_info(self.window) is not None,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_content_packs(self) -> None:
        from supervision_app.ui.content_packs_dialog import ContentPacksDialog

        ContentPacksDialog.run(self.window, content=self.window.content)
