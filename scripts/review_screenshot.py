"""Regenerate docs/review.svg, the README's screenshot of the review screen (`mt-repair review`).

Usage, from anywhere, with the project's dependencies installed (`pip install -e '.[test]'`):

    python scripts/review_screenshot.py            # writes docs/review.svg
    python scripts/review_screenshot.py OUT.svg    # writes OUT.svg instead

It opens a copy of seeds/004_9c04875aba7a0d24.txt, named article.txt in a temporary folder so
that the screen shows a short file name, in a 100x30 terminal; accepts the first finding
(Vikov -> Witkoff), rejects the second (High), steps back twice to the first and exports the
screen as SVG. It reads this checkout's repair/ and tui/ packages, the shipped dictionaries
only (never the learned one), and saves nothing but the SVG: the copy is discarded.

Run it after changing the review screen, and commit docs/review.svg with the change.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "004_9c04875aba7a0d24.txt"
DEFAULT_OUTPUT = REPO / "docs" / "review.svg"
SIZE = (100, 30)
KEYS = ("a", "r", "p", "p")


async def screenshot(folder: Path) -> str:
    """The SVG of the review screen on article.txt in `folder`, after pressing KEYS."""
    from repair.context import Context
    from repair.resources.entity_index import load_index
    from repair.review.session import ReviewSession
    from tui.app import ReviewApp

    os.chdir(folder)
    app = ReviewApp(ReviewSession.open(["article.txt"], Context(index=load_index())))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*KEYS)
        await pilot.pause()
        return app.export_screenshot(title="mt-repair review")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT, help="(docs/review.svg)")
    args = parser.parse_args(argv)
    output = args.output.resolve()
    sys.path.insert(0, str(REPO))  # this checkout's packages, whatever is installed
    cwd = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="mt-repair-screenshot-") as tmp:
        folder = Path(tmp)
        shutil.copyfile(SEED, folder / "article.txt")
        os.environ["MT_REPAIR_LEARNED"] = str(folder / "learned.toml")  # never the user's file
        try:
            svg = asyncio.run(screenshot(folder))
        finally:
            os.chdir(cwd)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(svg, encoding="utf-8")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
