"""Round-trip transliteration: how a name comes back garbled after MT through another script.

- `via_cyrillic`: Latin -> Cyrillic (Russian practical transcription) -> Latin with another
  romanisation (BGN/PCGN-like, German, French or a loose MT style): Witkoff -> Уиткофф -> Uitkoff.
- `via_pinyin`: Latin -> Mandarin-like syllables (every consonant gets a vowel, r -> l) -> pinyin
  written as one word: Witkoff -> Weitekefu.
- `respell`: Spanish or French spelling rules for a foreign name: Putin -> Poutine, Zelensky -> Zelenski.
- `persian_garble`: a homophone letter swapped or a long vowel dropped/added in Arabic script.
Each takes a `random.Random`, so a seeded run gives the same garbles.
"""

from __future__ import annotations

import random
import re
import unicodedata

_TO_CYRILLIC = (
    ("shch", "щ"), ("tsch", "ч"), ("sch", "ш"), ("tch", "ч"), ("sky", "ский"), ("ski", "ский"),
    ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("tz", "ц"), ("ph", "ф"),
    ("th", "т"), ("ck", "к"), ("qu", "кв"), ("ya", "я"), ("yu", "ю"), ("yo", "йо"), ("ee", "и"),
    ("oo", "у"), ("ou", "у"), ("ow", "оу"), ("aw", "о"), ("ay", "эй"), ("ey", "ей"), ("ai", "ай"),
    ("ei", "ей"), ("oi", "ой"), ("ie", "и"), ("ce", "се"), ("ci", "си"), ("cy", "си"),
    ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"),
    ("i", "и"), ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
    ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("w", "у"), ("x", "кс"),
    ("y", "и"), ("z", "з"),
)  # fmt: skip
_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
ROMANISATIONS: dict[str, dict[str, str]] = {
    "BGN/PCGN": {**_COMMON, "ий": "iy"},
    "German": {**_COMMON, "в": "w", "ж": "sch", "з": "s", "й": "j", "х": "ch", "ц": "z", "ч": "tsch",
               "ш": "sch", "щ": "schtsch", "ю": "ju", "я": "ja", "ий": "i", "кс": "x"},
    "French": {**_COMMON, "ж": "j", "у": "ou", "ч": "tch", "ш": "ch", "щ": "chtch", "ю": "iou",
               "я": "ia", "й": "ï", "ий": "i", "дж": "dj"},
    "loose MT": {**_COMMON, "х": "h", "ий": "y", "фф": "f", "кк": "k", "тт": "t", "сс": "s"},
}  # fmt: skip
_VOWELS = "aeiou"
_CYR_VOWELS = "аеиоуыэюяё"


def strip_accents(text: str) -> str:
    """ASCII-ish lower case: accents removed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def like_case(word: str, model: str) -> str:
    """`word` in the capitalisation of `model` (Title, UPPER or lower)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def to_cyrillic(word: str, rng: random.Random) -> str:
    """Russian practical transcription of a Latin-script name (w -> у or в, ff -> ф or фф)."""
    src, out, i = strip_accents(word), [], 0
    while i < len(src):
        if src[i] == src[i + 1 : i + 2] and src[i] in "fstlnmpkr" and rng.random() < 0.5:
            i += 1  # a doubled consonant is often written once
        for latin, cyr in _TO_CYRILLIC:
            if src.startswith(latin, i):
                if latin == "e" and (i == 0 or src[i - 1] in _VOWELS):
                    cyr = "э"
                elif latin == "w" and rng.random() < 0.4:
                    cyr = "в"
                elif latin == "y" and (i + 1 == len(src) or src[i + 1] in _VOWELS) and i:
                    cyr = "й" if src[i - 1] in _VOWELS else "и"
                out.append(cyr)
                i += len(latin)
                break
        else:
            i += 1  # a character with no Latin letter in it
    return "".join(out)


def from_cyrillic(word: str, system: str) -> str:
    """Romanise a Cyrillic word with one of ROMANISATIONS (longest match first)."""
    table, out, i = ROMANISATIONS[system], [], 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in table:
            out.append(table[pair])
            i += 2
            continue
        char = word[i]
        latin = table.get(char, char)
        if char == "е" and system == "BGN/PCGN" and (i == 0 or word[i - 1] in _CYR_VOWELS):
            latin = "ye"
        between_vowels = 0 < i < len(word) - 1 and word[i - 1] in _CYR_VOWELS and word[i + 1] in _CYR_VOWELS
        if char == "с" and system in ("German", "French") and between_vowels:
            latin = "ss"
        out.append(latin)
        i += 1
    return "".join(out)


def via_cyrillic(word: str, rng: random.Random) -> tuple[str, str]:
    """(garbled word, how) after a round trip through Cyrillic with another romanisation."""
    cyrillic = to_cyrillic(word, rng)
    system = rng.choice(sorted(ROMANISATIONS))
    return like_case(from_cyrillic(cyrillic, system), word), f"via Cyrillic {cyrillic} ({system})"


_PINYIN_VOWELS = {
    "ea": "i", "ee": "i", "oo": "u", "oa": "o", "au": "ao", "eu": "ou", "io": "iao", "eo": "e",
    "ae": "ai", "oe": "e", "ue": "ue", "uo": "uo", "ia": "ia", "ie": "ie", "ai": "ai", "ei": "ei",
    "ao": "ao", "ou": "ou", "ui": "ui", "ua": "ua", "iu": "iu", "oi": "ai",
}  # fmt: skip
_ECHO = {"t": "e", "d": "e", "k": "e", "g": "e", "h": "e", "l": "e", "s": "i", "z": "i", "c": "i",
         "sh": "i", "zh": "i", "ch": "i", "p": "u", "b": "u", "f": "u", "w": "u", "m": "u", "n": "u",
         "y": "i", "x": "i"}  # fmt: skip
