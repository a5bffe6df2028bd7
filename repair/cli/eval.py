"""`mt-repair eval BENCH` (score the tool on a gold bench) and `mt-repair inject CLEAN OUT` (build one)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from repair.errors import UserError


def _kinds(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def register(subparsers: Any) -> None:
    """Add the `eval` and `inject` sub-commands."""
    from repair.cli.main import add_common

    ev = subparsers.add_parser(
        "eval",
        help="score findings and fixes on a gold bench (docs/, gold/, clean/)",
        description="Run check and fix in-process on every document of a bench and print precision, "
        "recall, F1, fix accuracy and trap hits (overall, per category, per gold language) and sacrebleu "
        "chrF/TER of the documents before and after fixing, as ../shared/bench/score.py defines them. "
        "--lang gold analyses each document in its gold file's language. Exit 0, or 2 on a bad bench.",
    )
    ev.add_argument("bench", type=Path, help="bench folder with docs/, gold/*.json and clean/")
    ev.add_argument("--format", choices=("text", "json"), default="text")
    ev.add_argument("--min-confidence", type=float, help="apply proposals at least this confident")
    ev.add_argument("--unsafe-fixes", action="store_true", help="also apply 'suggest' proposals")
    ev.add_argument("--no-fix", action="store_true", help="detection scores only (no chrF/TER)")
    ev.add_argument("--jobs", "-j", type=int, default=0, help="parallel workers (default: all cores)")
    add_common(ev)  # --lang (or 'gold': each gold file's lang), --select, --ignore, --dict, --config
    ev.set_defaults(handler=run_eval)

    inj = subparsers.add_parser(
        "inject",
        help="build a bench by injecting MT artifacts into clean texts",
        description="Write OUT_DIR/docs (damaged), gold (annotations) and clean (the originals) from the "
        "clean .txt files under CLEAN_DIR. Kinds: entity (dictionary names garbled through Cyrillic, "
        "Chinese syllables, Spanish/French spelling or another language's spelling), glued, punctuation, "
        "boilerplate, duplicate, untranslated (needs --parallel), orthography (Persian).",
    )
    inj.add_argument("clean_dir", type=Path, help="folder of clean .txt files (language folders allowed)")
    inj.add_argument("out_dir", type=Path, help="bench folder to write (docs/, gold/, clean/)")
    inj.add_argument("--seed", type=int, default=0, help="random seed (same seed, same bench)")
    inj.add_argument("--rate", type=float, default=1.0, help="artifacts per 1,000 characters (default 1)")
    inj.add_argument("--kinds", type=_kinds, help="artifact kinds, comma-separated (default: all)")
    inj.add_argument("--parallel", type=Path, help="root of a parallel corpus (en/, fr/, ...) for fragments")
    inj.add_argument("--lang", help="language of every input (default: folder name, else detected)")
    inj.add_argument(
        "--dict", dest="dicts", action="append", default=[], metavar="PATH", help="extra dictionary"
    )
    inj.add_argument("--no-traps", action="store_true", help="do not annotate correct names as traps")
    inj.add_argument("--force", action="store_true", help="replace the bench in a non-empty OUT_DIR")
    inj.set_defaults(handler=run_inject)


def run(args: argparse.Namespace) -> int:
    """Dispatch to the sub-command's handler."""
    return run_inject(args) if args.command == "inject" else run_eval(args)


def evaluate_bench(args: argparse.Namespace) -> dict[str, Any]:
    """Run check and fix in-process on every bench document and score them (see repair.evaluation.score)."""
    from repair import __version__
    from repair.cli.main import dictionaries as extra_dictionaries
    from repair.evaluation.run import RunSettings, Task, run_tasks
    from repair.evaluation.score import evaluate, load_bench
    from repair.resources.entity_index import load_index
    from repair.settings import load_config

    docs = load_bench(args.bench)
    config = load_config(args.config, [str(args.bench / "docs")])
    min_confidence = config.min_confidence if args.min_confidence is None else args.min_confidence
    if not 0 <= min_confidence <= 1:
        raise UserError(f"--min-confidence {min_confidence} must be between 0 and 1")
    dictionaries = tuple(extra_dictionaries(config, args.dicts))  # configured, --dict, learned in review
    index = load_index(list(dictionaries))  # fail early, compile the cache once
    language = args.lang or config.language
    settings = RunSettings(
        dictionaries=dictionaries,
        language=None if language == "gold" else language,
        select=tuple(args.select or config.select),
        ignore=(*config.ignore, *args.ignore),
        per_file_ignores=tuple(config.per_file_ignores.items()),
        config_root=config.root,
        min_confidence=min_confidence,
        unsafe=args.unsafe_fixes,
        fix=not args.no_fix,
        neural=config.neural if args.neural is None else args.neural,
        model=args.model or config.model,
    )
    gold_lang = language == "gold"
    tasks = [
        Task(d.name, str(d.path), d.text, d.lang if gold_lang and d.lang != "unknown" else None, d.clean)
        for d in docs
    ]
    outcomes = list(run_tasks(tasks, settings, args.jobs))
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


def run_eval(args: argparse.Namespace) -> int:
    """`mt-repair eval`: print the scores; exit 0 (2 on a missing or malformed bench)."""
    from repair.evaluation.render import render_json, render_text

    result = evaluate_bench(args)
    sys.stdout.write(render_json(result) if args.format == "json" else render_text(result))
    return 0


def run_inject(args: argparse.Namespace) -> int:
    """`mt-repair inject`: write the bench and a one-line summary on stderr."""
    from repair.inject.bench import InjectOptions, build_bench
    from repair.inject.document import KINDS
    from repair.resources.entity_index import load_index

    if args.rate <= 0:
        raise UserError(f"--rate {args.rate} must be positive")
    options = InjectOptions(
        seed=args.seed,
        rate=args.rate,
        kinds=tuple(args.kinds or KINDS),
        lang=args.lang,
        parallel=args.parallel,
        traps=not args.no_traps,
    )
    index = load_index([Path(p) for p in args.dicts])
    summary = build_bench(args.clean_dir, args.out_dir, options, index, force=args.force)
    counts = ", ".join(f"{kind} {n}" for kind, n in sorted(summary.artifacts.items())) or "none"
    print(
        f"{summary.documents} document(s), {sum(summary.artifacts.values())} artifact(s) ({counts}), "
        f"{summary.traps} trap(s) -> {args.out_dir}",
        file=sys.stderr,
    )
    return 0
