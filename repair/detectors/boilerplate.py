"""BOI: web-page residue and disclaimers left in the text (share buttons, ads, MT notices)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from repair.context import Context
from repair.detectors.boilerplate_rules import disclaimer_verdict, interface_line
from repair.document import Document, blank_lines_end, line_deletion
from repair.model import Applicability, Hit, Span
from repair.registry import detector
from repair.resources.phrases import CUES, FUZZY, FUZZY_FLOOR, PATTERN, WEAK, PhraseMatch, key, phrase_book

SAFE_AT = 0.85  # confidence from which deleting the line is safe in batch
EDGE_LINES = 3  # lines this close to the start or end are "near the edge", where page furniture sits
MAX_LINE = 1200  # longer lines are paragraphs of text, not page furniture: not matched
# Confidence of a line by its phrase-list match (see `analyse_boilerplate`):
FUZZY_CONFIDENCE = 0.8  # a known disclaimer at the fuzzy-match floor ...
FUZZY_GAIN = 0.15  # ... gains up to this as the similarity approaches 100
CUES_CONFIDENCE = 0.95  # two or more pieces of disclaimer vocabulary in one line
WEAK_CONFIDENCE = 0.6  # a generic word ("Print", "Home"), reported only with structural support ...
WEAK_PER_EVIDENCE = 0.05  # ... gaining this per piece of it, never reaching SAFE_AT
PHRASE_CONFIDENCE = 0.85  # a listed phrase: safe on its own
PATTERN_CONFIDENCE = 0.82  # a listed pattern: safe with one piece of structural evidence
PER_EVIDENCE = 0.04  # what each piece of structural evidence adds to a phrase or pattern
SENTENCE_WORDS = 6  # a line of this many words ending like a sentence reads as a sentence ...
SENTENCE_PENALTY = 0.2  # ... and is likelier article text that happens to match
MAX_CONFIDENCE = 0.99  # evidence never makes a deletion certain
TAG_WORDS = 4  # a tag line squeezed between two residue lines has at most this many words
SANDWICHED_CONFIDENCE = 0.55  # structure alone, no phrase: suggest
NOTICE_CONFIDENCE = 0.9  # concept rule: translated + by machine/AI + self-reference (this text, a label)
HEDGE_CONFIDENCE = 0.6  # concept rule without self-reference, only hedged ("may contain errors"): suggest
INTERFACE_CONFIDENCE = 0.82  # a short line of interface words only: safe with one piece of structure
SOURCE_CONFIDENCE = 0.6  # "Source: X" / "Author: X" may be wanted attribution: suggest at most ...
SOURCE_CAP = 0.8  # ... however much structure supports it
TECHNICAL_CAP = 0.8  # residue-like wording in a line laid out as technical text: suggest at most
TAB_WIDTH = 8  # columns of a tab when indentations are compared
NOTICE, LABEL, HEDGED = "concept notice", "translation label", "hedged mention"
INTERFACE = "interface line"
CREDIT, SOURCE = "credit line", "source line"
ALONE = "stands alone as a paragraph"
EDGE = "near the edge of the document"
DISCLAIMER_KINDS = (CUES, FUZZY, NOTICE, LABEL, HEDGED)  # BOI002's matches; the rest are BOI001's
_SENTENCE_END = re.compile(r"[.!?؟…][\"'»”)\]]*$")
# Reference and code markup, which page furniture never holds: a |tag| link, an {argument}, a
# call name(), `code`, a bracketed list ("[lnum, col]") or identifier ("[g:netrw_mode]").
_MARKUP = re.compile(
    r"(?<!\S)\|[^|\s]+\|(?=[\s.,;:)]|$)|(?<!\{)\{[A-Za-z_][\w.-]*\}(?!\})|\b[A-Za-z_][\w.:#]*\(\)"
    r"|`[^`\s][^`]*`|\[[^\]\n]*,[^\]\n]*\]|\[[A-Za-z]\w*[_:#][\w:#]*\]"
)
_OPEN_ENDING = re.compile(r"[^\s.!?;:…\"'»”)\]]$")  # a line that stops mid-sentence
_SENTENCE_BREAK = re.compile(r"(?:[.!?؟…][\"'»”)\]]*\s+|[。！？]\s*)(?=\S)")


@dataclass(frozen=True, slots=True)
class Residue:
    """One boilerplate line: its span (line plus newline), evidence, confidence and tier."""

    span: Span
    line: Span
    match: PhraseMatch | None
    confidence: float
    evidence: list[str]

    @property
    def disclaimer(self) -> bool:
        return self.match is not None and self.match.kind in DISCLAIMER_KINDS


def concept_match(line: str) -> PhraseMatch | None:
    """A line judged by its concept classes (see boilerplate_rules): a notice or interface residue."""
    verdict = disclaimer_verdict(line)
    if verdict:
        kind = LABEL if verdict.label_only else NOTICE if verdict.reasons else HEDGED
        return PhraseMatch(kind, verdict.describe(), verdict.language)
    found = interface_line(line)
    if found:
        language, why = found
        kind = {"credit": CREDIT, "source": SOURCE}.get(why, INTERFACE)
        return PhraseMatch(kind, why, language)
    return None


def deletion_span(text: str, line: Span) -> Span:
    """The line with its newline; when it stands alone, the blank lines after it too (see
    `repair.document.line_deletion`)."""
    return line_deletion(text, line.start, line.end)


def text_alone(rows: list[tuple[Span, str]], i: int, span: Span) -> bool:
    """True when the line has a blank line (or the document's edge) on both sides."""
    before = rows[i - 1][0].end if i > 0 else -2
    after = rows[i + 1][0].start if i + 1 < len(rows) else span.end + 2
    return span.start - before >= 2 and after - span.end >= 2


def _support(
    rows: list[tuple[Span, str]], hits: dict[int, PhraseMatch], i: int, repeats: Counter[str]
) -> list[str]:
    """Structural evidence for line `i` among the non-empty `rows`."""
    evidence = []
    if i < EDGE_LINES or i >= len(rows) - EDGE_LINES:
        evidence.append(EDGE)
    if (i - 1 in hits and hits[i - 1].kind != WEAK) or (i + 1 in hits and hits[i + 1].kind != WEAK):
        evidence.append("next to other boilerplate")
    span = rows[i][0]
    if text_alone(rows, i, span):
        evidence.append(ALONE)
    if repeats[key(rows[i][1])] >= 2:
        evidence.append("repeated in the document")
    return evidence


def _indent(line: str) -> int:
    """The columns of a line's leading whitespace, a tab reaching the next multiple of TAB_WIDTH."""
    expanded = line.expandtabs(TAB_WIDTH)
    return len(expanded) - len(expanded.lstrip())


def technical_layout(rows: list[tuple[Span, str]], i: int, margin: int) -> str | None:
    """Why line `i` reads as part of technical text rather than page furniture, if it does:
    indented deeper than the document's usual margin (code, a signature, a wrapped definition),
    introducing a block indented deeper than itself (a heading over a list of references or an
    example), or finishing in lower case a sentence the line before it leaves open."""
    span, line = rows[i]
    indent = _indent(line)
    if indent > margin:
        return "indented deeper than the text (code or a definition)"
    following = rows[i + 1] if i + 1 < len(rows) else None
    if following and following[0].start == span.end + 1 and _indent(following[1]) > indent:
        return "introduces an indented block"
    before = rows[i - 1] if i > 0 else None
    opening = line.lstrip()[:1]
    if (
        before
        and span.start == before[0].end + 1
        and _OPEN_ENDING.search(before[1].rstrip())
        and opening.isalpha()
        and opening.islower()
    ):
        return "continues the sentence of the line before"
    return None


def analyse_boilerplate(document: Document, context: Context) -> list[Residue]:
    """Every boilerplate line of the document (cached per document)."""
    cached = document.memo.get("boilerplate")
    if cached is not None:
        return cached  # type: ignore[return-value]
    text, book = document.text, phrase_book()
    rows = [(s, text[s.start : s.end]) for s in document.lines if text[s.start : s.end].strip()]
    hits: dict[int, PhraseMatch] = {}
    for i, (_, line) in enumerate(rows):
        if len(line) <= MAX_LINE:
            match = book.match(line)
            if match is None or match.kind in (FUZZY, WEAK):
                judged = concept_match(line)  # a weak phrase that is all interface words is an interface line
                better = judged and (match is None or match.kind == WEAK or judged.kind in (NOTICE, LABEL))
                match = judged if better else match
            if match and match.kind not in DISCLAIMER_KINDS and _MARKUP.search(line):
                match = None  # a cross-reference or code line of technical text
            if match:
                hits[i] = match
    margins = Counter(_indent(line) for _, line in rows)
    margin = margins.most_common(1)[0][0] if margins else 0
    repeats = Counter(key(line) for _, line in rows)
    found: list[Residue] = []
    confirmed: set[int] = set()
    for i, match in hits.items():
        span, line = rows[i]
        evidence = _support(rows, hits, i, repeats)
        sentence = bool(_SENTENCE_END.search(line.strip())) and len(line.split()) >= SENTENCE_WORDS
        if match.kind == FUZZY:
            confidence = FUZZY_CONFIDENCE + FUZZY_GAIN * (match.score - FUZZY_FLOOR) / (100 - FUZZY_FLOOR)
        elif match.kind == CUES:
            confidence = CUES_CONFIDENCE
        elif match.kind == NOTICE:
            confidence = NOTICE_CONFIDENCE
        elif match.kind == LABEL:
            confidence = NOTICE_CONFIDENCE if EDGE in evidence else HEDGE_CONFIDENCE
        elif match.kind == HEDGED:
            if EDGE not in evidence:
                continue
            confidence = HEDGE_CONFIDENCE
        elif match.kind in (INTERFACE, CREDIT):
            confidence = INTERFACE_CONFIDENCE + PER_EVIDENCE * len(evidence)
        elif match.kind == SOURCE:
            confidence = min(SOURCE_CONFIDENCE + WEAK_PER_EVIDENCE * len(evidence), SOURCE_CAP)
        elif match.kind == WEAK:
            if not [e for e in evidence if e != ALONE]:
                continue
            confidence = WEAK_CONFIDENCE + WEAK_PER_EVIDENCE * len(evidence)
        else:
            base = PATTERN_CONFIDENCE if match.kind == PATTERN else PHRASE_CONFIDENCE
            confidence = base + PER_EVIDENCE * len(evidence)
            confidence -= SENTENCE_PENALTY if sentence else 0.0
        confidence = min(confidence, MAX_CONFIDENCE)
        technical = None if match.kind in DISCLAIMER_KINDS else technical_layout(rows, i, margin)
        if technical:
            confidence = min(confidence, TECHNICAL_CAP)
            evidence = [*evidence, technical]
        found.append(Residue(deletion_span(text, span), span, match, confidence, evidence))
        confirmed.add(i)
    found += _sandwiched(text, rows, confirmed)
    found += _edge_sentences(document, rows, confirmed)
    found = _without_overlaps(text, sorted(found, key=lambda r: r.span.start))
    document.memo["boilerplate"] = found
    return found


def _without_overlaps(text: str, found: list[Residue]) -> list[Residue]:
    """Deletions in text order that do not overlap (each residue stays a finding of its own); a
    run of residue that opens the document takes the blank lines after it, one that ends it the
    blank lines before it, so that deleting them leaves no blank line at either end."""
    out: list[Residue] = []
    for residue in found:
        if out and residue.span.start < out[-1].span.end:
            if residue.span.end <= out[-1].span.end:
                continue  # inside the previous deletion
            residue = replace(residue, span=Span(out[-1].span.end, residue.span.end))
        out.append(residue)
    if out and out[0].span.start == 0:  # a run that opens the document takes the blank lines after it
        last = 0
        while last + 1 < len(out) and not text[out[last].span.end : out[last + 1].span.start].strip():
            last += 1
        tail = out[last]
        blank = blank_lines_end(text, tail.span.end)
        if last + 1 == len(out) or blank <= out[last + 1].span.start:
            out[last] = replace(tail, span=Span(tail.span.start, blank))
    if out and out[-1].span.end == len(text):
        first = len(out) - 1
        while first and not text[out[first - 1].span.end : out[first].span.start].strip():
            first -= 1
        final_newline = "\r\n" if text.endswith("\r\n") else "\n" if text.endswith("\n") else ""
        for k in range(first, len(out)):
            # Each takes the blank lines before it, not its own newline: deleted alone or
            # together, they leave the layout (and the final newline, or its absence) as it was.
            line = out[k].line
            if out[k].span.start > line.start:
                continue  # a sentence inside a longer line: its own span is right
            start = len(text[: line.start].rstrip())
            end = line.start + len(text[line.start : line.end].rstrip("\r"))
            if k == len(out) - 1:
                end = len(text) - len(final_newline)
            out[k] = replace(out[k], span=Span(start, max(start, end)))
    return out


def _sandwiched(text: str, rows: list[tuple[Span, str]], hits: set[int]) -> list[Residue]:
    """Short tag lines (no sentence punctuation) squeezed between two boilerplate lines."""
    out = []
    for i in range(1, len(rows) - 1):
        span, line = rows[i]
        before, after = rows[i - 1][0], rows[i + 1][0]
        adjacent = text[before.end : span.start] == "\n" and text[span.end : after.start] == "\n"
        short = len(line.split()) <= TAG_WORDS and not _SENTENCE_END.search(line.strip())
        if i not in hits and i - 1 in hits and i + 1 in hits and adjacent and short:
            why = ["short line between two boilerplate lines"]
            out.append(Residue(deletion_span(text, span), span, None, SANDWICHED_CONFIDENCE, why))
    return out


def _sentences(text: str, line: Span) -> list[Span]:
    """The sentences of one line: after terminal punctuation (and a space, except after CJK marks)."""
    out, start = [], line.start
    for m in _SENTENCE_BREAK.finditer(text, line.start, line.end):
        out.append(Span(start, m.start() + len(m.group().rstrip())))
        start = m.end()
    if text[start : line.end].strip():
        out.append(Span(start, line.end))
    return out


def _edge_sentences(document: Document, rows: list[tuple[Span, str]], hits: set[int]) -> list[Residue]:
    """A notice sentence that opens the first line or closes the last line of a longer paragraph."""
    out = []
    edges = {0, len(rows) - 1} - hits if rows else set()
    for i in sorted(edges):
        line = rows[i][0]
        inside = _sentences(document.text, line)
        if len(inside) < 2:
            continue
        for n in {0, len(inside) - 1}:
            sentence = inside[n]
            verdict = disclaimer_verdict(document.text[sentence.start : sentence.end])
            if not verdict or not verdict.reasons:
                continue
            match = PhraseMatch(NOTICE, verdict.describe(), verdict.language)
            span = Span(sentence.start, inside[1].start) if n == 0 else Span(inside[n - 1].end, sentence.end)
            why = ["first sentence of the document" if n == 0 else "last sentence of the document"]
            out.append(Residue(span, sentence, match, NOTICE_CONFIDENCE, why))
    return out


def _hit(document: Document, residue: Residue, message: str) -> Hit:
    span = residue.span
    original = document.text[span.start : span.end]
    tier = Applicability.SAFE if residue.confidence >= SAFE_AT else Applicability.SUGGEST
    match = residue.match
    why = f"matches {match.kind} '{match.entry}' ({match.language})" if match else "structure"
    if match and match.kind == FUZZY:
        why += f", similarity {match.score:.0f}"
    rationale = "; ".join([why, *residue.evidence])
    return Hit.replacing(span, original, message, [("", residue.confidence, tier, rationale)])


@detector("BOI001", "web-residue", "boilerplate", "Web-page residue: buttons, ad labels, related links")
def web_residue(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: finds whole lines that are web-page furniture rather than article text:
    share and favourite buttons, ad labels, "Load more", "Read also: …" links, newsletter and
    cookie prompts, agency end markers ("انتهای پیام/"), in en, fr, es, de, fa, it, pt, ru, ar,
    zh, eu and ca whatever the document's language (phrase lists in dictionaries/phrases/:
    "Condividi", "Поделиться", "Leia também: ..."), strengthened by structure (a short
    stand-alone line near the edges of the document or next to other residue). Beyond the lists,
    a short line with no sentence ending made only of interface vocabulary classes (action,
    object, navigation, platform, function words: dictionaries/concepts/) with an action, a
    navigation word or a platform ("Partager cet article", "Join our WhatsApp channel"), a
    channel promo whose only other words are the outlet's capitalised name between the action
    and the platform ("Segui Il Sole 24 Ore su WhatsApp"), and credit lines ("Photo: AFP",
    "Responsible editor: Li Hua", "Edited by NAME"; "Source: X" only suggested); a weak listed
    phrase made only of interface words counts as an interface line; the classes cover en,
    fr, es, de, fa, it, pt, ru, ar, zh, eu and ca.

    Why it matters: scraped articles sent through machine translation keep the page's buttons
    and links; published, they read as nonsense in the middle of the story.

    Example: "Favorite\\nRemove from my list\\n" before the headline -> both lines deleted.

    Fix safety: safe (delete the line and its newline) for listed phrases and patterns, and for
    interface and credit lines with one piece of structural support; suggest for generic words
    ("Print", "Home") that need structural support, source and author lines, short tag lines
    squeezed between two residue lines, and residue wording laid out as technical text (indented
    deeper than the document's margin, heading an indented block, finishing a wrapped sentence:
    "\tend", "Related topics:" over a list). A line holding reference or code markup ("See
    also |clientserver|.", "[{lnum}, {col}]") is not residue and is not reported.
    """
    for residue in analyse_boilerplate(document, context):
        if not residue.disclaimer:
            text = document.text[residue.line.start : residue.line.end].strip()
            yield _hit(document, residue, f"'{text[:60]}' looks like web-page residue")


@detector("BOI002", "disclaimer", "boilerplate", "A machine-translation or aggregator disclaimer")
def disclaimer(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: finds a line that is a machine-translation notice ("This text has been
    automatically translated, it may contain errors or inaccuracies.") or an aggregator's legal
    disclaimer, by fuzzy similarity to known notices or by holding two or more pieces of legal
    disclaimer vocabulary ("ne garantit", "à des fins d'information", "does not guarantee").
    MT notices in any wording, in 12 languages, come from concept classes (dictionaries/concepts/):
    a short line, or the first or last sentence of the document, that says *translated* and
    *automatically / by machine / with AI* and refers to itself ("this text", "we", a label
    such as "Traducción automática", a "Note:" opening), with no reporting words ("said",
    "according to", "company") in any language, no figures, no quotation marks, no question.

    Why it matters: the notice belongs to the site that published the translation, not to the
    article; it must not travel with the text.

    Example: "Este contenido ha sido traducido automáticamente y puede contener errores." ->
    the line is deleted.

    Fix safety: safe: the whole line (or the edge sentence) is deleted; suggest for a bare label
    ("Machine translation") inside the document and for an unreferenced, hedged mention at an
    edge ("Automatic translation sometimes produces errors").
    """
    for residue in analyse_boilerplate(document, context):
        if residue.disclaimer:
            yield _hit(document, residue, "machine-translation or legal disclaimer")
