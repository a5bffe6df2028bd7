"""Chinese syllable readings of names: the consonant keys a name's reading keeps, and the words
whose shape and key make them such a reading (repair/resources/syllable_keys.py)."""

from __future__ import annotations

import pytest

from repair.resources.syllable_keys import name_keys, reading_key

# (name token, a reading of it syllable by syllable)
READINGS = [
    ("Trump", "Telungpu"),  # a vowel after each consonant, r as l, the coda m as n
    ("Argentina", "Agenting"),  # the coda r dropped
    ("Argentina", "Alegentina"),  # ... or kept as l
    ("Barcelona", "Basailuona"),
    ("Amsterdam", "Amusitedan"),  # one coda m given a vowel, the other heard as n
    ("Nashville", "Nashiweile"),  # v as w, the written double one sound
    ("London", "Lundun"),
]
# (name token, a word that is no reading of it)
NOT_READINGS = [
    ("Narendra", "Marondera"),  # an onset m is no n
    ("Londres", "Randersa"),  # a reading writes r as l: a word's own r is no l
    ("Berlin", "Berlino"),  # a consonant cluster (rl) is no syllable of a reading
]


@pytest.mark.parametrize(("name", "word"), READINGS)
def test_a_syllable_reading_keeps_the_names_consonants(name, word):
    assert reading_key(word) in name_keys(name)


@pytest.mark.parametrize(("name", "word"), NOT_READINGS)
def test_other_words_are_no_reading(name, word):
    assert reading_key(word) not in name_keys(name)


@pytest.mark.parametrize("word", ["Palisi", "Ilang", "Paris", "Strzelecki", "Kim"])
def test_short_keys_and_other_shapes_are_no_reading(word):
    assert reading_key(word) is None  # three consonants or fewer are too common; clusters are no syllables


def test_short_names_have_no_key():
    assert not name_keys("Paris") and not name_keys("Iran")
