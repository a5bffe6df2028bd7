"""BOI concept rules: when a short unit is an MT disclaimer or a line of interface residue.

Both rules read which concept classes (dictionaries/concepts/*.txt) co-occur in the unit and
how they sit, never whole sentences: a disclaimer says *this text* was *translated* *by a
machine / automatically / with AI*; a residue line is made only of interface vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from repair.resources.concepts import IMPLIES, Hits, Token, lexicons, more_words_than, tokenize

DISCLAIMER_MAX_TOKENS = 40  # a disclaimer is a sentence or two; a longer unit is article text
LABEL_MAX_TOKENS = 7  # a bare label ("Machine translation", "Traduit par IA") is this short
PARTICIPLE_LABEL_MAX = 14  # "Translated from Ukrainian with the help of AI" runs longer
LABEL_START = 2  # a label's translation word comes within this many tokens of its start
DEIXIS_WINDOW = 3  # "this [automatically translated] text": the noun this close after "this"
OF_WORDS = frozenset(
    {"of", "de", "du", "des", "del", "di", "da", "do", "dos", "das", "von", "der"}
)  # genitive links
SUBJECT_START = 3  # "The article was translated ...": the text noun opens the unit
UI_MAX_TOKENS = 10  # interface lines ("Share this article", "Follow us on Telegram") are short
UI_MIN_TOKENS = 2  # one-word lines are left to the phrase lists (strong and weak phrases)
PROMO_NAME_TOKENS = 5  # "Il Sole 24 Ore", "The Times of India": an outlet's name in a channel promo
CREDIT_REST_TOKENS = 6  # "Photo: AFP / John Smith": the name part after the label is this short
MEANS = frozenset({"auto", "machine", "ai"})  # how the text was translated
HEDGES = frozenset({"error", "original", "prevail"})  # "may contain errors", "the original prevails"
NOTICE_PARTS = MEANS | HEDGES | {"translate", "notice", "self", "text"}  # what each notice sentence holds
UI_CLASSES = frozenset({"action", "object", "nav", "platform", "glue", "this", "self", "text"})
# The concepts whose terms put "translate" into a language's hits (its own and those implying it)
TRANSLATION = frozenset({"translate", *(k for k, v in IMPLIES.items() if v == "translate")})
_REPORTED = re.compile(r"[\d%\"“”„«»‹›「」『』]")  # figures and quotations: reported news, not a notice
_QUESTION = re.compile(r"[?؟？]\W*$")  # a question is a headline, not a notice
_LABEL_END = re.compile(r"[:;|.,()\[\]–—。：；，!؛،]|\s-\s")  # where a label ("Machine translation:") ends
_CREDIT_MARK = re.compile(r"\s*[:：/|]")  # "Photo:", "Foto /", "Editor |"
_SENTENCE_SPLIT = re.compile(r"[.!?。！？]+\s*(?=\S)")
_SENTENCE_END = re.compile(r"[.?؟。？]\W*$")


PUBLISHER, LABEL = "speaks as the publisher", "is a label"


@dataclass(frozen=True, slots=True)
class Verdict:
    """A unit's concept evidence: its language, what makes it self-referential, a hedge."""

    language: str
    reasons: tuple[str, ...]
    hedge: bool

    @property
    def label_only(self) -> bool:
        """A bare label ("Machine translation"), unhedged: a notice at the edge, maybe a heading inside."""
        return self.reasons == (LABEL,) and not self.hedge

    def describe(self) -> str:
        what = ", ".join(self.reasons) if self.reasons else "no self-reference"
        return f"says it was machine-translated ({self.language}: {what}{', hedged' if self.hedge else ''})"


def _starts(hits: Hits, concept: str) -> list[int]:
    return [start for start, _ in hits.get(concept, ())]


def _self_reference(text: str, tokens: list[Token], hits: Hits) -> list[str]:
    """What makes the unit speak about itself (this text, we, a label, a notice)."""
    reasons = []
    texts = hits.get("text", [])
    for start, end in hits.get("this", ()):
        if any(end <= s < end + DEIXIS_WINDOW or e == start for s, e in texts):
            reasons.append("names this text")
            break
    if 0 in _starts(hits, "the") and any(
        s < SUBJECT_START and _names_this_text(tokens, hits, e) for s, e in texts
    ):
        reasons.append("the text is the subject")
    if "self" in hits:
        reasons.append(PUBLISHER)
    if 0 in _starts(hits, "notice"):
        reasons.append("opens as a notice")
    if _label(text, tokens, hits):
        reasons.append(LABEL)
    return reasons


def _names_this_text(tokens: list[Token], hits: Hits, end: int) -> bool:
    """False when the text noun ending at token `end` is another thing's ("The new version of
    macOS translates web pages"): after "of"/"de", this text or a text noun must follow within
    two tokens ("The English version of this article was machine-translated")."""
    if end >= len(tokens) or tokens[end].low not in OF_WORDS:
        return True
    return any(s in (end + 1, end + 2) for concept in ("this", "text") for s in _starts(hits, concept))


def _label(text: str, tokens: list[Token], hits: Hits) -> bool:
    """A short opening segment led by the translation words: "Translated by AI", "Traducción automática"."""
    cut = _LABEL_END.search(text)
    end = cut.start() if cut else len(text)
    segment = [i for i, t in enumerate(tokens) if t.end <= end]
    if not segment or len(segment) > PARTICIPLE_LABEL_MAX:
        return False
    leads = [s for c in ("translate", *MEANS) for s in _starts(hits, c)]
    if not leads or min(leads) >= LABEL_START:
        return False
    if any(s < LABEL_START for s in _starts(hits, "translated")):
        return True
    if len(segment) > LABEL_MAX_TOKENS:
        return False
    covered = {i for spans in hits.values() for s, e in spans for i in range(s, e)}
    return all(i in covered for i in segment)


