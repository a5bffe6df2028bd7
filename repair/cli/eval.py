"""`mt-repair eval BENCH`: score check and fix on a gold bench (docs/, gold/, clean/).

Run check and fix in-process on every document of a bench and print precision, recall, F1, fix
accuracy and trap hits (overall, per category, per gold language) and sacrebleu chrF/TER of the
documents before and after fixing, as ../shared/bench/score.py defines them. --lang gold
analyses each document in its gold file's language. Exit 0, or 2 on a bad bench.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from repair.cli.common import add_common, add_fix_options, engine_for, settings_for

GOLD_LANGUAGE = "gold"  # `--lang gold`: analyse each document in its gold file's language


def register(subparsers: Any) -> None:
    """Add the `eval` sub-command."""
    ev = subparsers.add_parser(
        "eval", help="score findings and fixes on a gold bench (docs/, gold/, clean/)", description=__doc__
    )
    ev.add_argument("bench", type=Path, help="bench folder with docs/, gold/*.json and clean/")
    ev.add_argument("--format", choices=("text", "json"), default="text")
    ev.add_argument("--no-fix", action="store_true", help="detection scores only (no chrF/TER)")
    add_fix_options(ev)
    add_common(ev)  # --lang (or 'gold': each gold file's lang), --select, --ignore, --dict, --config
    ev.set_defaults(handler=run)


def evaluate_bench(args: argparse.Namespace) -> dict[str, Any]:
    """Run check and fix in-process on every bench document and score them (see repair.evaluation.score)."""
    from repair import __version__
    from repair.errors import UserError
    from repair.evaluation.run import Task, run_tasks
    from repair.evaluation.score import evaluate, load_bench
    from repair.resources.entity_index import load_index

    if args.format_in not in (None, "auto", "text"):
        raise UserError(f"--format-in {args.format_in}: eval scores plain-text bench documents")
    docs = load_bench(args.bench)
    gold_lang = args.lang == GOLD_LANGUAGE  # each document in its gold file's language
    options = argparse.Namespace(**{**vars(args), "lang": None}) if gold_lang else args
    settings, _ = settings_for(options, [str(args.bench / "docs")])
    dictionaries = settings.dictionaries  # configured, --dict, learned in review
    index = load_index(list(dictionaries))  # fail early, compile the cache once
    language = GOLD_LANGUAGE if gold_lang else settings.language
    min_confidence = settings.min_confidence
    tasks = [
        Task(d.name, str(d.path), d.text, d.lang if gold_lang and d.lang != "unknown" else None, d.clean)
        for d in docs
    ]
    outcomes = list(run_tasks(tasks, settings, args.jobs, fix=not args.no_fix, engine=engine_for(args)))
    findings = {o.name: o.findings for o in outcomes}
    fixed = None if args.no_fix else {o.name: o.fixed or "" for o in outcomes}
    ter = {o.name: o.ter for o in outcomes if o.ter is not None}
    result = evaluate(docs, findings, fixed, ter)
    result["tool"] = {"name": "mt-repair", "version": __version__, "dictionary_sha256": index.sha256}
    result["bench"] = str(args.bench)
    result["documents"] = len(docs)
    result["settings"] = {
        "min_confidence": min_confidence,
        "unsafe_fixes": args.unsafe_fixes,
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "lang": language,
        "dictionaries": [str(p) for p in dictionaries],
        "neural": settings.neural,
    }
    result["languages_detected"] = {o.name: o.language for o in outcomes}
    return result


def run(args: argparse.Namespace) -> int:
    """`mt-repair eval`: print the scores; exit 0 (2 on a missing or malformed bench)."""
    from repair.evaluation.render import render_json, render_text

    result = evaluate_bench(args)
    sys.stdout.write(render_json(result) if args.format == "json" else render_text(result))
    return 0
