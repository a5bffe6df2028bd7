"""Writing systems of text: which script a letter belongs to, a text's main script, and the
script each supported language is written in."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

SCRIPT_SAMPLE = 20_000  # letters looked at to tell a text's main script: more changes nothing
LANGUAGE_SCRIPTS = {"en": "LATIN", "fr": "LATIN", "es": "LATIN", "de": "LATIN", "fa": "ARABIC"}
_CJK = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")


@lru_cache(maxsize=4096)
def unicode_script(char: str) -> str:
    """The first word of the character's Unicode name (LATIN, CYRILLIC, CJK, HIRAGANA, DIGIT,
    ...): the script of a letter; "" for a character without a name."""
    return unicodedata.name(char, "").split(" ", 1)[0]


@lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """The script of a letter (LATIN, ARABIC, CYRILLIC, GREEK, HEBREW, CJK, ...); None otherwise.
    Han, Kana and Hangul count as one script, CJK: one run of East Asian text."""
    if not char.isalpha():
        return None
    name = unicode_script(char)
    if name.startswith(_CJK):
        return "CJK"
    return name or None


def scripts(text: str) -> set[str]:
    """Every script the text's letters use."""
    return {s for s in map(script_of, text) if s is not None}


def script_counts(text: str) -> Counter[str]:
    """How many of the text's letters (in its first SCRIPT_SAMPLE * 2 characters) each script has."""
    return Counter(s for s in map(script_of, text[: SCRIPT_SAMPLE * 2]) if s is not None)


def main_script(text: str) -> str | None:
    """The script of most of the text's letters (None for a text without letters)."""
    counts = script_counts(text)
    return counts.most_common(1)[0][0] if counts else None


def language_script(language: str) -> str | None:
    """The script a supported language is written in ("fa-AF" -> ARABIC); None when unknown."""
    return LANGUAGE_SCRIPTS.get(language.split("-")[0].lower())
