"""CPU seconds per detector of one `mt-repair check --format json` run, in this process.

Usage: python benchmarks/detector_cost.py DIR [DIR ...] [--select CODES]
Each detector's `Detector.run` is timed (process CPU time) while `check` runs as usual, and so
is `engine.make_document`; a detector that reads a per-document result another one computed
first (the boilerplate lines BOI001 and BOI002 share, the document's tokens) is charged only
what is left. The report goes to stdout; `check`'s own output is discarded.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from repair import engine, registry
from repair.cli.main import main as repair_main


def _timed(spent: defaultdict[str, float], label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--select", default="", help="code prefixes, as for `check --select`")
    args = parser.parse_args()
    spent: defaultdict[str, float] = defaultdict(float)
    run = registry.Detector.run

    def timed_run(self: registry.Detector, document: Any, context: Any) -> Iterable[Any]:
        start = time.process_time()
        found = list(run(self, document, context))
        spent[self.code] += time.process_time() - start
        return found

    registry.Detector.run = timed_run  # type: ignore[method-assign]
    engine.make_document = _timed(spent, "make_document", engine.make_document)  # type: ignore[assignment]
    command = ["check", "--format", "json", *(["--select", args.select] if args.select else []), *args.paths]
    start = time.process_time()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        repair_main(command)
    print(f"whole check {time.process_time() - start:.2f} CPU-s (imports excluded)")
    for label, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        if seconds >= 0.005:
            print(f"  {label:<14} {seconds:.2f}")


if __name__ == "__main__":
    main()
