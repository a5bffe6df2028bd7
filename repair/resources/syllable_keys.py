"""Consonant keys of names read back through Chinese syllables ("Telungpu" for Trump).

Chinese writes a foreign name as a run of syllables: each consonant of a cluster gets a vowel
of its own (Tr- -> te-l-), r becomes l, v becomes w, a syllable ends only in a vowel, n or ng
(a coda m is heard as n), and a coda r is often dropped (Barcelona -> Ba-sai-luo-na).
Romanised syllable by syllable, the name keeps its consonants in order under these merges
while its vowels change. A word is such a reading when it is made of syllables of that shape
and its consonant key is a dictionary name's (with or without the name's coda r).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import product

from repair.resources.transliteration import fold

# pinyin-shaped syllable: an optional initial, one to three vowels, an optional n/ng/r coda
_SYLLABLE = r"(?:zh|ch|sh|[bcdfghjklmnpqrstwxyz])?[aeiouü]{1,3}(?:ng|n|r(?![aeiouü]))?"
_SYLLABLES = re.compile(rf"(?:{_SYLLABLE})+")
MIN_KEY_CONSONANTS = 4  # a shorter key (Paris p-l-s) is shared by too many unknown names (Pelosi)
MAX_CODA_M = 3  # coda m's whose two readings are tried (8 spellings); later ones are kept as m
MIN_SYLLABLES = 2  # a reading spells out two syllables at least (Lun-dun)

# How a name's letters sound to Chinese ears, by letter group, before the vowels are dropped
_NAME_SOUNDS = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?:sch|sh|ch|tch)"), "s"),
    (re.compile(r"th"), "t"),
    (re.compile(r"gh|h"), ""),
    (re.compile(r"ck|q"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"ng"), "n"),
    (re.compile(r"r"), "l"),
    (re.compile(r"v"), "w"),
    (re.compile(r"[jz]"), "j"),
)
# How a pinyin-shaped word's letters sound (x and sh are both s, zh and j both j)
_WORD_SOUNDS = (
    (re.compile(r"zh"), "j"),
    (re.compile(r"(?:sh|ch|x)"), "s"),
    (re.compile(r"h"), ""),
    (re.compile(r"q"), "k"),
    (re.compile(r"c"), "s"),
    (re.compile(r"ng"), "n"),
    (re.compile(r"v"), "w"),
    (re.compile(r"z"), "j"),
)  # r stays r: readings of foreign names write their r as l (Lubiao for Rubio), so an r is no l
_VOWELS = re.compile(r"[aeiouyü]")
_VOWEL_GROUPS = re.compile(r"[aeiouü]+")
_CODA_R = re.compile(r"r(?=[^aeiouy]|$)")  # an r before a consonant or at the end: often not heard
_CODA_M = re.compile(r"m(?=[^aeiouy]|$)")  # no syllable ends in m: heard as n, or given a vowel
_DOUBLED = re.compile(r"(.)\1")


def _key(text: str, sounds: Iterable[tuple[re.Pattern[str], str]]) -> str:
    for pattern, sound in sounds:
        text = pattern.sub(sound, text)
    return _VOWELS.sub("", text)


def name_keys(token: str) -> set[str]:
    """The consonant keys a name token's Chinese reading may keep: all of its consonants, or
    without a coda r, with a coda m as m or as n. Written doubles are one sound (Nashville)."""
    word = _DOUBLED.sub(r"\1", fold(token))
    if not word.isascii() or not word.isalpha():
        return set()
    spellings = {coda for w in (word, _CODA_R.sub("", word)) for coda in _coda_m_choices(w)}
    keys = {_key(w, _NAME_SOUNDS) for w in spellings}
    return {k for k in keys if len(k) >= MIN_KEY_CONSONANTS}


def _coda_m_choices(word: str) -> set[str]:
    """The word with each coda m kept (given a vowel: A-mu-si-te-dan) or heard as n (Te-lang-pu)."""
    places = [m.start() for m in _CODA_M.finditer(word)][:MAX_CODA_M]
    out = set()
    for choice in product("mn", repeat=len(places)):
        letters = list(word)
        for place, letter in zip(places, choice, strict=True):
            letters[place] = letter
        out.add("".join(letters))
    return out


def reading_key(word: str) -> str | None:
    """The consonant key of a word written as Chinese syllables, or None for a word of
    another shape (a consonant cluster, a final consonant other than n, ng or r)."""
    folded = fold(word)
    if not folded.isascii() or not _SYLLABLES.fullmatch(folded):
        return None
    if len(_VOWEL_GROUPS.findall(folded)) < MIN_SYLLABLES:
        return None
    key = _key(folded, _WORD_SOUNDS)
    return key if len(key) >= MIN_KEY_CONSONANTS else None
