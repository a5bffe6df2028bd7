"""The review screen: document, findings list, proposals panel, status bar, footer."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer

from repair.errors import UserError
from repair.review.session import ReviewError, ReviewSession
from tui.bidi import LOGICAL, MODES, VISUAL
from tui.keys import BINDINGS
from tui.screens.help import HelpScreen
from tui.screens.modals import EditScreen
from tui.widgets.document import DocumentView
from tui.widgets.findings import FindingsTable
from tui.widgets.proposals import ProposalsPanel
from tui.widgets.status import StatusBar


class ReviewScreen(Screen[None]):
    """Review the findings of one file at a time; every decision goes through the session."""

    BINDINGS = BINDINGS
    AUTO_FOCUS = "#findings"

    def __init__(self, session: ReviewSession, bidi: str = VISUAL) -> None:
        super().__init__()
        self.session = session
        self.bidi = bidi if bidi in MODES else VISUAL
        self.message = ""

    def compose(self) -> ComposeResult:
        yield DocumentView(id="document")
        with Horizontal(id="lower"):
            yield FindingsTable(id="findings")
            yield ProposalsPanel(id="proposals")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    # -- display -------------------------------------------------------------------------
    def reload(self) -> None:
        """Redraw everything for the current file (after a file switch, a filter, undo...)."""
        review = self.session.file
        shown = self.session.visible()
        table = self.query_one(FindingsTable)
        table.bidi = self.query_one(ProposalsPanel).bidi = self.bidi
        table.show(review, shown)
        table.border_title = Text(f"Findings · {self.session.category or 'all'} · {len(shown)}")
        self.query_one(DocumentView).border_title = Text(review.path)
        self.refresh_decisions()

    def refresh_decisions(self) -> None:
        """Redraw after a decision or a move (the rows stay the same)."""
        review = self.session.file
        self.query_one(FindingsTable).refresh_rows(review)
        self.query_one(DocumentView).show(review, self.session.visible(), self.bidi)
        self.query_one(ProposalsPanel).show(review)
        self.query_one(StatusBar).show(self.session, self.message)

    def say(self, message: str) -> None:
        self.message = message
        self.query_one(StatusBar).show(self.session, message)

    def _decide(self, action, *args, **kwargs) -> None:
        try:
            self.message = action(*args, **kwargs) or ""
        except ReviewError as exc:
            self.message = ""
            self.notify(str(exc), severity="warning", timeout=4)
        self.refresh_decisions()

    # -- events --------------------------------------------------------------------------
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = self.query_one(FindingsTable)
        if event.cursor_row != table.cursor_row or not 0 <= event.cursor_row < len(table.shown):
            return  # stale: the cursor moved again since
        index = table.shown[event.cursor_row]
        if index != self.session.file.current:
            self.session.goto(index)
            self.message = ""
            self.refresh_decisions()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.query_one("#proposal-list").focus()

    def on_proposals_panel_chosen(self, event: ProposalsPanel.Chosen) -> None:
        self._decide(self.session.file.accept, event.index)

    def on_document_view_finding_clicked(self, event: DocumentView.FindingClicked) -> None:
        if event.index not in self.session.visible():
            self.session.set_category(None)
            self.session.goto(event.index)
            self.reload()
        else:
            self.session.goto(event.index)
            self.refresh_decisions()

    # -- actions -------------------------------------------------------------------------
    def action_accept(self) -> None:
        focused_on_proposals = self.focused is not None and self.focused.id == "proposal-list"
        choice = self.query_one(ProposalsPanel).highlighted if focused_on_proposals else 0
        self._decide(self.session.file.accept, choice)

    def action_accept_nth(self, k: int) -> None:
        self._decide(self.session.file.accept, k)

    def action_reject(self) -> None:
        self._decide(self.session.file.reject)

    def action_learn(self) -> None:
        review = self.session.file
        if review.current in review.entries:
            self._decide(review.toggle_learn)
        else:
            self._decide(review.accept, self.query_one(ProposalsPanel).highlighted, learn=True)

    def action_clear(self) -> None:
        self._decide(self.session.file.clear)

    def action_accept_safe(self) -> None:
        count = self.session.file.accept_safe()
        self.message = f"accepted {count} safe fix(es)" if count else "no open safe fixes"
        self.refresh_decisions()

    def action_undo(self) -> None:
        label = self.session.file.undo()
        self.message = f"undone: {label}" if label else "nothing to undo"
        self.refresh_decisions()

    def action_redo(self) -> None:
        label = self.session.file.redo()
        self.message = f"redone: {label}" if label else "nothing to redo"
        self.refresh_decisions()

    def action_edit(self) -> None:
        review = self.session.file
        finding = review.finding
        if finding is None:
            return
        entry = review.entries.get(review.current)
        if entry is not None and entry.replacement is not None:
            initial = entry.replacement
        else:
            initial = finding.best.replacement if finding.best else finding.text

        def done(replacement: str | None) -> None:
            if replacement is not None:
                self._decide(review.edit, replacement)

        self.app.push_screen(EditScreen(finding, initial, self.bidi), done)

    def action_step(self, delta: int) -> None:
        if self.session.step(delta):
            self.message = ""
            self.refresh_decisions()
        else:
            self.say("last finding" if delta > 0 else "first finding")

    def action_step_category(self, delta: int) -> None:
        if self.session.step(delta, same_category=True):
            if self.session.file.current not in self.session.visible():
                self.session.set_category(None)
                self.reload()
            else:
                self.refresh_decisions()
        else:
            self.say("no more findings of this category")

    def action_filter(self) -> None:
        category = self.session.cycle_category()
        self.message = f"showing {category or 'all'} findings"
        self.reload()

    def action_switch_file(self, delta: int) -> None:
        if len(self.session.sources) < 2:
            self.say("only one file under review")
            return
        try:
            self.session.switch(self.session.file_index + delta)
        except UserError as exc:
            self.notify(str(exc), severity="error")
            return
        self.session.set_category(None)
        self.message = ""
        self.reload()

    def action_toggle_bidi(self) -> None:
        self.bidi = LOGICAL if self.bidi == VISUAL else VISUAL
        self.message = f"right-to-left text: {self.bidi} order"
        self.reload()

    def action_toggle_theme(self) -> None:
        self.app.theme = "textual-light" if self.app.current_theme.dark else "textual-dark"

    def action_save(self) -> None:
        try:
            results = self.session.save()
        except (UserError, OSError) as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=8)
            return
        applied = sum(r.applied for r in results)
        skipped = sum(len(r.skipped) for r in results)
        learned = sum(len(r.lessons) for r in results)
        message = f"saved {len(results)} file(s): {applied} fix(es) applied"
        if skipped:
            message += f", {skipped} not applied (overlap or text changed)"
        if learned:
            message += f", {learned} name(s) learned"
        remaining = sum(r.remaining or 0 for r in results)
        if remaining:
            message += f"; check finds {remaining} finding(s) in the saved text (reopen to review)"
        self.message = message
        self.refresh_decisions()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        await self.app.action_quit()
