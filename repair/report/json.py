"""JSON report, schema v1 (stable; CI integrations and benchmarks parse it)."""

from __future__ import annotations

import json
from typing import Any

from repair.model import Finding
from repair.report import FileResult, RunInfo


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


def report_dict(results: list[FileResult], info: RunInfo) -> dict[str, Any]:
    """The whole report as a JSON-ready dict."""
    return {
        "version": 1,
        "tool": {"name": "mt-repair", "version": info.version, "dictionary_sha256": info.dictionary_sha256},
        "files": [
            {
                "path": r.document.path,
                "language": r.document.language,
                "findings": [finding_dict(r, f) for f in r.findings],
            }
            for r in results
        ],
    }


def render(results: list[FileResult], info: RunInfo) -> str:
    """Schema-v1 JSON text."""
    return json.dumps(report_dict(results, info), ensure_ascii=False, indent=1) + "\n"