def _all_notice(text: str, tokens: list[Token], hits: Hits) -> bool:
    """Every sentence of the unit speaks of the translation ("Translated by AI. May contain errors.")."""
    marked = {s for c in NOTICE_PARTS for s, _ in hits.get(c, ())}
    ends = [m.end() for m in _SENTENCE_SPLIT.finditer(text)] + [len(text)]
    start = 0
    for end in ends:
        inside = [i for i, t in enumerate(tokens) if start <= t.start < end]
        if inside and not marked & set(inside):
            return False
        start = end
    return True


def disclaimer_verdict(text: str) -> Verdict | None:
    """The evidence that `text` (a line or a sentence) is a machine-translation notice, if any."""
    if _REPORTED.search(text) or _QUESTION.search(text):
        return None
    if more_words_than(text, DISCLAIMER_MAX_TOKENS) or not lexicons().could_hit(text, TRANSLATION):
        return None  # too long, or no translation word: no language's hits can hold "translate"
    tokens = tokenize(text, limit=DISCLAIMER_MAX_TOKENS)
    if not tokens or len(tokens) > DISCLAIMER_MAX_TOKENS:
        return None
    best: Verdict | None = None
    found = lexicons().hits(tokens)
    if any("report" in hits for hits in found.values()):
        return None  # reporting words in any language: a news sentence about translation
    for language, hits in found.items():
        if "translate" not in hits or not MEANS & hits.keys() or not _all_notice(text, tokens, hits):
            continue
        reasons = tuple(_self_reference(text, tokens, hits))
        hedge = bool(HEDGES & hits.keys())
        if reasons == (PUBLISHER,) and not hedge:
            reasons = ()  # "Our reporters used machine translation to read the files": newsroom story
        if (reasons or hedge) and (best is None or len(reasons) > len(best.reasons)):
            best = Verdict(language, reasons, hedge)
    return best


def interface_line(text: str) -> tuple[str, str] | None:
    """(language, why) when a short line is made only of interface vocabulary or is a credit line."""
    stripped = text.strip()
    if more_words_than(stripped, UI_MAX_TOKENS + CREDIT_REST_TOKENS):
        return None  # a paragraph: too many tokens, known without building them
    tokens = tokenize(stripped, limit=UI_MAX_TOKENS + CREDIT_REST_TOKENS)
    if not UI_MIN_TOKENS <= len(tokens) <= UI_MAX_TOKENS + CREDIT_REST_TOKENS:
        return None
    if _SENTENCE_END.search(stripped):
        return None
    for language, hits in lexicons().hits(tokens).items():
        credit = _credit(stripped, tokens, hits)
        if credit:
            return language, credit
        if len(tokens) > UI_MAX_TOKENS:
            continue
        covered = {i for c in UI_CLASSES for s, e in hits.get(c, ()) for i in range(s, e)}
        covered |= {i for i, t in enumerate(tokens) if t.low.isdigit()}  # counts: "Comments (12)"
        channel = "platform" in hits and ("object" in hits or "self" in hits)  # "Our Telegram channel"
        anchored = "action" in hits or "nav" in hits or channel  # a bare list of apps may be a heading
        if anchored and all(i in covered for i in range(len(tokens))):
            kinds = sorted(c for c in ("action", "nav", "platform", "object") if c in hits)
            return language, "interface words only (" + ", ".join(kinds) + ")"
        if _channel_promo(tokens, hits, covered):
            return language, "interface words and the outlet's name (action, platform)"
    return None


def _channel_promo(tokens: list[Token], hits: Hits, covered: set[int]) -> bool:
    """'Segui Il Sole 24 Ore su WhatsApp', 'Follow The Hindu on Telegram': an action opens the
    line, a platform closes it, and what the lexicon does not cover between them is one short
    run of capitalised words (the outlet) with its glue and figures."""
    if not {"action", "platform"} <= hits.keys() or 0 not in _starts(hits, "action"):
        return False
    if max(e for _, e in hits["platform"]) != len(tokens):
        return False
    uncovered = [i for i in range(len(tokens)) if i not in covered]
    if not uncovered or uncovered[-1] - uncovered[0] >= PROMO_NAME_TOKENS:
        return False
    return all(tokens[i].raw[:1].isupper() for i in uncovered)


def _credit(text: str, tokens: list[Token], hits: Hits) -> str | None:
    """ "credit" or "source" for "Photo: NAME", "Source: AGENCY", "Photo by NAME" (capitalised)."""
    by = {s for s, _ in hits.get("by", ())}
    for concept in ("credit", "source"):
        for start, end in hits.get(concept, ()):
            rest = tokens[end:]
            if start != 0 or not 0 < len(rest) <= CREDIT_REST_TOKENS:
                continue
            glue = {i for s, e in hits.get("glue", ()) for i in range(s, e)}
            if _CREDIT_MARK.match(text, tokens[end - 1].end) and _names(rest, end, glue):
                return concept
            if end in by and _names(rest[1:], end + 1, glue, single=False):
                return concept
            if any(e == end for _, e in hits.get("by", ())) and _names(rest, end, glue, single=False):
                return concept  # the label holds its 'by': "Edited by NAME", "Édité par NAME"
    return None


def _names(rest: list[Token], first: int, glue: set[int], single: bool = True) -> bool:
    """Name-like: one word ("dpa") after a colon, or capitalised or caseless words and glue."""
    if single and len(rest) == 1:
        return True
    caseless = [t.raw.lower() == t.raw.upper() for t in rest]
    shaped = zip(rest, caseless, strict=True)
    return bool(rest) and all(
        t.raw[:1].isupper() or c or first + n in glue for n, (t, c) in enumerate(shaped)
    )
