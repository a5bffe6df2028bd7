"""Batch fixing: one worker per core, each loading the dictionary once; small results streamed back."""

from __future__ import annotations

import difflib
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from repair.errors import UserError


@dataclass(frozen=True)
class FixOptions:
    """Everything a worker needs to fix a file (picklable)."""

    language: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    dictionaries: tuple[Path, ...]
    min_confidence: float
    unsafe: bool
    mode: str  # "diff", "write", "output" or "stdout"
    output_dir: Path | None = None
    config_root: Path | None = None  # per-file-ignores globs are relative to it
    neural: bool = False
    model: str | None = None


@dataclass
class FileOutcome:
    """What happened to one file (small, sent back from the worker)."""

    path: str
    error: str | None = None
    changed: bool = False
    applied: list[dict] = field(default_factory=list)
    original_sha256: str = ""
    remaining: Counter[str] = field(default_factory=Counter)
    fixed_by_code: Counter[str] = field(default_factory=Counter)
    diff: str = ""
    output: str = ""
    bytes_read: int = 0


_STATE: dict[str, object] = {}


def _init(options: FixOptions) -> None:
    from repair.context import build_context

    _STATE["context"] = build_context(options.dictionaries, options.neural, options.model)
    _STATE["options"] = options


def output_path(path: str, root: str, output_dir: Path) -> Path:
    """Where the repaired copy of `path` goes: its path relative to the argument it came from."""
    base = Path(root)
    relative = Path(path).relative_to(base) if base.is_dir() else Path(Path(path).name)
    return output_dir / relative


def fix_one(task: tuple[str, str]) -> FileOutcome:
    """Read, fix and (per mode) write one file; never raises for bad input."""
    import hashlib

    from repair.files import encode, read_source, write_atomic
    from repair.fixing.passes import fix_text
    from repair.registry import selected
    from repair.review.session import rejection_filter
    from repair.settings import per_file_ignores

    path, root = task
    options: FixOptions = _STATE["options"]  # type: ignore[assignment]
    outcome = FileOutcome(path=path)
    try:
        source = read_source(path)
    except UserError as exc:
        outcome.error = str(exc)
        return outcome
    outcome.bytes_read = len(source.text)
    outcome.original_sha256 = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    detectors = selected(
        options.select,
        (*options.ignore, *per_file_ignores(options.per_file_ignores, path, options.config_root)),
    )
    result = fix_text(
        source.text,
        options.language,
        source.path,
        _STATE["context"],
        detectors,  # type: ignore[arg-type]
        options.min_confidence,
        options.unsafe,
        keep=rejection_filter(path),
    )
    outcome.changed = result.changed
    outcome.remaining = Counter(f.code for f in result.remaining)
    for number, (edits, before) in enumerate(zip(result.passes, result.pass_documents, strict=True)):
        for planned in edits:
            line, column = before.line_col(planned.edit.span.start)
            outcome.fixed_by_code[planned.code] += 1
            outcome.applied.append(
                {
                    "pass": number,
                    "line": line,
                    "column": column,
                    "code": planned.code,
                    "start": planned.edit.span.start,
                    "end": planned.edit.span.end,
                    "original": planned.edit.original,
                    "replacement": planned.edit.replacement,
                    "confidence": planned.confidence,
                    "rationale": planned.rationale,
                }
            )
    try:
        if options.mode == "diff" and result.changed:
            outcome.diff = "".join(
                difflib.unified_diff(
                    source.text.splitlines(keepends=True),
                    result.fixed.splitlines(keepends=True),
                    fromfile=f"a/{path}",
                    tofile=f"b/{path}",
                )
            )
        elif options.mode == "write" and result.changed and path != "-":
            write_atomic(Path(path), encode(result.fixed, source))
        elif options.mode == "output" and options.output_dir is not None and path != "-":
            target = output_path(path, root, options.output_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, encode(result.fixed, source))
        elif options.mode == "stdout":
            outcome.output = result.fixed
    except OSError as exc:
        outcome.error = f"{path}: cannot write ({exc.strerror})"
    return outcome


def pool_context(neural: bool) -> Any:
    """The multiprocessing start method for worker pools.

    fork is cheapest, but forking a process whose torch thread pools are running deadlocks.
    """
    import multiprocessing

    torch_loaded = neural or "torch" in sys.modules
    return multiprocessing.get_context("fork" if os.name == "posix" and not torch_loaded else "spawn")


def run(tasks: list[tuple[str, str]], options: FixOptions, jobs: int) -> Iterator[FileOutcome]:
    """Fix every task, in parallel when there are several files and jobs > 1; results in order."""
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1 or any(path == "-" for path, _ in tasks):
        _init(options)
        yield from (fix_one(task) for task in tasks)
        return
    with pool_context(options.neural).Pool(jobs, initializer=_init, initargs=(options,)) as pool:
        yield from pool.imap(fix_one, tasks, chunksize=max(1, min(16, len(tasks) // (jobs * 8) or 1)))
