"""JSON report, schema v1 (stable; CI integrations and benchmarks parse it)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from repair.model import Finding
from repair.report import FileResult, RunInfo, Write, collected


def finding_dict(result: FileResult, finding: Finding) -> dict[str, Any]:
    """One finding as the schema-v1 object."""
    line, column = result.document.line_col(finding.span.start)
    return {
        "code": finding.code,
        "name": finding.name,
        "category": finding.category,
        "severity": str(finding.severity),
        "start": finding.span.start,
        "end": finding.span.end,
        "line": line,
        "column": column,
        "text": finding.text,
        "message": finding.message,
        "proposals": [
            {
                "replacement": p.replacement,
                "confidence": p.confidence,
                "applicability": str(p.applicability),
                "rationale": p.rationale,
            }
            for p in finding.proposals
        ],
    }


INDENT = 1  # spaces per nesting level of the JSON text
_FILE_DEPTH = 2  # a file object sits in the "files" list of the top-level object


def file_dict(result: FileResult) -> dict[str, Any]:
    """One file's entry of the report."""
    return {
        "path": result.document.path,
        "language": result.document.language,
        "findings": [finding_dict(result, f) for f in result.findings],
    }


def report_dict(results: list[FileResult], info: RunInfo) -> dict[str, Any]:
    """The whole report as a JSON-ready dict."""
    return {**_head(info), "files": [file_dict(r) for r in results]}


def _head(info: RunInfo) -> dict[str, Any]:
    tool = {"name": "mt-repair", "version": info.version, "dictionary_sha256": info.dictionary_sha256}
    return {"version": 1, "tool": tool}


def stream(results: Iterable[FileResult], info: RunInfo, write: Write) -> None:
    """Schema-v1 JSON text, one file entry at a time: the same characters as json.dumps of
    `report_dict` (indent 1), since each entry is dumped alone and indented to its depth."""
    head = json.dumps(_head(info), ensure_ascii=False, indent=INDENT)
    write(head[: -len("\n}")] + ",\n" + " " * INDENT + '"files": [')
    margin = " " * (INDENT * _FILE_DEPTH)
    separator = "\n"
    for result in results:
        entry = json.dumps(file_dict(result), ensure_ascii=False, indent=INDENT)
        write(separator + margin + entry.replace("\n", "\n" + margin))  # strings never hold a raw newline
        separator = ",\n"
    write(("]" if separator == "\n" else "\n" + " " * INDENT + "]") + "\n}\n")


def render(results: list[FileResult], info: RunInfo) -> str:
    """Schema-v1 JSON text."""
    return collected(stream, results, info)
