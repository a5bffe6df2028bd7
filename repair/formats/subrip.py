"""SubRip (.srt): the text lines of each cue are a segment; the cue number, the timing line and
the formatting tags (`<i>`, `<font ...>`, `{\\an8}`) are never touched, so a cue keeps its timing.

The srt library checks the file is a valid SubRip file; a scanner over the raw text gives each
cue's exact offsets.
"""

from __future__ import annotations

import re

from repair.errors import UserError
from repair.formats.layout import Layout, Segment, masked_view, refused

_CUE = re.compile(
    r"^[ \t]*(?P<number>\d+)[ \t]*\r?\n[^\n]*-->[^\n]*\n(?P<body>(?:[^\n]*[^\s][^\n]*(?:\n|\Z))*)", re.M
)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|\{\\[^{}]*\}")


def validate(text: str, path: str) -> int:
    """How many cues the srt library reads in the text: the library's check that it is a SubRip
    file (a UserError when not), made once per text; `parse` holds its own cues to that count."""
    import srt

    try:
        return sum(1 for _ in srt.parse(text))
    except (srt.SRTParseError, ValueError) as exc:
        raise refused(path, "a valid SubRip file", exc) from None


def parse(text: str, path: str) -> Layout:
    """The layout of a SubRip file."""
    count = validate(text, path)
    segments = []
    for cue in _CUE.finditer(text):
        start, end = cue.start("body"), cue.end("body")
        end = start + len(text[start:end].rstrip())
        if end <= start:
            continue
        masks = [(m.start(), m.end(), "") for m in _TAG.finditer(text, start, end)]
        segments.append(Segment(start, end, masked_view(text, start, end, masks), unit=cue.group("number")))
    if len(segments) > count:
        raise UserError(f"{path}: not a valid SubRip file (its cues could not be told apart)")
    return Layout("srt", text, tuple(segments), units=True)
