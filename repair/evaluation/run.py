"""Run the analysis and the fixer in-process over bench documents (optionally on several cores).

Findings and fixed texts come from `repair.fixing.passes.fix_text` with the settings that
`mt-repair check` and `mt-repair fix` would use: the first pass's findings are the JSON
report's, the fixed text is what `score.py` would read, so each document is analysed once per
pass. Workers are those of `repair.fixing.batch.run_parallel`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from repair.errors import UserError
from repair.fixing.engines import LOCAL, Engine
from repair.settings import RunSettings


@dataclass(frozen=True)
class Task:
    """One document to analyse: a name, its path (for per-file ignores), text and language."""

    name: str
    path: str
    text: str
    language: str | None = None
    clean: str | None = None  # the reference: TER statistics are computed in the worker too


@dataclass
class Outcome:
    """Findings (schema-v1 subset), the fixed text (None with fix off), the language, TER statistics."""

    name: str
    findings: list[dict[str, Any]]
    fixed: str | None
    language: str
    ter: dict[str, tuple[float, float]] | None = None


def finding_record(finding: Any) -> dict[str, Any]:
    """The fields of a schema-v1 finding that scoring reads."""
    return {
        "code": finding.code,
        "category": finding.category,
        "start": finding.span.start,
        "end": finding.span.end,
        "proposals": [{"replacement": p.replacement, "confidence": p.confidence} for p in finding.proposals],
    }


def analyse_one(task: Task) -> Outcome:
    """Check (and fix, when the run fixes) one document, as the CLI commands would."""
    from repair.decisions import rejection_filter
    from repair.engine import analyse, detectors_for, make_document
    from repair.fixing.batch import worker_state
    from repair.fixing.passes import fix_text

    settings, context, fix = worker_state()
    language = task.language or settings.language
    detectors = detectors_for(settings, task.path)
    keep = rejection_filter(task.path)  # an editor's rejections (the file as read_source decodes it)
    fixed = None
    if fix:
        result = fix_text(
            task.text,
            language,
            task.path,
            context,
            detectors,
            settings.min_confidence,
            settings.unsafe,
            keep=keep,
        )
        found, fixed, detected = result.initial, result.fixed, result.language
    else:
        document = make_document(task.text, language, task.path)
        found, detected = analyse(document, context, detectors, keep), document.language
    ter = None
    if fixed is not None and task.clean is not None:
        from repair.evaluation.score import ter_stats

        ter = {"before": ter_stats(task.text, task.clean), "after": ter_stats(fixed, task.clean)}
    return Outcome(task.name, [finding_record(f) for f in found], fixed, detected, ter)


def run_tasks(
    tasks: list[Task], settings: RunSettings, jobs: int = 1, fix: bool = True, engine: Engine = LOCAL
) -> Iterator[Outcome]:
    """Outcomes in task order; `jobs` worker processes (0: all cores) when there are several tasks."""
    from repair.fixing.batch import run_parallel

    sizes = [len(task.text) for task in tasks]
    yield from run_parallel(
        analyse_one, tasks, settings, jobs, extra=fix, sizes=sizes, engine=engine, failed=failed_document
    )


def failed_document(task: Task, message: str) -> Outcome:
    """A bench document whose task failed on the engine: the scores would be wrong, so exit 2."""
    raise UserError(f"{task.name}: {message}")
