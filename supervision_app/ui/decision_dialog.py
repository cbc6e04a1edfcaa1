"""Add or edit a decision. A decision is only recorded together with its rationale."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from supervision_app.domain.validation import require_decision
from supervision_app.ui.form_dialog import FormDialog, labelled_form, raised_problems
from supervision_app.ui.widgets import accessible, text_label


@dataclass(frozen=True, slots=True)
class DecisionFields:
    text: str
    rationale: str


class DecisionDialog(FormDialog[DecisionFields]):
    """``save`` (optional) is called on OK; a :class:`ValidationError` it raises keeps the
    dialog open."""

    def __init__(
        self,
        parent: QWidget | None = None,
        initial: DecisionFields | None = None,
        save: Callable[[DecisionFields], object] | None = None,
    ) -> None:
        super().__init__(
            parent,
            save,
            object_name="decisionDialog",
            ok_object_name="decisionOkButton",
            buttons_object_name="decisionButtons",
        )
        self.setWindowTitle(self.tr("Edit decision") if initial else self.tr("Record a decision"))
        self.preferred_width = 560

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
        self.set_ok_text(self.tr("Save decision"))

        # -- layout
        form = labelled_form(
            (
                (self.tr("&Decision"), self.decision_edit),
                (self.tr("&Rationale"), self.rationale_edit),
            )
        )
        self.lay_out(self.intro, form, hints=[self.missing_label])

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

    def collect(self) -> DecisionFields:
        return self.fields()

    def validate(self, value: DecisionFields) -> list[str]:
        return raised_problems(require_decision, value.text, value.rationale)

    def fields_in_error(self, value: DecisionFields, problems: list[str]) -> list[QWidget]:
        blamed: list[QWidget] = [self.decision_edit] if not value.text else []
        return blamed + ([self.rationale_edit] if not value.rationale else [])

    @classmethod
    def get_decision(
        cls, parent: QWidget | None = None, initial: DecisionFields | None = None
    ) -> tuple[DecisionFields | None, bool]:
        return cls.run(parent, initial)
