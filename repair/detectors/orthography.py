"""ORT: Persian orthography: stripped zero-width non-joiners, Arabic letters, mixed spellings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from repair.context import Context
from repair.document import Document, Token
from repair.model import Applicability, Hit, Option, Span
from repair.registry import detector
from repair.resources.cache_sizes import WORD_CACHE
from repair.resources.lexicon import base_language
from repair.resources.persian import (
    ZWNJ,
    Repair,
    in_context,
    is_persian_word,
    joins,
    lookup_form,
    persian_letters,
    repairs,
    respell,
    zipf_fa,
)

SAFE_AT = 0.85  # confidence from which a repair is safe to apply in batch
# ORT001: a ZWNJ repair's confidence from its score (persian.Repair.score):
AMBIGUOUS_MARGIN = 0.6  # another split scoring within this of the best one makes the choice ambiguous
ZWNJ_BASE = 0.55  # confidence of a score of 0 ...
ZWNJ_PER_POINT = 0.1  # ... plus this per point of score: a score of 3 reaches SAFE_AT
ZWNJ_MAX = 0.97  # morphology and frequencies never make a spelling certain
AMBIGUITY_PENALTY = 0.15  # an ambiguous best split drops below SAFE_AT (and is suggest anyway)
_PART = re.compile(r"[^-'’]+")  # a token's words: hyphens and apostrophes join words in a token
CONTEXT_CHARS = 24  # text read on each side of a word to choose between readings (نشانه‌ای, نشان‌های)
ALTERNATIVES = 2  # other splits proposed after the best one
ALTERNATIVE_GAP = 0.1  # an alternative ranks at least this far below the best proposal ...
ALTERNATIVE_PER_POINT = 0.1  # ... and further by this per point of score it lacks
ALTERNATIVE_FLOOR = 0.1  # but stays a proposal with some confidence
DARI_LOCALES = frozenset(("fa-af",))  # Dari: writers use far fewer ZWNJs, a joined word is a norm there
DARI_CONFIDENCE_CAP = 0.75  # in Dari a ZWNJ repair is a suggestion, never applied in batch
# ORT002
ARABIC_YEH_KAF = frozenset("يك")  # Arabic letters ORT002 replaces with Persian ی and ک
ARABIC_MARKERS = frozenset("ةى\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")
ARABIC_WINDOW = 3  # words on each side that can reveal an Arabic quotation
KNOWN_ZIPF = 2.5  # a Persian spelling this frequent is a known word
KNOWN_LETTERS_CONFIDENCE = 0.95  # the Persian spelling is a known word: safe
UNKNOWN_LETTERS_CONFIDENCE = 0.75  # the Persian spelling is rare: suggest
# ORT003
MIN_UNIT_LETTERS = 3  # one- and two-letter units (affixes split off by a ZWNJ) are not compared
MAJORITY_ZIPF = 2.0  # a majority spelling rarer than this (and without a ZWNJ) is not trusted as the norm
MIXED_CONFIDENCE = 0.6  # suggest only: the minority spelling is not wrong, only inconsistent


@dataclass(frozen=True, slots=True)
class Fix:
    """One token repair: span, original, proposals (text, confidence, tier, rationale)."""

    span: Span
    original: str
    proposals: tuple[Option, ...]


def _persian(document: Document) -> bool:
    return base_language(document.language) == "fa"


def _confidence(best: Repair, others: tuple[Repair, ...]) -> tuple[float, bool]:
    ambiguous = any(o.score >= best.score - AMBIGUOUS_MARGIN for o in others)
    confidence = min(ZWNJ_MAX, ZWNJ_BASE + ZWNJ_PER_POINT * best.score) - (
        AMBIGUITY_PENALTY if ambiguous else 0.0
    )
    return round(confidence, 3), ambiguous


def _dari(document: Document) -> bool:
    return document.language.lower() in DARI_LOCALES


def _parts(token: Token) -> Iterator[tuple[str, int]]:
    """The token's words between hyphens and apostrophes, with their offsets ("کلان-دادهها",
    "b'برنامههای": each word alone)."""
    for match in _PART.finditer(token.text):
        yield match.group(), token.start + match.start()


def _zwnj_fix(document: Document, text: str, start: int, dari: bool) -> Fix | None:
    """ORT001's repair of one word, looked up letter for letter as the lexicon spells it (ﺁ as آ,
    a final Arabic ى as ی) and proposed with the word's own letters. Words with Arabic ي/ك are
    ORT002's: the letters are fixed first, then the ZWNJ can be judged."""
    if ARABIC_YEH_KAF & set(text):
        return None
    found = repairs(lookup_form(text))
    if not found:
        return None
    end = start + len(text)
    found = in_context(
        found, document.text[max(0, start - CONTEXT_CHARS) : start], document.text[end : end + CONTEXT_CHARS]
    )
    best, others = found[0], found[1:]
    confidence, ambiguous = _confidence(best, others)
    why = best.evidence
    if dari:
        confidence = min(confidence, DARI_CONFIDENCE_CAP)
        why += "; Dari often writes it joined"
    proposals = [(respell(text, best.text), confidence, _tier(confidence, ambiguous), why)]
    for other in others[:ALTERNATIVES]:
        lacking = (best.score - other.score) * ALTERNATIVE_PER_POINT
        alt = round(max(ALTERNATIVE_FLOOR, confidence - ALTERNATIVE_GAP - lacking), 3)
        proposals.append((respell(text, other.text), alt, Applicability.SUGGEST, other.evidence))
    return Fix(Span(start, end), text, tuple(proposals))


