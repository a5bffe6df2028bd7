"""Cheap tests and per-run caches in front of the detectors' costly paths: each must give what
the path without it gives (a prefilter never rejects what the full matcher accepts), on the
concept lexicons' own terms, the case files' texts and the seed documents, and on random text
where a property holds for any input. Timings live in benchmarks/, never here."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from repair import scripts
from repair.detectors import boilerplate_rules
from repair.detectors.boilerplate_rules import TRANSLATION, disclaimer_verdict
from repair.detectors.sentences import glue, punct
from repair.detectors.untranslated import fragments, letters, script_runs
from repair.detectors.untranslated.inline import InlineFragment
from repair.document import Document
from repair.model import Span
from repair.resources import lexicon, segmentation, transliteration
from repair.resources.concepts import (
    _WORD,
    CONCEPTS,
    IMPLIES,
    Lexicons,
    folded_line,
    lexicons,
    more_words_than,
    parse_concepts,
    shipped_concept_files,
    tokenize,
)
from repair.resources.phrases import (
    _PART_SPLIT,
    _key_of_clean,
    _may_have_parts,
    _spaced_key_of_clean,
    clean_line,
    key,
    phrase_book,
    spaced_key,
)
from repair.resources.segmentation import segment

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _case_texts(name: str) -> list[tuple[str, str]]:
    """(language, text) of every case of one case file (language "" when the case omits it)."""
    data = tomllib.loads((CASES / f"{name}.toml").read_text(encoding="utf-8"))
    return [(case.get("lang", ""), case["text"]) for case in data["case"]]


def _lines() -> list[str]:
    """The lexicons' own terms (wildcards removed), every line of the boilerplate cases, the seeds."""
    terms = [
        term.replace("*", "")
        for path in shipped_concept_files()
        for _, _, term in parse_concepts(path.read_text(encoding="utf-8"))
    ]
    cases = [line for _, text in _case_texts("boilerplate") for line in text.splitlines()]
    seeds = [
        line for p in sorted((ROOT / "seeds").glob("*.txt")) for line in p.read_text("utf-8").splitlines()
    ]
    return [line for line in terms + cases + seeds if line.strip()]


LINES = _lines()


def _held(line: str) -> set[str]:
    """Every concept some language's terms hold among the line's tokens (the full matcher)."""
    return {concept for hits in lexicons().hits(tokenize(line)).values() for concept in hits}


def _terms_of(concept: str) -> frozenset[str]:
    """The concepts whose terms put `concept` into the hits: itself and those implying it."""
    return frozenset({concept, *(k for k, v in IMPLIES.items() if v == concept)})


def test_the_anchor_test_never_rejects_a_line_whose_tokens_hold_the_concepts():
    assert len(LINES) > 1000
    book = lexicons()
    held_translation = 0
    for line in LINES:
        held = _held(line)
        for concept in held:
            assert book.could_hit(line, _terms_of(concept)), (line, concept)
        if held & TRANSLATION:
            held_translation += 1
            assert book.could_hit(line, TRANSLATION), line
    assert held_translation > 50  # the lexicons' translation terms and the notices of the cases


def test_the_translation_anchors_reject_most_article_lines():
    article = [line for _, text in _case_texts("sentences") for line in text.splitlines() if line.strip()]
    rejected = [line for line in article if not lexicons().could_hit(line, TRANSLATION)]
    assert len(rejected) > 0.8 * len(article)


def test_disclaimer_verdicts_are_those_of_the_full_matcher(monkeypatch: pytest.MonkeyPatch):
    filtered = [disclaimer_verdict(line) for line in LINES]
    monkeypatch.setattr(Lexicons, "could_hit", lambda self, text, concepts: True)
    assert [disclaimer_verdict(line) for line in LINES] == filtered
    assert sum(v is not None for v in filtered) > 20


# Letters that fold (Arabic yeh, kaf, alef forms; harakat and tatweel), case-fold to more than
# one letter (ß, ŉ), carry context-dependent lower case (Σ), compose under NFKC (e + U+0301),
# decompose under it (ﬁ, fullwidth letters, ℌ), CJK characters and a ZWNJ.
ALPHABET = "aeAEßŉΣσİı\u0301\u0308ﬁＡｂℌ翻译机يىكأإآٱؤئ\u064b\u0670\u0640 \u200c-'’.:"


