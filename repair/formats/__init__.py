"""Input formats: which format a file is in, and its layout (segments and the detectors' view).

Plain text has no layout: detectors see the file text itself, exactly as before formats existed.
Every other format parses the decoded text into a `Layout` (see `repair.formats.layout`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from repair.formats.layout import Layout, Segment

if TYPE_CHECKING:
    from repair.document import Document

__all__ = ["FORMAT_NAMES", "SUFFIXES", "Layout", "Segment", "format_of", "layout_of", "parse_layout"]

SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".rst": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".po": "po",
    ".pot": "po",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".srt": "srt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
FORMAT_NAMES = ("text", "markdown", "po", "xliff", "srt", "html")
SNIFF_CHARS = 4096  # a file's kind shows in its first lines; reading further would cost time on big files
_SNIFFS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("xliff", re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<xliff\b", re.S)),
    ("html", re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.S | re.I)),
    ("srt", re.compile(r"\A\s*\d+[ \t]*\r?\n\d\d:\d\d:\d\d[,.]\d{3}[ \t]+-->[ \t]+\d\d:\d\d:\d\d[,.]\d{3}")),
    ("po", re.compile(r'^msgid[ \t]+"(?:.|\n)*?^msgstr(?:\[0\])?[ \t]+"', re.M)),
)


def format_of(path: str, text: str, forced: str | None = None) -> str:
    """The format of a file: `forced` (--format-in), else its extension, else its content
    (stdin and unknown extensions: XLIFF, HTML, SRT or PO when it plainly is one, else text)."""
    if forced and forced != "auto":
        return forced
    known = SUFFIXES.get(Path(path).suffix.lower()) if path not in ("-", "<stdin>") else None
    if known:
        return known
    head = text[:SNIFF_CHARS]
    return next((name for name, pattern in _SNIFFS if pattern.search(head)), "text")


MODULES = {"po": "po", "xliff": "xliff", "srt": "subrip", "markdown": "markdown", "html": "html"}


def _parser(name: str) -> Callable[[str, str], Layout]:
    """The `parse(text, path)` of a format, imported on first use (plain text needs none)."""
    import importlib

    parse: Callable[[str, str], Layout] = importlib.import_module(f"repair.formats.{MODULES[name]}").parse
    return parse


def parse_layout(text: str, path: str, forced: str | None = None) -> Layout | None:
    """The layout of a file's text (None for plain text); a malformed file is a UserError."""
    name = format_of(path, text, forced)
    return None if name == "text" else _parser(name)(text, path)


def layout_of(document: Document) -> Layout | None:
    """The layout a document was made from (None: plain text)."""
    layout = document.memo.get("layout")
    return layout if isinstance(layout, Layout) else None
