"""Words of a longer name alone name nothing: mentions, anchors and the locale vote need the whole
name, a one-word name, or a person's name part."""

from __future__ import annotations

from repair.detectors.entities.classify import _locale_refs, document_locale
from repair.detectors.entities.mentions import document_mentions, person_or_single_token, words_of
from repair.engine import make_document


def _entity(index, english: str) -> int:
    return next(
        ref.entity
        for ref, _ in index.token_refs(english.split()[-1])
        if ref.language == "en" and " ".join(ref.tokens) == english
    )


def test_last_word_of_a_place_alone_is_no_mention_of_it(index):
    document = make_document("Said the minister: the port of Port Said reopened.", "en", "x.txt")
    words = words_of(document)
    port_said = _entity(index, "Port Said")
    found = document_mentions(index, words).get(port_said, set())
    assert [words[i].text for i in sorted(found)] == ["Said"] and min(found) > 0  # the one in Port Said


def test_surname_alone_still_mentions_a_person(index):
    document = make_document("Lagarde spoke on Monday.", "en", "x.txt")
    assert _entity(index, "Christine Lagarde") in document_mentions(index, words_of(document))


def test_only_person_parts_and_one_word_names_anchor(index):
    assert person_or_single_token(index, "Christine")  # a first name
    assert person_or_single_token(index, "Berlin")  # a one-word name
    assert not person_or_single_token(index, "Bronx")  # only a word of The Bronx
    assert not person_or_single_token(index, "جدید")  # "new", a word of زیلاند جدید (New Zealand)


def test_a_word_shared_by_locales_casts_no_locale_vote(index):
    text = "قانون جدید و طرح جدید و دولت جدید در ژاپن تصویب شد."
    document = make_document(text, "fa", "x.txt")
    words = words_of(document)
    assert document_locale(index, _locale_refs(index, words, "fa"), "fa") == "fa"
    afghan = make_document("قانون جدید در جاپان تصویب شد.", "fa", "x.txt")
    afghan_words = words_of(afghan)
    assert document_locale(index, _locale_refs(index, afghan_words, "fa"), "fa") == "fa-AF"
