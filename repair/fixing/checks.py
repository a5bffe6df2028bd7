"""`check` on the worker pool of fix and eval (`batch.run_parallel`): one file per task, small
picklable outcomes streamed back in input order, on the local engine or on Dask."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from repair.errors import UserError
from repair.fixing.batch import run_parallel, worker_state
from repair.fixing.engines import LOCAL, Engine
from repair.settings import RunSettings

if TYPE_CHECKING:
    from repair.model import Finding


@dataclass
class CheckOutcome:
    """What `check` found in one file: enough to render every report format, or the error."""

    path: str
    error: str | None = None
    text: str = ""
    language: str = ""
    shown_as: str = ""  # the document's name in reports (`<stdin>` for -)
    findings: list[Finding] = field(default_factory=list)
    warning: str | None = None  # the --lang script mismatch, if any


def check_one(task: tuple[str, str]) -> CheckOutcome:
    """Read and analyse one file as `check` does; never raises for bad input."""
    from repair.engine import check_text, script_mismatch
    from repair.files import read_source

    path, _ = task
    settings, context, _ = worker_state()
    try:  # an unreadable file, or a malformed decisions file beside it
        source = read_source(path, settings.max_file_bytes)
        document, findings = check_text(source.text, path, settings, context, source.path)
    except UserError as exc:
        return CheckOutcome(path, error=str(exc))
    warning = script_mismatch(document) if settings.language else None
    return CheckOutcome(path, None, document.text, document.language, document.path, findings, warning)


def failed_check(task: tuple[str, str], message: str) -> CheckOutcome:
    """The outcome of a file whose task failed on the engine (an error, exit 2)."""
    return CheckOutcome(task[0], error=f"{task[0]}: {message}")


def check_files(
    tasks: list[tuple[str, str]], settings: RunSettings, jobs: int = 1, engine: Engine = LOCAL
) -> Iterator[CheckOutcome]:
    """Check every (path, argument it came from) task; outcomes in input order."""
    stdin = any(path == "-" for path, _ in tasks)
    yield from run_parallel(
        check_one, tasks, settings, jobs, sequential=stdin, engine=engine, failed=failed_check
    )
