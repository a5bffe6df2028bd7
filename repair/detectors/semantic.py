"""DUP002 and BOI003: repeats and disclaimers in other words, seen by a sentence encoder.

Both run only with `--neural` (Context.encoder set) and for the languages the encoder knows;
without it they report nothing and import nothing heavy.
"""

from __future__ import annotations

from collections.abc import Iterator

from repair.context import Context
from repair.detectors.boilerplate import deletion_span as line_deletion_span
from repair.detectors.duplicates import _rows, deletion_span, find_repeats
from repair.document import Document
from repair.model import Applicability, Hit, Span
from repair.registry import detector
from repair.resources.phrases import phrase_book

REPEAT_COSINE = 0.9  # encoder similarity from which two paragraphs say the same thing
REPEAT_TOKENS = 75  # rapidfuzz token_sort_ratio: a reworded copy keeps most of its words
LEAD_ROWS = 3  # a title, standfirst or summary bullets restated below them is news style
REPEAT_MIN_WORDS = 12  # shorter paragraphs say too little for their meaning to identify them
LENGTH_RATIO = (0.7, 1.45)  # a rewording is about as long as its original (later / earlier words)
DISCLAIMER_COSINE = 0.75  # encoder similarity from which a line means what a known disclaimer says
DISCLAIMER_MIN_WORDS = 4  # shorter lines are labels and buttons, BOI001's business
DISCLAIMER_MAX_WORDS = 60  # longer lines are article paragraphs, not notices
MAX_CONFIDENCE = 0.9  # a likeness of meaning is never proof: suggest only


def _deletion(span: Span, original: str, message: str, cosine: float, why: str) -> Hit:
    """A suggest-tier hit that deletes `span`, as confident as the similarity (at most MAX_CONFIDENCE)."""
    option = ("", min(cosine, MAX_CONFIDENCE), Applicability.SUGGEST, why)
    return Hit.replacing(span, original, message, [option])


@detector("DUP002", "semantic-repeat", "duplicate", "A paragraph repeating an earlier one in other words")
def semantic_repeat(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: with `--neural`, compares paragraphs of twelve words or more with a sentence
    encoder and flags a later paragraph whose meaning repeats an earlier one (cosine 0.9 or
    more, similar length, most words shared) although the wording differs, which DUP001 cannot
    see. A title, standfirst or summary restated in the first paragraphs is news style and
    is left alone.

    Why it matters: MT pipelines that translate a page twice, or merge two feeds, leave the
    same paragraph reworded; readers see the story twice.

    Example: "The talks will resume next week in Geneva, officials said." followed later by
    "Officials said the negotiations will restart in Geneva next week." -> delete the second.

    Fix safety: suggest only; the editor decides which wording to keep.
    """
    encoder = context.encoder_for(document.language)
    if encoder is None:
        return
    from rapidfuzz import fuzz

    all_rows = _rows(document)
    lead = {r.span for r in all_rows[:LEAD_ROWS]}
    rows = [r for r in all_rows if r.words >= REPEAT_MIN_WORDS]
    exact = {i for rep in find_repeats(all_rows) for i in range(rep.first, rep.last + 1)}
    exact_spans = [r.span for i, r in enumerate(all_rows) if i in exact]
    if len(rows) < 2:
        return
    similarity = encoder.similarity([r.norm for r in rows], [r.norm for r in rows])
    for j in range(1, len(rows)):
        if any(rows[j].span.overlaps(s) for s in exact_spans):
            continue
        for i in range(j):
            ratio = rows[j].words / rows[i].words
            cosine = float(similarity[i, j])
            if (
                rows[i].span in lead
                or cosine < REPEAT_COSINE
                or not LENGTH_RATIO[0] <= ratio <= LENGTH_RATIO[1]
            ):
                continue
            if fuzz.token_sort_ratio(rows[i].norm, rows[j].norm) >= REPEAT_TOKENS:
                span = deletion_span(document.text, rows[j].span.start, rows[j].span.end)
                line = document.line_col(rows[i].span.start)[0]
                original = document.text[span.start : span.end]
                why = f"meaning close to line {line} (cosine {cosine:.2f}, sentence encoder)"
                message = f"this paragraph repeats line {line} in other words"
                yield _deletion(span, original, message, cosine, why)
                break


@detector("BOI003", "paraphrased-disclaimer", "boilerplate", "A reworded MT or legal disclaimer")
def paraphrased_disclaimer(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: with `--neural`, compares each line of up to sixty words with the known
    disclaimers of the phrase lists using a sentence encoder, and flags a line whose meaning is
    close to one (cosine 0.75 or more) although its words differ.

    Why it matters: every site words its "automatically translated" notice differently; a
    phrase list cannot hold them all.

    Example: "Please note: a computer produced this translation, so mistakes are possible." ->
    delete the line.

    Fix safety: suggest only.
    """
    encoder = context.encoder_for(document.language)
    if encoder is None:
        return
    disclaimers = [entry for _, entry, _ in phrase_book().fuzzy]
    lines = [
        s
        for s in document.lines
        if DISCLAIMER_MIN_WORDS <= len(document.text[s.start : s.end].split()) <= DISCLAIMER_MAX_WORDS
    ]
    if not lines or not disclaimers:
        return
    similarity = encoder.similarity([document.text[s.start : s.end] for s in lines], disclaimers)
    for row, line in enumerate(lines):
        best = int(similarity[row].argmax())
        cosine = float(similarity[row, best])
        if cosine < DISCLAIMER_COSINE:
            continue
        span: Span = line_deletion_span(document.text, line)
        original = document.text[span.start : span.end]
        why = f"close to the disclaimer '{disclaimers[best][:60]}' (cosine {cosine:.2f}, sentence encoder)"
        message = "this line reads like a machine-translation or legal disclaimer"
        yield _deletion(span, original, message, cosine, why)
