"""`mt-repair check PATH...`: report artifacts; exit 1 while findings remain."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    settings_for,
    stream_report,
)
from repair.errors import UserError

if TYPE_CHECKING:
    from repair.fixing.checks import CheckOutcome
    from repair.report import FileResult


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
    from repair.fixing.checks import check_files
    from repair.report import RunInfo

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
    tasks, errors = collect_inputs(paths, settings, args.quiet)  # a missing argument: exit 2 at the end
    tally = _Tally(errors)
    results = tally.results(check_files(tasks, settings, args.jobs, engine), args.quiet)
    if args.baseline:
        from repair.report import baseline

        if args.update_baseline:
            count = baseline.save(args.baseline, results)
            if not args.quiet:
                print(f"recorded {count} finding(s) in {args.baseline}", file=sys.stderr)
            return EXIT_ERROR if tally.errors else EXIT_CLEAN
        results = baseline.subtract(results, baseline.load(args.baseline))
    results = tally.counted(results)
    info = RunInfo(__version__, dictionaries.dictionary_sha256)
    # Each file's report is written as soon as it is checked, so only one document is held.
    stream_report(args, results, info, sys.stdout.write if args.quiet < 2 else _discard)
    if tally.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if tally.findings else EXIT_CLEAN


def _discard(_: str) -> None:
    """The writer of -qq: nothing on stdout."""


class _Tally:
    """Errors and findings met while the results stream through the report."""

    def __init__(self, errors: int) -> None:
        self.errors = errors
        self.findings = False

    def results(self, outcomes: Iterator[CheckOutcome], quiet: int) -> Iterator[FileResult]:
        """Each outcome as a report result; errors and warnings on stderr as they come."""
        from repair.document import Document
        from repair.report import FileResult

        for outcome in outcomes:
            if outcome.error:  # an unreadable file, or a malformed decisions file beside it
                print(f"mt-repair: error: {outcome.error}", file=sys.stderr)
                self.errors += 1
                continue
            document = Document(outcome.text, outcome.language, outcome.shown_as)
            if outcome.warning and not quiet:
                print(f"mt-repair: warning: {outcome.warning}", file=sys.stderr)
            yield FileResult(document, outcome.findings)

    def counted(self, results: Iterator[FileResult]) -> Iterator[FileResult]:
        """The results, noting whether any has findings (after the baseline)."""
        for result in results:
            self.findings = self.findings or bool(result.findings)
            yield result
