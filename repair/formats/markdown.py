"""Markdown (CommonMark with tables and front matter): the inline text of headings, paragraphs,
list items, block quotes and table cells is checked, image alt text included; front matter,
fenced and indented code, HTML blocks, reference definitions, inline code, link and image
targets, autolinks, bare URLs, inline HTML and emphasis markers are never shown to the detectors.

markdown-it-py finds the blocks (each inline token's line range); a scanner over those lines
locates the inline text and masks the inline syntax.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from repair.formats.layout import Layout, Segment, gap_masks, line_starts, masked_view, reference_shown

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_INLINE_MARKUP = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?P=ticks))"
    r"|(?P<autolink><(?:[a-zA-Z][\w+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>)"
    r"|(?P<tag></?[a-zA-Z][^<>]*>|<!--.*?-->)"
    r"|(?P<target>\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\]\[[^\]]*\])"
    r"|(?P<url>(?:https?://|www\.)[^\s<>()]*[^\s<>().,;:!?'\"])"
    r"|(?P<open>!?\[)"
    r"|(?P<emphasis>\*+|~~|(?<!\w)_+|_+(?!\w))"
    r"|(?P<entity>&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]\w*);)"
    r"|(?P<escape>\\(?=[!-/:-@\[-`{-~]|$))"
)


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    # the block structure is all that is needed (inline syntax is masked by _INLINE_MARKUP), so
    # the inline pass, the costliest, is not run
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin).disable("inline")


def _masks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The inline syntax in text[start:end]: (start, end, what it shows) for each piece."""
    masks = []
    for m in _INLINE_MARKUP.finditer(text, start, end):
        shown = reference_shown(m.group()) if m.lastgroup == "entity" else ""
        masks.append((m.start(), m.end(), shown))
    return masks


def parse(text: str, path: str) -> Layout:
    """The layout of a Markdown file."""
    starts = line_starts(text)
    cursor: dict[int, int] = {}  # per line: where the next inline text may begin (table rows hold several)
    segments = []
    for token in _parser().parse(text):
        if token.type != "inline" or token.map is None or not token.content.strip():
            continue
        pieces: list[tuple[int, int]] = []
        for i, content in enumerate(token.content.split("\n")):
            number = token.map[0] + i
            if number >= len(starts):
                break
            line_start = starts[number]
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            content = content.strip()
            if not content:
                continue
            found = text.find(content, cursor.get(number, line_start), line_end)
            if found < 0:
                continue  # a line markdown-it rewrote (tabs): left as it is
            pieces.append((found, found + len(content)))
            cursor[number] = found + len(content)
        if not pieces:
            continue
        start, end = pieces[0][0], pieces[-1][1]
        masks = gap_masks(pieces)
        for a, b in pieces:
            masks += _masks(text, a, b)
        view = masked_view(text, start, end, masks)
        if view.strip():
            segments.append(Segment(start, end, view))
    return Layout("markdown", text, tuple(segments), units=False)
