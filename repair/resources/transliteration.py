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

from repair.resources.cache_sizes import WORD_CACHE
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
# Persian letters that spell one sound (Arabic loans kept their letters): a name transliterated
# into Persian may take the wrong one (طرامپ for ترامپ). Stricter than _PERSIAN_CLASSES (ش is no s).
_PERSIAN_HOMOPHONES = str.maketrans(
    {"ث": "س", "ص": "س", "ذ": "ز", "ض": "ز", "ظ": "ز", "ط": "ت", "ح": "ه", "غ": "ق"}
)


@lru_cache(maxsize=WORD_CACHE)
def persian_sounds(text: str) -> str:
    """The folded text with each set of Persian homophone letters written as one letter, letter
    for letter (no doubled letter merged: یوننان, Yunnan, stays apart from یونان)."""
    return fold(text).translate(_PERSIAN_HOMOPHONES)


_LATIN_CLASSES = str.maketrans(
    {"l": "r", "p": "b", "d": "t", "g": "k", "z": "s", "v": "f", "w": "f", "j": "j"}
)
_VOWELS = re.compile(r"[aeiouhy\s]|[اویه\s]")


@lru_cache(maxsize=WORD_CACHE)
def is_persian_script(text: str) -> bool:
    """True when the text's letters are mostly Arabic-script."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum("\u0600" <= c <= "\u06ff" for c in letters) * 2 > len(letters)


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=WORD_CACHE)
def fold(text: str) -> str:
    """Case-, accent- and letter-variant-insensitive form used for exact lookups."""
    if text.isascii():  # no letter to map, decompose or strip: only case and spaces change
        return _SPACES.sub(" ", text.lower()).strip()
    return _fold_unicode(text)


def _fold_unicode(text: str) -> str:
    """`fold` of any text, step by step."""
    # the letter map again after NFKD: a presentation form (ﻙ) decomposes to a letter it maps (ك)
    text = unicodedata.normalize("NFKD", text.translate(_PERSIAN_MAP)).translate(_PERSIAN_MAP)
    text = "".join(c for c in text if not unicodedata.combining(c) or "\u0600" <= c <= "\u06ff")
    text = _DIACRITICS.sub("", text)
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("ı", "i")
    return _SPACES.sub(" ", text.casefold()).strip()


@lru_cache(maxsize=WORD_CACHE)
def translit_key(text: str) -> str:
    """Spelling key that equates common transliteration variants ("Witkoff" ~ "Vitkov")."""
    key = fold(text)
    if is_persian_script(key):
        key = key.translate(_PERSIAN_CLASSES)
        return re.sub(r"(.)\1+", r"\1", key)
    for pattern, replacement in _LATIN_RULES:
        key = pattern.sub(replacement, key)
    return key.strip()


@lru_cache(maxsize=WORD_CACHE)
def skeleton(text: str) -> str:
    """Consonant-class skeleton of a key, for candidate blocking ("Zarensky" ~ "Zelensky")."""
    key = translit_key(text)
    key = key.translate(_LATIN_CLASSES)
    key = _VOWELS.sub("", key)
    return re.sub(r"(.)\1+", r"\1", key)


MIN_PHONETIC_KEY = 2  # a shorter phonetic key (one consonant sound) blocks too many unrelated words
# Voiced consonants read as their voiceless pairs before the metaphone key is taken: scripts
# without the distinction (Arabic has no p, Mandarin pinyin b/d/g are voiceless) swap them in
# a round trip (Trump -> ترامب -> "Tramb").
_DEVOICED = str.maketrans("bdgvz", "ptkfs")
_NASAL_BEFORE_LABIAL = re.compile(r"n(?=p)")  # Japanese and Korean write m before p as n (Toranpu)
PHONETIC_NOTE = "voiced and voiceless consonants alike"  # how rationales qualify `phonetic_key`


@lru_cache(maxsize=WORD_CACHE)
def phonetic_key(text: str) -> str:
    """Metaphone key of a Latin word's transliteration key, voicing ignored ("Rubyo" ~ "Rubio":
    RP; "Tramb" ~ "Trump": TRMP), or '' when the word is not Latin or its key too short."""
    key = translit_key(text).replace(" ", "")
    if not key.isascii() or not key.isalpha():
        return ""
    code = jellyfish.metaphone(_NASAL_BEFORE_LABIAL.sub("m", key.translate(_DEVOICED)))
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
# Alphabets read letter by letter with anyascii's tables (Greek ELOT-style: Αθήνα -> Athina);
# abjads (Arabic, Hebrew) and abugidas (Devanagari: नरेंद्र -> "nremdr") are left out: their
# readings lack the vowels a name is written with.
ANYASCII_SCRIPTS = ("Greek", "Armenian", "Georgian")
MANDARIN = "Mandarin reading"
TRANSCRIPTION_PINYIN = "pinyin of a transcribed name"  # 特朗普: Telangpu (its last word is a surname)
TRANSCRIPTION_HEPBURN = "Hepburn romanisation of a transcribed name"  # トランプ: Toranpu
JAPANESE_READING = "Japanese reading (Hepburn)"  # 石破茂: Ishiba Shigeru
TRANSCRIPTION_HANGUL = "Revised Romanisation of a transcribed name"  # 도널드 트럼프: Doneoldeu Teureompeu
REVISED_ROMANISATION = "Revised Romanisation"  # 김정은: Gim Jeongeun
# Schemes whose readings spell a foreign name as another script transcribed it by sound
# (Toranpu, Teureompeu, Telangpu): such a surname is no word or name of its own in Latin text.
TRANSCRIPTION_SCHEMES = (TRANSCRIPTION_PINYIN, TRANSCRIPTION_HEPBURN, TRANSCRIPTION_HANGUL)
KOREAN_NAME_SYLLABLES = (2, 4)  # a one-word Hangul name this long is surname + given name (김정은)
_MIDDLE_DOT = re.compile(r"[·・•‧]")
_NAME_SEPARATORS = re.compile(r"[\s·・•‧]+")
_DOUBLE_L = re.compile(r"lr")  # Revised Romanisation writes ㄹㄹ as ll (멜로니: Melloni); the package, lr
_LONG_VOWEL = re.compile(r"([aeiou])\1")


@lru_cache(maxsize=WORD_CACHE)
def script_of(text: str) -> str:
    """The Unicode script of the text's first letter: Latin, Arabic, Han, Cyrillic, ... ('' if none)."""
    for char in text:
        if char.isalpha():
            first = unicode_script(char)
            return _SCRIPT_NAMES.get(first, first.title())
    return ""


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def name_words(name: str) -> list[str]:
    """The words of a name, split at spaces and at the middle dots that Chinese (·) and
    Japanese (・) put between the parts of a transcribed foreign name."""
    return [w for w in _NAME_SEPARATORS.split(name) if w]


