"""`mt-repair check PATH...`: report artifacts; exit 1 while findings remain."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from repair.cli.common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    add_common,
    add_pool_options,
    add_report_options,
    add_terminal_options,
    collect_inputs,
    engine_for,
    input_paths,
    render_report,
    settings_for,
)
from repair.errors import UserError


def register(commands: Any) -> None:
    """Add the `check` sub-command."""
    from repair.report import FORMATS

    check = commands.add_parser("check", help="report artifacts (exit 1 when findings remain)")
    check.add_argument("paths", nargs="*", help="files, folders (recursive) or - for stdin")
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("--baseline", type=Path, help="hide findings recorded in this baseline file")
    check.add_argument("--update-baseline", action="store_true", help="record current findings in --baseline")
    add_pool_options(check, default_jobs=1)
    add_common(check)
    add_terminal_options(check)
    add_report_options(check)
    check.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check every file; print the report; 0 clean, 1 findings, 2 when a file could not be read."""
    from repair import __version__
    from repair.context import build_context
    from repair.document import Document
    from repair.fixing.checks import check_files
    from repair.report import FileResult, RunInfo

    if args.update_baseline and not args.baseline:
        raise UserError("--update-baseline needs --baseline FILE")
    if (args.statistics or args.count) and args.format != "text":
        raise UserError(f"--{'count' if args.count else 'statistics'} replaces the report: drop --format")
    paths = input_paths(args)
    settings, _ = settings_for(args, paths)
    engine = engine_for(args)
    # The dictionaries are checked and keyed now (a bad one fails before workers start); the
    # index itself is compiled only where a selected detector reads it.
    dictionaries = build_context(settings.dictionaries)
    results: list[FileResult] = []
    tasks, errors = collect_inputs(paths, settings, args.quiet)  # a missing argument: exit 2 at the end
    for outcome in check_files(tasks, settings, args.jobs, engine):
        if outcome.error:  # an unreadable file, or a malformed decisions file beside it
            print(f"mt-repair: error: {outcome.error}", file=sys.stderr)
            errors += 1
            continue
        document = Document(outcome.text, outcome.language, outcome.shown_as)
        results.append(FileResult(document, outcome.findings))
        if outcome.warning and not args.quiet:
            print(f"mt-repair: warning: {outcome.warning}", file=sys.stderr)
    if args.baseline:
        from repair.report import baseline

        if args.update_baseline:
            count = baseline.save(args.baseline, results)
            if not args.quiet:
                print(f"recorded {count} finding(s) in {args.baseline}", file=sys.stderr)
            return EXIT_ERROR if errors else EXIT_CLEAN
        results = baseline.subtract(results, baseline.load(args.baseline))
    if args.quiet < 2:
        sys.stdout.write(render_report(args, results, RunInfo(__version__, dictionaries.dictionary_sha256)))
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(r.findings for r in results) else EXIT_CLEAN
