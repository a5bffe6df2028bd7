"""Align runs of text tokens with dictionary spellings (shared by the ENT detectors).

A *mention* is a run of adjacent text tokens aligned, token by token, with a contiguous tail of
one dictionary spelling (a surname alone, "bin Salman", or the full name). Each aligned token
is either an exact (folded) match or a fuzzy one with a similarity score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz

from repair.document import Document, Token
from repair.resources.cache_sizes import WORD_CACHE
from repair.resources.entity_index import DEPRECATED, READING, EntityIndex, FormRef
from repair.resources.transliteration import fold, is_persian_script, phonetic_key, skeleton, translit_key

CORE_CACHE = WORD_CACHE  # distinct words whose name core is kept for the run
MIN_NAME_LETTERS = 3  # shorter words (initials, particles) are never fuzzy matches nor mentions
# similarity(): weights of the three spelling comparisons, summing to 1
KEY_WEIGHT = 0.45  # transliteration keys: the comparison built for round-trip garbles
PLAIN_WEIGHT = 0.35  # folded spellings as written
SKELETON_WEIGHT = 0.2  # consonant skeletons: coarse, so the least weight
MIN_STEM_LETTERS = 3  # is_inflection(): a stem this long at least ...
MAX_ENDING_LETTERS = 3  # ... plus an ending of at most this many letters (Putina, Trumps, پوتینی)
_PARTICLE_WORDS = "von van der den de del della di da du dos das la le el al bin ben ibn bint fon ter ten y"
PARTICLES = frozenset(_PARTICLE_WORDS.split())

_ELISION = re.compile(r"^(?:[ldjmnst]|qu)['’]", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_GAP = re.compile(r"^[ \u00a0\u200c]+$|^-$")


@dataclass(frozen=True, slots=True)
class Word(Token):
    """A token reduced to its name core (no elision prefix, no possessive suffix), with the
    token's position in the document."""

    index: int


@lru_cache(maxsize=CORE_CACHE)
def _core(text: str) -> tuple[str, int]:
    """A word's name core and where it starts in the word."""
    offset = 0
    elided = _ELISION.match(text)
    if elided and len(text) > elided.end() + 1:
        text, offset = text[elided.end() :], elided.end()
    possessive = _POSSESSIVE.search(text)
    if possessive and len(text) > len(possessive.group()) + 1:
        text = text[: possessive.start()]
    return text, offset


def words_of(document: Document) -> list[Word]:
    """Every token of the document without French elision (l', d') or possessive ('s)."""
    words = []
    for i, token in enumerate(document.tokens):
        text, offset = _core(token.text)
        start = token.start + offset
        words.append(Word(text, start, start + len(text), i))
    return words


def adjacent(document: Document, left: Word, right: Word) -> bool:
    """True when only spaces (or one hyphen) separate two words."""
    gap = document.text[left.end : right.start]
    return bool(_GAP.match(gap))


@lru_cache(maxsize=WORD_CACHE)
def similarity(a: str, b: str) -> float:
    """Blend of plain, transliteration-key and skeleton similarity, in [0, 1]."""
    if fold(a) == fold(b):
        return 1.0
    plain = fuzz.ratio(fold(a), fold(b)) / 100
    key = fuzz.ratio(translit_key(a), translit_key(b)) / 100
    skel = fuzz.ratio(skeleton(a), skeleton(b)) / 100
    return KEY_WEIGHT * key + PLAIN_WEIGHT * plain + SKELETON_WEIGHT * skel


def sounds_alike(a: str, b: str) -> bool:
    """True when two Latin words have the same phonetic (metaphone) key."""
    key = phonetic_key(a)
    return bool(key) and key == phonetic_key(b)


def is_inflection(a: str, b: str) -> bool:
    """True when one word is the other plus a short ending (Putina, Trumps, پوتینی)."""
    fa, fb = fold(a), fold(b)
    short, long_ = sorted((fa, fb), key=len)
    return (
        len(short) >= MIN_STEM_LETTERS
        and long_.startswith(short)
        and len(long_) - len(short) <= MAX_ENDING_LETTERS
    )


def looks_like_name(word: Word, persian: bool) -> bool:
    """Latin: capitalised or a name particle; Persian: any word."""
    if persian:
        return True
    return word.text[:1].isupper() or word.text in PARTICLES


@dataclass(frozen=True, slots=True)
class Mention:
    """Text words aligned with form tokens [first, last] of a dictionary spelling."""

    form: FormRef
    words: tuple[Word, ...]
    first: int
    scores: tuple[float, ...]

    @property
    def last(self) -> int:
        return self.first + len(self.words) - 1

    @property
    def exact(self) -> bool:
        return all(s == 1.0 for s in self.scores)


ALIGNMENT_MEMO = "alignments"  # document.memo key: alignments by spelling tokens, position, word, floor
LINKS_MEMO = "word links"  # document.memo key: which words are adjacent to the word before them
MAX_ALIGNMENTS = 200_000  # alignments kept per document (bounded: memory stays flat on huge inputs)
_Alignment = tuple[tuple[Word, ...], int, tuple[float, ...]] | None


