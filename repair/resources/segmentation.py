"""Word segmentation of glued tokens with symspellpy over per-language wordfreq frequencies.

The segmentation dictionary holds every alphabetic word of the language's wordfreq list at or
above `MIN_ZIPF`, with counts proportional to its frequency, so that symspellpy's log
probabilities are log10 word frequencies. It is built once per language and stored as JSON (no
pickle: a cache must not be able to run code) under the user's cache directory, keyed by tool
version, language and wordfreq version; a corrupt cache is rebuilt, older versions are pruned.
Segmentation uses edit distance 0 only, so the symspell delete index is kept minimal (prefix length 1).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Collection
from functools import cache
from typing import TYPE_CHECKING

from repair import __version__
from repair.resources.cache import cache_dir, cached_words, read_json, write_json
from repair.resources.cache_sizes import WORD_CACHE
from repair.resources.lexicon import base_language, wordfreq_version
from repair.resources.versions import installed_version

if TYPE_CHECKING:
    from symspellpy import SymSpell

MIN_ZIPF = 3.0  # rarer words stay out of the dictionary: a split into rare words is no evidence
SINGLE_LETTER_ZIPF = 6.0  # one-letter words must be this frequent (a, y, à) ...
TWO_LETTER_ZIPF = 4.5  # ... and two-letter ones this frequent (et, is), or splits fill with fragments
_JOINERS = "\u200c"
PREFIX_LENGTH = 1  # segmentation looks words up at edit distance 0: a minimal delete index suffices
CACHE_KIND = "symspell"
CACHE_VERSION = 1  # bump when the stored fields change
SEGMENT_CACHE = WORD_CACHE  # distinct tokens whose split is kept for the run (tokens recur across documents)


def _keep(word: str, frequency: float) -> bool:
    """Alphabetic words; one- and two-letter words only when very frequent (a, y, et, is)."""
    if not word.replace(_JOINERS, "").isalpha():
        return False
    if len(word) == 1:
        return frequency >= 10 ** (SINGLE_LETTER_ZIPF - 9)
    if len(word) == 2:
        return frequency >= 10 ** (TWO_LETTER_ZIPF - 9)
    return True


def _build(language: str) -> SymSpell:
    from symspellpy import SymSpell
    from wordfreq import get_frequency_dict

    speller = SymSpell(max_dictionary_edit_distance=0, prefix_length=PREFIX_LENGTH)
    floor = 10 ** (MIN_ZIPF - 9)
    try:
        frequencies = get_frequency_dict(language, wordlist="best")
    except (LookupError, ValueError):
        frequencies = {}
    for word, frequency in frequencies.items():
        if frequency >= floor and _keep(word, frequency):
            speller.create_dictionary_entry(word, max(1, int(frequency * speller.N)))
    return speller


def _stored(speller: SymSpell) -> dict[str, object]:
    """What the cache keeps of a built dictionary: the words with their counts, in build order.
    The rest of what symspellpy's own pickle holds follows from them (`_restored`)."""
    return {"words": speller._words}


def _restored(data: object) -> SymSpell | None:
    """A dictionary from `_stored` data, or None when the data is not well formed."""
    from symspellpy import SymSpell

    if not isinstance(data, dict):
        return None
    words = data.get("words")
    if not isinstance(words, dict) or not all(type(count) is int for count in words.values()):
        return None
    deletes: defaultdict[str, list[str]] = defaultdict(list)
    everything = deletes[""]
    for word in words:  # symspellpy indexes a word under its prefix and that prefix less a letter ("")
        deletes[word[:PREFIX_LENGTH]].append(word)
        everything.append(word)
    speller = SymSpell(max_dictionary_edit_distance=0, prefix_length=PREFIX_LENGTH)
    speller._words = words
    speller._deletes = deletes
    speller._max_length = max(map(len, words), default=0)
    return speller


@cache
def segmenter(language: str) -> SymSpell:
    """The (cached) segmentation dictionary for a language."""
    lang = base_language(language)
    folder = cache_dir()
    family = f"symspell-{lang}-"
    name = f"{family}v{CACHE_VERSION}-{__version__}-wordfreq{wordfreq_version()}-z{MIN_ZIPF}.json"
    path = folder / name if folder else None
    if path:
        speller = _restored(read_json(path, CACHE_KIND, CACHE_VERSION))
        if speller is not None:
            return speller
    speller = _build(lang)
    if path:
        write_json(path, CACHE_KIND, CACHE_VERSION, _stored(speller), family)
    return speller


def segment(token: str, language: str) -> list[str] | None:
    """The token split into dictionary words (original casing), or None when it does not split.

    Returns None when the best segmentation keeps the token whole or leaves a part outside
    the dictionary.
    """
    if unicodedata.normalize("NFKC", token) != token or "-" in token:
        return None
    speller = segmenter(language)
    held = _splits.get(language)
    if held is None or held[0] is not speller:  # a new dictionary (the cache was rebuilt): new splits
        held = _splits[language] = (speller, {})
    splits = held[1]
    if token not in splits:
        if len(splits) >= SEGMENT_CACHE:
            splits.clear()
        splits[token] = _split(speller, token)
    parts = splits[token]
    return list(parts) if parts is not None else None


# Per language, its segmentation dictionary and the splits found with it (a token recurs across
# documents, and a split is a pure function of the dictionary).
_splits: dict[str, tuple[SymSpell, dict[str, tuple[str, ...] | None]]] = {}


def _split(speller: SymSpell, token: str) -> tuple[str, ...] | None:
    result = speller.word_segmentation(token, max_edit_distance=0)
    parts = result.segmented_string.split(" ")
    if len(parts) < 2 or "".join(parts) != token:
        return None
    words = speller.words
    if any(part.lower() not in words for part in parts):
        return None
    return tuple(parts)


@cache
def spelling_words(language: str) -> Collection[str]:
    """The lowercase word list pyspellchecker ships for the language (empty when it ships none).

    A second, curated opinion next to wordfreq: a token it lists is a word of the language,
    so never glue (wordfreq's web counts miss rare terms and keep some glued forms).
    """
    lang = base_language(language)
    shipped = installed_version("pyspellchecker", "spellchecker")
    if shipped is None:
        return frozenset()
    family = f"spelling-{lang}-"
    return cached_words(
        f"{family}pyspellchecker{shipped}.marisa", lambda: _shipped_spelling_words(lang), family
    )


def _shipped_spelling_words(lang: str) -> frozenset[str]:
    """pyspellchecker's word list, read from its gzipped JSON (a fifth of a second per language)."""
    import gzip
    import json
    from importlib.resources import files

    try:
        resource = files("spellchecker") / "resources" / f"{lang}.json.gz"
        with resource.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
            words = json.load(text)
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return frozenset()
    return frozenset(words)
