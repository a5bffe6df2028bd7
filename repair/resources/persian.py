"""Persian orthography: word frequencies and zero-width non-joiner (ZWNJ) restoration.

A stripped ZWNJ glues two morphemes: "میکند" for "می‌کند", "رسانهها" for "رسانه‌ها". A ZWNJ
only ever follows a letter that joins leftwards, so no split is tried after ا د ذ ر ز ژ و.
Evidence comes from wordfreq's Persian list and from morphology. wordfreq holds many joined
forms as frequent words (its sources strip ZWNJs too), so frequency alone does not settle it:
- the verb prefix می/نمی (after a preverb such as بر or باز too) always takes a ZWNJ before a
  verb form whose stem conjugates (other forms of it are attested), unless the joined word also
  reads as a common word + ی (میدانی);
- a frequent stem + a plural, comparative, indefinite or pronoun suffix, when the joined word is
  rare or the ZWNJ spelling is itself in use (at least a tenth as frequent as the joined one);
- compounds: a frequent word + productive elements (اعلام‌شده, سرطان‌زا), بی + a noun, prefixes
  (پیش, قابل), two frequent words linked by و or ال, a plural after an unknown loanword, a word
  in silent ه + another word (شبه‌جزیره), a medial آ that starts a word (فن‌آوری);
- verb stems from VERB_STEMS (a grammar's present/past pairs) need no attestation in wordfreq;
- `in_context` picks the ه + ای reading of a word in های where the neighbouring words rule out a
  plural with its ezafe.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from repair.resources.cache_sizes import WORD_CACHE
from repair.resources.lexicon import listed_zipf

ZWNJ = "\u200c"
NON_JOINING = frozenset("اآأإٱدذرزژوؤةءۀ")
PERSIAN_LETTERS = frozenset("آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئءأؤۀة")
_WORD_CHARS = "".join(sorted(PERSIAN_LETTERS)) + ZWNJ  # is_persian_word(): letters and ZWNJ
ARABIC_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})
PLURAL_SUFFIXES = ("هایشان", "هایمان", "هایتان", "هایی", "هایش", "هاست", "های", "ها", "ترین", "تری", "تر")
JOINED_DEMONSTRATIVES = frozenset(("آن", "این", "اون"))  # plurals standard joined (آنها, اینها)
VOWEL_SUFFIXES = ("اشان", "است", "ایم", "اید", "اند", "ای", "ام", "اش", "ات")
SECOND_ELEMENTS = frozenset(
    ("گذاری", "ریزی", "گیری", "کننده", "کنندگان", "دهنده", "دهندگان", "سازی", "کشی", "شناسی", "نویسی")
)
# Productive second members of compounds (participles, agent and action nouns, -زا): a frequent
# word + one of them is written with a ZWNJ (اعلام‌شده, سرطان‌زا, گروه‌بندی, داده‌شده).
ELEMENTS = SECOND_ELEMENTS | frozenset(
    (
        *("شده", "شدگی", "شدگان", "نشده", "کنندگی", "داده", "گرفته", "یافته", "برداری", "بندی"),
        *("سازی", "یابی", "فروشی", "فروشان", "هراسی", "زدایی", "رسانی", "پذیری", "شناس", "زا", "زای"),
        *("زایی", "پذیر", "شناختی", "خوار", "دهی", "زنی", "نشین"),
    )
)
SHORT_ELEMENT = 2  # an element this short (زا) follows only a longer word (not چیزا, ویزا)
SHORT_ELEMENT_LEFT = 4  # ... of at least this many letters
VERB_PREFIXES = ("نمی", "می")
PREVERBS = ("بر", "در", "باز", "فرا", "فرو", "وا", "ور")  # written joined before می/نمی (برمی‌گردد)
PRESENT_ENDINGS = ("ند", "ید", "یم", "د", "م", "ی")
PAST_ENDINGS = ("ند", "ید", "یم", "م", "ی", "")
REGULAR_PAST = ("ید", "یدن", "یده", "یدند")  # past, infinitive, participle of a regular verb
PERFECT_AUXILIARIES = ("اند", "ایم", "اید", "ام", "ای")  # after a participle: می‌کرده‌اند
# Present and past stems of the Persian simple verbs whose stems differ (a grammar's list, not a
# corpus's): wordfreq misses many of their rarer forms (می‌زداید, برمی‌انگیزد, می‌بازند).
VERB_STEMS = (
    *("آی آمد", "آور آورد", "آموز آموخت", "آویز آویخت", "آمیز آمیخت", "آرا آراست", "آرای آراست"),
    *("آزما آزمود", "آزمای آزمود", "آسا آسود", "آفرین آفرید", "آلا آلود", "آلای آلود", "افت افتاد"),
    *("افروز افروخت", "افزا افزود", "افزای افزود", "افکن افکند", "انداز انداخت", "انگار انگاشت"),
    *("انگیز انگیخت", "ایست ایستاد", "باز باخت", "بر برد", "بند بست", "بین دید", "پذیر پذیرفت"),
    *("پرداز پرداخت", "پز پخت", "پیوند پیوست", "پیما پیمود", "پیمای پیمود", "پندار پنداشت"),
    *("تاب تافت", "تاز تاخت", "توان توانست", "جو جست", "جوی جست", "خواه خواست", "خیز خاست"),
    *("خور خورد", "دان دانست", "دار داشت", "ده داد", "دوز دوخت", "ران راند", "ربا ربود", "ربای ربود"),
    *("رو رفت", "روب روفت", "ریز ریخت", "زا زاد", "زای زاد", "زدا زدود", "زدای زدود", "زن زد"),
    *("ساز ساخت", "سپار سپرد", "ستا ستود", "ستای ستود", "ستان ستاند", "سرا سرود", "سرای سرود"),
    *("سوز سوخت", "شکن شکست", "شکاف شکافت", "شمار شمرد", "شناس شناخت", "شو شد", "شوی شست"),
    *("فرست فرستاد", "فرما فرمود", "فرمای فرمود", "فروش فروخت", "فریب فریفت", "فشان فشاند"),
    *("کاه کاست", "کار کاشت", "کن کرد", "گداز گداخت", "گذار گذاشت", "گذر گذشت", "گرد گشت"),
    *("گریز گریخت", "گزار گزارد", "گزین گزید", "گسل گسست", "گشا گشود", "گشای گشود", "گمار گماشت"),
    *("گو گفت", "گوی گفت", "گیر گرفت", "مان ماند", "میر مرد", "نشین نشست", "نگار نگاشت"),
    *("نگر نگریست", "نواز نواخت", "نویس نوشت", "نما نمود", "نمای نمود", "یاب یافت"),
)
PRESENT_STEMS = frozenset(pair.split()[0] for pair in VERB_STEMS)
PAST_STEMS = frozenset(pair.split()[1] for pair in VERB_STEMS)
MIN_STEM = 2  # verb stems have two letters or more (کن, شد, ده)
FORM_ZIPF = 2.5  # a conjugated ZWNJ form this frequent attests the stem
MIN_FORMS = 2  # distinct attested forms needed: one could be a coincidence
PAST_ZIPF = 3.0  # a past stem's simple past and participle are both this frequent (شد, شده)
SIMPLE_PAST_STEM = 3  # shorter "past stems" are often other words (بد, کد and بده, کده)
NOUN_READING = 3.0  # a joined word minus ی this frequent is a word of its own (میدان in میدانی)
RARE = 2.0  # a joined word rarer than this is unknown to wordfreq: morphology may split it
COMMON_STEM = 3.0  # a stem (or another form of a verb) this frequent is an ordinary word
COMPOUND_PART = 3.5  # each half of a compound must be this frequent
MIN_LETTERS = 4  # the shortest split leaves two letters on each side of the ZWNJ
# Repair scores (ORT001 turns them into confidences; 3 or more is safe when unambiguous):
LEXICAL_ZIPF = 2.5  # a ZWNJ spelling this frequent is a common spelling (its score is its zipf)
RIVAL_MARGIN = 0.5  # a spelling less than this above the joined word's zipf is only a rival
ATTESTED_GAP = 1.0  # a ZWNJ spelling at most this below the joined one (a tenth as frequent) is in use
INDEFINITE_PENALTY = 0.3  # reading a final ی as the indefinite suffix is one assumption more
SUFFIX_BASE = 2.5  # frequent stem + suffix: this ...
SUFFIX_PER_ZIPF = 0.2  # ... plus this per zipf point of the stem (a common stem makes it safe)
COMPARATIVE_STEM = 3  # shorter stems make joined comparatives of their own (بهتر, کمتر)
COMPARATIVE_ZIPF = 2.0  # a ZWNJ comparative of the stem this frequent attests the pattern
UNATTESTED_COMPARATIVE = 2.2  # a comparative wordfreq has never seen: below the safe level
UNATTESTED_COMPARATIVE_STEM = 4  # ... and only after a longer stem (کاتتر, تایتر are loanwords)
NESTED_PENALTY = 0.3  # a repair built on a repaired stem is less sure than the stem's repair
BI_LETTERS = 5  # بی + noun: shorter words starting with بی are words of their own (بیا, بیت)
BI_NOUN_ZIPF = 4.0  # the noun after بی must be this frequent
BI_SCORE = 3.0  # بی + a frequent noun
BI_SAFE_LETTERS = 6  # a shorter بی word (بیضرر, بیگاه) may be lexicalised joined: suggest only
BI_SHORT_SCORE = 2.4  # ... below the safe level
COMPOUND_BASE = 1.5  # a compound: this ...
COMPOUND_PER_ZIPF = 0.2  # ... plus this per zipf point of its rarer half (in practice below safe)
LINK_MIN_PART = 3  # each word of a linked pair has three letters or more (ذات, ریه, کسب, کار)
LINKED_PAIR_ZIPF = 4.5  # a word of a و pair is this common or a verb stem (مرگ, میر, پاش; not هیپ, کان)
LINK_MAX_PART = 4  # و pairs are short native words (گفت‌وگو, مرگ‌ومیر); loanwords are longer
# Prefixes written apart from a following word; the joined spelling is common too (پیشگیری), so
# a rare joined word gets a suggestion only.
COMPOUND_PREFIXES = ("آنتی", "پلی", "مولتی", "پیش", "پس", "بین", "درون", "برون", "قابل", "زیست")
VOWEL_PREFIX = "هم"  # written apart before ا/آ (هم‌اتاقی, هم‌افزایی); joined before others (همکار)
PREFIXED_WORD_ZIPF = 4.0  # the word after the prefix is this frequent
PREFIXED_SCORE = 2.3  # suggest: below the safe level
ELEMENT_BASE = 2.0  # a frequent word + productive elements: this ...
ELEMENT_PER_ZIPF = 0.2  # ... plus this per zipf point of the word (safe from zipf 5)
UNKNOWN_STEM = 5  # a stem wordfreq does not know, this long, before ها is a noun (loanwords)
UNKNOWN_PLURAL_SCORE = 2.4  # nothing attests the stem: suggest only
CONTEXT_LEAD = 1.0  # the reading the context selects leads the others by this (beyond ambiguity)
CONTEXT_WHY = "no plural + ezafe here (a number before, or no modifier after)"
NUMBER_WORDS = frozenset(
    "یک دو سه چهار پنج شش هفت هشت نه ده یازده دوازده بیست سی چهل پنجاه شصت صد هزار چند".split()
)
# Words that never follow an ezafe, so "X‌های" before them is not a plural + ezafe.
NO_EZAFE_BEFORE = frozenset("و که را یا تا نیز است بود شد باشد هست هستند بودند شدند شده".split())
RARELY_AFTER_EZAFE = frozenset(("از",))  # a modifier may start with it (سال‌های از دست رفته)
WEAK_CONTEXT_LEAD = 0.1  # ... so it only ranks the ه + ای reading first, still a suggestion
PERSON_ENDING = "اند"  # after a participle in ه (همبسته‌اند); not ام, ایم: names end so (ناتینگهام)
SHORT_PREFIXES = ("نا", "بی", "با", "هم", "پر", "کم")  # نامهربانی is نا + مهربانی, not نامه + ربانی
SILENT_HE_LEFT = 3  # the word before the ه has three letters or more (not به, که, نه)
SILENT_HE_BASE = 1.9  # a word in silent ه + another word: this ...
SILENT_HE_PER_ZIPF = 0.2  # ... plus this per zipf point of the rarer word (safe from zipf 5.5)
MEDIAL_ALEF_SCORE = 3.0  # a joined medial آ is next to unattested (safe when nothing competes)
VERB_PREFIX_SCORE = 3.2  # می/نمی before a verb form: standard orthography always separates it


def zipf_fa(word: str) -> float:
    """Zipf frequency of a Persian word as wordfreq's list holds it, letter for letter (0 when
    unlisted): read from the Persian table `lexicon` keeps."""
    return listed_zipf(word, "fa")


def is_persian_word(word: str) -> bool:
    """True for a word made only of Persian letters (and ZWNJ)."""
    return bool(word) and not word.strip(_WORD_CHARS)  # str.strip runs in C: called per token


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


def _attested(forms: list[str]) -> int:
    """How many of the forms wordfreq knows as common words."""
    return sum(zipf_fa(f) >= FORM_ZIPF for f in set(forms))


def _present_stem(stem: str, lead: str) -> bool:
    """True when `stem` conjugates as a present stem: its infinitive and another form of its regular
    past are common (رقص -> رقصیدن, رقصید), or a می/نمی form of it is attested and so is another
    (a second one or a subjunctive ب form). With a preverb, forms with or without it count.
    Stems in VERB_STEMS need no attestation."""
    if stem in PRESENT_STEMS:
        return True
    for head in dict.fromkeys((lead, "")):
        infinitive = zipf_fa(head + stem + "یدن") >= FORM_ZIPF  # colloquial forms have none
        if infinitive and _attested([head + stem + e for e in REGULAR_PAST]) >= MIN_FORMS:
            return True
        prefixed = _attested([f"{head}{p}{ZWNJ}{stem}{e}" for p in VERB_PREFIXES for e in PRESENT_ENDINGS])
        if not prefixed:  # ب forms alone are often nouns (بلاد, بلای)
            continue
        if prefixed + _attested([f"{head}ب{stem}{e}" for e in PRESENT_ENDINGS]) >= MIN_FORMS:
            return True
    return False


def _simple_past(stem: str) -> bool:
    """True when the simple past and the participle of a past stem are both common (شد, شده)."""
    return zipf_fa(stem) >= PAST_ZIPF and zipf_fa(stem + "ه") >= PAST_ZIPF


def _past_stem(stem: str, lead: str) -> bool:
    """True when `stem` (ending in د or ت) is a past stem: its simple past and participle are common,
    several می/نمی forms of it are attested, or it is a regular past (-ید) of a present stem."""
    if len(stem) < MIN_STEM or stem[-1] not in "دت":
        return False
    if stem in PAST_STEMS:
        return True
    for head in dict.fromkeys((lead, "")):
        if _simple_past(head + stem) and len(stem) >= SIMPLE_PAST_STEM:
            return True
        if _attested([f"{head}{p}{ZWNJ}{stem}{e}" for p in VERB_PREFIXES for e in PAST_ENDINGS]) >= MIN_FORMS:
            return True
    return stem.endswith("ید") and len(stem) - 2 >= MIN_STEM and _present_stem(stem[:-2], lead)


def verb_form(rest: str, lead: str = "") -> str | None:
    """`rest` spelt right when it is a finite verb form after می/نمی (a present or past stem with a
    person ending, or a past participle with its auxiliary: "شدهاند" -> "شده‌اند"), else None.
    `lead` is a preverb written before the prefix (برمی‌گردد), part of the forms looked up."""
    for ending in PRESENT_ENDINGS:
        stem = rest[: -len(ending)]
        if rest.endswith(ending) and len(stem) >= MIN_STEM and _present_stem(stem, lead):
            return rest
    for ending in PAST_ENDINGS:
        stem = rest[: len(rest) - len(ending)]
        if rest.endswith(ending) and _past_stem(stem, lead):
            return rest
    for aux in ("", *PERFECT_AUXILIARIES):
        participle = rest[: len(rest) - len(aux)]
        if rest.endswith(aux) and participle.endswith("ه") and _past_stem(participle[:-1], lead):
            return participle + ZWNJ + aux if aux else participle
    return None


def _noun_reading(word: str, rest: str) -> bool:
    """True when the joined word also reads as a common word + ی (میدانی: میدان + ی, میمونی): that
    word is frequent and nobody writes it with a ZWNJ (colloquial verbs such as میده are: می‌ده)."""
    head = word[:-1]
    if word[-1] != "ی" or zipf_fa(head) < NOUN_READING or verb_form(rest[:-1]) is not None:
        return False
    return not _attested([p + ZWNJ + rest[:-1] for p in VERB_PREFIXES])


def _verb(word: str) -> Repair | None:
    """A preverb (بر, در, ...), the prefix می/نمی and a verb form: the prefix always takes a ZWNJ
    (None when the word also reads as a noun + ی, or is no verb form)."""
    for lead in ("", *PREVERBS):
        for prefix in VERB_PREFIXES:
            head = lead + prefix
            rest = word[len(head) :]
            if not word.startswith(head) or len(rest) < MIN_STEM:
                continue
            form = verb_form(rest, lead)
            if form is None:
                continue
            if _noun_reading(word, rest):
                return None  # میدانی is also میدان + ی, spelt right: stay quiet
            why = f"verb prefix '{prefix}' + verb '{rest}'"
            return Repair(head + ZWNJ + form, VERB_PREFIX_SCORE, why)
    return None


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
        if attested >= COMPARATIVE_ZIPF:
            return SUFFIX_BASE + SUFFIX_PER_ZIPF * freq
        return UNATTESTED_COMPARATIVE if len(stem) >= UNATTESTED_COMPARATIVE_STEM else None
    return SUFFIX_BASE + SUFFIX_PER_ZIPF * freq


def _suffixed(word: str, depth: int) -> list[Repair]:
    """A frequent (or itself repairable) stem followed by a suffix that takes a ZWNJ."""
    out = []
    for suffix in PLURAL_SUFFIXES + VOWEL_SUFFIXES:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 2:
            continue
        if not joins(stem[-1]):  # no ZWNJ before the suffix, but the stem may need one (کسبوکارها)
            inner = best_repair(stem, depth - 1) if depth and suffix in PLURAL_SUFFIXES else None
            if inner and zipf_fa(stem) < RARE:
                why = f"{inner.evidence}; + suffix '{suffix}'"
                out.append(Repair(inner.text + suffix, inner.score - NESTED_PENALTY, why))
            continue
        if stem in JOINED_DEMONSTRATIVES and suffix.startswith("ها"):
            continue  # آنها, اینها: the Academy's spelling (ORT003 still evens out a mixed document)
        freq = zipf_fa(stem)
        if freq >= COMMON_STEM:
            score = _suffix_score(word, stem, suffix, freq)
            if score is not None:
                why = f"stem '{stem}' (zipf {freq:.1f}) + suffix '{suffix}'"
                # the stem spelt as ORT001 spells it alone (پیش‌بینی‌های, مدل‌سازی‌ها)
                inner = best_repair(stem, depth - 1) if depth and ZWNJ not in stem else None
                if inner:
                    why = f"{inner.evidence}; {why}"
                out.append(Repair((inner.text if inner else stem) + ZWNJ + suffix, score, why))
        elif depth and ZWNJ not in stem and freq < RARE:
            if suffix in VOWEL_SUFFIXES and stem[-1] not in "هی":
                continue
            inner = best_repair(stem, depth - 1, weak=False) or _built_compound(stem)
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
        score = BI_SCORE if len(word) >= BI_SAFE_LETTERS else BI_SHORT_SCORE
        out.append(Repair("بی" + ZWNJ + word[2:], score, f"prefix 'بی' + '{word[2:]}'"))
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


def _silent_he(word: str) -> list[Repair]:
    """A word ending in a silent ه + another word (مورچه‌خوار, شبه‌جزیره, تکه‌تکه): a final ه is never
    joined to what follows inside a word. After ا or و the ه is spoken (راهنما, کوهستان): no split."""
    out: list[Repair] = []
    if any(word.startswith(p) and zipf_fa(word[len(p) :]) >= COMPOUND_PART for p in SHORT_PREFIXES):
        return out
    for p in range(SILENT_HE_LEFT, len(word) - 1):
        left, right = word[:p], word[p:]
        if left[-1] != "ه" or left[-2] in "او" or len(right) < SILENT_HE_LEFT or right[0] == "ا":
            continue  # a vowel after the ه starts a suffix (_suffixed reads those)
        if zipf_fa(left) < COMPOUND_PART:
            continue
        known = zipf_fa(right)
        stems = [right[: -len(s)] for s in PLURAL_SUFFIXES + VOWEL_SUFFIXES if right.endswith(s)]
        stem_known = any(len(t) >= SILENT_HE_LEFT and zipf_fa(t) >= COMPOUND_PART for t in stems)
        if known < COMPOUND_PART and not stem_known and _built_compound(right) is None:
            continue
        inner = best_repair(right, 0, weak=False) if stem_known and known < RARE else None
        second = inner.text if inner else right
        lower = min(zipf_fa(left), max(known, COMPOUND_PART))
        why = f"'{left}' ends in a silent ه (zipf {zipf_fa(left):.1f}), then '{right}'"
        out.append(Repair(left + ZWNJ + second, SILENT_HE_BASE + SILENT_HE_PER_ZIPF * lower, why))
    return out


def _medial_alef(word: str) -> list[Repair]:
    """آ inside a word after a joining letter starts a new word (فن‌آوری, استارت‌آپ, فنیل‌آلانین):
    wordfreq holds next to no such joined spelling. Not after the Arabic article (الآن), nor at
    the end (واقعآ stands for واقعاً)."""
    cuts = [i for i in range(MIN_STEM, len(word) - 1) if word[i] == "آ" and joins(word[i - 1])]
    cuts = [i for i in cuts if not word[:i].endswith("ال") and word[i:] != "آت"]  # منشآت: Arabic plural
    if not cuts:
        return []
    text = "".join(ZWNJ + c if i in cuts else c for i, c in enumerate(word[: cuts[-1]]))
    last = word[cuts[-1] :]
    inner = best_repair(last, 0, weak=False) if zipf_fa(last) < RARE else None  # استارت‌آپ‌ها
    why = f"'آ' inside '{word}' starts a word"
    return [Repair(text + ZWNJ + (inner.text if inner else last), MEDIAL_ALEF_SCORE, why)]


def _element_tail(right: str) -> list[str] | None:
    """`right` cut into productive elements, with an optional final suffix ("دادهشده", "شدهای")."""
    if right in ELEMENTS:
        return [right]
    for suffix in PLURAL_SUFFIXES + VOWEL_SUFFIXES:
        head = right[: -len(suffix)]
        vowel_ok = suffix not in VOWEL_SUFFIXES or head[-1:] in ("ه", "ی")
        if right.endswith(suffix) and head in ELEMENTS and joins(head[-1]) and vowel_ok:
            return [head, suffix]
    for p in range(2, len(right) - 1):
        if right[:p] in ELEMENTS and joins(right[p - 1]):
            rest = _element_tail(right[p:])
            if rest:
                return [right[:p], *rest]
    return None


def _element_splits(word: str) -> Iterator[tuple[str, float, list[str]]]:
    """Every reading of the word as a frequent word + productive elements: (word, zipf, elements)."""
    for p in range(2, len(word) - 1):
        left, right = word[:p], word[p:]
        lf = zipf_fa(left)
        if lf < COMPOUND_PART:
            continue
        pieces = _element_tail(right)
        if pieces and (len(pieces[0]) > SHORT_ELEMENT or len(left) >= SHORT_ELEMENT_LEFT):
            yield left, lf, pieces


def _glue(parts: list[str]) -> str:
    """The parts joined with a ZWNJ after each part that ends in a joining letter."""
    out = parts[0]
    for part in parts[1:]:
        out += (ZWNJ if joins(out[-1]) else "") + part
    return out


def _element_compounds(word: str) -> list[Repair]:
    """A frequent word followed by productive elements: اعلامشده, سرطانزا, ارزیابیشدهاند."""
    out = []
    for left, lf, pieces in _element_splits(word):
        text = _glue([left, *pieces])
        if text != word:
            why = f"'{left}' (zipf {lf:.1f}) + element '{pieces[0]}'"
            out.append(Repair(text, ELEMENT_BASE + ELEMENT_PER_ZIPF * lf, why))
    return out


def _built_compound(stem: str) -> Repair | None:
    """A stem that needs no ZWNJ but is a compound of known parts (امیدوارکننده), as a Repair."""
    for left, lf, pieces in _element_splits(stem):
        if _glue([left, *pieces]) == stem:
            why = f"'{left}' (zipf {lf:.1f}) + element '{pieces[0]}'"
            return Repair(stem, ELEMENT_BASE + ELEMENT_PER_ZIPF * lf, why)
    return None


def _prefixed_rest_zipf(rest: str) -> float:
    """Zipf of the word after a prefix, or of it without a final ی (برون‌پیکری: پیکر + ی)."""
    bare = zipf_fa(rest[:-1]) if rest.endswith("ی") and len(rest) > MIN_STEM else 0.0
    return max(zipf_fa(rest), bare)


def _prefixed(word: str) -> list[Repair]:
    """A prefix (پیش, آنتی, به ...) + a frequent word (or one + ی), or هم before ا/آ (هم‌اتاقی):
    suggest only, many such words are joined."""
    out = []
    for prefix in (*COMPOUND_PREFIXES, VOWEL_PREFIX):
        rest = word[len(prefix) :]
        if not word.startswith(prefix) or len(rest) < MIN_STEM:
            continue
        if prefix == VOWEL_PREFIX and rest[0] not in "اآ":
            continue
        freq = _prefixed_rest_zipf(rest)
        if freq >= PREFIXED_WORD_ZIPF:
            why = f"prefix '{prefix}' + '{rest}' (zipf {freq:.1f})"
            out.append(Repair(prefix + ZWNJ + rest, PREFIXED_SCORE, why))
    return out


def _linked(word: str) -> list[Repair]:
    """Two frequent words linked by و (مرگومیر, short native pairs) or by the Arabic article ال
    (ذاتالریه): suggest only, loanwords hide the same letters (بیوشیمی, مخالف)."""
    out = []
    for p in range(LINK_MIN_PART, len(word) - LINK_MIN_PART):
        left, right = word[:p], word[p:]
        if not joins(left[-1]) or zipf_fa(left) < COMPOUND_PART:
            continue
        for link, longest in (("و", LINK_MAX_PART), ("ال", len(word))):
            second = right[len(link) :]
            if not right.startswith(link) or not LINK_MIN_PART <= len(second) <= longest:
                continue
            if zipf_fa(second) < COMPOUND_PART or (link == "و" and len(left) > LINK_MAX_PART):
                continue
            if link == "و" and not (_pair_word(left) and _pair_word(second)):
                continue  # هیپوکسی, کانولا: a loanword, not two common words and و
            if link == "و" and zipf_fa(left + link) >= COMPOUND_PART:
                continue  # و ends a word of its own (چاقو + کشی, مارکو + ارت)
            lower = min(zipf_fa(left), zipf_fa(second))
            why = f"'{left}' + '{link}' + '{second}' (zipf {lower:.1f} or more)"
            out.append(Repair(left + ZWNJ + right, COMPOUND_BASE + COMPOUND_PER_ZIPF * lower, why))
    return out


def _pair_word(word: str) -> bool:
    """True for a word that can stand in a و pair: a common word or a verb stem (ریخت‌وپاش)."""
    if zipf_fa(word) >= LINKED_PAIR_ZIPF:
        return True
    return word in PRESENT_STEMS or word in PAST_STEMS or _present_stem(word, "") or _past_stem(word, "")


def _unknown_plural(word: str) -> list[Repair]:
    """A long word wordfreq does not know + the plural ها/های (لنفوسیتها), or ending in ه + a person
    ending (همبسته‌اند): suggest only."""
    out = []
    for suffix in ("هایی", "های", "ها", *VOWEL_SUFFIXES):
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < UNKNOWN_STEM or not joins(stem[-1]) or zipf_fa(stem):
            continue
        if suffix in VOWEL_SUFFIXES and (stem[-1] != "ه" or suffix != PERSON_ENDING):
            continue  # "زیرواحدهای" may be زیرواحد + های, fine as written
        kind = "plural" if suffix.startswith("ها") else "suffix"
        why = f"unknown stem '{stem}' + {kind} '{suffix}'"
        out.append(Repair(stem + ZWNJ + suffix, UNKNOWN_PLURAL_SCORE, why))
        if kind == "plural":
            break
    return out


def _fine_as_written(word: str) -> bool:
    """True when the word is a frequent word + a suffix after a non-joining letter (بهبودهای)."""
    for suffix in PLURAL_SUFFIXES + VOWEL_SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 2 and not joins(stem[-1]) and zipf_fa(stem) >= COMMON_STEM:
            return True
    return False


def _morphological(word: str, depth: int, weak: bool = True) -> list[Repair]:
    """Strong readings (suffixes, compounds); else a prefix; else, when `weak`, the weakest ones."""
    found = _suffixed(word, depth) + _compounds(word) + _element_compounds(word) + _silent_he(word)
    found += _medial_alef(word)
    if found or _fine_as_written(word):
        return found
    if word.endswith("ی") and zipf_fa(word[:-1]) >= COMPOUND_PART:
        return []  # رونالدوی, بینشی: a known word + ی
    return _prefixed(word) or (_linked(word) or _unknown_plural(word) if weak else [])


@lru_cache(maxsize=20_000)
def repairs(word: str, depth: int = 1, weak: bool = True) -> tuple[Repair, ...]:
    """Plausible ZWNJ spellings of a joined Persian word, best first (empty when it looks right).
    `weak` allows the weakest readings (linked pairs, unknown plurals) of a rare word.

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
        verb = _verb(word)
        found = _lexical(word, joined)
        if verb:  # the prefix is separated however common the joined spelling is
            same = [r for r in found if r.text == verb.text and not r.rival and r.score > verb.score]
            return (same[0] if same else verb,)  # wordfreq's evidence when it is stronger
        if joined < RARE:
            found += _morphological(word, depth, weak)
        else:  # morphology backs up a ZWNJ spelling that writers use too (a rival is enough)
            agreed = {r.text for r in found if not r.rival or r.score >= joined - ATTESTED_GAP}
            # a compound is standard both ways: only a ZWNJ spelling writers prefer is proposed
            # (نامگذاری stays: joined 4.2, نام‌گذاری 3.4; امکانپذیر is flagged: 3.3 against 3.8)
            preferred = {r.text for r in found if r.score >= joined}
            found += [r for r in _suffixed(word, 0) if r.text in agreed]
            found += [r for r in _element_compounds(word) if r.text in preferred]
    best: dict[str, Repair] = {}
    for r in found:
        if r.text not in best or (best[r.text].rival, -best[r.text].score) > (r.rival, -r.score):
            best[r.text] = r
    ranked = sorted(best.values(), key=lambda r: (r.rival, -r.score))
    return tuple(ranked) if ranked and not ranked[0].rival else ()


