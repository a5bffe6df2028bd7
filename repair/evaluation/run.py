"""Run the analysis and the fixer in-process over bench documents (optionally on several cores).

Findings come from `repair.engine.analyse` and fixed texts from `repair.fixing.passes.fix_text`,
with the settings `mt-repair check` and `mt-repair fix` would use, so the scores are those of
the JSON report and of the fixed files that `score.py` would read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class RunSettings:
    """Everything a worker needs (picklable)."""

    dictionaries: tuple[Path, ...] = ()
    language: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    config_root: Path | None = None
    min_confidence: float = 0.8
    unsafe: bool = False
    fix: bool = True
    neural: bool = False
    model: str | None = None


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


_STATE: dict[str, Any] = {}


def _init(settings: RunSettings) -> None:
    from repair.context import build_context

    _STATE["context"] = build_context(settings.dictionaries, settings.neural, settings.model)
    _STATE["settings"] = settings


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
    """Check (and fix, per settings) one document, as the CLI commands would."""
    from repair.engine import analyse, make_document
    from repair.fixing.passes import fix_text
    from repair.registry import selected
    from repair.review.session import rejected_filter, rejection_filter
    from repair.settings import per_file_ignores

    settings: RunSettings = _STATE["settings"]
    language = task.language or settings.language
    ignores = per_file_ignores(settings.per_file_ignores, task.path, settings.config_root)
    detectors = selected(settings.select, (*settings.ignore, *ignores))
    document = make_document(task.text, language, task.path)
    found = rejected_filter(
        task.path, analyse(document, _STATE["context"], detectors)
    )  # an editor's rejections
    findings = [finding_record(f) for f in found]
    fixed = None
    if settings.fix:
        result = fix_text(
            task.text,
            language,
            task.path,
            _STATE["context"],
            detectors,
            settings.min_confidence,
            settings.unsafe,
            keep=rejection_filter(task.path),
        )
        fixed = result.fixed
    ter = None
    if fixed is not None and task.clean is not None:
        from repair.evaluation.score import ter_stats

        ter = {"before": ter_stats(task.text, task.clean), "after": ter_stats(fixed, task.clean)}
    return Outcome(task.name, findings, fixed, document.language, ter)


def run_tasks(tasks: list[Task], settings: RunSettings, jobs: int = 1) -> Iterator[Outcome]:
    """Outcomes in task order; `jobs` worker processes (0: all cores) when there are several tasks."""
    jobs = max(1, min(jobs if jobs > 0 else (os.cpu_count() or 1), len(tasks)))
    if jobs == 1:
        _init(settings)
        yield from (analyse_one(task) for task in tasks)
        return
    from repair.fixing.batch import pool_context

    context = pool_context(settings.neural)
    # largest first, so one long document does not finish alone at the end
    order = sorted(range(len(tasks)), key=lambda i: -len(tasks[i].text))
    results: dict[int, Outcome] = {}
    with context.Pool(jobs, initializer=_init, initargs=(settings,)) as pool:
        done = pool.imap(analyse_one, [tasks[i] for i in order], chunksize=1)
        for index, outcome in zip(order, done, strict=True):
            results[index] = outcome
    yield from (results[i] for i in range(len(tasks)))
