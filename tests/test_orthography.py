"""ORT helpers: Persian joining letters and ZWNJ repairs (cases: cases/orthography.toml)."""

from __future__ import annotations

import pytest

from repair.resources.persian import ZWNJ, joins, repairs

PRESENT = ("م", "ی", "د", "یم", "ید", "ند")
PAST = ("م", "ی", "", "یم", "ید", "ند")
VERBS = {  # present stem, past stem: common verbs in all persons, tenses and both polarities
    "کن": "کرد",
    "توان": "توانست",
    "شناس": "شناخت",
    "دان": "دانست",
    "گیر": "گرفت",
    "رس": "رسید",
    "خواه": "خواست",
    "ده": "داد",
}
NOUNS_WITH_MI = (  # words that begin with می/نمی but hold no verb prefix (میدانی: also می‌دانی)
    *("میز", "میدان", "میزان", "میان", "میلیون", "میوه", "میراث", "میهن", "میزبان", "میانه"),
    *("میلاد", "میمون", "میگو", "میکروب", "میانجی", "میانگین", "میلیارد", "میکده", "میدانی"),
    *("میزبانی", "میهنی", "میانی", "میراثی", "میلادی", "میلیونی", "نمایش", "نمیمه"),
)


def test_no_split_after_a_non_joining_letter() -> None:
    assert not any(joins(letter) for letter in "ادذرزژو")
    assert joins("ه") and joins("ی") and joins("ت")
    for word in ("کشورها", "چیزها", "مادرهایی", "گاوهایی"):
        assert repairs(word) == ()


@pytest.mark.parametrize("present,past", VERBS.items())
def test_every_person_and_tense_of_a_verb_takes_the_zwnj(present: str, past: str) -> None:
    forms = [present + e for e in PRESENT] + [past + e for e in PAST] + [past + "ه" + ZWNJ + "اند"]
    for prefix in ("می", "نمی"):
        for form in forms:
            if prefix + form in NOUNS_WITH_MI:
                continue
            found = repairs((prefix + form).replace(ZWNJ, ""))
            assert found and found[0].text == prefix + ZWNJ + form, (prefix + form, found)


@pytest.mark.parametrize("word", NOUNS_WITH_MI)
def test_words_beginning_with_mi_that_are_no_verbs_stay(word: str) -> None:
    assert repairs(word) == ()
