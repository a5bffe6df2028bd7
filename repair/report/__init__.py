"""Report formats by name: each renders a list of FileResult to a string."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from repair.document import Document
from repair.model import Finding


@dataclass(frozen=True, slots=True)
class FileResult:
    """The findings for one analysed document."""

    document: Document
    findings: list[Finding]


@dataclass(frozen=True, slots=True)
class RunInfo:
    """Tool metadata for a report."""

    version: str
    dictionary_sha256: str


Renderer = Callable[[list[FileResult], RunInfo], str]


def renderer(name: str) -> Renderer:
    """The renderer for a format name (text, json)."""
    if name == "json":
        from repair.report.json import render
    else:
        from repair.report.text import render
    return render


FORMATS = ("text", "json")
