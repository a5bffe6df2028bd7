"""SEN: sentences damaged by machine translation: glued words, spliced clauses, lost spaces."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from repair.context import Context
from repair.document import Document, Token
from repair.model import Applicability, Hit, Severity, Span
from repair.registry import detector
from repair.resources.lexicon import base_language, zipf

if TYPE_CHECKING:
    from repair.detectors.sentences.punct import Boundary

CLAUSE_CUES = {
    "en": "would will can could should might must shall did does he she they we",
    "fr": "il elle ils elles on nous vous va vont peut peuvent doit doivent pourrait pourraient devrait "
    "devraient serait seraient aurait auraient",
    "es": "él ella ellos ellas va van puede pueden debe deben podría podrían debería deberían habría "
    "habrían sería serían",
}
SUBJECT_PRONOUNS = {
    "en": "he she they we",
    "fr": "il ils nous",  # not elle: the magazine Elle
    "es": "ella ellos ellas nosotros nosotras",
}  # capitalised after a lower-case word, a subject pronoun opens a second sentence ('said that He will')
# SEN001
SAFE_GLUE_CONFIDENCE = 0.9  # unknown token, every part a frequent word: safe
GLUE_CONFIDENCE = 0.7  # otherwise suggest: a rare name can look like two words
OTHER_SPLIT_CONFIDENCE = 0.5  # another acceptable split, below the best one
DIGIT_GLUE_CONFIDENCE = 0.9  # a function word never ends or starts a code: "in2027" is "in 2027"
# SEN002
COMMON = 5.0  # only a very common word capitalised mid-sentence signals a splice; rarer ones are names
MIN_CLAUSE_LETTERS = 2  # a one-letter capital (English "I") is a word of its own, not a clause start
TITLE_WORD_LETTERS = 3  # titles keep short words (of, the, de) lower case: only longer words count
TITLE_SHARE = 0.6  # a line with more than this share of its longer words capitalised is a title
SPLICED_CONFIDENCE = 0.6  # display only: the missing words must come from the source
# SEN003
DOUBLED_CONFIDENCE = 0.95  # two full stops between words are never right
MISSING_SPACE_CONFIDENCE = 0.9  # punctuation glued to a sentence start, abbreviations excluded


@detector("SEN001", "glued-words", "sentence", "Two words written without the space between them")
def glued_words(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: finds a token that is not a word of the document's language but splits
    into frequent words (symspellpy segmentation over wordfreq frequencies), or joins a
    lowercase word to a capitalised one ("etTéhéran", "porFrazier"); two capitalised words
    ("HeatherNauert", when the document writes them apart, the dictionary holds them as one
    name, or both are names' words); a name wordfreq lists glued to a function word
    ("Corbynhas", "Halkettsobre"); two common content words ("directorejecutivo"); a Latin and
    a Persian word in one token ("Grahamاز"); a possessive or a French elided word glued to
    its neighbour ("Scotland'syoung", "risqued’inondation"). Real words, joins any word list
    holds (flyDubai, YouGov), names the dictionary knows, hyphenated and mixed-case brand names
    (iPhone, McDonald, OpenAI, TraceTogether), surname particles (MacBride, LeBron), URLs,
    e-mail addresses and code are left alone: help-file and reST example blocks, indented
    commands, *tags*, --options, code spans, lines of code or figures, and words the file writes
    in code elsewhere (`repair.detectors.sentences.code`; "set nomodified", "|--startuptime|").

    Why it matters: machine translation and markup stripping drop spaces between words; the
    result reads as a typo and breaks search ("Indiais" is neither India nor is).

    Example: "imposed on Indiais the main buyer" -> "imposed on India is the main buyer".

    Fix safety: safe only for a split into exactly two common words of a token that neither
    wordfreq, the spelling dictionary (pyspellchecker) nor the entity index knows, without an
    internal capital or digit, joined at a function word ("station|is", "the|minister") or a
    known name and a function word ("Germany|would"); suggest otherwise (function-word heads
    are often surnames: Lenoir, Delrío); two capitalised words, a listed name that is not the
    dictionary's or the document's, two content words, a token that is also a listed word's
    plural ("makefiles") or fills a cell of a tab-aligned table alone (a key): suggest. Every
    occurrence is reported alike. A function word glued to a number ("in2027", "de60.000",
    "Since2014", "in4", "2027the") is split, safe; codes, models, versions, units, ordinals and
    identifiers in code keep their digits (G20, COVID19, A380, Windows10, win7, 5km, 21st, 5to
    in Spanish, guifg=grey60).
    """
    from repair.detectors.sentences.glue import GlueFinder

    for glue in GlueFinder(document, context.index):
        token = glue.token
        replacement = " ".join(glue.parts)
        tier = Applicability.SAFE if glue.safe else Applicability.SUGGEST
        confidence = SAFE_GLUE_CONFIDENCE if glue.safe else GLUE_CONFIDENCE
        proposals = [(replacement, confidence, tier, glue.evidence)]
        proposals += [
            (" ".join(o), OTHER_SPLIT_CONFIDENCE, Applicability.SUGGEST, "another possible split")
            for o in glue.others
        ]
        message = f"'{token.text}' looks like glued words: '{replacement}'"
        severity = Severity.ERROR if glue.safe else None  # a sure glue is an error, else a warning
        yield Hit.replacing(token.span, token.text, message, proposals, severity)
    from repair.detectors.sentences.digits import digit_glues

    for number in digit_glues(document):
        kind = "a function word" if number.function_word else "a common word"
        tier = Applicability.SAFE if number.safe else Applicability.SUGGEST
        why = f"'{number.word}' is {kind} of the language, glued to a number"
        yield Hit.replacing(
            number.span,
            number.original,
            f"'{number.original}' looks like a word glued to a number: '{number.replacement}'",
            [(number.replacement, DIGIT_GLUE_CONFIDENCE if number.safe else GLUE_CONFIDENCE, tier, why)],
            Severity.ERROR if number.safe else None,
        )


