"""gettext PO/POT: each non-empty `msgstr` (and `msgstr[n]`) of a live entry is a segment; the
header entry, obsolete (`#~`) entries, comments and keywords are never touched.

polib parses the file (a malformed file is refused, the header gives the language); a small
scanner over the raw lines gives each string's exact offsets, since polib keeps none.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from repair.errors import UserError
from repair.formats.layout import Layout, Segment, gap_masks, masked_view, placeholder_masks, refused

if TYPE_CHECKING:
    from polib import POFile

_KEYWORD = re.compile(r'[ \t]*(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]*(?=")')
_STRING = re.compile(r'[ \t]*"((?:[^"\\\n]|\\.)*)"[ \t]*\r?$')
_ESCAPE = re.compile(r"\\(.)")
# A \n inside a message is not a line of the file: the view shows it as a space
_SHOWN = {"n": " ", "t": " ", "r": " ", '"': '"', "\\": "\\"}
_DECODED = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def escape(text: str) -> str:
    """Text as the inside of a PO string literal."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def _decode(literal: str) -> str:
    return _ESCAPE.sub(lambda m: _DECODED.get(m.group(1), m.group(1)), literal)


class _Field:
    """One keyword's string literals: (content start, content end) offsets in the file."""

    def __init__(self, keyword: str) -> None:
        self.keyword = keyword
        self.parts: list[tuple[int, int]] = []

    def value(self, text: str) -> str:
        return "".join(_decode(text[a:b]) for a, b in self.parts)


def _entries(text: str, path: str) -> list[list[_Field]]:
    """The live entries of the file, each as its fields in order."""
    entries: list[list[_Field]] = []
    current: list[_Field] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue  # comments, flags, obsolete (#~) and previous (#|) entries: never segments
        keyword = _KEYWORD.match(line)
        rest = keyword.end() if keyword else 0
        if keyword:
            starts_entry = keyword.group(1) in ("msgctxt", "msgid")
            if starts_entry and any(f.keyword.startswith("msgstr") for f in current):
                entries.append(current)
                current = []
            current.append(_Field(keyword.group(1)))
        string = _STRING.match(line, rest)
        if string is None or not current:
            raise UserError(f"{path}: not a valid PO file (line {text.count(chr(10), 0, start) + 1})")
        current[-1].parts.append((start + string.start(1), start + string.end(1)))
    if current:
        entries.append(current)
    return entries


def _segment(text: str, field: _Field, source: str | None, unit: str) -> Segment | None:
    """The segment of a msgstr: from its first literal's content to its last's; the quotes and
    line breaks between literals and every escape are markup."""
    parts = [(a, b) for a, b in field.parts if b > a]
    if not parts:
        return None
    start, end = parts[0][0], parts[-1][1]
    masks = gap_masks(parts)
    for a, b in parts:
        masks += [(m.start(), m.end(), _SHOWN.get(m.group(1), " ")) for m in _ESCAPE.finditer(text, a, b)]
        masks += placeholder_masks(text, a, b)
    return Segment(start, end, masked_view(text, start, end, masks), source=source, unit=unit)


def validate(text: str, path: str) -> POFile:
    """The catalogue polib reads from the text: the library's check that it is a PO file (a
    UserError when not), made once per text; the scanner of `parse` refuses a line it cannot place."""
    import polib

    try:
        return polib.pofile(text if "\n" in text else text + "\n")
    except (OSError, ValueError) as exc:
        raise refused(path, "a valid PO file", exc) from None


def parse(text: str, path: str) -> Layout:
    """The layout of a PO or POT file."""
    catalogue = validate(text, path)
    segments = []
    for fields in _entries(text, path):
        by_keyword = {f.keyword: f for f in fields}
        msgid = by_keyword.get("msgid")
        if msgid is None or not msgid.value(text):
            continue  # the header (msgid ""): metadata, not a translation
        source, plural = msgid.value(text), by_keyword.get("msgid_plural")
        context = by_keyword.get("msgctxt")
        unit = (context.value(text) + "\x04" if context else "") + source
        for f in fields:
            if f.keyword.startswith("msgstr"):
                singular = f.keyword in ("msgstr", "msgstr[0]")
                own_source = plural.value(text) if plural and not singular else source
                segment = _segment(text, f, own_source, unit)
                if segment is not None:
                    segments.append(segment)
    language = catalogue.metadata.get("Language") or None
    return Layout("po", text, tuple(segments), units=True, escape=escape, target_language=language)
