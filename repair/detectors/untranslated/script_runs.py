"""UNT002: letters of another writing system left inside the text.

Machine translation copies what it cannot read: a Chinese or Russian phrase, a Greek or Hebrew
word stays in the source script in the middle of an English, French or Spanish sentence, and
an English clause stays in Latin letters inside a Persian one. Readers of the target language
cannot read it, and unlike a sentence in another language of the same script (UNT001), the
script alone tells it apart; no language model is needed.

In a Persian (Arabic-script) text, Latin letters are mostly legitimate: names, titles,
brands, acronyms and web addresses are written in their own script. What sets an untranslated
clause apart is its function words: a run of Latin words holding several lowercase common words
("the minister said that") is a clause; "Johnny English Reborn" or "BBC" is a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from repair.context import Context
from repair.detectors.untranslated.letters import document_script_counts
from repair.document import Document, Token
from repair.model import Applicability, Hit, Span
from repair.registry import detector
from repair.resources.cache_sizes import WORD_CACHE
from repair.resources.lexicon import zipf
from repair.scripts import language_script, script_of, scripts

HOST_SCRIPTS = frozenset({"LATIN", "ARABIC"})  # the scripts of the supported languages (en/fr/es/de, fa)
FOREIGN_SCRIPTS = frozenset(
    {"CJK", "CYRILLIC", "GREEK", "HEBREW", "ARABIC", "THAI", "DEVANAGARI", "ARMENIAN"}
)  # scripts whose letters never belong inside an en/fr/es/de (or, but for Arabic, a Persian) sentence
LATIN = "LATIN"
LATIN_CLAUSE_WORDS = 2  # a lone Latin word in Persian text is a name, a term, a brand or a cited word
LATIN_CLAUSE_LOWERCASE = 2  # lowercase common words needed: names and titles have at most one ("of")
LATIN_LANGUAGES = ("en", "fr", "es", "de")  # the languages an untranslated Latin clause is looked up in
LATIN_COMMON_ZIPF = 3.5  # a lowercase word this frequent in one of them is a function or common word
LABEL_REACH = 40  # characters before a run searched for "(Chinese:" — a language label is short
MIN_HOST_SHARE = 0.3  # below this share of its own letters a "Persian" text is tagged wrongly
LATIN_RUN_GAP = re.compile(r"[ ,;]{1,3}")  # what may stand between two words of one Latin clause
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


def foreign_runs(text: str, host: str = LATIN) -> Iterator[Run]:
    """Maximal runs of letters of one script foreign to `host`, with the spaces and marks between them."""
    foreign = FOREIGN_SCRIPTS - {host}
    chars = sorted(c for c in set(text) if script_of(c) in foreign)
    if not chars:
        return
    next_foreign = re.compile("[" + "".join(map(re.escape, chars)) + "]")  # skips the host's letters at once
    i, n = 0, len(text)
    while i < n:
        found = next_foreign.search(text, i)
        if found is None:
            return
        i = found.start()
        script = script_of(text[i])
        start, end, letters = i, i + 1, 1
        j = i + 1
        while j < n and (script_of(text[j]) == script or text[j] in RUN_JOINERS or text[j].isdigit()):
            if script_of(text[j]) == script:
                end, letters = j + 1, letters + 1
            j += 1
        yield Run(Span(start, end), script or "", letters)
        i = end


@lru_cache(maxsize=WORD_CACHE)
def _is_latin_word(word: str) -> bool:
    return scripts(word) == {LATIN}


def _common_lowercase(word: str) -> bool:
    """A lowercase word that is ordinary in one of the Latin-script languages (the, que, und)."""
    return word[:1].islower() and any(zipf(word, lang) >= LATIN_COMMON_ZIPF for lang in LATIN_LANGUAGES)


def latin_clauses(document: Document) -> Iterator[Run]:
    """Runs of Latin words inside non-Latin text that read as a clause, not as a name: at least
    LATIN_CLAUSE_WORDS words, LATIN_CLAUSE_LOWERCASE of them lowercase common words."""
    text, run = document.text, list[Token]()
    for token in [*document.tokens, None]:
        if token is not None and _is_latin_word(token.text):
            if run and not LATIN_RUN_GAP.fullmatch(text[run[-1].end : token.start]):
                yield from _clause(run)
                run = []
            run.append(token)
            continue
        if run:  # most tokens of a non-Latin text end no run
            yield from _clause(run)
            run = []


def _clause(run: list[Token]) -> Iterator[Run]:
    """The run as a Run when it reads as a clause (its word count is told before any lookup)."""
    if (
        len(run) >= LATIN_CLAUSE_WORDS
        and sum(_common_lowercase(t.text) for t in run) >= LATIN_CLAUSE_LOWERCASE
    ):
        yield Run(Span(run[0].start, run[-1].end), LATIN, sum(len(t.text) for t in run))


def _host_script(document: Document) -> str | None:
    """The script the text is written in, when the detector can judge it: Latin when most letters
    are Latin; Arabic for a Persian text even where names and titles in Latin letters outnumber
    its own (its letters must still be a fair share, or the language tag is wrong)."""
    counts = document_script_counts(document)
    letters = sum(counts.values())
    if language_script(document.language) == "ARABIC" and counts["ARABIC"] >= MIN_HOST_SHARE * letters > 0:
        return "ARABIC"
    return LATIN if counts and counts.most_common(1)[0][0] == LATIN else None


def _start(run: Run) -> int:
    return run.span.start


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


def _bracketed(text: str, span: Span) -> bool:
    before, after = _spaces_before(text, span.start), _spaces_after(text, span.end)
    return text[before - 1 : before] in ("(", "（") and text[after : after + 1] in (")", "）")


def _labelled(text: str, span: Span) -> bool:
    """A run right after a language label in brackets, as in "(Chinese: 火眼)" or "(چینی: 火眼)"."""
    before = text[max(0, span.start - LABEL_REACH) : span.start].rstrip(" ")
    opened = max(before.rfind("("), before.rfind("（"))
    return before.endswith((":", "：")) and opened >= 0 and ")" not in before[opened:]


def _gloss(text: str, span: Span) -> bool:
    """A run in brackets right after a capitalised word: the name written in its own script;
    or one after a language label in brackets."""
    if _labelled(text, span):
        return True
    if not _bracketed(text, span):
        return False
    end = _spaces_before(text, span.start) - 1  # the last word before the bracket, across any whitespace
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
    "Xi Jinping (习近平)") are left alone, and so are single symbols and units (μg, α). In a
    Persian text it finds the same runs of Han, Cyrillic, Greek or Hebrew letters, and Latin
    words that form a phrase: two lowercase common words or more of
    English, French, Spanish or German. Names, titles, brands and web addresses in Latin
    letters ("The Guardian", "Johnny English Reborn") have at most one, and a Latin term given
    in brackets beside its Persian translation is a gloss: both stay.

    Why it matters: machine translation leaves what it could not translate in the source
    script; a reader of the target language cannot read it.

    Example: "The minister said 我们将继续努力 the talks would go on" -> delete the run.

    Fix safety: suggest only: deleting is the quick repair, but the words may carry meaning an
    editor should translate.
    """
    text = document.text
    host = _host_script(document)
    if host is None:
        return
    runs = list(foreign_runs(text, host))
    if host != LATIN:
        clauses = (r for r in latin_clauses(document) if not _bracketed(text, r.span))
        runs = sorted([*runs, *clauses], key=_start)
    for run in runs:
        needed = MIN_IDEOGRAPHS if run.script == "CJK" else MIN_LETTERS
        if run.letters < needed or _quoted(text, run.span) or _gloss(text, run.span):
            continue
        if _whole_sentence(document, run.span):
            continue
        span = deletion(text, run.span)
        original = text[span.start : span.end]
        why = f"{run.letters} letter(s) of {run.script.lower()} script in a {host.lower()}-script text"
        yield Hit.replacing(
            span,
            original,
            f"text in {run.script.lower()} script: '{text[run.span.start : run.span.end][:40]}'",
            [("", DELETE_CONFIDENCE, Applicability.SUGGEST, f"delete it ({why}); or translate it")],
        )
