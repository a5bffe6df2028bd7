"""One file under review: its findings, the reviewer's decisions, undo/redo, and saving."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from repair import decisions as store
from repair.document import Document
from repair.edits import eligible
from repair.files import SourceText
from repair.model import Decision, Edit, Finding, Verdict
from repair.review.save import SaveResult, planned_edits, save_review
from repair.settings import DEFAULT_MIN_CONFIDENCE

if TYPE_CHECKING:
    from repair.resources.entity_index import EntityIndex


class ReviewError(Exception):
    """An action that does not apply to the current finding (shown to the editor, not fatal)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A decision on one finding: the verdict, the replacement, which proposal, learn or not."""

    verdict: Verdict
    replacement: str | None = None
    proposal: int | None = None
    learn: bool = False


@dataclass(frozen=True, slots=True)
class Step:
    """One undoable change: the decisions before and after it, and the finding it was about."""

    before: dict[int, Entry]
    after: dict[int, Entry]
    focus: int
    label: str


@dataclass(frozen=True, slots=True)
class Counts:
    open: int
    accepted: int
    rejected: int
    edited: int


class FileReview:
    """Findings of one text and the decisions taken on them (offsets refer to `text`)."""

    def __init__(
        self,
        source: SourceText,
        document: Document,
        findings: list[Finding],
        stored: store.StoredReview | None = None,
        *,
        index: EntityIndex | None = None,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    ) -> None:
        self.path = source.path
        self.source = source
        self.text = source.text
        self.document = document
        self.findings = findings
        self.index = index
        self.min_confidence = min_confidence
        self.entries: dict[int, Entry] = {}
        self.carried: list[store.StoredDecision] = []  # recorded decisions that match no finding now
        self.saved_sha: str | None = None
        self.current = 0
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        if stored is not None:
            self._restore(stored)
        self._saved = dict(self.entries)

    # -- state ---------------------------------------------------------------------------
    def _restore(self, stored: store.StoredReview) -> None:
        same_text = store.sha256_text(self.text) == stored.sha256
        entries = stored.decisions
        if same_text:  # decisions refer to this very text: nothing of it was applied here
            entries = [d if not d.applied else _unapplied(d) for d in stored.decisions]
        matched, self.carried = store.match(entries, self.findings, self.text)
        for i, d in matched.items():
            self.entries[i] = Entry(d.verdict, d.replacement, d.proposal, d.learn)
        self.saved_sha = stored.saved_sha256
        if same_text:
            self.current = min(stored.position, max(0, len(self.findings) - 1))
        else:
            after = [i for i, f in enumerate(self.findings) if f.span.start >= stored.position_start]
            self.current = after[0] if after else max(0, len(self.findings) - 1)

    def source_of(self, finding: Finding) -> str | None:
        """The source text of the unit a finding is in (bilingual files: XLIFF, PO), else None."""
        from repair.formats import layout_of

        layout = layout_of(self.document)
        segment = layout.segment_at(finding.span) if layout is not None else None
        return segment.source if segment is not None else None

    @property
    def dirty(self) -> bool:
        """True when decisions changed since the last save (or since opening)."""
        return self.entries != self._saved

    @property
    def finding(self) -> Finding | None:
        return self.findings[self.current] if self.findings else None

    def verdict(self, i: int) -> Verdict | None:
        entry = self.entries.get(i)
        return entry.verdict if entry else None

    def decision(self, i: int) -> Decision | None:
        """The decision on finding `i` as a model Decision."""
        entry, finding = self.entries.get(i), self.findings[i]
        if entry is None:
            return None
        return Decision(finding.code, finding.span, finding.text, entry.verdict, entry.replacement)

    def counts(self) -> Counts:
        verdicts = [e.verdict for e in self.entries.values()]
        return Counts(
            open=len(self.findings) - len(verdicts),
            accepted=verdicts.count(Verdict.ACCEPTED),
            rejected=verdicts.count(Verdict.REJECTED),
            edited=verdicts.count(Verdict.EDITED),
        )

    def next_open(self, start: int) -> int | None:
        """The first undecided finding after `start` (wrapping round), if any."""
        n = len(self.findings)
        for k in range(1, n + 1):
            i = (start + k) % n
            if i not in self.entries:
                return i
        return None

    # -- decisions -----------------------------------------------------------------------
    def _change(self, label: str, after: dict[int, Entry], focus: int, advance: bool) -> str:
        if after == self.entries:
            return label
        self._undo.append(Step(dict(self.entries), dict(after), focus, label))
        self._redo.clear()
        self.entries = after
        if advance:
            nxt = self.next_open(focus)
            self.current = focus if nxt is None else nxt
        return label

    def _overlapping(self, i: int, entries: dict[int, Entry]) -> list[int]:
        span = self.findings[i].span
        return [
            k
            for k, e in entries.items()
            if k != i and e.verdict != Verdict.REJECTED and self.findings[k].span.overlaps(span)
        ]

    def _replace(self, i: int, entry: Entry, label: str, advance: bool) -> str:
        after = dict(self.entries)
        dropped = self._overlapping(i, after) if entry.verdict != Verdict.REJECTED else []
        for k in dropped:
            del after[k]
        after[i] = entry
        if dropped:
            label += f" (reopened {len(dropped)} overlapping)"
        return self._change(label, after, i, advance)

    def accept(self, proposal: int = 0, *, learn: bool = False, advance: bool = True) -> str:
        """Accept proposal number `proposal` (0 = best) of the current finding (and learn it)."""
        finding = self._need_finding()
        if learn:
            self._learnable(finding)
        if proposal >= len(finding.proposals):
            raise ReviewError(f"{finding.code} has no proposal {proposal + 1}: edit (e) or reject (r)")
        chosen = finding.proposals[proposal]
        if not chosen.edits or all(e.original == e.replacement for e in chosen.edits):
            raise ReviewError(f"'{finding.text}' needs a human: edit (e) or reject (r)")
        entry = Entry(Verdict.ACCEPTED, chosen.replacement, proposal, learn)
        label = f"{'learned' if learn else 'accepted'} '{finding.text}' -> '{chosen.replacement}'"
        return self._replace(self.current, entry, label, advance)

    def reject(self, *, advance: bool = True) -> str:
        finding = self._need_finding()
        return self._replace(self.current, Entry(Verdict.REJECTED), f"rejected '{finding.text}'", advance)

    def edit(self, replacement: str, *, advance: bool = True) -> str:
        """Replace the current finding's text with the editor's own text (same text: rejected)."""
        finding = self._need_finding()
        if replacement == finding.text:
            return self.reject(advance=advance)
        entry = Entry(Verdict.EDITED, replacement)
        return self._replace(self.current, entry, f"edited '{finding.text}' -> '{replacement}'", advance)

    def clear(self) -> str:
        """Reopen the current finding (forget its decision)."""
        finding = self._need_finding()
        after = {k: v for k, v in self.entries.items() if k != self.current}
        return self._change(f"reopened '{finding.text}'", after, self.current, advance=False)

    def toggle_learn(self) -> str:
        """Mark (or unmark) an accepted name fix for the learned dictionary."""
        finding = self._need_finding()
        entry = self.entries.get(self.current)
        self._learnable(finding)
        if entry is None or entry.verdict != Verdict.ACCEPTED:
            raise ReviewError("accept a proposal first: only accepted name fixes can be learned")
        new = Entry(entry.verdict, entry.replacement, entry.proposal, not entry.learn)
        label = f"{'learn' if new.learn else 'do not learn'} '{finding.text}' -> '{entry.replacement}'"
        return self._change(label, {**self.entries, self.current: new}, self.current, advance=False)

    def accept_safe(self) -> int:
        """Accept the best proposal of every open finding that batch `fix` would apply; one undo step."""
        after = dict(self.entries)
        for i, finding in enumerate(self.findings):
            best = finding.best
            if i in after or best is None or not best.edits:
                continue
            if eligible(best, self.min_confidence, False) and not self._overlapping(i, after):
                after[i] = Entry(Verdict.ACCEPTED, best.replacement, 0)
        count = len(after) - len(self.entries)
        if count:
            self._change(f"accepted {count} safe fix(es)", after, self.current, advance=False)
        return count

    def undo(self) -> str | None:
        """Take back the last change; its label, or None when there is nothing to undo."""
        return self._replay(self._undo, self._redo, forward=False)

    def redo(self) -> str | None:
        """Make the last undone change again; its label, or None."""
        return self._replay(self._redo, self._undo, forward=True)

    def _replay(self, source: list[Step], target: list[Step], *, forward: bool) -> str | None:
        if not source:
            return None
        step = source.pop()
        target.append(step)
        self.entries, self.current = dict(step.after if forward else step.before), step.focus
        return step.label

    @staticmethod
    def _learnable(finding: Finding) -> None:
        from repair.review.learn import LEARNABLE_CODES

        if finding.code not in LEARNABLE_CODES:
            raise ReviewError(f"only name fixes ({', '.join(sorted(LEARNABLE_CODES))}) can be learned")

    def _need_finding(self) -> Finding:
        if not self.findings:
            raise ReviewError("no findings in this file")
        return self.findings[self.current]

    # -- saving --------------------------------------------------------------------------
    def planned_edits(self) -> tuple[list[tuple[int, Edit]], list[int]]:
        """Edits of the decisions to apply, overlaps resolved (editor's text first, then confidence)."""
        return planned_edits(self)

    def save(self, learned_target: Path | None = None) -> SaveResult:
        """Write the repaired text and the decisions file atomically; learn the marked name fixes."""
        result = save_review(self, learned_target)
        self._saved = dict(self.entries)
        return result


def _unapplied(decision: store.StoredDecision) -> store.StoredDecision:
    return replace(decision, applied=False)