_PINYIN_FIXES = (("ki", "ji"), ("gi", "ji"), ("hi", "xi"), ("wi", "wei"), ("fi", "fei"), ("wu", "wu"))
_UNITS = re.compile(r"sh|ch|zh|ng|[aeiou]+|[^aeiou]")


def _pinyin_units(word: str) -> list[str]:
    src = strip_accents(word)
    for latin, repl in (("ph", "f"), ("th", "t"), ("ck", "k"), ("qu", "kw"), ("x", "ks"), ("v", "w"),
                        ("j", "zh"), ("r", "l"), ("c(?=[eiy])", "s"), ("c", "k"), ("q", "k")):  # fmt: skip
        src = re.sub(latin, repl, src)
    src = re.sub(r"(?<=[^aeiou])y|y(?=[^aeiou]|$)", "i", src)
    src = re.sub(r"([^aeiou])\1", r"\1", re.sub(r"[^a-z]", "", src))
    return _UNITS.findall(src)


def via_pinyin(word: str, rng: random.Random) -> tuple[str, str]:
    """(garbled word, how): the name as Mandarin syllables written back in pinyin."""
    units, syllables, i = _pinyin_units(word), [], 0
    while i < len(units):
        unit, nxt = units[i], units[i + 1] if i + 1 < len(units) else ""
        if unit[0] in _VOWELS:
            initial, vowel, i = "", unit, i + 1
        elif nxt[:1] in tuple(_VOWELS) and nxt:
            initial, vowel, i = unit, nxt, i + 2
        else:
            syllables.append(unit + _ECHO.get(unit, "e"))
            i += 1
            continue
        vowel = _PINYIN_VOWELS.get(vowel[:2], vowel[:1]) if len(vowel) > 1 else vowel
        final = ""
        after = units[i + 1] if i + 1 < len(units) else ""
        if i < len(units) and units[i] in ("n", "m", "ng") and (not after or after[0] not in _VOWELS):
            final = rng.choice(("n", "ng")) if units[i] != "ng" else "ng"
            i += 1
        syllables.append(initial + vowel + final)
    text = "".join(syllables)
    for wrong, right in _PINYIN_FIXES:
        text = re.sub(rf"(?<![a-z]){wrong}|(?<=[aeioung]){wrong}", right, text)
    return like_case(text, word), f"via Chinese syllables {'-'.join(syllables)}"


_SPANISH = (
    (r"sky$", "ski"), (r"sch", "ch"), (r"sh", "ch"), (r"ph", "f"), (r"th", "t"), (r"ck", "c"), (r"kh", "j"),
    (r"zh", "y"),
    (r"^w(?=[aeiou])", "gu"), (r"w", "u"), (r"k(?=[eiy])", "qu"), (r"k", "c"), (r"j", "y"), (r"ee", "i"),
    (r"oo", "u"), (r"y$", "i"), (r"([bcdfgkmnpstvz])\1", r"\1"),
)  # fmt: skip
_FRENCH = (
    (r"sh", "ch"), (r"(?<!s)ch", "tch"), (r"zh", "j"), (r"^j", "dj"), (r"(?<=[^aeiou])u(?!n\b)", "ou"),
    (r"^u", "ou"), (r"w(?=[aeiou])", "ou"), (r"w", "v"), (r"sky$", "ski"), (r"y$", "i"),
    (r"(?<=[^aeiou])in$", "ine"), (r"ov$", "ov"), (r"ee", "i"), (r"oo", "ou"),
)  # fmt: skip


def respell(word: str, rng: random.Random) -> tuple[str, str]:
    """(garbled word, how): the name spelled by Spanish or French rules."""
    language, rules = rng.choice((("Spanish", _SPANISH), ("French", _FRENCH)))
    text = word.casefold()
    for pattern, repl in rules:
        text = re.sub(pattern, repl, text)
    return like_case(text, word), f"{language} spelling"


_PERSIAN_SWAPS = {
    "س": "صث", "ص": "سث", "ث": "سص", "ز": "ذضظ", "ذ": "زظ", "ض": "زظ", "ظ": "زض", "ت": "ط", "ط": "ت",
    "ه": "ح", "ح": "ه", "غ": "ق", "ق": "غ", "ک": "گ", "گ": "ک",
}  # fmt: skip
_LONG_VOWELS = "اوی"


def persian_garble(word: str, rng: random.Random) -> tuple[str, str]:
    """(garbled word, how): a homophone letter swapped, or a long vowel dropped or added."""
    swaps = [(i, c) for i, c in enumerate(word) if c in _PERSIAN_SWAPS]
    vowels = [i for i, c in enumerate(word) if c in _LONG_VOWELS and 0 < i < len(word) - 1]
    if swaps and (not vowels or rng.random() < 0.6):
        i, char = rng.choice(swaps)
        other = rng.choice(_PERSIAN_SWAPS[char])
        return word[:i] + other + word[i + 1 :], f"homophone letter {char} -> {other}"
    if vowels and rng.random() < 0.6:
        i = rng.choice(vowels)
        return word[:i] + word[i + 1 :], f"long vowel {word[i]} dropped"
    gaps = [i for i in range(1, len(word)) if word[i - 1] not in _LONG_VOWELS and word[i] not in _LONG_VOWELS]
    if not gaps:
        return word, "unchanged"
    i = rng.choice(gaps)
    return word[:i] + "ا" + word[i:], "long vowel ا added"


METHODS = {"cyrillic": via_cyrillic, "pinyin": via_pinyin, "respell": respell}
