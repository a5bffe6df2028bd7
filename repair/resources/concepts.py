"""Concept lexicons (dictionaries/concepts/*.txt): vocabulary classes matched token by token.

A lexicon maps concept names ("translate", "machine", "action", ...) to terms; a term is one or
more word patterns ("stem*", "*stem", "*infix*", exact) matched on consecutive tokens. The BOI
detectors decide from which concepts co-occur in a short line, never from whole sentences.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

from repair.resources.cache_sizes import WORD_CACHE

CONCEPTS = frozenset(
    {
        # machine-translation disclaimers (BOI002)
        "translate", "translated", "auto", "machine", "ai", "original", "error", "prevail",
        "notice", "this", "the", "text", "self", "language", "glue", "produced", "report",
        # web-page residue (BOI001)
        "action", "object", "nav", "platform", "credit", "source", "by",
    }
)  # fmt: skip
IMPLIES = {"translated": "translate"}  # a term of the key concept also counts for the value
SECTION = re.compile(r"\[([a-z]+)\]")
WILD = "*"
COMMENT = "#"
FOLD_CACHE = WORD_CACHE  # distinct words whose folded form is kept for the run
FIRST_WORD_CACHE = WORD_CACHE  # distinct words whose matching terms are kept for the run
_MARKS = r"[\u064b-\u065f\u0670\u0640]"  # Arabic marks (harakat, dagger alef, tatweel) inside words
_WORD = re.compile(rf"(?:[^\W_]|{_MARKS})+")
_WORD_RUN = rf"(?:(?!{_MARKS})[\W_])*+(?:[^\W_]|{_MARKS})++"  # what precedes a word, then one `_WORD` match
_CJK = r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"  # kana and CJK ideographs: one token per character
CJK_FIRST = "\u3040"  # the lowest code point of `_CJK`: a word below it holds none
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alef, tatweel
_LETTERS = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ی"}
)  # Arabic and Persian spellings of one letter compare alike


@lru_cache(maxsize=FOLD_CACHE)
def fold(text: str) -> str:
    """Text as tokens compare: NFKC, no Arabic harakat or tatweel, one spelling of yeh, kaf, alef."""
    return _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(_LETTERS)


@lru_cache(maxsize=16)
def _words_run(count: int) -> re.Pattern[str]:
    return re.compile(f"(?:{_WORD_RUN}){{{count}}}")


def more_words_than(text: str, limit: int) -> bool:
    """True when `text` has more than `limit` words, hence more than `limit` tokens (a CJK word
    is several): one anchored match, no token built (for callers that refuse longer units)."""
    return _words_run(limit + 1).match(text) is not None


class Token(NamedTuple):
    """One word of a line: its offsets in the line, its folded form and its case-folded form
    (a named tuple: lines are tokenised by the hundred thousand, and it is built fastest)."""

    start: int
    end: int
    raw: str
    low: str


def tokenize(text: str, limit: int | None = None) -> list[Token]:
    """Letter-and-digit runs of `text` (apostrophes, hyphens split words); CJK one char a token.

    With `limit`, reading stops once more than `limit` tokens are found (a caller that refuses
    longer units learns it without tokenising a whole paragraph)."""
    out: list[Token] = []
    add = out.append
    for m in _WORD.finditer(text):
        if limit is not None and len(out) > limit:
            break
        at = m.start()
        for offset, size, raw, low in _pieces(m.group()):
            add(Token(at + offset, at + offset + size, raw, low))
    return out


@lru_cache(maxsize=1)
def _cjk_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A CJK character, and a word's pieces (each CJK character, each run of other letters):
    compiled on first need, as their wide classes take 4-5 ms each to compile."""
    return re.compile(_CJK), re.compile(rf"{_CJK}|(?:(?!{_CJK})[^\W_])+")


@lru_cache(maxsize=FOLD_CACHE)
def _pieces(word: str) -> tuple[tuple[int, int, str, str], ...]:
    """A word's tokens as (offset in the word, length, folded, case-folded): the word itself, or
    one token per CJK character and per run of other letters (computed once per distinct word)."""
    cjk = max(word, default="") >= CJK_FIRST and _cjk_patterns()[0].search(word) is not None
    pieces = [(p.start(), p.group()) for p in _cjk_patterns()[1].finditer(word)] if cjk else [(0, word)]
    out = []
    for offset, piece in pieces:
        raw = fold(piece)
        out.append((offset, len(piece), raw, raw.casefold()))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class WordPattern:
    """One word of a term: its text and whether other letters may come before or after it."""

    text: str
    head: bool  # "*stem": any beginning
    tail: bool  # "stem*": any ending
    cased: bool  # written in capitals: matched case-sensitively (acronyms: AI, KI, ИИ)

    def matches(self, token: Token) -> bool:
        word = token.raw if self.cased else token.low
        if self.head and self.tail:
            return self.text in word
        if self.head:
            return word.endswith(self.text)
        if self.tail:
            return word.startswith(self.text)
        return word == self.text


