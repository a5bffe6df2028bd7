"""Persian orthography: word frequencies (cached) and zero-width non-joiner (ZWNJ) restoration.

A stripped ZWNJ glues two morphemes: "میکند" for "می‌کند", "رسانهها" for "رسانه‌ها". A ZWNJ
only ever follows a letter that joins leftwards, so no split is tried after ا د ذ ر ز ژ و.
Evidence comes from wordfreq's Persian list (the ZWNJ spelling is frequent and the joined one is
not) and from morphology (a frequent stem plus a plural, indefinite or pronoun suffix, the verb
prefix می/نمی before a verb stem, بی before a noun, or two frequent words in a compound).
"""

from __future__ import annotations

import contextlib
import math
import pickle
from dataclasses import dataclass
from functools import lru_cache

from repair.resources.cache import cache_dir

ZWNJ = "\u200c"
NON_JOINING = frozenset("اآأإٱدذرزژوؤةءۀ")
PERSIAN_LETTERS = frozenset("آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئءأؤۀة")
ARABIC_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})
PLURAL_SUFFIXES = ("هایشان", "هایمان", "هایتان", "هایی", "هایش", "هاست", "های", "ها", "ترین", "تر")
VOWEL_SUFFIXES = ("اشان", "ایم", "اید", "اند", "ای", "ام", "اش", "ات")
SECOND_ELEMENTS = frozenset(
    ("گذاری", "ریزی", "گیری", "کننده", "کنندگان", "دهنده", "دهندگان", "سازی", "کشی", "شناسی", "نویسی")
)
VERB_PREFIXES = ("نمی", "می")
PERSON_ENDINGS = ("ند", "ید", "یم", "د", "م", "ی", "")
RARE = 2.0  # a joined word rarer than this is unknown to wordfreq: morphology may split it
COMMON_STEM = 3.0  # a stem (or another form of a verb) this frequent is an ordinary word
COMPOUND_PART = 3.5  # each half of a compound must be this frequent
MIN_LETTERS = 4  # the shortest split leaves two letters on each side of the ZWNJ
# Repair scores (ORT001 turns them into confidences; 3 or more is safe when unambiguous):
LEXICAL_ZIPF = 2.5  # a ZWNJ spelling this frequent is a common spelling (its score is its zipf)
RIVAL_MARGIN = 0.5  # a spelling less than this above the joined word's zipf is only a rival
INDEFINITE_PENALTY = 0.3  # reading a final ی as the indefinite suffix is one assumption more
SUFFIX_BASE = 2.5  # frequent stem + suffix: this ...
SUFFIX_PER_ZIPF = 0.2  # ... plus this per zipf point of the stem (a common stem makes it safe)
COMPARATIVE_STEM = 3  # shorter stems make joined comparatives of their own (بهتر, کمتر)
COMPARATIVE_ZIPF = 2.0  # a ZWNJ comparative of the stem this frequent attests the pattern
UNATTESTED_COMPARATIVE = 2.2  # a comparative wordfreq has never seen: below the safe level
NESTED_PENALTY = 0.3  # a repair built on a repaired stem is less sure than the stem's repair
BI_LETTERS = 6  # بی + noun: shorter words starting with بی are words of their own (بیمار, بیشتر)
BI_NOUN_ZIPF = 4.0  # the noun after بی must be this frequent
BI_SCORE = 3.0  # بی + a frequent noun
COMPOUND_BASE = 1.5  # a compound: this ...
COMPOUND_PER_ZIPF = 0.2  # ... plus this per zipf point of its rarer half (in practice below safe)
VERB_PREFIX_SCORE = 3.2  # می/نمی before a word that conjugates like a verb stem


@lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """Zipf frequency of every word in wordfreq's Persian list, pickled under the user cache dir."""
    from importlib.metadata import version

    tag = version("wordfreq")
    cache = cache_dir()
    path = cache / f"persian-zipf-{tag}.pickle" if cache else None
    if path and path.is_file():
        with contextlib.suppress(Exception), path.open("rb") as handle:
            table = pickle.load(handle)
            if isinstance(table, dict) and table:
                return table
    from wordfreq import get_frequency_dict

    table = {w: round(math.log10(f) + 9, 2) for w, f in get_frequency_dict("fa", "best").items() if f > 0}
    if path:
        from repair.files import write_atomic

        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
    return table


