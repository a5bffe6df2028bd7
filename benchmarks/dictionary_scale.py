"""Dictionary scaling: build, cached load and lookup cost for 1,000 to 100,000 entities.

Usage: python benchmarks/dictionary_scale.py [--sizes 1000,10000,100000] [--text DIR]
Generates synthetic person/place records (random pronounceable names in Latin and Persian
letters), then measures: compiling the index (cold), loading it from the cache (what every
`check` pays), and the mean time of a fuzzy candidate lookup. Lookup time should stay flat as
the dictionary grows (hash lookups on skeleton neighbours, not a scan). With real text (--text,
default the shared NTREX English documents when present), it also times a whole `check`, `fix`
and review (the analysis the review UI runs as each file is shown; --jobs) of that folder with
the shipped dictionary alone and with the synthetic one added (CPU seconds), and prints the
ratios: the cost of a large dictionary on real text, not on a probe of five words; and the
cold start: a fresh `check` of the folder's first document (CPU seconds, index compiled),
which must not grow with the dictionary. Each job's figure is the least of --repeat runs
(default 3), each run with the extra dictionary beside one with the shipped dictionary alone;
its ratio is the median of those pairs' ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
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
from repair.resources.entity_index import joined, load_index
index = load_index([__import__('pathlib').Path(sys.argv[1])], shipped=False)
load = time.perf_counter() - t
words = ["Vikorasa", "Kolimena", "Zarensky", "Tuvabedo", "Rilomisa"] * 40
t = time.perf_counter()
for w in words:
    joined(index.key_blocks(w))  # the candidates and their keys, as look_alikes reads them
lookup = (time.perf_counter() - t) / len(words)
print(load, lookup)
"""


def first_page(text: Path) -> Path:
    """The folder's first document: what a cold `check` of one page reads."""
    return sorted(p for p in text.iterdir() if p.is_file())[0]


REVIEW = """
import sys
from pathlib import Path
from repair.collector import collect_rarely
from repair.context import Context
from repair.resources.entity_index import load_index
from repair.review.session import ReviewSession
collect_rarely()  # as `mt-repair review` does (repair.cli.main)
folder, extra = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
paths = sorted(str(p) for p in folder.iterdir() if p.is_file())
session = ReviewSession.open(paths, Context(index=load_index(extra)))
for i in range(len(paths)):
    session.load(i)  # what the review UI runs as each file is first shown
from repair.cli.main import exit_now
exit_now(0)  # as `mt-repair review` ends (repair.cli.main.run), without the interpreter's teardown
"""


def job(name: str, text: Path, extra: Path | None, out: Path) -> list[str]:
    """The command of a job (check, fix or review) over a folder, with an extra dictionary."""
    dictionary = ["--dict", str(extra)] if extra else []
    if name == "review":
        return [sys.executable, "-c", REVIEW, str(text), *([str(extra)] if extra else [])]
    if name == "fix":
        return [sys.executable, "-m", "repair", "fix", str(text), "--output-dir", str(out), *dictionary]
    return [sys.executable, "-m", "repair", "check", "--format", "json", str(text), *dictionary]


def job_cpu(name: str, text: Path, env: dict[str, str], extra: Path | None) -> float:
    """CPU seconds of a job over a folder, with an extra dictionary or the shipped one alone."""
    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(job(name, text, extra, Path(out) / "fixed"), env=env, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def check_cpu(text: Path, env: dict[str, str], extra: Path | None) -> float:
    """CPU seconds of `check` over a folder (see job_cpu)."""
    return job_cpu("check", text, env, extra)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    default_text = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ntrex" / "en"
    parser.add_argument("--text", type=Path, default=default_text if default_text.is_dir() else None)
    parser.add_argument("--jobs", default="check,fix,review", help="whole runs timed over --text")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per job, shipped and extra in turn (least CPU, median ratio of pairs)",
    )
    args = parser.parse_args()
    jobs = [j for j in args.jobs.split(",") if j] if args.text else []
    with tempfile.TemporaryDirectory() as shipped_tmp:
        shipped_env = {**os.environ, "MT_REPAIR_CACHE_DIR": str(Path(shipped_tmp) / "cache")}
        if args.text:
            check_cpu(args.text, shipped_env, None)  # compile the caches
        header = "".join(f" {name + ' CPU s':>13} {'shipped':>8} {'ratio':>6}" for name in jobs)
        header += f" {'cold check s':>13} {'shipped':>8}" if jobs else ""
        print(f"{'entities':>9} {'compile s':>10} {'cached load s':>14} {'lookup ms':>10}{header}")
        for size in (int(s) for s in args.sizes.split(",")):
            print(scale_row(size, args.text, jobs, args.repeat, shipped_env), flush=True)


def scale_row(size: int, text: Path | None, jobs: list[str], repeat: int, shipped_env: dict[str, str]) -> str:
    """One row of the table: compile, cached load and lookup cost with `size` extra entities,
    and each job's CPU seconds (the least of `repeat` runs, each beside a run with the shipped
    dictionary alone, so that a slower or busier minute of the machine weighs on both) and the
    median ratio of those pairs."""
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
        row = f"{size:>9} {runs[0][0]:>10.2f} {cached:>14.3f} {lookup:>10.3f}"
        if not text or not jobs:
            return row
        check_cpu(text, env, path)  # compile the merged index once
        for name in jobs:
            base, cpu, ratio = paired_runs(partial(job_cpu, name, text), shipped_env, env, path, repeat)
            row += f" {cpu:>13.2f} {base:>8.2f} {ratio:>6.2f}"
        page = first_page(text)
        base, cpu, _ = paired_runs(partial(check_cpu, page), shipped_env, env, path, repeat)
        return row + f" {cpu:>13.2f} {base:>8.2f}"


def paired_runs(
    run: Callable[[dict[str, str], Path | None], float],
    shipped_env: dict[str, str],
    env: dict[str, str],
    path: Path,
    repeat: int,
) -> tuple[float, float, float]:
    """The least CPU seconds of `repeat` runs with the shipped dictionary and with the extra
    one, run in turn, and the median of each pair's ratio: this machine's speed drifts by
    10-20 % over minutes, and the two runs of a pair share their minute, while the two least
    runs may not."""
    shipped, extra = [], []
    for _ in range(max(1, repeat)):
        shipped.append(run(shipped_env, None))
        extra.append(run(env, path))
    ratio = statistics.median(e / s for s, e in zip(shipped, extra, strict=True))
    return min(shipped), min(extra), ratio


if __name__ == "__main__":
    main()
