"""Terminal presentation: whether to colour (`--color`, NO_COLOR), styling through rich (imported
only when colour is on), source snippets with carets, and word-level highlighting of a diff."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Callable
from typing import TextIO

COLOR_CHOICES = ("auto", "always", "never")
SNIPPET_WIDTH = 100  # terminal cells of source shown per finding; a longer line is cut around the span
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")  # words, runs of spaces, single marks: what a word diff compares

Paint = Callable[[str, str], str]  # (text, rich style) -> text with ANSI codes, or unchanged


def use_colour(choice: str, stream: TextIO) -> bool:
    """`always`, `never`, or (auto) colour when `stream` is a terminal and NO_COLOR is not set
    (https://no-color.org: any non-empty value) and TERM is not "dumb"."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def painter(enabled: bool) -> Paint:
    """A function styling text with a rich style name (identity when colour is off)."""
    if not enabled:
        return lambda text, style: text
    from rich.color import ColorSystem
    from rich.style import Style

    styles: dict[str, Style] = {}

    def paint(text: str, style: str) -> str:
        if not text or not style:
            return text
        parsed = styles.get(style) or styles.setdefault(style, Style.parse(style))
        return parsed.render(text, color_system=ColorSystem.STANDARD)

    return paint


def cell_width(text: str) -> int:
    """Terminal cells of `text`: wide (CJK) characters take two, marks and format characters none."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _visible(text: str) -> str:
    """A source line as shown: tabs and other control characters become one space each."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)


def snippet(text: str, start: int, end: int, line: int, paint: Paint) -> list[str]:
    """The finding's source line with carets under its span (ruff's and rustc's layout).

    A span that runs past its line is marked to the end of the line, followed by "…"; a line
    longer than SNIPPET_WIDTH characters is cut around the span (cuts marked with "…").
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    source = text[line_start : len(text) if line_end < 0 else line_end].rstrip("\r")
    first, last = start - line_start, min(end - line_start, len(source))
    more = end - line_start > len(source)
    window = max(0, first - SNIPPET_WIDTH // 4) if len(source) > SNIPPET_WIDTH else 0
    stop = window + SNIPPET_WIDTH
    lead = "…" if window else ""
    head = lead + _visible(source[window:first])
    shown = head + _visible(source[first:stop]) + ("…" if stop < len(source) else "")
    marked = _visible(source[first : min(last, stop)])
    gutter = " " * len(str(line))
    carets = "^" * max(1, cell_width(marked)) + ("…" if more or last > stop else "")
    return [
        paint(f"{gutter} |", "blue"),
        paint(f"{line} | ", "blue") + shown,
        paint(f"{gutter} | ", "blue") + " " * cell_width(head) + paint(carets, "bold red"),
    ]


def _segments(tokens: list[str], other: list[str], style: str, changed: str) -> list[tuple[str, str]]:
    """(text, style) runs of `tokens`: `changed` where they differ from `other`, else `style`."""
    matcher = difflib.SequenceMatcher(None, tokens, other, autojunk=False)
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        piece = "".join(tokens[i1:i2])
        if piece:
            runs.append((piece, style if tag == "equal" else changed))
    return runs


def _lines(runs: list[tuple[str, str]], mark: str, style: str, paint: Paint) -> list[str]:
    """Diff lines (`mark` + text) from styled runs, each run split at its line ends."""
    lines: list[str] = []
    current = paint(mark, style)
    for piece, piece_style in runs:
        parts = piece.split("\n")
        for n, part in enumerate(parts):
            if n:
                lines.append(current + "\n")
                current = paint(mark, style)
            current += paint(part, piece_style)
    if current != paint(mark, style):  # a last line without its newline (end of file)
        lines.append(current + "\n")
    return lines


def highlight_diff(diff: str, paint: Paint) -> str:
    """A unified diff coloured for a terminal: removed lines red, added green, and within a block
    of changed lines the words that changed in reverse video, so a one-word change stands out in
    a long paragraph. The text of every line is unchanged (only ANSI codes are added)."""
    lines = diff.splitlines(keepends=True)
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(("--- ", "+++ ")):
            out.append(paint(line.rstrip("\n"), "bold") + "\n")
            i += 1
        elif line.startswith("@@"):
            out.append(paint(line.rstrip("\n"), "cyan") + "\n")
            i += 1
        elif line.startswith("-"):
            j = i
            while j < len(lines) and lines[j].startswith(("-", "\\")):  # "\ No newline at end of file"
                j += 1
            k = j
            while k < len(lines) and lines[k].startswith(("+", "\\")):
                k += 1
            removed, added = lines[i:j], lines[j:k]
            old = "".join(x[1:] for x in removed if x[0] == "-")
            new = "".join(x[1:] for x in added if x[0] == "+")
            old_tokens, new_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
            out += _lines(_segments(old_tokens, new_tokens, "red", "bold reverse red"), "-", "red", paint)
            out += [x for x in removed if x[0] == "\\"]
            out += _lines(
                _segments(new_tokens, old_tokens, "green", "bold reverse green"), "+", "green", paint
            )
            out += [x for x in added if x[0] == "\\"]
            i = k
        elif line.startswith("+"):
            out.append(paint(line.rstrip("\n"), "green") + "\n")
            i += 1
        else:
            out.append(line)
            i += 1
    return "".join(out)
