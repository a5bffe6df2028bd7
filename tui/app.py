"""`mt-repair review`: the Textual app that drives a repair.review.session.ReviewSession."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

from repair.review.session import ReviewSession
from tui.bidi import VISUAL
from tui.screens.modals import ConfirmQuitScreen
from tui.screens.review import ReviewScreen


class ReviewApp(App[None]):
    """Review the findings of one or more files; quitting with unsaved decisions asks first."""

    CSS_PATH = "review.tcss"
    TITLE = "mt-repair review"

    def __init__(self, session: ReviewSession, *, bidi: str = VISUAL) -> None:
        super().__init__()
        self.session = session
        self.bidi = bidi

    def on_mount(self) -> None:
        self.push_screen(ReviewScreen(self.session, self.bidi))

    @property
    def review_screen(self) -> ReviewScreen:
        return next(s for s in self.screen_stack if isinstance(s, ReviewScreen))

    async def action_quit(self) -> None:
        """Quit, asking first when some decisions are not saved."""
        if not self.session.dirty:
            self.exit()
            return
        if isinstance(self.screen, ConfirmQuitScreen):
            return
        dirty = sum(f.dirty for f in self.session.loaded())

        def chosen(choice: str | None) -> None:
            if choice == "save":
                self.review_screen.action_save()
                if not self.session.dirty:
                    self.exit()
            elif choice == "discard":
                self.exit()

        self.push_screen(ConfirmQuitScreen(dirty), chosen)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        review = self.review_screen
        yield SystemCommand("Save", "Write the repaired text and the decisions", review.action_save)
        yield SystemCommand(
            "Accept all safe", "Accept every safe fix of this file", review.action_accept_safe
        )
        yield SystemCommand("Help", "Keys and legend", review.action_help)
        yield SystemCommand(
            "Toggle right-to-left display", "Visual or logical order", review.action_toggle_bidi
        )
        for category in [None, *self.session.categories()]:
            label = category or "all"
            yield SystemCommand(
                f"Filter: {label}",
                f"Show {label} findings",
                lambda c=category: self._filter(c),
            )
        for i, path in enumerate(self.session.paths):
            yield SystemCommand(f"Open {path}", "Review this file", lambda i=i: self._open(i))

    def _filter(self, category: str | None) -> None:
        self.session.set_category(category)
        self.review_screen.reload()

    def _open(self, i: int) -> None:
        screen = self.review_screen
        screen.action_switch_file(i - self.session.file_index)
