"""Word segmentation of glued tokens with symspellpy over per-language wordfreq frequencies.

The segmentation dictionary holds every alphabetic word of the language's wordfreq list at or
above `MIN_ZIPF`, with counts proportional to its frequency, so that symspellpy's log
probabilities are log10 word frequencies. It is built once per language and pickled under the
user's cache directory, keyed by tool version, language and wordfreq version. Segmentation uses
edit distance 0 only, so the symspell delete index is kept minimal (prefix length 1).
"""

from __future__ import annotations

import contextlib
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from repair import __version__
from repair.files import write_atomic
from repair.resources.cache import cache_dir, cached_words
from repair.resources.lexicon import base_language, wordfreq_version

if TYPE_CHECKING:
    from symspellpy import SymSpell

MIN_ZIPF = 3.0  # rarer words stay out of the dictionary: a split into rare words is no evidence
SINGLE_LETTER_ZIPF = 6.0  # one-letter words must be this frequent (a, y, à) ...
TWO_LETTER_ZIPF = 4.5  # ... and two-letter ones this frequent (et, is), or splits fill with fragments
_JOINERS = "\u200c"


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

    speller = SymSpell(max_dictionary_edit_distance=0, prefix_length=1)
    floor = 10 ** (MIN_ZIPF - 9)
    try:
        frequencies = get_frequency_dict(language, wordlist="best")
    except (LookupError, ValueError):
        frequencies = {}
    for word, frequency in frequencies.items():
        if frequency >= floor and _keep(word, frequency):
            speller.create_dictionary_entry(word, max(1, int(frequency * speller.N)))
    return speller


@cache
def segmenter(language: str) -> SymSpell:
    """The (cached) segmentation dictionary for a language."""
    from symspellpy import SymSpell

    lang = base_language(language)
    folder = cache_dir()
    name = f"symspell-{__version__}-{lang}-wordfreq{wordfreq_version()}-z{MIN_ZIPF}.pickle"
    path = folder / name if folder else None
    if path and path.is_file():
        speller = SymSpell(max_dictionary_edit_distance=0, prefix_length=1)
        with contextlib.suppress(Exception):
            if speller.load_pickle(path.read_bytes(), from_bytes=True):
                return speller
    speller = _build(lang)
    if path:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            data = speller.save_pickle(to_bytes=True)
            if data:
                write_atomic(path, data)
    return speller


def segment(token: str, language: str) -> list[str] | None:
    """The token split into dictionary words (original casing), or None when it does not split.

    Returns None when the best segmentation keeps the token whole or leaves a part outside
    the dictionary.
    """
    if unicodedata.normalize("NFKC", token) != token or "-" in token:
        return None
    speller = segmenter(language)
    result = speller.word_segmentation(token, max_edit_distance=0)
    parts = result.segmented_string.split(" ")
    if len(parts) < 2 or "".join(parts) != token:
        return None
    words = speller.words
    if any(part.lower() not in words for part in parts):
        return None
    return parts


@cache
def spelling_words(language: str) -> frozenset[str]:
    """The lowercase word list pyspellchecker ships for the language (empty when it ships none).

    A second, curated opinion next to wordfreq: a token it lists is a word of the language,
    so never glue (wordfreq's web counts miss rare terms and keep some glued forms).
    """
    from importlib.metadata import PackageNotFoundError, version

    lang = base_language(language)
    try:
        shipped = version("pyspellchecker")
    except PackageNotFoundError:
        return frozenset()
    return cached_words(f"spelling-{lang}-pyspellchecker{shipped}.txt", lambda: _shipped_spelling_words(lang))


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
