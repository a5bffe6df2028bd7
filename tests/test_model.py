"""Data model (spans, proposals, findings) and Document offsets."""

from __future__ import annotations

import dataclasses
import math

import pytest

from repair.document import ZWNJ, Document
from repair.model import Applicability, Edit, Finding, Proposal, Severity, Span


def proposal(confidence: float, replacement: str = "x") -> Proposal:
    return Proposal((Edit(Span(0, 1), "a", replacement),), confidence, Applicability.SUGGEST, "because")


def finding(*proposals: Proposal, category: str = "entity") -> Finding:
    return Finding(
        "ENT001", "garbled-entity-name", category, Severity.ERROR, Span(0, 1), "a", "msg", proposals
    )


# --- Span ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2), (-2, -1)])
def test_span_rejects_invalid_ranges(start, end):
    with pytest.raises(ValueError):
        Span(start, end)


def test_span_accepts_empty_and_measures_length():
    assert len(Span(4, 4)) == 0
    assert len(Span(2, 7)) == 5


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 3), (2, 5), True),
        ((0, 3), (3, 5), False),  # half-open: touching is not overlapping
        ((0, 10), (4, 6), True),  # containment
        ((4, 6), (4, 6), True),
        ((0, 1), (5, 6), False),
        ((3, 3), (3, 3), True),  # two insertions at the same offset clash
        ((3, 3), (0, 3), False),  # insertion at the end of a span
        ((3, 3), (3, 5), False),  # insertion at the start of a span
        ((3, 3), (1, 5), True),  # insertion inside a replaced span
    ],
)
def test_span_overlaps_is_symmetric(a, b, expected):
    assert Span(*a).overlaps(Span(*b)) is expected
    assert Span(*b).overlaps(Span(*a)) is expected


def test_model_objects_are_frozen():
    span = Span(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        proposal(0.5).confidence = 1.0  # type: ignore[misc]


# --- Proposal / Finding ---------------------------------------------------------------------


@pytest.mark.parametrize("confidence", [-0.01, 1.01, 2.0, math.nan])
def test_proposal_rejects_confidence_outside_unit_interval(confidence):
    with pytest.raises(ValueError):
        proposal(confidence)


@pytest.mark.parametrize("confidence", [0.0, 0.5, 1.0])
def test_proposal_accepts_confidence_in_unit_interval(confidence):
    assert proposal(confidence).confidence == confidence


def test_proposal_replacement_is_the_first_edit():
    assert proposal(0.5, "Witkoff").replacement == "Witkoff"
    assert Proposal((), 0.5, Applicability.DISPLAY, "needs a human").replacement == ""


def test_finding_sorts_proposals_best_first():
    low, mid, high = proposal(0.2, "low"), proposal(0.6, "mid"), proposal(0.9, "high")
    result = finding(low, high, mid)
    assert [p.replacement for p in result.proposals] == ["high", "mid", "low"]
    assert result.best is high


def test_finding_keeps_order_of_equally_confident_proposals():
    first, second = proposal(0.5, "first"), proposal(0.5, "second")
    assert [p.replacement for p in finding(first, second).proposals] == ["first", "second"]


def test_finding_without_proposals():
    assert finding().best is None
    assert finding().proposals == ()


def test_finding_rejects_unknown_category():
    with pytest.raises(ValueError):
        finding(category="grammar")


# --- Document -----------------------------------------------------------------------------

EN = "First line here. Second sentence!\nThird line?\n\nNew paragraph, with a comma.\nLast line.\n"


def test_tokens_slice_back_to_their_text():
    doc = Document(EN, "en")
    assert [t.text for t in doc.tokens][:6] == ["First", "line", "here", "Second", "sentence", "Third"]
    for token in doc.tokens:
        assert EN[token.start : token.end] == token.text
        assert token.span == Span(token.start, token.end)
    assert [t.is_capitalised for t in doc.tokens[:3]] == [True, False, False]


def test_tokens_keep_inner_apostrophes_and_hyphens_but_not_digits_or_punctuation():
    text = "l’homme d'État, well-known (2025) U.S. envoy's"
    doc = Document(text, "fr")
    assert [t.text for t in doc.tokens] == ["l’homme", "d'État", "well-known", "U", "S", "envoy's"]
    for token in doc.tokens:
        assert text[token.start : token.end] == token.text


def test_persian_words_with_zwnj_are_single_tokens():
    text = f"او می{ZWNJ}کند و آتش{ZWNJ}بس را پذیرفت."
    doc = Document(text, "fa")
    texts = [t.text for t in doc.tokens]
    assert texts == ["او", f"می{ZWNJ}کند", "و", f"آتش{ZWNJ}بس", "را", "پذیرفت"]
    for token in doc.tokens:
        assert text[token.start : token.end] == token.text


def test_sentences_slice_back_to_their_text():
    doc = Document(EN, "en")
    assert [EN[s.start : s.end] for s in doc.sentences] == [
        "First line here.",
        "Second sentence!",
        "Third line?",
        "New paragraph, with a comma.",
        "Last line.",
    ]


def test_persian_question_mark_ends_a_sentence():
    text = "آیا او می‌آید؟ بله، فردا."
    doc = Document(text, "fa")
    assert [text[s.start : s.end] for s in doc.sentences] == ["آیا او می‌آید؟", "بله، فردا."]


def test_paragraphs_are_separated_by_blank_lines():
    text = "One.\nStill one.\n\nTwo."
    doc = Document(text, "en")
    assert [text[p.start : p.end] for p in doc.paragraphs] == ["One.\nStill one.", "Two."]


def test_paragraph_spans_do_not_include_surrounding_whitespace():
    text = "One.\nStill one.\n \nTwo.\n"
    doc = Document(text, "en")
    assert [text[p.start : p.end] for p in doc.paragraphs] == ["One.\nStill one.", "Two."]


def test_sentence_spans_are_trimmed_and_never_blank():
    text = "Headline\n   \n  Body text.\n"
    doc = Document(text, "en")
    assert [text[s.start : s.end] for s in doc.sentences] == ["Headline", "Body text."]


def test_lines_slice_back_without_newlines():
    doc = Document(EN, "en")
    assert [EN[s.start : s.end] for s in doc.lines] == EN.split("\n")


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, (1, 1)), (5, (1, 6)), (34, (2, 1)), (36, (2, 3)), (46, (3, 1)), (47, (4, 1))],
)
def test_line_col_is_one_based(offset, expected):
    doc = Document(EN, "en")
    assert doc.line_col(offset) == expected
    line, column = expected
    assert doc.lines[line - 1].start + column - 1 == offset


def test_line_col_agrees_with_counting_newlines_everywhere():
    doc = Document(EN, "en")
    for offset in range(len(EN) + 1):
        line = EN.count("\n", 0, offset) + 1
        column = offset - (EN.rfind("\n", 0, offset) + 1) + 1
        assert doc.line_col(offset) == (line, column)


def test_line_col_counts_code_points_not_bytes():
    text = "ترامپ گفت\nاو می‌آید"
    doc = Document(text, "fa")
    assert doc.line_col(text.index("او")) == (2, 1)
    assert doc.line_col(text.index("گفت")) == (1, 7)


def test_sentence_at_and_sentence_start():
    doc = Document(EN, "en")
    second = doc.sentence_at(EN.index("sentence"))
    assert EN[second.start : second.end] == "Second sentence!"
    words = [t.text for t in doc.tokens]
    assert doc.is_sentence_start(words.index("Second"))
    assert not doc.is_sentence_start(words.index("sentence"))
    assert doc.is_sentence_start(words.index("New"))
