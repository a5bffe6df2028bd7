"""Fix one text: analyse, apply the eligible proposals, repeat until nothing more applies."""

from __future__ import annotations

from dataclasses import dataclass, field

from repair.context import Context
from repair.decisions import Keep
from repair.document import Document
from repair.edits import PlannedEdit, apply, choose
from repair.engine import analyse, file_text, make_document
from repair.model import Finding
from repair.registry import Detector

MAX_PASSES = 3  # a fix exposes at most a follow-up artifact or two; more passes would mean a loop


@dataclass
class FixResult:
    """The outcome for one text: the fixed text, the edits of each pass, findings left over."""

    path: str
    original: str
    fixed: str
    language: str
    passes: list[list[PlannedEdit]] = field(default_factory=list)
    pass_documents: list[Document] = field(default_factory=list)  # the text each pass edited
    remaining: list[Finding] = field(default_factory=list)
    initial: list[Finding] = field(default_factory=list)  # the first pass's findings: what check reports
    document: Document | None = None

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    @property
    def applied(self) -> list[PlannedEdit]:
        return [edit for edits in self.passes for edit in edits]


def fix_text(
    text: str,
    language: str | None,
    path: str,
    context: Context,
    detectors: list[Detector],
    min_confidence: float,
    unsafe: bool = False,
    keep: Keep | None = None,
    format_in: str | None = None,
) -> FixResult:
    """Apply eligible proposals until a pass changes nothing (so fixing twice is a no-op).

    `keep` filters each pass's findings given the current text (e.g. an editor's rejections).
    """
    document = make_document(text, language, path, format_in)
    result = FixResult(path=path, original=text, fixed=text, language=document.language)
    for number in range(MAX_PASSES):
        findings = analyse(document, context, detectors, keep)
        if number == 0:
            result.initial = findings
        planned = choose(findings, min_confidence, unsafe)
        new_text, applied = apply(file_text(document), [p.edit for p in planned])
        kept = [p for p in planned if p.edit in applied]
        if not kept:
            result.remaining = findings
            break
        result.passes.append(kept)
        result.pass_documents.append(document)
        document = make_document(new_text, document.language, path, format_in)
    else:
        result.remaining = analyse(document, context, detectors, keep)
    result.fixed = file_text(document)
    result.document = document
    return result
