"""DUP: a paragraph or block of lines repeated later in the same document."""

from __future__ import annotations

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
# MT repeats a segment right after itself or a few paragraphs on (a retried segment, an article
# pasted again after a notice); reference text repeats its formulae far apart, under each entry.
CLOSE_ROWS = 5  # at most this many non-empty lines between the source and its copy ...
# ... or no more than the copy is long (a long stretch pasted again after what separates them)

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


def _adjacent(rows: list[Row], i: int) -> bool:
    """True when row `i + 1` is on the line right after row `i` (same hard-wrapped paragraph)."""
    return rows[i + 1].span.start == rows[i].span.end + 1


def blank_separated(rows: list[Row]) -> bool:
    """True when some rows are not on consecutive lines: the document separates paragraphs
    with blank lines (one fact of the document, read once)."""
    return any(not _adjacent(rows, i) for i in range(len(rows) - 1))


def whole_paragraphs(rows: list[Row], first: int, last: int, separated: bool) -> bool:
    """True when rows `first`..`last` are whole paragraphs: in a document whose paragraphs are
    separated by blank lines, no line of the same paragraph directly precedes or follows them
    (a document without blank lines has a paragraph per line). A run cut out of a paragraph is
    a formula the text repeats ("Returns -1 on error."), not a segment translated twice."""
    if not separated:  # see blank_separated
        return True
    opens = first == 0 or not _adjacent(rows, first - 1)
    closes = last == len(rows) - 1 or not _adjacent(rows, last)
    return opens and closes


def is_close(repeat: Repeat) -> bool:
    """True when the copy follows its source within CLOSE_ROWS lines, or within its own length."""
    size = repeat.last - repeat.first + 1
    gap = repeat.first - (repeat.source + size)
    return gap <= max(CLOSE_ROWS, size)


def mt_repeat(rows: list[Row], repeat: Repeat, separated: bool) -> bool:
    """True when an exact repeat has the shape of MT duplication: whole paragraphs, copied close
    by, and not one paragraph restated after other text (`_restated`). Anything else is also
    what reference documentation shows (a note repeated under every entry it applies to, a
    line repeated inside an example) or news (a summary bullet restated), and is only suggested."""
    return _close_whole_paragraphs(rows, repeat, separated) and not _restated(rows, repeat, separated)


def _close_whole_paragraphs(rows: list[Row], repeat: Repeat, separated: bool) -> bool:
    size = repeat.last - repeat.first + 1
    return (
        is_close(repeat)
        and whole_paragraphs(rows, repeat.first, repeat.last, separated)
        and whole_paragraphs(rows, repeat.source, repeat.source + size - 1, separated)
    )


