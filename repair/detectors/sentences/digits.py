"""A word glued to a number: "in2027", "since2020", "2027the", "estimated130", "48hours".

Machine translation and markup stripping drop the space between a number and the word beside
it. A function word of the language (a word as frequent as "in", "de", "since"), or a common
lowercase word of four letters or more whose joined form no word list knows, is split from a
number: codes and models keep their digits (G20, COVID19, covid19, A380, win10, top10, mp3),
ordinals, units and times keep their suffix (21st, 5km, 10pm, 1er); code keeps its identifiers
(guifg=grey60, `repair.detectors.sentences.code`). A common word after the
number ("48hours") is only a suggestion: brands begin with digits (247sports, 23andme, 7eleven).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from repair.detectors.sentences.code import code_map
from repair.document import Document
from repair.model import Span
from repair.resources.lexicon import base_language, zipf

FUNCTION_WORD_ZIPF = 5.6  # as frequent as "until" (5.6), "since", "de": function words; "top10", "win10" stay
CONTENT_WORD_ZIPF = (
    4.0  # a common word ("estimated" 4.4, "hours" 5.1, "juin" 4.9) glued to a number is glue too
)
MIN_CONTENT_LETTERS = (
    4  # shorter ordinary words glued to digits are names of products and lists (top10, win10)
)
KNOWN_JOIN_ZIPF = 1.0  # a joined form the word list counts (covid19, windows10) is a name in its own right
MIN_WORD_LETTERS = 2  # "s" (1990s), "h" (10h) and other one-letter suffixes are notation
MIN_DIGITS = 2  # "mp3", "web3", "F1": a single digit belongs to a name, unless a function word holds it
UNITS = frozenset(
    "am pm st nd rd th km kg mg mm cm ml mb gb kb tb hz kw mw gw er ère ème eme re de ers mn min hrs "
    "ام امین مین ین".split()
)  # ordinals (21st, 1er, 2de, ۲۵ام), units and times written against a number are notation, not glue
ORDINAL_SUFFIXES = {
    "es": frozenset("ro do to mo vo no ra da ta".split()),  # 5to, 2do, 1ra: quinto, segundo, primera
    "pt": frozenset("o a os as".split()),
}  # a language's ordinals written against a single digit, notation like 21st
MAGNITUDES = frozenset(
    "million millions billion billions trillion trillions thousand thousands milliard milliards millier "
    "milliers millón millones billón billones mil miles".split()
)  # "£11million", "5billion": a house style of the British press, not lost spaces
_WORD_THEN_NUMBER = re.compile(r"(?<![\w@/.#:-])(?P<word>[^\W\d_]{2,})(?P<number>\d+(?:[.,]\d+)*)(?![\w@/])")
_NUMBER_THEN_WORD = re.compile(r"(?<![\w@/.,#:-])(?P<number>\d+)(?P<word>[^\W\d_]{2,})(?![\w@/])")


@dataclass(frozen=True, slots=True)
class DigitGlue:
    """A number glued to a function word or a common word: where, what it reads, the repair."""

    span: Span
    original: str
    replacement: str
    word: str
    function_word: bool  # the word is a function word (else a common word, the join unknown)
    safe: bool  # a function word, or a common word before the number: brands start with digits (247sports)


def digit_glues(document: Document) -> Iterator[DigitGlue]:
    """Every function word, or common word whose join is unknown, glued to a number, in text order."""
    lang = base_language(document.language)
    found = []
    for pattern, word_first in ((_WORD_THEN_NUMBER, True), (_NUMBER_THEN_WORD, False)):
        for match in pattern.finditer(document.text):
            word, number = match.group("word"), match.group("number")
            if not _word_shape(word, word_first) or len(word) < MIN_WORD_LETTERS:
                continue
            if not word_first and (word in UNITS or word in ORDINAL_SUFFIXES.get(lang, ())):
                continue  # 21st, 5km, 5to: notation after a number
            frequency = zipf(word.lower(), lang)
            function_word = frequency >= FUNCTION_WORD_ZIPF
            if word != word.lower() and not function_word:
                continue  # 'Windows10', 'Galaxy9': a capitalised word before a number names a model
            if not _quantity(number) and not function_word:
                continue  # 'win7', 'web3': a single digit after a word is a version
            if not function_word and not _common_glue(match.group(), word, frequency, lang):
                continue
            if code_map(document).holds(match.start(), match.end()):
                continue  # 'guifg=grey60', 'has("patch148")': an identifier of code, not glue
            parts = (word, number) if word_first else (number, word)
            span = Span(match.start(), match.end())
            safe = function_word or word_first
            found.append(DigitGlue(span, match.group(), " ".join(parts), word, function_word, safe))
    yield from sorted(found, key=lambda g: g.span.start)


def _word_shape(word: str, word_first: bool) -> bool:
    """Lower case, or before the number a capitalised word ('Since2014'): never an acronym (G20)."""
    if word == word.lower():
        return True
    return word_first and word[0].isupper() and word[1:] == word[1:].lower()


def _quantity(number: str) -> bool:
    """Two digits or more, or a decimal or grouped figure ('2,89'): a quantity, not a version."""
    return len(number) >= MIN_DIGITS or not number.isdigit()


def _common_glue(joined: str, word: str, frequency: float, lang: str) -> bool:
    """A common word of MIN_CONTENT_LETTERS or more whose join with the number no word list knows."""
    if len(word) < MIN_CONTENT_LETTERS or frequency < CONTENT_WORD_ZIPF or word in MAGNITUDES:
        return False
    return zipf(joined.lower(), lang) < KNOWN_JOIN_ZIPF
