"""DUP: a paragraph or block of lines repeated later in the same document."""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from repair.context import Context
from repair.document import Document, blank_from
from repair.model import Applicability, Hit, Span
from repair.registry import detector

MIN_WORDS = 8  # shorter repeats (a refrain, a dateline, "Load more") are legitimate
MIN_CHARS = 40  # a repeat must be this long in characters too: eight tiny words are not enough
SAFE_WORDS = 15  # an exact copy this long is a pasted duplicate: safe to delete
FUZZY_WORDS = 20  # only in paragraphs this long is a near-identical copy no coincidence
FUZZY_FLOOR = 95.0  # rapidfuzz ratio from which two long paragraphs are near-identical
# A ratio of FUZZY_FLOOR needs lengths within this factor of each other (the ratio is at most
# 2 * shorter / (shorter + longer)); a little wider, so that rounding never drops a row.
_LENGTH_RATIO = FUZZY_FLOOR / (200 - FUZZY_FLOOR) * (1 - 1e-9)
EXACT_CONFIDENCE = 0.95  # an exact copy of SAFE_WORDS or more
SHORT_EXACT_CONFIDENCE = 0.8  # a shorter exact copy: suggest
NEAR_CONFIDENCE = 0.7  # a near-identical paragraph: an editor picks which wording to keep

_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "})
_GUILLEMET_SPACE = re.compile(r"(«)\s+|\s+(»)")
_SPACE_BEFORE = re.compile(r"\s+([:;!?%»])")
_SPACES = re.compile(r"\s+")
_TRAILING_BLANKS = re.compile(r"(?:[ \t]*\n)*")


def normalise(line: str) -> str:
    """Compare lines after unifying quotes, guillemet and French punctuation spacing, and spaces."""
    text = unicodedata.normalize("NFKC", line).translate(_QUOTES)
    text = _GUILLEMET_SPACE.sub(lambda m: m.group(1) or m.group(2), text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Row:
    """A non-empty line: its span, normalised text and word count."""

    span: Span
    norm: str
    words: int


@dataclass(frozen=True, slots=True)
class Repeat:
    """A later copy (rows `first`..`last` of the copy) of rows starting at `source`."""

    source: int
    first: int
    last: int
    exact: bool
    score: float


def _rows(document: Document) -> list[Row]:
    text = document.text
    rows = []
    for span in document.lines:
        norm = normalise(text[span.start : span.end])
        if norm:
            rows.append(Row(span, norm, len(norm.split())))
    return rows


def _exact_block(rows: list[Row], earlier: list[int], j: int) -> tuple[int, int]:
    """The earlier start and length of the longest block at `j` copying an earlier block."""
    best = (-1, 0)
    for i in earlier:
        k = 0
        while j + k < len(rows) and i + k < j and rows[i + k].norm == rows[j + k].norm:
            k += 1
        if k > best[1]:
            best = (i, k)
    return best


def find_repeats(rows: list[Row]) -> list[Repeat]:
    """Later copies of earlier lines or blocks: exact after normalising, or near-identical and long."""
    long_rows = _LongRows(rows)
    seen: dict[str, list[int]] = {}
    out: list[Repeat] = []
    j = 0
    while j < len(rows):
        source, size = _exact_block(rows, seen.get(rows[j].norm, []), j)
        block = rows[j : j + size]
        words = sum(r.words for r in block)
        if size and words >= MIN_WORDS and sum(len(r.norm) for r in block) >= MIN_CHARS:
            out.append(Repeat(source, j, j + size - 1, True, 100.0))
            j += size
            continue
        fuzzy = long_rows.first_near_copy(j) if rows[j].words >= FUZZY_WORDS else None
        if fuzzy:
            out.append(Repeat(fuzzy[0], j, j, False, fuzzy[1]))
        seen.setdefault(rows[j].norm, []).append(j)
        j += 1
    return out


class _LongRows:
    """The long rows (FUZZY_WORDS or more) met so far, sorted by length: a near-identical copy is
    looked for only among rows of a length that can reach FUZZY_FLOOR, in one rapidfuzz call."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self.added = 0  # rows[:added] are in the index
        self.keys: list[tuple[int, int]] = []  # (length of the normalised text, row index), sorted
        self.texts: list[str] = []  # the normalised texts in the same order

    def first_near_copy(self, j: int) -> tuple[int, float] | None:
        """The first earlier long row whose ratio with row `j` reaches FUZZY_FLOOR, and the ratio."""
        from rapidfuzz import fuzz, process

        for i in range(self.added, j):
            if self.rows[i].words >= FUZZY_WORDS:
                key = (len(self.rows[i].norm), i)
                at = bisect.bisect(self.keys, key)
                self.keys.insert(at, key)
                self.texts.insert(at, self.rows[i].norm)
        self.added = max(self.added, j)
        size = len(self.rows[j].norm)
        low = bisect.bisect_left(self.keys, (math.floor(size * _LENGTH_RATIO), -1))
        high = bisect.bisect_right(self.keys, (math.ceil(size / _LENGTH_RATIO), len(self.rows)))
        if low >= high:
            return None
        found = process.extract(
            self.rows[j].norm, self.texts[low:high], scorer=fuzz.ratio, score_cutoff=FUZZY_FLOOR, limit=None
        )
        if not found:
            return None
        return min((self.keys[low + at][1], score) for _, score, at in found)


def deletion_span(text: str, start: int, end: int) -> Span:
    """The block with the newline(s) after it, or up to the end when only blanks follow."""
    if blank_from(text, end):
        return Span(start, len(text))
    blank = _TRAILING_BLANKS.match(text, end)
    return Span(start, blank.end() if blank else end)


@detector("DUP001", "repeated-block", "duplicate", "A paragraph or block repeated later in the document")
def repeated_block(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: finds a paragraph, or a run of consecutive lines, that repeats an earlier
    part of the same document, exactly or after unifying whitespace, quotes (’ and ') and
    guillemet spacing; long paragraphs that are near-identical (rapidfuzz ratio of 95 or more)
    are reported too. Short repeated lines (fewer than eight words: a refrain, a dateline,
    "Load more") are left alone.

    Why it matters: scrapers and translation pipelines often paste an article twice or repeat a
    paragraph; the copy doubles the text and confuses readers.

    Example: a 200-word article followed by a disclaimer and the same article again -> the
    second copy is deleted, with its separating newline.

    Fix safety: safe when the copy is exact after normalisation and at least fifteen words long;
    suggest for shorter copies and near-identical paragraphs (an editor picks which to keep).
    """
    rows = _rows(document)
    text = document.text
    for repeat in find_repeats(rows):
        first, last = rows[repeat.first], rows[repeat.last]
        span = deletion_span(text, first.span.start, last.span.end)
        original = text[span.start : span.end]
        words = sum(r.words for r in rows[repeat.first : repeat.last + 1])
        source_line = document.line_col(rows[repeat.source].span.start)[0]
        if repeat.exact:
            safe = words >= SAFE_WORDS
            confidence = EXACT_CONFIDENCE if safe else SHORT_EXACT_CONFIDENCE
            why = f"same text as line {source_line} after normalising spaces and quotes ({words} words)"
        else:
            safe, confidence = False, NEAR_CONFIDENCE
            why = f"near-identical to line {source_line} (similarity {repeat.score:.0f})"
        tier = Applicability.SAFE if safe else Applicability.SUGGEST
        lines = repeat.last - repeat.first + 1
        message = f"{lines} line(s) repeat the text at line {source_line}"
        yield Hit.replacing(span, original, message, [("", confidence, tier, why)])