def is_transcription(name: str) -> bool:
    """True when an original-script name transcribes a foreign one by sound: Katakana, a
    Hangul name of several words (Korean names are one word), Han words joined by a middle dot."""
    script = script_of(name)
    if script == "Kana":
        return True
    if script == "Hangul":
        return len(name.split()) > 1
    return script == "Han" and len(name_words(name)) > 1 and bool(_MIDDLE_DOT.search(name))


def _mandarin(name: str) -> list[tuple[str, str]]:
    """Pinyin readings of a Han name: each word's syllables joined (Huang Xuncai for a one-word
    Chinese name, its first syllable being the surname), and every syllable apart (Shi Po Mao);
    a transcribed foreign name (唐纳德·特朗普) only word by word (Tangnade Telangpu)."""
    from pypinyin import lazy_pinyin

    words = [lazy_pinyin(w) for w in name_words(name)]
    if any(not s or not all(p.isascii() and p.isalpha() for p in s) for s in words):
        return []  # a word that is not all Han characters has no Mandarin reading
    if is_transcription(name):
        return [(" ".join(_capital("".join(s)) for s in words), TRANSCRIPTION_PINYIN)]
    apart = " ".join(_capital(p) for s in words for p in s)
    if len(words) == 1 and len(words[0]) > 1:
        joined = f"{_capital(words[0][0])} {_capital(''.join(words[0][1:]))}"
    else:
        joined = " ".join(_capital("".join(s)) for s in words)
    return [(r, MANDARIN) for r in dict.fromkeys((joined, apart))]


