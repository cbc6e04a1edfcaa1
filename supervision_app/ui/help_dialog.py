"""In-app help about each framework, built from the same content files as the session."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from supervision_app.content import Content, Stage
from supervision_app.ui.widgets import accessible, fit_to_screen


def stage_help_html(content: Content, stage: Stage) -> str:
    """The help page of one stage: what it is, why it matters, its questions and sources.
    Every piece of content text is escaped."""
    parts = [f"<h2>{escape(stage.title)}</h2>", f"<p><b>{escape(stage.summary)}</b></p>"]
    if stage.why:
        parts.append(f"<p>{escape(stage.why)}</p>")
    if stage.sources:
        parts.append(f"<p><i>{escape(content.citations(stage.sources))}</i></p>")
    parts.append(
        "<h3>{}</h3><ol>".format(
            escape(QCoreApplication.translate("HelpDialog", "The questions in this stage"))
        )
    )
    for prompt in stage.prompts:
        parts.append(f"<li><p><b>{escape(prompt.text)}</b><br>{escape(prompt.why)}</p></li>")
    parts.append("</ol>")
    return "".join(parts)


class HelpDialog(QDialog):
    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("Help: the supervision frameworks"))
        self._content = content

        self.topics = QListWidget()
        self.topics.setObjectName("helpTopics")
        accessible(self.topics, self.tr("Help topics"), self.tr("Choose a stage to read about"))
        self.topics.setWordWrap(True)  # whole titles in a narrow window (200% text)
        self.topics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.topics.addItem(self.tr("Using the app"))
        for stage in content.stages:
            self.topics.addItem(stage.title)
        self.page = QTextBrowser()
        self.page.setObjectName("helpPage")
        self.page.setOpenExternalLinks(False)
        accessible(self.page, self.tr("Help text"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        accessible(close, self.tr("Close"))
        buttons.rejected.connect(self.reject)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.topics)
        splitter.addWidget(self.page)
        splitter.setSizes([240, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.topics.currentRowChanged.connect(self.show_topic)
        self.topics.setCurrentRow(0)
        fit_to_screen(self, 900, 640)

    def show_topic(self, row: int) -> None:
        if row <= 0:
            self.page.setHtml(self._using_html())
        else:
            self.page.setHtml(stage_help_html(self._content, self._content.stages[row - 1]))
        self.page.verticalScrollBar().setValue(0)

    def _using_html(self) -> str:
        lines = [
            self.tr("Create a case (Ctrl+N), then a session (Ctrl+Shift+N)."),
            self.tr(
                "Work through the stages in order or jump between them with Ctrl+PgDn and "
                "Ctrl+PgUp, or Alt+1 to Alt+9. Answers save themselves as you type."
            ),
            self.tr("Undo and redo your typing with Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y)."),
            self.tr("Make the prompts and answers larger with Ctrl+= and smaller with Ctrl+-."),
            self.tr(
                "Presentation mode (F11) hides the case list and enlarges the text for sharing "
                "the screen; press F11 or Esc to leave it."
            ),
            self.tr(
                "The session timer in the status bar shows the time used against the planned "
                "length and a share per stage. It never interrupts."
            ),
            self.tr("Record preview shows the record as it will print; Ctrl+E exports the PDF."),
            self.tr(
                "Appearance (Ctrl+,) sets the colour scheme, a reading font, larger text and "
                "wider line spacing for the prompts and answers."
            ),
            self.tr(
                "In a narrow window, or at 200% text on a laptop, the case list and the session "
                "take turns: F9 (View > Case list) switches between them, and the stages are in "
                "a drop-down at the top of the session."
            ),
        ]
        items = "".join(f"<li><p>{escape(line)}</p></li>" for line in lines)
        return f"<h2>{escape(self.tr('Using the app'))}</h2><ul>{items}</ul>"
