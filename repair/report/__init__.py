"""Report formats by name: each streams FileResults to a writer as they come (so `check` holds
one document at a time), or renders a list of them to a string."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
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
    """Tool metadata for a report, and how the text format is shown (source, colour, summary)."""

    version: str
    dictionary_sha256: str
    show_source: bool = False  # text format: the source line with carets under each finding
    colour: bool = False  # text format: ANSI colours
    summary: bool = True  # text format: the closing "Found N finding(s)" line


Renderer = Callable[[list[FileResult], RunInfo], str]
Write = Callable[[str], object]
Streamer = Callable[[Iterable[FileResult], RunInfo, Write], None]


FORMATS = ("text", "json", "sarif", "github")


def renderer(name: str) -> Renderer:
    """The renderer for a format name (one of FORMATS); imported lazily."""
    if name not in FORMATS:
        raise ValueError(f"unknown report format {name!r}; choose from {', '.join(FORMATS)}")
    module = importlib.import_module(f"repair.report.{name}")
    return module.render


def streamer(name: str) -> Streamer:
    """The streaming writer of a format name: the same text as its renderer, written piece by
    piece as each file's result comes (a file's pieces are written before the next is read)."""
    if name not in FORMATS:
        raise ValueError(f"unknown report format {name!r}; choose from {', '.join(FORMATS)}")
    module = importlib.import_module(f"repair.report.{name}")
    return module.stream


def collected(stream: Streamer, results: list[FileResult], info: RunInfo) -> str:
    """What `stream` writes for `results`, as one string (each format's `render`)."""
    pieces: list[str] = []
    stream(results, info, pieces.append)
    return "".join(pieces)
