"""The layout of a formatted file: its translatable segments and a same-length view for the
detectors.

The view is the file text with every character outside a segment, and the markup and escapes
inside one, shown as a space (newlines are kept), so offsets, lines and columns in the view are
those of the file. Detectors run on the view; `Layout.adapt` keeps only what can be applied to
the file itself: spans whose view text is the file text (never a tag, an escape or markup), inside
one segment, with replacements escaped for the format.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from repair.errors import UserError
from repair.model import Applicability, Edit, Finding, Proposal, Span

_NOT_NEWLINE = re.compile(r"[^\n]+")
# Placeholders of software strings (printf and Python %-formats, {0}/{name} brace formats, ${var}):
# code that the program fills in, as much markup as a tag; never spaced, split or translated
PLACEHOLDER = re.compile(
    r"%\(\w+\)[-+ #0]*\d*(?:\.\d+)?[a-zA-Z]|%\d+\$[-+#0]*\d*(?:\.\d+)?[a-zA-Z]"
    r"|%[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsaA%]|\{\w*(?:[.:!][^{}\s]*)?\}|\$\{[^{}\s]*\}"
)
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
REFUSAL_CHARS = 120  # of a format library's reason: enough to say what and where, one line in a report


def refused(path: str, what: str, exc: Exception) -> UserError:
    """The one-line error for a file its format's library refuses (polib, srt): what the file is
    not, and the first line of the library's reason."""
    return UserError(f"{path}: not {what} ({str(exc).splitlines()[0][:REFUSAL_CHARS]})")


def blank(text: str) -> str:
    """The text with every character but the newline shown as a space (same length)."""
    return _NOT_NEWLINE.sub(lambda m: " " * len(m.group()), text)


def masked_view(text: str, start: int, end: int, masks: Iterable[tuple[int, int, str]] = ()) -> str:
    """The view of text[start:end]: each mask (start, end, shown) is replaced by `shown` (what the
    markup or escape stands for, at most as long) padded with spaces; carriage returns become spaces."""
    pieces: list[str] = []
    pos = start
    for m_start, m_end, shown in sorted(masks):
        if m_start < pos or m_end > end:
            continue  # nested or outside: the outer mask already covers it
        pieces.append(text[pos:m_start])
        shown = shown if "\n" not in shown and len(shown) <= m_end - m_start else ""
        pieces.append(shown + blank(text[m_start + len(shown) : m_end]))
        pos = m_end
    pieces.append(text[pos:end])
    return "".join(pieces).replace("\r", " ")


def placeholder_masks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The placeholders in text[start:end], as masks."""
    return [(m.start(), m.end(), "") for m in PLACEHOLDER.finditer(text, start, end)]


def gap_masks(pieces: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """What lies between consecutive (start, end) pieces of one segment's text (a continued
    string's quotes and line break, an inline tag, the next line's indent), as masks."""
    return [(b, c, "") for (_, b), (c, _) in itertools.pairwise(pieces)]


def reference_shown(reference: str) -> str:
    """What a character reference (`&amp;`, `&#233;`) shows in the view: the one character it
    stands for, else nothing (it is masked like a tag)."""
    shown = html.unescape(reference)
    return shown if len(shown) == 1 else ""


def line_starts(text: str) -> list[int]:
    """The offset each line of `text` starts at (line n, counted from 0, at index n)."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


@dataclass(frozen=True, slots=True)
class Segment:
    """Translatable target text at file offsets [start, end); `view` is its same-length view."""

    start: int
    end: int
    view: str
    source: str | None = None  # the source text of a bilingual unit, as plain text
    unit: str | None = None  # the unit's id (XLIFF id, PO msgctxt + msgid, SRT cue number)
    note: str | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def plain(self) -> str:
        """The target as plain text (markup shown as spaces, whitespace collapsed)."""
        return " ".join(self.view.split())