@lru_cache(maxsize=1)
def _kakasi():  # type: ignore[no-untyped-def]
    import pykakasi  # type: ignore[import-untyped]

    return pykakasi.kakasi()


def _japanese(name: str) -> list[tuple[str, str]]:
    """Hepburn readings of a Japanese name (pykakasi): a Katakana word read as one word
    (ドナルド・トランプ: Donarudo Toranpu), a Kanji name word by word as the reading splits it
    (石破茂: Ishiba Shigeru); also with long vowels written once (Puuchin: Puchin)."""
    words: list[str] = []
    for word in name_words(name):
        parts = [item["hepburn"] for item in _kakasi().convert(word) if item["hepburn"].strip()]
        if not parts or not all(p.isascii() and p.isalpha() for p in parts):
            return []  # a word pykakasi cannot read entirely has no reading
        words += ["".join(parts)] if script_of(word) == "Kana" else parts
    reading = " ".join(_capital(w) for w in words)
    short = _LONG_VOWEL.sub(r"\1", reading)
    scheme = TRANSCRIPTION_HEPBURN if is_transcription(name) else JAPANESE_READING
    return [(r, scheme) for r in dict.fromkeys((reading, short))]


def _korean(name: str) -> list[tuple[str, str]]:
    """Revised Romanisation of a Hangul name (korean-romanizer): word by word for a transcribed
    foreign name (도널드 트럼프: Doneoldeu Teureompeu), surname apart for a Korean one (김정은:
    Gim Jeongeun)."""
    from korean_romanizer.romanizer import Romanizer  # type: ignore[import-untyped]

    words = [_DOUBLE_L.sub("ll", Romanizer(w).romanize()) for w in name.split()]
    if any(not w.isascii() or not w.isalpha() for w in words):
        return []
    if len(words) == 1 and KOREAN_NAME_SYLLABLES[0] <= len(name) <= KOREAN_NAME_SYLLABLES[1]:
        surname = Romanizer(name[0]).romanize()
        words = [surname, words[0][len(surname) :]] if words[0].startswith(surname) else words
    scheme = TRANSCRIPTION_HANGUL if is_transcription(name) else REVISED_ROMANISATION
    return [(" ".join(_capital(w) for w in words if w), scheme)]


def _anyascii(name: str, script: str) -> list[tuple[str, str]]:
    from anyascii import anyascii

    # apostrophes mark aspiration or ejectives (P'ashinyan); Georgian has no capitals to keep
    reading = " ".join(_capital(word) for word in anyascii(name).replace("'", "").split())
    return [(reading, f"{script} romanisation (anyascii)")] if reading else []


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


def readings(language: str, name: str) -> tuple[tuple[str, str], ...]:
    """`live_readings`, from the shipped table for the shipped dictionary's names (see
    reading_table: no reading library is loaded for them)."""
    from repair.resources.reading_table import shipped_readings

    found = shipped_readings().get((language, name))
    return found if found is not None else live_readings(language, name)


@lru_cache(maxsize=4096)
def live_readings(language: str, name: str) -> tuple[tuple[str, str], ...]:
    """Latin readings of an original-script name, each with the scheme that produced it:
    Mandarin pinyin for Han characters (whatever the language: a Japanese or Korean name read
    the way a Chinese source would) and, for Japanese, the Japanese reading; Hepburn for Kana,
    Revised Romanisation for Hangul, romanisation schemes for Cyrillic, anyascii for Greek, Armenian and
    Georgian."""
    script = script_of(name)
    if script == "Han":
        return tuple(_mandarin(name) + (_japanese(name) if language == "ja" else []))
    if script == "Kana":
        return tuple(_japanese(name))
    if script == "Hangul":
        return tuple(_korean(name))
    if script == "Cyrillic":
        return tuple(_cyrillic(name, language))
    if script in ANYASCII_SCRIPTS:
        return tuple(_anyascii(name, script))
    return ()
