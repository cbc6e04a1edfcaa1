"""The record's own flowables: a Paragraph that breaks its lines once per width, the
``keepWithNext`` group that stays put when its first lines fit, and a table that splits a
tall row instead of leaving a gap."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Table
from reportlab.platypus import Paragraph as _ReportLabParagraph
from reportlab.platypus.flowables import HRFlowable
from reportlab.rl_config import _FUZZ

#: Fragment attributes that make a fragment more than a run of text (a line break, an
#: image or anchor, a self-closing tag): such fragments are never merged.
_SPECIAL = frozenset({"lineBreak", "cbDefn", "_selfClosingTag", "isBullet", "backColor"})


def merge_fragments(frags: list[Any]) -> list[Any]:
    """Adjacent runs of text in the same font, size, colour and links made into one.

    ReportLab's parser starts a new fragment at every character reference, so
    ``Mum&#39;s &amp; Dad`` becomes five fragments of identical style, and a
    paragraph of more than one fragment takes ReportLab's slow line-breaking and
    drawing path (each word compared with its neighbours, each run drawn on its
    own).  Merged, it is the one fragment the same text without references gives.
    """
    merged: list[Any] = []
    previous: dict[str, Any] | None = None
    for frag in frags:
        attrs = vars(frag)
        style = None
        if isinstance(attrs.get("text"), str) and _SPECIAL.isdisjoint(attrs):
            style = {k: v for k, v in attrs.items() if k not in ("text", "__tag__")}
        if style is not None and style == previous:
            merged[-1].text += frag.text
        else:
            merged.append(frag)
            previous = style
    return merged


class Paragraph(_ReportLabParagraph):  # type: ignore[misc]  # ReportLab has no types
    """ReportLab's Paragraph, its lines broken once per width, its runs of one style merged.

    A group kept with its heading (:class:`KeepWithFirstLines`) and a table
    measure their paragraphs before placing them, and the frame then wraps each
    paragraph again at the same width; ReportLab breaks every line anew each
    time, which was half of the record's layout time.  The result of a wrap
    depends only on the width (and the paragraph, which does not change).
    Parsed text keeps one fragment per run of one style (:func:`merge_fragments`).
    """

    frags: list[Any]

    def _setup(self, text: str, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        super()._setup(text, style, bulletText, frags, cleaner)
        if frags is None and len(self.frags) > 1:  # parsed here, not a split's lines
            self.frags = merge_fragments(self.frags)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == getattr(self, "_wrapped_width", None) and hasattr(self, "blPara"):
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth
        return size


class KeepWithFirstLines(KeepTogether):  # type: ignore[misc]  # ReportLab has no types
    """The document's ``keepWithNext`` group: headings kept with what follows them.

    ReportLab's :class:`KeepTogether` moves the whole group to the next page
    whenever it does not fit, even when it is taller than any page (a prompt
    followed by a very long answer), which leaves most of a page empty.  Here
    such a group stays where it is when the headings and the first
    :attr:`MIN_LINES` lines of the text after them fit.
    """

    MIN_LINES = 3

    #: Flowables measured without side effects (CondPageBreak, for one, adds a page break
    #: to the frame when measured; ReportLab measures a group on a copy of the frame for it).
    PLAIN: tuple[type, ...] = (_ReportLabParagraph, Table, HRFlowable, KeepTogether)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        """The group's height, measured as ReportLab's ``KeepTogether`` measures it but without
        its deep copy of the frame for every group, when every member is :attr:`PLAIN` (or an
        outline entry, which takes no room)."""
        if not all(
            isinstance(f, self.PLAIN) or getattr(f, "measures_plainly", False)
            for f in self._content
        ):
            return super().wrap(aW, aH)  # type: ignore[no-any-return]
        width = height = after = 0.0
        first: float | None = None
        for flowable in self._content:
            w, h = flowable.wrapOn(self.canv, aW, 0xFFFFFFF)
            if first is None:
                first = h
            if h <= _FUZZ:
                continue
            width = max(width, min(w, aW))
            if height:  # not the first with height: the larger of the two spaces between
                height += max(flowable.getSpaceBefore() - after, 0)
            height += h
            after = flowable.getSpaceAfter()
            height += after
        self._H, self._H0, self._wrapInfo = height - after, first or 0.0, (aW, aH)
        return width, 0xFFFFFF  # as ReportLab's: the frame then asks the group to split

    def split(self, aW: float, aH: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if frame is not None and frame._height < self._H and self._lead_height(aW) <= aH:
            content: list[Flowable] = self._content[:]
            return content
        parts: list[Flowable] = super().split(aW, aH)
        return parts

    def _lead_height(self, aW: float) -> float:
        *heads, last = self._content
        height = 0.0
        for flowable in heads:
            height += flowable.getSpaceBefore() + flowable.wrapOn(self.canv, aW, 0xFFFFFFF)[1]
            height += flowable.getSpaceAfter()
        style = getattr(last, "style", None)
        if isinstance(last, Paragraph) and style is not None:
            first = self.MIN_LINES * style.leading
        else:  # a table: its header row and the first lines of a row
            first = min(last.wrapOn(self.canv, aW, 0xFFFFFFF)[1], 4 * 14.0)
        lead: float = height + last.getSpaceBefore() + first
        return lead


class RecordTable(Table):  # type: ignore[misc]  # ReportLab has no types
    """A table that splits a tall row across pages instead of leaving a gap.

    ReportLab first tries to split between rows; with ``repeatRows`` the rest
    then goes on the same page with a second header row, or a tall row moves
    to the next page leaving most of this one empty.  When splitting between
    rows would waste more than :attr:`MAX_GAP` points, split inside the row.
    """

    MAX_GAP = 72.0
    splitByRow: int

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if len(parts) != 2 or not self.splitByRow:
            return parts
        used = parts[0].wrap(availWidth, availHeight)[1]
        if availHeight - used <= self.MAX_GAP:
            return parts
        self.splitByRow = 0
        try:
            in_row: list[Flowable] = super().split(availWidth, availHeight)
        finally:
            self.splitByRow = 1
        for part in in_row:
            part.splitByRow = 1
        return in_row or parts
