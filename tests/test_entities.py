"""ENT detectors: positive and negative cases in English, French, Spanish and Persian."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from repair.context import Context
from repair.engine import analyse, make_document
from repair.model import Applicability, Severity
from repair.registry import selected
from repair.resources.entity_index import load_index


@pytest.fixture(scope="module")
def context() -> Context:
    return Context(index=load_index())


def entity_findings(text: str, lang: str, context: Context):
    document = make_document(text, lang)
    return [f for f in analyse(document, context, selected(["ENT"])) if f.category == "entity"]


def only(findings, code: str):
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, [(f.code, f.text) for f in findings]
    return matching[0]


# --- ENT001 garbled names -------------------------------------------------------------------


def test_garbled_surname_prefers_entity_named_in_document_over_plain_edit_distance(context):
    text = (
        "Zelensky discussed sanctions ahead of U.S. special envoy Steve Witkoff's visit to Moscow. "
        "The Kremlin spokesman Dmitry Peskov said talks were useful.\n"
        "Vikov will be held in Moscow on Wednesday and is expected to meet Vladimir Putin.\n"
    )
    finding = only(entity_findings(text, "en", context), "ENT001")
    assert finding.text == "Vikov"
    assert finding.best.replacement == "Witkoff"
    assert finding.best.applicability == Applicability.SAFE
    assert "witkoff" in finding.best.rationale


def test_garbled_surname_of_president(context):
    text = (
        "Volodymyr Zelensky thanked Trump. Only last February, Zarensky asked to leave the "
        "White House after a disastrous meeting.\n"
    )
    finding = only(entity_findings(text, "en", context), "ENT001")
    assert (finding.text, finding.best.replacement) == ("Zarensky", "Zelensky")


def test_garbled_full_name_in_french(context):
    text = (
        "Le soir du 23 octobre, la porte-parole de la Maison Blanche, Carolyn Leavit, a déclaré "
        "que les États-Unis n'avaient pas renoncé à leur projet.\n"
    )
    finding = only(entity_findings(text, "fr", context), "ENT001")
    assert (finding.text, finding.best.replacement) == ("Carolyn Leavit", "Karoline Leavitt")


def test_garbled_surname_next_to_exact_first_name_in_french(context):
    text = "Le ministre des affaires étrangères, Jean-Noël Barreau, a salué la libération.\n"
    finding = only(entity_findings(text, "fr", context), "ENT001")
    assert (finding.text, finding.best.replacement) == ("Barreau", "Barrot")


def test_garbled_persian_surname_next_to_first_names(context):
    text = "رجب طیب اردوگان، رئیس‌جمهور ترکیه، در این نشست حضور داشت.\n"
    finding = only(entity_findings(text, "fa", context), "ENT001")
    assert (finding.text, finding.best.replacement) == ("اردوگان", "اردوغان")


def test_garbled_spanish_surname(context):
    text = "El presidente Donald Trump habló con Volodímir Zelenski. Después, Zalenski viajó a Londres.\n"
    finding = only(entity_findings(text, "es", context), "ENT001")
    assert (finding.text, finding.best.replacement) == ("Zalenski", "Zelenski")


# --- ENT002 foreign spellings -----------------------------------------------------------------


def test_spanish_spelling_in_english(context):
    text = "Then Trump received Ukrainian President Volodimir Zelenski at the White House.\n"
    finding = only(entity_findings(text, "en", context), "ENT002")
    assert (finding.text, finding.best.replacement) == ("Volodimir Zelenski", "Volodymyr Zelensky")


def test_french_spelling_in_spanish_and_english_city_name(context):
    text = (
        "Trump recibió al príncipe heredero, Mohammed ben Salmane, en la Casa Blanca.\n"
        "Riyadh reiteró que quiere sumarse a los acuerdos.\n"
    )
    found = {(f.text, f.best.replacement) for f in entity_findings(text, "es", context)}
    assert found == {("Mohammed ben Salmane", "Mohamed bin Salmán"), ("Riyadh", "Riad")}


def test_english_city_in_french(context):
    finding = only(
        entity_findings("Ils sont à la résidence de l'ambassade à Tehran.\n", "fr", context), "ENT002"
    )
    assert finding.best.replacement == "Téhéran"


# --- ENT003 inconsistent spellings, ENT004 deprecated -----------------------------------------


def test_minority_locale_spelling_follows_document_majority(context):
    text = (
        "ترمپ گفت نشست دیگری در حال تدارک است. ترمپ به خبرنگاران گفت. "
        "دیدار ترمپ با پوتین. برنامه‌ای برای دیدار رئیس‌جمهور ترامپ با پوتین وجود ندارد.\n"
    )
    finding = only(entity_findings(text, "fa", context), "ENT003")
    assert (finding.text, finding.best.replacement) == ("ترامپ", "ترمپ")


def test_tied_locale_spellings_are_left_alone(context):
    text = "ترمپ گفت. ترامپ گفت.\n"
    assert not [f for f in entity_findings(text, "fa", context) if f.code == "ENT003"]


def test_deprecated_spelling_is_low_severity_suggestion(context):
    finding = only(entity_findings("Weapons will be passed to Kiev this week.\n", "en", context), "ENT004")
    assert finding.best.replacement == "Kyiv"
    assert finding.severity == Severity.INFO
    assert finding.best.applicability == Applicability.SUGGEST


def test_kiev_is_the_french_spelling_and_stays_quiet(context):
    assert entity_findings("Les armes seront livrées à Kiev cette semaine.\n", "fr", context) == []


# --- negatives: correct text stays quiet ------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Denmark's Defense Minister Troels Lund Poulsen said speed is crucial.\n"),
        ("en", "The spokesman Dmitry Peskov said the U.S. ambassador Matthew Whitaker spoke.\n"),
        ("en", "Trump and Putin met in August in Alaska. Stock photo: Europa Press.\n"),
        ("en", "The director Yevgenia Yashina and Alexei Likhachev of Rosatom spoke.\n"),
        ("en", "On Monday, Trump said he would High new tariffs are imposed on India.\n"),
        ("en", "Vann said the committee met in Eldon; Almanac readers were told.\n"),
        ("en", "The Putins and the Trumps were not invited.\n"),
        ("fr", "Les deux Français Cécile Kohler et Jacques Paris ont quitté la prison. Le Quai d'Orsay.\n"),
        ("es", "Los Acuerdos de Abraham; el futbolista Cristiano Ronaldo y el empresario Elon Musk.\n"),
        ("es", "El asesinato del periodista Jamal Khashoggi y el régimen talibán.\n"),
        ("fa", "ترامپ پیش از سفر به مصر در کنست، پارلمان اسرائیل، سخنرانی کرد.\n"),
        ("fa", "این اظهارات پس از آن بیان شد که ترامپ گفته بود نشست دیگری با همتای روسی‌اش در راه است.\n"),
        ("fa", "به گزارش CNN و FBI، جانشینش معرفی شد.\n"),
    ],
)
def test_correct_names_and_ordinary_words_stay_quiet(context, lang, text):
    assert entity_findings(text, lang, context) == []


def test_unknown_lookalike_without_evidence_is_not_a_garble(context):
    # "Zalensky" alone in a text that never names Zelensky, with no context words: no evidence.
    assert entity_findings("The painter Zalensky exhibited in a small gallery.\n", "en", context) == []


# --- extra dictionaries -----------------------------------------------------------------------


def test_newsroom_json_dictionary_adds_entities(tmp_path: Path):
    names = [
        {
            "id": "quarterman",
            "type": "person",
            "names": {"en": "Jonathan Quarterman"},
            "description": "mayor of Springfield",
            "context": ["mayor"],
        }
    ]
    path = tmp_path / "names.json"
    path.write_text(json.dumps(names), encoding="utf-8")
    text = "Mayor Jonathan Quarterman opened the bridge. Later, Kwarterman thanked the workers.\n"
    without = entity_findings(text, "en", Context(index=load_index()))
    with_dict = entity_findings(text, "en", Context(index=load_index([path])))
    assert without == []
    finding = only(with_dict, "ENT001")
    assert (finding.text, finding.best.replacement) == ("Kwarterman", "Quarterman")


def test_report_span_covers_exactly_what_the_first_proposal_replaces(context):
    text = "Ukrainian President Volodimir Zelenski arrived. Kiev was calm.\n"
    for finding in entity_findings(text, "en", context):
        edit = finding.best.edits[0]
        assert edit.span == finding.span
        assert text[finding.span.start : finding.span.end] == finding.text == edit.original


def test_unattested_lookalike_of_a_place_is_a_garble_without_more_evidence(context):
    text = "Officials in Indonessia said flooding rains would continue until the end of the week.\n"
    finding = only(entity_findings(text, "en", context), "ENT001")
    assert (finding.text, finding.best.replacement) == ("Indonessia", "Indonesia")


def test_learned_one_word_spelling_of_a_person_maps_to_the_surname(tmp_path: Path):
    learned = tmp_path / "learned.toml"
    learned.write_text(
        '[[entity]]\nid = "witkoff"\ntype = "person"\nnames = { en = "Steve Witkoff" }\n'
        'deprecated = { en = ["Vikov"] }\n',
        encoding="utf-8",
    )
    text = "Vikov will be held in Moscow on Wednesday.\n"
    finding = only(entity_findings(text, "en", Context(index=load_index([learned]))), "ENT004")
    assert finding.best.replacement == "Witkoff"
