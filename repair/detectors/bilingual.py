"""Bilingual evidence: what a unit's source text says about its target (XLIFF, PO).

Only formats that keep the source beside the target have it (see `repair.formats`); on plain
text these detectors report nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from repair.context import Context
from repair.document import Document
from repair.formats import Layout, Segment, layout_of
from repair.formats.layout import PLACEHOLDER, language_base
from repair.model import Applicability, Hit, Severity, Span
from repair.registry import detector
from repair.resources.lexicon import base_language

MIN_IDENTICAL_WORDS = (
    3  # "OK", "Email", "Google Maps" are rightly the same in both languages; a sentence is not
)
MIN_LANGID_LETTERS = 40  # below this the language model's guess on one unit is not reliable
MIN_LANGID_SCORE = 0.8  # the model must be sure the target is in the source language
MIN_COUNTED_NUMBER = 10  # one-digit numbers are often written out in the translation ("2" -> "two")
SWAP_CONFIDENCE = 0.6  # one number or link replaced by another: likely a slip, but the source may be wrong
_WORD = re.compile(r"[^\W\d_]{2,}")
_MARKUP = re.compile(r"<[^<>]+>")  # tags written in a PO string
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()]+[^\s<>\"'().,;:!?]")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?(?![\w])")


def _units(document: Document) -> Iterator[tuple[Layout, Segment, Span]]:
    """Each segment with a source, and its span without the blanks of the view."""
    layout = layout_of(document)
    if layout is None:
        return
    for segment in layout.segments:
        if not segment.source or not segment.source.strip():
            continue
        lead = len(segment.view) - len(segment.view.lstrip())
        trail = len(segment.view.rstrip())
        if trail > lead:
            yield layout, segment, Span(segment.start + lead, segment.start + trail)


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _source_language(layout: Layout, document: Document) -> str | None:
    """The source language the file declares, else the one its sources are written in."""
    if layout.source_language:
        return language_base(layout.source_language)  # the file's tag: "fr_FR" as well as "fr-FR"
    guess = document.memo.get("source_language")
    if guess is None:
        from repair.resources.langid import detect_language

        sources = " ".join(s.source or "" for s in layout.segments)
        guess = document.memo["source_language"] = (
            detect_language(sources[:4000], default="") if sources else ""
        )
    return str(guess) or None


@detector(
    "UNT004",
    "untranslated-unit",
    "untranslated",
    "A unit whose target is its source, or in the source language",
    severity=Severity.ERROR,
)
def untranslated_unit(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: in a bilingual file (XLIFF, PO), flags a unit whose target is the same
    text as its source (three words or more), or whose target the language model says is
    written in the source language (forty letters or more) rather than the file's target
    language.

    Why it matters: a translation tool that failed, or a translator who skipped a unit, leaves
    the source text in the target; a checker that sees only the target cannot tell it apart
    from a translation.

    Example: source "Les négociations reprendront mardi." and target "Les négociations
    reprendront mardi." in a French-to-English file -> untranslated.

    Fix safety: display only: the unit must be translated, nothing can be deleted (a deletion
    never empties a unit).
    """
    for layout, segment, span in _units(document):
        source_language = _source_language(layout, document)
        if source_language == base_language(document.language):
            return  # a file from one variety to another (en -> en-GB): the same text is right
        target, source = segment.plain, segment.source or ""
        words = _WORD.findall(target)
        if _normal(target) == _normal(source) and len(words) >= MIN_IDENTICAL_WORDS:
            yield Hit(
                span, document.text[span.start : span.end], "target is the same as its source (untranslated)"
            )
            continue
        letters = sum(len(w) for w in words)
        if source_language and letters >= MIN_LANGID_LETTERS:
            from repair.resources.langid import language_scores

            scores = language_scores(target, k=1)
            if scores and scores[0][0] == source_language and scores[0][1] >= MIN_LANGID_SCORE:
                yield Hit(
                    span,
                    document.text[span.start : span.end],
                    f"target is in the source language ({source_language}), not {document.language}",
                )