def _gap_is_space(document: Document, left: Token, right: Token) -> bool:
    gap = document.text[left.end : right.start]
    return bool(gap) and not gap.strip(" \u00a0")


def _bare(word: str) -> str:
    """'qu'il' -> 'il' (French elision)."""
    return word.replace("’", "'").rsplit("'", 1)[-1].lower()


def _title_case_line(document: Document, token: Token) -> bool:
    line = document.line_at(token.start)
    titles = document.memo.setdefault("sentences:title-lines", {})
    assert isinstance(titles, dict)
    if line.start not in titles:
        titles[line.start] = _is_title_case(document, line)
    return bool(titles[line.start])


def _is_title_case(document: Document, line: Span) -> bool:
    tokens = document.tokens
    words = [
        tokens[i]
        for i in document.token_range(line.start, line.end)
        if len(tokens[i].text) > TITLE_WORD_LETTERS
    ]
    return bool(words) and sum(t.is_capitalised for t in words) > TITLE_SHARE * len(words)


def _spliced(document: Document, context: Context, i: int, cues: frozenset[str]) -> bool:
    tokens, lang = document.tokens, base_language(document.language)
    token = tokens[i]
    if i == 0 or i + 1 >= len(tokens) or not token.is_capitalised or len(token.text) < MIN_CLAUSE_LETTERS:
        return False
    if token.text.isupper() or not token.text[1:].islower():
        return False
    before, after = tokens[i - 1], tokens[i + 1]
    pronoun = token.text.lower() in SUBJECT_PRONOUNS.get(lang, "").split()
    if (_bare(before.text) not in cues and not pronoun) or not before.text.islower() or after.is_capitalised:
        return False
    if not (_gap_is_space(document, before, token) and _gap_is_space(document, token, after)):
        return False
    if zipf(token.text.lower(), lang) < COMMON or _in_known_name(document, context, i):
        return False
    if document.is_sentence_start(i) or _title_case_line(document, token):
        return False
    return not _capitalised_elsewhere(document, i)


def _in_known_name(document: Document, context: Context, i: int) -> bool:
    """The token is a dictionary name here: a one-word name, or a word of a longer name whose other
    words stand around it ('Said' of 'Port Said' only after 'Port'; 'The' of 'The Bronx' only
    before 'Bronx')."""
    tokens = document.tokens
    for ref, position in context.index.token_refs(tokens[i].text):
        start = i - position
        if start < 0 or start + len(ref.tokens) > len(tokens):
            continue
        here = [t.text.casefold() for t in tokens[start : start + len(ref.tokens)]]
        if here == [t.casefold() for t in ref.tokens]:
            return True
    return False


def _capitalised_elsewhere(document: Document, i: int) -> bool:
    """The document capitalises the word again mid-sentence: a name or title here (the Fed)."""
    return any(
        j != i and not document.is_sentence_start(j) for j in document.positions_of(document.tokens[i].text)
    )


