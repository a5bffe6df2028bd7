"""The Dask engine: the worker pool of check, fix and eval on a dask.distributed cluster.

The tasks are cut into chunks; each chunk is one Dask task that runs the worker function over its
tasks in a Dask worker process, which builds the run's context once (the `init` that the local
pool runs as its initializer) and then reuses it for every further chunk of the run. Results come
back as chunks finish and are yielded in input order from a reorder buffer; at most
IN_FLIGHT_PER_WORKER chunks per worker are submitted and not yet yielded, so memory stays bounded
however long the input. Every task gets 1 + RETRIES tries: a task that raises in a chunk is sent
again alone (Dask's `retries=`), the chunk's other results are kept (a finished file is never
fixed and written twice); a chunk that fails as a whole (a worker lost, a worker that cannot
build its context) is split into its tasks, each retried alone; a task that still fails becomes
`failed(task, message)` (or a UserError): never dropped.

Workers read and write the files themselves, at the client's paths (relative ones from the
client's working folder), so they must share its file system; writes are the worker function's
own (atomic, `files.write_atomic`). This is the only module that imports dask.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from repair import __version__
from repair.errors import UserError

T = TypeVar("T")
R = TypeVar("R")

RETRIES = 2  # a task runs at most 1 + RETRIES times: enough for a lost worker, few for a real bug (>= 1)
MAX_CHUNK = 16  # files in one Dask task: as in the local pool, small enough to balance the workers
CHUNKS_PER_WORKER = 8  # aim for this many chunks per worker, so that workers finish together
IN_FLIGHT_PER_WORKER = 4  # chunks submitted but not yet yielded, per worker: busy workers, small buffer
CONNECT_TIMEOUT_S = 10.0  # reaching the scheduler, and waiting for its first worker: a typo fails fast
PRIVATE_HTTP = "127.0.0.1:0"  # the local cluster's HTTP endpoint: never public, never a fixed port
EXTRA_HINT = "pip install 'mt-repair[dask]'"

_RUN_LOCK = threading.Lock()  # one chunk at a time per worker process: the analysis is not thread-safe
_RUN: dict[str, str] = {}  # the run whose context this worker process holds


def run_on_dask(
    worker: Callable[[T], R],
    tasks: list[T],
    init: Callable[..., None],
    init_args: tuple[Any, ...],
    scheduler: str | None,
    workers: int,
    *,
    sizes: list[int] | None = None,
    failed: Callable[[T, str], R] | None = None,
) -> Iterator[R]:
    """`worker` over every task on a Dask cluster, results in task order.

    `scheduler` is the address of a running scheduler; None starts a local cluster of `workers`
    processes for this run. `init(*init_args)` builds a worker process's state once per run. With
    `sizes`, one task per chunk, the largest first (as the local pool does). A task that fails
    after its retries yields `failed(task, message)`; without `failed` it raises UserError.
    """
    client, cluster = _connect(scheduler, workers)
    try:
        yield from _stream(client, worker, tasks, init, init_args, sizes, failed)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A client of the scheduler at `scheduler` (or of a new local cluster), with a worker ready."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UserError(f"--engine dask needs dask.distributed ({EXTRA_HINT})") from None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,  # the analysis is pure Python: threads would only share one core
            processes=True,
            dashboard_address=PRIVATE_HTTP,  # the scheduler's HTTP server: localhost, any free port
            scheduler_kwargs={"dashboard": False},
            silence_logs=logging.ERROR,
        )
        return Client(cluster), cluster
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise UserError(f"cannot reach the Dask scheduler at {scheduler} ({_reason(exc)})") from None
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as exc:
        client.close()
        raise UserError(f"the Dask scheduler at {scheduler} has no workers ({_reason(exc)})") from None
    return client, None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _stream(
    client: Any,
    worker: Callable[[T], R],
    tasks: list[T],
    init: Callable[..., None],
    init_args: tuple[Any, ...],
    sizes: list[int] | None,
    failed: Callable[[T, str], R] | None,
) -> Iterator[R]:
    from dask.distributed import as_completed

    count = max(1, len(client.nthreads()))
    size = 1 if sizes else max(1, min(MAX_CHUNK, len(tasks) // (count * CHUNKS_PER_WORKER) or 1))
    chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    # by size, every chunk is submitted at once (the largest first); in input order, a window of them
    order = sorted(range(len(chunks)), key=lambda i: -sizes[i]) if sizes else list(range(len(chunks)))
    window = len(chunks) if sizes else count * IN_FLIGHT_PER_WORKER
    run, cwd = uuid.uuid4().hex, os.getcwd()
    pending = as_completed()
    owners: dict[str, tuple[int, int, list[T]]] = {}  # future key -> (chunk, offset in it, its tasks)
    slots: dict[int, list[Any]] = {}  # chunk -> its results so far (the reorder buffer)
    left: dict[int, int] = {}  # chunk -> results still missing
    submitted = first = 0  # chunks submitted (in `order`); the next chunk to yield (input order)

    def submit(index: int, offset: int, part: list[T], retries: int = RETRIES) -> None:
        # a chunk of several tasks catches each task's exception (its other tasks are not run
        # again); a task alone raises, and Dask retries it
        future = client.submit(
            _run_chunk,
            worker,
            part,
            init,
            init_args,
            run,
            cwd,
            __version__,
            retries=retries,
            pure=False,
            key=f"mt-repair-{run}-{index}-{offset}-{len(part)}",
        )
        owners[future.key] = (index, offset, part)
        pending.add(future)

    def top_up() -> None:
        nonlocal submitted
        while submitted < len(order) and (sizes or order[submitted] < first + window):
            index = order[submitted]
            slots[index], left[index] = [None] * len(chunks[index]), len(chunks[index])
            submit(index, 0, chunks[index])
            submitted += 1

    top_up()
    for future in pending:
        index, offset, part = owners.pop(future.key)
        if future.status == "finished":
            for number, result in enumerate(future.result()):
                if isinstance(result, TaskFailure):  # tried once in its chunk: alone for the rest
                    submit(index, offset + number, [part[number]], retries=RETRIES - 1)
                else:
                    slots[index][offset + number] = result
                    left[index] -= 1
        elif future.status == "error" and len(part) > 1:  # the chunk itself failed: each task alone
            for number, task in enumerate(part):
                submit(index, offset + number, [task])
        else:
            slots[index][offset] = _failure(part[0], future, failed)
            left[index] -= 1
        future.release()
        while left.get(first) == 0:
            del left[first]
            yield from slots.pop(first)
            first += 1
        top_up()


def _failure(task: T, future: Any, failed: Callable[[T, str], R] | None) -> R:
    """The result that stands for a task that failed after its retries (or a UserError)."""
    if future.status == "error":
        exc = future.exception()
        reason = f"{type(exc).__name__}: {_reason(exc)}"
        message = f"failed on the Dask engine after {1 + RETRIES} tries ({reason})"
    else:
        message = f"not processed: the Dask task was {future.status} (scheduler or worker lost)"
    if failed is None:
        raise UserError(f"a task {message}")
    return failed(task, message)


@dataclass(frozen=True)
class TaskFailure:
    """What a chunk of several tasks returns for one whose worker raised (the client retries it)."""

    reason: str


def _run_chunk(
    worker: Callable[[T], R],
    part: list[T],
    init: Callable[..., None],
    init_args: tuple[Any, ...],
    run: str,
    cwd: str,
    version: str,
) -> list[R | TaskFailure]:
    """In a Dask worker: `worker` over one chunk, with the run's state built once per process.

    In a chunk of several tasks, a task that raises becomes a TaskFailure and the others still
    run, so that a retry never runs (and writes) a finished file again; a task alone raises.
    """
    if version != __version__:
        raise UserError(f"this Dask worker runs mt-repair {__version__}, the client {version}")
    with _RUN_LOCK, _working_folder(cwd):
        if _RUN.get("run") != run:
            init(*init_args)
            _RUN["run"] = run
        if len(part) == 1:
            return [worker(part[0])]
        results: list[R | TaskFailure] = []
        for task in part:
            try:
                results.append(worker(task))
            except Exception as exc:
                results.append(TaskFailure(f"{type(exc).__name__}: {_reason(exc)}"))
        return results


@contextlib.contextmanager
def _working_folder(cwd: str) -> Iterator[None]:
    """Run in the client's working folder, so that relative paths mean what they meant there."""
    before = os.getcwd()
    try:
        os.chdir(cwd)
    except OSError:
        raise UserError(f"this Dask worker cannot see {cwd}: workers must share the client's files") from None
    try:
        yield
    finally:
        os.chdir(before)