def compile_term(term: str) -> tuple[WordPattern, ...]:
    """A term's word patterns (a written word may hold several tokens); empty without letters."""
    patterns: list[WordPattern] = []
    for part in term.split():
        core = part.strip(WILD)
        cased = core.isupper() and len(core) > 1
        words = [t.raw if cased else t.low for t in tokenize(core)]
        for n, word in enumerate(words):
            head = n == 0 and part.startswith(WILD)
            tail = n == len(words) - 1 and part.endswith(WILD)
            patterns.append(WordPattern(word, head, tail, cased))
    return tuple(patterns)


def parse_concepts(text: str) -> list[tuple[int, str, str]]:
    """(line number, concept, term) for every term of a lexicon; concept "" before any section."""
    concept, out = "", []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(COMMENT):
            continue
        section = SECTION.fullmatch(line)
        if section:
            concept = section.group(1)
        else:
            out.append((number, concept, line))
    return out


Span = tuple[int, int]  # token index range [start, end)
Entry = tuple[str, str, tuple[WordPattern, ...]]  # language, concept, the term's word patterns
Hits = dict[str, list[Span]]  # concept -> token ranges of its terms in one line


def folded_line(text: str) -> str | None:
    """The line with every token's case-folded form (`Token.low`) as a piece of it, or None when
    that cannot be promised cheaply. Folding is a map of single characters once the text is in
    NFKC (a piece of an NFKC text is in NFKC too), and case folding is context-free, so the form
    of a token, a piece of the line, is the same piece of the line's form."""
    if text.isascii():
        return text.lower()  # ASCII: NFKC, the marks and the letter table change nothing
    if not unicodedata.is_normalized("NFKC", text):
        return None
    return _ARABIC_MARKS.sub("", text).translate(_LETTERS).casefold()


def _needles(patterns: set[WordPattern]) -> tuple[str, ...]:
    """The case-folded texts of word patterns, without those that hold a shorter one (found
    whenever it is): one of them occurs in a token that any of the patterns matches."""
    texts = sorted({p.text.casefold() if p.cased else p.text for p in patterns}, key=len)
    kept: list[str] = []
    for text in texts:
        if not any(k in text for k in kept):
            kept.append(text)
    return tuple(kept)


