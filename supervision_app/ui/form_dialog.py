"""The shared skeleton of the edit dialogs: a problems box, OK/Cancel buttons, and an
``accept()`` that validates, saves and keeps the dialog open when something is wrong."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain import ValidationError
from supervision_app.ui.a11y import report_problems
from supervision_app.ui.widgets import (
    accessible,
    fit_to_screen,
    problems_box,
    scroll_body,
    set_primary,
)

T = TypeVar("T")


def labelled_form(rows: Iterable[tuple[str, QWidget]]) -> QFormLayout:
    """A form with one row per ``(label text, field)``; each label is the field's buddy, so
    its ``&`` mnemonic moves focus to the field."""
    form = QFormLayout()
    form.setSpacing(10)
    for text, widget in rows:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)
    return form


def raised_problems(check: Callable[..., object], *args: object) -> list[str]:
    """The problems ``check(*args)`` raises as a :class:`ValidationError` ([] if none)."""
    try:
        check(*args)
    except ValidationError as exc:
        return list(exc.problems)
    return []


class FormDialog(QDialog, Generic[T]):
    """A dialog that edits one value of type ``T``.

    Subclasses build their own fields, then lay them out with :meth:`lay_out` (or their own
    layout plus :meth:`add_footer`), and implement :meth:`collect` (and :meth:`validate` when
    the value has rules). On OK, ``save`` (optional) is called with the value; if validation
    fails, or ``save`` raises :class:`ValidationError` or :class:`NotFoundError`, the problems
    are shown and the dialog stays open with everything typed."""

    def __init__(
        self,
        parent: QWidget | None = None,
        save: Callable[[T], object] | None = None,
        *,
        object_name: str = "",
        ok_text: str = "",
        ok_object_name: str = "",
        buttons_object_name: str = "",
    ) -> None:
        super().__init__(parent)
        if object_name:
            self.setObjectName(object_name)
        self._save = save
        #: The width the dialog opens at (if the screen has room); it can still be narrower.
        self.preferred_width = 420
        self.preferred_height = 0
        self.problems_frame, self.problems_label = problems_box()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        if buttons_object_name:
            self.buttons.setObjectName(buttons_object_name)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok_object_name:
            self.ok_button.setObjectName(ok_object_name)
        self.set_ok_text(ok_text or self.ok_button.text())
        accessible(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), self.tr("Cancel"))
        set_primary(self.ok_button)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def set_ok_text(self, text: str) -> None:
        """Rename the OK button (and its screen-reader name)."""
        self.ok_button.setText(text)
        accessible(self.ok_button, text)

    # -- layout ------------------------------------------------------------------------

    def add_footer(self, layout: QBoxLayout, *hints: QWidget) -> None:
        """Add the problems box, then ``hints`` (e.g. what is still missing), then the
        buttons to ``layout``."""
        layout.addWidget(self.problems_frame)
        for hint in hints:
            layout.addWidget(hint)
        layout.addWidget(self.buttons)

    def lay_out(self, *parts: QWidget | QLayout, hints: Iterable[QWidget] = ()) -> QVBoxLayout:
        """The standard column: ``parts`` top to bottom in an area that scrolls when the
        screen is too small for them (200% text on a laptop), then the footer, always in
        view. Returns the column of ``parts``."""
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(20, 18, 20, 4)
        column.setSpacing(12)
        for part in parts:
            if isinstance(part, QLayout):
                column.addLayout(part)
            else:
                column.addWidget(part)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 16)
        layout.setSpacing(8)
        layout.addWidget(scroll_body(body), 1)
        footer = QVBoxLayout()
        footer.setContentsMargins(20, 0, 20, 0)
        footer.setSpacing(12)
        self.add_footer(footer, *hints)
        layout.addLayout(footer)
        hint = body.sizeHint()
        self.fit_to_screen(
            max(hint.width(), self.preferred_width),
            max(hint.height() + footer.sizeHint().height() + 40, self.preferred_height),
        )
        return column

    def fit_to_screen(self, width: int, height: int) -> None:
        """Open at ``width`` × ``height``, or smaller on a small screen (the body scrolls)."""
        fit_to_screen(self, width, height)

    # -- values ------------------------------------------------------------------------

    def collect(self) -> T:
        """The value as currently typed."""
        raise NotImplementedError

    def validate(self, value: T) -> list[str]:
        """What is wrong with ``value`` ([] when it can be saved)."""
        return []

    def fields_in_error(self, value: T, problems: list[str]) -> list[QWidget]:
        """The fields to blame for ``problems`` about ``value``, first first (focus goes to
        it, and each is marked invalid). Without any, focus goes to the message itself."""
        return []

    def show_problems(self, problems: list[str], fields: list[QWidget] | None = None) -> None:
        """Show ``problems`` as an alert, with ``fields`` marked and the first one focused."""
        if fields is None:
            fields = self.fields_in_error(self.collect(), problems) if problems else []
        appearing = bool(problems) and self.problems_frame.isHidden()
        report_problems(self.problems_frame, self.problems_label, problems, fields)
        if appearing and self.isVisible():  # make room, rather than hide the fields
            extra = self.problems_frame.sizeHint().height() + 12
            self.fit_to_screen(self.width(), self.height() + extra)

    def accept(self) -> None:
        # Here, not at the top: the passphrase dialogs (form dialogs) come before SQLAlchemy.
        from supervision_app.storage import NotFoundError

        value = self.collect()
        try:
            problems = self.validate(value)
            if problems:
                raise ValidationError(problems)
            if self._save is not None:
                self._save(value)
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        except NotFoundError as exc:
            self.show_problems([str(exc)])
            return
        super().accept()

    @classmethod
    def run(
        cls,
        parent: QWidget | None = None,
        initial: T | None = None,
        *,
        before_exec: Callable[[QDialog], object] | None = None,
        **kwargs: Any,
    ) -> tuple[T | None, bool]:
        """Show the dialog modally; the value typed and whether it was accepted.
        ``before_exec`` is called with the dialog just before it is shown."""
        dialog = cls(parent, initial=initial, **kwargs)  # type: ignore[call-arg]  # subclasses take it
        if before_exec is not None:
            before_exec(dialog)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        value = dialog.collect() if accepted else None
        dialog.deleteLater()
        return value, accepted
