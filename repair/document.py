"""A document: text plus language, with paragraphs, sentences and tokens at code-point offsets."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from repair.model import Span

ZWNJ = "\u200c"
_TOKEN = re.compile(r"[^\W\d_](?:[\w\u200c]|['’\-](?=[^\W\d_]))*", re.UNICODE)
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*(?:\n|$))[^\n]*)*")
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"'»”)\]]*\s+|\n+")
_OPENERS = frozenset(" \t\"'«“‘([—–-")  # what may stand between a sentence end and its first word
_SENTENCE_ENDS = frozenset(".!?؟…\n:")  # what ends the text before a sentence's first word


@dataclass(frozen=True, slots=True)
class Token:
    """A word: letters (with inner apostrophes, hyphens and ZWNJ) and its span."""

    text: str
    start: int
    end: int

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def is_capitalised(self) -> bool:
        """True for a word whose first letter is upper case (Latin, Cyrillic, Greek scripts)."""
        return self.text[:1].isupper()


class Document:
    """Decoded text with its language and lazily computed structure."""

    def __init__(self, text: str, language: str, path: str = "-") -> None:
        self.text = text
        self.language = language
        self.path = path
        self.memo: dict[str, object] = {}  # per-document results shared between detectors

    @cached_property
    def tokens(self) -> list[Token]:
        """Every word token in order."""
        return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(self.text)]

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Blocks of text separated by blank lines."""
        spans = (self._trimmed(m.start(), m.end()) for m in _PARAGRAPH.finditer(self.text))
        return [s for s in spans if s is not None]

    @cached_property
    def lines(self) -> list[Span]:
        """Every line, without its newline."""
        spans, pos = [], 0
        for line in self.text.split("\n"):
            spans.append(Span(pos, pos + len(line)))
            pos += len(line) + 1
        return spans

    @cached_property
    def sentences(self) -> list[Span]:
        """Approximate sentences: split after terminal punctuation followed by space, and at newlines."""
        spans, pos = [], 0
        for m in _SENTENCE_END.finditer(self.text):
            spans.append(self._trimmed(pos, m.start()))
            pos = m.end()
        spans.append(self._trimmed(pos, len(self.text)))
        return [s for s in spans if s is not None]

    def _trimmed(self, start: int, end: int) -> Span | None:
        """The span without surrounding whitespace, or None when only whitespace is left."""
        piece = self.text[start:end]
        stripped = piece.strip()
        if not stripped:
            return None
        lead = len(piece) - len(piece.lstrip())
        return Span(start + lead, start + lead + len(stripped))

    @cached_property
    def _line_starts(self) -> list[int]:
        return [span.start for span in self.lines]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [span.start for span in self.sentences]

    @cached_property
    def _token_starts(self) -> list[int]:
        return [token.start for token in self.tokens]

    @cached_property
    def _token_positions(self) -> dict[str, list[int]]:
        positions: dict[str, list[int]] = {}
        for i, token in enumerate(self.tokens):
            positions.setdefault(token.text, []).append(i)
        return positions

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a code-point offset."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def line_at(self, offset: int) -> Span:
        """The line containing `offset` (its end, where the newline is, included)."""
        return self.lines[bisect.bisect_right(self._line_starts, offset) - 1]

    def sentence_at(self, offset: int) -> Span:
        """The sentence containing `offset` (or the whole text when none does)."""
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return Span(0, len(self.text))

    def token_range(self, start: int, end: int) -> range:
        """Indexes of the tokens that start in [start, end)."""
        starts = self._token_starts
        return range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end))

    def positions_of(self, word: str) -> list[int]:
        """Indexes of the tokens that read exactly `word`, in order."""
        return self._token_positions.get(word, [])

    def is_sentence_start(self, token_index: int) -> bool:
        """True when the token is the first word of its sentence or line."""
        text, pos = self.text, self.tokens[token_index].start
        while pos > 0 and text[pos - 1] in _OPENERS:
            pos -= 1
        return pos == 0 or text[pos - 1] in _SENTENCE_ENDS


_BLANK_LINES = re.compile(r"(?:[ \t\r]*\n)*")  # whole blank lines, LF or CRLF
_BLANK_END = re.compile(r"\s*\Z")


def blank_from(text: str, pos: int) -> bool:
    """True when only whitespace follows `pos` (`not text[pos:].strip()`, without the copy)."""
    return _BLANK_END.match(text, pos) is not None


def blank_lines_end(text: str, pos: int) -> int:
    """The end of the whole blank lines (LF or CRLF) that start at `pos` (`pos` itself if none)."""
    blank = _BLANK_LINES.match(text, pos)
    return blank.end() if blank else pos


def line_deletion(text: str, start: int, end: int) -> Span:
    """What deleting the line text[start:end] (no newline) removes, so that the paragraph layout
    around it stays as it was, for LF and CRLF text alike:
    - a line with text after it: the line and its newline, and when it stands alone as a
      paragraph, the blank lines after it too;
    - the last text of the document: the line, what follows, and the blank lines before it, so
      the text keeps its final newline, or its absence."""
    if blank_from(text, end):
        return Span(tail_start(text, start), len(text))
    cut = text.find("\n", end)
    cut = len(text) if cut < 0 else cut + 1
    if start == 0 or _blank_line_before(text, start):
        cut = blank_lines_end(text, cut)
    return Span(start, cut)


def tail_start(text: str, start: int) -> int:
    """Where to cut when deleting everything from `start` to the end of the document: back over
    the blank lines before it, keeping the newline of the last kept line when the text ends with
    one (so the final newline, or its absence, stays as it was)."""
    before = len(text[:start].rstrip())
    if before == 0:
        return 0
    newline = text.find("\n", before)
    return newline + 1 if text.endswith("\n") and 0 <= newline < start else before


def _blank_line_before(text: str, start: int) -> bool:
    """True when the line that begins at `start` follows a blank line (LF or CRLF)."""
    pos = start - 1  # the newline that ends the previous line
    if pos < 0 or text[pos] != "\n":
        return False
    pos -= 1
    while pos >= 0 and text[pos] in " \t\r":
        pos -= 1
    return pos < 0 or text[pos] == "\n"
