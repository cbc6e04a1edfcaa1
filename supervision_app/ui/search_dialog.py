"""Full-text search across every case and session; a result opens where it came from."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import Content
from supervision_app.domain import format_date
from supervision_app.domain.memory import SearchHit
from supervision_app.storage import SupervisionStore
from supervision_app.storage.memory_search import MARK_END, MARK_START
from supervision_app.ui.widgets import accessible, fit_to_screen, text_label

KIND_LABELS = {
    "answer": "Answer",
    "decision": "Decision",
    "action": "Action",
    "hypothesis": "Hypothesis",
    "event": "Chronology",
    "escalation": "Escalation",
}
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


def snippet_html(snippet: str) -> str:
    """The snippet escaped, with the matched words in bold."""
    escaped = html.escape(snippet.replace("\n", " "))
    return escaped.replace(MARK_START, "<b>").replace(MARK_END, "</b>")


class SearchDialog(QDialog):
    open_requested = Signal(object)  # SearchHit

    def __init__(self, store: SupervisionStore, content: Content, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.setWindowTitle(self.tr("Search all cases"))
        fit_to_screen(self, 760, 560)
        self.store, self.content = store, content
        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("searchField")
        self.query_edit.setPlaceholderText(
            self.tr("Words to find in answers, actions, decisions, hypotheses, the chronology…")
        )
        self.query_edit.setClearButtonEnabled(True)
        accessible(self.query_edit, self.tr("Search for"))
        for clear_button in self.query_edit.findChildren(QToolButton):  # the built-in clear (x)
            accessible(clear_button, self.tr("Clear the search"))
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        accessible(self.results, self.tr("Search results"), self.tr("Enter opens the result"))
        self.results.setSpacing(2)
        self.status = text_label("", "secondary")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(lambda _t: self._timer.start())
        self.query_edit.returnPressed.connect(self._open_first)
        self.results.itemActivated.connect(self._open_item)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    def run_search(self) -> list[SearchHit]:
        self._timer.stop()
        hits = self.store.memory.search(self.query_edit.text())
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem()
            item.setData(HIT_ROLE, hit)
            where = self._where(hit)
            plain = hit.snippet.replace(MARK_START, "").replace(MARK_END, "")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{where}: {plain}")
            label = QLabel(
                f"<div style='color:#44505C'>{html.escape(where)}</div>"
                f"<div>{snippet_html(hit.snippet)}</div>"
            )
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            label.setContentsMargins(8, 6, 8, 6)
            item.setSizeHint(label.sizeHint().grownBy(label.contentsMargins()))
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        if not self.query_edit.text().strip():
            self.status.setText("")
        elif hits:
            self.status.setText(self.tr("{n} result(s). Enter or double-click opens one.").format(n=len(hits)))  # fmt: skip
        else:
            self.status.setText(self.tr("Nothing found."))
        return hits

    def _where(self, hit: SearchHit) -> str:
        parts = [hit.case_reference]
        if hit.session_date is not None:
            parts.append(self.tr("session of {date}").format(date=format_date(hit.session_date)))
        kind = self.tr(KIND_LABELS.get(hit.kind, hit.kind))
        if hit.kind == "answer" and (prompt := self.content.prompt(hit.locator)) is not None:
            stage = self.content.stage(prompt.stage_id)
            kind = f"{stage.title if stage else ''}: {prompt.text}"
        elif hit.kind == "hypothesis" and hit.locator == "note":
            kind = self.tr("Hypothesis review")
        elif hit.kind == "escalation" and hit.locator == "step":
            kind = self.tr("Escalation stage")
        parts.append(kind)
        return " · ".join(parts)

    def _open_first(self) -> None:
        self.run_search()
        if self.results.count():
            self._open_item(self.results.item(0))

    def _open_item(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(item.data(HIT_ROLE))
