"""ReviewSession: the editor's review of one or more files, independent of any user interface.

The session holds the documents, their findings, the current position, the decisions and
their undo/redo history (per file, see `repair.review.file.FileReview`) and persists them
beside each text (`repair.decisions`). `rejected_filter` (from `repair.decisions`) drops
findings an editor rejected; `learned_dictionary_path` names the dictionary learned from accepted name fixes.
Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from repair import decisions as store
from repair.decisions import rejected_filter, rejection_filter
from repair.engine import check_text
from repair.review.file import Counts, Entry, FileReview, ReviewError, SaveResult
from repair.settings import RunSettings, learned_dictionary_path, learned_target

if TYPE_CHECKING:
    from repair.context import Context
    from repair.files import SourceText
    from repair.model import Finding

__all__ = [
    "Counts",
    "Entry",
    "FileReview",
    "ReviewError",
    "ReviewSession",
    "SaveResult",
    "learned_dictionary_path",
    "learned_target",
    "rejected_filter",
    "rejection_filter",
]


class ReviewSession:
    """Several files under review, one current; files are analysed when first shown."""

    def __init__(
        self,
        sources: Sequence[SourceText],
        context: Context,
        settings: RunSettings | None = None,
        *,
        learned: Path | None = None,
    ) -> None:
        if not sources:
            raise ReviewError("nothing to review")
        self.sources = list(sources)
        self.context = context
        self.settings = settings or RunSettings()  # language, detectors, format and limits, as `check`'s
        self.learned = learned  # where learned name fixes go (default: learned_target())
        self.category: str | None = None  # show and step through this category only
        self.file_index = 0
        self._files: dict[int, FileReview] = {}

    @classmethod
    def open(
        cls,
        paths: Sequence[str],
        context: Context,
        settings: RunSettings | None = None,
        *,
        learned: Path | None = None,
    ) -> ReviewSession:
        """Read every file first (a bad one is a UserError before anything is shown)."""
        from repair.files import read_source

        limit = (settings or RunSettings()).max_file_bytes
        return cls([read_source(str(p), limit) for p in paths], context, settings, learned=learned)

    # -- files ---------------------------------------------------------------------------
    @property
    def paths(self) -> list[str]:
        return [s.path for s in self.sources]

    @property
    def file(self) -> FileReview:
        """The current file (analysed on first use)."""
        return self.load(self.file_index)

    def load(self, i: int) -> FileReview:
        review = self._files.get(i)
        if review is None:
            source = self.sources[i]
            document, findings = check_text(  # rejections are shown: the editor may change them
                source.text, source.path, self.settings, self.context, drop_rejected=False
            )
            review = self._files[i] = FileReview(
                source,
                document,
                findings,
                store.load(source.path),
                index=self.context.index,
                min_confidence=self.settings.min_confidence,
            )
        return review

    def switch(self, i: int) -> FileReview:
        """Make file `i` (wrapping round) current."""
        review = self.load(i % len(self.sources))
        self.file_index = i % len(self.sources)
        return review

    def loaded(self) -> list[FileReview]:
        return [self._files[i] for i in sorted(self._files)]

    @property
    def dirty(self) -> bool:
        """True when some file has unsaved decisions."""
        return any(f.dirty for f in self._files.values())

    def save(self) -> list[SaveResult]:
        """Save every file with unsaved decisions (the current one always); each result says how
        many findings `check` reports on the saved text (a fix can reveal one nobody decided)."""
        targets = [f for f in self.loaded() if f.dirty or f is self.file]
        results = [f.save(self.learned) for f in targets]
        for review, result in zip(targets, results, strict=True):
            result.remaining = len(self.check_saved(review))
        return results

    def check_saved(self, review: FileReview) -> list[Finding]:
        """What `check` reports on the file as saved: its findings without the rejected ones."""
        from repair.files import read_source

        source = read_source(review.path, self.settings.max_file_bytes)
        return check_text(source.text, source.path, self.settings, self.context)[1]

    # -- navigation ----------------------------------------------------------------------
    def visible(self) -> list[int]:
        """Indices of the current file's findings that the category filter shows."""
        return [
            i
            for i, f in enumerate(self.file.findings)
            if self.category is None or f.category == self.category
        ]

    def categories(self) -> list[str]:
        """Categories present in the current file, in order of first appearance."""
        return list(dict.fromkeys(f.category for f in self.file.findings))

    def set_category(self, category: str | None) -> None:
        """Filter by category (None: all); the current finding moves into the filter."""
        self.category = category
        shown, current = self.visible(), self.file.current
        if shown and current not in shown:
            self.file.current = min(shown, key=lambda i: (abs(i - current), i))

    def cycle_category(self) -> str | None:
        """Next category filter: all, then each category present, then all again."""
        options: list[str | None] = [None, *self.categories()]
        position = options.index(self.category) if self.category in options else 0
        self.set_category(options[(position + 1) % len(options)])
        return self.category

    def goto(self, i: int) -> None:
        if 0 <= i < len(self.file.findings):
            self.file.current = i

    def step(self, delta: int, *, same_category: bool = False) -> bool:
        """Move to the next (+1) or previous (-1) shown finding, or of the current one's category."""
        review = self.file
        if not review.findings:
            return False
        if same_category:
            category = review.findings[review.current].category
            shown = [i for i, f in enumerate(review.findings) if f.category == category]
        else:
            shown = self.visible()
        ahead = [i for i in shown if (i - review.current) * delta > 0]
        if not ahead:
            return False
        review.current = min(ahead) if delta > 0 else max(ahead)
        return True