def _restated(rows: list[Row], repeat: Repeat, separated: bool) -> bool:
    """True for one paragraph repeated after other paragraphs of text (a row of MIN_WORDS words
    or more between the two): how news restates a sentence, summary bullets above the body or
    a pull quote inside it. MT repeats one paragraph right after itself (a retried segment), or
    a block of them after a notice or label, the short rows between them."""
    one_paragraph = (
        all(_adjacent(rows, i) for i in range(repeat.first, repeat.last))
        if separated
        else (repeat.first == repeat.last)
    )
    size = repeat.last - repeat.first + 1
    between = rows[repeat.source + size : repeat.first]
    return one_paragraph and any(row.words >= MIN_WORDS for row in between)


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
    """The long rows (FUZZY_WORDS or more) met so far, indexed so that a near-identical copy is
    looked for only among rows that can reach FUZZY_FLOOR, in one rapidfuzz call.

    Blocking by pigeonhole (lossless): a row of length L is cut into `_chunk_count(L)` equal
    pieces, more than the edits any text reaching the floor can be away from it; every edit
    breaks at most one piece, so a near copy holds at least two pieces intact, and a row is a
    candidate only when enough of its pieces occur in the query (hash lookups of every window
    of the query), within the length window the ratio allows. An intact piece moves in the copy
    by no more than the edits before it, so a piece counts only where the query holds it within
    that shift of its own place: a common piece ("of the p") found anywhere else in the query
    is no evidence, and the rows holding it elsewhere are never walked."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self.added = 0  # rows[:added] are in the index
        # piece size -> piece text -> piece number -> rows holding that piece there
        self.pieces: dict[int, dict[str, dict[int, list[int]]]] = {}
        self.lengths: dict[int, tuple[int, int]] = {}  # piece size -> shortest, longest row cut so
        self.counts: dict[int, int] = {}  # row -> how many pieces it was cut into
        self.uncut: list[int] = []  # rows too short to cut safely: always candidates

    def _add(self, i: int) -> None:
        text = self.rows[i].norm
        count = _chunk_count(len(text))
        size = len(text) // count
        if size < 1:
            self.uncut.append(i)
            return
        self.counts[i] = count
        shortest, longest = self.lengths.get(size, (len(text), len(text)))
        self.lengths[size] = (min(shortest, len(text)), max(longest, len(text)))
        pieces = self.pieces.setdefault(size, {})
        for m in range(count):
            pieces.setdefault(text[m * size : (m + 1) * size], {}).setdefault(m, []).append(i)

    def first_near_copy(self, j: int) -> tuple[int, float] | None:
        """The first earlier long row whose ratio with row `j` reaches FUZZY_FLOOR, and the ratio."""
        from rapidfuzz import fuzz, process

        for i in range(self.added, j):
            if self.rows[i].words >= FUZZY_WORDS:
                self._add(i)
        self.added = max(self.added, j)
        rows, query = self.rows, self.rows[j].norm
        low, high = math.floor(len(query) * _LENGTH_RATIO), math.ceil(len(query) / _LENGTH_RATIO)
        shift = _max_edits(high, len(query))  # no row in the window is more edits away
        found: dict[int, set[int]] = {}
        for size, (shortest, longest) in self.lengths.items():
            if longest < low or shortest > high:
                continue
            pieces = self.pieces[size]
            for at in range(len(query) - size + 1):
                places = pieces.get(query[at : at + size])
                if places is None:
                    continue
                # the pieces placed within `shift` of `at`: ceil((at - shift) / size) onwards
                for m in range(max(0, -((shift - at) // size)), (at + shift) // size + 1):
                    for i in places.get(m, ()):
                        if low <= len(rows[i].norm) <= high:
                            found.setdefault(i, set()).add(m)
        candidates = sorted(
            i
            for i, matched in found.items()
            if len(matched) >= self.counts[i] - _max_edits(len(rows[i].norm), len(query))
        )
        candidates += [i for i in self.uncut if low <= len(rows[i].norm) <= high]
        if not candidates:
            return None
        texts = [rows[i].norm for i in candidates]
        hits = process.extract(query, texts, scorer=fuzz.ratio, score_cutoff=FUZZY_FLOOR, limit=None)
        if not hits:
            return None
        return min((candidates[at], score) for _, score, at in hits)


def _max_edits(first: int, second: int) -> int:
    """The most insertions and deletions two texts of these lengths can be apart and still reach
    FUZZY_FLOOR (rapidfuzz: ratio = 100 * (1 - edits / (first + second))), plus one for rounding."""
    return math.floor((100 - FUZZY_FLOOR) * (first + second) / 100) + 1


def _chunk_count(length: int) -> int:
    """Pieces to cut a row of `length` into: one more than the edits from any text the ratio
    allows (at most length / _LENGTH_RATIO long), so that two pieces survive any near copy."""
    return _max_edits(length, math.ceil(length / _LENGTH_RATIO)) + 1


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

    Fix safety: safe when the copy is exact after normalisation, at least fifteen words long,
    whole paragraphs copying whole paragraphs, and close to its source (at most five lines
    between, or no more than the copy's own length): the shape of a segment translated or
    pasted twice. Suggest for shorter copies, near-identical paragraphs (an editor picks which
    to keep), runs cut out of a paragraph, copies far from their source (reference text
    repeats a note under every entry it applies to) and one paragraph restated after other
    paragraphs of text (news summary bullets and pull quotes repeat a sentence of the body).
    """
    rows = _rows(document)
    text = document.text
    separated = blank_separated(rows)
    for repeat in find_repeats(rows):
        first, last = rows[repeat.first], rows[repeat.last]
        span = deletion_span(text, first.span.start, last.span.end)
        original = text[span.start : span.end]
        words = sum(r.words for r in rows[repeat.first : repeat.last + 1])
        source_line = document.line_col(rows[repeat.source].span.start)[0]
        if repeat.exact:
            safe = words >= SAFE_WORDS and mt_repeat(rows, repeat, separated)
            confidence = EXACT_CONFIDENCE if safe else SHORT_EXACT_CONFIDENCE
            why = f"same text as line {source_line} after normalising spaces and quotes ({words} words)"
            if words >= SAFE_WORDS and not safe:  # mt_repeat said no: say which shape it was
                why += (
                    "; one paragraph restated after other text, as news restates a sentence"
                    if _close_whole_paragraphs(rows, repeat, separated)
                    else "; not whole paragraphs repeated close by: reference text repeats such notes"
                )
        else:
            safe, confidence = False, NEAR_CONFIDENCE
            why = f"near-identical to line {source_line} (similarity {repeat.score:.0f})"
        tier = Applicability.SAFE if safe else Applicability.SUGGEST
        lines = repeat.last - repeat.first + 1
        message = f"{lines} line(s) repeat the text at line {source_line}"
        yield Hit.replacing(span, original, message, [("", confidence, tier, why)])
