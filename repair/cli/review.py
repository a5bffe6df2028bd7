"""`mt-repair review PATH...`: review findings in a terminal UI (Textual, imported only here)."""

from __future__ import annotations

import argparse
import sys

from repair.cli.common import add_common, settings_for
from repair.errors import UserError

BIDI_MODES = ("visual", "logical")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `review` sub-command."""
    review = subparsers.add_parser(
        "review",
        help="review findings interactively: accept, reject, edit, undo, save",
        description="Open a terminal UI to review the findings of text files; decisions are saved "
        "beside each file (FILE.mt-review.json) so a review can be resumed.",
    )
    review.add_argument("paths", nargs="+", help="files or folders (recursive .txt/.md)")
    review.add_argument(
        "--bidi",
        choices=BIDI_MODES,
        default="visual",
        help="right-to-left text: reorder it for display (visual, the default) or leave it in "
        "logical order for terminals that reorder themselves (GNOME Terminal, Konsole)",
    )
    add_common(review)
    review.set_defaults(handler=run)


def build_session(args: argparse.Namespace):
    """A ReviewSession for the command-line arguments (configuration, dictionaries, learned names)."""
    from repair.context import build_context
    from repair.files import collect_tasks
    from repair.review.session import ReviewSession

    if "-" in args.paths:
        raise UserError("review works on files, not standard input")
    settings, _ = settings_for(args, args.paths)
    context = build_context(settings.dictionaries, settings.neural, settings.model)
    tasks = collect_tasks(args.paths, settings.is_excluded, force_exclude=settings.force_exclude)
    paths = [path for path, _ in tasks]
    if not paths:
        raise UserError(f"{' '.join(args.paths)}: no text files to review")
    session = ReviewSession.open(paths, context, settings)
    session.load(0)  # analyse the first file now: a bad decisions file fails before the screen opens
    return session


def run(args: argparse.Namespace) -> int:
    """Open the review app; 0 when it closes normally."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError("review needs an interactive terminal (use `check` or `fix` in scripts)")
    session = build_session(args)
    from tui.app import ReviewApp

    ReviewApp(session, bidi=args.bidi).run()
    return 0
