"""The engine: make a Document, run the selected detectors, resolve overlaps, drop suppressed
findings and an editor's rejections."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from repair.document import Document
from repair.model import Finding
from repair.registry import Detector, selected

if TYPE_CHECKING:
    from repair.context import Context

def make_document(text: str, language: str | None, path: str = "-") -> Document:
    """A Document, detecting its language when none is forced."""
    if not language:
        from repair.resources.langid import detect_language

        language = detect_language(text)
    return Document(text, language, path)


def _severity_rank(finding: Finding) -> tuple[int, float]:
    best = finding.best
    return ({"error": 0, "warning": 1, "info": 2}[finding.severity], -(best.confidence if best else 0))


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Keep findings in text order; of two that overlap with the same category, keep the stronger."""
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (_severity_rank(f), f.span.start)):
        clash = any(k.category == finding.category and k.span.overlaps(finding.span) for k in kept)
        if not clash:
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.span.start, f.span.end, f.code))


def analyse(document: Document, context: Context, detectors: list[Detector] | None = None) -> list[Finding]:
    """All findings of the detectors (default: all registered) on the document."""
    from repair.suppressions import unsuppressed

    findings: list[Finding] = []
    for det in detectors if detectors is not None else selected():
        findings.extend(det.run(document, context))
    return unsuppressed(resolve_overlaps(findings), document)
