"""Sentence boundaries damaged by machine translation: a missing space or a doubled full stop.

"chain.The" and "شد.رسانه‌های" lost the space after the full stop; "confiant..Le" also doubled
it. Abbreviations (U.S., M., Dr., e.g.), decimals, ellipses, URLs, domains, file names and
initials are left alone: a side of the punctuation must be a word of two letters or more, a
cased left word must end in lower case and a cased right word must look like a sentence start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from repair.model import Span


def _words(text: str) -> frozenset[str]:
    """A set of space-separated words."""
    return frozenset(text.split())


_DOUBLE = re.compile(r"(?<=[^\W_])\.\.(?![.…])(?= ?[^\W\d_])")
_MISSING = re.compile(
    r"(?<=[^\W_])(?P<pre>(?:[ \u00a0\u202f]?»|[”)\]\"])?)"  # a closing quote or bracket before the mark
    r"(?P<mark>[.!?؟])(?P<quotes>[”»)\]“«(\[\"]{0,2})(?=[^\W\d_])"  # quotes and brackets after it
)
# "ended..", "said.," where a paragraph ends (an ellipsis has three dots and stays)
_DOUBLE_AT_END = re.compile(r"(?<=[^\W_])(?<!\.)(?:\.\.|\.,|,\.)(?![.…])(?=[ \t]*(?:\r?\n|$))")
_COMMA = re.compile(r"(?<=[^\W\d_]{2})[,;](?=[^\W\d_]{2})")  # "said,the": word, comma, word, no space
_CLOSERS = "”»)]"  # a closing quote or bracket stays before the inserted space
MIN_NUMBER_DIGITS = 2  # a number before a glued full stop is a year or figure, not a list item (1.Intro)
_URLISH = re.compile(r"://|www\.|@|\\|/|_")
MIN_SIDE_LETTERS = 2  # a side of the punctuation must be a word, not an initial (J.Smith)
ACRONYM_LETTERS = 3  # an upper-case word this short before a full stop is an abbreviation (U.S, UU)
MAX_INNER_DOTS = 1  # a run with more dots between letters is a domain (news.example.Com)


ABBREVIATIONS = _words(
    "mr mrs ms dr st mt jr sr prof gen col lt sgt capt cmdr gov sen rep rev hon no nos vol vols "
    "fig inc ltd corp co bros vs etc approx dept est jan feb mar apr jun jul aug sep sept oct "
    "nov dec mm mme mlle mgr pr ste sra srta dra ud uds pág núm av avda art"
)
SUFFIXES = _words(
    "com org net gov edu int mil io co uk fr es de ru ir af eu info biz txt pdf doc docx xls "
    "xlsx ppt csv json xml html htm php py js jpg jpeg png gif svg mp3 mp4 zip exe"
)


@dataclass(frozen=True, slots=True)
class Boundary:
    """Punctuation to replace: its span, the original and the repair."""

    span: Span
    original: str
    replacement: str
    kind: str  # "doubled", "missing-space" (after a sentence end) or "comma-space"


def _word_before(text: str, pos: int) -> str:
    start = pos
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:pos]


def _number_before(text: str, pos: int) -> str:
    """The digits right before `pos` ('2027' in 'in 2027..The'), empty after a letter or a decimal."""
    start = pos
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    if start > 0 and (text[start - 1].isalpha() or text[start - 1] in ".,"):
        return ""  # 'A380.', '3.5.' or '1,5.': a code or a decimal, not a number ending a sentence
    return text[start:pos]


def _word_after(text: str, pos: int) -> str:
    end = pos
    while end < len(text) and (text[end].isalpha() or text[end] == "\u200c"):
        end += 1
    return text[pos:end]


def _run(text: str, pos: int) -> str:
    """The whitespace-delimited run of characters around `pos`."""
    left, right = pos, pos
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right]


def _cased(word: str) -> bool:
    return any(c.isupper() or c.islower() for c in word)


def _sentence_start(text: str, pos: int, word: str) -> bool:
    """A capitalised word (Le, The), a one-letter capital word (À, Y, L’ouragan) or a word of
    an uncased script (Persian, Arabic) at `pos`."""
    if not _cased(word):
        return len(word) >= MIN_SIDE_LETTERS
    if len(word) == 1:
        return word.isupper() and text[pos + 1 : pos + 2] in (" ", "'", "’")
    return word[0].isupper() and word[1].islower()


def _abbreviation(text: str, pos: int, left: str) -> bool:
    """'Dr', 'M', 'U.S', 'UU' (of EE. UU.) before the full stop at `pos`."""
    if left.lower() in ABBREVIATIONS or len(left) == 1 or (left.isupper() and len(left) <= ACRONYM_LETTERS):
        return True
    return text[pos - len(left) - 1 : pos - len(left)] == "."


def _clean_run(text: str, pos: int) -> bool:
    """Not part of a URL, path, e-mail address or a domain such as news.example.Com."""
    run = _run(text, pos)
    return not _URLISH.search(run) and len(re.findall(r"(?<=\w)\.(?=\w)", run)) <= MAX_INNER_DOTS


def _plausible(text: str, pos: int, end: int) -> bool:
    """True when the punctuation at text[pos:end] ends a sentence glued to the next one."""
    left, right = _word_before(text, pos), _word_after(text, end)
    number = _number_before(text, pos)
    if len(number) >= MIN_NUMBER_DIGITS and len(right) > MIN_SIDE_LETTERS:
        return right.lower() not in SUFFIXES and _sentence_start(text, end, right) and _clean_run(text, pos)
    if len(left) < MIN_SIDE_LETTERS or _abbreviation(text, pos, left) or right.lower() in SUFFIXES:
        return False
    if _cased(left) and (not left[-1].islower() or not _cased(right)):
        return False
    if len(right) == 1 and len(left) < 3:
        return False
    return _sentence_start(text, end, right) and _clean_run(text, pos)


def _plausible_double(text: str, pos: int, end: int) -> bool:
    """'confiant..Le' or 'M..Adams': two full stops are never right between words."""
    left, right = _word_before(text, pos) or _number_before(text, pos), _word_after(text, end)
    if not left or not right or not _clean_run(text, pos):
        return False
    return (left.isalpha() and _abbreviation(text, pos, left)) or _sentence_start(text, end, right)


def _space_at(text: str, start: int, quotes: str) -> int | None:
    """Where the space goes in the quotes and brackets after a full stop ('."The' -> after the
    quote when it closes one), or None when they do not read as closers then openers."""
    kinds = []
    for k, char in enumerate(quotes):
        if char == '"':  # a straight quote closes when an odd number of them precedes it on the line
            line_start = text.rfind("\n", 0, start + k) + 1
            line_end = len(text) if text.find("\n", start + k) < 0 else text.find("\n", start + k)
            if text.count('"', line_start, line_end) % 2:
                return None  # unbalanced on its line: which side it belongs to is a guess
            kinds.append("close" if text.count('"', line_start, start + k) % 2 else "open")
        else:
            kinds.append("close" if char in _CLOSERS else "open")
    closing = kinds.count("close")
    if kinds != ["close"] * closing + ["open"] * (len(kinds) - closing):
        return None
    return closing


def damaged_boundaries(text: str) -> Iterator[Boundary]:
    """Every doubled full stop, missing space after sentence-final punctuation, or comma (or
    semicolon) glued to the next word between two words."""
    for match in _DOUBLE.finditer(text):
        pos, end = match.start(), match.end()
        spaced = text[end : end + 1] == " "
        if _plausible_double(text, pos, end + spaced):
            yield Boundary(Span(pos, end), "..", "." if spaced else ". ", "doubled")
    for match in _DOUBLE_AT_END.finditer(text):  # a doubled mark where a paragraph ends: one stop
        yield Boundary(Span(match.start(), match.end()), match.group(), ".", "doubled")
    for match in _MISSING.finditer(text):
        pre, mark, quotes = match.group("pre"), match.group("mark"), match.group("quotes")
        pos, end = match.start(), match.end()
        if pre == '"' and _space_at(text, pos, pre) != 1:
            continue  # a straight quote before the mark must close one ('the "Shield".The')
        cut = _space_at(text, match.end("mark"), quotes)
        if cut is None or not _plausible(text, match.start("mark") - len(pre), end):
            continue
        original = text[pos:end]
        at = len(pre) + len(mark) + cut
        yield Boundary(Span(pos, end), original, original[:at] + " " + original[at:], "missing-space")
    for match in _COMMA.finditer(text):
        start, end = match.start(), match.end()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if _URLISH.search(text[start:end]):
            continue  # a URL, an address, a path or a handle keeps its commas
        mark = match.group()
        yield Boundary(Span(match.start(), match.end()), mark, mark + " ", "comma-space")
