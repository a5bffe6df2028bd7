"""The review decisions file beside a reviewed text (`article.txt.mt-review.json`).

It records, for one text, the reviewer's decisions so that a review can be resumed and so
that `check` stops raising findings the editor rejected. A decision is identified by its
code, the text it covers and the text around it (not only by offsets), so it still matches
after edits elsewhere in the file shifted it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from repair.errors import UserError
from repair.files import read_bounded, read_source, write_atomic
from repair.model import Finding, Verdict


class Keep(Protocol):
    """Findings of a text -> those to report (the text the filter was made with, unless given)."""

    def __call__(self, findings: list[Finding], current: str | None = None) -> list[Finding]: ...


FORMAT_VERSION = 1
SUFFIX = ".mt-review.json"
CONTEXT = 32  # code points of context kept on each side of a decision
MIN_CONTEXT = 8  # context that must still agree for a moved decision to match
SAME_PLACE = 10_000  # score bonus for a decision found at its recorded offsets
MAX_DECISIONS_BYTES = 64 * 1024 * 1024  # a review of a long book records a few MB
MAX_DECISIONS = 50_000  # decisions in one file: far more findings than any one text has


def decisions_path(path: str | Path) -> Path:
    """Where the decisions of the text at `path` are kept."""
    path = Path(path)
    return path.with_name(path.name + SUFFIX)


def sha256_text(text: str) -> str:
    """SHA-256 of a text (UTF-8, no BOM): identifies the version a review or a fix plan was made on."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def context_of(text: str, start: int, end: int) -> tuple[str, str]:
    """The text just before and just after a span."""
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


