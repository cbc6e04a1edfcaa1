"""The agenda: the proposed core route and the themes the case points to, each with its
reason; what is not proposed and why; reorder, remove, minutes per item; the total against the
planned time; and the whole library one click away (Browse all prompts)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSpinBox, QToolButton, QVBoxLayout, QWidget

from supervision_app.content import Content
from supervision_app.domain.agenda import AgendaProposal, ThemeSuggestion
from supervision_app.domain.focus import AgendaItem, AgendaOrigin
from supervision_app.ui.focus.page_frame import FocusPage, card, section_title
from supervision_app.ui.widgets import accessible, delete_widgets, push_button, text_label

MAX_MINUTES = 30


class AgendaPage(FocusPage):
    #: The items or their minutes changed: save them (and rebuild the walk).
    agenda_changed = Signal()
    planned_changed = Signal(int)
    browse_requested = Signal()
    start_requested = Signal()

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(
            "agendaPage",
            self.tr("Agenda · about 5 minutes"),
            self.tr("Today's agenda"),
            self.tr(
                "A core route through a reflective cycle (what happened, what it felt like and "
                "means, what might be going on, what we will do), and the themes this case points "
                "to. Reorder, remove, add, and give each item its minutes."
            ),
        )
        self._content = content
        self.items: list[AgendaItem] = []
        self._proposal: AgendaProposal | None = None
        self._read_only = False
        self.minute_boxes: list[QSpinBox] = []
        self.suggestion_buttons: dict[str, QToolButton] = {}

        self.total_label = text_label("", "agendaTotal")
        self.planned = QSpinBox()
        self.planned.setObjectName("plannedMinutesAgenda")
        self.planned.setRange(15, 180)
        self.planned.setSingleStep(5)
        self.planned.setSuffix(self.tr(" min planned"))
        self.planned.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        accessible(self.planned, self.tr("Planned length of the session in minutes"))
        self.planned.valueChanged.connect(self._on_planned)
        self.start_button = push_button(
            self.tr("Start the agenda  →"), "startAgendaButton", self.tr("Start the agenda"),
            primary=True,
        )  # fmt: skip
        self.start_button.clicked.connect(self.start_requested)
        totals = QHBoxLayout()
        totals.addWidget(self.total_label, 1)
        totals.addWidget(self.planned)
        totals.addWidget(self.start_button)

        self.suggest_box, self.suggest_layout = card()
        self.suggest_layout.addWidget(section_title(self.tr("Suggested for this case")))
        self.suggest_rows = QVBoxLayout()
        self.suggest_layout.addLayout(self.suggest_rows)
        self.body.addWidget(self.suggest_box)

        self.not_box, self.not_layout = card()
        self.not_layout.addWidget(section_title(self.tr("Not proposed for this case")))
        self.not_label = text_label("", "secondary", selectable=True)
        self.not_layout.addWidget(self.not_label)
        self.not_layout.addWidget(
            text_label(self.tr("Every prompt stays reachable under Browse all prompts."), "hint")
        )
        self.body.addWidget(self.not_box)

        box, lay = card()
        lay.addWidget(section_title(self.tr("Today, in order")))
        lay.addLayout(totals)
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(8)
        self.rows.setVerticalSpacing(4)
        self.rows.setColumnStretch(1, 1)
        lay.addLayout(self.rows)
        self.empty_label = text_label(self.tr("Nothing on the agenda yet."), "secondary")
        lay.addWidget(self.empty_label)
        self.body.addWidget(box)

        self.browse_button = push_button(
            self.tr("Browse all prompts…"), "browsePromptsButton", self.tr("Browse all prompts"),
            description=self.tr("Search the whole library and add any prompt to today"),
        )  # fmt: skip
        self.browse_button.clicked.connect(self.browse_requested)
        self.start_foot_button = push_button(
            self.tr("Start the agenda  →"), "startAgendaFootButton", self.tr("Start the agenda"),
        )  # fmt: skip
        self.start_foot_button.clicked.connect(self.start_requested)
        self.foot.addWidget(self.browse_button)
        self.foot.addStretch(1)
        self.foot.addWidget(self.start_foot_button)

    # -- loading ----------------------------------------------------------------------

    def load(self, items: Sequence[AgendaItem], proposal: AgendaProposal | None,
             planned_minutes: int) -> None:  # fmt: skip
        self.items = list(items)
        self._proposal = proposal
        self.planned.blockSignals(True)
        self.planned.setValue(planned_minutes)
        self.planned.blockSignals(False)
        self._fill_suggestions()
        lines = proposal.not_proposed if proposal else ()
        self.not_label.setText("\n".join(f"•  {line}" for line in lines))
        self.not_box.setVisible(bool(lines))
        self._refresh()

    def _fill_suggestions(self) -> None:
        delete_widgets(self.suggest_rows)
        self.suggestion_buttons = {}
        suggestions = self._proposal.suggestions if self._proposal else ()
        for suggestion in suggestions:
            self.suggest_rows.addWidget(self._suggestion_row(suggestion))
        self.suggest_box.setVisible(bool(suggestions))

    def _suggestion_row(self, suggestion: ThemeSuggestion) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 4, 0, 4)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        minutes = sum(i.minutes for i in suggestion.items)
        texts.addWidget(
            text_label(
                self.tr("{title} · {n} prompts, {minutes} min").format(
                    title=suggestion.title, n=len(suggestion.items), minutes=minutes
                ),
                "sectionTitleSmall",
            )
        )
        texts.addWidget(text_label(suggestion.reason, "secondary", selectable=True))
        line.addLayout(texts, 1)
        button = QToolButton()
        button.setObjectName("addThemeButton")
        button.setCheckable(True)
        button.clicked.connect(lambda checked, s=suggestion: self._toggle_theme(s, checked))
        line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.suggestion_buttons[suggestion.theme] = button
        return row

    # -- changes ----------------------------------------------------------------------

    def _toggle_theme(self, suggestion: ThemeSuggestion, add: bool) -> None:
        if add:
            self.add_items(suggestion.items)
            return
        ids = {i.prompt_id for i in suggestion.items}
        self.items = [
            i for i in self.items
            if not (i.prompt_id in ids and i.theme == suggestion.theme)
        ]  # fmt: skip
        self._changed()

    def add_items(self, items: Sequence[AgendaItem]) -> None:
        """Add items not on the agenda yet, before the closing plan items of the core route."""
        have = {i.prompt_id for i in self.items}
        new = [i for i in items if i.prompt_id not in have]
        if not new:
            self._refresh()
            return
        at = self._insert_at()
        self.items[at:at] = new
        self._changed()

    def add_prompt(self, prompt_id: str, reason: str = "") -> None:
        prompt = self._content.prompt(prompt_id)
        if prompt is None:
            return
        minutes = getattr(prompt, "minutes", 4)
        self.add_items([AgendaItem(prompt_id, minutes, AgendaOrigin.ADDED, reason)])

    def _insert_at(self) -> int:
        """Before the last core item (the plan: decisions and actions) if the route ends with it."""
        if self.items and self.items[-1].origin == AgendaOrigin.CORE:
            return len(self.items) - 1
        return len(self.items)

    def move(self, index: int, delta: int) -> None:  # type: ignore[override]  # an item, not the widget
        target = index + delta
        if 0 <= index < len(self.items) and 0 <= target < len(self.items):
            self.items[index], self.items[target] = self.items[target], self.items[index]
            self._changed(focus=(target, "up" if delta < 0 else "down"))

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.items):
            del self.items[index]
            self._changed()

    def set_minutes(self, index: int, minutes: int) -> None:
        if 0 <= index < len(self.items) and self.items[index].minutes != minutes:
            self.items[index] = replace(self.items[index], minutes=minutes)
            self._update_total()
            self.agenda_changed.emit()

    def _on_planned(self, minutes: int) -> None:
        self._update_total()
        self.planned_changed.emit(minutes)

    def _changed(self, focus: tuple[int, str] | None = None) -> None:
        self._refresh(focus)
        self.agenda_changed.emit()

    # -- display ----------------------------------------------------------------------

    def total_minutes(self) -> int:
        return sum(i.minutes for i in self.items)

    def _update_total(self) -> None:
        total, planned = self.total_minutes(), self.planned.value()
        text = self.tr("{n} items · {total} of {planned} min").format(
            n=len(self.items), total=total, planned=planned
        )
        if total > planned:
            text += self.tr(" · {over} min over: shorten or remove an item").format(
                over=total - planned
            )
        self.total_label.setText(text)
        self.total_label.setProperty("over", total > planned)

    def _refresh(self, focus: tuple[int, str] | None = None) -> None:
        delete_widgets(self.rows)
        self.minute_boxes = []
        for index, item in enumerate(self.items):
            self._add_row(index, item, focus)
        self.empty_label.setVisible(not self.items)
        on_agenda = {(i.prompt_id, i.theme) for i in self.items}
        suggestions = self._proposal.suggestions if self._proposal else ()
        for suggestion in suggestions:
            button = self.suggestion_buttons.get(suggestion.theme)
            if button is None:
                continue
            added = all((i.prompt_id, suggestion.theme) in on_agenda for i in suggestion.items)
            button.setChecked(added)
            button.setText(self.tr("✓ Added · remove") if added else self.tr("+ Add"))
            accessible(
                button,
                (self.tr("Remove {title} from the agenda") if added
                 else self.tr("Add {title} to the agenda")).format(title=suggestion.title),
            )  # fmt: skip
            button.setEnabled(not self._read_only)
        self._update_total()
        self.start_button.setEnabled(bool(self.items))
        self.start_foot_button.setEnabled(bool(self.items))

    def _add_row(self, index: int, item: AgendaItem, focus: tuple[int, str] | None) -> None:
        prompt = self._content.prompt(item.prompt_id)
        title = prompt.text if prompt else item.prompt_id
        number = text_label(f"{index + 1}", "agendaNumber")
        self.rows.addWidget(number, index, 0, Qt.AlignmentFlag.AlignTop)
        texts = QWidget()
        texts_layout = QVBoxLayout(texts)
        texts_layout.setContentsMargins(0, 0, 0, 4)
        texts_layout.setSpacing(0)
        texts_layout.addWidget(text_label(title, "agendaPrompt", selectable=True))
        why = item.reason or self._origin_text(item)
        if why:
            texts_layout.addWidget(text_label(why, "hint"))
        self.rows.addWidget(texts, index, 1)
        minutes = QSpinBox()
        minutes.setObjectName("itemMinutes")
        minutes.setRange(1, MAX_MINUTES)
        minutes.setValue(item.minutes)
        minutes.setSuffix(self.tr(" min"))
        minutes.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        accessible(minutes, self.tr("Minutes for item {n}").format(n=index + 1))
        minutes.valueChanged.connect(lambda value, i=index: self.set_minutes(i, value))
        minutes.setEnabled(not self._read_only)
        self.minute_boxes.append(minutes)
        self.rows.addWidget(minutes, index, 2, Qt.AlignmentFlag.AlignTop)
        buttons = (
            ("↑", "moveUpButton", self.tr("Move item {n} up"), lambda: self.move(index, -1),
             index > 0),
            ("↓", "moveDownButton", self.tr("Move item {n} down"), lambda: self.move(index, 1),
             index < len(self.items) - 1),
            ("✕", "removeItemButton", self.tr("Remove item {n}"), lambda: self.remove(index),
             True),
        )  # fmt: skip
        for column, (glyph, name, label, slot, enabled) in enumerate(buttons, start=3):
            button = _tool_button(glyph, name, label.format(n=index + 1), slot)
            button.setEnabled(enabled and not self._read_only)
            self.rows.addWidget(button, index, column, Qt.AlignmentFlag.AlignTop)
            if (
                focus
                and focus[0] == index
                and name.startswith("move")
                and ((focus[1] == "up") == (name == "moveUpButton"))
            ):
                button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _origin_text(self, item: AgendaItem) -> str:
        if item.origin == AgendaOrigin.CORE:
            return self.tr("Core route")
        if item.origin == AgendaOrigin.ADDED:
            return self.tr("Added from the library")
        return ""

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.planned.setEnabled(not read_only)
        self.browse_button.setEnabled(not read_only)
        self._refresh()


def _tool_button(glyph: str, name: str, label: str, slot: Callable[[], None]) -> QToolButton:
    button = QToolButton()
    button.setText(glyph)
    button.setObjectName(name)
    button.setToolTip(label)
    button.setAutoRaise(True)
    accessible(button, label)
    button.clicked.connect(lambda _=False: slot())
    return button
