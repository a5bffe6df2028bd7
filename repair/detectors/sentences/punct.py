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


# Each expression opens with the mark it looks for (or a lookahead for it), its lookbehind
# after: the engine then scans for the mark instead of testing the lookbehind at every position.
_DOUBLE = re.compile(r"\.(?<=[^\W_]\.)\.(?![.…])(?= ?[^\W\d_])")
_MISSING = re.compile(
    r"(?=[ \u00a0\u202f»”)\]\".!?؟])(?<=[^\W_])"  # after a word: a quote, bracket or mark comes
    r"(?P<pre>(?:[ \u00a0\u202f]?»|[”)\]\"])?)"  # a closing quote or bracket before the mark
    r"(?P<mark>[.!?؟])(?P<quotes>[”»)\]“«(\[\"]{0,2})(?=[^\W\d_])"  # quotes and brackets after it
)
# "ended..", "said.," where a paragraph ends (an ellipsis has three dots and stays)
_DOUBLE_AT_END = re.compile(r"(?:\.(?<=[^\W_]\.)[.,]|,(?<=[^\W_],)\.)(?![.…])(?=[ \t]*(?:\r?\n|$))")
_COMMA = re.compile(
    r"[,;،؛](?:(?<=[^\W\d_]{2}.)|(?<=(?<![^\W_])[A-Z].))(?=[^\W\d_]{2})"
)  # "said,the", "una A,la nota", "I,for one": a word, comma, word, no space
_COMMA_AFTER_CLOSER = re.compile(
    r"[,;،؛](?<=[^\W_][”»)\"].)(?=[^\W\d_](?:[^\W\d_]|[ \t]))"
)  # '”,declaró': the same after a quote
_DOUBLE_COMMA = re.compile(r"([,;،؛])(?<=[^\W_].)\1(?![,;،؛])")  # "himself,, he": one comma typed twice
_CLOSER_GLUED = re.compile(
    r"[”»)\]\"](?<=(?:[^\W_]|[.!?,;:…]).)(?=[^\W\d_](?:[^\W\d_]|[ \t]|['’][^\W\d_]))"
)  # 'the “deal”was', '(in 2019)revolution', '"we will,"he said', '[n’était]pas', '"la pression"s’ils'
TITLES = tuple(
    "Mr Mrs Ms Dr St Mt Jr Sr Prof Gen Col Lt Sgt Capt Gov Sen Rep Rev Hon Sra Srta Dra Mme Mlle Pr".split()
)  # abbreviated titles written before a name
_TITLE_GLUED = re.compile(
    f"(?=[{''.join(sorted({t[0] for t in TITLES}))}])"  # a title's first letter, then the title
    rf"(?<![^\W_])(?:{'|'.join(TITLES)})\.(?=[A-Z][a-z])"
)  # "St.Louis", "Sen.Chris": a title's full stop glued to the name it abbreviates before
_OPENER_OF = {"”": "“", "»": "«", ")": "(", "]": "["}  # the mark a closing quote or bracket pairs with
MIN_BRACKETED = 2  # a bracket holding less is a word's optional part: (s)he, word(s)
_QUOTED_SUFFIX = re.compile(r"s(?![^\W_]|['’])")  # '"silent"s': an English plural after a quote
_CLOSERS = "”»)]"  # a closing quote or bracket stays before the inserted space
_CLAUSE_END = ",.!?…"  # English and Spanish close a quote right after the clause's punctuation
_QUOTE_CLOSERS = "”»"  # typographic closers: one glued to a word closes a quote opened lines before
MIN_NUMBER_DIGITS = 2  # a number before a glued full stop is a year or figure, not a list item (1.Intro)
_URLISH = re.compile(r"://|www\.|@|\\|/|_")
COUNTRY_CODE = 2  # 'Es', 'De', 'It' capitalised after a word start a sentence; 'Pdf', 'Com' stay suffixes
MIN_SIDE_LETTERS = 2  # a side of the punctuation must be a word, not an initial (J.Smith)
ACRONYM_LETTERS = 3  # an upper-case word this short before a full stop is an abbreviation (U.S, UU)
MAX_INNER_DOTS = 1  # a run with more dots between letters is a domain (news.example.Com)


