"""Core data model: categories, spans, edits, proposals, findings, detector hits and decisions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Applicability(StrEnum):
    """How a proposal may be applied: batch (safe), with review (suggest), or never (display)."""

    SAFE = "safe"
    SUGGEST = "suggest"
    DISPLAY = "display"


class Severity(StrEnum):
    """How bad a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Category:
    """A kind of artifact: its name, what it covers, and whether the gold benches score it."""

    name: str
    covers: str
    scored: bool  # the benches' gold files annotate it (../shared/bench/score.py's categories)


# The one table of categories: Finding checks against it; eval's scored list and the review
# screen's highlight classes derive from it (the colours themselves are in tui/review.tcss).
CATEGORY_TABLE: tuple[Category, ...] = (
    Category("entity", "names of people, places and organisations", scored=True),
    Category("sentence", "glued words, spliced clauses, damaged sentence boundaries", scored=True),
    Category("untranslated", "text left in another language", scored=True),
    Category("boilerplate", "web-page residue and disclaimers", scored=True),
    Category("duplicate", "repeated paragraphs or blocks", scored=True),
    Category("orthography", "Persian orthography: ZWNJ, Arabic letters, mixed spellings", scored=True),
    Category("encoding", "mojibake and other encoding damage", scored=False),
    Category("mismatch", "numbers and links of a unit's source missing from its target", scored=False),
    Category("spelling", "misspelled words (no detector reports it yet)", scored=False),
    Category("typography", "typographic conventions (no detector reports it yet)", scored=False),
)
CATEGORIES: tuple[str, ...] = tuple(c.name for c in CATEGORY_TABLE)
SCORED_CATEGORIES: tuple[str, ...] = tuple(c.name for c in CATEGORY_TABLE if c.scored)


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open range of code-point offsets into a decoded text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share a code point (or are both empty at one offset)."""
        if self.start == self.end == other.start == other.end:
            return True
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text under `span` (which must still read `original`) with `replacement`."""

    span: Span
    original: str
    replacement: str


@dataclass(frozen=True, slots=True)
class Proposal:
    """One way to repair a finding: its edits, a confidence in [0, 1], why, and how to apply it."""

    edits: tuple[Edit, ...]
    confidence: float
    applicability: Applicability
    rationale: str

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside [0, 1]")

    @property
    def replacement(self) -> str:
        """The replacement text of the first edit (what the JSON report shows)."""
        return self.edits[0].replacement if self.edits else ""


@dataclass(frozen=True, slots=True)
class Finding:
    """A suspected artifact: the pattern it matches, where it is, and proposals best first."""

    code: str
    name: str
    category: str
    severity: Severity
    span: Span
    text: str
    message: str
    proposals: tuple[Proposal, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        ordered = tuple(sorted(self.proposals, key=lambda p: -p.confidence))
        object.__setattr__(self, "proposals", ordered)

    @property
    def best(self) -> Proposal | None:
        """The most confident proposal, if any."""
        return self.proposals[0] if self.proposals else None


Option = tuple[str, float, Applicability, str]
"""A replacement of a hit's span: (text, confidence, applicability, rationale)."""


@dataclass(frozen=True, slots=True)
class Hit:
    """What a detector yields: the span it flags, the text there, why, and proposals.

    `Detector.run` completes it into a `Finding` with the detector's code, name, category and
    severity; `severity` is set only by a detector whose hits differ in severity.
    """

    span: Span
    text: str
    message: str
    proposals: tuple[Proposal, ...] = ()
    severity: Severity | None = None

    @classmethod
    def replacing(
        cls,
        span: Span,
        original: str,
        message: str,
        options: Iterable[Option],
        severity: Severity | None = None,
    ) -> Hit:
        """A hit whose proposals each replace `span` (reading `original`) with one text.

        `options` are (replacement, confidence, applicability, rationale) tuples; confidences
        are rounded to three decimals.
        """
        proposals = tuple(
            Proposal((Edit(span, original, text),), round(confidence, 3), tier, why)
            for text, confidence, tier, why in options
        )
        return cls(span, original, message, proposals, severity)

    def finding(self, code: str, name: str, category: str, severity: Severity) -> Finding:
        """The complete finding, with `severity` unless the hit sets its own."""
        own = self.severity if self.severity is not None else severity
        return Finding(code, name, category, own, self.span, self.text, self.message, self.proposals)


class Verdict(StrEnum):
    """What a reviewer decided about a finding."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EDITED = "edited"


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's decision on one finding, identified by code, span and text."""

    code: str
    span: Span
    text: str
    verdict: Verdict
    replacement: str | None = None
