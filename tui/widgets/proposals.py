"""The proposals of the current finding: replacement, confidence, tier and rationale."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from repair.model import Finding, Verdict
from repair.review.file import FileReview
from tui.bidi import VISUAL, for_display
from tui.widgets.messages import IndexMessage

TIER_STYLES = {"safe": "green", "suggest": "yellow", "display": "magenta"}


def proposal_prompt(number: int, finding: Finding, k: int, chosen: bool, bidi: str) -> Text:
    """Two or more lines: `1 Witkoff  0.84 safe`, then the rationale."""
    proposal = finding.proposals[k]
    text = Text()
    text.append(f"{number} ", style="bold")
    replacement = proposal.replacement
    if replacement != finding.text:
        shown = for_display(replacement, bidi)
    else:
        shown = for_display(f"(keep '{replacement}')", bidi, rtl=False)
    text.append(shown, style="bold underline" if chosen else "bold")
    text.append(f"  {proposal.confidence:.2f} ")
    text.append(str(proposal.applicability), style=TIER_STYLES.get(str(proposal.applicability), ""))
    if chosen:
        text.append("  ✓ chosen", style="green")
    text.append("\n")
    text.append(for_display(proposal.rationale, bidi, rtl=False), style="italic")
    return text


class ProposalsPanel(Vertical):
    """What the finding is, and each way to repair it (select one to accept it)."""

    class Chosen(IndexMessage):
        """The editor selected proposal `index` (0 = best) to accept it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bidi = VISUAL

    def compose(self) -> ComposeResult:
        yield Static(id="finding-message")
        yield OptionList(id="proposal-list")

    def show(self, review: FileReview) -> None:
        """Describe the current finding of `review` and list its proposals."""
        message = self.query_one("#finding-message", Static)
        options = self.query_one("#proposal-list", OptionList)
        options.clear_options()
        finding = review.finding
        if finding is None:
            self.border_title = "Proposals"
            message.update("No findings in this file.")
            return
        entry = review.entries.get(review.current)
        self.border_title = f"{finding.code} {finding.name}"
        head = Text(for_display(finding.message, self.bidi, rtl=False))
        source = review.source_of(finding)
        if source:  # a bilingual file: the unit's source beside its target
            head.append("\nsource: ", style="bold")
            head.append(for_display(source, self.bidi))
        if entry is not None:
            head.append(f"\n{entry.verdict}", style=_verdict_style(entry.verdict))
            if entry.verdict == Verdict.EDITED:
                head.append(f": '{for_display(entry.replacement or '', self.bidi)}'")
            if entry.learn:
                head.append(" · will be learned", style="cyan")
        message.update(head)
        chosen = entry.proposal if entry is not None and entry.verdict == Verdict.ACCEPTED else None
        options.add_options(
            Option(proposal_prompt(k + 1, finding, k, k == chosen, self.bidi), id=str(k))
            for k in range(len(finding.proposals))
        )
        if finding.proposals:
            options.highlighted = chosen if chosen is not None else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option_index))

    @property
    def highlighted(self) -> int:
        """The proposal under the cursor (0 when none)."""
        highlighted = self.query_one("#proposal-list", OptionList).highlighted
        return highlighted or 0


def _verdict_style(verdict: Verdict) -> str:
    return {Verdict.ACCEPTED: "green", Verdict.REJECTED: "red", Verdict.EDITED: "yellow"}[verdict]
