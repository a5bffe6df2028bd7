"""Language identification: langid's per-run caches answer what the model says, and the
shipped frequency bounds UNT001 uses to leave the model unasked (foreign_zipf) hold."""

from __future__ import annotations

import pytest

from repair.detectors.untranslated import fragments
from repair.resources import foreign_zipf, langid, lexicon

ENGLISH = "The minister said on Tuesday that the talks would resume in Geneva next week."
FRENCH = "Les négociations reprendront mardi à Genève, a déclaré le ministre. "


def test_a_cached_guess_is_not_changed_by_what_a_caller_does_with_it():
    first = langid.language_scores(ENGLISH, k=3)
    assert first[0][0] == "en"
    first.clear()
    assert langid.language_scores(ENGLISH, k=3)[0][0] == "en"
    assert langid.language_scores(f"  {ENGLISH}\n", k=3) == langid.language_scores(ENGLISH, k=3)


def test_the_guesses_of_a_text_do_not_depend_on_what_was_asked_before():
    assert langid.language_scores(FRENCH, k=1) == langid.language_scores(FRENCH, k=5)[:1]
    assert langid.language_scores("", k=3) == []


def test_a_document_language_is_told_from_its_beginning_only():
    text = FRENCH * (langid.SAMPLE_CHARS // len(FRENCH) + 1) + ENGLISH * 1000
    assert langid.detect_language(text) == langid.detect_language(text[: langid.SAMPLE_CHARS]) == "fr"
    assert langid.detect_language(ENGLISH * 1000) == "en"
    assert langid.detect_language(" \n ", default="xx") == "xx"  # nothing to tell it from


NEIGHBOURS = ("ca", "it", "nl", "pt")  # languages near the repaired ones, checked from wordfreq's own lists


def test_each_table_bounds_what_the_other_languages_lists_say_of_its_words():
    for home in foreign_zipf.HOME_LANGUAGES:
        table = foreign_zipf.foreign_bounds(home)
        assert table is not None and len(table.values) > 1000
        assert table.languages >= fragments._WORDFREQ  # every language UNT001's word test reads
        words = sorted(table.values)
        assert all(lexicon.zipf(w, home) > table.bound(w) for w in words)  # more frequent at home
        assert all(lexicon.zipf(w, home) <= table.cap for w in words)
        for other in foreign_zipf.HOME_LANGUAGES:
            if other != home:
                assert all(lexicon.zipf(w, other) <= table.bound(w) for w in words), (home, other)


def test_the_tables_bound_the_lists_of_neighbouring_languages_too():
    tables = [foreign_zipf.foreign_bounds(home) for home in foreign_zipf.HOME_LANGUAGES]
    for other in NEIGHBOURS:
        listed = foreign_zipf._zipf_list(other)
        for table in tables:
            assert table is not None
            assert all(listed.get(w, 0.0) <= table.bound(w) for w in table.values), other


def test_a_word_outside_the_table_is_bounded_by_the_cap():
    table = foreign_zipf.foreign_bounds("en")
    assert table is not None
    assert table.bound("the") < lexicon.zipf("the", "en")
    assert table.bound("gobierno") == table.bound("well-known") == table.cap >= lexicon.zipf("de", "es")
    assert table.bound("The") == table.bound("the")  # looked up casefolded, as lexicon does


def test_no_table_holds_for_another_wordfreq_version_or_without_lexicon_tables(
    monkeypatch: pytest.MonkeyPatch,
):
    foreign_zipf.foreign_bounds.cache_clear()
    monkeypatch.setattr(foreign_zipf, "wordfreq_version", lambda: "0.0")
    assert foreign_zipf.foreign_bounds("en") is None
    monkeypatch.undo()
    foreign_zipf.foreign_bounds.cache_clear()
    monkeypatch.setattr(foreign_zipf, "cache_dir", lambda: None)
    assert foreign_zipf.foreign_bounds("en") is None
    assert foreign_zipf.foreign_bounds("xx") is None  # no table for a language the tool does not repair
    monkeypatch.undo()
    foreign_zipf.foreign_bounds.cache_clear()
    assert foreign_zipf.foreign_bounds("fr-CA") is not None
