"""UNT002: letters of another writing system left inside a Latin-script text.

Machine translation copies what it cannot read: a Chinese or Russian phrase, a Greek or Hebrew
word stays in the source script in the middle of an English, French or Spanish sentence.
Readers of the target language cannot read it, and unlike a sentence in another Latin-script
language (UNT001), the script alone tells it apart; no language model is needed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from repair.context import Context
from repair.document import Document
from repair.model import Applicability, Hit, Span
from repair.registry import detector
from repair.scripts import main_script, script_of

HOST_SCRIPT = "LATIN"  # the texts judged here (Latin words in Persian are mostly names and acronyms)
FOREIGN_SCRIPTS = frozenset(
    {"CJK", "CYRILLIC", "GREEK", "HEBREW", "ARABIC", "THAI", "DEVANAGARI", "ARMENIAN"}
)  # scripts whose letters never belong inside an en/fr/es/de sentence
SENTENCE_WORDS = 4  # a whole sentence of this many words is UNT001's (a sentence in another language)
MIN_IDEOGRAPHS = 2  # one Han character is too often a symbol or a unit
MIN_LETTERS = 3  # shorter runs of an alphabet are formulas and units (α, μg, Δx)
RUN_JOINERS = frozenset(" -'’·・、，。")  # what may stand inside one run between its letters
OPENING_QUOTES = "«“„‘\"'「『"  # a run that follows one of these is quoted on purpose
CLOSING_QUOTES = "»”“’\"'」』"
DELETE_CONFIDENCE = 0.7  # the script is certain evidence, but an editor may prefer to translate it


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of foreign letters: where it is, its script and how many letters it holds."""

    span: Span
    script: str
    letters: int


def foreign_runs(text: str) -> Iterator[Run]:
    """Maximal runs of letters of one foreign script, with the spaces and marks between them."""
    i, n = 0, len(text)
    while i < n:
        script = script_of(text[i])
        if script not in FOREIGN_SCRIPTS:
            i += 1
            continue
        start, end, letters = i, i + 1, 1
        j = i + 1
        while j < n and (script_of(text[j]) == script or text[j] in RUN_JOINERS or text[j].isdigit()):
            if script_of(text[j]) == script:
                end, letters = j + 1, letters + 1
            j += 1
        yield Run(Span(start, end), script or "", letters)
        i = end


def _spaces_before(text: str, pos: int) -> int:
    """Where the spaces that end text[:pos] begin (text[:pos].rstrip(" ") without copying it)."""
    while pos > 0 and text[pos - 1] == " ":
        pos -= 1
    return pos


def _spaces_after(text: str, pos: int) -> int:
    """Where the spaces that start text[pos:] end."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def _quoted(text: str, span: Span) -> bool:
    before, after = _spaces_before(text, span.start), _spaces_after(text, span.end)
    opened = before > 0 and text[before - 1] in OPENING_QUOTES
    return opened and after < len(text) and text[after] in CLOSING_QUOTES


def _gloss(text: str, span: Span) -> bool:
    """A run in brackets right after a capitalised word: the name written in its own script."""
    before, after = _spaces_before(text, span.start), _spaces_after(text, span.end)
    if not (text[before - 1 : before] in ("(", "（") and text[after : after + 1] in (")", "）")):
        return False
    end = before - 1  # the last word before the bracket, across any whitespace
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return end > start and text[start].isupper()


def _whole_sentence(document: Document, span: Span) -> bool:
    """True when the run is a whole sentence long enough for UNT001 to judge as a sentence."""
    sentence = document.sentence_at(span.start)
    rest = document.text[sentence.start : span.start] + document.text[span.end : sentence.end]
    words = document.text[span.start : span.end].split()
    return not any(c.isalpha() for c in rest) and len(words) >= SENTENCE_WORDS


def deletion(text: str, span: Span) -> Span:
    """The run with its brackets when it stands in brackets, and one space beside it."""
    start, end = span.start, span.end
    before, after = _spaces_before(text, start), _spaces_after(text, end)
    if text[before - 1 : before] in ("(", "（", "[") and text[after : after + 1] in (")", "）", "]"):
        start, end = before - 1, after + 1
    if start > 0 and text[start - 1] == " ":
        start -= 1
    elif end < len(text) and text[end] == " ":
        end += 1
    return Span(start, end)


@detector("UNT002", "foreign-script-run", "untranslated", "Letters of another writing system inside the text")
def foreign_script_run(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: in a text written in the Latin script, finds a run of letters of another
    writing system (Han, Kana, Hangul, Cyrillic, Greek, Hebrew, Arabic, ...): at least two Han
    characters or three letters of an alphabet. A run in quotation marks (quoted on purpose) and
    a run in brackets right after a capitalised word (a name glossed in its own script, as in
    "Xi Jinping (习近平)") are left alone, and so are single symbols and units (μg, α).

    Why it matters: machine translation leaves what it could not translate in the source
    script; a reader of the target language cannot read it.

    Example: "The minister said 我们将继续努力 the talks would go on" -> delete the run.

    Fix safety: suggest only: deleting is the quick repair, but the words may carry meaning an
    editor should translate.
    """
    text = document.text
    if main_script(text) != HOST_SCRIPT:
        return
    for run in foreign_runs(text):
        needed = MIN_IDEOGRAPHS if run.script == "CJK" else MIN_LETTERS
        if run.letters < needed or _quoted(text, run.span) or _gloss(text, run.span):
            continue
        if _whole_sentence(document, run.span):
            continue
        span = deletion(text, run.span)
        original = text[span.start : span.end]
        why = f"{run.letters} letter(s) of {run.script.lower()} script in a {HOST_SCRIPT.lower()}-script text"
        yield Hit.replacing(
            span,
            original,
            f"text in {run.script.lower()} script: '{text[run.span.start : run.span.end][:40]}'",
            [("", DELETE_CONFIDENCE, Applicability.SUGGEST, f"delete it ({why}); or translate it")],
        )
