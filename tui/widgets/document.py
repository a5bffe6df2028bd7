"""The document, every finding highlighted by category, the current one emphasised.

A Line API widget: the text is wrapped here (so the row of each finding is known and the
current one can be scrolled into view), right-to-left lines are right-aligned and, in the
`visual` bidi mode, reordered for display (see tui.bidi). Accepted and edited fixes show
the original struck through followed by the replacement.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from repair.model import CATEGORIES, Verdict
from repair.review.file import FileReview
from tui.bidi import MIRRORED, VISUAL, has_rtl, is_rtl, levels, visual_order
from tui.widgets.messages import IndexMessage

Key = tuple[str, ...]  # component class names that style a cell


@dataclass(frozen=True, slots=True)
class Cell:
    char: str
    key: Key
    finding: int  # -1: not part of a finding


@dataclass(frozen=True, slots=True)
class Row:
    cells: list[Cell]
    pad: int  # blank cells before the text (right-aligned right-to-left lines)


def _width(cells: list[Cell]) -> int:
    return sum(cell_len(c.char) for c in cells)


def wrap(cells: list[Cell], width: int) -> list[list[Cell]]:
    """Word-wrap a logical line to `width` cells; a space at a break hangs past the edge."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    used = 0
    for cell in cells:
        w = cell_len(cell.char)
        if used + w > width and row:
            if cell.char == " ":
                rows.append([*row, cell])
                row, used = [], 0
                continue
            space = max((k for k, c in enumerate(row) if c.char == " "), default=-1)
            rows.append(row[: space + 1] if space >= 0 else row)
            row = row[space + 1 :] if space >= 0 else []
            used = _width(row)
        row.append(cell)
        used += w
    rows.append(row)
    return rows


class DocumentView(ScrollView, can_focus=True):
    """The reviewed text with its findings."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"document--{c}" for c in CATEGORIES),
        "document--current",
        "document--other",
        "document--rejected",
        "document--replaced",
        "document--replacement",
    }

    class FindingClicked(IndexMessage):
        """The editor clicked a highlighted finding."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.review: FileReview | None = None
        self.shown: set[int] = set()
        self.bidi = VISUAL
        self._rows: list[Row] = []
        self._finding_rows: dict[int, tuple[int, int]] = {}
        self._laid_out_width = -1

    def show(self, review: FileReview, shown: list[int], bidi: str) -> None:
        """Display `review` with the `shown` findings in category colours; scroll to the current one."""
        self.review, self.shown, self.bidi = review, set(shown), bidi
        self._layout()
        self.scroll_to_current()

    def on_resize(self) -> None:
        self._layout()
        self.scroll_to_current()

    def _text_width(self) -> int:
        return max(10, self.scrollable_content_region.width - 1)

    def _cells(self) -> list[Cell]:
        """Every display cell of the document in logical order (newlines included)."""
        review = self.review
        if review is None:
            return []
        text = review.text
        owner = [-1] * len(text)
        for i, finding in enumerate(review.findings):
            for o in range(finding.span.start, min(finding.span.end, len(text))):
                if owner[o] == -1 or i == review.current:
                    owner[o] = i
        inserts: dict[int, list[int]] = {}
        for i, entry in review.entries.items():
            if entry.verdict != Verdict.REJECTED:
                span = review.findings[i].span
                inserts.setdefault(max(span.start, span.end - 1), []).append(i)
        cells: list[Cell] = []
        for o, char in enumerate(text):
            empty_here = [i for i in inserts.get(o, []) if review.findings[i].span.end == o]
            for i in empty_here:
                cells += self._replacement(i)
            if char == "\r":
                continue
            shown = " " if char == "\t" else char
            cells.append(Cell(shown, self._key(owner[o], original=True), owner[o]))
            cells += [c for i in inserts.get(o, []) if i not in empty_here for c in self._replacement(i)]
        return cells

    def _replacement(self, i: int) -> list[Cell]:
        assert self.review is not None
        text = "→" + (self.review.entries[i].replacement or "")
        key = self._key(i, original=False)
        return [Cell(" " if c == "\n" else c, key, i) for c in text]

    def _key(self, i: int, *, original: bool) -> Key:
        if i < 0 or self.review is None:
            return ()
        finding = self.review.findings[i]
        verdict = self.review.verdict(i)
        if verdict == Verdict.REJECTED:
            names = ["document--rejected"]
        elif verdict is not None:
            names = ["document--replaced" if original else "document--replacement"]
        elif i in self.shown:
            names = [f"document--{finding.category}"]
        else:
            names = ["document--other"]
        if i == self.review.current:
            names.append("document--current")
        return tuple(names)

    def _layout(self) -> None:
        width = self._text_width()
        self._laid_out_width = width
        rows: list[Row] = []
        spans: dict[int, tuple[int, int]] = {}
        lines: list[list[Cell]] = [[]]
        for cell in self._cells():
            if cell.char == "\n":
                lines.append([])
            else:
                lines[-1].append(cell)
        if len(lines) > 1 and not lines[-1]:
            lines.pop()
        for line in lines:
            rtl = is_rtl("".join(c.char for c in line))
            for piece in wrap(line, width):
                for c in piece:
                    if c.finding >= 0:
                        first, last = spans.get(c.finding, (len(rows), len(rows)))
                        spans[c.finding] = (min(first, len(rows)), max(last, len(rows)))
                rows.append(self._row(piece, rtl, width))
        self._rows, self._finding_rows = rows, spans
        self.virtual_size = Size(width, len(rows))
        self.refresh()

    def _row(self, cells: list[Cell], rtl: bool, width: int) -> Row:
        if rtl:  # a space hanging at the end of a right-to-left row would land on its left
            while cells and cells[-1].char == " ":
                cells = cells[:-1]
        text = "".join(c.char for c in cells)
        if self.bidi == VISUAL and has_rtl(text):
            lv = levels(text, rtl)
            cells = [
                Cell(MIRRORED.get(cells[i].char, cells[i].char), cells[i].key, cells[i].finding)
                if lv[i] % 2
                else cells[i]
                for i in visual_order(text, rtl)
            ]
        pad = max(0, width - _width(cells)) if rtl else 0
        return Row(cells, pad)

    def scroll_to_current(self) -> None:
        review = self.review
        if review is None or review.current not in self._finding_rows:
            return
        first, last = self._finding_rows[review.current]
        self.scroll_to_region(Region(0, first, 1, last - first + 1), animate=False, center=True, x_axis=False)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = y + scroll_y
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        segments = [Segment(" " * row.pad, base)] if row.pad else []
        for key, group in groupby(row.cells, key=lambda c: c.key):
            style = base + self.get_component_rich_style(*key) if key else base
            segments.append(Segment("".join(c.char for c in group), style))
        return Strip(segments).extend_cell_length(width, base).crop(scroll_x, scroll_x + width)

    def finding_at(self, x: int, y: int) -> int:
        """The finding under a screen cell of this widget (-1 when none)."""
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        if not 0 <= index < len(self._rows):
            return -1
        row = self._rows[index]
        column = row.pad
        for cell in row.cells:
            column += cell_len(cell.char)
            if column > x + scroll_x:
                return cell.finding
        return -1

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        index = -1 if offset is None else self.finding_at(offset.x, offset.y)
        if index >= 0:
            self.post_message(self.FindingClicked(index))
