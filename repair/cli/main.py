"""`mt-repair` command line: check, fix, apply, rule, dict (review, eval, inject: own modules)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from repair import __version__
from repair.errors import UserError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2 (argparse's default prints usage)
        self.exit(EXIT_ERROR, f"mt-repair: error: {message}\n")


def _codes(value: str) -> list[str]:
    return [v.strip().upper() for v in value.split(",") if v.strip()]


def add_common(command: argparse.ArgumentParser) -> None:
    """Options shared by the commands that analyse text (language, codes, dictionaries, neural)."""
    command.add_argument(
        "--neural",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="add sentence-encoder evidence (needs the 'neural' extra)",
    )
    command.add_argument("--model", help="local transformers model directory for --neural")
    command.add_argument("--lang", help="force the document language (en, fr, es, fa, fa-AF, ...)")
    command.add_argument("--select", type=_codes, action="extend", default=[], help="code prefixes to run")
    command.add_argument("--ignore", type=_codes, action="extend", default=[], help="code prefixes to skip")
    command.add_argument(
        "--dict",
        dest="dicts",
        action="append",
        default=[],
        metavar="PATH",
        help="extra dictionary (TOML or JSON list); repeatable",
    )
    command.add_argument(
        "--config", help="configuration file (default: nearest .mt-repair.toml/pyproject.toml)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = _Parser(prog="mt-repair", description="Find and repair machine-translation artifacts.")
    parser.add_argument("--version", action="version", version=f"mt-repair {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="report artifacts (exit 1 when findings remain)")
    check.add_argument("paths", nargs="+", help="files, folders (recursive) or - for stdin")
    from repair.report import FORMATS

    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("--baseline", type=Path, help="hide findings recorded in this baseline file")
    check.add_argument("--update-baseline", action="store_true", help="record current findings in --baseline")
    add_common(check)

    fix = commands.add_parser("fix", help="apply safe repairs (a diff unless --write/--output-dir)")
    fix.add_argument("paths", nargs="+", help="files, folders (recursive) or - (stdin to stdout)")
    out = fix.add_mutually_exclusive_group()
    out.add_argument("--write", action="store_true", help="rewrite files in place (atomically)")
    out.add_argument("--output-dir", type=Path, help="write repaired copies under DIR")
    fix.add_argument("--min-confidence", type=float, help="apply proposals at least this confident")
    fix.add_argument("--unsafe-fixes", action="store_true", help="also apply 'suggest' proposals")
    fix.add_argument("--explain", action="store_true", help="print each applied edit and why")
    fix.add_argument("--plan", type=Path, help="save the applied edits as a replayable JSON plan")
    fix.add_argument("--jobs", "-j", type=int, default=0, help="parallel workers (default: all cores)")
    add_common(fix)

    apply_cmd = commands.add_parser("apply", help="replay a plan saved by `fix --plan`")
    apply_cmd.add_argument("plan", type=Path)
    apply_cmd.add_argument("--output-dir", type=Path, help="write copies under DIR instead of in place")

    rule = commands.add_parser("rule", help="explain a detector code")
    rule.add_argument("code", nargs="?", help="code (ENT001) or name; omit with --all to list")
    rule.add_argument("--all", action="store_true", help="list every detector")

    dict_cmd = commands.add_parser("dict", help="work with entity dictionaries")
    dict_sub = dict_cmd.add_subparsers(dest="dict_command", required=True, parser_class=_Parser)
    lint = dict_sub.add_parser("lint", help="check dictionary files (default: the shipped ones)")
    lint.add_argument("files", nargs="*")
    imp = dict_sub.add_parser("import", help="convert a CSV or JSON name list to the TOML format")
    imp.add_argument("file")
    imp.add_argument("-o", "--output", help="write here (atomically) instead of stdout")
    for module in _command_modules():
        module.register(commands)
    return parser


# Sub-commands that live in their own modules: each has `register(subparsers)` (adds its parser
# with `set_defaults(handler=run)`) and `run(args) -> int`; they import heavy things inside `run`.
COMMAND_MODULES: tuple[str, ...] = ("repair.cli.eval", "repair.cli.review")


def _command_modules() -> list:
    import importlib

    return [importlib.import_module(name) for name in COMMAND_MODULES]


def _run_check(args: argparse.Namespace) -> int:
    from repair.context import build_context
    from repair.engine import analyse, make_document
    from repair.files import collect_paths, read_source
    from repair.registry import selected
    from repair.report import FileResult, RunInfo, renderer
    from repair.review.session import rejected_filter
    from repair.settings import load_config

    if args.update_baseline and not args.baseline:
        raise UserError("--update-baseline needs --baseline FILE")
    config = load_config(args.config, args.paths)
    context = build_context(
        dictionaries(config, args.dicts), use_neural(args, config), args.model or config.model
    )
    index = context.index
    select, ignore = args.select or config.select, [*config.ignore, *args.ignore]
    results, errors = [], 0
    for path in collect_paths(args.paths, config.is_excluded):
        try:
            source = read_source(path)
        except UserError as exc:
            print(f"mt-repair: error: {exc}", file=sys.stderr)
            errors += 1
            continue
        document = make_document(source.text, args.lang or config.language, source.path)
        detectors = selected(select, [*ignore, *config.ignores_for(path)])
        results.append(
            FileResult(document, rejected_filter(path, analyse(document, context, detectors), source.text))
        )
    if args.baseline:
        from repair.report import baseline

        if args.update_baseline:
            count = baseline.save(args.baseline, results)
            print(f"recorded {count} finding(s) in {args.baseline}", file=sys.stderr)
            return EXIT_ERROR if errors else EXIT_CLEAN
        results = baseline.subtract(results, baseline.load(args.baseline))
    sys.stdout.write(renderer(args.format)(results, RunInfo(__version__, index.sha256)))
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(r.findings for r in results) else EXIT_CLEAN


def dictionaries(config, extra: list[str]) -> list[Path]:
    """Dictionaries beyond the shipped ones: configured, `--dict`, then names learned in review."""
    from repair.review.session import learned_dictionary_path

    learned = learned_dictionary_path()
    return [*config.dictionaries, *(Path(p) for p in extra), *([learned] if learned else [])]


def use_neural(args: argparse.Namespace, config) -> bool:
    """--neural / --no-neural, else the configuration's `neural`."""
    return config.neural if args.neural is None else args.neural


