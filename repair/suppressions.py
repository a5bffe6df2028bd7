"""Inline suppression markers in text and Markdown files.

- `<!-- mt-repair: ignore ENT001 -->` alone on a line: ignore those codes on the next line;
- `... mt-repair: ignore` (or `ignore ENT001,SEN`) at the end of a line: ignore on that line;
- `<!-- mt-repair: ignore-file ENT -->` anywhere: ignore those codes in the whole file.
Codes are prefixes; no codes means every code. Marker lines themselves are never reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from repair.document import Document
from repair.model import Finding

_MARKER = re.compile(r"mt-repair:\s*(ignore-file|ignore)\b((?:[\s,\[]*[A-Z]{3}\d{0,3}\]?)*)")
_CODES = re.compile(r"[A-Z]{3}\d{0,3}")
_MARKUP_ONLY = re.compile(r"^\s*(?:<!--|#|//|\[//\]: #|\{#|%)?\s*$")
ALL = ("",)


@dataclass
class Suppressions:
    """Codes ignored per 1-based line number, in the whole file, and the marker lines."""

    by_line: dict[int, tuple[str, ...]] = field(default_factory=dict)
    whole_file: tuple[str, ...] = ()
    marker_lines: set[int] = field(default_factory=set)

    def suppresses(self, finding: Finding, document: Document) -> bool:
        """True when a marker covers any line of the finding."""
        first, _ = document.line_col(finding.span.start)
        last, _ = document.line_col(max(finding.span.start, finding.span.end - 1))
        if _matches(finding.code, self.whole_file):
            return True
        return any(
            line in self.marker_lines or _matches(finding.code, self.by_line.get(line, ()))
            for line in range(first, last + 1)
        )


def _matches(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code.startswith(p) for p in prefixes)


def parse(document: Document) -> Suppressions:
    """Find the suppression markers of a document."""
    found = Suppressions()
    if "mt-repair:" not in document.text:
        return found
    for number, span in enumerate(document.lines, 1):
        line = document.text[span.start : span.end]
        match = _MARKER.search(line)
        if not match:
            continue
        codes = tuple(_CODES.findall(match.group(2))) or ALL
        if match.group(1) == "ignore-file":
            found.whole_file += codes
            found.marker_lines.add(number)
            continue
        before = line[: match.start()]
        target = number + 1 if _MARKUP_ONLY.match(before) else number
        if target != number:
            found.marker_lines.add(number)
        found.by_line[target] = found.by_line.get(target, ()) + codes
    return found


def unsuppressed(findings: list[Finding], document: Document) -> list[Finding]:
    """The findings that no inline marker suppresses."""
    markers = parse(document)
    if not (markers.by_line or markers.whole_file or markers.marker_lines):
        return findings
    return [f for f in findings if not markers.suppresses(f, document)]
