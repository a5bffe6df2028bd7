"""What every sub-command shares: exit codes, the one-line-error parser, the analysis options,
and the configuration + command line -> RunSettings step."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from collections.abc import Iterable

    from repair.fixing.engines import Engine
    from repair.report import FileResult, RunInfo, Write
    from repair.settings import Config, RunSettings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line and exit code 2 (argparse prints usage)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"mt-repair: error: {message}\n")


def codes(value: str) -> list[str]:
    """A comma-separated list of code prefixes, upper-cased."""
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
    command.add_argument("--select", type=codes, action="extend", default=[], help="code prefixes to run")
    command.add_argument("--ignore", type=codes, action="extend", default=[], help="code prefixes to skip")
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
    command.add_argument(
        "--format-in",
        choices=("auto", "text", "markdown", "po", "xliff", "srt", "html"),
        help="read the inputs in this format (default: by extension, then content)",
    )
    command.add_argument(
        "--include", action="append", default=[], metavar="GLOB", help="in folders, only matching files"
    )
    command.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB", help="in folders, skip matching files"
    )
    command.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply --exclude/--include (and the configuration's exclude) to files named on the "
        "command line too (for pre-commit and editors, which pass every file by name)",
    )
    command.add_argument(
        "--isolated",
        action="store_true",
        help="ignore every configuration file (.mt-repair.toml, [tool.mt-repair]); defaults and options only",
    )


def add_terminal_options(command: argparse.ArgumentParser) -> None:
    """What `check` and `fix` share about their inputs and output: --files-from, --quiet, --color."""
    from repair.report.terminal import COLOR_CHOICES

    command.add_argument(
        "--files-from",
        metavar="FILE",
        help="also take the paths listed in FILE, one per line (- reads the list from standard input)",
    )
    command.add_argument(
        "--quiet",
        "-q",
        action="count",
        default=0,
        help="-q: no summary, notes or warnings; -qq: nothing on standard output either (exit code only)",
    )
    command.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto",
        help="colour the output: auto (on a terminal, unless NO_COLOR is set), always, never",
    )


def add_report_options(command: argparse.ArgumentParser) -> None:
    """`check`'s ways to show findings: source snippets, or counts instead of the findings."""
    command.add_argument(
        "--show-source",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="text format: show each finding's source line with carets (default: on a terminal)",
    )
    counts = command.add_mutually_exclusive_group()
    counts.add_argument(
        "--statistics", action="store_true", help="print how many findings of each code, not the findings"
    )
    counts.add_argument("--count", action="store_true", help="print only the number of findings")


def input_paths(args: argparse.Namespace) -> list[str]:
    """The path arguments plus those listed by --files-from (blank lines skipped); at least one."""
    import sys

    from repair.errors import UserError

    paths = list(args.paths)
    source = getattr(args, "files_from", None)
    if source:
        if source == "-":
            if "-" in paths:
                raise UserError("--files-from - and the path - both want standard input")
            if sys.stdin is None:
                raise UserError("--files-from -: standard input is closed")
            try:
                listing = sys.stdin.buffer.read().decode("utf-8")
            except UnicodeDecodeError:
                raise UserError("--files-from -: the list is not UTF-8 text") from None
        else:
            try:
                with open(source, encoding="utf-8") as handle:
                    listing = handle.read()
            except FileNotFoundError:
                raise UserError(f"{source}: no such file (--files-from)") from None
            except (OSError, UnicodeDecodeError) as exc:
                reason = exc.__class__.__name__
                raise UserError(f"{source}: cannot read the list of files ({reason})") from None
        listed = [line.rstrip("\r") for line in listing.split("\n") if line.strip()]
        if any("\0" in line for line in listed):  # no file name holds one; the OS would refuse it
            raise UserError(f"{source}: a listed path holds a NUL byte (--files-from)")
        paths += listed
    if not paths:
        raise UserError("no paths given: name files or folders, - for standard input, or --files-from FILE")
    return paths


def add_fix_options(command: argparse.ArgumentParser) -> None:
    """The fixing options of `fix` and `eval`."""
    command.add_argument("--min-confidence", type=float, help="apply proposals at least this confident")
    command.add_argument("--unsafe-fixes", action="store_true", help="also apply 'suggest' proposals")
    add_pool_options(command, default_jobs=0)