@detector("SEN002", "spliced-clause", "sentence", "A second clause spliced into a sentence")
def spliced_clause(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: finds a capitalised common word in mid-sentence right after a word that
    announces a verb (would, will, il, ella...), or a capitalised subject pronoun after any
    lower-case word ("the plan was ready and He will sign"), followed by lower-case words: the
    start of a second sentence spliced into the first. Proper nouns (the White House, Quai d'Orsay,
    Acuerdos de Abraham), titles, words after a colon, quote or line start and languages that
    capitalise nouns are left alone.

    Why it matters: machine translation sometimes merges two source sentences and drops the
    rest of the first; the sentence no longer says what the source said.

    Example: "Trump said he would High new tariffs are imposed" (flag "High").

    Fix safety: display only; the missing words must come from the source or an editor.
    """
    lang = base_language(document.language)
    if lang not in CLAUSE_CUES:
        return
    cues = frozenset(CLAUSE_CUES[lang].split())
    for i, token in enumerate(document.tokens):
        if not _spliced(document, context, i, cues):
            continue
        before = document.tokens[i - 1].text
        why = (
            f"'{token.text}' (a common word, zipf {zipf(token.text.lower(), lang):.1f}, not a known "
            f"name) is capitalised after '{before}': a new clause starts mid-sentence"
        )
        message = f"a clause seems spliced in at '{token.text}'; check the sentence against the source"
        yield Hit.replacing(
            token.span, token.text, message, [(token.text, SPLICED_CONFIDENCE, Applicability.DISPLAY, why)]
        )


@detector("SEN003", "missing-sentence-space", "sentence", "A full stop doubled or not followed by a space")
def missing_sentence_space(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: finds sentence-final punctuation glued to the next sentence ("chain.The",
    "شد.رسانه‌های"), doubled full stops ("confiant..Le") and a comma or semicolon (Latin or
    Persian) glued to the next word ("said,the", "گفت،ما"; not in numbers, URLs or addresses);
    a comma typed twice ("himself,,"); a closing quote or bracket glued to the next word
    ("the “deal”was", "(in Paris)after": only when it closes a mark opened on its line, a
    bracket holds a word, and a straight quote is not an inch mark); a title's full stop glued
    to the name ("Sen.Chris", "Dr.Ford"). Abbreviations (U.S., M., Dr.,
    e.g.), decimals (3.0), ellipses, URLs, domains, file names, initials, /TASS/. datelines,
    French spacing, a plural after a quoted word ('"silent"s'), an optional prefix in
    parentheses ("(auto)indent") and code ("dict.Func", "[lnum,col]", "filler,context:8", quoted
    values, example blocks: `repair.detectors.sentences.code`) are left alone.

    Why it matters: the two sentences read as one word to spell checkers, search and
    text-to-speech, and the text looks careless.

    Example: "confiant..Le président" -> "confiant. Le président".

    Fix safety: safe: the repair only inserts a space or removes the extra full stop.
    """
    from repair.detectors.sentences.code import code_map
    from repair.detectors.sentences.punct import damaged_boundaries

    for boundary in damaged_boundaries(document.text):
        doubled = boundary.kind == "doubled"
        start, end = boundary.span.start, boundary.span.end
        if code_map(document).holds_mark(start, end):
            continue  # 'dict.Func', '[lnum,col]', ':[range]lua': code punctuates as it must
        shown = document.text[max(0, start - 12) : end + 12].replace("\n", " ")
        why = _boundary_reason(boundary)
        confidence = DOUBLED_CONFIDENCE if doubled else MISSING_SPACE_CONFIDENCE
        between_sentences = boundary.kind == "missing-space" or boundary.original.startswith("..")
        where = " between sentences" if between_sentences else " between words"
        option = (boundary.replacement, confidence, Applicability.SAFE, why + where)
        yield Hit.replacing(boundary.span, boundary.original, f"{why} in '{shown.strip()}'", [option])


def _boundary_reason(boundary: Boundary) -> str:
    """Why a boundary is damaged, in words."""
    if boundary.kind == "doubled":
        mark = boundary.original[:1]
        return "doubled full stop" if mark == "." else f"'{mark}' typed twice"
    if boundary.kind == "title-space":
        return "no space after the abbreviation's full stop"
    return f"no space after '{boundary.original}'"
