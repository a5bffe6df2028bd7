"""Artifact generators for `mt-repair inject`: each proposes one edit of the clean text.

An `Op` replaces the clean range [start, end) with damaged text (an insertion when start == end);
the gold item is then `find` = the damaged text and `fix` = the clean text it replaced. A `Plan`
remembers the ranges already used so that artifacts never touch or overlap.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from repair.document import ZWNJ, Document, Token
from repair.inject.wordings import LATIN, wordings

if TYPE_CHECKING:
    from repair.resources.entity_index import EntityIndex

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?؟])\s+")
DISCLAIMER_SHARE = 0.35  # about one boilerplate artifact in three is an MT disclaimer, the rest web residue
TWICE_SHARE = 0.25  # how often a glued word is glued a second time elsewhere in the document
UNKNOWN_ZIPF = 1.0  # a glued form at or above this word frequency is a real word ("cannot"), not damage
SHORT_WORD = 3  # articles and prepositions ("le", "de", "the") glue onto the next word ("Lechef")
NON_LATIN_LANGS = frozenset({"fa", "ar", "ru", "uk", "zh", "ja", "el", "he"})  # they get Latin-script runs


@dataclass(frozen=True)
class Op:
    """Replace clean[start:end] with `damaged`; `reserve` widens the range kept free of others."""

    start: int
    end: int
    damaged: str
    category: str
    kind: str
    note: str
    reserve: tuple[int, int] | None = None


@dataclass
class Parallel:
    """The same document in another language (for untranslated fragments)."""

    lang: str
    text: str
    source: str


class Plan:
    """One clean document being damaged: its structure and the ranges already used."""

    def __init__(
        self, text: str, lang: str, index: EntityIndex | None = None, parallel: Parallel | None = None
    ) -> None:
        self.text, self.lang, self.index, self.parallel = text, lang, index, parallel
        self.base = lang.split("-")[0]
        self.document = Document(text, lang)
        self.paragraphs = self.document.paragraphs
        self.taken: list[tuple[int, int]] = []
        self.memo: dict[str, object] = {}

    def free(self, start: int, end: int) -> bool:
        """True when [start, end] neither overlaps nor touches a range already used."""
        return all(end < a or start > b for a, b in self.taken)

    def take(self, op: Op) -> None:
        """Mark the op's range (or its reserve) as used."""
        self.taken.append(op.reserve or (op.start, op.end))

    def separator(self, k: int) -> str:
        """The text between paragraph k and the next (the document's usual one after the last)."""
        if k + 1 < len(self.paragraphs):
            return self.text[self.paragraphs[k].end : self.paragraphs[k + 1].start]
        return "\n\n" if "\n\n" in self.text else "\n"


def _pick(rng: random.Random, plan: Plan, sites: list[Op]) -> Op | None:
    free = [op for op in sites if plan.free(*(op.reserve or (op.start, op.end)))]
    return rng.choice(free) if free else None


def _sentence_start(text: str, position: int) -> bool:
    """True when nothing but a sentence end, a line break or an opening mark precedes `position`."""
    before = text[:position].rstrip(" \"“«'(")
    return not before or before[-1] in ".!?؟…\n:"


def _real_word(word: str, lang: str) -> bool:
    """True when the glued form is itself a word of the language ("can not" -> "cannot")."""
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang) >= UNKNOWN_ZIPF
    except LookupError:  # a language wordfreq does not know: trust the glue
        return False


_WORD_THEN_NUMBER = re.compile(r"(?<!\S)([^\W\d_]{2,}) (\d+(?:[.,]\d+)*)(?![\w])")
_NUMBER_THEN_WORD = re.compile(r"(?<![\w.,])(\d+) ([^\W\d_]{2,})")