def zipf_fa(word: str) -> float:
    """Zipf frequency of a Persian word (0 when unknown)."""
    return frequencies().get(word, 0.0)


def is_persian_word(word: str) -> bool:
    """True for a word made only of Persian letters (and ZWNJ)."""
    return bool(word) and all(c in PERSIAN_LETTERS or c == ZWNJ for c in word)


def joins(letter: str) -> bool:
    """True when the letter connects to a following letter (so a ZWNJ after it is meaningful)."""
    return letter not in NON_JOINING and letter != ZWNJ


@dataclass(frozen=True, slots=True)
class Repair:
    """A ZWNJ spelling proposed for a joined word, with a score and the evidence.

    A `rival` is a plausible spelling that is not evidence on its own (the joined word is about as
    frequent); it only makes a stronger proposal ambiguous.
    """

    text: str
    score: float
    evidence: str
    rival: bool = False


def _lexical(word: str, joined: float) -> list[Repair]:
    """Spellings with one or two ZWNJ that wordfreq knows (better than the joined word, or rivals)."""
    out = []
    cuts = [p for p in range(2, len(word) - 1) if joins(word[p - 1])]
    options = [(p,) for p in cuts] + [(p, q) for p in cuts for q in cuts if q > p + 1]
    for option in options:
        pieces, last = [], 0
        for p in option:
            pieces.append(word[last:p])
            last = p
        candidate = ZWNJ.join([*pieces, word[last:]])
        checks = [(candidate, zipf_fa(candidate), word, joined)]
        if candidate.endswith("ی"):  # "راه‌حلی": راه‌حل + indefinite ی
            stripped = zipf_fa(candidate[:-1]) - INDEFINITE_PENALTY
            checks.append((candidate[:-1], stripped, word[:-1], zipf_fa(word[:-1])))
        for form, freq, glued, plain in checks:
            if freq >= LEXICAL_ZIPF:
                why = f"'{form}' is a common spelling (zipf {freq:.1f}), '{glued}' is not ({plain:.1f})"
                out.append(Repair(candidate, freq, why, rival=freq < plain + RIVAL_MARGIN))
    return out


def verb_like(rest: str) -> bool:
    """True when `rest` conjugates like a verb stem (another form of it with می, نمی or ب is frequent)."""
    for ending in PERSON_ENDINGS:
        stem = rest[: len(rest) - len(ending)]
        if not rest.endswith(ending) or len(stem) < 2:
            continue
        forms = [f"{p}{ZWNJ}{stem}{e}" for p in VERB_PREFIXES for e in PERSON_ENDINGS]
        forms += [f"ب{stem}{e}" for e in PERSON_ENDINGS if e]
        if max(zipf_fa(f) for f in forms if f != rest) >= COMMON_STEM:
            return True
    return False


def _suffix_score(word: str, stem: str, suffix: str, freq: float) -> float | None:
    """Score of stem + ZWNJ + suffix, or None when another reading is likelier."""
    if suffix in VOWEL_SUFFIXES:
        if stem[-1] not in "هی":
            return None
        plural_stem = word[: -len("های")] if word.endswith("های") else ""
        if stem[-1] == "ه" and plural_stem and not joins(plural_stem[-1]) and zipf_fa(plural_stem) >= freq:
            return None  # "گاوهای" is گاو + های (no ZWNJ after و), not گاوه + ای
    if suffix.startswith("تر"):
        if len(stem) < COMPARATIVE_STEM:
            return None
        attested = max(zipf_fa(stem + ZWNJ + s) for s in ("تر", "ترین", "تری"))
        return (
            SUFFIX_BASE + SUFFIX_PER_ZIPF * freq if attested >= COMPARATIVE_ZIPF else UNATTESTED_COMPARATIVE
        )
    return SUFFIX_BASE + SUFFIX_PER_ZIPF * freq


