"""UNT003: punctuation of the source language's writing system left in the text.

Machine translation from Chinese or Japanese keeps fullwidth marks (，。！？：；（）) and the
ideographic space; from Arabic or Persian it keeps ، ؛ ؟ inside Latin-script text; from Hindi,
the danda (।). Each mark has one plain equivalent in the target's writing system, and unlike a
word it carries no meaning of its own, so the repair is certain once the mark stands among the
target's own letters. Marks beside letters of the source script belong to a run that UNT002
reports (the whole run is untranslated), and text mostly written in that script is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from repair.context import Context
from repair.detectors.untranslated.letters import main_script
from repair.document import Document
from repair.model import Applicability, Hit, Span
from repair.registry import detector
from repair.resources.lexicon import base_language
from repair.scripts import language_script, script_of

LATIN_EQUIVALENTS = {
    "，": ",",
    "、": ",",
    "。": ".",
    "！": "!",
    "？": "?",
    "：": ":",
    "；": ";",
    "（": "(",
    "）": ")",
    "\u3000": " ",
    "،": ",",
    "؛": ";",
    "؟": "?",
    "।": ".",
}  # fullwidth, ideographic, Arabic-script and Devanagari marks -> the Latin script's own
PERSIAN_EQUIVALENTS = {
    "，": "،",
    "、": "،",
    "。": ".",
    "！": "!",
    "？": "؟",
    "：": ":",
    "；": "؛",
    "（": "(",
    "）": ")",
    "\u3000": " ",
    "।": ".",
}  # the same marks in Persian text: its comma, semicolon and question mark are the Arabic ones
_MARKS = re.compile("[" + re.escape("".join(LATIN_EQUIVALENTS.keys() | PERSIAN_EQUIVALENTS.keys())) + "]")
SOURCE_SCRIPTS = {
    "LATIN": frozenset({"CJK", "ARABIC", "DEVANAGARI"}),
    "ARABIC": frozenset({"CJK", "DEVANAGARI"}),
}
SPACED_AFTER = frozenset(",.!?:;)،؛؟")  # marks the target follows with a space before a word
SPACED_BEFORE = frozenset("(")  # marks the target precedes with a space after a word
OPENING_QUOTES = frozenset("“‘«„")  # a word's opening quote: the space goes before it
CLOSING_QUOTES = frozenset("”’»")  # a word's closing quote: the space goes after it
FRENCH_SPACED = frozenset("!?:;")  # French puts a (narrow) no-break space before these: editor's call
NEIGHBOURHOOD = 2  # characters on each side looked at for letters of the source script
REPLACE_CONFIDENCE = 0.92  # the mark has exactly one equivalent; only its spacing is inferred


def _equivalents(document: Document) -> dict[str, str] | None:
    """The mark table for the document's writing system; None when the text is not in it."""
    host = language_script(document.language)
    if host is None or main_script(document) not in (host, None):
        return None
    return PERSIAN_EQUIVALENTS if host == "ARABIC" else LATIN_EQUIVALENTS


def _beside_source_letters(text: str, position: int, source: frozenset[str]) -> bool:
    near = text[max(0, position - NEIGHBOURHOOD) : position + 1 + NEIGHBOURHOOD]
    return any(script_of(c) in source for c in near)


def _replacement(text: str, position: int, mark: str) -> str:
    """The plain mark, with the space the target's typography puts beside it."""
    after = text[position + 1 : position + 2]
    before = text[position - 1 : position] if position else ""
    if mark in SPACED_AFTER and (after.isalnum() or after in OPENING_QUOTES):
        return mark + " "
    if mark in SPACED_BEFORE and (before.isalnum() or before in CLOSING_QUOTES):
        return " " + mark
    if mark == " " and (before == " " or after == " "):
        return ""
    return mark


@detector("UNT003", "foreign-punctuation", "untranslated", "Punctuation of another writing system")
def foreign_punctuation(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: finds fullwidth and ideographic marks (，。！？：；（）, the ideographic
    space), Arabic-script marks (، ؛ ؟) in Latin-script text and the Devanagari danda (।), when
    they stand among the text's own letters, and replaces each with the target's own mark and
    the space that follows it. Marks beside letters of their own script (inside a Chinese or
    Arabic phrase) are left to UNT002, which reports the whole phrase.

    Why it matters: machine translation from Chinese, Japanese, Arabic or Hindi carries the
    source's punctuation over; it looks broken to readers and breaks sentence splitting,
    search and every later tool.

    Example: "The talks ended，and both sides left。" -> "The talks ended, and both sides left."

    Fix safety: safe: each mark has one equivalent and carries no meaning of its own; in
    French, ! ? : ; are suggest only, since French typography wants a no-break space before them.
    """
    table = _equivalents(document)
    if table is None:
        return
    text, home = document.text, base_language(document.language)
    source = SOURCE_SCRIPTS["ARABIC" if table is PERSIAN_EQUIVALENTS else "LATIN"]
    for match in _MARKS.finditer(text):
        position, char = match.start(), match.group()
        mark = table.get(char)
        if mark is None or _beside_source_letters(text, position, source):
            continue
        replacement = _replacement(text, position, mark)
        tier = Applicability.SUGGEST if home == "fr" and mark in FRENCH_SPACED else Applicability.SAFE
        own = mark.strip() or "a space"
        why = f"U+{ord(char):04X} belongs to another writing system; the text's own mark is '{own}'"
        yield Hit.replacing(
            Span(position, position + 1),
            char,
            f"punctuation of another writing system: '{char}'",
            [(replacement, REPLACE_CONFIDENCE, tier, why)],
        )