def _glue_sites(plan: Plan) -> dict[str, list[Op]]:
    """Every gluable gap, by the kind of boundary (name, short word, number, other)."""
    cached = plan.memo.get("glue_sites")
    if cached is not None:
        return cached  # type: ignore[return-value]
    text = plan.text
    sites: dict[str, list[Op]] = {"a name": [], "a short word": [], "a number": [], "a word": []}
    for a, b in itertools.pairwise(plan.document.tokens):
        if text[a.end : b.start] != " " or len(a.text) < 2 or len(b.text) < 2:
            continue
        if len(a.text) <= SHORT_WORD:
            boundary = "a short word"
        elif a.is_capitalised and not _sentence_start(text, a.start):
            boundary = "a name"
        else:
            boundary = "a word"
        sites[boundary].append(Op(a.start, b.end, a.text + b.text, "sentence", "glued",
                                  f"glued words (space lost after {boundary})"))  # fmt: skip
    for pattern in (_WORD_THEN_NUMBER, _NUMBER_THEN_WORD):
        for m in pattern.finditer(text):
            sites["a number"].append(Op(m.start(), m.end(), m[1] + m[2], "sentence", "glued",
                                        "glued words (space lost at a number)"))  # fmt: skip
    plan.memo["glue_sites"] = sites
    return sites


def glued(plan: Plan, rng: random.Random) -> Op | tuple[Op, ...] | None:
    """Two words with the space between them lost ("Germany would" -> "Germanywould", "Le chef" ->
    "Lechef", "in 2027" -> "in2027"); sometimes the same word glued a second time elsewhere."""
    sites = _glue_sites(plan)
    boundaries = [b for b, ops in sites.items() if ops]
    rng.shuffle(boundaries)
    for boundary in boundaries:
        candidates = [op for op in sites[boundary] if plan.free(op.start, op.end)]
        rng.shuffle(candidates)
        for op in candidates[:20]:
            if boundary != "a number" and _real_word(op.damaged, plan.base):
                continue
            if rng.random() < TWICE_SHARE:
                second = _again(plan, op, sites)
                if second is not None:
                    return (op, second) if op.start < second.start else (second, op)
            return op
    return None


def _again(plan: Plan, first: Op, sites: dict[str, list[Op]]) -> Op | None:
    """Another free gluable gap after the same first word as `first`, away from it."""
    word = plan.text[first.start : plan.text.index(" ", first.start)]
    for ops in sites.values():
        for op in ops:
            far = op.end + 1 < first.start or op.start > first.end + 1
            same = plan.text.startswith(word + " ", op.start)
            if far and same and plan.free(op.start, op.end) and not _real_word(op.damaged, plan.base):
                return Op(op.start, op.end, op.damaged, op.category, op.kind, op.note + ", glued twice")
    return None


def _next_token(tokens: list[Token], i: int) -> Token | None:
    return tokens[i + 1] if i + 1 < len(tokens) else None


ABBREVIATION_STOP = re.compile(
    r"(?<![\w.])(?P<w>\d+|(?:[A-Z]\.)+[A-Z]|etc|Inc|Ltd|Corp|Jr|Sr|Dr|Mr|Mrs|Sra)\.(?P<g> )"
    r"(?P<n>[^\W\d_]+)"
)  # a full stop after a number or an abbreviation, then a word
CLOSER_GAP = re.compile(
    r"(?<=\S)(?P<p>[!?…][\"”»’)\]]*|\.[\"”»’)\]]+|[\"”»)\]]+[.!?,;:]?) (?P<n>[^\W\d_]+)"
)  # a sentence end, or closing quotes or brackets (with the mark after them), then a word
COMMA_GAP = re.compile(r"(?<=[^\W\d_])(?P<p>[,،;]) (?P<n>[^\W\d_]{2,})")


