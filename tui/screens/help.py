"""The help screen: every key of the review screen, and what the marks and colours mean."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keys import KEY_HELP

LEGEND = (
    "Marks: · open  ✓ accepted  ✗ rejected  ✎ edited  + learned.\n"
    "Accepted fixes are shown struck through, followed by the replacement. "
    "Saving writes the text and FILE.mt-review.json beside it; rejected findings "
    "are not raised again by `mt-repair check`. Learned name fixes go to "
    "$MT_REPAIR_LEARNED (default: the user data folder, mt-repair/learned.toml)."
)


def keys_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for keys, what in KEY_HELP:
        table.add_row(keys, what)
    return table


class HelpScreen(ModalScreen[None]):
    """Keys and legend; any of Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog", classes="dialog") as dialog:
            dialog.border_title = "mt-repair review: keys"
            dialog.border_subtitle = "Esc closes"
            yield Static(keys_table(), id="help-keys")
            yield Static(Text(LEGEND), id="help-legend")
