"""Batch fixing: one worker per core, each loading the dictionary once; small results streamed back."""

from __future__ import annotations

import contextlib
import difflib
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from repair.errors import UserError
from repair.files import resolved_inside
from repair.fixing.engines import LOCAL, Engine
from repair.settings import RunSettings

if TYPE_CHECKING:
    from repair.context import Context

T = TypeVar("T")
R = TypeVar("R")
MAX_CHUNK = 16  # files sent to a worker at once: small enough to keep the progress bar moving
CHUNKS_PER_JOB = 8  # aim for this many chunks per worker, so that workers finish together


@dataclass(frozen=True)
class FixOutput:
    """Where `fix` puts its results (picklable)."""

    mode: str  # "diff", "write", "output" or "stdout"
    output_dir: Path | None = None


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


_STATE: dict[str, Any] = {}  # per worker process: the settings, the context, the run's extra data


PR_SET_PDEATHSIG = 1  # Linux prctl option: the signal a process gets when its parent dies


def _die_with_parent() -> None:
    """In a pool worker: end when the parent ends, so a killed `fix` stops writing at once.

    Linux only (prctl); elsewhere the pool's own shutdown is all there is. Atomic writes mean a
    worker killed mid-file leaves the original or the fixed file, never a mix.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _init(settings: RunSettings, extra: Any = None, worker: bool = False) -> None:
    from repair.collector import collect_rarely
    from repair.context import build_context

    if worker:
        _die_with_parent()
    collect_rarely()  # as the command's process does (repair.cli.main): also spawned and Dask workers
    _STATE["context"] = build_context(settings.dictionaries, settings.neural, settings.model)
    _STATE["settings"] = settings
    _STATE["extra"] = extra


def worker_state() -> tuple[RunSettings, Context, Any]:
    """This worker's settings, context and the run's extra data (see `run_parallel`)."""
    return _STATE["settings"], _STATE["context"], _STATE["extra"]


def output_path(path: str, root: str, output_dir: Path) -> Path:
    """Where the repaired copy of `path` goes: its path relative to the argument it came from."""
    base = Path(root)
    relative = Path(path).relative_to(base) if base.is_dir() else Path(Path(path).name)
    return output_dir / relative


def refuse_colliding_outputs(tasks: list[tuple[str, str]], output_dir: Path) -> None:
    """A UserError (one line) when two different input files would be copied to the same file
    under `output_dir` (`a/x.txt` and `b/x.txt` given as folders `a` and `b`): the second copy
    would silently replace the first. Checked before any file is written."""
    written: dict[Path, str] = {}
    for path, root in tasks:
        target = output_path(path, root, output_dir)
        earlier = written.setdefault(target, path)
        if earlier != path and os.path.realpath(earlier) != os.path.realpath(path):
            raise UserError(
                f"{earlier} and {path} would both be written to {target}; "
                "fix them into separate --output-dir folders"
            )


def fix_one(task: tuple[str, str]) -> FileOutcome:
    """Read, fix and (per mode) write one file; never raises for bad input."""
    from repair.decisions import rejection_filter, sha256_text
    from repair.engine import detectors_for
    from repair.files import encode, read_source, write_atomic
    from repair.fixing.passes import fix_text

    path, root = task
    settings, context, output = worker_state()
    outcome = FileOutcome(path=path)
    try:  # an unreadable file, a malformed decisions file beside it, a malformed XLIFF, PO, SRT file
        source = read_source(path, settings.max_file_bytes)
        outcome.bytes_read = len(source.text)
        outcome.original_sha256 = sha256_text(source.text)  # what `apply` checks before replaying
        keep = rejection_filter(path, source.text)
        result = fix_text(
            source.text,
            settings.language,
            source.path,
            context,
            detectors_for(settings, path),
            settings.min_confidence,
            settings.unsafe,
            keep=keep,
            format_in=settings.format_in,
        )
    except UserError as exc:
        outcome.error = str(exc)
        return outcome
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
        if output.mode == "diff" and result.changed:
            lines = difflib.unified_diff(
                source.text.splitlines(keepends=True),
                result.fixed.splitlines(keepends=True),
                fromfile=f"a/{path}",
                tofile=f"b/{path}",
            )  # a last line without its newline gets diff's marker, so that `patch` reads it
            outcome.diff = "".join(
                x if x.endswith("\n") else f"{x}\n\\ No newline at end of file\n" for x in lines
            )
        elif output.mode == "write" and result.changed and path != "-":
            write_atomic(inside(Path(path), Path(root)), encode(result.fixed, source))
        elif output.mode == "output" and output.output_dir is not None and path != "-":
            target = output_target(path, root, output.output_dir)
            write_atomic(target, encode(result.fixed, source), like=Path(path))
        elif output.mode == "stdout":
            outcome.output = result.fixed
    except UserError as exc:
        outcome.error = str(exc)
    except OSError as exc:
        outcome.error = f"{path}: cannot write ({exc.strerror})"
    return outcome


def inside(target: Path, root: Path) -> Path:
    """The file to write for `target`: through a symbolic link only when it stays under `root`.

    A link to a file inside the tree is followed (the link survives, its file is repaired); a
    link or a linked folder leading out of the tree is refused, so no run writes elsewhere.
    """
    return _within(target, root if root.is_dir() else root.parent)


def output_target(path: str, root: str, output_dir: Path) -> Path:
    """The file to write for the copy of `path` under `output_dir` (see `output_path`), its
    folders made; one that a symbolic link leads out of `output_dir` is refused (UserError)
    before any folder is made, so no run of `fix` or `apply` writes or makes anything elsewhere."""
    target = output_path(path, root, output_dir)
    checked = _within(target, output_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    return checked


def _within(target: Path, base: Path) -> Path:
    """`target`, when it or the file its symbolic link leads to stays under `base` (write_atomic
    writes through the link); a UserError (one line) when a link or a linked folder leads out."""
    if resolved_inside(target, base) is None:
        raise UserError(f"{target}: a symbolic link leads outside {base}; not written")
    return target


def pool_context(neural: bool) -> Any:
    """The multiprocessing start method for worker pools.

    fork is cheapest, but forking a process whose torch thread pools are running deadlocks.
    """
    import multiprocessing

    torch_loaded = neural or "torch" in sys.modules
    return multiprocessing.get_context("fork" if os.name == "posix" and not torch_loaded else "spawn")


def run_parallel(
    worker: Callable[[T], R],
    tasks: list[T],
    settings: RunSettings,
    jobs: int,
    *,
    extra: Any = None,
    sizes: list[int] | None = None,
    sequential: bool = False,
    engine: Engine = LOCAL,
    failed: Callable[[T, str], R] | None = None,
) -> Iterator[R]:
    """`worker` over every task, results in task order; the one worker pool of check, fix and eval.

    `jobs` processes (0: all cores) when there are several tasks; each builds its context once
    (`worker_state`). With `sizes`, the largest tasks go first one at a time, so that one long
    document does not finish alone at the end. `sequential` forces one process (standard input).
    `engine` Dask runs the tasks on a Dask cluster (repair.fixing.dask_engine: a local one of
    `jobs` workers without a scheduler address); there a task that fails after its retries
    yields `failed(task, message)`.
    """
    cores = os.cpu_count() or 1
    jobs = max(1, min(jobs if jobs > 0 else cores, cores, len(tasks)))  # more processes than cores only wait
    if engine.is_dask and not sequential and tasks:
        from repair.fixing.dask_engine import run_on_dask

        yield from run_on_dask(
            worker, tasks, _init, (settings, extra), engine.scheduler, jobs, sizes=sizes, failed=failed
        )
        return
    if jobs == 1 or sequential:
        _init(settings, extra)
        yield from (worker(task) for task in tasks)
        return
    pool_of = pool_context(settings.neural).Pool
    with pool_of(jobs, initializer=_init, initargs=(settings, extra, True)) as pool:
        if sizes is None:
            chunk = max(1, min(MAX_CHUNK, len(tasks) // (jobs * CHUNKS_PER_JOB) or 1))
            yield from pool.imap(worker, tasks, chunksize=chunk)
            return
        order = sorted(range(len(tasks)), key=lambda i: -sizes[i])
        results: dict[int, R] = {}
        done = pool.imap(worker, [tasks[i] for i in order], chunksize=1)
        for index, result in zip(order, done, strict=True):
            results[index] = result
        yield from (results[i] for i in range(len(tasks)))


def fix_files(
    tasks: list[tuple[str, str]], settings: RunSettings, output: FixOutput, jobs: int, engine: Engine = LOCAL
) -> Iterator[FileOutcome]:
    """Fix every (path, argument it came from) task; outcomes in order."""
    stdin = any(path == "-" for path, _ in tasks)
    yield from run_parallel(
        fix_one, tasks, settings, jobs, extra=output, sequential=stdin, engine=engine, failed=failed_file
    )


def failed_file(task: tuple[str, str], message: str) -> FileOutcome:
    """The outcome of a file whose task failed on the engine (an error, exit 2)."""
    return FileOutcome(path=task[0], error=f"{task[0]}: {message}")