def _regex_sites(plan: Plan, rng: random.Random) -> dict[str, list[Op]]:
    """Punctuation damage found by pattern: doubled stop after a number or abbreviation, no space
    after closing quotes/brackets or ! and ?, no space after a comma."""
    text = plan.text
    stop, closer, comma = [], [], []
    for m in ABBREVIATION_STOP.finditer(text):
        after = "a number" if m["w"][0].isdigit() else "an abbreviation"
        gap = "" if m["n"][0].isupper() and rng.random() < 0.5 else " "
        note = f"doubled full stop after {after}" + (", space lost" if not gap else "")
        stop.append(Op(m.start(), m.end(), m["w"] + ".." + gap + m["n"], "sentence", "punctuation", note))
    for m in CLOSER_GAP.finditer(text):
        closer.append(Op(m.start("p"), m.end(), m["p"] + m["n"], "sentence", "punctuation",
                         "missing space after a sentence end or closing mark"))  # fmt: skip
    for m in COMMA_GAP.finditer(text):
        comma.append(Op(m.start("p"), m.end(), m["p"] + m["n"], "sentence", "punctuation",
                        "missing space after a comma"))  # fmt: skip
    return {"stop": stop, "closer": closer, "comma": comma}


def punctuation(plan: Plan, rng: random.Random) -> Op | None:
    """A doubled full stop or comma, or no space after a full stop (also across a lost paragraph break),
    after a closing quote or bracket, or after a comma; "2027. The" -> "2027..The"."""
    text, tokens = plan.text, plan.document.tokens
    doubled, no_space, merged = [], [], []
    for i, tok in enumerate(tokens):
        mark = text[tok.end : tok.end + 1]
        if mark not in (".", ",", "،") or len(tok.text) < 2:
            continue
        after = text[tok.end + 1 : tok.end + 2]
        if after in ("", " ", "\n"):
            doubled.append(Op(tok.start, tok.end + 1, tok.text + mark * 2, "sentence", "punctuation",
                              "doubled punctuation"))  # fmt: skip
        nxt = _next_token(tokens, i)
        if mark != "." or nxt is None:
            continue
        gap = text[tok.end + 1 : nxt.start]
        dots = "." * rng.choice((1, 1, 2))
        note = "missing space after full stop" + (" (doubled)" if len(dots) > 1 else "")
        if gap == " ":
            no_space.append(
                Op(tok.start, nxt.end, tok.text + dots + nxt.text, "sentence", "punctuation", note)
            )
        elif gap.strip() == "" and "\n" in gap:
            merged.append(Op(tok.start, nxt.end, tok.text + dots + nxt.text, "sentence", "punctuation",
                             note + ", paragraph break lost"))  # fmt: skip
    variants = [v for v in (doubled, no_space, merged, *_regex_sites(plan, rng).values()) if v]
    rng.shuffle(variants)
    for sites in variants:
        op = _pick(rng, plan, sites)
        if op:
            return op
    return None


def _paragraph_insert(plan: Plan, k: int, line: str, note: str) -> Op:
    """Insert `line` as its own paragraph before paragraph k (after the last one when k is past it)."""
    if k < len(plan.paragraphs):
        start = plan.paragraphs[k].start
        sep = plan.separator(k - 1) if k else plan.separator(len(plan.paragraphs))
        return Op(start, start, line + sep, "boilerplate", "boilerplate", note)
    end = plan.paragraphs[-1].end
    return Op(end, end, plan.separator(k) + line, "boilerplate", "boilerplate", note)


def boilerplate(plan: Plan, rng: random.Random) -> Op | None:
    """An MT disclaimer (top or bottom) or a line of web residue between paragraphs (wordings.toml)."""
    words = wordings()
    disclaimers = words.disclaimers.get(plan.base, ())
    residue = words.residue.get(plan.base, ())
    count = len(plan.paragraphs)
    if not count or not (disclaimers or residue):
        return None
    if disclaimers and (not residue or rng.random() < DISCLAIMER_SHARE):
        where: tuple[int, ...] = (0, count)
        line, note = rng.choice(disclaimers), "MT disclaimer"
    else:
        where = tuple(range(1, count)) or (count,)  # between paragraphs; after a lone one
        line, note = rng.choice(residue), "web residue line"
    line = words.fill(line, rng)
    return _pick(rng, plan, [_paragraph_insert(plan, k, line, note) for k in where])


