"""Right-to-left display for terminals that do not reorder text themselves.

Textual (like most terminals: xterm, tmux, kitty, Windows Terminal) draws characters in the
order it is given, so Persian comes out left-to-right. For display the review reorders each
screen row visually with a subset of the Unicode Bidirectional Algorithm (UAX #9): strong
types, numbers, neutrals resolved from their neighbours, mirrored brackets, trailing spaces
at the paragraph level; no explicit embeddings or isolates (news text has none).

python-bidi was considered: its `get_display` returns only the reordered string, while the
review needs the permutation (which logical offset lands in which cell) to keep highlights
on the right words. Terminals that do reorder (VTE/GNOME Terminal, Konsole, mlterm) must get
the logical order instead: `mt-repair review --bidi logical`, or the `b` key. Either way a
right-to-left line is right-aligned. Arabic letters are not shaped here; terminals that shape
(VTE, kitty, WezTerm) do so.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

MIRRORED = {
    "(": ")",
    ")": "(",
    "[": "]",
    "]": "[",
    "{": "}",
    "}": "{",
    "<": ">",
    ">": "<",
    "«": "»",
    "»": "«",
}
VISUAL, LOGICAL = "visual", "logical"
MODES = (VISUAL, LOGICAL)


@lru_cache(maxsize=4096)
def bidi_class(char: str) -> str:
    """L (left-to-right), R (right-to-left), N (number), S (space), O (other neutral), X (follows)."""
    kind = unicodedata.bidirectional(char)
    if kind == "L":
        return "L"
    if kind in ("R", "AL"):
        return "R"
    if kind in ("EN", "AN"):
        return "N"
    if kind == "WS":
        return "S"
    if kind in ("NSM", "BN"):  # combining marks, ZWNJ: take the type of what precedes
        return "X"
    return "O"


def is_rtl(text: str) -> bool:
    """True when the first strong character of the text is right-to-left (UAX #9 rule P2)."""
    for char in text:
        kind = bidi_class(char)
        if kind in ("L", "R"):
            return kind == "R"
    return False


def _resolved(text: str, rtl: bool) -> list[str]:
    """Each character resolved to L or R (numbers: N), following neighbours for neutrals."""
    base = "R" if rtl else "L"
    kinds: list[str] = []
    for char in text:
        kind = bidi_class(char)
        kinds.append(kinds[-1] if kind == "X" and kinds else ("O" if kind == "X" else kind))
    strong = base
    for k, kind in enumerate(kinds):  # W7: a number after left-to-right text is left-to-right
        if kind in ("L", "R"):
            strong = kind
        elif kind == "N" and strong == "L":
            kinds[k] = "L"
    out = list(kinds)
    i = 0
    while i < len(kinds):
        if kinds[i] not in ("S", "O"):
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] in ("S", "O"):
            j += 1
        before = next((k for k in reversed(kinds[:i]) if k in ("L", "R", "N")), base)
        after = next((k for k in kinds[j:] if k in ("L", "R", "N")), base)
        before, after = ("R" if k == "N" else k for k in (before, after))
        side = before if before == after else base
        out[i:j] = [side] * (j - i)
        i = j
    return out


def levels(text: str, rtl: bool) -> list[int]:
    """Embedding level of each character (0/2: left-to-right, 1: right-to-left)."""
    resolved = _resolved(text, rtl)
    result = []
    for kind in resolved:
        if kind == "N":
            result.append(2 if rtl else 0)
        elif rtl:
            result.append(2 if kind == "L" else 1)
        else:
            result.append(1 if kind == "R" else 0)
    end = len(text)  # rule L1: trailing whitespace goes back to the paragraph level
    while end and text[end - 1].isspace():
        end -= 1
        result[end] = 1 if rtl else 0
    return result


def _clusters(text: str) -> list[list[int]]:
    """Indices grouped as a base character followed by its combining marks."""
    groups: list[list[int]] = []
    for i, char in enumerate(text):
        if groups and unicodedata.category(char) in ("Mn", "Me"):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def visual_order(text: str, rtl: bool) -> list[int]:
    """Logical indices of `text` in display order, left to right (rule L2).

    Combining marks stay after their base character, as terminals expect.
    """
    lv = levels(text, rtl)
    clusters = _clusters(text)
    order = list(range(len(clusters)))
    lowest_odd = min((v for v in lv if v % 2), default=None)
    if lowest_odd is not None:
        level_of = [lv[c[0]] for c in clusters]
        for level in range(max(lv), lowest_odd - 1, -1):
            i = 0
            while i < len(order):
                if level_of[order[i]] < level:
                    i += 1
                    continue
                j = i
                while j < len(order) and level_of[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
    return [i for c in order for i in clusters[c]]


def display(text: str, rtl: bool | None = None) -> str:
    """The text as it should appear on a terminal that does not reorder (brackets mirrored)."""
    rtl = is_rtl(text) if rtl is None else rtl
    lv = levels(text, rtl)
    return "".join(MIRRORED.get(text[i], text[i]) if lv[i] % 2 else text[i] for i in visual_order(text, rtl))


def for_display(text: str, mode: str, *, rtl: bool | None = None) -> str:
    """A short text as it should be drawn in this bidi mode.

    `rtl`: the base direction (None: from the first strong character, for document words;
    False for interface sentences that quote right-to-left words).
    """
    return display(text, rtl) if mode == VISUAL and has_rtl(text) else text


def has_rtl(text: str) -> bool:
    """True when some character of the text is written right to left."""
    return any(bidi_class(c) == "R" for c in text)
