"""Edit engine: property tests (hypothesis) and the choice between overlapping proposals."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from repair.edits import apply, choose
from repair.model import Applicability, Edit, Finding, Proposal, Severity, Span

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)


@st.composite
def text_and_edits(draw):
    text = draw(TEXT)
    edits = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 10)))
        edits.append(Edit(Span(start, end), text[start:end], draw(st.text(max_size=8))))
    return text, edits


@given(text_and_edits())
def test_text_outside_applied_spans_is_unchanged(case):
    text, edits = case
    new, applied = apply(text, edits)
    # Rebuild the expected output from the applied edits alone: everything else is copied.
    pieces, cursor = [], 0
    for edit in sorted(applied, key=lambda e: e.span.start):
        assert edit.span.start >= cursor, "applied edits must not overlap"
        pieces += [text[cursor : edit.span.start], edit.replacement]
        cursor = edit.span.end
    assert new == "".join(pieces) + text[cursor:]


def _conflict(a: Edit, b: Edit) -> bool:
    """Edits that cannot both be applied: they overlap, or they start at the same offset."""
    return a.span.overlaps(b.span) or a.span.start == b.span.start


def _order(edit: Edit) -> tuple[int, int]:
    return (edit.span.start, edit.span.end)


def _assert_applies_exactly_what_fits(text: str, edits: list[Edit]) -> None:
    _, applied = apply(text, edits)
    for edit in applied:  # what was applied still matched the text, and nothing clashes
        assert edit in edits and text[edit.span.start : edit.span.end] == edit.original
    for i, edit in enumerate(applied):
        assert not any(_conflict(edit, other) for other in applied[i + 1 :]), applied
    for edit in edits:  # what was refused was stale, or lost to an earlier edit it clashes with
        if edit in applied:
            continue
        stale = edit.span.end > len(text) or text[edit.span.start : edit.span.end] != edit.original
        earlier = [a for a in applied if _conflict(edit, a) and _order(a) <= _order(edit)]
        assert stale or earlier, (edit, applied)


@given(text_and_edits())
def test_every_matching_edit_that_fits_is_applied(case):
    text, edits = case
    _assert_applies_exactly_what_fits(text, edits)


@given(text_and_edits())
def test_applying_the_same_edits_again_applies_only_what_still_matches(case):
    text, edits = case
    new, applied = apply(text, edits)
    _assert_applies_exactly_what_fits(new, applied)


def test_a_repeated_fix_is_refused():
    fix = Edit(Span(0, 5), "Vikov", "Witkoff")
    new, applied = apply("Vikov will be held.", [fix])
    assert (new, applied) == ("Witkoff will be held.", [fix])
    assert apply(new, applied) == (new, [])  # the text under the span no longer reads 'Vikov'


@given(TEXT, st.integers(0, 50), st.text(max_size=5))
def test_stale_edits_are_never_applied(text, start, replacement):
    start = min(start, len(text))
    stale = Edit(Span(start, start), "x" + text[start : start + 1] + "\0", replacement)
    new, applied = apply(text, [stale])
    assert applied == [] and new == text


def finding(
    start: int,
    end: int,
    text: str,
    replacement: str,
    confidence: float,
    tier: Applicability = Applicability.SAFE,
) -> Finding:
    span = Span(start, end)
    proposal = Proposal((Edit(span, text, replacement),), confidence, tier, "test")
    return Finding("ENT001", "garbled-entity-name", "entity", Severity.ERROR, span, text, "m", (proposal,))


def test_overlapping_proposals_resolved_by_confidence():
    weak = finding(0, 5, "Vikov", "Peskov", 0.85)
    strong = finding(0, 5, "Vikov", "Witkoff", 0.9)
    chosen = choose([weak, strong], min_confidence=0.8)
    assert [p.edit.replacement for p in chosen] == ["Witkoff"]


def test_tiers_and_confidence_bar():
    safe = finding(0, 1, "a", "b", 0.9)
    suggest = finding(2, 3, "c", "d", 0.9, Applicability.SUGGEST)
    display = finding(4, 5, "e", "e", 0.99, Applicability.DISPLAY)
    low = finding(6, 7, "f", "g", 0.5)
    assert [p.edit.replacement for p in choose([safe, suggest, display, low], 0.8)] == ["b"]
    assert [p.edit.replacement for p in choose([safe, suggest, display, low], 0.8, unsafe=True)] == ["b", "d"]
    assert [p.edit.replacement for p in choose([safe, suggest, display, low], 0.4)] == ["b", "g"]