def script(plan: Plan, rng: random.Random) -> Op | None:
    """A short run in another script left inside a sentence: Han, Cyrillic, Arabic or Greek in
    Latin-script text, Latin in Persian (or other non-Latin) text (wordings.toml [runs])."""
    runs = wordings().runs
    if plan.base in NON_LATIN_LANGS:
        scripts = [LATIN] if LATIN in runs else []
    else:
        scripts = sorted(s for s in runs if s != LATIN)
    if not scripts:
        return None
    name = rng.choice(scripts)
    run = rng.choice(runs[name])
    damaged = rng.choice((f" {run}", f" {run}", f" ({run})"))
    text, note = plan.text, f"{name}-script run left untranslated"
    sites = [
        Op(a.end, a.end, damaged, "untranslated", "script", note)
        for a, b in itertools.pairwise(plan.document.tokens)
        if text[a.end : b.start] == " "
    ]
    return _pick(rng, plan, sites)


def duplicate(plan: Plan, rng: random.Random) -> Op | None:
    """One to three paragraphs repeated verbatim right after themselves."""
    paras, sites = plan.paragraphs, []
    size = rng.choice((1, 1, 2))
    for k in range(len(paras) - size + 1):
        first, last = paras[k], paras[k + size - 1]
        block = plan.text[first.start : last.end]
        if len(block) < 40:
            continue
        sep = plan.separator(k + size - 1)
        note = "paragraph repeated" if size == 1 else f"{size} paragraphs repeated"
        sites.append(
            Op(last.end, last.end, sep + block, "duplicate", "duplicate", note, (first.start, last.end))
        )
    return _pick(rng, plan, sites)


def _fragment(paragraph: str) -> str:
    """The first sentence of a paragraph (the whole paragraph when short)."""
    return paragraph if len(paragraph) <= 240 else _SENTENCE_SPLIT.split(paragraph)[0]


def untranslated(plan: Plan, rng: random.Random) -> Op | None:
    """A sentence of the same article in another language, left in the text."""
    other = plan.parallel
    if other is None or not plan.paragraphs:
        return None
    other_doc = Document(other.text, other.lang)
    sites = []
    for k, para in enumerate(plan.paragraphs):
        if k >= len(other_doc.paragraphs):
            break
        span = other_doc.paragraphs[k]
        fragment = _fragment(other.text[span.start : span.end]).strip()
        if len(Document(fragment, other.lang).tokens) < 3 or fragment in plan.text:
            continue
        own = rng.random() < 0.5
        damaged = (plan.separator(k) if own else " ") + fragment
        note = f"untranslated {other.lang} sentence from {other.source}"
        sites.append(Op(para.end, para.end, damaged, "untranslated", "untranslated", note))
    return _pick(rng, plan, sites)


def orthography(plan: Plan, rng: random.Random) -> Op | None:
    """Persian: zero-width non-joiners stripped from a word, or Arabic ي/ك for Persian ی/ک."""
    if plan.base != "fa":
        return None
    from repair.resources.persian import joins

    zwnj, arabic = [], []
    for tok in plan.document.tokens:
        word = tok.text
        if ZWNJ in word and all(joins(word[i - 1]) for i, c in enumerate(word) if c == ZWNJ and i):
            zwnj.append(Op(tok.start, tok.end, word.replace(ZWNJ, ""), "orthography", "orthography",
                           "ZWNJ stripped"))  # fmt: skip
        if "ی" in word or "ک" in word:
            damaged = word.replace("ی", "ي").replace("ک", "ك")
            arabic.append(Op(tok.start, tok.end, damaged, "orthography", "orthography", "Arabic ي/ك for ی/ک"))
    first, second = (zwnj, arabic) if rng.random() < 0.75 else (arabic, zwnj)
    return _pick(rng, plan, first) or _pick(rng, plan, second)
