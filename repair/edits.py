"""Apply non-overlapping edits; text outside edited spans is untouched; stale edits are refused."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from repair.model import Applicability, Edit, Finding, Proposal


@dataclass(frozen=True, slots=True)
class PlannedEdit:
    """An edit chosen for application, with the finding code and evidence behind it."""

    edit: Edit
    code: str
    confidence: float
    rationale: str


def eligible(proposal: Proposal, min_confidence: float, unsafe: bool) -> bool:
    """True when a proposal may be applied automatically under these settings."""
    if proposal.applicability == Applicability.DISPLAY or proposal.confidence < min_confidence:
        return False
    return proposal.applicability == Applicability.SAFE or unsafe


def choose(findings: Iterable[Finding], min_confidence: float, unsafe: bool = False) -> list[PlannedEdit]:
    """The best eligible proposal of each finding; of overlapping edits the more confident wins."""
    candidates = []
    for finding in findings:
        best = finding.best
        if best is None or not best.edits or not eligible(best, min_confidence, unsafe):
            continue
        candidates += [
            PlannedEdit(edit, finding.code, best.confidence, best.rationale) for edit in best.edits
        ]
    candidates.sort(key=lambda p: (-p.confidence, p.edit.span.start))
    chosen: list[PlannedEdit] = []
    for plan in candidates:
        if not any(plan.edit.span.overlaps(c.edit.span) for c in chosen):
            chosen.append(plan)
    return sorted(chosen, key=lambda p: p.edit.span.start)


def apply(text: str, edits: Iterable[Edit]) -> tuple[str, list[Edit]]:
    """Apply edits whose original text still matches; return the new text and those applied.

    Overlapping edits are refused (the earlier one wins), so bytes outside applied spans
    are never changed.
    """
    applied: list[Edit] = []
    last_end = -1
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        if edit.span.start < last_end or edit.span.end > len(text):
            continue
        if text[edit.span.start : edit.span.end] != edit.original:
            continue
        applied.append(edit)
        last_end = max(edit.span.end, edit.span.start + 1 if edit.span.start == edit.span.end else 0)
    pieces, cursor = [], 0
    for edit in applied:
        pieces += [text[cursor : edit.span.start], edit.replacement]
        cursor = edit.span.end
    pieces.append(text[cursor:])
    return "".join(pieces), applied
