"""Transliteration-aware keys that survive round trips through other scripts.

`fold` removes case, accents and Persian letter variants; `translit_key` collapses spellings
that transliteration systems disagree on (w/v, ff/ov, c/k, y/i, ph/f, zh/j, doubled letters);
`skeleton` keeps only consonant classes, for blocking candidates in the index.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish

from repair.scripts import unicode_script

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


MIN_PHONETIC_KEY = 2  # a shorter phonetic key (one consonant sound) blocks too many unrelated words


@lru_cache(maxsize=65536)
def phonetic_key(text: str) -> str:
    """Metaphone key of a Latin word's transliteration key ("Rubyo" ~ "Roobeeo" ~ "Rubio": RB),
    or '' when the word is not Latin or its key too short to mean anything."""
    key = translit_key(text).replace(" ", "")
    if not key.isascii() or not key.isalpha():
        return ""
    code = jellyfish.metaphone(key)
    return code if len(code) >= MIN_PHONETIC_KEY else ""


# Original-script names (names.zh, names.ru, ...): the scripts each language is written in.
ORIGINAL_SCRIPTS: dict[str, frozenset[str]] = {
    "zh": frozenset({"Han"}),
    "ja": frozenset({"Han", "Kana"}),
    "ko": frozenset({"Hangul", "Han"}),
    "ru": frozenset({"Cyrillic"}),
    "uk": frozenset({"Cyrillic"}),
    "be": frozenset({"Cyrillic"}),
    "bg": frozenset({"Cyrillic"}),
    "kk": frozenset({"Cyrillic"}),
    "sr": frozenset({"Cyrillic", "Latin"}),
    "ar": frozenset({"Arabic"}),
    "he": frozenset({"Hebrew"}),
    "ps": frozenset({"Arabic"}),
    "ur": frozenset({"Arabic"}),
    "el": frozenset({"Greek"}),
    "hy": frozenset({"Armenian"}),
    "ka": frozenset({"Georgian"}),
    "hi": frozenset({"Devanagari"}),
}
_SCRIPT_NAMES = {"CJK": "Han", "HIRAGANA": "Kana", "KATAKANA": "Kana", "HANGUL": "Hangul"}
# Ukrainian letters that the Russian schemes of iuliia read otherwise or not at all, read as
# Ukraine's national (2010) romanisation reads them inside a word.
_UKRAINIAN_LETTERS = str.maketrans(
    {"и": "y", "і": "i", "ї": "i", "є": "ie", "ґ": "g", "И": "Y", "І": "I", "Ї": "Yi", "Є": "Ye", "Ґ": "G"}
)
# Romanisation schemes whose readings are indexed: Wikipedia's (as English press writes
# Russian names), ICAO passports (Dzheims, Zelenskii) and BGN/PCGN (Zelenskiy).
CYRILLIC_SCHEMES = ("wikipedia", "icao_doc_9303", "bgn_pcgn")
MANDARIN = "Mandarin reading"


@lru_cache(maxsize=65536)
def script_of(text: str) -> str:
    """The Unicode script of the text's first letter: Latin, Arabic, Han, Cyrillic, ... ('' if none)."""
    for char in text:
        if char.isalpha():
            first = unicode_script(char)
            return _SCRIPT_NAMES.get(first, first.title())
    return ""


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _mandarin(name: str) -> list[str]:
    """Pinyin readings of a Han name: each word's syllables joined (Huang Xuncai for a one-word
    Chinese name, its first syllable being the surname), and every syllable apart (Shi Po Mao)."""
    from pypinyin import lazy_pinyin

    words = [lazy_pinyin(w) for w in name.split()]
    if any(not s or not all(p.isascii() and p.isalpha() for p in s) for s in words):
        return []  # a word that is not all Han characters has no Mandarin reading
    apart = " ".join(_capital(p) for s in words for p in s)
    if len(words) == 1 and len(words[0]) > 1:
        joined = f"{_capital(words[0][0])} {_capital(''.join(words[0][1:]))}"
    else:
        joined = " ".join(_capital("".join(s)) for s in words)
    return list(dict.fromkeys((joined, apart)))


def _cyrillic(name: str, language: str) -> list[tuple[str, str]]:
    import iuliia  # type: ignore[import-untyped]

    text = name.translate(_UKRAINIAN_LETTERS) if language == "uk" else name
    out: dict[str, str] = {}
    for scheme in CYRILLIC_SCHEMES:
        reading = iuliia.schemas.get(scheme).translate(text)
        reading = reading.replace("’", "").replace("'", "")
        if reading.isascii():
            out.setdefault(reading, f"{scheme} romanisation")
    return list(out.items())


@lru_cache(maxsize=4096)
def readings(language: str, name: str) -> tuple[tuple[str, str], ...]:
    """Latin readings of an original-script name, each with the scheme that produced it:
    Mandarin pinyin for Han characters (whatever the language: a Japanese or Korean name read
    the way a Chinese source would), romanisation schemes for Cyrillic."""
    script = script_of(name)
    if script == "Han":
        return tuple((r, MANDARIN) for r in _mandarin(name))
    if script == "Cyrillic":
        return tuple(_cyrillic(name, language))
    return ()
