"""A word glued to a number: "in2027", "since2020", "2027the", "20ans".

Machine translation and markup stripping drop the space between a number and the word beside
it. Only a function word of the language (a word as frequent as "in", "de", "since") is split
from a number: codes and models keep their digits (G20, COVID19, A380, win10, mp3), ordinals,
units and times keep their suffix (21st, 5km, 10pm, 1er).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from repair.document import Document
from repair.model import Span
from repair.resources.lexicon import base_language, zipf

FUNCTION_WORD_ZIPF = 5.6  # as frequent as "until" (5.6), "since", "de": function words; "top10", "win10" stay
MIN_WORD_LETTERS = 2  # "s" (1990s), "h" (10h) and other one-letter suffixes are notation
MIN_DIGITS = 2  # "mp3", "web3", "F1": a single digit belongs to a name
UNITS = frozenset(
    "am pm st nd rd th km kg mg mm cm ml mb gb kb tb hz kw mw gw er ère ème eme re de ers mn min hrs "
    "ام امین مین ین".split()
)  # ordinals (21st, 1er, 2de, ۲۵ام), units and times written against a number are notation, not glue
_WORD_THEN_NUMBER = re.compile(
    r"(?<![\w@/.#:-])(?P<word>[^\W\d_]{2,})(?P<number>\d{2,}(?:[.,]\d+)*)(?![\w@/])"
)
_NUMBER_THEN_WORD = re.compile(r"(?<![\w@/.,#:-])(?P<number>\d{2,})(?P<word>[^\W\d_]{2,})(?![\w@/])")


@dataclass(frozen=True, slots=True)
class DigitGlue:
    """A number glued to a function word: where, what it reads, the repair."""

    span: Span
    original: str
    replacement: str
    word: str


def digit_glues(document: Document) -> Iterator[DigitGlue]:
    """Every function word glued to a number, in text order."""
    lang = base_language(document.language)
    found = []
    for pattern, word_first in ((_WORD_THEN_NUMBER, True), (_NUMBER_THEN_WORD, False)):
        for match in pattern.finditer(document.text):
            word, number = match.group("word"), match.group("number")
            if word != word.lower() or word in UNITS or len(word) < MIN_WORD_LETTERS:
                continue
            if zipf(word, lang) < FUNCTION_WORD_ZIPF:
                continue
            parts = (word, number) if word_first else (number, word)
            found.append(DigitGlue(Span(match.start(), match.end()), match.group(), " ".join(parts), word))
    yield from sorted(found, key=lambda g: g.span.start)
