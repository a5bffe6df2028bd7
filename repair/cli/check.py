"""`mt-repair check PATH...`: report artifacts; exit 1 while findings remain."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from repair.cli.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, add_common, collect_inputs, settings_for
from repair.errors import UserError


def register(commands: Any) -> None:
    """Add the `check` sub-command."""
    from repair.report import FORMATS

    check = commands.add_parser("check", help="report artifacts (exit 1 when findings remain)")
    check.add_argument("paths", nargs="+", help="files, folders (recursive) or - for stdin")
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("--baseline", type=Path, help="hide findings recorded in this baseline file")
    check.add_argument("--update-baseline", action="store_true", help="record current findings in --baseline")
    add_common(check)
    check.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check every file; print the report; 0 clean, 1 findings, 2 when a file could not be read."""
    from repair import __version__
    from repair.context import build_context
    from repair.engine import check_text, script_mismatch
    from repair.files import read_source
    from repair.report import FileResult, RunInfo, renderer

    if args.update_baseline and not args.baseline:
        raise UserError("--update-baseline needs --baseline FILE")
    settings, _ = settings_for(args, args.paths)
    context = build_context(settings.dictionaries, settings.neural, settings.model)
    results: list[FileResult] = []
    tasks, errors = collect_inputs(args.paths, settings)  # a missing argument: exit 2 at the end
    for path, _ in tasks:
        try:  # an unreadable file, or a malformed decisions file beside it
            source = read_source(path, settings.max_file_bytes)
            document, findings = check_text(source.text, path, settings, context, source.path)
        except UserError as exc:
            print(f"mt-repair: error: {exc}", file=sys.stderr)
            errors += 1
            continue
        results.append(FileResult(document, findings))
        mismatch = script_mismatch(document) if settings.language else None
        if mismatch:
            print(f"mt-repair: warning: {mismatch}", file=sys.stderr)
    if args.baseline:
        from repair.report import baseline

        if args.update_baseline:
            count = baseline.save(args.baseline, results)
            print(f"recorded {count} finding(s) in {args.baseline}", file=sys.stderr)
            return EXIT_ERROR if errors else EXIT_CLEAN
        results = baseline.subtract(results, baseline.load(args.baseline))
    sys.stdout.write(renderer(args.format)(results, RunInfo(__version__, context.dictionary_sha256)))
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(r.findings for r in results) else EXIT_CLEAN
