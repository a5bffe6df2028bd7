"""ORT: Persian ZWNJ restoration, Arabic letters and mixed spellings (positive and negative)."""

from __future__ import annotations

import pytest

from repair.context import Context
from repair.engine import make_document
from repair.model import Applicability, Finding
from repair.registry import get
from repair.resources.entity_index import EntityIndex, load_index
from repair.resources.persian import ZWNJ, joins, repairs

Z = ZWNJ


@pytest.fixture(scope="module")
def index() -> EntityIndex:
    return load_index()


def check(code: str, text: str, index: EntityIndex, lang: str = "fa") -> list[Finding]:
    return list(get(code).run(make_document(text, lang), Context(index=index)))


@pytest.mark.parametrize("code", ["ORT001", "ORT002", "ORT003"])
def test_documented(code: str) -> None:
    detector = get(code)
    assert detector is not None and detector.category == "orthography"
    for heading in ("What it does:", "Why it matters:", "Example:", "Fix safety:"):
        assert heading in detector.doc


@pytest.mark.parametrize(
    ("joined", "fixed"),
    [
        ("میکند", f"می{Z}کند"),
        ("میرسد", f"می{Z}رسد"),
        ("مینامد", f"می{Z}نامد"),
        ("میکنند", f"می{Z}کنند"),
        ("رسانهها", f"رسانه{Z}ها"),
        ("دیدگاههای", f"دیدگاه{Z}های"),
        ("همکاریهای", f"همکاری{Z}های"),
        ("آمادگیها", f"آمادگی{Z}ها"),
        ("برنامهای", f"برنامه{Z}ای"),
        ("سازندهای", f"سازنده{Z}ای"),
        ("ریشهای", f"ریشه{Z}ای"),
        ("کردهاند", f"کرده{Z}اند"),
        ("روسیاش", f"روسی{Z}اش"),
        ("مشورتهای", f"مشورت{Z}های"),
        ("خبرگزاریها", f"خبرگزاری{Z}ها"),
        ("آتشبس", f"آتش{Z}بس"),
        ("گفتوگو", f"گفت{Z}وگو"),
        ("برنامهریزی", f"برنامه{Z}ریزی"),
        ("سرمایهگذاری", f"سرمایه{Z}گذاری"),
        ("رئیسجمهور", f"رئیس{Z}جمهور"),
        ("راهحلی", f"راه{Z}حلی"),
        ("ضربهزدن", f"ضربه{Z}زدن"),
        ("بینتیجه", f"بی{Z}نتیجه"),
        ("سرمایهگذاریها", f"سرمایه{Z}گذاری{Z}ها"),
        ("خطرناکترین", f"خطرناک{Z}ترین"),
    ],
)
def test_missing_zwnj_is_restored(joined: str, fixed: str, index: EntityIndex) -> None:
    text = f"او گفت که {joined} است."
    [finding] = check("ORT001", text, index)
    assert finding.text == joined
    assert text[finding.span.start : finding.span.end] == joined
    assert finding.proposals[0].replacement == fixed


def test_seed_sentence(index: EntityIndex) -> None:
    text = "آقای روته به تاریخ ۲۱ تا ۲۲ اکتوبر به واشنگتن سفر میکند و با ترمپ دیدار خواهد داشت."
    [finding] = check("ORT001", text, index)
    assert (finding.text, finding.proposals[0].replacement) == ("میکند", f"می{Z}کند")
    assert finding.proposals[0].applicability is Applicability.SAFE


CORRECT_JOINED = (
    "چیزها برای آقای همتای همچنان بیشتر کشورها کنست آنها میدان پیشرو بینشی میسوری شاهدین نامهربانی"
)


@pytest.mark.parametrize("word", CORRECT_JOINED.split())
def test_words_without_zwnj_stay_untouched(word: str, index: EntityIndex) -> None:
    assert check("ORT001", f"او گفت که {word} است.", index) == []


def test_no_split_after_a_non_joining_letter() -> None:
    assert not any(joins(letter) for letter in "ادذرزژو")
    assert joins("ه") and joins("ی") and joins("ت")
    for word in ("کشورها", "چیزها", "مادرهایی", "گاوهایی"):
        assert repairs(word) == ()


def test_correct_persian_and_other_languages_stay_quiet(index: EntityIndex) -> None:
    text = f"رسانه{Z}های مصری از این نشست یاد کردند و آتش{Z}بس برقرار شد."
    for code in ("ORT001", "ORT002", "ORT003"):
        assert check(code, text, index) == []
    assert check("ORT001", "The media said میکند twice.", index, lang="en") == []


def test_arabic_letters_in_persian_words(index: EntityIndex) -> None:
    [finding] = check("ORT002", "سفر به ايران انجام شد.", index)
    assert (finding.text, finding.proposals[0].replacement) == ("ايران", "ایران")
    assert finding.proposals[0].applicability is Applicability.SAFE
    [kaf] = check("ORT002", "این كشور بزرگ است.", index)
    assert kaf.proposals[0].replacement == "کشور"


def test_arabic_quotation_keeps_its_letters(index: EntityIndex) -> None:
    text = "رسانه‌های مصری از این نشست با عنوان «قمة شرم الشيخ للسلام» یاد کردند."
    assert check("ORT002", text, index) == []


def test_word_spelled_two_ways_takes_the_majority(index: EntityIndex) -> None:
    text = "رییس دفتر گفت. رئیس دولت آمد. رئیس مجلس رفت. رئیس بانک ماند."
    [finding] = check("ORT003", text, index)
    assert (finding.text, finding.proposals[0].replacement) == ("رییس", "رئیس")
    assert finding.proposals[0].applicability is Applicability.SUGGEST


def test_zwnj_variant_takes_the_majority(index: EntityIndex) -> None:
    text = f"آن{Z}ها آمدند. آن{Z}ها رفتند. آن{Z}ها ماندند. آنها گفتند."
    [finding] = check("ORT003", text, index)
    assert (finding.text, finding.proposals[0].replacement) == ("آنها", f"آن{Z}ها")


def test_mixed_spelling_never_drops_a_good_zwnj(index: EntityIndex) -> None:
    text = f"زبانهای خارجی. زبانهای محلی. زبانهای دیگر. زبان{Z}های کهن."
    assert check("ORT003", text, index) == []
