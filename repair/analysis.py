"""Run the selected detectors over a document and return ordered, de-duplicated findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from repair.document import Document
from repair.model import Finding
from repair.registry import Detector, selected

if TYPE_CHECKING:
    from repair.entity_index import EntityIndex


@dataclass
class Context:
    """What detectors share for one run (per-document results live in `Document.memo`)."""

    index: EntityIndex
    encoder: Any = None  # repair.neural.encoder.SentenceEncoder when --neural is on
    neural_languages: tuple[str, ...] | None = None  # languages the encoder knows (None: all)

    def encoder_for(self, language: str) -> Any:
        """The sentence encoder when it may be used for a document in `language`, else None."""
        if self.encoder is None:
            return None
        base = language.split("-")[0]
        return self.encoder if self.neural_languages is None or base in self.neural_languages else None


def build_context(
    dictionaries: Iterable[Path] = (), neural: bool = False, model: str | None = None
) -> Context:
    """The context for a run: the merged dictionary index, and the sentence encoder with `neural`."""
    from repair.entity_index import load_index

    index = load_index(list(dictionaries))
    if not neural:
        return Context(index=index)
    from repair.neural.encoder import load_encoder

    encoder, languages = load_encoder(model)
    return Context(index=index, encoder=encoder, neural_languages=languages)


def make_document(text: str, language: str | None, path: str = "-") -> Document:
    """A Document, detecting its language when none is forced."""
    if not language:
        from repair.langid import detect_language

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
        findings.extend(det.function(document, context))
    return unsuppressed(resolve_overlaps(findings), document)
