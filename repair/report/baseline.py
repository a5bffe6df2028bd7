"""Baselines: record today's findings so a corpus can adopt `check` without fixing them first.

A finding is identified by file path, code and the text it covers (not its line, so edits
elsewhere in the file do not invalidate the baseline); repeated identical findings are counted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from repair.errors import UserError
from repair.files import read_bounded, write_atomic
from repair.report import FileResult

Key = tuple[str, str, str]
_MALFORMED = (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, RecursionError)
MAX_BASELINE_BYTES = 256 * 1024 * 1024  # ~1,000,000 findings; a bigger file is not a baseline we wrote


def _key(path: str, code: str, text: str) -> Key:
    return (Path(path).as_posix(), code, text)


def load(path: Path) -> Counter[Key]:
    """The baseline's finding counts; a missing or malformed file is a UserError."""
    try:
        data = json.loads(read_bounded(path, MAX_BASELINE_BYTES, "a baseline").decode("utf-8"))
        entries = data["findings"] if data.get("version") == 1 else None
        if not isinstance(entries, list):
            raise ValueError("no findings list")
        counts: Counter[Key] = Counter()
        for e in entries:  # a count is added, never looped over: a count of 10^8 costs nothing
            count = int(e.get("count", 1))
            if count < 1:
                raise ValueError("a count below 1")
            counts[_key(str(e["path"]), str(e["code"]), str(e["text"]))] += count
        return counts
    except FileNotFoundError:
        raise UserError(f"{path}: baseline not found (create it with --update-baseline)") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not a baseline file") from None
    except _MALFORMED as exc:
        raise UserError(f"{path}: not an mt-repair baseline ({exc.__class__.__name__})") from None


def save(path: Path, results: Iterable[FileResult]) -> int:
    """Write the current findings as the baseline; returns how many were recorded."""
    counts = Counter(_key(r.document.path, f.code, f.text) for r in results for f in r.findings)
    entries: list[dict[str, Any]] = [
        {"path": p, "code": c, "text": t, "count": n} for (p, c, t), n in sorted(counts.items())
    ]
    data = {"version": 1, "findings": entries}
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return sum(counts.values())


def subtract(results: Iterable[FileResult], baseline: Counter[Key]) -> Iterator[FileResult]:
    """The results without findings recorded in the baseline (each entry absorbs one finding),
    one at a time as they come."""
    budget = Counter(baseline)
    for result in results:
        kept = []
        for finding in result.findings:
            key = _key(result.document.path, finding.code, finding.text)
            if budget[key] > 0:
                budget[key] -= 1
            else:
                kept.append(finding)
        yield FileResult(result.document, kept)