@given(st.text(alphabet=ALPHABET, max_size=40))
def test_every_token_form_is_a_piece_of_the_folded_line(text: str):
    folded = folded_line(text)
    if folded is not None:
        for token in tokenize(text):
            assert token.low in folded, (text, token)


WORDS = sorted({t for path in shipped_concept_files() for _, _, t in parse_concepts(path.read_text("utf-8"))})


@given(st.lists(st.sampled_from([*WORDS, "x", "Σ", "é", "ﬁ", "\u0301", "  ", "-", ":"]), max_size=6))
def test_the_anchor_test_never_rejects_random_lines_of_lexicon_words(words: list[str]):
    line = " ".join(w.replace("*", "") for w in words)
    for concept in _held(line):
        assert lexicons().could_hit(line, _terms_of(concept))
    assert _held(line) <= CONCEPTS


# Capitalised tokens longer than any listed word, glued to a function word or not.
LONG_TOKENS = (
    "Internationalisationofthecommittees has met. Corbynhas spoken; Departamentodelaseguridadsocial."
)


def _glues(context) -> list[glue.Glue]:
    texts = _case_texts("sentences") + [("en", p.read_text("utf-8")) for p in SEEDS]
    texts += [("en", LONG_TOKENS), ("es", LONG_TOKENS)]
    found = []
    for lang, text in texts:
        found += list(glue.GlueFinder(Document(text, lang or "en"), context.index))
    return found


def test_glue_findings_are_those_without_the_never_glue_test_and_the_head_bound(
    context, monkeypatch: pytest.MonkeyPatch
):
    with_test = _glues(context)
    monkeypatch.setattr(glue, "never_glue", lambda text, lang: False)
    monkeypatch.setattr(glue, "longest_word", lambda lang, zipf: lexicon.NO_LIMIT)  # every cut of a name tail
    assert _glues(context) == with_test
    assert len(with_test) > 30


def test_never_glue_holds_for_listed_words_only():
    assert glue.never_glue("minister", "en") and glue.never_glue("the", "en")  # too short, or listed
    assert not glue.never_glue("Indiais", "en")  # not listed: the splits are tried
    assert not glue.never_glue("etTéhéran", "fr")  # a case join is tried whatever the frequencies


def test_the_segmentation_cache_returns_fresh_lists_and_follows_the_dictionary():
    first = segment("thecat", "en")
    assert first == ["the", "cat"]
    assert first is not None
    first.append("changed")
    assert segment("thecat", "en") == ["the", "cat"]
    speller, splits = segmentation._splits["en"]
    assert splits["thecat"] == ("the", "cat") and speller is segmentation.segmenter("en")


def test_the_rules_module_names_the_translation_concepts():
    assert {"translate", "translated"} <= boilerplate_rules.TRANSLATION


@given(st.text(alphabet="ab翻译 \u064b\u0640-_.\u200c", max_size=40), st.integers(0, 8))
def test_more_words_than_counts_the_words_tokenize_finds(text: str, limit: int):
    words = len(list(_WORD.finditer(text)))
    assert more_words_than(text, limit) == (words > limit)
    if more_words_than(text, limit):
        assert len(tokenize(text)) > limit


@given(st.text(alphabet="ab |·•[]/\t\u00a0\u200c", max_size=30))
def test_a_line_without_part_marks_is_one_part(line: str):
    text = clean_line(line)
    if not _may_have_parts(text):
        assert len(_PART_SPLIT.split(text.strip("[]"))) == 1


def _fragments(context) -> list[object]:
    texts = _case_texts("untranslated") + [("en", p.read_text("utf-8")) for p in SEEDS]
    found: list[object] = []
    for lang, text in texts:
        found += list(fragments.FragmentFinder(Document(text, lang or "en"), context.index))
    return found


def test_fragments_are_those_without_the_rare_word_count(context, monkeypatch: pytest.MonkeyPatch):
    with_test = _fragments(context)
    monkeypatch.setattr(fragments, "may_hold_run", lambda rare: True)
    assert _fragments(context) == with_test
    assert any(isinstance(f, InlineFragment) for f in with_test)


def test_fragments_with_the_run_word_facts_are_those_found_afresh(context, monkeypatch: pytest.MonkeyPatch):
    kept = _fragments(context)  # each word's facts kept across the documents (and languages) of the run
    monkeypatch.setattr(fragments, "WORD_CACHE", 3)  # the run's facts dropped at almost every document
    assert _fragments(context) == kept
    monkeypatch.setattr(fragments, "_run_facts", lambda index, home, bounded: {})  # every document on its own
    assert _fragments(context) == kept
    assert len({f.language for f in kept}) > 1


