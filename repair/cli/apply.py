"""`mt-repair apply PLAN`: replay a plan saved by `fix --plan`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from repair.cli.common import EXIT_CLEAN, EXIT_ERROR
from repair.errors import UserError


def register(commands: Any) -> None:
    """Add the `apply` sub-command."""
    apply_cmd = commands.add_parser("apply", help="replay a plan saved by `fix --plan`")
    apply_cmd.add_argument("plan", type=Path)
    apply_cmd.add_argument(
        "--output-dir", type=Path, help="write copies under DIR (the plan's paths kept) instead of in place"
    )
    apply_cmd.add_argument(
        "--root", type=Path, default=Path("."), help="folder the plan's paths are relative to (default: .)"
    )
    apply_cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Replay every file's edits; files changed since the plan, or outside --root, are refused,
    and so is a copy that a symbolic link would lead out of --output-dir (as `fix` refuses it)."""
    from repair.files import encode, read_source, write_atomic
    from repair.fixing.batch import output_target
    from repair.fixing.plans import load_plan, plan_target, replay

    errors = 0
    for entry in load_plan(args.plan):
        path = str(entry.get("path", "")) if isinstance(entry, dict) else repr(entry)
        try:
            path = str(plan_target(args.root, entry))
            source = read_source(path)
            fixed = replay(source.text, entry)
            target = output_target(path, str(args.root), args.output_dir) if args.output_dir else Path(path)
            write_atomic(target, encode(fixed, source), like=Path(path))
        except UserError as exc:
            print(f"mt-repair: error: {exc}", file=sys.stderr)
            errors += 1
        except OSError as exc:
            print(f"mt-repair: error: {path}: cannot write ({exc.strerror})", file=sys.stderr)
            errors += 1
    return EXIT_ERROR if errors else EXIT_CLEAN
