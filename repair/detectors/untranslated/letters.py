"""How many letters of each script a document holds, counted once per document for UNT002 and
UNT003: the characters are counted first (in C), then each distinct character's script looked up
once, instead of one lookup per character."""

from __future__ import annotations

from collections import Counter

from repair.document import Document
from repair.scripts import SCRIPT_SAMPLE, script_of

MEMO_KEY = "untranslated:script-counts"


def script_counts(text: str) -> Counter[str]:
    """`repair.scripts.script_counts(text)`, the same counts in the same order: a script enters
    the counter at its first letter, as there (the characters are met in text order)."""
    counts: Counter[str] = Counter()
    for char, number in Counter(text[: SCRIPT_SAMPLE * 2]).items():
        script = script_of(char)
        if script is not None:
            counts[script] += number
    return counts


def document_script_counts(document: Document) -> Counter[str]:
    """`script_counts` of the document's text (computed once per document)."""
    cached = document.memo.get(MEMO_KEY)
    if cached is None:
        cached = document.memo[MEMO_KEY] = script_counts(document.text)
    assert isinstance(cached, Counter)
    return cached


def main_script(document: Document) -> str | None:
    """`repair.scripts.main_script(document.text)`, from the document's counts."""
    counts = document_script_counts(document)
    return counts.most_common(1)[0][0] if counts else None
