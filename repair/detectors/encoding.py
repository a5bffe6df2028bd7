"""ENC: mojibake and other encoding damage, found and repaired by ftfy."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from repair.context import Context
from repair.document import Document
from repair.model import Applicability, Hit, Severity, Span
from repair.registry import detector
from repair.resources.lexicon import zipf
from repair.resources.mojibake import fixer_config, screen

_WORD = re.compile(r"[^\W\d_]+")
KNOWN_ZIPF = 2.0  # a word this frequent in the document's language is an ordinary word of it
KNOWN_SHARE = 0.5  # a repair reads as the language when at least half its words are ordinary
# Confidence of a repair, by what ftfy did and what the result looks like (see `_assess`):
LOST_TEXT_CONFIDENCE = 0.5  # the repair inserts U+FFFD: something is lost, so display only
BADNESS_GONE_CONFIDENCE = 0.95  # ftfy's badness heuristic flags the original and not the repair
KNOWN_WORDS_CONFIDENCE = 0.9  # re-encoded, and the repaired words are ordinary words
UNKNOWN_WORDS_CONFIDENCE = 0.75  # re-encoded, but nothing confirms the repaired words
HTML_ENTITY_CONFIDENCE = 0.7  # only HTML entities unescaped: no sign of a wrong decoding
OTHER_REPAIR_CONFIDENCE = 0.8  # other repairs without a re-decode (C1 controls, terminal escapes)


def changed_regions(original: str, fixed: str) -> list[tuple[int, int, int, int]]:
    """Differing stretches of the two strings, widened to whole words and merged when they touch."""
    raw = [
        op[1:]
        for op in SequenceMatcher(None, original, fixed, autojunk=False).get_opcodes()
        if op[0] != "equal"
    ]
    out: list[tuple[int, int, int, int]] = []
    k = 0
    while k < len(raw):
        i1, i2, j1, j2 = raw[k]
        a = i1
        while a > 0 and not original[a - 1].isspace():
            a -= 1
        if out and a <= out[-1][1]:
            a, _, ja, _ = out.pop()
        else:
            ja = j1 - (i1 - a)
        b = i2
        while True:
            while b < len(original) and not original[b].isspace():
                b += 1
            if k + 1 < len(raw) and raw[k + 1][0] <= b:
                k += 1
                i2, j2 = raw[k][1], raw[k][3]
                b = max(b, i2)
                continue
            break
        out.append((a, b, ja, j2 + (b - i2)))
        k += 1
    return out


def _words_known(text: str, language: str) -> bool:
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    known = sum(zipf(w.lower(), language) >= KNOWN_ZIPF for w in words)
    return bool(words) and known >= KNOWN_SHARE * len(words)


def _assess(steps: list[tuple[str, str]], original: str, repaired: str, language: str) -> tuple[float, str]:
    actions = {a for a, _ in steps}
    if "\ufffd" in repaired and "\ufffd" not in original:
        return LOST_TEXT_CONFIDENCE, "display"
    if {"encode", "decode"} <= actions:
        from ftfy.badness import is_bad

        if is_bad(original) and not is_bad(repaired):
            return BADNESS_GONE_CONFIDENCE, "safe"
        if _words_known(repaired, language):
            return KNOWN_WORDS_CONFIDENCE, "safe"
        return UNKNOWN_WORDS_CONFIDENCE, "suggest"
    if actions == {"apply"} and all(p == "unescape_html" for _, p in steps):
        return HTML_ENTITY_CONFIDENCE, "suggest"
    return OTHER_REPAIR_CONFIDENCE, "suggest"


@detector(
    "ENC001",
    "mojibake",
    "encoding",
    "Text decoded with the wrong character encoding",
    severity=Severity.ERROR,
)
def mojibake(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: runs ftfy (fix_and_explain) over each line that its repairs could change
    (`resources/mojibake` screens the rest out, exactly, without importing ftfy), limited to encoding repairs
    (mojibake such as "dÃ©clarÃ©", inconsistent UTF-8, C1 controls, HTML entities), and reports
    each damaged stretch, widened to whole words, with ftfy's explanation as the rationale.
    Curly quotes, ligatures, full-width forms and Unicode normalisation are left alone.

    Why it matters: text that went through a wrong encoding once is unreadable ("rÃ©union" for
    "réunion", "â€™" for "’") and search, spelling and name checks all miss it.

    Example: "Le prÃ©sident a dÃ©clarÃ©" -> "Le président a déclaré".

    Fix safety: safe when ftfy re-encodes and decodes, and the damaged text shows ftfy's mojibake
    patterns while the repair does not (or the repaired words are ordinary words of the
    document's language); suggest otherwise (HTML entities included); display only when the
    repair would insert the replacement character.
    """
    text, language = document.text, document.language
    for line in document.lines:
        segment = text[line.start : line.end]
        if not segment.strip() or (segment.isascii() and "&" not in segment and "\x1b" not in segment):
            continue
        if not screen().may_change(segment):
            continue  # ftfy would return it unchanged, and is not imported for it
        from ftfy import fix_and_explain

        result = fix_and_explain(segment, config=fixer_config())
        if result.text == segment:
            continue
        steps = [(str(a), str(p)) for a, p in (result.explanation or [])]
        explained = ", ".join(f"{a} {p}" for a, p in steps) or "ftfy repair"
        for a, b, ja, jb in changed_regions(segment, result.text):
            original, repaired = segment[a:b], result.text[ja:jb]
            confidence, tier = _assess(steps, original, repaired, language)
            span = Span(line.start + a, line.start + b)
            why = f"ftfy: {explained}"
            message = f"'{original[:40]}' looks like mojibake for '{repaired[:40]}'"
            yield Hit.replacing(span, original, message, [(repaired, confidence, Applicability(tier), why)])
