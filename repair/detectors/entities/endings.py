"""Case and possessive endings of a source language glued to a name ("Starmerrek", "Putina").

Machine translation from a language that declines names (Basque, Finnish, Hungarian, Turkish,
Slavic languages, German) sometimes keeps the ending on the name in a language that does not.
A word is such a name when a known surname plus one of these endings (the stem's last letter
possibly doubled, as Basque does after -r) spells it and the word is no word of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from repair.resources.cache_sizes import WORD_CACHE
from repair.resources.entity_index import NAME, VARIANT, EntityIndex, FormRef
from repair.resources.lexicon import zipf
from repair.resources.transliteration import fold, is_persian_script

# Endings by source language, longest first within each; Turkish ones follow an apostrophe.
ENDINGS: dict[str, tuple[str, ...]] = {
    # after a consonant Basque adds e- (Trumpek, Trumpen, Trumpekin) and dative -i (Trumpi)
    "Basque": (
        "arekin",
        "rentzat",
        "entzat",
        "rekin",
        "ekin",
        "aren",
        "ren",
        "ari",
        "ek",
        "en",
        "ak",
        "ri",
        "k",
        "i",
    ),
    # Finnish adds -i- after a consonant (Macronin, Merzille)
    "Finnish": (
        "ille",
        "ista",
        "issa",
        "ilta",
        "iksi",
        "lle",
        "sta",
        "stä",
        "lla",
        "llä",
        "ssa",
        "ssä",
        "lta",
        "ksi",
        "in",
        "n",
    ),
    # Hungarian -val/-vel takes the stem's last consonant (Orbánnal, Merzzel): -al/-el after a doubling
    "Hungarian": (
        "nak",
        "nek",
        "val",
        "vel",
        "hoz",
        "hez",
        "ról",
        "ről",
        "tól",
        "től",
        "ban",
        "ben",
        "ot",
        "et",
        "al",
        "el",
    ),
    "Slavic": ("ovi", "owi", "ego", "ogo", "em", "om", "ym", "a", "u", "y", "ą", "ę"),
    # Lithuanian gives a foreign surname a masculine ending and declines it (Trampas, Trampo, Trampui)
    "Lithuanian": ("ui", "as", "is", "us", "o"),
    "German": ("s",),
}
CONSONANT_STEM_SOURCES = ("Lithuanian",)  # languages whose endings above follow a consonant only
VOWELS = frozenset("aeiouyáéíóúàèìòùâêîôûäëïöü")
TURKISH_ENDINGS = (
    "nın",
    "nin",
    "nun",
    "nün",
    "ın",
    "in",
    "un",
    "ün",
    "ya",
    "ye",
    "yı",
    "yi",
    "a",
    "e",
    "da",
    "de",
    "dan",
    "den",
    "ı",
    "i",
)
PLAIN_NAME_LANGUAGES = ("en", "fr", "es")  # documents in these languages never decline a name
GENITIVE_S_LANGUAGES = ("fr", "es")  # English -s is a plural (the Trumps) or its own possessive
MIN_STEM_LETTERS = 4  # a shorter surname plus an ending is too often a word or another name
ATTESTED_ZIPF = 2.0  # a word this frequent (here or in English) is a word of its own
GLUED_WORD_ZIPF = 5.5  # an ending this frequent as a word here (es y, en a, as) may be a glued word: Saudíy
ENDING_LOGIT = 1.0  # a known surname plus a one-letter ending (Putina): likely, but could be a name
LONG_ENDING_LOGIT = 0.8  # added for an ending of two letters or more (Starmerrek, Merznek)
LONG_ENDING = 2  # letters
PLACE_ENDING_LETTERS = 2  # a place takes an ending this long (or a Turkish one): Parisi, Israeli are words


@dataclass(frozen=True, slots=True)
class Ending:
    """A known surname token at `position` of `form`, with the ending glued to it."""

    form: FormRef
    position: int
    ending: str
    source: str
    prefix: bool = False  # a proclitic glued before the name (بترامپ), not an ending after it
    also_glue: bool = False  # the ending is also a frequent word here: two words run together may be
    # meant (Starmeras: Lithuanian, or "Starmer as"), so neither reading is safe
    rivals: tuple[tuple[FormRef, int], ...] = ()  # other people with this surname (Melania Trump)


def _surname_refs(index: EntityIndex, stem: str, place_too: bool) -> list[tuple[FormRef, int]]:
    """A person's surname (the last word of a longer name); with `place_too`, also a one-word
    place name (Washington'da, Washingtonban)."""
    return [
        (ref, position)
        for ref, position in index.token_refs(stem)
        if ref.kind in (NAME, VARIANT)
        and position == len(ref.tokens) - 1
        and (
            len(ref.tokens) > 1
            if index.entities[ref.entity].type == "person"
            else place_too and len(ref.tokens) == 1 and index.entities[ref.entity].type == "place"
        )
    ]


def _splits(word: str, lang: str) -> list[tuple[str, str, str]]:
    """(stem, ending, source language) readings of a word as a stem plus a case ending."""
    out = []
    for mark in ("'", "’"):
        if mark in word:
            stem, _, ending = word.partition(mark)
            if ending.casefold() in TURKISH_ENDINGS:
                out.append((stem, ending, "Turkish"))
    lowered = word.casefold()
    for source, endings in ENDINGS.items():
        if source == "German" and lang not in GENITIVE_S_LANGUAGES:
            continue
        for ending in endings:
            if lowered.endswith(ending) and len(word) - len(ending) >= MIN_STEM_LETTERS:
                stem = word[: len(word) - len(ending)]
                if source in CONSONANT_STEM_SOURCES and stem[-1].casefold() in VOWELS:
                    continue  # Lithuanian gives -as to Trump (Trumpas), not to India (Indija)
                out.append((stem, word[len(stem) :], source))
                if len(stem) > MIN_STEM_LETTERS and stem[-1].casefold() == stem[-2].casefold():
                    out.append((stem[:-1], word[len(stem) - 1 :], source))  # Starmer-r-ek
    return out


ENDING_CACHE = WORD_CACHE  # distinct (word, language) readings kept for the run: a pure function of them


@lru_cache(maxsize=ENDING_CACHE)
def case_ending(index: EntityIndex, word: str, lang: str) -> Ending | None:
    """The surname and the ending glued to it when `word` (capitalised, in a document of a
    language that does not decline names) is no word and no name of its own; else None."""
    if lang not in PLAIN_NAME_LANGUAGES or not word[:1].isupper() or index.token_refs(word):
        return None
    if max(zipf(word.casefold(), lang), zipf(word.casefold(), "en")) >= ATTESTED_ZIPF:
        return None
    found: dict[int, Ending] = {}
    for stem, ending, source in _splits(word, lang):
        # an ending that is also a frequent word here ('a, 'as) may be a word run on: "Saudíy"
        glued = source != "Turkish" and zipf(ending.casefold(), lang) >= GLUED_WORD_ZIPF
        place_too = len(ending) >= PLACE_ENDING_LETTERS or source == "Turkish"
        for ref, position in _surname_refs(index, stem, place_too):
            if fold(stem) == fold(ref.tokens[position]):
                found.setdefault(ref.entity, Ending(ref, position, ending, source, also_glue=glued))
    if len({(e.ending, e.source) for e in found.values()}) != 1:
        return None  # no reading, or two stems (Merz-a or Mer-za): no case ending to strip
    first, *others = found.values()
    return replace(first, rivals=tuple((e.form, e.position) for e in others))


# Persian text translated from Arabic keeps Arabic's proclitics glued to a name (بترامب "by
# Trump", لترامب "to Trump", وترامب "and Trump"); Persian writes them apart (به، و) or not at all.
PROCLITICS = ("به", "از", "با", "ب", "ل", "و", "ف")  # longest first: به before ب
PROCLITIC_SOURCE = "Arabic-style proclitic"
MIN_PERSIAN_STEM = 4  # letters: a shorter stem after a clitic letter is too often a word's own start
# Arabic has no پ چ ژ گ: a name from an Arabic source carries a stand-in for each (ترامب for ترامپ)
ARABIC_STAND_INS = {"ب": "بپ", "ج": "جچگ", "ز": "زژ", "ک": "کگ", "غ": "غگ", "ق": "قگ"}
MAX_RESPELLINGS = 16  # Persian spellings tried for one stem (2 to 3 choices per stand-in letter)


def persian_respellings(stem: str) -> list[str]:
    """The stem and its spellings with Arabic stand-ins read as the Persian letters they replace."""
    spellings = [""]
    for char in fold(stem):
        spellings = [s + c for s in spellings for c in ARABIC_STAND_INS.get(char, char)]
        if len(spellings) > MAX_RESPELLINGS:
            return [fold(stem)]
    return spellings


@lru_cache(maxsize=ENDING_CACHE)
def persian_proclitic(index: EntityIndex, word: str) -> Ending | None:
    """The name a Persian word spells after an Arabic-style proclitic (بترامب: ب + ترامپ), when
    the word is no word and no name of its own and exactly one entity's name is the stem."""
    if not is_persian_script(word) or index.token_refs(word) or zipf(word, "fa") >= ATTESTED_ZIPF:
        return None
    found: dict[int, Ending] = {}
    for clitic in PROCLITICS:
        stem = word.removeprefix(clitic).lstrip("\u200c")
        if stem == word or len(stem) < MIN_PERSIAN_STEM or zipf(stem, "fa") >= ATTESTED_ZIPF:
            continue
        for spelling in persian_respellings(stem):
            for ref, position in _surname_refs(index, spelling, place_too=True):
                if is_persian_script(ref.tokens[position]):
                    found.setdefault(ref.entity, Ending(ref, position, clitic, PROCLITIC_SOURCE, prefix=True))
    return next(iter(found.values())) if len(found) == 1 else None


CLAUSE_END = ',.;:!?)»”"\n'  # a word followed by one of these ends a clause: "Trump as," is no phrase


def ending_in_text(index: EntityIndex, text: str, end: int, word: str, lang: str) -> Ending | None:
    """`case_ending` of the word that ends at `end` in `text`; an ending that is also a frequent
    word counts only where the word ends a clause ("Starmeras," is no "Starmer as,")."""
    ending = case_ending(index, word, lang)
    if ending is None or not ending.also_glue:
        return ending
    after = text[end : end + 2].lstrip(" ")
    return ending if not after or after[0] in CLAUSE_END else None
