"""Peak memory of `mt-repair check` as the corpus grows: flat once the per-run caches are full.

Usage: python benchmarks/memory_flat.py [--sizes 0.5,1,2,4] [--language en] [--dict FILE]
The corpus of each size is made of unique documents whose vocabulary grows with it, as an
archive's does: each document takes sentences of the NTREX documents of the language (shared
bench) in a fresh random order, and one word in WORD_SWAP_RATE is swapped for a random word
of the language's wordfreq list (its first VOCABULARY words), so no two documents are alike
and the distinct words keep growing past every cache's bound. Peak memory is the largest RSS of
the process tree, sampled every 0.1 s (fix_throughput.measure); the cost per MB is CPU seconds.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path

from fix_throughput import SHARED, measure

WORD_SWAP_RATE = 5  # one word in five is swapped: the vocabulary grows as a corpus of many topics'
VOCABULARY = 200_000  # wordfreq words to draw from: far more than any per-run cache keeps
DOCUMENT_SENTENCES = 30  # sentences per made document: about a news article's length
SEED = 11  # the same corpora in every run, so runs compare


def _sentences(language: str) -> list[str]:
    folder = SHARED / "corpora" / "ntrex" / language
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 3]


def build(language: str, megabytes: float, target: Path) -> int:
    """Write unique documents of `language` up to `megabytes` under `target`; returns the bytes."""
    from wordfreq import top_n_list

    words = [w for w in top_n_list(language, VOCABULARY) if w.isalpha()]
    sentences = _sentences(language)
    rng = random.Random(SEED)
    target.mkdir(parents=True, exist_ok=True)
    total = number = 0
    while total < megabytes * 1_000_000:
        picked = rng.sample(sentences, min(DOCUMENT_SENTENCES, len(sentences)))
        tokens = " ".join(picked).split(" ")
        for i in range(0, len(tokens), WORD_SWAP_RATE):
            at = i + rng.randrange(WORD_SWAP_RATE)
            if at < len(tokens) and tokens[at].isalpha():
                tokens[at] = rng.choice(words)
        data = (" ".join(tokens) + "\n").encode()
        (target / f"doc{number:05d}.txt").write_bytes(data)
        total += len(data)
        number += 1
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5,1,2,4", help="corpus sizes in MB")
    parser.add_argument("--language", default="en")
    parser.add_argument("--dict", type=Path, help="an extra dictionary (e.g. 100,000 entities)")
    args = parser.parse_args()
    extra = ["--dict", str(args.dict)] if args.dict else []
    print(f"{'MB':>6} {'CPU s':>7} {'CPU s/MB':>9} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in (float(s) for s in args.sizes.split(",")):
            corpus = Path(tmp) / f"c{megabytes}"
            size = build(args.language, megabytes, corpus)
            command = [sys.executable, "-m", "repair", "check", "--format", "json", "--lang", args.language]
            run = measure([*command, *extra, str(corpus)])
            print(f"{size / 1e6:>6.2f} {run.cpu:>7.1f} {run.cpu / (size / 1e6):>9.1f} {run.peak_mb:>8.0f}")


if __name__ == "__main__":
    main()
