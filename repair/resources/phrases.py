"""Boilerplate phrase lists (dictionaries/phrases/*.txt): loading, normalisation and line matching.

Each list holds whole-line phrases (strong or weak), regular expressions, fuzzy disclaimer
texts and disclaimer cue words. Lines are compared by a key that ignores case, punctuation,
spacing and zero-width non-joiners, so "Load more", "LOAD MORE" and "► Load more" match alike.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

LANGUAGES = ("en", "fr", "es", "de", "fa", "it", "pt", "ru", "ar", "zh", "eu", "ca")
STRONG, WEAK, PATTERN, FUZZY, CUES, PARTS = "phrase", "weak phrase", "pattern", "fuzzy", "cues", "parts"
FUZZY_FLOOR = 85.0  # rapidfuzz ratio from which a line is a near-copy of a known disclaimer
PATTERN_FLAGS = re.IGNORECASE  # `re:` lines are compiled with these flags
COMMENT = "#"
PREFIXES = (("re:", PATTERN), ("~", FUZZY), ("+", CUES), ("?", WEAK))  # a line with none is STRONG
CUES_MIN_KEY = 20  # a line needs this many key characters to be judged by its cue words ...
CUES_MAX_KEY = 900  # ... and at most this many: longer lines are paragraphs of text
CUES_NEEDED = 2  # distinct cue phrases that make a line a disclaimer ...
LONG_CUES_KEY = 250  # ... or, in a line with a longer key than this,
LONG_CUES_NEEDED = 3  # ... this many, as long lines gather cue words by chance
FUZZY_MIN_CHARS = 20  # on shorter lines a similarity ratio means little: exact phrases only
FUZZY_MAX_CHARS = 600  # longer lines are paragraphs, not disclaimers

_NON_KEY = re.compile(r"[^\w+]+")
_SPACES = re.compile(r"[\s\u200c\u200b\u00a0]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "«": " ", "»": " "})
_QUOTE_MARKS = "’‘`ʼ«»"  # the characters `_QUOTES` replaces
_EDGE_MARKS = " \t•·►▶▸»«|*>–—-=~"
_PART_SPLIT = re.compile(r"\s*(?:[|·•]|\]\s*\[|\s/\s|\s{2,}|\t)\s*")
_PART_MARKS = "|·•]"  # where `_PART_SPLIT` cuts, besides whitespace runs (single spaces after `clean_line`)


LINE_CACHE = 4096  # distinct lines whose cleaned form and key are kept (each asked for often; ~1.5 KB)


@lru_cache(maxsize=LINE_CACHE)
def clean_line(line: str) -> str:
    """NFKC, straight apostrophes, single spaces (ZWNJ counts as a space), no decorative ends."""
    text = unicodedata.normalize("NFKC", line)
    if any(mark in text for mark in _QUOTE_MARKS):  # most lines have none: no table lookup per character
        text = text.translate(_QUOTES)
    return _SPACES.sub(" ", text).strip(_EDGE_MARKS)


@lru_cache(maxsize=LINE_CACHE)
def key(line: str) -> str:
    """Comparison key: case-folded letters, digits and '+', nothing else."""
    return _key_of_clean(clean_line(line))


def spaced_key(line: str) -> str:
    """Like `key`, but words stay separated by one space (for fuzzy comparison)."""
    return _spaced_key_of_clean(clean_line(line))


# `clean_line` is idempotent (its output is in NFKC, holds no quote mark, single spaces only and no
# decorative end), so a cleaned line's keys need no second cleaning.
def _key_of_clean(text: str) -> str:
    return _NON_KEY.sub("", text.casefold().replace("_", ""))


def _spaced_key_of_clean(text: str) -> str:
    return " ".join(_NON_KEY.sub(" ", text.casefold()).split())


def _may_have_parts(text: str) -> bool:
    """False when `_PART_SPLIT` cannot cut the cleaned line (single spaces, no tab): it holds no
    separator mark, no ']' before '[', and no ' / '."""
    return any(mark in text for mark in _PART_MARKS) or " / " in text


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """Why a line is residue: the kind of evidence, the entry (or cues) and their language."""

    kind: str
    entry: str
    language: str
    score: float = 100.0


@dataclass(frozen=True, slots=True)
class PhraseBook:
    """Every phrase list, compiled."""

    strong: dict[str, tuple[str, str]]
    weak: dict[str, tuple[str, str]]
    patterns: tuple[tuple[str, str], ...]  # (expression, language), compiled in `any_pattern`
    fuzzy: tuple[tuple[str, str, str], ...]
    cues: tuple[tuple[str, str, str], ...]
    any_pattern: re.Pattern[str] | None = None  # every pattern as one alternation (None: none)
    fuzzy_reach: int = FUZZY_MAX_CHARS  # a line with a longer key is similar to no fuzzy entry

    def match(self, line: str) -> PhraseMatch | None:
        """The strongest evidence that `line` (one whole line) is boilerplate, if any."""
        text = clean_line(line)
        k = _key_of_clean(text)
        if not k:
            return None
        if k in self.strong:
            return PhraseMatch(STRONG, *self.strong[k])
        cue = self._cues(k)
        if cue:
            return cue
        if self.any_pattern is None or self.any_pattern.fullmatch(text):  # one pass rules most lines out
            for pattern, lang in self.patterns:  # only lines the alternation matched
                if re.fullmatch(pattern, text, PATTERN_FLAGS):
                    return PhraseMatch(PATTERN, pattern, lang)
        fuzzy = self._fuzzy(text) if len(k) <= self.fuzzy_reach else None
        if fuzzy:
            return fuzzy
        pieces = _PART_SPLIT.split(text.strip("[]")) if _may_have_parts(text) else []
        parts = [key(p) for p in pieces if key(p)]
        if len(parts) >= 2 and all(p in self.strong or p in self.weak for p in parts):
            first = self.strong.get(parts[0]) or self.weak[parts[0]]
            return PhraseMatch(PARTS, " | ".join(parts), first[1])
        if k in self.weak:
            return PhraseMatch(WEAK, *self.weak[k])
        return None

    def _cues(self, k: str) -> PhraseMatch | None:
        if len(k) < CUES_MIN_KEY or len(k) > CUES_MAX_KEY:
            return None
        found = [(cue, lang) for cue_key, cue, lang in self.cues if cue_key in k]
        needed = CUES_NEEDED if len(k) <= LONG_CUES_KEY else LONG_CUES_NEEDED
        if len({c for c, _ in found}) < needed:
            return None
        return PhraseMatch(CUES, ", ".join(c for c, _ in found[:4]), found[0][1])

    def _fuzzy(self, text: str) -> PhraseMatch | None:
        spaced = _spaced_key_of_clean(text)
        if not FUZZY_MIN_CHARS <= len(spaced) <= FUZZY_MAX_CHARS or not self.fuzzy:
            return None
        from rapidfuzz import fuzz, process

        best = process.extractOne(
            spaced, [f[0] for f in self.fuzzy], scorer=fuzz.ratio, score_cutoff=FUZZY_FLOOR
        )
        if best is None:
            return None
        _, score, position = best
        _, entry, lang = self.fuzzy[position]
        return PhraseMatch(FUZZY, entry, lang, float(score))


@dataclass
class _Lists:
    strong: dict[str, tuple[str, str]] = field(default_factory=dict)
    weak: dict[str, tuple[str, str]] = field(default_factory=dict)
    patterns: list[tuple[str, str]] = field(default_factory=list)
    fuzzy: list[tuple[str, str, str]] = field(default_factory=list)
    cues: list[tuple[str, str, str]] = field(default_factory=list)


def split_entry(raw: str) -> tuple[str, str] | None:
    """(kind, text) of one list line, prefix removed; None for a blank line or a comment."""
    line = raw.strip()
    if not line or line.startswith(COMMENT):
        return None
    for prefix, kind in PREFIXES:
        if line.startswith(prefix):
            return kind, line[len(prefix) :].strip()
    return STRONG, line


def entry_key(kind: str, entry: str) -> str:
    """The key an entry is stored under: a pattern's source, a fuzzy text's spaced key, else `key`."""
    if kind == PATTERN:
        return entry
    return spaced_key(entry) if kind == FUZZY else key(entry)


def parse(text: str, language: str, book: _Lists) -> None:
    """Add one list's entries (see en.txt for the syntax) to `book`."""
    for raw in text.splitlines():
        found = split_entry(raw)
        if found is None:
            continue
        kind, entry = found
        if kind == PATTERN:
            book.patterns.append((entry, language))  # compiled in the alternation: once
        elif kind == FUZZY:
            book.fuzzy.append((entry_key(kind, entry), entry, language))
        elif kind == CUES:
            book.cues.append((entry_key(kind, entry), entry, language))
        elif kind == WEAK:
            book.weak[entry_key(kind, entry)] = (entry, language)
        else:
            book.strong[entry_key(kind, entry)] = (entry, language)


