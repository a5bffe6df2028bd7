"""The list of findings: state, code, text, best proposal and its confidence."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from repair.model import Verdict
from repair.review.file import FileReview
from tui.bidi import VISUAL, for_display

MARKS = {None: "·", Verdict.ACCEPTED: "✓", Verdict.REJECTED: "✗", Verdict.EDITED: "✎"}
MARK_STYLES = {None: "", Verdict.ACCEPTED: "green", Verdict.REJECTED: "red", Verdict.EDITED: "yellow"}


def clip(text: str, width: int) -> str:
    """One line of at most `width` characters (an ellipsis marks a cut)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


class FindingsTable(DataTable):
    """Findings of the current file, filtered by category; the cursor row is the current finding."""

    KEYS = ("state", "code", "text", "proposal", "conf")
    LABELS = ("", "code", "text", "proposal", "conf")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.shown: list[int] = []
        self.review: FileReview | None = None
        self.bidi = VISUAL
        self._widths: tuple[int, ...] = ()

    def _column_widths(self) -> tuple[int, ...]:
        """State, code and confidence are fixed; text and proposal share what is left."""
        rows_fit = len(self.shown) + 1 <= self.size.height
        scrollbar = 0 if rows_fit else self.styles.scrollbar_size_vertical
        available = (self.size.width or 60) - scrollbar - 2 * self.cell_padding * 5
        flexible = max(12, available - 2 - 6 - 4)
        return (2, 6, flexible // 2, flexible - flexible // 2, 4)

    def show(self, review: FileReview, shown: list[int]) -> None:
        """Fill the table with the `shown` findings and put the cursor on the current one."""
        self.review, self.shown = review, list(shown)
        widths = self._column_widths()
        if widths != self._widths:
            self.clear(columns=True)
            self._widths = widths
            for key, label, width in zip(self.KEYS, self.LABELS, widths, strict=True):
                self.add_column(label, width=width, key=key)
        else:
            self.clear()
        for i in shown:
            self.add_row(*self._cells(review, i), key=str(i))
        self.sync(review)

    def on_resize(self) -> None:
        if self.review is not None and self._column_widths() != self._widths:
            self.show(self.review, self.shown)

    def _cells(self, review: FileReview, i: int) -> list[Text]:
        finding = review.findings[i]
        verdict = review.verdict(i)
        entry = review.entries.get(i)
        best = finding.best
        if entry is not None and entry.replacement is not None:
            proposal = entry.replacement
        else:
            proposal = best.replacement if best and best.replacement != finding.text else "—"
        confidence = f"{best.confidence:.2f}" if best else ""
        mark = MARKS[verdict] + ("+" if entry is not None and entry.learn else "")
        return [
            Text(mark, style=MARK_STYLES[verdict]),
            Text(finding.code),
            Text(for_display(clip(finding.text, self._widths[2]), self.bidi)),
            Text(for_display(clip(proposal, self._widths[3]), self.bidi)),
            Text(confidence),
        ]

    def refresh_rows(self, review: FileReview) -> None:
        """Update the state and proposal cells after decisions changed."""
        for i in self.shown:
            cells = self._cells(review, i)
            for key, value in zip(self.KEYS, cells, strict=True):
                self.update_cell(str(i), key, value)
        self.sync(review)

    def sync(self, review: FileReview) -> None:
        """Move the cursor to the current finding (when it is shown)."""
        if review.current in self.shown:
            row = self.shown.index(review.current)
            if self.cursor_row != row:
                self.move_cursor(row=row, animate=False)
