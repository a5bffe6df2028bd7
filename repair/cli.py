"""`mt-repair` command line: check, rule, dict (lint, import)."""

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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = _Parser(prog="mt-repair", description="Find and repair machine-translation artifacts.")
    parser.add_argument("--version", action="version", version=f"mt-repair {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="report artifacts (exit 1 when findings remain)")
    check.add_argument("paths", nargs="+", help="files, folders (recursive) or - for stdin")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--lang", help="force the document language (en, fr, es, fa, fa-AF, ...)")
    check.add_argument("--select", type=_codes, action="extend", default=[], help="code prefixes to run")
    check.add_argument("--ignore", type=_codes, action="extend", default=[], help="code prefixes to skip")
    check.add_argument(
        "--dict",
        dest="dicts",
        action="append",
        default=[],
        metavar="PATH",
        help="extra dictionary (TOML or JSON list); repeatable",
    )
    check.add_argument(
        "--config", help="configuration file (default: nearest .mt-repair.toml/pyproject.toml)"
    )

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
    return parser


def _run_check(args: argparse.Namespace) -> int:
    from repair.analysis import Context, analyse, make_document
    from repair.config import load_config
    from repair.entity_index import load_index
    from repair.inputs import collect_paths, read_source
    from repair.registry import selected
    from repair.report import FileResult, RunInfo, renderer

    config = load_config(args.config, args.paths)
    index = load_index([*config.dictionaries, *(Path(p) for p in args.dicts)])
    detectors = selected(args.select or config.select, [*config.ignore, *args.ignore])
    context = Context(index=index)
    results, errors = [], 0
    for path in collect_paths(args.paths):
        try:
            source = read_source(path)
        except UserError as exc:
            print(f"mt-repair: error: {exc}", file=sys.stderr)
            errors += 1
            continue
        document = make_document(source.text, args.lang or config.language, source.path)
        results.append(FileResult(document, analyse(document, context, detectors)))
    sys.stdout.write(renderer(args.format)(results, RunInfo(__version__, index.sha256)))
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(r.findings for r in results) else EXIT_CLEAN


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
    from repair.dict_tools import lint, read_records, to_toml
    from repair.dictionary import shipped_dictionary_files

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
        from repair.fileio import write_atomic

        write_atomic(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 clean, 1 findings, 2 error)."""
    args = build_parser().parse_args(argv)
    handlers = {"check": _run_check, "rule": _run_rule, "dict": _run_dict}
    try:
        return handlers[args.command](args)
    except UserError as exc:
        print(f"mt-repair: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