def test_a_capitalised_word_is_looked_up_only_when_masked_and_masks_as_the_index_says(context):
    texts = _case_texts("untranslated") + [("en", p.read_text("utf-8")) for p in SEEDS]
    for lang, text in texts:
        finder = fragments.FragmentFinder(Document(text, lang or "en"), context.index)
        for token in finder.document.tokens:
            facts = finder.facts[token.text]
            assert (facts.known is None) == token.text[:1].isupper()
            assert finder._masks(token.text, facts) == finder._is_known(token.text)
            assert facts.name == (token.text[:1].isupper() or finder._is_known(token.text))


def test_fragments_with_the_frequency_bounds_are_those_found_by_asking_the_model(
    context, monkeypatch: pytest.MonkeyPatch
):
    asked: list[str] = []
    ask = fragments.language_scores
    monkeypatch.setattr(fragments, "language_scores", lambda text, k=3: asked.append(text) or ask(text, k))
    bounded = _fragments(context)
    asked_with_bounds = len(asked)
    asked.clear()
    monkeypatch.setattr(fragments, "foreign_bounds", lambda language: None)
    assert _fragments(context) == bounded
    assert asked_with_bounds < len(asked) / 2  # the seeds' and cases' own-language sentences are not asked


# SEN003's expressions as first written, lookbehind first (their definitions): the ones in
# `punct` open with the mark and must find the same matches, groups included.
PUNCT_DEFINITIONS = {
    "_DOUBLE": r"(?<=[^\W_])\.\.(?![.…])(?= ?[^\W\d_])",
    "_MISSING": r"(?<=[^\W_])(?P<pre>(?:[ \u00a0\u202f]?»|[”)\]\"])?)"
    r"(?P<mark>[.!?؟])(?P<quotes>[”»)\]“«(\[\"]{0,2})(?=[^\W\d_])",
    "_DOUBLE_AT_END": r"(?<=[^\W_])(?<!\.)(?:\.\.|\.,|,\.)(?![.…])(?=[ \t]*(?:\r?\n|$))",
    "_COMMA": r"(?:(?<=[^\W\d_]{2})|(?<=(?<![^\W_])[A-Z]))[,;،؛](?=[^\W\d_]{2})",
    "_COMMA_AFTER_CLOSER": r"(?<=[^\W_][”»)\"])[,;،؛](?=[^\W\d_](?:[^\W\d_]|[ \t]))",
    "_DOUBLE_COMMA": r"(?<=[^\W_])([,;،؛])\1(?![,;،؛])",
    "_CLOSER_GLUED": r"(?<=[^\W_]|[.!?,;:…])[”»)\]\"](?=[^\W\d_](?:[^\W\d_]|[ \t]|['’][^\W\d_]))",
    "_TITLE_GLUED": r"(?<![^\W_])(?:Mr|Mrs|Ms|Dr|St|Mt|Jr|Sr|Prof|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|"
    r"Hon|Sra|Srta|Dra|Mme|Mlle|Pr)\.(?=[A-Z][a-z])",
}
PUNCTUATED = st.text(alphabet="aZé1_ .,;،؛!?؟…\"”»«“)(][’'\u00a0\u202f\t\nMrsStLouisP", max_size=40)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@given(PUNCTUATED)
def test_the_mark_first_expressions_find_what_their_definitions_find(text: str):
    for name, definition in PUNCTUATION_CHECKS:
        assert _matches(getattr(punct, name), text) == _matches(definition, text), name


PUNCTUATION_CHECKS = [(name, re.compile(source)) for name, source in PUNCT_DEFINITIONS.items()]


def test_the_mark_first_expressions_find_the_cases_matches():
    texts = [text for name in ("sentences", "untranslated", "boilerplate") for _, text in _case_texts(name)]
    found = 0
    for name, definition in PUNCTUATION_CHECKS:
        for text in texts:
            assert _matches(getattr(punct, name), text) == _matches(definition, text), name
            found += len(_matches(definition, text))
    assert found > 30


SCRIPTED = st.text(alphabet="aZé1 .,-'’·、，。ابپ\u064b我们ΑβЖж", max_size=60)


@given(SCRIPTED)
def test_letter_counts_are_those_of_one_lookup_per_character(text: str):
    assert list(letters.script_counts(text).items()) == list(scripts.script_counts(text).items())
    document = Document(text, "en")
    assert letters.main_script(document) == scripts.main_script(text)


