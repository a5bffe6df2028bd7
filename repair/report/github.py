"""GitHub Actions workflow commands: one `::error|warning|notice file=…::message` line per finding."""

from __future__ import annotations

from repair.model import Applicability, Finding, Severity
from repair.report import FileResult, RunInfo

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects (%, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value (the data escapes plus : and ,)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(result: FileResult, finding: Finding) -> str:
    """The workflow command for one finding."""
    document = result.document
    line, column = document.line_col(finding.span.start)
    end_line, end_column = document.line_col(finding.span.end)
    properties = {
        "file": document.path.replace("\\", "/"),
        "line": str(line),
        "col": str(column),
        "endLine": str(end_line),
        "endColumn": str(end_column),
        "title": f"{finding.code} {finding.name}",
    }
    message = finding.message
    best = finding.best
    if best is not None and best.applicability != Applicability.DISPLAY:
        message += f" (-> '{best.replacement}')" if best.replacement else " (-> delete)"
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(message)}"


def render(results: list[FileResult], info: RunInfo) -> str:
    """One workflow command per finding (nothing for a clean run)."""
    lines = [annotation(r, f) for r in results for f in r.findings]
    return "".join(line + "\n" for line in lines)
