"""Add or edit a decision. A decision is only recorded together with its rationale."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain import ValidationError
from supervision_app.domain.validation import require_decision
from supervision_app.storage import NotFoundError
from supervision_app.ui.widgets import (
    accessible,
    problems_box,
    set_primary,
    show_problems,
    text_label,
)


@dataclass(frozen=True, slots=True)
class DecisionFields:
    text: str
    rationale: str


class DecisionDialog(QDialog):
    """``save`` (optional) is called on OK; a :class:`ValidationError` it raises keeps the
    dialog open."""

    def __init__(
        self,
        parent: QWidget | None = None,
        initial: DecisionFields | None = None,
        save: Callable[[DecisionFields], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("decisionDialog")
        self._save = save
        self.setWindowTitle(self.tr("Edit decision") if initial else self.tr("Record a decision"))
        self.setMinimumWidth(560)

        # -- widgets
        self.intro = text_label(
            self.tr(
                "Write the decision and the reasoning behind it, so that anyone reading the "
                "record later can see why it was made."
            ),
            "secondary",
        )
        self.decision_edit = QPlainTextEdit()
        self.decision_edit.setObjectName("decisionEdit")
        self.decision_edit.setTabChangesFocus(True)
        self.decision_edit.setPlaceholderText(self.tr("What was decided?"))
        self.decision_edit.setMinimumHeight(80)
        accessible(self.decision_edit, self.tr("Decision"), self.tr("What was decided"))

        self.rationale_edit = QPlainTextEdit()
        self.rationale_edit.setObjectName("rationaleEdit")
        self.rationale_edit.setTabChangesFocus(True)
        self.rationale_edit.setPlaceholderText(
            self.tr("Why: the evidence, the risks weighed and the views taken into account.")
        )
        self.rationale_edit.setMinimumHeight(120)
        accessible(self.rationale_edit, self.tr("Rationale"), self.tr("Why the decision was made"))

        self.missing_label = text_label(
            self.tr("Both the decision and its rationale are needed before it can be saved."),
            "hint",
        )
        self.problems_frame, self.problems_label = problems_box()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("decisionButtons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save decision"))
        self.ok_button.setObjectName("decisionOkButton")
        accessible(self.ok_button, self.tr("Save decision"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        accessible(cancel, self.tr("Cancel"))
        set_primary(self.ok_button)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        # -- layout
        form = QFormLayout()
        form.setSpacing(10)
        decision_label = QLabel(self.tr("&Decision"))
        decision_label.setBuddy(self.decision_edit)
        rationale_label = QLabel(self.tr("&Rationale"))
        rationale_label.setBuddy(self.rationale_edit)
        form.addRow(decision_label, self.decision_edit)
        form.addRow(rationale_label, self.rationale_edit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.problems_frame)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.buttons)

        if initial is not None:
            self.decision_edit.setPlainText(initial.text)
            self.rationale_edit.setPlainText(initial.rationale)
        self.decision_edit.textChanged.connect(self._update_ok)
        self.rationale_edit.textChanged.connect(self._update_ok)
        self._update_ok()

    def fields(self) -> DecisionFields:
        return DecisionFields(
            self.decision_edit.toPlainText().strip(), self.rationale_edit.toPlainText().strip()
        )

    def _update_ok(self) -> None:
        fields = self.fields()
        complete = bool(fields.text and fields.rationale)
        self.ok_button.setEnabled(complete)
        self.missing_label.setVisible(not complete)

    def accept(self) -> None:
        fields = self.fields()
        try:
            require_decision(fields.text, fields.rationale)
            if self._save is not None:
                self._save(fields)
        except ValidationError as exc:
            show_problems(self.problems_frame, self.problems_label, exc.problems)
            return
        except NotFoundError as exc:
            show_problems(self.problems_frame, self.problems_label, [str(exc)])
            return
        super().accept()

    @classmethod
    def get_decision(
        cls, parent: QWidget | None = None, initial: DecisionFields | None = None
    ) -> tuple[DecisionFields | None, bool]:
        dialog = cls(parent, initial)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        value = dialog.fields() if accepted else None
        dialog.deleteLater()
        return value, accepted