def _last_word(text: str) -> str:
    words = text.split()
    return words[-1] if words else ""


def _singular_context(before: str, after: str) -> float:
    """How surely the words around rule out a plural with its ezafe (X‌های + a modifier): a number
    before (nouns after numbers are singular: "۵۵ ساله‌ای"), or after it punctuation, the end of the
    text or a word that never follows an ezafe ("زمینه‌ای و", "بسته‌ای را"): CONTEXT_LEAD; از after
    it (نشانه‌ای از, but سال‌های از دست رفته): WEAK_CONTEXT_LEAD; else 0."""
    previous = _last_word(before)
    if previous and (previous.isdigit() or previous in NUMBER_WORDS):
        return CONTEXT_LEAD
    rest = after.lstrip(" ")
    if not rest or not rest[0].isalnum():  # a number may follow an ezafe (سال‌های ۲۰۰۵)
        return CONTEXT_LEAD
    following = rest.split(maxsplit=1)[0]
    following = "".join(c for c in following if c.isalpha() or c == ZWNJ)
    if following in NO_EZAFE_BEFORE:
        return CONTEXT_LEAD
    return WEAK_CONTEXT_LEAD if following in RARELY_AFTER_EZAFE else 0.0


def in_context(found: tuple[Repair, ...], before: str, after: str) -> tuple[Repair, ...]:
    """`found` with the stem+ه + ای reading first (نشانه‌ای, not نشان‌های) where the context rules
    out the plural + ezafe (ahead by the context's lead); unchanged otherwise."""
    singular = [r for r in found if r.text.endswith("ه" + ZWNJ + "ای")]
    plural = [r for r in found if r.text.endswith(ZWNJ + "های")]
    lead = _singular_context(before, after) if singular and plural else 0.0
    if not lead:
        return found
    top = max(r.score for r in found)
    first = Repair(singular[0].text, top + lead, singular[0].evidence + "; " + CONTEXT_WHY)
    return (first, *(r for r in found if r is not singular[0]))