def _fix_options(args: argparse.Namespace, mode: str):
    from repair.fixing.batch import FixOptions
    from repair.settings import load_config

    config = load_config(args.config, args.paths)
    min_confidence = config.min_confidence if args.min_confidence is None else args.min_confidence
    if not 0 <= min_confidence <= 1:
        raise UserError(f"--min-confidence {min_confidence} must be between 0 and 1")
    options = FixOptions(
        language=args.lang or config.language,
        select=tuple(args.select or config.select),
        ignore=(*config.ignore, *args.ignore),
        per_file_ignores=tuple(config.per_file_ignores.items()),
        config_root=config.root,
        dictionaries=tuple(dictionaries(config, args.dicts)),
        min_confidence=min_confidence,
        unsafe=args.unsafe_fixes,
        mode=mode,
        output_dir=args.output_dir,
        neural=use_neural(args, config),
        model=args.model or config.model,
    )
    return options, config


def _run_fix(args: argparse.Namespace) -> int:
    import os
    import time
    from collections import Counter

    from repair.files import collect_tasks
    from repair.fixing.batch import run
    from repair.resources.entity_index import load_index

    stdin = args.paths == ["-"]
    mode = "stdout" if stdin else "write" if args.write else "output" if args.output_dir else "diff"
    options, config = _fix_options(args, mode)
    load_index(list(options.dictionaries))  # fail early (and compile the cache once) before workers start
    tasks = collect_tasks(args.paths, config.is_excluded)
    started = time.perf_counter()
    outcomes, errors = [], 0
    fixed, remaining = Counter(), Counter()
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    progress = _progress(len(tasks)) if sys.stderr.isatty() and not stdin and len(tasks) > 1 else None
    for outcome in run(tasks, options, jobs):
        if progress:
            progress.advance()
        if outcome.error:
            print(f"mt-repair: error: {outcome.error}", file=sys.stderr)
            errors += 1
            continue
        fixed.update(outcome.fixed_by_code)
        remaining.update(outcome.remaining)
        if outcome.diff:
            sys.stdout.write(outcome.diff)
        if outcome.output:
            sys.stdout.write(outcome.output)
        if args.explain:
            for edit in outcome.applied:
                print(
                    f"{outcome.path}:{edit['line']}:{edit['column']}: {edit['code']} {edit['original']!r} -> "
                    f"{edit['replacement']!r} ({edit['confidence']:.2f}) {edit['rationale']}",
                    file=sys.stderr,
                )
        outcome.remaining = Counter()
        outcomes.append(outcome)
    if progress:
        progress.stop()
    if args.plan:
        import json

        from repair.files import write_atomic
        from repair.fixing.plans import plan_dict

        data = plan_dict(outcomes, options.min_confidence, options.unsafe)
        write_atomic(args.plan, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    elapsed = time.perf_counter() - started
    changed = sum(o.changed for o in outcomes)
    per_code = ", ".join(f"{code} {n}" for code, n in sorted(fixed.items())) or "none"
    verb = "fixed" if mode in ("write", "output", "stdout") else "would fix"
    print(
        f"{len(outcomes)} file(s), {changed} {verb} in {elapsed:.1f} s; edits: {per_code}; "
        f"{sum(remaining.values())} finding(s) remain",
        file=sys.stderr,
    )
    if errors:
        return EXIT_ERROR
    pending = mode == "diff" and changed
    return EXIT_FINDINGS if remaining or pending else EXIT_CLEAN


class _progress:
    """A rich progress bar on stderr (only when stderr is a terminal)."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._bar = Progress(
            "fixing",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._bar.add_task("fix", total=total)
        self._bar.start()

    def advance(self) -> None:
        self._bar.advance(self._task)

    def stop(self) -> None:
        self._bar.stop()


def _run_apply(args: argparse.Namespace) -> int:
    from repair.files import encode, read_source, write_atomic
    from repair.fixing.batch import output_path
    from repair.fixing.plans import load_plan, replay

    errors = 0
    for entry in load_plan(args.plan):
        path = str(entry.get("path", ""))
        try:
            source = read_source(path)
            fixed = replay(source.text, entry)
            target = output_path(path, path, args.output_dir) if args.output_dir else Path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, encode(fixed, source))
        except UserError as exc:
            print(f"mt-repair: error: {exc}", file=sys.stderr)
            errors += 1
        except OSError as exc:
            print(f"mt-repair: error: {path}: cannot write ({exc.strerror})", file=sys.stderr)
            errors += 1
    return EXIT_ERROR if errors else EXIT_CLEAN


def _run_rule(args: argparse.Namespace) -> int:
    from repair.registry import all_detectors, get

    if args.all or not args.code:
        for det in all_detectors():
            print(f"{det.code}  {det.name:32} {det.category:13} {det.summary}")
        return EXIT_CLEAN
    det = get(args.code)
    if det is None:
        raise UserError(f"unknown rule '{args.code}' (see `mt-repair rule --all`)")
    print(f"{det.code} {det.name} ({det.category})\n\n{det.doc}")
    return EXIT_CLEAN


def _run_dict(args: argparse.Namespace) -> int:
    from repair.resources.dict_import import lint, read_records, to_toml
    from repair.resources.dictionary import shipped_dictionary_files

    if args.dict_command == "lint":
        files = [Path(f) for f in args.files] or shipped_dictionary_files()
        errors = lint(files)
        for error in errors:
            print(error)
        if errors:
            return EXIT_ERROR
        print(f"{len(files)} file(s) OK")
        return EXIT_CLEAN
    text = to_toml(read_records(Path(args.file)))
    if args.output:
        from repair.files import write_atomic

        write_atomic(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 clean, 1 findings, 2 error)."""
    args = build_parser().parse_args(argv)
    handlers = {
        "check": _run_check,
        "fix": _run_fix,
        "apply": _run_apply,
        "rule": _run_rule,
        "dict": _run_dict,
    }
    handler = handlers.get(args.command) or args.handler
    try:
        return handler(args)
    except UserError as exc:
        print(f"mt-repair: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
