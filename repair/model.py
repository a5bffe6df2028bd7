"""Core data model: spans, edits, proposals, findings and decisions (frozen dataclasses)."""

from __future__ import annotations

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


CATEGORIES = (
    "entity",
    "sentence",
    "untranslated",
    "boilerplate",
    "duplicate",
    "orthography",
    "encoding",
    "spelling",
    "typography",
)


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

    @classmethod
    def replacing(
        cls,
        code: str,
        name: str,
        category: str,
        severity: Severity,
        span: Span,
        original: str,
        message: str,
        options: list[tuple[str, float, Applicability, str]],
    ) -> Finding:
        """A finding whose proposals each replace `span` (reading `original`) with one text.

        `options` are (replacement, confidence, applicability, rationale) tuples.
        """
        proposals = tuple(
            Proposal((Edit(span, original, text),), round(confidence, 3), tier, why)
            for text, confidence, tier, why in options
        )
        return cls(code, name, category, severity, span, original, message, proposals)


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