def zwnj_fixes(document: Document, context: Context) -> dict[int, Fix]:
    """ORT001 repairs by start offset (cached per document); in Dari, suggestions only."""
    cached = document.memo.get("orthography:zwnj")
    if cached is not None:
        return cached  # type: ignore[return-value]
    out: dict[int, Fix] = {}
    dari = _dari(document)
    for token in document.tokens:
        for text, start in _parts(token):
            fix = _zwnj_fix(document, text, start, dari)
            if fix is not None:
                out[start] = fix
    document.memo["orthography:zwnj"] = out
    return out


def _tier(confidence: float, ambiguous: bool) -> Applicability:
    return Applicability.SAFE if confidence >= SAFE_AT and not ambiguous else Applicability.SUGGEST


def _hit(fix: Fix, message: str) -> Hit:
    return Hit.replacing(fix.span, fix.original, message, fix.proposals)


@detector("ORT001", "missing-zwnj", "orthography", "A Persian word missing its zero-width non-joiner")
def missing_zwnj(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: in Persian text, finds words glued where a zero-width non-joiner (U+200C)
    belongs: the verb prefix می/نمی in every person and tense ("میکنم", "نمیتوانید",
    "میشدهاند", "برمیگردد"), plural, comparative and other suffixes after a stem ("رسانهها",
    "برنامهای", "کردهاند", "سختترین"), and compounds ("آتشبس", "اعلامشده", "سرطانزا"). Evidence:
    the prefix always takes a ZWNJ before a real verb form (the stem conjugates: other forms of it
    are frequent), however common the joined spelling is, unless the word also reads as a noun
    (میدان, میلاد, میدانی stay); wordfreq knows the ZWNJ spelling well (at least a tenth as often
    as the joined one) and morphology agrees; or the stem is frequent and the split follows Persian
    morphology. Verbs whose present and past stems differ come from a grammar's list (می‌زداید,
    برمی‌انگیزد); a final silent ه is never joined to the next word (شبه‌جزیره); آ inside a word
    starts a word (فن‌آوری); a prefix stands apart before a word (برون‌پیکری, هم‌اتاقی). Where a
    word reads two ways (نشانه‌ای or نشان‌های), a number before it or a word after it that never
    follows an ezafe (و, که, را, است, punctuation) picks the ه + ای reading. Each word of a
    hyphenated token is read alone, and presentation forms (ﺁ) and a final Arabic ى are looked up
    as Persian letters and kept in the repair. No split is tried after a letter that does not
    join leftwards (ا د ذ ر ز ژ و), so چیزها, کشورها and برای stay untouched, and words whose
    ending belongs to the stem (تنها, انتها) or that are standard joined (آنها, بیشتر, همچنان)
    are left alone.

    Why it matters: pipelines that strip ZWNJ make Persian look misspelled, change how words
    render, and break search and spelling tools.

    Example: "روته به واشنگتن سفر میکند" -> "روته به واشنگتن سفر می‌کند".

    Fix safety: safe when the evidence is strong and no other split competes (a verb form, a
    frequent stem + suffix); suggest for weaker readings (compounds of two frequent words, a
    prefix such as پیش or قابل, words linked by و or ال, a plural after a stem wordfreq does not
    know, comparatives it has never seen, most silent-ه compounds), when two splits are
    plausible ("نامهای": نامه‌ای or نام‌های; both are proposed), and always in Dari (fa-AF), where
    joined spellings are common.
    """
    if not _persian(document):
        return
    for fix in zwnj_fixes(document, context).values():
        yield _hit(fix, f"'{fix.original}' lacks a zero-width non-joiner")


def _arabic_context(tokens: list[Token], i: int) -> bool:
    """True when a neighbouring word carries letters or marks found only in Arabic."""
    window = tokens[max(0, i - ARABIC_WINDOW) : i + ARABIC_WINDOW + 1]
    return any(ARABIC_MARKERS & set(t.text) for t in window)


@detector("ORT002", "arabic-letters", "orthography", "Arabic ي or ك inside a Persian word")
def arabic_letters(document: Document, context: Context) -> Iterator[Hit]:
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
        if not ARABIC_YEH_KAF & set(token.text) or _arabic_context(tokens, i):
            continue
        fixed = persian_letters(token.text)
        if not is_persian_word(fixed):
            continue
        freq = zipf_fa(fixed)
        confidence = KNOWN_LETTERS_CONFIDENCE if freq >= KNOWN_ZIPF else UNKNOWN_LETTERS_CONFIDENCE
        tier = Applicability.SAFE if confidence >= SAFE_AT else Applicability.SUGGEST
        why = f"Persian spells it with ی/ک; '{fixed}' has zipf {freq:.1f}"
        fix = Fix(token.span, token.text, ((fixed, confidence, tier, why),))
        yield _hit(fix, f"'{token.text}' uses Arabic ي/ك")


@lru_cache(maxsize=WORD_CACHE)
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
    for token in document.tokens:
        if not is_persian_word(token.text):
            continue
        fix = fixes.get(token.start)
        if fix is not None and fix.span != token.span:
            fix = None
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
def mixed_spelling(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: in Persian text, finds a word the document spells two ways (رییس and رئیس;
    آنها and آن‌ها) and proposes the spelling the document uses most, after ORT001's repairs.

    Why it matters: both spellings may be acceptable, but one article should pick one.

    Example: "رییس" once where "رئیس" appears three times -> "رئیس".

    Fix safety: suggest only: the minority spelling is not wrong, only inconsistent.
    """
    if not _persian(document):
        return
    units = [u for u in _units(document, zwnj_fixes(document, context)) if len(u[0]) >= MIN_UNIT_LETTERS]
    groups: dict[str, Counter[str]] = {}
    for spelling, _, _ in units:
        groups.setdefault(_variant_key(spelling), Counter())[spelling] += 1
    seen: set[Span] = set()
    for spelling, span, repaired in units:
        counts = groups[_variant_key(spelling)]
        (top, top_count), *_ = counts.most_common(1)
        if repaired or spelling == top or top_count <= counts[spelling] or span in seen:
            continue
        if (zipf_fa(top) < MAJORITY_ZIPF and ZWNJ not in top) or _drops_good_zwnj(spelling, top):
            continue
        seen.add(span)
        original = document.text[span.start : span.end]
        why = f"the document spells it '{top}' {top_count} time(s), '{spelling}' {counts[spelling]}"
        fix = Fix(span, original, ((top, MIXED_CONFIDENCE, Applicability.SUGGEST, why),))
        yield _hit(fix, f"'{original}' is spelled '{top}' elsewhere")
