"""Saving a review: apply the accepted and edited fixes, write text and decisions, learn names.

The same rules as `fix`: atomic writes (repair.files), BOM and newlines kept (the text is
never re-encoded otherwise), only edits whose original text still matches are applied, and
of overlapping edits one wins (the editor's own text first, then the more confident).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from repair import decisions as store
from repair.edits import apply
from repair.errors import UserError
from repair.files import encode, read_source, write_atomic
from repair.model import Edit, Span, Verdict

if TYPE_CHECKING:
    from repair.review.file import Entry, FileReview
    from repair.review.learn import Lesson


@dataclass
class SaveResult:
    """What a save wrote: the text (edits applied, decisions skipped), lessons, the decisions file."""

    path: str
    applied: int
    skipped: list[int] = field(default_factory=list)
    lessons: list[Lesson] = field(default_factory=list)
    decisions_file: Path | None = None
    remaining: int | None = None  # findings `check` reports on the saved text (None: not checked)


def planned_edits(review: FileReview) -> tuple[list[tuple[int, Edit]], list[int]]:
    """(finding index, edit) to apply in text order, and the findings left out by overlaps."""
    from repair.formats import layout_of

    layout = layout_of(review.document)  # an editor's own text is escaped as the file's format needs
    groups = []
    for i, entry in review.entries.items():
        finding = review.findings[i]
        if entry.verdict == Verdict.EDITED:
            typed = entry.replacement or ""
            edits: tuple[Edit, ...] = (
                editor_edit(finding.span, finding.text, layout.escape(typed) if layout else typed),
            )
            groups.append(((0, -1.0, finding.span.start), i, edits))
        elif entry.verdict == Verdict.ACCEPTED and entry.proposal is not None:
            chosen = finding.proposals[entry.proposal]
            groups.append(((1, -chosen.confidence, finding.span.start), i, chosen.edits))
    planned: list[tuple[int, Edit]] = []
    skipped: list[int] = []
    for _, i, edits in sorted(groups, key=lambda g: (g[0], g[1])):
        if any(e.span.overlaps(p.span) for e in edits for _, p in planned):
            skipped.append(i)
        else:
            planned += [(i, e) for e in edits]
    return sorted(planned, key=lambda p: p[1].span.start), sorted(skipped)


def editor_edit(span: Span, text: str, replacement: str) -> Edit:
    """The edit of an editor's own text: it replaces the finding's text, not the layout around it.

    A finding may cover the paragraph break or indentation beside its words (a fragment ending
    with its line); the editor types the words only, so the whitespace at either end of the
    finding stays unless the replacement itself starts or ends with whitespace. An empty
    replacement deletes the whole finding, as its span was drawn.
    """
    if not replacement.strip():
        return Edit(span, text, replacement)
    lead = 0 if replacement[:1].isspace() else len(text) - len(text.lstrip())
    trail = 0 if replacement[-1:].isspace() else len(text) - len(text.rstrip())
    core = Span(span.start + lead, span.end - trail)
    return Edit(core, text[lead : len(text) - trail], replacement)


def save_review(review: FileReview, learned_target: Path | None = None) -> SaveResult:
    """Write the repaired text (when it changed) and the decisions file beside it."""
    on_disk = read_source(review.path)
    if store.sha256_text(on_disk.text) not in (store.sha256_text(review.text), review.saved_sha):
        raise UserError(f"{review.path}: changed on disk since the review opened it; not overwritten")
    planned, skipped = planned_edits(review)
    new_text, applied = apply(review.text, [e for _, e in planned])
    applied_ids = {i for i, e in planned if e in applied}
    skipped = sorted({*skipped, *({i for i, _ in planned} - applied_ids)})
    if new_text != on_disk.text:
        write_atomic(Path(review.path), encode(new_text, review.source))
    review.saved_sha = store.sha256_text(new_text)
    lessons = _lessons(review, applied_ids)
    if lessons:
        from repair.review.learn import write_lessons

        write_lessons(lessons, learned_target)
    position = review.findings[review.current].span.start if review.findings else 0
    record = store.StoredReview(
        sha256=store.sha256_text(review.text),
        saved_sha256=review.saved_sha,
        position=review.current,
        position_start=shifted(position, applied),
        decisions=[
            _stored(review, i, entry, i in applied_ids, new_text, applied)
            for i, entry in sorted(review.entries.items())
        ]
        + review.carried,
    )
    target = store.save(review.path, record)
    return SaveResult(review.path, len(applied), skipped, lessons, target)


def shifted(offset: int, applied: list[Edit]) -> int:
    """`offset` in the text after `applied` edits (edits ending at or before it move it)."""
    return offset + sum(len(e.replacement) - len(e.original) for e in applied if e.span.end <= offset)


def _lessons(review: FileReview, applied: Iterable[int]) -> list[Lesson]:
    from repair.review.learn import lesson_for

    if review.index is None:
        return []
    out = []
    for i in sorted(applied):
        entry = review.entries[i]
        if entry.learn and entry.proposal is not None:
            lesson = lesson_for(review.findings[i], entry.proposal, review.document.language, review.index)
            if lesson is not None:
                out.append(lesson)
    return out


def _stored(
    review: FileReview, i: int, entry: Entry, applied: bool, new_text: str, edits: list[Edit]
) -> store.StoredDecision:
    """The decision on finding `i` as recorded. One still in force (rejected, or not applied) is
    located in the text as saved, so that `check` on the saved file finds it where it is now,
    with the context it has now (an applied fix beside it changed that context)."""
    finding = review.findings[i]
    start, end, text = finding.span.start, finding.span.end, review.text
    if not applied:
        moved = shifted(start, edits)
        if new_text[moved : moved + end - start] == finding.text:
            start, end, text = moved, moved + end - start, new_text
    before, after = store.context_of(text, start, end)
    return store.StoredDecision(
        code=finding.code,
        start=start,
        end=end,
        text=finding.text,
        verdict=entry.verdict,
        replacement=entry.replacement,
        before=before,
        after=after,
        proposal=entry.proposal,
        learn=entry.learn,
        applied=applied,
    )