def best_repair(word: str, depth: int = 1, weak: bool = True) -> Repair | None:
    """The most plausible ZWNJ spelling, if any."""
    found = repairs(word, depth, weak)
    return found[0] if found else None


def persian_letters(word: str) -> str:
    """Arabic ي ك ى replaced with Persian ی ک."""
    return word.translate(ARABIC_LETTERS)


def _letter_form(char: str) -> str:
    """One letter as the lexicon spells it: a presentation form (ﺁ) as its letter, final ى as ی."""
    plain = unicodedata.normalize("NFKC", char)
    return persian_letters(plain) if len(plain) == 1 else char


@lru_cache(maxsize=WORD_CACHE)
def lookup_form(word: str) -> str:
    """The word letter for letter as wordfreq spells it (same length: offsets stay valid); kept
    for the run by word, as every pass of a fix looks up each Persian word again."""
    return "".join(_letter_form(c) for c in word)


def respell(original: str, repaired: str) -> str:
    """`repaired` (ZWNJs inserted into `lookup_form(original)`) with the original's own letters."""
    out, i = [], 0
    for char in repaired:
        if char == ZWNJ and (i >= len(original) or original[i] != ZWNJ):
            out.append(ZWNJ)
            continue
        out.append(original[i])
        i += 1
    return "".join(out)