def _runs_by_scan(text: str, host: str) -> list[script_runs.Run]:
    """`foreign_runs` as first written: every character's script looked up in turn."""
    foreign, out = script_runs.FOREIGN_SCRIPTS - {host}, []
    i, n = 0, len(text)
    while i < n:
        script = scripts.script_of(text[i])
        if script not in foreign:
            i += 1
            continue
        start, end, count = i, i + 1, 1
        j = i + 1
        while j < n and (
            scripts.script_of(text[j]) == script or text[j] in script_runs.RUN_JOINERS or text[j].isdigit()
        ):
            if scripts.script_of(text[j]) == script:
                end, count = j + 1, count + 1
            j += 1
        out.append(script_runs.Run(Span(start, end), script or "", count))
        i = end
    return out


@given(SCRIPTED, st.sampled_from(["LATIN", "ARABIC"]))
def test_foreign_runs_jump_to_what_the_scan_finds(text: str, host: str):
    assert list(script_runs.foreign_runs(text, host)) == _runs_by_scan(text, host)


def test_no_line_with_a_key_beyond_the_fuzzy_reach_is_similar_to_an_entry():
    book = phrase_book()
    entries = [entry for _, entry, _ in book.fuzzy]
    tested = 0
    for entry in entries:
        for extra in range(0, 200, 3):
            line = entry + " " + "a" * extra if extra else entry
            text = clean_line(line)
            if len(key(text)) > book.fuzzy_reach:
                tested += 1
                assert book._fuzzy(text) is None, line
            elif not extra:
                assert book._fuzzy(text) is not None  # an entry is similar to itself
    assert tested > 10


@given(st.text(alphabet="aA ß\u0301e\u0308ﬁＡ’‘`ʼ«»'\t\n\u00a0\u200c\u200b•·►▶▸|*>–—-=~_+!.", max_size=30))
def test_clean_line_is_idempotent_so_a_cleaned_line_needs_no_second_cleaning(line: str):
    text = clean_line(line)
    assert clean_line(text) == text
    assert key(line) == key(text) == _key_of_clean(text)
    assert spaced_key(line) == _spaced_key_of_clean(text)


class _NoNames:
    """An index that knows no name (the quote flags need none)."""

    def token_refs(self, token: str) -> list[object]:
        return []


_NO_NAMES = _NoNames()


@given(st.text(alphabet='ab «»“”„"()[]\n.', max_size=60))
def test_the_quoted_token_flags_are_the_bisect_lookups(text: str):
    finder = fragments.FragmentFinder(Document(text, "en"), _NO_NAMES)
    assert finder._quoted_tokens == [finder._is_quoted(t.start) for t in finder.document.tokens]


ASCII_TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=127), max_size=40)


@given(ASCII_TEXT)
def test_folding_ascii_text_takes_the_short_path_to_the_same_form(text: str):
    """`fold` of ASCII text only lowercases it and joins its spaces (no letter maps, decomposes
    or loses a mark): the same form as every step of the full fold."""
    assert transliteration.fold(text) == transliteration._fold_unicode(text)


def test_folding_the_dictionaries_names_takes_the_short_path_to_the_same_form():
    from repair.resources.dictionary import load_file, shipped_dictionary_files

    words = {
        word
        for path in shipped_dictionary_files()
        for entity in load_file(path)
        for name in entity.names.values()
        for word in (name, *name.split())
    }
    ascii_words = [w for w in words if w.isascii()]
    assert len(ascii_words) > 1000
    assert all(transliteration.fold(w) == transliteration._fold_unicode(w) for w in ascii_words)


CJK_DEFINITION = r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"  # the classes _pieces splits on


@given(
    st.text(
        alphabet="ab é\u303f\u3040\u30ff\u3100\u3400漢字かなカナ\u9fff\ua000\uf900\ufaff\ufb00ﬁ", max_size=12
    )
)
def test_word_pieces_split_cjk_exactly_as_the_expression_defines(word: str):
    from repair.resources.concepts import _pieces

    if re.search(CJK_DEFINITION, word):
        expected = [
            (p.start(), p.group())
            for p in re.finditer(rf"{CJK_DEFINITION}|(?:(?!{CJK_DEFINITION})[^\W_])+", word)
        ]
    else:
        expected = [(0, word)]
    assert [(offset, word[offset : offset + size]) for offset, size, _, _ in _pieces(word)] == expected