@dataclass(frozen=True)
class Layout:
    """A parsed file: its text, its format and segments, and the languages it declares."""

    format: str
    text: str
    segments: tuple[Segment, ...]
    units: bool  # segments are units (PO entries, XLIFF targets, cues): never emptied, may repeat
    escape: Callable[[str], str] = field(default=lambda s: s, repr=False, compare=False)
    source_language: str | None = None
    target_language: str | None = None

    @cached_property
    def view(self) -> str:
        """The same-length view detectors see."""
        pieces, pos = [], 0
        for segment in self.segments:
            pieces.append(blank(self.text[pos : segment.start]))
            pieces.append(segment.view)
            pos = segment.end
        pieces.append(blank(self.text[pos:]))
        view = "".join(pieces)
        if len(view) != len(self.text):
            raise AssertionError(f"{self.format} view is {len(view)} long for a text of {len(self.text)}")
        return view

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.segments]

    def segment_at(self, span: Span) -> Segment | None:
        """The segment that holds the span (its start inside it, or an empty span at its end)."""
        i = bisect.bisect_right(self._starts, span.start) - 1
        if i < 0:
            return None
        segment = self.segments[i]
        return segment if span.start < segment.end or span.start == span.end == segment.end else None

    def _as_is(self, span: Span) -> bool:
        """True when the detectors saw the file's own text there (no markup, no escape)."""
        return self.view[span.start : span.end] == self.text[span.start : span.end]

    def _reach(self, segment: Segment) -> Span:
        """How far an edit from `segment` may reach: the segment itself for units, else also the
        whitespace between it and its neighbours (a deleted line takes its blank lines with it)."""
        if self.units:
            return segment.span
        text, start, end = self.text, segment.start, segment.end
        while start > 0 and text[start - 1] in " \t\n" and self._outside(start - 1):
            start -= 1
        while end < len(text) and text[end] in " \t\n" and self._outside(end):
            end += 1
        return Span(start, end)

    def _outside(self, offset: int) -> bool:
        """True when no segment holds the character at `offset`."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return i < 0 or offset >= self.segments[i].end

    def adapt(self, findings: Sequence[Finding]) -> list[Finding]:
        """The findings that hold in the file: over its own text, inside a segment; proposals
        that would reach outside it are dropped, and one that would empty a unit is display only.

        A finding that runs past its segment over what the view shows as blank (a residue line
        and its line break, the quote or tag after a unit) is cut back to the segment, and its
        proposals, cut back the same way, become display only: an editor decides."""
        kept = []
        for finding in findings:
            segment = self._segment_of(finding.span)
            if segment is None:
                continue
            outside = finding.span.start < segment.start or finding.span.end > segment.end
            cut = outside and (self.units or not self._as_is(finding.span))
            if cut:
                span = self._clipped(finding.span, segment)
                if span is None:
                    continue  # it runs into another segment
                finding = replace(finding, span=span, text=self.text[span.start : span.end])
            if not self._as_is(finding.span):
                if finding.proposals or finding.span.end > segment.end:
                    continue  # a repair there would rewrite markup or an escape
                finding = replace(finding, text=self.text[finding.span.start : finding.span.end])
            if self.units and finding.category == "duplicate" and self._whole(finding.span, segment):
                continue  # the same short string in two units ("Cancel", "OK") is normal in these files
            proposals = tuple(p for p in (self._proposal(p, segment, cut) for p in finding.proposals) if p)
            kept.append(replace(finding, proposals=proposals) if proposals != finding.proposals else finding)
        return kept

    def _segment_of(self, span: Span) -> Segment | None:
        """The segment a span starts in, past what the view shows as blank (a line's indent)."""
        start = span.start
        while start < span.end and self.view[start].isspace():
            start += 1
        return self.segment_at(Span(start, start) if start < span.end else span)

    def _clipped(self, span: Span, segment: Segment) -> Span | None:
        """The span cut back to the segment, or None when what is cut off is not blank in the view
        (it reaches another segment) or nothing is left."""
        start, end = max(span.start, segment.start), min(span.end, segment.end)
        if self.view[span.start : start].strip() or self.view[end : span.end].strip():
            return None
        while end > start and self.view[end - 1].isspace():
            end -= 1
        while start < end and self.view[start].isspace():
            start += 1
        return Span(start, end) if end > start else None

    def _whole(self, span: Span, segment: Segment) -> bool:
        return (
            not segment.view[: span.start - segment.start].strip()
            and not segment.view[span.end - segment.start :].strip()
        )

    def _proposal(self, proposal: Proposal, segment: Segment, cut: bool = False) -> Proposal | None:
        reach = self._reach(segment)
        edits = []
        for edit in proposal.edits:
            span = edit.span
            if cut and (span.start < segment.start or span.end > segment.end):
                clipped = self._clipped(span, segment)
                if clipped is None:
                    return None
                span = clipped
                edit = Edit(span, self.text[span.start : span.end], edit.replacement)
            if span.start < reach.start or span.end > reach.end or not self._as_is(span):
                return None
            edits.append(Edit(span, edit.original, self.escape(edit.replacement)))
        tier = proposal.applicability
        if cut or (self.units and tier != Applicability.DISPLAY and self._empties(edits, segment)):
            tier = Applicability.DISPLAY
        return replace(proposal, edits=tuple(edits), applicability=tier)

    def _empties(self, edits: list[Edit], segment: Segment) -> bool:
        """True when the edits would leave the unit without a letter or digit."""
        view, base = segment.view, segment.start
        for edit in sorted(edits, key=lambda e: -e.span.start):
            view = view[: edit.span.start - base] + edit.replacement + view[edit.span.end - base :]
        return _LETTER_OR_DIGIT.search(view) is None


def language_base(tag: str | None) -> str | None:
    """The language of a file's tag ("en-US", "fr_FR" -> "en", "fr"), lower case; None when empty."""
    if not tag or not tag.strip():
        return None
    return re.split(r"[-_@.]", tag.strip(), maxsplit=1)[0].lower() or None
