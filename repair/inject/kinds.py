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

if TYPE_CHECKING:
    from repair.resources.entity_index import EntityIndex

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?؟])\s+")
OWN_DISCLAIMERS = {
    "en": ["This article was translated by an automatic translation system and may contain inaccuracies."],
    "fr": ["Traduction automatique : ce texte peut contenir des erreurs."],
    "es": ["Traducción automática: este texto puede contener errores."],
    "fa": ["این متن با ترجمه ماشینی تهیه شده و ممکن است دارای خطا باشد."],
}
OWN_RESIDUE = {
    "en": ["Share this article", "Sign up for our newsletter", "Follow us on Facebook", "Photo: AFP"],
    "fr": ["Partager cet article", "Abonnez-vous à notre newsletter", "Suivez-nous sur Twitter"],
    "es": ["Comparte esta noticia", "Suscríbete a nuestro boletín", "Síguenos en Twitter"],
    "fa": ["انتهای پیام/", "این خبر را به اشتراک بگذارید", "ما را در تلگرام دنبال کنید"],
}


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


def glued(plan: Plan, rng: random.Random) -> Op | None:
    """Two words with the space between them lost: "India is" -> "Indiais"."""
    tokens, text = plan.document.tokens, plan.text
    sites = [
        Op(a.start, b.end, a.text + b.text, "sentence", "glued", "glued words (space lost)")
        for a, b in itertools.pairwise(tokens)
        if text[a.end : b.start] == " " and len(a.text) > 1 and len(b.text) > 1
    ]
    return _pick(rng, plan, sites)


def _next_token(tokens: list[Token], i: int) -> Token | None:
    return tokens[i + 1] if i + 1 < len(tokens) else None


def punctuation(plan: Plan, rng: random.Random) -> Op | None:
    """A doubled full stop or comma, or no space after a full stop (also across a lost paragraph break)."""
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
    variants = [v for v in (doubled, no_space, merged) if v]
    rng.shuffle(variants)
    for sites in variants:
        op = _pick(rng, plan, sites)
        if op:
            return op
    return None


def _phrases(lang: str) -> tuple[list[str], list[str]]:
    """(disclaimers, residue lines) for a language: the shipped phrase lists plus a few of our own."""
    from repair.resources.phrases import phrase_book

    book = phrase_book()
    disclaimers = [entry for _, entry, lg in book.fuzzy if lg == lang] + OWN_DISCLAIMERS.get(lang, [])
    residue = [entry[:1].upper() + entry[1:] for entry, lg in book.strong.values() if lg == lang]
    return disclaimers, sorted(set(residue)) + OWN_RESIDUE.get(lang, [])


def boilerplate(plan: Plan, rng: random.Random) -> Op | None:
    """An MT disclaimer (top or bottom) or a line of web residue between paragraphs."""
    disclaimers, residue = _phrases(plan.base)
    if not plan.paragraphs or not (disclaimers or residue):
        return None
    if disclaimers and (not residue or rng.random() < 0.35):
        where: tuple[int, ...] = (0, len(plan.paragraphs))
        line, note = rng.choice(disclaimers), "MT disclaimer"
    else:
        line, note, where = rng.choice(residue), "web residue line", tuple(range(len(plan.paragraphs) + 1))
    sites = []
    for k in where:
        if k < len(plan.paragraphs):  # before paragraph k
            start = plan.paragraphs[k].start
            sep = plan.separator(k - 1) if k else plan.separator(len(plan.paragraphs))
            sites.append(Op(start, start, line + sep, "boilerplate", "boilerplate", note))
        else:  # after the last paragraph
            end = plan.paragraphs[-1].end
            sites.append(Op(end, end, plan.separator(k) + line, "boilerplate", "boilerplate", note))
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
