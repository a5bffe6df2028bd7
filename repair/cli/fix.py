"""`mt-repair fix PATH...`: apply safe repairs (a diff unless --write, --output-dir or stdin)."""

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
    add_fix_options,
    add_terminal_options,
    collect_inputs,
    engine_for,
    input_paths,
    settings_for,
)


def register(commands: Any) -> None:
    """Add the `fix` sub-command."""
    fix = commands.add_parser("fix", help="apply safe repairs (a diff unless --write/--output-dir)")
    fix.add_argument("paths", nargs="*", help="files, folders (recursive) or - (stdin to stdout)")
    out = fix.add_mutually_exclusive_group()
    out.add_argument("--write", action="store_true", help="rewrite files in place (atomically)")
    out.add_argument("--output-dir", type=Path, help="write repaired copies under DIR")
    fix.add_argument("--explain", action="store_true", help="print each applied edit and why")
    fix.add_argument("--plan", type=Path, help="save the applied edits as a replayable JSON plan")
    add_fix_options(fix)
    add_common(fix)
    add_terminal_options(fix)
    fix.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Fix every file (a diff, in place, into a folder or to stdout); print a summary on stderr."""
    import time
    from collections import Counter

    from repair.files import remove_stale_temporaries
    from repair.fixing.batch import FixOutput, fix_files, refuse_colliding_outputs
    from repair.report.terminal import highlight_diff, painter, use_colour
    from repair.resources.entity_index import load_index

    paths = input_paths(args)
    stdin = paths == ["-"]
    mode = "stdout" if stdin else "write" if args.write else "output" if args.output_dir else "diff"
    colour = mode == "diff" and use_colour(args.color, sys.stdout)
    paint = painter(True) if colour else None  # a terminal: the changed words highlighted
    settings, _ = settings_for(args, paths)
    engine = engine_for(args)
    load_index(list(settings.dictionaries))  # fail early (and compile the cache once) before workers start
    tasks, missing = collect_inputs(paths, settings, args.quiet)  # a missing argument: exit 2 at the end
    if mode == "output":
        refuse_colliding_outputs(tasks, args.output_dir)  # before any copy is written
    if mode == "write":  # what an earlier, killed run may have left beside the files
        remove_stale_temporaries({Path(path).parent for path, _ in tasks if path != "-"})
    started = time.perf_counter()
    outcomes, errors = [], missing
    fixed: Counter[str] = Counter()
    remaining: Counter[str] = Counter()
    shown = sys.stderr.isatty() and not stdin and len(tasks) > 1 and not args.quiet
    progress = Progress(len(tasks)) if shown else None
    for outcome in fix_files(tasks, settings, FixOutput(mode, args.output_dir), args.jobs, engine):
        if progress:
            progress.advance()
        if outcome.error:
            print(f"mt-repair: error: {outcome.error}", file=sys.stderr)
            errors += 1
            continue
        fixed.update(outcome.fixed_by_code)
        remaining.update(outcome.remaining)
        if outcome.diff and args.quiet < 2:  # piped: the plain unified diff, for scripts and patch
            sys.stdout.write(highlight_diff(outcome.diff, paint) if paint else outcome.diff)
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

        data = plan_dict(outcomes, settings.min_confidence, settings.unsafe)
        write_atomic(args.plan, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    elapsed = time.perf_counter() - started
    changed = sum(o.changed for o in outcomes)
    per_code = ", ".join(f"{code} {n}" for code, n in sorted(fixed.items())) or "none"
    verb = "fixed" if mode in ("write", "output", "stdout") else "would fix"
    if not args.quiet:
        print(
            f"{len(outcomes)} file(s), {changed} {verb} in {elapsed:.1f} s; edits: {per_code}; "
            f"{sum(remaining.values())} finding(s) remain",
            file=sys.stderr,
        )
    if errors:
        return EXIT_ERROR
    pending = mode == "diff" and changed
    return EXIT_FINDINGS if remaining or pending else EXIT_CLEAN


class Progress:
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
