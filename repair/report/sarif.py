"""SARIF 2.1.0 report: one run, a rule per detector that fired, results with regions and fixes.

Columns count code points (``columnKind: unicodeCodePoints``), 1-based; ``endColumn`` is the
column just after the last character, as SARIF defines it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from repair.document import Document
from repair.model import Applicability, Finding, Proposal, Severity, Span
from repair.report import FileResult, RunInfo, Write, collected

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/mt-repair/mt-repair"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_URI_SAFE = "/!$&'()*+,;=:@-._~"


def artifact_uri(path: str) -> str:
    """The path as a relative URI reference: forward slashes, other unsafe characters %-encoded."""
    return quote(path.replace("\\", "/"), safe=_URI_SAFE)


def region(document: Document, span: Span) -> dict[str, int]:
    """A SARIF region (1-based lines and code-point columns, end exclusive) for a span."""
    start_line, start_column = document.line_col(span.start)
    end_line, end_column = document.line_col(span.end)
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def _rule(code: str, finding: Finding) -> dict[str, Any]:
    from repair.registry import get

    detector = get(code)
    summary = detector.summary if detector else finding.message
    doc = (detector.doc if detector else "") or summary
    return {
        "id": code,
        "name": detector.name if detector else finding.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": doc},
        "help": {"text": doc},
        "properties": {"category": finding.category},
    }


def _fix(document: Document, uri: str, proposal: Proposal) -> dict[str, Any]:
    replacements = [
        {"deletedRegion": region(document, edit.span), "insertedContent": {"text": edit.replacement}}
        for edit in proposal.edits
    ]
    return {
        "description": {"text": proposal.rationale or f"replace with {proposal.replacement!r}"},
        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
        "properties": {"confidence": proposal.confidence, "applicability": str(proposal.applicability)},
    }


def _result(result: FileResult, finding: Finding, rule_index: int) -> dict[str, Any]:
    document = result.document
    uri = artifact_uri(document.path)
    properties: dict[str, Any] = {"category": finding.category}
    if finding.best is not None:
        properties["confidence"] = finding.best.confidence
        properties["applicability"] = str(finding.best.applicability)
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": region(document, finding.span),
                }
            }
        ],
        "properties": properties,
    }
    fixes = [
        _fix(document, uri, p)
        for p in finding.proposals
        if p.applicability != Applicability.DISPLAY and p.edits
    ]
    if fixes:
        out["fixes"] = fixes
    return out


def sarif_log(results: Iterable[FileResult], info: RunInfo) -> dict[str, Any]:
    """The whole report as a SARIF 2.1.0 log (a JSON-ready dict). Each file's results are made
    as it comes (its document is not kept); rule indexes are filled in once all codes are known."""
    first: dict[str, Finding] = {}
    made: list[dict[str, Any]] = []
    for result in results:
        for finding in result.findings:
            first.setdefault(finding.code, finding)
            made.append(_result(result, finding, -1))
    codes = sorted(first)
    index = {code: i for i, code in enumerate(codes)}
    for entry in made:
        entry["ruleIndex"] = index[entry["ruleId"]]
    driver = {
        "name": "mt-repair",
        "version": info.version,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(code, first[code]) for code in codes],
    }
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": made,
        "properties": {"dictionary_sha256": info.dictionary_sha256},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def stream(results: Iterable[FileResult], info: RunInfo, write: Write) -> None:
    """SARIF 2.1.0 JSON text, written once every file is read (the rules list comes first)."""
    write(json.dumps(sarif_log(results, info), ensure_ascii=False, indent=1) + "\n")


def render(results: list[FileResult], info: RunInfo) -> str:
    """SARIF 2.1.0 JSON text."""
    return collected(stream, results, info)
