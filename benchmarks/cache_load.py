"""Cold-start load time of the compiled caches (word-frequency tables, spelling lists, symspell
dictionaries), per language.

Each measurement runs in a fresh interpreter against a cache directory that the first run
filled, so it times reading the cache, not building it. Usage:
    python benchmarks/cache_load.py [--languages en,fa] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

LOADERS = {  # one lookup each: a table or word set is read back whole (and checked) on first use
    "zipf-{lang}": "from repair.resources.lexicon import zipf; zipf('house', '{lang}')",
    "spelling-{lang}": "from repair.resources.segmentation import spelling_words as w; 'a' in w('{lang}')",
    "symspell-{lang}": "from repair.resources.segmentation import segmenter as s; s('{lang}')",
}


def _run(code: str, cache: str) -> float:
    env = {**os.environ, "MT_REPAIR_CACHE_DIR": cache}
    script = f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--languages", default="en,fa")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        jobs = [
            (name.format(lang=lang), code.format(lang=lang))
            for lang in args.languages.split(",")
            for name, code in LOADERS.items()
        ]
        print(f"| cache | build s | load s (best of {args.repeat}) | size KiB |")
        print("|---|---|---|---|")
        for name, code in jobs:
            before = set(os.listdir(cache))
            build = _run(code, cache)
            load = min(_run(code, cache) for _ in range(args.repeat))
            size = sum(os.path.getsize(os.path.join(cache, f)) for f in set(os.listdir(cache)) - before)
            print(f"| {name} | {build:.2f} | {load:.3f} | {size / 1024:.0f} |")


if __name__ == "__main__":
    main()
