"""BOI helpers: the deletion span of a residue line and the phrase lists (cases: cases/boilerplate.toml)."""

from __future__ import annotations

import re
from importlib.resources import files

from repair.detectors.boilerplate import deletion_span
from repair.model import Span
from repair.resources.phrases import LANGUAGES, phrase_book


def test_deletion_span() -> None:
    text = "A.\n\nAd\n\n\nB.\nC\nD."
    assert deletion_span(text, Span(4, 6)) == Span(4, 9)
    assert deletion_span(text, Span(12, 13)) == Span(12, 14)
    assert deletion_span(text, Span(14, 16)) == Span(14, 16)


def test_phrase_lists_are_valid() -> None:
    folder = files("repair.dictionaries") / "phrases"
    for language in LANGUAGES:
        text = (folder / f"{language}.txt").read_text(encoding="utf-8")
        assert "licence" in "\n".join(text.splitlines()[:3])
        for line in text.splitlines():
            if line.startswith("re:"):
                re.compile(line[3:].strip())
    book = phrase_book()
    assert book.match("LOAD MORE") and book.match("► Load more") and not book.match("Load the truck")
