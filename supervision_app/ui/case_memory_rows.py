"""The building blocks of the case-so-far cards: a card with its heading and buttons, a row
(a RAG chip, lines of text, buttons under them), and lists built a page at a time.

A long case (eight years of monthly supervision: 100 sessions, dozens of open actions)
costs what the screen shows, not what the case holds: each list builds its first few rows
(the most urgent actions, the newest decisions and chronology entries) and a "Show more"
button builds the next ones when asked (:class:`Pager`).  The counts in the heading and
on each button say how much there is, so nothing is silently left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from supervision_app.domain.memory import Rag
from supervision_app.ui.flow_layout import flow_row
from supervision_app.ui.widgets import push_button, text_label

#: rows each list builds at first (the chronology: its newest entries)
FIRST_PAGE = 5
CHRONOLOGY_FIRST_PAGE = 10
#: rows each "Show more" adds
NEXT_PAGE = 20


def chip(text: str, tone: str) -> QLabel:
    """A status chip; ``tone`` ("red", "amber", "green", "current", "discarded") picks its
    colours from the application's style sheet (``theme.FIXED_COLOUR_SHEET``)."""
    label = text_label(text, "chip", wrap=False)
    label.setProperty("tone", tone)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def rag_chip(text: str, rag: Rag) -> QLabel:
    return chip(text, rag.value)


def card_frame(
    title: str, name: str, buttons: Sequence[QPushButton] = ()
) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setObjectName("card")
    card.setProperty("section", name)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(22, 16, 22, 18)
    layout.setSpacing(10)
    head = QHBoxLayout()
    heading = text_label(title, "sectionTitle")
    head.addWidget(heading, 1)
    for b in buttons:
        head.addWidget(b)
    layout.addLayout(head)
    return card, layout


def memory_row(parent: QVBoxLayout | None, chip: QLabel | None,
               lines: Sequence[tuple[str, str]], buttons: Sequence[QPushButton] = ()) -> QFrame:  # fmt: skip
    row = QFrame()
    row.setObjectName("memoryRow")  # its top border: theme.STYLE_SHEET
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 8, 0, 2)
    layout.setSpacing(12)
    if chip is not None:
        layout.addWidget(chip, 0, Qt.AlignmentFlag.AlignTop)
    text = QVBoxLayout()
    text.setSpacing(2)
    for line, style in lines:
        if line:
            text.addWidget(text_label(line, style, selectable=True))
    if buttons:  # under the text, wrapping: the text keeps the width at 200%
        text.addSpacing(4)
        text.addWidget(flow_row(*buttons))
    layout.addLayout(text, 1)
    if parent is not None:
        parent.addWidget(row)
    return row


def action_button(
    text: str, name: str, accessible_name: str, slot: Callable[[], object]
) -> QPushButton:
    button = push_button(text, name, accessible_name)
    button.clicked.connect(lambda _checked=False: slot())  # never pass "checked" on
    return button


def empty_hint(layout: QVBoxLayout, text: str) -> None:
    layout.addWidget(text_label(text, "hint"))


def mark_row(row: QWidget, kind: str, item_id: int) -> None:
    """Name a row after the record it shows, so a search result can find it."""
    row.setProperty("memoryKind", kind)
    row.setProperty("memoryItem", item_id)


@dataclass
class Pager:
    """One list of a card, built a page at a time.

    ``items`` are in display order; ``build`` makes the row of one item (its record's kind
    and id come from ``key``, so that a search result can find it).  With ``earlier``, the
    list shows its last items first and the button above them shows earlier ones (the
    chronology); otherwise the button under the rows shows the next ones."""

    name: str
    layout: QVBoxLayout
    items: list
    build: Callable[[Any], QWidget]
    key: Callable[[Any], tuple[str, int]]
    earlier: bool = False
    shown: int = 0
    button: QPushButton | None = None
    rows: list[QWidget] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        return len(self.items) - self.shown


class PagedLists:
    """The panel's lists, by name. ``focus_home`` takes the focus when a "Show more" button
    that had it goes; ``grown`` is told when rows were added by a click."""

    def __init__(self, focus_home: QWidget, grown: Callable[[], None]) -> None:
        self._focus_home = focus_home
        self._grown = grown
        self.pagers: dict[str, Pager] = {}

    def clear(self) -> None:
        self.pagers = {}

    def add(self, name: str, layout: QVBoxLayout, items: Sequence[Any],
            build: Callable[[Any], QWidget], key: Callable[[Any], tuple[str, int]],
            first: int = FIRST_PAGE, earlier: bool = False) -> Pager:  # fmt: skip
        """Show the first ``first`` rows of ``items`` in ``layout`` and a button for the rest."""
        pager = Pager(name, layout, list(items), build, key, earlier)
        self.pagers[name] = pager
        self.show_more(pager, first)
        return pager

    def show_all_holding(self, kind: str, item_id: int) -> None:
        """Build every row of each list that holds record ``item_id`` of ``kind`` (a search
        result may point past the first page)."""
        for pager in self.pagers.values():
            if pager.remaining and (kind, item_id) in {pager.key(item) for item in pager.items}:
                self.show_more(pager, -1)

    def show_more(self, pager: Pager, count: int = NEXT_PAGE) -> list[QWidget]:
        """Build the next ``count`` rows of ``pager`` (all of them with a negative count)."""
        count = pager.remaining if count < 0 else min(count, pager.remaining)
        if count <= 0:
            return []
        total = len(pager.items)
        if pager.earlier:  # the newest are shown; these are the ones just before them
            chunk = pager.items[total - pager.shown - count : total - pager.shown]
        else:
            chunk = pager.items[pager.shown : pager.shown + count]
        if pager.button is None and pager.remaining > count:
            more = partial(self._more_clicked, pager)
            pager.button = action_button("", "showMoreButton", "", more)
            pager.button.setProperty("list", pager.name)
            pager.layout.addWidget(pager.button, 0, Qt.AlignmentFlag.AlignLeft)
        if pager.button is not None:
            at = pager.layout.indexOf(pager.button) + (1 if pager.earlier else 0)
        else:
            at = pager.layout.count()
        new_rows = []
        for offset, item in enumerate(chunk):
            row = pager.build(item)
            kind, item_id = pager.key(item)
            mark_row(row, kind, item_id)
            pager.layout.insertWidget(at + offset, row)
            new_rows.append(row)
        pager.rows = new_rows + pager.rows if pager.earlier else pager.rows + new_rows
        pager.shown += count
        self._label_more(pager)
        return new_rows

    def _label_more(self, pager: Pager) -> None:
        button = pager.button
        if button is None:
            return
        if not pager.remaining:
            if button.hasFocus() and pager.rows:
                target = pager.rows[0] if pager.earlier else pager.rows[-1]
                (target.findChild(QPushButton) or self._focus_home).setFocus(
                    Qt.FocusReason.OtherFocusReason
                )
            pager.layout.removeWidget(button)
            button.setParent(None)
            button.deleteLater()
            pager.button = None
            return
        step = min(NEXT_PAGE, pager.remaining)
        text = (
            QCoreApplication.translate(
                "CaseMemoryPanel", "Show {n} earlier ({shown} of {total} shown)"
            )
            if pager.earlier
            else QCoreApplication.translate(
                "CaseMemoryPanel", "Show {n} more ({shown} of {total} shown)"
            )
        ).format(n=step, shown=pager.shown, total=len(pager.items))
        button.setText(text)
        button.setAccessibleName(text)

    def _more_clicked(self, pager: Pager) -> None:
        self.show_more(pager)
        self._grown()
