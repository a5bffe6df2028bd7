"""Messages the widgets post to the screen."""

from __future__ import annotations

from textual.message import Message


class IndexMessage(Message):
    """A message about the item at `index` (a finding, a proposal)."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
