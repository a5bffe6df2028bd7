"""Text report: `path:line:col: CODE message` plus the best proposal, and a summary."""

from __future__ import annotations

from repair.model import Applicability
from repair.report import FileResult, RunInfo


def _quote(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(results: list[FileResult], info: RunInfo) -> str:
    """Human-readable lines, one per finding, then a summary."""
    lines: list[str] = []
    total = fixable = 0
    for result in results:
        for finding in result.findings:
            line, column = result.document.line_col(finding.span.start)
            row = f"{result.document.path}:{line}:{column}: {finding.code} {finding.message}"
            best = finding.best
            if best is not None and best.applicability != Applicability.DISPLAY:
                shown = f"'{_quote(best.replacement)}'" if best.replacement else "delete"
                row += f" [-> {shown}, {best.confidence:.2f} {best.applicability}]"
                fixable += best.applicability == Applicability.SAFE
            lines.append(row)
            total += 1
    if total:
        lines.append(f"Found {total} finding(s) in {len(results)} file(s); {fixable} safe to fix.")
    return "\n".join(lines) + ("\n" if lines else "")