def align(
    document: Document, words: list[Word], at: int, form: FormRef, position: int, min_score: float
) -> Mention | None:
    """Align the form so that token `position` sits on word `at`; extend while words match.

    The aligned tokens must end with the form's last token (a surname, not a first name alone).
    The alignment depends only on the spelling's tokens, so the spellings of one name in several
    languages (and its variants) share it: it is computed once per document and kept in the memo.
    """
    tables = document.memo.setdefault(ALIGNMENT_MEMO, {})
    assert isinstance(tables, dict)
    # one table per word list, which the table holds, so that no other list can take its id
    memo = tables.setdefault(id(words), (words, {}))[1]
    key = (form.tokens, position, at, min_score)
    found: _Alignment
    if key in memo:
        found = memo[key]
    else:
        found = _alignment(document, words, at, form.tokens, position, min_score)
        if len(memo) >= MAX_ALIGNMENTS:
            memo.clear()
        memo[key] = found
    if found is None:
        return None
    return Mention(form, found[0], found[1], found[2])


def links(document: Document, words: list[Word]) -> list[bool]:
    """For each word, whether it is adjacent to the word before it (see `adjacent`), computed
    once per word list of a document (the list is held with it, so no other list takes its id)."""
    tables = document.memo.setdefault(LINKS_MEMO, {})
    assert isinstance(tables, dict)
    held = tables.get(id(words))
    if held is None:
        linked = [False] + [adjacent(document, a, b) for a, b in pairwise(words)]
        held = tables[id(words)] = (words, linked)
    return held[1]


def _alignment(
    document: Document, words: list[Word], at: int, tokens: tuple[str, ...], position: int, min_score: float
) -> _Alignment:
    """The aligned words, the first aligned token and the scores (see `align`), or None."""
    persian = is_persian_script(tokens[0])
    linked = links(document, words)
    aligned = {position: (words[at], similarity(words[at].text, tokens[position]))}
    for step in (-1, 1):  # extend to the left, then to the right, while adjacent words match
        k, w = position + step, at + step
        while 0 <= k < len(tokens) and 0 <= w < len(words):
            if not linked[max(w, w - step)] or not looks_like_name(words[w], persian):
                break
            score = similarity(words[w].text, tokens[k])
            if score < min_score:
                break
            aligned[k] = (words[w], score)
            k, w = k + step, w + step
    if max(aligned) != len(tokens) - 1:
        return None
    first = min(aligned)
    ordered = [aligned[i] for i in range(first, max(aligned) + 1)]
    return tuple(x[0] for x in ordered), first, tuple(x[1] for x in ordered)


def run_continues(document: Document, words: list[Word], mention: Mention) -> bool:
    """True when a capitalised word directly follows the mention (part of a longer proper noun)."""
    after = mention.words[-1].index + 1
    if after >= len(words) or is_persian_script(mention.words[0].text):
        return False
    nxt = words[after]
    return adjacent(document, mention.words[-1], nxt) and nxt.text[:1].isupper()


def known_token(index: EntityIndex, word: str) -> bool:
    """True when the word is, exactly, a token of some dictionary spelling (not of a reading)."""
    return any(ref.kind != READING for ref, _ in index.token_refs(word))


def written_whole(words: list[Word], word: Word, form: FormRef, position: int) -> bool:
    """True when the words around `word` (at token `position` of the form) spell the whole form."""
    start = word.index - position
    around = words[start : start + len(form.tokens)] if start >= 0 else []
    return [fold(w.text) for w in around] == [fold(t) for t in form.tokens]


def person_or_single_token(index: EntityIndex, word: str) -> bool:
    """True when the word is a token of a person's name or a one-word name: a word of a longer
    place or organisation name alone ("The" of The Bronx, جدید of زلاند جدید) names nothing."""
    return any(
        ref.kind != READING and (len(ref.tokens) == 1 or index.entities[ref.entity].type == "person")
        for ref, _ in index.token_refs(word)
    )


def document_mentions(index: EntityIndex, words: list[Word]) -> dict[int, set[int]]:
    """Entity -> indexes of words that exactly match the last token (surname) of one of its spellings.

    First names are shared by many people, so they do not count as a mention of the entity; nor
    does the last word of a longer place or organisation name alone ("Said" of Port Said).
    """
    found: dict[int, set[int]] = {}
    for word in words:
        if len(word.text) < MIN_NAME_LETTERS:
            continue
        for ref, position, part in _surname_refs(index, word.text):
            if part and not written_whole(words, word, ref, position):
                continue
            found.setdefault(ref.entity, set()).add(word.index)
    return found


SURNAME_REFS_KEPT = WORD_CACHE  # distinct words whose surname refs are kept (bounded: memory stays flat)


@lru_cache(maxsize=SURNAME_REFS_KEPT)
def _surname_refs(index: EntityIndex, text: str) -> tuple[tuple[FormRef, int, bool], ...]:
    """The word's refs (`token_refs`) at the last token of a spelling, but for deprecated
    spellings and readings, each with whether it is part of a longer place or organisation name
    (which counts only written whole): kept for the run, as a token of a large dictionary ends
    the spellings of hundreds of people and a document repeats it."""
    return tuple(
        (ref, position, len(ref.tokens) > 1 and index.entities[ref.entity].type != "person")
        for ref, position in index.token_refs(text)
        if ref.kind not in (DEPRECATED, READING) and position == len(ref.tokens) - 1
    )
