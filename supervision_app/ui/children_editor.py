"""The children of a case, one row each: name or initials, date of birth (or due date) or age."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain import Child
from supervision_app.ui.widgets import accessible, discard, push_button, qdate, text_label, to_date

DATE_FORMAT = "d MMM yyyy"


class ChildRow(QFrame):
    remove_requested = Signal(object)

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("childRow")
        self.title_label = text_label("", "sectionTitleSmall", wrap=False)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("childNameEdit")
        self.name_edit.setPlaceholderText(self.tr("First name or initials"))
        self.unborn_check = QCheckBox(self.tr("Unborn"))
        self.unborn_check.setObjectName("childUnbornCheck")
        self.date_label = QLabel()
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("childDateEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setMinimumDate(QDate(1970, 1, 1))
        self.date_edit.setDate(qdate(date.today()))
        self.date_label.setBuddy(self.date_edit)
        self.date_unknown_check = QCheckBox(self.tr("Not known"))
        self.date_unknown_check.setObjectName("childDateUnknownCheck")
        self.age_label = QLabel(self.tr("or age"))
        self.age_edit = QLineEdit()
        self.age_edit.setObjectName("childAgeEdit")
        self.age_edit.setPlaceholderText(self.tr("e.g. 6, or about 18 months"))
        self.age_label.setBuddy(self.age_edit)
        self.remove_button: QPushButton = push_button(self.tr("Remove"), "removeChildButton")

        grid = QGridLayout(self)
        grid.setContentsMargins(14, 10, 14, 12)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.addWidget(self.title_label, 0, 0)
        grid.addWidget(self.name_edit, 0, 1, 1, 3)
        grid.addWidget(self.unborn_check, 0, 4)
        grid.addWidget(self.remove_button, 0, 5)
        grid.addWidget(self.date_label, 1, 0)
        grid.addWidget(self.date_edit, 1, 1)
        grid.addWidget(self.date_unknown_check, 1, 2)
        age_box = QHBoxLayout()
        age_box.setSpacing(8)
        age_box.addWidget(self.age_label)
        age_box.addWidget(self.age_edit, 1)
        grid.addLayout(age_box, 1, 3, 1, 3)
        metrics = self.date_label.fontMetrics()
        label_width = (
            max(
                metrics.horizontalAdvance(t)
                for t in (self.tr("Date of birth"), self.tr("Due date"), self.tr("Child 10"))
            )
            + 16
        )
        grid.setColumnMinimumWidth(0, label_width)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)

        self.unborn_check.toggled.connect(self._sync)
        self.date_unknown_check.toggled.connect(self._sync)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.date_unknown_check.setChecked(True)
        self.set_number(number)
        self._sync()

    def set_number(self, number: int) -> None:
        self.number = number
        self.title_label.setText(self.tr("Child {n}").format(n=number))
        accessible(self.name_edit, self.tr("Child {n}: name or initials").format(n=number))
        accessible(
            self.unborn_check,
            self.tr("Child {n}: unborn").format(n=number),
            self.tr("Tick for an expected baby; the date is then the due date"),
        )
        accessible(self.date_unknown_check, self.tr("Child {n}: date not known").format(n=number))
        accessible(self.age_edit, self.tr("Child {n}: age").format(n=number))
        accessible(self.remove_button, self.tr("Remove child {n}").format(n=number))
        self._sync()

    def _sync(self) -> None:
        unborn = self.unborn_check.isChecked()
        known = not self.date_unknown_check.isChecked()
        self.date_label.setText(self.tr("Due date") if unborn else self.tr("Date of birth"))
        accessible(
            self.date_edit,
            self.tr("Child {n}: {what}").format(
                n=getattr(self, "number", 1), what=self.date_label.text().lower()
            ),
        )
        self.date_edit.setMaximumDate(
            QDate(date.today().year + 1, 12, 31) if unborn else qdate(date.today())
        )
        self.date_edit.setEnabled(known)
        self.age_label.setVisible(not unborn)
        self.age_edit.setVisible(not unborn)
        self.age_edit.setEnabled(not known)

    def child(self) -> Child:
        known = not self.date_unknown_check.isChecked()
        unborn = self.unborn_check.isChecked()
        return Child(
            name=self.name_edit.text().strip(),
            date_of_birth=to_date(self.date_edit.date()) if known else None,
            age="" if known or unborn else self.age_edit.text().strip(),
            unborn=unborn,
        )

    def set_child(self, child: Child) -> None:
        self.name_edit.setText(child.name)
        self.unborn_check.setChecked(child.unborn)
        if child.date_of_birth is not None:
            self.date_edit.setMaximumDate(
                QDate(max(child.date_of_birth, date.today()).year + 1, 12, 31)
            )
            self.date_edit.setDate(qdate(child.date_of_birth))
        self.date_unknown_check.setChecked(child.date_of_birth is None)
        self.age_edit.setText(child.age)
        self._sync()


class ChildrenEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("childrenEditor")
        self.rows: list[ChildRow] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(8)
        self.add_button = push_button(
            self.tr("Add a child"), "addChildButton", self.tr("Add a child")
        )
        self.add_button.clicked.connect(lambda: self.add_child(focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(self._rows_layout)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def add_child(self, child: Child | None = None, focus: bool = False) -> ChildRow:
        row = ChildRow(len(self.rows) + 1)
        row.remove_requested.connect(self._remove)
        if child is not None:
            row.set_child(child)
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        self._update_remove_buttons()
        if focus:
            row.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def _remove(self, row: ChildRow) -> None:
        if row not in self.rows:
            return
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        discard(row)
        for number, other in enumerate(self.rows, start=1):
            other.set_number(number)
        self._update_remove_buttons()
        if self.rows:
            self.rows[-1].name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_remove_buttons(self) -> None:
        for row in self.rows:
            row.remove_button.setEnabled(len(self.rows) > 1)

    def set_children(self, children: list[Child]) -> None:
        for row in list(self.rows):
            self._rows_layout.removeWidget(row)
            discard(row)
        self.rows = []
        shown: list[Child | None] = list(children) if children else [None]  # one row to fill in
        for child in shown:
            self.add_child(child)

    def children_list(self) -> list[Child]:
        return [row.child() for row in self.rows]