def _suffixed(word: str, depth: int) -> list[Repair]:
    """A frequent (or itself repairable) stem followed by a suffix that takes a ZWNJ."""
    out = []
    for suffix in PLURAL_SUFFIXES + VOWEL_SUFFIXES:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 2 or not joins(stem[-1]):
            continue
        freq = zipf_fa(stem)
        if freq >= COMMON_STEM:
            score = _suffix_score(word, stem, suffix, freq)
            if score is not None:
                why = f"stem '{stem}' (zipf {freq:.1f}) + suffix '{suffix}'"
                out.append(Repair(stem + ZWNJ + suffix, score, why))
        elif depth and ZWNJ not in stem and freq < RARE:
            inner = best_repair(stem, depth - 1)
            if inner:
                why = f"{inner.evidence}; + suffix '{suffix}'"
                out.append(Repair(inner.text + ZWNJ + suffix, inner.score - NESTED_PENALTY, why))
    return out


def _compounds(word: str) -> list[Repair]:
    """بی + noun; a word ending in ه + an infinitive or a productive second element; X + آ…"""
    out: list[Repair] = []
    if word.endswith("ی") and zipf_fa(word[:-1]) >= COMPOUND_PART:
        return out  # "بینشی" is بینش + ی
    if word.startswith("بی") and len(word) >= BI_LETTERS and zipf_fa(word[2:]) >= BI_NOUN_ZIPF:
        out.append(Repair("بی" + ZWNJ + word[2:], BI_SCORE, f"prefix 'بی' + '{word[2:]}'"))
    for p in range(3, len(word) - 2):
        left, right = word[:p], word[p:]
        lf, rf = zipf_fa(left), zipf_fa(right)
        if lf < COMPOUND_PART or rf < COMPOUND_PART or not joins(left[-1]):
            continue
        verbal = right.endswith(("دن", "تن")) or right in SECOND_ELEMENTS
        if (left.endswith("ه") and verbal) or right.startswith("آ"):
            why = f"compound of '{left}' ({lf:.1f}) and '{right}' ({rf:.1f})"
            out.append(Repair(left + ZWNJ + right, COMPOUND_BASE + COMPOUND_PER_ZIPF * min(lf, rf), why))
    return out


def _morphological(word: str, depth: int) -> list[Repair]:
    out = _suffixed(word, depth) + _compounds(word)
    for prefix in VERB_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 2 and verb_like(rest):
            out.append(
                Repair(prefix + ZWNJ + rest, VERB_PREFIX_SCORE, f"verb prefix '{prefix}' + verb '{rest}'")
            )
            break
    return out


@lru_cache(maxsize=20_000)
def repairs(word: str, depth: int = 1) -> tuple[Repair, ...]:
    """Plausible ZWNJ spellings of a joined Persian word, best first (empty when it looks right).

    Rivals (see `Repair`) follow the proposals only when some proposal has real evidence.
    """
    if len(word) < MIN_LETTERS or not is_persian_word(word):
        return ()
    joined = zipf_fa(word)
    found: list[Repair] = []
    if ZWNJ in word:
        if joined < RARE:
            found = [r for r in _suffixed(word, 0) if r.text.count(ZWNJ) > word.count(ZWNJ)]
    else:
        found = _lexical(word, joined)
        if joined < RARE:
            found += _morphological(word, depth)
        else:  # morphology only backs up a spelling wordfreq already prefers
            agreed = {r.text for r in found if not r.rival}
            found += [r for r in _suffixed(word, 0) if r.text in agreed]
    best: dict[str, Repair] = {}
    for r in found:
        if r.text not in best or (best[r.text].rival, -best[r.text].score) > (r.rival, -r.score):
            best[r.text] = r
    ranked = sorted(best.values(), key=lambda r: (r.rival, -r.score))
    return tuple(ranked) if ranked and not ranked[0].rival else ()


def best_repair(word: str, depth: int = 1) -> Repair | None:
    """The most plausible ZWNJ spelling, if any."""
    found = repairs(word, depth)
    return found[0] if found else None


def persian_letters(word: str) -> str:
    """Arabic ي ك ى replaced with Persian ی ک."""
    return word.translate(ARABIC_LETTERS)
