"""GitHub Actions workflow commands: one `::error|warning|notice file=…::message` line per finding."""

from __future__ import annotations

from collections.abc import Iterable

from repair.model import Applicability, Finding, Severity
from repair.report import FileResult, RunInfo, Write, collected

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


def stream(results: Iterable[FileResult], info: RunInfo, write: Write) -> None:
    """One workflow command per finding (nothing for a clean run), file by file."""
    for result in results:
        write("".join(annotation(result, f) + "\n" for f in result.findings))


def render(results: list[FileResult], info: RunInfo) -> str:
    """One workflow command per finding (nothing for a clean run)."""
    return collected(stream, results, info)
