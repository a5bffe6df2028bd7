"""`mt-repair inject CLEAN OUT`: build a bench by injecting MT artifacts into clean texts.

Write OUT_DIR/docs (damaged), gold (annotations) and clean (the originals) from the clean .txt
files under CLEAN_DIR. Kinds: entity (a dictionary name of the text garbled through Cyrillic,
Chinese syllables, Spanish/French spelling or another language's spelling), glued, punctuation,
boilerplate (MT disclaimers and web residue lines), duplicate, untranslated (sentences from
--parallel), script (a short run in another script), orthography (Persian). Disclaimers, residue
lines and script runs come from the injector's own repair/inject/wordings.toml. Not in the
default set: entity-exonym, entity-reading, entity-phonetic, entity-ending put a hand-written
damaged form of a dictionary name (repair/inject/entity_damage.toml) in place of the name.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

from repair.errors import UserError


def _kinds(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def register(subparsers: Any) -> None:
    """Add the `inject` sub-command."""
    inj = subparsers.add_parser(
        "inject", help="build a bench by injecting MT artifacts into clean texts", description=__doc__
    )
    inj.add_argument("clean_dir", type=Path, help="folder of clean .txt files (language folders allowed)")
    inj.add_argument("out_dir", type=Path, help="bench folder to write (docs/, gold/, clean/)")
    inj.add_argument("--seed", type=int, default=0, help="random seed (same seed, same bench)")
    inj.add_argument("--rate", type=float, default=1.0, help="artifacts per 1,000 characters (default 1)")
    inj.add_argument("--kinds", type=_kinds, help="artifact kinds, comma-separated (default: all)")
    inj.add_argument("--parallel", type=Path, help="root of a parallel corpus (en/, fr/, ...) for fragments")
    inj.add_argument("--lang", help="language of every input (default: folder name, else detected)")
    inj.add_argument(
        "--dict", dest="dicts", action="append", default=[], metavar="PATH", help="extra dictionary"
    )
    inj.add_argument("--no-traps", action="store_true", help="do not annotate correct names as traps")
    inj.add_argument("--force", action="store_true", help="replace the bench in a non-empty OUT_DIR")
    inj.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """`mt-repair inject`: write the bench and a one-line summary on stderr."""
    from repair.inject.bench import InjectOptions, build_bench
    from repair.inject.document import KINDS
    from repair.resources.entity_index import load_index

    if not math.isfinite(args.rate) or args.rate <= 0:
        raise UserError(f"--rate {args.rate} must be a positive number")
    options = InjectOptions(
        seed=args.seed,
        rate=args.rate,
        kinds=tuple(args.kinds or KINDS),
        lang=args.lang,
        parallel=args.parallel,
        traps=not args.no_traps,
    )
    index = load_index([Path(p) for p in args.dicts])
    summary = build_bench(args.clean_dir, args.out_dir, options, index, force=args.force)
    counts = ", ".join(f"{kind} {n}" for kind, n in sorted(summary.artifacts.items())) or "none"
    print(
        f"{summary.documents} document(s), {sum(summary.artifacts.values())} artifact(s) ({counts}), "
        f"{summary.traps} trap(s) -> {args.out_dir}",
        file=sys.stderr,
    )
    return 0