ABBREVIATIONS = _words(
    "mr mrs ms dr st mt jr sr prof gen col lt sgt capt cmdr gov sen rep rev hon no nos vol vols "
    "fig inc ltd corp co bros vs etc approx dept est jan feb mar apr jun jul aug sep sept oct "
    "nov dec mm mme mlle mgr pr ste sra srta dra ud uds pág núm av avda art ie eg cf viz"
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
    kind: (
        str  # "doubled", "missing-space" (after a sentence end), "comma-space", "closer-space", "title-space"
    )


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
    if not _cased(word):  # Persian 'و' (and) is a one-letter word: a space follows it
        return len(word) >= MIN_SIDE_LETTERS or text[pos + 1 : pos + 2] == " "
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
    starts = len(right) == COUNTRY_CODE and right.istitle() and left.islower() and len(left) > COUNTRY_CODE
    domain = right.lower() in SUFFIXES and not starts
    if len(left) < MIN_SIDE_LETTERS or _abbreviation(text, pos, left) or domain:
        return False  # 'news.com' is a domain; 'pasamos.Es una' a sentence start
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


def _straight_quote_closes(text: str, pos: int) -> bool | None:
    """Whether the straight quote at `pos` closes one (an odd number of them precede it on its
    line); None when the line's straight quotes are unbalanced, so either reading is a guess."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    if text.count('"', line_start, line_end) % 2:
        return None
    return text.count('"', line_start, pos) % 2 == 1


def _space_at(text: str, start: int, quotes: str) -> int | None:
    """Where the space goes in the quotes and brackets after a full stop ('."The' -> after the
    quote when it closes one), or None when they do not read as closers then openers."""
    kinds = []
    for k, char in enumerate(quotes):
        if char == '"':
            closes = _straight_quote_closes(text, start + k)
            if closes is None:
                return None  # unbalanced on its line: which side it belongs to is a guess
            kinds.append("close" if closes else "open")
        else:
            kinds.append("close" if char in _CLOSERS else "open")
    closing = kinds.count("close")
    if kinds != ["close"] * closing + ["open"] * (len(kinds) - closing):
        return None
    return closing


def _closes(text: str, pos: int) -> bool:
    """True when the quote or bracket at `pos` closes one opened earlier on its line: its
    opener is the nearest such mark before it (a straight quote: an odd number of them before
    it on a line where they are balanced); a bracket must hold a word or more."""
    char = text[pos]
    line_start = text.rfind("\n", 0, pos) + 1
    if char in '"”' and _QUOTED_SUFFIX.match(text, pos + 1):
        return False  # 'the "silent"s': a plural written after a quoted word, not a new word
    if char == '"':
        if pos and text[pos - 1].isdigit():
            return False  # 8" is eight inches, not a closing quote
        if pos >= MIN_BRACKETED and text[pos - MIN_BRACKETED] == '"':
            return False  # '"p"ut': one quoted letter marks a command's key inside its word
        closes = _straight_quote_closes(text, pos)
        if closes is None:  # opened on an earlier line (a quote over paragraphs): read the shape
            return pos > 0 and text[pos - 1] in _CLAUSE_END and text[pos + 1 : pos + 2].islower()
        return closes
    opener = _OPENER_OF[char]
    opened = text.rfind(opener, line_start, pos)
    if opened < 0 and char in _QUOTE_CLOSERS:  # a quote opened in an earlier paragraph closes here
        return text.rfind(char, line_start, pos) < 0 and pos > 0 and text[pos - 1] != ":"
    if opened < 0 or text.rfind(char, opened, pos) >= 0:
        return False
    if char not in ")]":
        return True
    inside = text[opened + 1 : pos]
    if char == ")" and inside.isalpha() and inside.islower() and text[pos + 1 : pos + 2].islower():
        return False  # '(auto)indent', '(re)start': an optional prefix; '(DMZ)between' is no prefix
    return pos - opened - 1 >= MIN_BRACKETED


def _space_after(match: re.Match[str], kind: str) -> Boundary:
    return Boundary(Span(match.start(), match.end()), match.group(), match.group() + " ", kind)


def _spaced_marks(text: str, covered: list[Span]) -> Iterator[Boundary]:
    """A comma typed twice, a closing quote or bracket glued to the next word, a title's full
    stop glued to the name after it: the mark is right, a space is missing or a mark doubled.
    A closer inside a `covered` span (a sentence end glued to the next, '."The') is left to it."""
    for match in _DOUBLE_COMMA.finditer(text):
        if not _URLISH.search(_run(text, match.start())):
            yield Boundary(Span(match.start(), match.end()), match.group(), match.group(1), "doubled")
    for match in _CLOSER_GLUED.finditer(text):
        if any(c.start <= match.start() < c.end for c in covered):
            continue
        if _closes(text, match.start()) and _clean_run(text, match.start()):
            yield _space_after(match, "closer-space")
    for match in _COMMA_AFTER_CLOSER.finditer(text):
        if _closes(text, match.start() - 1) and _clean_run(text, match.start()):
            yield _space_after(match, "comma-space")
    for match in _TITLE_GLUED.finditer(text):
        if _clean_run(text, match.start()):
            yield Boundary(Span(match.end() - 1, match.end()), ".", ". ", "title-space")


def damaged_boundaries(text: str) -> Iterator[Boundary]:
    """Every doubled full stop, missing space after sentence-final punctuation, or comma (or
    semicolon) glued to the next word between two words."""
    for match in _DOUBLE.finditer(text):
        pos, end = match.start(), match.end()
        spaced = text[end : end + 1] == " "
        if _plausible_double(text, pos, end + spaced):
            yield Boundary(Span(pos, end), "..", "." if spaced else ". ", "doubled")
    for match in _DOUBLE_AT_END.finditer(text):  # a doubled mark where a paragraph ends: one stop
        if match.group() == ".," and _abbreviation(text, match.start(), _word_before(text, match.start())):
            continue  # 'e.g.,', 'etc.,', '(ie.,' at a wrapped line's end: a comma after an abbreviation
        yield Boundary(Span(match.start(), match.end()), match.group(), ".", "doubled")
    covered: list[Span] = []
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
        covered.append(Span(pos, end))
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
    yield from _spaced_marks(text, covered)
