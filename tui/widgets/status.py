"""The status bar: file, position, decision counts, filter, unsaved mark and the last message."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from repair.review.session import ReviewSession


def status_text(session: ReviewSession, message: str = "") -> Text:
    """`article.txt [1/2]  3/6  open 4 ✓1 ✗1 ✎0  entity  ● unsaved  <message>` (a clean file:
    `clean.txt  no findings in this file: nothing to review`)."""
    review = session.file
    counts = review.counts()
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(Path(review.path).name, style="bold")
    if len(session.sources) > 1:
        text.append(f" [{session.file_index + 1}/{len(session.sources)}]")
    total = len(review.findings)
    if not total:  # a clean file: say so rather than show an empty 0/0
        text.append("  no findings in this file: nothing to review", style="green")
    else:
        text.append(f"  {review.current + 1}/{total}")
        text.append(f"  open {counts.open}")
        text.append(f" ✓{counts.accepted}", style="green")
        text.append(f" ✗{counts.rejected}", style="red")
        text.append(f" ✎{counts.edited}", style="yellow")
    if session.category:
        text.append(f"  [{session.category}]", style="bold")
    if session.dirty:
        text.append("  ● unsaved", style="bold")
    if message:
        text.append(f"  {message}", style="italic")
    return text


class StatusBar(Static):
    """One line at the bottom of the review screen."""

    def show(self, session: ReviewSession, message: str = "") -> None:
        self.update(status_text(session, message))
