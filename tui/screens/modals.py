"""Modal screens: edit a replacement, confirm quitting with unsaved decisions."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from repair.model import Finding
from tui.bidi import VISUAL, for_display, has_rtl


class EditScreen(ModalScreen[str | None]):
    """Type the replacement for a finding; Enter keeps it, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, finding: Finding, initial: str, bidi: str = VISUAL) -> None:
        super().__init__()
        self.finding = finding
        self.initial = initial
        self.bidi = bidi

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-dialog", classes="dialog") as dialog:
            dialog.border_title = f"Edit {self.finding.code}"
            yield Label(Text(for_display(f"Replace '{self.finding.text}' with:", self.bidi, rtl=False)))
            yield Input(self.initial, id="edit-input", select_on_focus=False)
            if has_rtl(self.initial) and self.bidi == VISUAL:
                yield Static(Text(f"shown: {for_display(self.initial, self.bidi)}"), id="edit-preview")
            yield Static("Enter keeps · Escape cancels · the original text = reject", classes="hint")

    def on_input_changed(self, event: Input.Changed) -> None:
        for preview in self.query("#edit-preview").results(Static):
            preview.update(Text(f"shown: {for_display(event.value, self.bidi)}"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmQuitScreen(ModalScreen[str | None]):
    """Unsaved decisions: save and quit, quit without saving, or go back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('save')", "Save & quit"),
        Binding("d", "choose('discard')", "Discard"),
        Binding("escape,c", "choose('')", "Cancel"),
    ]

    def __init__(self, files: int) -> None:
        super().__init__()
        self.files = files

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog") as dialog:
            dialog.border_title = "Unsaved decisions"
            yield Label(f"{self.files} file(s) have decisions that are not saved.")
            with Horizontal(id="confirm-buttons"):
                yield Button("Save & quit (s)", id="save", variant="primary")
                yield Button("Discard (d)", id="discard", variant="error")
                yield Button("Cancel (esc)", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose("" if event.button.id == "cancel" else str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice or None)
