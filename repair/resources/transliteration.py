"""Transliteration-aware keys that survive round trips through other scripts.

`fold` removes case, accents and Persian letter variants; `translit_key` collapses spellings
that transliteration systems disagree on (w/v, ff/ov, c/k, y/i, ph/f, zh/j, doubled letters);
`skeleton` keeps only consonant classes, for blocking candidates in the index.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PERSIAN_MAP = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ی",
        "\u200c": "",
        "\u200d": "",
        "ـ": "",
        "ء": "",
    }
)
_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670]")

_LATIN_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[\s'’\-]+", " "),
        (r"tsch|tch", "ch"),
        (r"sch", "sh"),
        (r"^(?:ye|ie|je|ïe)", "e"),
        (r"(?<= )(?:ye|ie|je)", "e"),
        (r"ph", "f"),
        (r"eau", "o"),
        (r"ou", "u"),
        (r"oo", "u"),
        (r"w", "v"),
        (r"ck", "k"),
        (r"q", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"x", "ks"),
        (r"kh", "h"),
        (r"gh", "g"),
        (r"dzh|dj|zh", "j"),
        (r"th", "t"),
        (r"y", "i"),
        (r"ii+", "i"),
        (r"(.)\1+", r"\1"),
        (r"(?<=[a-z])v\b", "f"),
        (r"(?<=[a-z]{3})e\b", ""),
    )
)

_PERSIAN_CLASSES = str.maketrans(
    {
        "غ": "گ",
        "ق": "گ",
        "ش": "س",
        "ث": "س",
        "ص": "س",
        "ذ": "ز",
        "ض": "ز",
        "ظ": "ز",
        "ط": "ت",
        "ح": "ه",
        "ع": "ا",
    }
)
_LATIN_CLASSES = str.maketrans(
    {"l": "r", "p": "b", "d": "t", "g": "k", "z": "s", "v": "f", "w": "f", "j": "j"}
)
_VOWELS = re.compile(r"[aeiouhy\s]|[اویه\s]")


@lru_cache(maxsize=65536)
def is_persian_script(text: str) -> bool:
    """True when the text's letters are mostly Arabic-script."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum("\u0600" <= c <= "\u06ff" for c in letters) * 2 > len(letters)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent- and letter-variant-insensitive form used for exact lookups."""
    text = unicodedata.normalize("NFKD", text.translate(_PERSIAN_MAP))
    text = "".join(c for c in text if not unicodedata.combining(c) or "\u0600" <= c <= "\u06ff")
    text = _DIACRITICS.sub("", text)
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("ı", "i")
    return re.sub(r"\s+", " ", text.casefold()).strip()


@lru_cache(maxsize=65536)
def translit_key(text: str) -> str:
    """Spelling key that equates common transliteration variants ("Witkoff" ~ "Vitkov")."""
    key = fold(text)
    if is_persian_script(key):
        key = key.translate(_PERSIAN_CLASSES)
        return re.sub(r"(.)\1+", r"\1", key)
    for pattern, replacement in _LATIN_RULES:
        key = pattern.sub(replacement, key)
    return key.strip()


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """Consonant-class skeleton of a key, for candidate blocking ("Zarensky" ~ "Zelensky")."""
    key = translit_key(text)
    key = key.translate(_LATIN_CLASSES)
    key = _VOWELS.sub("", key)
    return re.sub(r"(.)\1+", r"\1", key)