def _numbers(text: str) -> dict[str, str]:
    """The numbers of a text, by their digits (separators differ between languages), as written."""
    found: dict[str, str] = {}
    for m in _NUMBER.finditer(_MARKUP.sub(" ", PLACEHOLDER.sub(" ", text))):
        digits = re.sub(r"\D", "", m.group())
        found.setdefault(digits, m.group())
    return found


def _swap(document: Document, segment: Segment, written: str, correct: str, what: str) -> tuple:
    """A suggest proposal replacing the one unexplained `written` in the target with `correct`."""
    at = [m.start() for m in re.finditer(re.escape(written), segment.view)]
    if len(at) != 1:
        return ()
    start = segment.start + at[0]
    span = Span(start, start + len(written))
    why = f"the source has {what} {correct}; the target's {written} matches nothing in it"
    return (span, ((correct, SWAP_CONFIDENCE, Applicability.SUGGEST, why),))


@detector("NUM001", "number-mismatch", "mismatch", "A number of the source missing or changed in the target")
def number_mismatch(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: in a bilingual file, compares the numbers of each unit's source and
    target by their digits (so 1,000.5 and 1 000,5 agree; placeholders such as %d and {0} are
    left out) and flags a unit whose source has a number (10 or more) that its target lacks.

    Why it matters: a changed figure, year or amount is the costliest error a translation can
    carry, and machine translation drops or rewrites numbers more often than people think.

    Example: source "Le budget atteint 2019 millions." and target "The budget reached 2018
    million." -> the target's 2018 is not the source's 2019.

    Fix safety: suggest when exactly one number is missing and exactly one number of the
    target matches nothing in the source (replace it with the source's); display otherwise.
    """
    for _, segment, span in _units(document):
        source, target = _numbers(segment.source or ""), _numbers(segment.plain)
        missing = [
            written
            for digits, written in source.items()
            if digits not in target and int(digits) >= MIN_COUNTED_NUMBER
        ]
        if not missing:
            continue
        extra = [written for digits, written in target.items() if digits not in source]
        message = f"source number{'s' if len(missing) > 1 else ''} {', '.join(missing)} not in the target"
        swap = (
            _swap(document, segment, extra[0], missing[0], "number")
            if len(missing) == len(extra) == 1
            else ()
        )
        if swap:
            where, options = swap
            yield Hit.replacing(where, document.text[where.start : where.end], message, options)
        else:
            yield Hit(span, document.text[span.start : span.end], message)


def _urls(text: str) -> list[str]:
    return [m.group().rstrip("/") for m in _URL.finditer(text)]


@detector("URL001", "link-mismatch", "mismatch", "A link of the source missing or changed in the target")
def link_mismatch(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: in a bilingual file, flags a unit whose source has a URL that its target
    does not have, letter for letter (a trailing slash aside).

    Why it matters: machine translation translates or breaks the words of a link
    (example.com/news -> example.com/nouvelles), and a broken link in a published page is
    found by readers, not by the desk.

    Example: source "Read https://example.org/report" and target "Lisez
    https://example.org/rapport" -> the link changed.

    Fix safety: suggest when exactly one link is missing and exactly one link of the target
    matches nothing in the source (put the source's back); display otherwise.
    """
    for _, segment, span in _units(document):
        source, target = _urls(segment.source or ""), _urls(segment.plain)
        missing = [url for url in dict.fromkeys(source) if url not in target]
        if not missing:
            continue
        extra = [url for url in dict.fromkeys(target) if url not in source]
        message = f"source link {missing[0]} not in the target"
        swap = (
            _swap(document, segment, extra[0], missing[0], "link") if len(missing) == len(extra) == 1 else ()
        )
        if swap:
            where, options = swap
            yield Hit.replacing(where, document.text[where.start : where.end], message, options)
        else:
            yield Hit(span, document.text[span.start : span.end], message)


MIN_SOURCE_NAME_SIMILARITY = (
    0.5  # the source already names the entity: a looser match than ENT001's is evidence
)
SAFE_SOURCE_NAME_SIMILARITY = 0.7  # close enough, with the source's evidence, to apply unread
SOURCE_NAME_CONFIDENCE = 0.92  # the source names the entity and the target has a near spelling of no other
SOURCE_NAME_SUGGEST = 0.75  # a looser near spelling: an editor confirms
_NAME_TOKEN = re.compile(r"[^\W\d_](?:[\w\u200c]|['’\-](?=[^\W\d_]))*")


def _source_entities(context: Context, source: str) -> dict[int, str]:
    """The dictionary entities a source text names by one of their full spellings (any
    language or script), with the spelling found."""
    from repair.resources.transliteration import fold

    tokens = [m.group() for m in _NAME_TOKEN.finditer(source)]
    folded = [fold(t) for t in tokens]
    found: dict[int, str] = {}
    for i, token in enumerate(tokens):
        if token[:1].islower():
            continue  # names are capitalised where the script has case
        for ref, position in context.index.refs_for_folded(folded[i]):
            size = len(ref.tokens)
            if position != 0 or ref.entity in found or folded[i : i + size] != [fold(t) for t in ref.tokens]:
                continue
            found[ref.entity] = " ".join(tokens[i : i + size])
    return found


@detector(
    "ENT005",
    "source-name-mismatch",
    "entity",
    "A name of the source written differently in the target",
)
def source_name_mismatch(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: in a bilingual file (XLIFF, PO), finds the dictionary names a unit's
    source spells out in full (in any language or script), and, when the target lacks the
    name's canonical spelling for the target language, flags the one capitalised target word
    that is a near spelling of it, naming the source as the evidence.

    Why it matters: the source is the strongest evidence a checker can have: it says which
    person or place the target must name, so a garbled transliteration in the target is no
    longer a guess.

    Example: source "Steve Witkoff est arrivé à Moscou." and target "Steve Vitkov arrived in
    Moscow." -> "Witkoff".

    Fix safety: safe when the near spelling is close (similarity 0.7 or more) and no other
    target word competes; suggest otherwise.
    """
    from repair.detectors.entities.mentions import similarity
    from repair.resources.transliteration import fold

    language = document.language
    for _, segment, _span in _units(document):
        names = _source_entities(context, segment.source or "")
        if not names:
            continue
        words = [(m.start(), m.group()) for m in _NAME_TOKEN.finditer(segment.view)]
        present = {fold(w) for _, w in words}
        candidates = [(start, w) for start, w in words if w[:1].isupper() and not w.isupper()]  # name-like
        for number, written in names.items():
            entity = context.index.entities[number]
            canonical = entity.name_for(language)
            if not canonical:
                continue
            accepted = [canonical, *entity.variants]
            if any(all(fold(t) in present for t in form.split()) for form in accepted):
                continue
            for part in canonical.split():
                if fold(part) in present:
                    continue
                scored = [(similarity(word, part), start, word) for start, word in candidates]
                close = sorted((s for s in scored if s[0] >= MIN_SOURCE_NAME_SIMILARITY), reverse=True)
                if not close or (len(close) > 1 and close[1][0] == close[0][0]):
                    continue
                score, start, word = close[0]
                if context.index.token_refs(word):
                    continue  # the target names some other dictionary entity there
                safe = score >= SAFE_SOURCE_NAME_SIMILARITY and len(close) == 1
                where = Span(segment.start + start, segment.start + start + len(word))
                why = (
                    f"strong evidence: the source names {written} ({entity.id}), spelled {canonical} in "
                    f"{language}; '{word}' is a near spelling (similarity {score:.2f})"
                )
                tier = Applicability.SAFE if safe else Applicability.SUGGEST
                confidence = SOURCE_NAME_CONFIDENCE if safe else SOURCE_NAME_SUGGEST
                yield Hit.replacing(
                    where,
                    document.text[where.start : where.end],
                    f"'{word}' should be {part}: the source names {written}",
                    [(part, confidence, tier, why)],
                )