def add_pool_options(command: argparse.ArgumentParser, default_jobs: int) -> None:
    """--jobs, --engine and --scheduler: how many workers, and where they run."""
    from repair.fixing.engines import ENGINE_NAMES, LOCAL_ENGINE

    default = "all cores" if default_jobs == 0 else str(default_jobs)
    help_jobs = f"parallel workers (0: all cores; default: {default})"
    command.add_argument("--jobs", "-j", type=int, default=default_jobs, help=help_jobs)
    command.add_argument(
        "--engine",
        choices=ENGINE_NAMES,
        default=LOCAL_ENGINE,
        help="where the workers run: local processes (default) or a Dask cluster (needs the 'dask' extra); "
        "dask without --scheduler starts a local Dask cluster of --jobs workers",
    )
    command.add_argument(
        "--scheduler",
        metavar="ADDR",
        help="address of a running Dask scheduler (tcp://host:8786) for --engine dask; "
        "its workers must see the same files and run the same mt-repair",
    )


def engine_for(args: argparse.Namespace) -> Engine:
    """The engine the command line asks for (--scheduler only with --engine dask)."""
    from repair.errors import UserError
    from repair.fixing.engines import Engine

    if args.scheduler and args.engine != "dask":
        raise UserError("--scheduler needs --engine dask")
    return Engine(args.engine, args.scheduler)


def collect_inputs(
    paths: list[str], settings: RunSettings, quiet: int = 0
) -> tuple[list[tuple[str, str]], int]:
    """(file, argument) for every input, printing a note for each skipped non-regular file (unless
    `quiet`) and an error for each missing argument (the others are still handled); the tasks and
    the error count."""
    import sys

    from repair.files import collect_tasks

    missing: list[str] = []
    notes: list[str] = []
    tasks = collect_tasks(paths, settings.is_excluded, missing, notes, settings.force_exclude)
    if settings.format_in is None:
        notes += unknown_kinds(tasks)
    for note in notes if not quiet else ():
        print(f"mt-repair: note: {note}", file=sys.stderr)
    for message in missing:
        print(f"mt-repair: error: {message}", file=sys.stderr)
    return tasks, len(missing)


def unknown_kinds(tasks: list[tuple[str, str]]) -> list[str]:
    """A note for each file named on the command line whose extension no format claims."""
    from pathlib import Path

    from repair.formats import SUFFIXES

    return [
        f"{path}: unknown file kind, read as plain text unless its content is XLIFF, PO, SRT or HTML"
        for path, argument in tasks
        if path == argument != "-" and Path(path).suffix.lower() not in SUFFIXES
    ]


def settings_for(args: argparse.Namespace, paths: list[str]) -> tuple[RunSettings, Config]:
    """The configuration (from --config or found from the first path; none with --isolated)
    under the command line."""
    from repair.errors import UserError
    from repair.registry import all_detectors
    from repair.settings import Config, load_config, run_settings

    if getattr(args, "isolated", False):
        if getattr(args, "config", None):
            raise UserError("--isolated ignores configuration: drop --config or --isolated")
        config = Config()
    else:
        config = load_config(getattr(args, "config", None), paths)
    return run_settings(args, config, [d.code for d in all_detectors()]), config


def stream_report(
    args: argparse.Namespace, results: Iterable[FileResult], info: RunInfo, write: Write
) -> None:
    """Write the report of --format as each file's result comes, or the --count / --statistics
    summary once all have come; source snippets and colour as --show-source and --color say
    (text format only). Every result is consumed, whatever is written."""
    import sys
    from dataclasses import replace

    from repair.report import streamer
    from repair.report.terminal import use_colour
    from repair.report.text import statistics

    if args.count:
        write(f"{sum(len(r.findings) for r in results)}\n")
        return
    if args.statistics:
        write(statistics(results))
        return
    show_source = sys.stdout.isatty() if args.show_source is None else args.show_source
    colour = use_colour(args.color, sys.stdout)
    info = replace(info, show_source=show_source, colour=colour, summary=not args.quiet)
    streamer(args.format)(results, info, write)
