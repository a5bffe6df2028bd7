"""ORT: Persian orthography: stripped zero-width non-joiners, Arabic letters, mixed spellings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from repair.context import Context
from repair.document import Document, Token
from repair.model import Applicability, Edit, Finding, Proposal, Severity, Span
from repair.registry import detector
from repair.resources.lexicon import base_language
from repair.resources.persian import ZWNJ, Repair, is_persian_word, joins, persian_letters, repairs, zipf_fa

SAFE_AT = 0.85
AMBIGUOUS_MARGIN = 0.6
ARABIC_MARKERS = frozenset("ةى\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")
ARABIC_WINDOW = 3


@dataclass(frozen=True, slots=True)
class Fix:
    """One token repair: span, original, proposals (text, confidence, tier, rationale)."""

    span: Span
    original: str
    proposals: tuple[tuple[str, float, Applicability, str], ...]


def _persian(document: Document) -> bool:
    return base_language(document.language) == "fa"


def _confidence(best: Repair, others: tuple[Repair, ...]) -> tuple[float, bool]:
    ambiguous = any(o.score >= best.score - AMBIGUOUS_MARGIN for o in others)
    confidence = min(0.97, 0.55 + 0.1 * best.score) - (0.15 if ambiguous else 0.0)
    return round(confidence, 3), ambiguous


def zwnj_fixes(document: Document, context: Context) -> dict[int, Fix]:
    """ORT001 repairs by token index (cached per document)."""
    cached = document.memo.get("orthography:zwnj")
    if cached is not None:
        return cached  # type: ignore[return-value]
    out: dict[int, Fix] = {}
    for i, token in enumerate(document.tokens):
        found = repairs(token.text)
        if not found:
            continue
        best, others = found[0], found[1:]
        confidence, ambiguous = _confidence(best, others)
        proposals = [(best.text, confidence, _tier(confidence, ambiguous), best.evidence)]
        for other in others[:2]:
            alt = round(max(0.1, confidence - 0.1 - (best.score - other.score) * 0.1), 3)
            proposals.append((other.text, alt, Applicability.SUGGEST, other.evidence))
        out[i] = Fix(token.span, token.text, tuple(proposals))
    document.memo["orthography:zwnj"] = out
    return out


def _tier(confidence: float, ambiguous: bool) -> Applicability:
    return Applicability.SAFE if confidence >= SAFE_AT and not ambiguous else Applicability.SUGGEST


def _finding(code: str, name: str, fix: Fix, message: str) -> Finding:
    proposals = tuple(
        Proposal((Edit(fix.span, fix.original, text),), conf, tier, why)
        for text, conf, tier, why in fix.proposals
    )
    return Finding(code, name, "orthography", Severity.WARNING, fix.span, fix.original, message, proposals)


@detector("ORT001", "missing-zwnj", "orthography", "A Persian word missing its zero-width non-joiner")
def missing_zwnj(document: Document, context: Context) -> Iterator[Finding]:
    """What it does: in Persian text, finds words glued where a zero-width non-joiner (U+200C)
    belongs: the verb prefix می/نمی ("میکند"), plural and other suffixes after a stem
    ("رسانهها", "برنامهای", "کردهاند"), and compounds ("آتشبس", "رئیسجمهور"). Evidence: wordfreq
    knows the ZWNJ spelling far better than the joined one, or the stem is a frequent word and the
    split follows Persian morphology. No split is tried after a letter that does not join
    leftwards (ا د ذ ر ز ژ و), so چیزها, کشورها and برای stay untouched, and joined spellings that
    are common in their own right (همچنان, بیشتر, آنها) are left alone.

    Why it matters: pipelines that strip ZWNJ make Persian look misspelled, change how words
    render, and break search and spelling tools.

    Example: "روته به واشنگتن سفر میکند" -> "روته به واشنگتن سفر می‌کند".

    Fix safety: safe when the evidence is strong and no other split competes; suggest for
    compounds of two frequent words, comparatives wordfreq has never seen ("فعالتر"), and when
    two splits are plausible ("نامهای": نامه‌ای or نام‌های; both are proposed).
    """
    if not _persian(document):
        return
    for fix in zwnj_fixes(document, context).values():
        yield _finding("ORT001", "missing-zwnj", fix, f"'{fix.original}' lacks a zero-width non-joiner")


def _arabic_context(tokens: list[Token], i: int) -> bool:
    """True when a neighbouring word carries letters or marks found only in Arabic."""
    window = tokens[max(0, i - ARABIC_WINDOW) : i + ARABIC_WINDOW + 1]
    return any(ARABIC_MARKERS & set(t.text) for t in window)


@detector("ORT002", "arabic-letters", "orthography", "Arabic ي or ك inside a Persian word")
def arabic_letters(document: Document, context: Context) -> Iterator[Finding]:
    """What it does: in Persian text, finds words written with the Arabic letters ي (yeh) or
    ك (kaf) instead of the Persian ی and ک; words next to unmistakably Arabic text (ة, ى,
    vowel marks) are left alone, since an Arabic quotation keeps its letters.

    Why it matters: the letters look alike but are different characters: search, sorting,
    spell-checking and dictionary look-ups miss the word.

    Example: "ايران" -> "ایران".

    Fix safety: safe when the Persian spelling is a known word; suggest otherwise.
    """
    if not _persian(document):
        return
    tokens = document.tokens
    for i, token in enumerate(tokens):
        if not {"ي", "ك"} & set(token.text) or _arabic_context(tokens, i):
            continue
        fixed = persian_letters(token.text)
        if not is_persian_word(fixed):
            continue
        freq = zipf_fa(fixed)
        confidence = 0.95 if freq >= 2.5 else 0.75
        tier = Applicability.SAFE if confidence >= SAFE_AT else Applicability.SUGGEST
        why = f"Persian spells it with ی/ک; '{fixed}' has zipf {freq:.1f}"
        fix = Fix(token.span, token.text, ((fixed, confidence, tier, why),))
        yield _finding("ORT002", "arabic-letters", fix, f"'{token.text}' uses Arabic ي/ك")


def _variant_key(word: str) -> str:
    return persian_letters(word).replace(ZWNJ, "").replace("ئ", "ی")


def _drops_good_zwnj(spelling: str, top: str) -> bool:
    """True when `top` only lacks a ZWNJ that `spelling` places correctly (keep the better one)."""
    if spelling.count(ZWNJ) <= top.count(ZWNJ) or ZWNJ * 2 in spelling:
        return False
    inner = spelling.strip(ZWNJ) == spelling
    return inner and all(joins(spelling[i - 1]) for i, c in enumerate(spelling) if c == ZWNJ)


def _units(document: Document, fixes: dict[int, Fix]) -> list[tuple[str, Span, bool]]:
    """Every word and every ZWNJ-separated part: (effective spelling, span, already repaired)."""
    out = []
    for i, token in enumerate(document.tokens):
        if not is_persian_word(token.text):
            continue
        fix = fixes.get(i)
        spelling = fix.proposals[0][0] if fix else token.text
        if spelling.strip(ZWNJ) != spelling:  # a stray ZWNJ before a space: counted, never flagged
            out.append((spelling.strip(ZWNJ), token.span, True))
            continue
        out.append((spelling, token.span, fix is not None))
        if ZWNJ in spelling and not fix:
            offset = token.start
            for part in spelling.split(ZWNJ):
                out.append((part, Span(offset, offset + len(part)), False))
                offset += len(part) + 1
        elif ZWNJ in spelling:
            out += [(part, token.span, True) for part in spelling.split(ZWNJ)]
    return out


@detector("ORT003", "mixed-spelling", "orthography", "One Persian word spelled two ways in a document")
def mixed_spelling(document: Document, context: Context) -> Iterator[Finding]:
    """What it does: in Persian text, finds a word the document spells two ways (رییس and رئیس;
    آنها and آن‌ها) and proposes the spelling the document uses most, after ORT001's repairs.

    Why it matters: both spellings may be acceptable, but one article should pick one.

    Example: "رییس" once where "رئیس" appears three times -> "رئیس".

    Fix safety: suggest only: the minority spelling is not wrong, only inconsistent.
    """
    if not _persian(document):
        return
    units = [u for u in _units(document, zwnj_fixes(document, context)) if len(u[0]) >= 3]
    groups: dict[str, Counter[str]] = {}
    for spelling, _, _ in units:
        groups.setdefault(_variant_key(spelling), Counter())[spelling] += 1
    seen: set[Span] = set()
    for spelling, span, repaired in units:
        counts = groups[_variant_key(spelling)]
        (top, top_count), *_ = counts.most_common(1)
        if repaired or spelling == top or top_count <= counts[spelling] or span in seen:
            continue
        if (zipf_fa(top) < 2.0 and ZWNJ not in top) or _drops_good_zwnj(spelling, top):
            continue
        seen.add(span)
        original = document.text[span.start : span.end]
        why = f"the document spells it '{top}' {top_count} time(s), '{spelling}' {counts[spelling]}"
        fix = Fix(span, original, ((top, 0.6, Applicability.SUGGEST, why),))
        yield _finding("ORT003", "mixed-spelling", fix, f"'{original}' is spelled '{top}' elsewhere")