@dataclass(frozen=True, slots=True)
class StoredDecision:
    """One decision as recorded in the file."""

    code: str
    start: int
    end: int
    text: str
    verdict: Verdict
    replacement: str | None = None
    before: str = ""
    after: str = ""
    proposal: int | None = None  # which proposal was accepted (0 = best)
    learn: bool = False  # add the fix to the learned dictionary
    applied: bool = False  # written into the file already (history; no longer matched)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "verdict": str(self.verdict),
            "replacement": self.replacement,
            "before": self.before,
            "after": self.after,
        }
        if self.proposal is not None:
            data["proposal"] = self.proposal
        if self.learn:
            data["learn"] = True
        if self.applied:
            data["applied"] = True
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StoredDecision:
        replacement = data.get("replacement")
        proposal = data.get("proposal")
        decision = cls(
            code=str(data["code"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            verdict=Verdict(data["verdict"]),
            replacement=None if replacement is None else str(replacement),
            before=str(data.get("before", "")),
            after=str(data.get("after", "")),
            proposal=None if proposal is None else int(proposal),
            learn=bool(data.get("learn", False)),
            applied=bool(data.get("applied", False)),
        )
        if not 0 <= decision.start <= decision.end:
            raise ValueError("bad span")
        return decision


@dataclass
class StoredReview:
    """The content of a decisions file."""

    sha256: str  # the text as first reviewed
    saved_sha256: str | None = None  # the text as last written by the review
    position: int = 0  # index of the current finding when saved
    position_start: int = 0  # its offset in the text as saved (to resume on a repaired text)
    decisions: list[StoredDecision] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "tool": "mt-repair",
            "sha256": self.sha256,
            "saved_sha256": self.saved_sha256,
            "position": self.position,
            "position_start": self.position_start,
            "decisions": [d.to_json() for d in self.decisions],
        }


def parse(data: Any) -> StoredReview:
    """A StoredReview from decoded JSON; ValueError/KeyError/TypeError when malformed."""
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise ValueError("not a version 1 review file")
    decisions = data.get("decisions")
    if not isinstance(decisions, list):
        raise ValueError("no decisions list")
    if len(decisions) > MAX_DECISIONS:
        raise ValueError(f"{len(decisions)} decisions, over the limit of {MAX_DECISIONS}")
    saved = data.get("saved_sha256")
    return StoredReview(
        sha256=str(data["sha256"]),
        saved_sha256=None if saved is None else str(saved),
        position=max(0, int(data.get("position", 0))),
        position_start=max(0, int(data.get("position_start", 0))),
        decisions=[StoredDecision.from_json(d) for d in decisions],
    )


def load(path: str | Path) -> StoredReview | None:
    """The decisions recorded beside `path` (None when there are none); a bad file is a UserError."""
    target = decisions_path(path)
    try:
        raw = read_bounded(target, MAX_DECISIONS_BYTES, "a review file", "; move it away").decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{target}: cannot read review decisions ({exc.__class__.__name__})") from None
    try:
        return parse(json.loads(raw))
    except (ValueError, KeyError, TypeError, RecursionError, OverflowError) as exc:
        raise UserError(
            f"{target}: not an mt-repair review file ({exc.__class__.__name__}); move it away to start afresh"
        ) from None


def save(path: str | Path, review: StoredReview) -> Path:
    """Write the decisions file beside `path` atomically (with the text's mode); returns its path."""
    target = decisions_path(path)
    text = json.dumps(review.to_json(), ensure_ascii=False, indent=1) + "\n"
    write_atomic(target, text.encode("utf-8"), like=Path(path))
    return target


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _score(entry: StoredDecision, text: str, finding: Finding) -> int | None:
    """How well a recorded decision fits a finding of the same code and text (match pairs them by
    both); None when the context around it does not agree."""
    before, after = context_of(text, finding.span.start, finding.span.end)
    same_place = entry.start == finding.span.start and entry.end == finding.span.end
    if same_place and entry.before == before and entry.after == after:
        return SAME_PLACE + len(before) + len(after)
    # Whitespace beside the text may have moved in or out of the span (a block that became the
    # last one takes the blank lines before it): compare the contexts without it.
    was_before, now_before = entry.before.rstrip(), before.rstrip()
    was_after, now_after = entry.after.lstrip(), after.lstrip()
    agree = _common_prefix(was_before[::-1], now_before[::-1]) + _common_prefix(was_after, now_after)
    agree += MIN_CONTEXT * ((was_before == now_before == "") + (was_after == now_after == ""))  # an edge
    needed = min(MIN_CONTEXT, len(entry.before) + len(entry.after))
    return agree if agree >= needed else None


def match(
    entries: Sequence[StoredDecision], findings: Sequence[Finding], text: str
) -> tuple[dict[int, StoredDecision], list[StoredDecision]]:
    """Pair recorded decisions with findings of `text` (each used once, best context first).

    Returns {finding index: decision} and the decisions that matched no finding.
    """
    by_key: dict[tuple[str, str], list[int]] = {}
    for f, finding in enumerate(findings):
        by_key.setdefault((finding.code, finding.text.strip()), []).append(f)
    scored = []
    for e, entry in enumerate(entries):
        if entry.applied:
            continue
        for f in by_key.get((entry.code, entry.text.strip()), ()):
            finding = findings[f]
            score = _score(entry, text, finding)
            if score is not None:
                scored.append((-score, abs(entry.start - finding.span.start), e, f))
    scored.sort()
    matched: dict[int, StoredDecision] = {}
    used: set[int] = set()
    for _, _, e, f in scored:
        if e in used or f in matched:
            continue
        matched[f] = entries[e]
        used.add(e)
    return matched, [entry for e, entry in enumerate(entries) if e not in used]


def rejection_filter(path: str, text: str | None = None) -> Keep | None:
    """A filter dropping the findings an editor rejected in `mt-repair review` of this file.

    Rejections are read from the decisions file beside `path` and matched by code, text and
    surrounding context in the text given to the filter (so edits that shift offsets, such as
    earlier passes of `fix`, do not matter). None when there is nothing to filter. A malformed
    decisions file is a UserError: ignoring it would raise again what the editor rejected.
    `text` is the file's text when the caller has read it already (else it is read here); the
    filter matches against that text unless it is given the current one.
    """
    if path == "-" or not os.path.exists(decisions_path(path)):
        return None
    stored = load(path)
    if text is None:
        text = read_source(path, None).text  # a file its caller chose to read, whatever its size
    if stored is None:
        return None
    same_text = sha256_text(text) == stored.sha256
    rejected = [d for d in stored.decisions if d.verdict == Verdict.REJECTED and (same_text or not d.applied)]
    if not rejected:
        return None

    read = text

    def keep(findings: list[Finding], current: str | None = None) -> list[Finding]:
        matched, _ = match(rejected, findings, read if current is None else current)
        return [f for i, f in enumerate(findings) if i not in matched]

    return keep


def rejected_filter(path: str, findings: list[Finding], text: str | None = None) -> list[Finding]:
    """The findings (of `text`, read from `path` when not given) without those an editor rejected."""
    keep = rejection_filter(path, text) if findings else None
    return findings if keep is None else keep(findings)
