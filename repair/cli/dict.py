"""`mt-repair dict lint|import`: check dictionary files, convert CSV/JSON name lists to TOML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from repair.cli.common import EXIT_CLEAN, EXIT_ERROR, Parser


def register(commands: Any) -> None:
    """Add the `dict` sub-command and its own sub-commands."""
    dict_cmd = commands.add_parser("dict", help="work with entity dictionaries")
    dict_sub = dict_cmd.add_subparsers(dest="dict_command", required=True, parser_class=Parser)
    lint = dict_sub.add_parser("lint", help="check dictionaries and phrase lists (default: the shipped ones)")
    lint.add_argument("files", nargs="*")
    imp = dict_sub.add_parser(
        "import",
        help="convert a CSV or JSON name list, or Wikidata entity JSON (wikidata FILE), to TOML",
    )
    imp.add_argument("source", nargs="+", metavar="[wikidata] FILE")
    imp.add_argument("-o", "--output", help="write here (atomically) instead of stdout")
    dict_cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """`dict lint` or `dict import`."""
    from repair.resources.dict_import import read_records, to_toml

    if args.dict_command == "lint":
        from repair.resources.concepts import shipped_concept_files
        from repair.resources.dictionary import shipped_dictionary_files
        from repair.resources.lint import lint_paths
        from repair.resources.phrases import shipped_phrase_files

        files = [Path(f) for f in args.files]
        errors = lint_paths(files)
        for error in errors:
            print(error)
        if errors:
            return EXIT_ERROR
        shipped = [*shipped_dictionary_files(), *shipped_phrase_files(), *shipped_concept_files()]
        count = len(files) or len(shipped)
        print(f"{count} file(s) OK")
        return EXIT_CLEAN
    if len(args.source) == 2 and args.source[0] == "wikidata":
        from repair.resources.wikidata import read_wikidata

        text = to_toml(read_wikidata(Path(args.source[1])))
    elif len(args.source) == 1:
        text = to_toml(read_records(Path(args.source[0])))
    else:
        from repair.errors import UserError

        raise UserError("dict import takes FILE or 'wikidata FILE'")
    if args.output:
        from repair.files import write_atomic

        write_atomic(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_CLEAN
