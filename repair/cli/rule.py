"""`mt-repair rule CODE` and `rule --all`: what a detector code means."""

from __future__ import annotations

import argparse
from typing import Any

from repair.cli.common import EXIT_CLEAN
from repair.errors import UserError


def register(commands: Any) -> None:
    """Add the `rule` sub-command."""
    rule = commands.add_parser("rule", help="explain a detector code")
    rule.add_argument("code", nargs="?", help="code (ENT001) or name; omit with --all to list")
    rule.add_argument("--all", action="store_true", help="list every detector")
    rule.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print one detector's documentation, or the list of every detector."""
    from repair.registry import all_detectors, get

    if args.all or not args.code:
        for det in all_detectors():
            print(f"{det.code}  {det.name:32} {det.category:13} {det.summary}")
        return EXIT_CLEAN
    found = get(args.code)
    if found is None:
        raise UserError(f"unknown rule '{args.code}' (see `mt-repair rule --all`)")
    print(f"{found.code} {found.name} ({found.category})\n\n{found.doc}")
    return EXIT_CLEAN
