"""HTML: the text of each block (its text nodes, with inline elements such as `<a>`, `<b>`,
`<span>` as markup between them) and the `alt` and `title` attributes are segments; the
content of `<script>`, `<style>`, `<code>`, `<pre>`, `<textarea>`, comments, tags and character
references are never shown to the detectors.

The standard library's html.parser reports each piece with its position.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from repair.formats.layout import Layout, Segment, gap_masks, line_starts, masked_view, reference_shown

INLINE_ELEMENTS = frozenset(
    "a abbr b bdi bdo big cite data dfn em font i ins mark q s small span strong sub sup time u wbr br del"
    " code kbd samp tt var".split()
)  # inside running text: a block's text goes on across them
RAW_ELEMENTS = frozenset(
    "script style code kbd samp tt var pre textarea template svg math".split()
)  # their content is code or markup, never prose to check
CHECKED_ATTRIBUTES = ("alt", "title")
_ATTRIBUTE = re.compile(r"""\s([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_REFERENCE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]\w*);?")


def escape(text: str) -> str:
    """Text as HTML character data (safe inside a quoted attribute too)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _reference_masks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), reference_shown(m.group())) for m in _REFERENCE.finditer(text, start, end)]


class _Scanner(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = line_starts(text)
        self.segments: list[Segment] = []
        self.raw_depth = 0
        self.run: list[tuple[int, int]] = []  # the text pieces of the current block

    def _at(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def flush(self) -> None:
        pieces = [(a, b) for a, b in self.run if self.text[a:b].strip()]
        self.run = []
        if not pieces:
            return
        start, end = pieces[0][0], pieces[-1][1]
        masks = gap_masks(pieces)
        masks += _reference_masks(self.text, start, end)
        view = masked_view(self.text, start, end, masks)
        if view.strip():
            self.segments.append(Segment(start, end, view))

    def _tag(self, tag: str, opening: bool, empty: bool = False) -> None:
        start = self._at()
        if tag not in INLINE_ELEMENTS:
            self.flush()
        if tag in RAW_ELEMENTS and not empty:
            self.raw_depth = max(0, self.raw_depth + (1 if opening else -1))
        raw = self.get_starttag_text() if opening else None
        if raw and not self.raw_depth:
            for m in _ATTRIBUTE.finditer(raw):
                group = 2 if m.group(2) is not None else 3 if m.group(3) is not None else 4
                if m.group(1).lower() in CHECKED_ATTRIBUTES and m.group(group).strip():
                    a = start + m.start(group)
                    b = a + len(m.group(group))
                    view = masked_view(self.text, a, b, _reference_masks(self.text, a, b))
                    if view.strip():
                        self.segments.append(Segment(a, b, view))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, True)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, True, empty=True)

    def handle_endtag(self, tag: str) -> None:
        self._tag(tag, False)

    def _text(self, length: int) -> None:
        if not self.raw_depth:
            start = self._at()
            self.run.append((start, start + length))

    def handle_data(self, data: str) -> None:
        self._text(len(data))

    def handle_entityref(self, name: str) -> None:
        end = self.text.find(";", self._at(), self._at() + len(name) + 2)
        self._text(len(name) + 1 + (1 if end >= 0 else 0))

    def handle_charref(self, name: str) -> None:
        end = self.text.find(";", self._at(), self._at() + len(name) + 3)
        self._text(len(name) + 2 + (1 if end >= 0 else 0))

    def handle_comment(self, data: str) -> None:
        pass  # a comment inside running text is markup between its pieces


def parse(text: str, path: str) -> Layout:
    """The layout of an HTML file."""
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    scanner.flush()
    segments = sorted(scanner.segments, key=lambda s: s.start)
    return Layout("html", text, tuple(segments), units=False, escape=escape)
