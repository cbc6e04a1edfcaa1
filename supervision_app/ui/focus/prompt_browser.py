"""Browse or search the whole prompt library and add any prompt to today's agenda."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import Content
from supervision_app.ui.widgets import accessible, fit_to_screen, text_label

PROMPT_ROLE = Qt.ItemDataRole.UserRole + 1


class PromptBrowserDialog(QDialog):
    def __init__(
        self, content: Content, on_agenda: Collection[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promptBrowserDialog")
        self.setWindowTitle(self.tr("All prompts"))
        fit_to_screen(self, 820, 620)
        self._content = content
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("promptSearchField")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(self.tr("Search the prompts, their themes and stages"))
        accessible(self.search_edit, self.tr("Search the prompts"))
        self.list = QListWidget()
        self.list.setObjectName("promptList")
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setAlternatingRowColors(True)
        accessible(self.list, self.tr("Prompts"))
        self.count_label = text_label("", "secondary")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(
            self.tr("Add to today"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.add_button.setObjectName("addPromptsButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text_label(self.tr(
            "Every prompt of the library, by stage. Choose one or more and add them to today's "
            "agenda. Prompts already on the agenda are marked."), "secondary"))  # fmt: skip
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.buttons)
        self._fill(set(on_agenda))
        self.search_edit.textChanged.connect(self._filter)
        self.list.itemSelectionChanged.connect(self._update_button)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self._update_button()
        self._filter("")

    def _fill(self, on_agenda: set[str]) -> None:
        for stage in self._content.stages:
            for prompt in stage.prompts:
                themes = [
                    theme.title
                    for theme in getattr(self._content, "themes", ())
                    if theme.id in getattr(prompt, "themes", ())
                ]
                detail = " · ".join([stage.title, *themes])
                text = f"{prompt.text}\n{detail}"
                if prompt.id in on_agenda:
                    text += "\n" + self.tr("On today's agenda")
                item = QListWidgetItem(text)
                item.setData(PROMPT_ROLE, prompt.id)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ". "))
                if prompt.id in on_agenda:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.list.addItem(item)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        shown = 0
        for row in range(self.list.count()):
            item = self.list.item(row)
            hay = f"{item.text()} {item.data(PROMPT_ROLE)}".casefold()
            hidden = not all(word in hay for word in words)
            item.setHidden(hidden)
            shown += not hidden
        self.count_label.setText(
            self.tr("{shown} of {total} prompts").format(shown=shown, total=self.list.count())
        )

    def _update_button(self) -> None:
        self.add_button.setEnabled(bool(self.chosen()))

    def chosen(self) -> list[str]:
        return [
            item.data(PROMPT_ROLE)
            for item in self.list.selectedItems()
            if not item.isHidden()
        ]  # fmt: skip

    def choose(self, prompt_id: str) -> bool:
        """Select ``prompt_id`` (for the keyboard and for tests); False if it cannot be chosen."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(PROMPT_ROLE) == prompt_id and not item.isHidden():
                if not item.flags() & Qt.ItemFlag.ItemIsSelectable:
                    return False
                item.setSelected(True)
                self.list.scrollToItem(item)
                return True
        return False
