"""The "Record preview" page: the record as it will be exported, with PDF and JSON export.

The renderers (Jinja2, ReportLab) and the exchange module are imported only
when used, so that start-up stays light.
"""

from __future__ import annotations

import contextlib
import html
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QMenu,
    QMessageBox,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import Content
from supervision_app.domain import AuditEvent
from supervision_app.storage import NotFoundError
from supervision_app.ui.background import WorkCancelled, cancel_point, run_in_background
from supervision_app.ui.file_names import default_export_path
from supervision_app.ui.flow_layout import flow_row
from supervision_app.ui.settings import ui_settings
from supervision_app.ui.widgets import accessible, push_button, scroll_body, text_label

if TYPE_CHECKING:
    from supervision_app.storage import SupervisionStore

HTML_BESIDE_KEY = "export/html_beside_pdf"


class PreviewPage(QScrollArea):
    """Scrolls as a whole in a short window (200% text on a laptop), keeping the record
    readable rather than squeezing it."""

    status_message = Signal(str)

    def __init__(
        self, store: SupervisionStore, content: Content, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("previewPage")
        self._store = store
        self._content = content
        self._session_id: int | None = None
        #: Called before the record is read, so that typing still in the editors is committed first.
        self.before_read: Callable[[], object] = lambda: None
        #: Whether the user asked for the audit trail in the printed record.
        self.include_audit: Callable[[], bool] = lambda: False

        self.browser = QTextBrowser()
        self.browser.setObjectName("recordPreview")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        # Text wraps at the width (anywhere if need be); the record's 100%-wide tables would
        # otherwise show a pointless one-pixel scroll bar.
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        accessible(
            self.browser,
            self.tr("Record preview"),
            self.tr("The supervision record as it will appear when exported"),
        )
        self.export_pdf_button = push_button(
            self.tr("Export PDF…"), "exportPdfButton", self.tr("Export PDF"), primary=True
        )
        self.export_json_button = push_button(
            self.tr("Export JSON…"), "exportJsonButton", self.tr("Export JSON")
        )
        self.refresh_button = push_button(
            self.tr("Refresh"), "refreshPreviewButton", self.tr("Refresh preview")
        )
        self.print_button = push_button(self.tr("Print…"), "printButton", self.tr("Print"))
        self.print_preview_button = push_button(
            self.tr("Print preview…"), "printPreviewButton", self.tr("Print preview")
        )
        # The PDF has bookmarks but no tags (ReportLab cannot tag): a screen reader reads it as
        # one flat stream. The HTML record has headings, tables with captions and landmarks.
        self.html_beside_check = QCheckBox(self.tr("Also save the accessible HTML beside the PDF"))
        self.html_beside_check.setObjectName("htmlBesideCheck")
        why = self.tr(
            "For a screen reader: the PDF is read as one flat stream of text, the HTML record "
            "has headings and tables it can move through. It is not password protected."
        )
        self.html_beside_check.setToolTip(why)
        accessible(self.html_beside_check, self.html_beside_check.text(), why)
        self.html_beside_check.setChecked(
            bool(ui_settings().value(HTML_BESIDE_KEY, False, type=bool))
        )
        self.html_beside_check.toggled.connect(
            lambda on: ui_settings().setValue(HTML_BESIDE_KEY, on)
        )
        self.more_button = push_button(
            self.tr("More exports"), "moreExportsButton", self.tr("More exports")
        )
        menu = QMenu(self.more_button)
        menu.setObjectName("moreExportsMenu")
        self.extract_action = menu.addAction(self.tr("Extract for the child's file (PDF)…"))
        self.html_action = menu.addAction(self.tr("Accessible record (HTML)…"))
        self.protected_action = menu.addAction(self.tr("Password-protected PDF (AES-256)…"))
        self.more_button.setMenu(menu)
        self.extract_action.triggered.connect(self.export_extract)
        self.html_action.triggered.connect(self.export_html)
        self.protected_action.triggered.connect(self.export_protected_pdf)
        self.print_button.clicked.connect(self.print_record)
        self.print_preview_button.clicked.connect(self.preview_print)
        self.export_pdf_button.clicked.connect(self.export_pdf)
        self.export_json_button.clicked.connect(self.export_json)
        self.refresh_button.clicked.connect(self.refresh)

        titles = QVBoxLayout()
        titles.setSpacing(4)
        titles.addWidget(text_label(self.tr("After the discussion").upper(), "eyebrow"))
        titles.addWidget(text_label(self.tr("Record preview"), "pageTitle"))
        titles.addWidget(
            text_label(
                self.tr(
                    "The record exactly as it will be exported. "
                    "Check it together before you export."
                ),
                "stageSummary",
            )
        )
        buttons = flow_row(
            self.refresh_button,
            self.print_preview_button,
            self.print_button,
            self.more_button,
            self.export_json_button,
            self.export_pdf_button,
            right=True,
        )
        self.browser.setMinimumHeight(220)
        body = QWidget()
        scroll_body(body, self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(16)
        layout.addLayout(titles)
        layout.addWidget(buttons)
        layout.addWidget(self.html_beside_check, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.browser, 1)

    # -- showing --------------------------------------------------------------------

    def set_session(self, session_id: int | None) -> None:
        self._session_id = session_id
        self.browser.clear()
        enabled = session_id is not None
        for button in (
            self.export_pdf_button,
            self.export_json_button,
            self.refresh_button,
            self.print_button,
            self.print_preview_button,
            self.more_button,
        ):
            button.setEnabled(enabled)

    def refresh(self) -> None:
        record = self._record()
        if record is None:
            self.browser.clear()
            return
        try:
            from supervision_app.record.html import render_html

            markup = render_html(record)
        except ImportError:
            markup = self._message(self.tr("The record preview is not available in this version."))
        except Exception as exc:  # a renderer bug must not take the session down
            markup = self._message(
                self.tr("The record preview could not be shown ({error}).").format(
                    error=type(exc).__name__
                )
            )
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(markup)
        self.browser.verticalScrollBar().setValue(scroll)

    def preview_text(self) -> str:
        return self.browser.toPlainText()

    @staticmethod
    def _message(text: str) -> str:
        return f"<p style='margin:24px'>{html.escape(text)}</p>"

    def _record(self):
        """The full record (sign-offs, addenda, fingerprint), or None if the session is gone."""
        if self._session_id is None:
            return None
        self.before_read()
        from supervision_app.services.records import load_record

        try:
            return load_record(
                self._store, self._session_id, self._content, include_audit=self.include_audit()
            )
        except NotFoundError:
            return None

    def _prepare(self, kind):
        """The export of ``kind``, read from the store once; None if the session is gone."""
        if self._session_id is None:
            return None
        self.before_read()
        from supervision_app.services.export import prepare_export

        try:
            return prepare_export(
                self._store,
                self._content,
                self._session_id,
                kind,
                include_audit=self.include_audit(),
            )
        except NotFoundError:
            return None

    def _note(self, event: AuditEvent, detail: str) -> None:
        if self._session_id is not None:
            with contextlib.suppress(NotFoundError):
                self._store.audit.record_event(self._session_id, event, detail)

    # -- PDF --------------------------------------------------------------------------

    def export_pdf(self) -> None:
        prepared = self._prepare(_kind("PDF"))
        path = self._ask_path(
            prepared, "pdf", self.tr("Export the record as PDF"), self.tr("PDF files (*.pdf)")
        )
        if path is not None:
            self.export_pdf_to(path, prepared=prepared)

    def export_protected_pdf(self) -> None:
        from supervision_app.ui.password_dialog import PasswordDialog

        password, accepted = PasswordDialog.run(self)
        if not accepted or not password:
            return
        prepared = self._prepare(_kind("PDF"))
        path = self._ask_path(
            prepared, "pdf", self.tr("Export the protected PDF"), self.tr("PDF files (*.pdf)")
        )
        if path is not None:
            self.export_pdf_to(path, password=password, prepared=prepared)

    def export_extract(self) -> None:
        prepared = self._prepare(_kind("EXTRACT"))
        path = self._ask_path(
            prepared,
            "pdf",
            self.tr("Export the extract for the child's file"),
            self.tr("PDF files (*.pdf)"),
        )
        if path is not None:
            self.export_pdf_to(path, extract=True, prepared=prepared)

    def export_pdf_to(
        self, path: Path, *, extract: bool = False, password: str = "", prepared=None
    ) -> bool:
        """Write the PDF record (or extract) to ``path``; errors are shown. True on success.
        ``prepared``: the record already read (when the file dialog was shown first)."""
        from supervision_app.services.export import (
            ExportError,
            ExportKind,
            ProtectionRefused,
            note_export,
        )

        prepared = prepared or self._prepare(ExportKind.EXTRACT if extract else ExportKind.PDF)
        if prepared is None:
            return False
        stop = threading.Event()

        def work() -> None:  # plain data only: no database access off the GUI thread
            prepared.write(Path(path), password=password, progress=cancel_point(stop))

        try:
            run_in_background(self, work, self.tr("Writing the PDF…"), stop=stop)
        except WorkCancelled:
            self.status_message.emit(self.tr("PDF export cancelled; nothing was written."))
            return False
        except (ExportError, ProtectionRefused, OSError) as exc:
            self._warn(self.tr("The PDF could not be written.\n\n{error}").format(error=exc))
            return False
        note_export(self._store, prepared, protected=bool(password))
        beside = Path(path).with_suffix(".html")
        wanted = self.html_beside_check.isChecked() and not password and not extract
        if wanted and self.export_html_to(beside, replace(prepared, kind=ExportKind.HTML)):
            self.status_message.emit(
                self.tr("PDF saved to {path}, and the accessible HTML beside it: {html}")
                .format(path=path, html=beside)
            )  # fmt: skip
            return True
        self.status_message.emit(
            self.tr("PDF saved to {path}. For a screen reader, also export the accessible HTML "
                    "record (More exports): the PDF has bookmarks but no tags.").format(path=path)
        )  # fmt: skip
        return True

    # -- HTML -------------------------------------------------------------------------

    def export_html(self) -> None:
        prepared = self._prepare(_kind("HTML"))
        path = self._ask_path(
            prepared,
            "html",
            self.tr("Export the accessible record (HTML)"),
            self.tr("HTML files (*.html)"),
        )
        if path is not None:
            self.export_html_to(path, prepared)

    def export_html_to(self, path: Path, prepared=None) -> bool:
        """Write the accessible HTML record (``prepared``: the record already read, as for the
        HTML saved beside a PDF)."""
        from supervision_app.services.export import ExportError, ExportKind, note_export

        prepared = prepared or self._prepare(ExportKind.HTML)
        if prepared is None:
            return False
        try:
            prepared.write(Path(path))
        except (ExportError, OSError) as exc:
            self._warn(self.tr("The HTML file could not be written.\n\n{error}").format(error=exc))
            return False
        note_export(self._store, prepared, protected=False)
        self.status_message.emit(self.tr("HTML record saved to {path}").format(path=path))
        return True

    # -- printing ---------------------------------------------------------------------

    def record_pdf(self) -> tuple[bytes, str] | None:
        """The PDF bytes of the record (in memory) and a document name without note text."""
        record = self._record()
        if record is None:
            return None
        from supervision_app.record.pdf import render_pdf

        return render_pdf(record), f"Supervision record {record.case_reference}"

    def print_record(self) -> bool:
        return self._print(preview=False)

    def preview_print(self) -> bool:
        return self._print(preview=True)

    def _print(self, preview: bool) -> bool:
        from supervision_app.ui.printing import PrintError, preview_pdf, print_pdf

        record = self._record()
        if record is None:
            return False
        title = f"Supervision record {record.case_reference}"

        def data(progress) -> bytes:  # laid out on the print worker: plain data only
            from supervision_app.record.pdf import render_pdf  # ReportLab: a second to import

            return render_pdf(record, progress=progress)

        try:
            printed = preview_pdf(self, data, title) if preview else print_pdf(self, data, title)
        except PrintError as exc:
            self._warn(str(exc), self.tr("Printing failed"))
            return False
        if printed is None:
            return False
        from supervision_app.print_job import pages_text

        pages = pages_text(printed.pages)
        copies = f", {printed.copies} copies" if printed.copies > 1 else ""
        self._note(AuditEvent.PRINTED, f"pages {pages} of {printed.total}{copies}")
        if printed.copies > 1:
            message = self.tr("Sent to {printer}: pages {pages} of {total}, {copies} copies.")
        else:
            message = self.tr("Sent to {printer}: pages {pages} of {total}.")
        values = {"pages": pages, "total": printed.total, "copies": printed.copies}
        self.status_message.emit(message.format(printer=printed.destination, **values))
        return True

    # -- JSON -------------------------------------------------------------------------

    def export_json(self) -> None:
        prepared = self._prepare(_kind("JSON"))
        path = self._ask_path(
            prepared,
            "json",
            self.tr("Export the record file (JSON)"),
            self.tr("Record files (*.json)"),
        )
        if path is not None:
            self.export_json_to(path, prepared)

    def export_json_to(self, path: Path, prepared=None) -> bool:
        from supervision_app.services.export import ExportError, ExportKind, note_export

        prepared = prepared or self._prepare(ExportKind.JSON)
        if prepared is None:
            return False
        try:
            prepared.write(Path(path))
        except (ExportError, OSError) as exc:
            self._warn(
                self.tr("The record file could not be written.\n\n{error}").format(error=exc)
            )
            return False
        note_export(self._store, prepared, protected=False)
        self.status_message.emit(self.tr("Record file saved to {path}").format(path=path))
        return True

    # -- helpers ------------------------------------------------------------------------

    def _ask_path(self, prepared, suffix: str, caption: str, file_filter: str) -> Path | None:
        """The file to write, named after the case and the session's date by default."""
        if prepared is None:  # the session is gone
            return None
        suggested = default_export_path(prepared.case_reference, prepared.session_date, suffix)
        chosen, _filter = QFileDialog.getSaveFileName(self, caption, str(suggested), file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != f".{suffix}":
            path = path.with_name(path.name + f".{suffix}")
        return path

    def _warn(self, text: str, title: str = "") -> None:
        QMessageBox.warning(self, title or self.tr("Export failed"), text)


def _kind(name: str):
    """The export kind ``name`` (the services' module is imported when first exporting)."""
    from supervision_app.services.export import ExportKind

    return ExportKind[name]
