"""Text report: `path:line:col: CODE message` plus the best proposal, optionally the source line
with carets under the finding (`--show-source`) and colours (`--color`), and a summary; the
per-code table of `--statistics`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from repair.model import Applicability, Severity
from repair.report import FileResult, RunInfo, Write, collected
from repair.report.terminal import painter, snippet

SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow"}


def _quote(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def stream(results: Iterable[FileResult], info: RunInfo, write: Write) -> None:
    """Human-readable lines, one per finding (and its source snippet), file by file, then a summary."""
    paint = painter(info.colour)
    total = fixable = files = 0
    for result in results:
        files += 1
        lines: list[str] = []
        for finding in result.findings:
            line, column = result.document.line_col(finding.span.start)
            where = paint(f"{result.document.path}:{line}:{column}:", "bold")
            code = paint(finding.code, SEVERITY_STYLES.get(finding.severity, "bold cyan"))
            row = f"{where} {code} {finding.message}"
            best = finding.best
            if best is not None and best.applicability != Applicability.DISPLAY:
                shown = f"'{_quote(best.replacement)}'" if best.replacement else "delete"
                safe = best.applicability == Applicability.SAFE
                row += paint(
                    f" [-> {shown}, {best.confidence:.2f} {best.applicability}]", "green" if safe else ""
                )
                fixable += safe
            lines.append(row)
            if info.show_source:
                text = result.document.text
                lines += snippet(text, finding.span.start, finding.span.end, line, paint)
            total += 1
        write("".join(line + "\n" for line in lines))
    if total and info.summary:
        write(f"Found {total} finding(s) in {files} file(s); {fixable} safe to fix.\n")


def render(results: list[FileResult], info: RunInfo) -> str:
    """Human-readable lines, one per finding (and its source snippet), then a summary."""
    return collected(stream, results, info)


def statistics(results: Iterable[FileResult]) -> str:
    """`--statistics`: one line per code, most frequent first: count, code, name (ruff's layout)."""
    counts = Counter((f.code, f.name) for r in results for f in r.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = len(str(rows[0][1])) if rows else 1
    return "".join(f"{n:>{width}}\t{code}\t{name}\n" for (code, name), n in rows)
