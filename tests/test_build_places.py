"""scripts/build_places.py: which GeoNames alternate becomes a city's French or Spanish name.

The fr/es name of a generated city is the spelling a fix writes into a French or Spanish
text, so an alternate that is an ordinary word, a part of the name, or another place's name
must never win it, while the real exonyms of the class (Atenas, Lisbonne, Milán) must.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_places  # noqa: E402

# (language, English name, GeoNames alternates, the name that must win)
KEPT = [
    ("es", "Athens", ["Athens", "Atenas"], "Atenas"),
    ("es", "Antwerp", ["Antwerp", "Amberes"], "Amberes"),
    ("es", "Milan", ["Milan", "Milán"], "Milán"),  # only diacritics differ: the language's letters
    ("es", "Belgrade", ["Belgrade", "Belgrado"], "Belgrado"),
    ("fr", "Lisbon", ["Lisbon", "Lisbonne"], "Lisbonne"),
    ("fr", "Köln", ["Köln", "Cologne"], "Cologne"),
    ("fr", "Hamburg", ["Hamburg", "Hambourg"], "Hambourg"),
]
# (language, English name, alternates, other places' names, the alternate that must not win)
REJECTED = [
    ("es", "Changsha", ["Changsha", "Cansa"], set(), "Cansa"),  # a verb form (cansar)
    ("es", "Lyon", ["Lyon", "Lio"], set(), "Lio"),  # lío, and Lyon as used: no clear winner
    ("es", "Kano", ["Kano", "Cano"], set(), "Cano"),  # an adjective (canos, canas)
    ("es", "Madurai", ["Madurai", "Madura"], set(), "Madura"),  # madura, maduro
    ("fr", "Pest", ["Pest", "Peste"], set(), "Peste"),  # an ordinary noun (pestes)
    ("es", "Feira de Santana", ["Feira de Santana", "Feira"], set(), "Feira"),  # a part of it
    ("es", "Changchun", ["Changchun", "Cancun"], {"cancun"}, "Cancun"),  # another city
    ("es", "Toulouse", ["Toulouse", "Tolosa"], set(), "Tolosa"),  # Toulouse is as used in Spanish
]


@pytest.mark.parametrize(("lang", "en", "alternates", "expected"), KEPT)
def test_a_real_exonym_becomes_the_name(lang, en, alternates, expected):
    frequencies = build_places._frequencies(alternates, en)
    assert build_places._attributed(frequencies, lang, en) == expected


@pytest.mark.parametrize(("lang", "en", "alternates", "taken", "junk"), REJECTED)
def test_a_word_part_or_other_place_never_becomes_the_name(lang, en, alternates, taken, junk):
    frequencies = build_places._frequencies(alternates, en)
    assert build_places._attributed(frequencies, lang, en, frozenset(taken)) != junk


def test_a_generated_name_with_a_leading_article_extends_the_hand_written_place():
    hand = {"id": "netherlands", "type": "place", "names": {"en": "Netherlands", "fr": "Pays-Bas"}}
    generated = {
        "id": "country.nl",
        "type": "place",
        "names": {"en": "The Netherlands", "fr": "Pays-Bas"},
        "exonyms": {"nl": ["Nederland"]},
    }
    extra: dict = {}
    kept = build_places._dedupe([generated], {}, {"netherlands": hand}, extra)
    assert kept == [] and extra == {"netherlands": {"nl": ["Nederland"]}}
