"""Word frequencies per language (wordfreq), cached."""

from __future__ import annotations

from functools import lru_cache

SUPPORTED = ("en", "fr", "es", "fa", "de", "it", "pt", "ru", "ar", "nl", "eu")


def base_language(language: str) -> str:
    """`fa-AF` -> `fa`."""
    return language.split("-")[0].lower()


@lru_cache(maxsize=200_000)
def zipf(word: str, language: str) -> float:
    """Zipf frequency of a word (0 when unknown or the language has no word list)."""
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, base_language(language), wordlist="best")
    except (LookupError, ValueError):
        return 0.0


def is_common_word(word: str, language: str, threshold: float = 3.5) -> bool:
    """True when the lowercase word is an ordinary word of the language."""
    return zipf(word.lower(), language) >= threshold
