"""The session view's header: the case reference, date and people, the lock banner and the
header's buttons (session plan drop-down, Case so far, Add addendum, explanations, details).

Layout only; :class:`~supervision_app.ui.session_view.SessionView` wires the buttons. The
texts keep the "SessionView" translation context they have always had.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from supervision_app.domain import SessionDetail, format_date
from supervision_app.ui.flow_layout import flow_row
from supervision_app.ui.settings import ui_settings
from supervision_app.ui.widgets import accessible, push_button, text_label


class SessionHeader(QWidget):
    def __init__(self, stage_picker: QWidget) -> None:
        super().__init__()
        self.setObjectName("sessionHeader")
        self.case_label = text_label("", "sessionCaseRef", wrap=False, selectable=True)
        self.meta_label = text_label("", "sessionMeta", selectable=True)
        self.edit_details_button = push_button(
            QCoreApplication.translate("SessionView", "Session details…"),
            "editSessionButton",
            QCoreApplication.translate("SessionView", "Edit session date and attendees"),
        )
        self.explanations_check = QCheckBox(
            QCoreApplication.translate("SessionView", "Show all explanations")
        )
        self.explanations_check.setObjectName("showExplanationsCheck")
        accessible(
            self.explanations_check,
            QCoreApplication.translate("SessionView", "Show all explanations"),
            QCoreApplication.translate(
                "SessionView", "Shows why each question matters and its source"
            ),
        )
        self.explanations_check.setChecked(
            bool(ui_settings().value("session/show_explanations", False, type=bool))
        )
        self.explanations_check.toggled.connect(
            lambda visible: ui_settings().setValue("session/show_explanations", visible)
        )
        self.memory_button = push_button(
            QCoreApplication.translate("SessionView", "Case so far"),
            "caseSoFarButton",
            QCoreApplication.translate("SessionView", "Case so far"),
            description=QCoreApplication.translate(
                "SessionView", "Open actions, escalations, hypotheses, ratings and patterns"
            ),
        )
        self.memory_button.setCheckable(True)
        self.memory_button.setStyleSheet(
            "QPushButton:checked { background: #E5EEF7; border: 1px solid #1D5A96;"
            " color: #1D5A96; }"
        )
        self.lock_banner = text_label(self._locked_text(True), "lockBanner")
        self.lock_banner.setVisible(False)
        self.add_addendum_button = push_button(
            QCoreApplication.translate("SessionView", "Add addendum…"),
            "headerAddAddendumButton",
            QCoreApplication.translate("SessionView", "Add addendum"),
        )
        self.add_addendum_button.setVisible(False)
        self.stage_picker = stage_picker
        self._assemble()

    def _assemble(self) -> None:
        self.head = QHBoxLayout(self)
        self.head.setContentsMargins(24, 14, 24, 14)
        self.head.setSpacing(16)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.eyebrow = text_label(
            QCoreApplication.translate("SessionView", "Supervision session").upper(), "eyebrow"
        )
        titles.addWidget(self.eyebrow)
        titles.addWidget(self.case_label)
        titles.addWidget(self.meta_label)
        titles.addWidget(self.lock_banner)
        self.head.addLayout(titles, 1)
        self.head_buttons = flow_row(
            self.stage_picker,
            self.memory_button,
            self.add_addendum_button,
            self.explanations_check,
            self.edit_details_button,
            spacing=12,
            right=True,
        )
        self.head.addWidget(self.head_buttons, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_detail(self, detail: SessionDetail | None) -> None:
        """The case reference, and the date, people and children under it (cleared: None)."""
        if detail is None:
            self.case_label.clear()
            self.meta_label.clear()
            self.case_label.setToolTip("")
            return
        self.case_label.setText(detail.case.reference)
        parts = [format_date(detail.date)]
        if detail.attendees:
            parts.append(
                QCoreApplication.translate("SessionView", "With: {people}").format(people="; ".join(
                    person_with_role(person) for person in detail.attendees))
            )  # fmt: skip
        children = ", ".join(c.name for c in detail.case.children)
        if children:
            parts.append(
                QCoreApplication.translate("SessionView", "Children: {names}").format(
                    names=children
                )
            )
        self.meta_label.setText("   ·   ".join(parts))
        self.case_label.setToolTip(self.meta_label.text())

    def set_compact(self, compact: bool) -> None:
        """Narrow: the header keeps to the case reference and its buttons (the date and
        people are the case label's tooltip)."""
        self.stage_picker.setVisible(compact)
        self.eyebrow.setVisible(not compact)
        self.meta_label.setVisible(not compact)  # its text is the case label's tooltip
        margin = (12, 8, 12, 8) if compact else (24, 14, 24, 14)
        self.head.setContentsMargins(*margin)
        self.head.setSpacing(8 if compact else 16)

    def show_locked(self, locked: bool, both: bool) -> None:
        """Once anyone has signed: the banner says what can be done now (addenda only once
        both have signed), and the details can no longer be edited."""
        self.edit_details_button.setEnabled(not locked)
        self.lock_banner.setText(self._locked_text(both))
        self.lock_banner.setVisible(locked)
        self.add_addendum_button.setVisible(locked and both)
        self.add_addendum_button.setEnabled(both)

    @staticmethod
    def _locked_text(both: bool) -> str:
        if both:
            return QCoreApplication.translate(
                "SessionView",
                "This record has been signed and is read-only. Corrections and late information "
                "are added as addenda on the Sign-off page.",
            )
        return QCoreApplication.translate(
            "SessionView",
            "Signed by one of you and read-only until the other signs. After both "
            "signatures, corrections and late information are added as addenda.",
        )


def person_with_role(attendee: str) -> str:
    """One person and their role: "Sam Okafor (fictional), Health Visitor" reads as
    "Sam Okafor (fictional) — Health Visitor", so that a list of people is not read as twice as
    many."""
    name, _comma, role = attendee.partition(",")
    return f"{name.strip()} — {role.strip()}" if role.strip() else name.strip()
