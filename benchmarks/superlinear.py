"""Cost per MB of `mt-repair check` on input shapes that used to make it superlinear.

Usage: python benchmarks/superlinear.py [--sizes 0.1,1] [--shapes paragraph,names,...] [--timeout 300]
Each shape is generated at each size (MB) into a temporary file and checked in a fresh process
(`check --format json`, every detector on); the CPU time of an empty check is subtracted, and
the cost per MB is printed. Flat figures across sizes mean linear cost. Shapes:
- paragraph: frequent words of English (wordfreq), no sentence break, one line
- names: capitalised name-like words (random syllables), one line
- persian: Persian words without spaces (one giant token)
- word: one Latin word (random letters)
- parens: "(" repeated, no letters at all
- lines: ordinary short English sentences, one per line (the many-rows case for DUP and BOI)
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SYLLABLES = "ka ko ri va lo mi ne sa tu be do fa gu hi ja ze ro na li po se ta vi wo".split()


def _words(language: str, count: int) -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list(language, count) if w.isalpha()]


def _fill(size: int, pieces: Callable[[random.Random], str], sep: str) -> str:
    rng, out, total = random.Random(7), [], 0
    while total < size:
        piece = pieces(rng)
        out.append(piece)
        total += len((piece + sep).encode())
    return sep.join(out)[: size // 2 * 2]


def paragraph(size: int) -> str:
    words = _words("en", 5000)
    return _fill(size, lambda rng: rng.choice(words), " ")


def names(size: int) -> str:
    def name(rng: random.Random) -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()

    return _fill(size, name, " ")


def persian(size: int) -> str:
    words = _words("fa", 5000)
    text = _fill(size, lambda rng: rng.choice(words), "")
    return text[: size // 2]  # two bytes a letter


def word(size: int) -> str:
    rng = random.Random(7)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(size))


def parens(size: int) -> str:
    return "(" * size


def lines(size: int) -> str:
    words = _words("en", 5000)

    def sentence(rng: random.Random) -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))).capitalize() + "."

    return _fill(size, sentence, "\n")


SHAPES: dict[str, Callable[[int], str]] = {
    "paragraph": paragraph,
    "names": names,
    "persian": persian,
    "word": word,
    "parens": parens,
    "lines": lines,
}


def cpu_seconds(path: Path, timeout: float) -> float | None:
    """CPU seconds of one `check` of the file in a fresh process (None past the timeout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-m", "repair", "check", "--format", "json", str(path)]
    try:
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,1", help="sizes in MB (add 10 where time allows)")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a run is given up")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.txt"
        empty.write_text("Hello.\n", encoding="utf-8")
        startup = min(cpu_seconds(empty, args.timeout) or 0.0 for _ in range(3))
        print(f"start-up (subtracted): {startup:.2f} CPU-s")
        print(f"{'shape':<10}" + "".join(f"{f'{s:g} MB: CPU-s/MB':>20}" for s in sizes))
        for shape in args.shapes.split(","):
            cells = []
            for size in sizes:
                path = Path(tmp) / f"{shape}-{size:g}.txt"
                path.write_text(SHAPES[shape](int(size * 1_000_000)), encoding="utf-8")
                cpu = cpu_seconds(path, args.timeout)
                real = path.stat().st_size / 1e6
                cost = None if cpu is None else max(cpu - startup, 0) / real
                cells.append(f"> {args.timeout:.0f} s" if cost is None else f"{cost:.2f}")
                path.unlink()
            print(f"{shape:<10}" + "".join(f"{c:>20}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
