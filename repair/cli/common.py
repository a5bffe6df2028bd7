"""What every sub-command shares: exit codes, the one-line-error parser, the analysis options,
and the configuration + command line -> RunSettings step."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from repair.fixing.engines import Engine
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


def collect_inputs(paths: list[str], settings: RunSettings) -> tuple[list[tuple[str, str]], int]:
    """(file, argument) for every input, printing a note for each skipped non-regular file and an
    error for each missing argument (the others are still handled); the tasks and the error count."""
    import sys

    from repair.files import collect_tasks

    missing: list[str] = []
    notes: list[str] = []
    tasks = collect_tasks(paths, settings.is_excluded, missing, notes)
    if settings.format_in is None:
        notes += unknown_kinds(tasks)
    for note in notes:
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
    """The configuration (from --config or found from the first path) under the command line."""
    from repair.registry import all_detectors
    from repair.settings import load_config, run_settings

    config = load_config(getattr(args, "config", None), paths)
    return run_settings(args, config, [d.code for d in all_detectors()]), config
