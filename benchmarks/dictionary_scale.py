"""Dictionary scaling: build, cached load and lookup cost for 1,000 to 100,000 entities.

Usage: python benchmarks/dictionary_scale.py [--sizes 1000,10000,100000]
Generates synthetic person/place records (random pronounceable names in Latin and Persian
letters), then measures: compiling the index (cold), loading it from the cache (what every
`check` pays), and the mean time of a fuzzy candidate lookup. Lookup time should stay flat as
the dictionary grows (hash lookups on skeleton neighbours, not a scan).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SYLLABLES = tuple("ka ko ri va lo mi ne sa tu be do fa gu hi ja ze ro na li po se ta vi wo".split(" "))
PERSIAN = tuple("کا کو ری وا لو می نه سا تو به دو فا گو هی جا زه رو نا لی پو سه تا وی".split(" "))


def _name(rng: random.Random, parts: tuple[str, ...], n: int) -> str:
    return "".join(rng.choice(parts) for _ in range(n))


def make_records(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for i in range(count):
        first, last = rng.randint(2, 3), rng.randint(2, 4)
        en = f"{_name(rng, SYLLABLES, first).title()} {_name(rng, SYLLABLES, last).title()}"
        fa = f"{_name(rng, PERSIAN, first)} {_name(rng, PERSIAN, last)}"
        records.append(
            {
                "id": f"synthetic_{i}",
                "type": "person",
                "names": {"en": en, "fr": en, "es": en, "fa": fa, "fa-AF": fa},
                "description": "synthetic entity",
            }
        )
    return records


PROBE = """
import sys, time, statistics
t = time.perf_counter()
from repair.resources.entity_index import load_index
index = load_index([__import__('pathlib').Path(sys.argv[1])], shipped=False)
load = time.perf_counter() - t
words = ["Vikorasa", "Kolimena", "Zarensky", "Tuvabedo", "Rilomisa"] * 40
t = time.perf_counter()
for w in words:
    index.similar_tokens(w)
lookup = (time.perf_counter() - t) / len(words)
print(load, lookup)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    print(f"{'entities':>9} {'compile s':>10} {'cached load s':>14} {'lookup ms':>10}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "entities.json"
            path.write_text(json.dumps(make_records(size), ensure_ascii=False), encoding="utf-8")
            env = {**os.environ, "MT_REPAIR_CACHE_DIR": str(Path(tmp) / "cache")}
            runs = []
            for _ in range(4):  # first run compiles, later ones load the cached index
                out = subprocess.run(
                    [sys.executable, "-c", PROBE, str(path)],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.split()
                runs.append((float(out[0]), float(out[1])))
            cached = statistics.median(r[0] for r in runs[1:])
            lookup = statistics.median(r[1] for r in runs[1:]) * 1000
            print(f"{size:>9} {runs[0][0]:>10.2f} {cached:>14.3f} {lookup:>10.3f}")


if __name__ == "__main__":
    main()