def shipped_phrase_files() -> list[Path]:
    """The phrase lists shipped with the package, one per language, in `LANGUAGES` order."""
    folder = files("repair.dictionaries") / "phrases"
    return [
        Path(str(folder / f"{language}.txt"))
        for language in LANGUAGES
        if (folder / f"{language}.txt").is_file()
    ]


@lru_cache(maxsize=1)
def phrase_book() -> PhraseBook:
    """Every shipped phrase list, merged (cached for the process)."""
    book = _Lists()
    for path in shipped_phrase_files():
        parse(path.read_text(encoding="utf-8"), path.stem, book)
    for k in book.strong:
        book.weak.pop(k, None)
    patterns = tuple(book.patterns)
    fuzzy = tuple(book.fuzzy)
    return PhraseBook(
        book.strong, book.weak, patterns, fuzzy, tuple(book.cues), _alternation(patterns), _reach(fuzzy)
    )


def _reach(fuzzy: tuple[tuple[str, str, str], ...]) -> int:
    """The longest line key that may still reach FUZZY_FLOOR against an entry: the ratio of texts
    of lengths a and b is at most 200 * min / (a + b) (an edit per length difference), and a
    line's spaced key is never shorter than its key. One character more for rounding."""
    longest = max((len(spaced) for spaced, _, _ in fuzzy), default=0)
    return math.ceil(longest * (200 - FUZZY_FLOOR) / FUZZY_FLOOR) + 1


def _alternation(patterns: tuple[tuple[str, str], ...]) -> re.Pattern[str] | None:
    """One expression that fully matches a line exactly when one of the patterns does (None when
    the patterns cannot be joined: a back-reference or a named group would change its meaning)."""
    if not patterns or any(re.search(r"\\[1-9]", p) for p, _ in patterns):
        return None
    try:
        joined = re.compile("|".join(f"(?:{p})" for p, _ in patterns), PATTERN_FLAGS)
    except re.error:
        return None
    return None if joined.groupindex else joined  # a pattern's named group: joined, it means another