@dataclass(frozen=True, slots=True)
class Lexicons:
    """Every concept term of every language, indexed by the first word pattern."""

    exact: dict[str, list[tuple[str, str, tuple[WordPattern, ...]]]]
    prefix: dict[str, list[tuple[str, str, tuple[WordPattern, ...]]]]
    other: list[tuple[str, str, tuple[WordPattern, ...]]]
    languages: tuple[str, ...]
    _first: dict[str, tuple[Entry, ...]] = field(default_factory=dict, compare=False, repr=False)
    _anchors: dict[frozenset[str], tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def anchors(self, concepts: frozenset[str]) -> tuple[str, ...]:
        """Text pieces of which every line holding a term of `concepts` (any language) holds
        one: the first word pattern of each term must match a token (see `could_hit`)."""
        found = self._anchors.get(concepts)
        if found is None:
            groups = (*self.exact.values(), *self.prefix.values(), self.other)
            firsts = {term[0] for group in groups for _, concept, term in group if concept in concepts}
            found = _needles(firsts)
            self._anchors[concepts] = found
        return found

    def could_hit(self, text: str, concepts: frozenset[str]) -> bool:
        """False only when no term of `concepts` can occur among the tokens of `text`: a
        necessary test, far cheaper than tokenising the line and matching every term (`hits`)."""
        low = folded_line(text)
        return low is None or any(anchor in low for anchor in self.anchors(concepts))

    def _starting_with(self, token: Token) -> tuple[Entry, ...]:
        """The terms whose first word pattern matches the token, in lookup order (cached per
        distinct word, by its folded form: the case-folded one follows from it)."""
        found = self._first.get(token.raw)
        if found is None:
            candidates = list(self.exact.get(token.low, ()))
            if token.raw != token.low:  # a lowercase word would find the same terms twice
                candidates += self.exact.get(token.raw, ())
            for k in range(1, len(token.low) + 1):
                candidates += self.prefix.get(token.low[:k], ())
            candidates += self.other
            found = tuple(entry for entry in candidates if entry[2][0].matches(token))
            if len(self._first) >= FIRST_WORD_CACHE:
                self._first.clear()
            self._first[token.raw] = found
        return found

    def hits(self, tokens: list[Token]) -> dict[str, Hits]:
        """Per language, where each of its concepts occurs among `tokens`."""
        out: dict[str, Hits] = defaultdict(lambda: defaultdict(list))
        first, count = self._first, len(tokens)
        for i, token in enumerate(tokens):
            found = first.get(token.raw)
            for language, concept, term in self._starting_with(token) if found is None else found:
                # The first word pattern matches the token (`_starting_with`); the others must follow.
                end = i + len(term)
                if len(term) > 1 and (end > count or not _follow(term, tokens, i)):
                    continue
                spans = out[language][concept]
                if (i, end) not in spans:
                    spans.append((i, end))
                implied = IMPLIES.get(concept)
                if implied and (i, end) not in out[language][implied]:
                    out[language][implied].append((i, end))
        return out


def _follow(term: tuple[WordPattern, ...], tokens: list[Token], i: int) -> bool:
    """True when the term's word patterns after the first match the tokens after token `i`."""
    return all(p.matches(t) for p, t in zip(term[1:], tokens[i + 1 : i + len(term)], strict=True))


def shipped_concept_files() -> list[Path]:
    """The concept lexicons shipped with the package, one per language."""
    folder = files("repair.dictionaries") / "concepts"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


CONCEPT_CACHE_KIND, CONCEPT_CACHE_VERSION = "concepts", 1  # the compiled lexicons' JSON cache
CONCEPT_CACHE_FAMILY = "concepts-"


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    """Every shipped concept lexicon, compiled (cached for the process). The compiled terms are
    kept in the cache folder under a digest of the lexicon files and of this module's source,
    so a later process reads them (a few ms) instead of compiling 3,000 terms (~60 ms)."""
    from repair.resources.cache import cache_dir, read_json, write_json

    texts = [(path.stem, path.read_text(encoding="utf-8")) for path in shipped_concept_files()]
    folder = cache_dir()
    path = folder / f"{CONCEPT_CACHE_FAMILY}{_digest(texts)}.json" if folder else None
    entries = _stored_entries(read_json(path, CONCEPT_CACHE_KIND, CONCEPT_CACHE_VERSION)) if path else None
    if entries is None:
        entries = [
            (language, concept, term)
            for language, text in texts
            for _, concept, raw in parse_concepts(text)
            if concept in CONCEPTS and (term := compile_term(raw))
        ]
        if path:
            stored = [
                [lang, concept, [[p.text, p.head, p.tail, p.cased] for p in term]]
                for lang, concept, term in entries
            ]
            write_json(path, CONCEPT_CACHE_KIND, CONCEPT_CACHE_VERSION, stored, CONCEPT_CACHE_FAMILY)
    return _indexed(entries, tuple(language for language, _ in texts))


def _digest(texts: list[tuple[str, str]]) -> str:
    """What the compiled lexicons follow from: the files and the code that compiles them."""
    import hashlib

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for language, text in texts:
        digest.update(f"\0{language}\0{text}".encode())
    return digest.hexdigest()[:32]


def _stored_entries(data: object) -> list[Entry] | None:
    """The entries of a compiled-lexicon cache, or None when it is not exactly what `lexicons`
    writes (damaged or hand-edited: compiled again)."""
    if not isinstance(data, list):
        return None
    entries: list[Entry] = []
    for item in data:
        if not (isinstance(item, list) and len(item) == 3 and isinstance(item[2], list) and item[2]):
            return None
        language, concept, patterns = item
        if not (isinstance(language, str) and isinstance(concept, str) and concept in CONCEPTS):
            return None
        term = []
        for pattern in patterns:
            if not (
                isinstance(pattern, list)
                and len(pattern) == 4
                and isinstance(pattern[0], str)
                and all(isinstance(flag, bool) for flag in pattern[1:])
            ):
                return None
            term.append(WordPattern(*pattern))
        entries.append((language, concept, tuple(term)))
    return entries


def _indexed(entries: list[Entry], languages: tuple[str, ...]) -> Lexicons:
    """The lexicons with each term filed by its first word pattern, in file order."""
    exact: dict[str, list[Entry]] = defaultdict(list)
    prefix: dict[str, list[Entry]] = defaultdict(list)
    other: list[Entry] = []
    for entry in entries:
        first = entry[2][0]
        if first.head:
            other.append(entry)
        elif first.tail and not first.cased:
            prefix[first.text].append(entry)
        elif not first.tail:
            exact[first.text].append(entry)
        else:
            other.append(entry)
    return Lexicons(dict(exact), dict(prefix), other, languages)
