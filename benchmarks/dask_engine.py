"""The Dask engine's overhead: `mt-repair fix --engine dask` with two local workers against the
local engine with `--jobs 2`, on the same corpus of unique documents.

Usage: python benchmarks/dask_engine.py [--mb 3] [--command fix|check] [--ntrex ../shared/corpora/ntrex]
Takes NTREX documents (en/fr/es/fa, each once: unique text, no copies) up to --mb megabytes and
runs, one after the other: the local engine with --jobs 2; --engine dask --jobs 2 (the engine
starts and stops its own two-worker LocalCluster, so its start-up is counted); and --engine dask
--scheduler ADDR against a two-worker LocalCluster started beforehand (only the per-run cost: the
workers build their context, the chunks travel). Prints the median wall seconds over --rounds,
MB/s, the ratio to the local engine, and whether every run wrote the same output (it must).
"""

from __future__ import annotations

import argparse
import filecmp
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2  # the measure is defined for two workers on each engine


def build_corpus(source: Path, target: Path, megabytes: float) -> int:
    """Copy NTREX documents, each once, round-robin over the languages until `megabytes`; bytes."""
    by_language = [sorted(folder.glob("*.txt")) for folder in sorted(source.iterdir()) if folder.is_dir()]
    if not any(by_language):
        sys.exit(f"no documents under {source}")
    total = 0
    for row in range(max(len(docs) for docs in by_language)):
        for docs in by_language:
            if row >= len(docs) or total >= megabytes * 1_000_000:
                continue
            destination = target / docs[row].parent.name / docs[row].name
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(docs[row].read_bytes())
            total += destination.stat().st_size
    return total


def run(command: list[str], out: Path | None) -> float:
    """Wall seconds of one mt-repair run (exit 0 or 1; anything else stops the benchmark)."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    if out is not None:
        (out.parent / f"{out.name}.stdout").write_text(done.stdout, encoding="utf-8")
    return elapsed


def same_tree(left: Path, right: Path) -> bool:
    """True when two output folders hold the same files with the same bytes."""
    compared = filecmp.dircmp(left, right)
    if compared.left_only or compared.right_only or compared.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(left / d, right / d) for d in compared.common_dirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=3.0, help="corpus size cap (NTREX holds about 2.3 MB)")
    parser.add_argument("--command", choices=("fix", "check"), default="fix")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each engine (the median is shown)")
    parser.add_argument("--ntrex", type=Path, default=ROOT.parent / "shared" / "corpora" / "ntrex")
    args = parser.parse_args()
    from dask.distributed import LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        size = build_corpus(args.ntrex, corpus, args.mb)
        files = sum(1 for _ in corpus.rglob("*.txt"))
        print(f"corpus: {size / 1e6:.2f} MB of unique text in {files} files; {os.cpu_count()} cores")
        base = [sys.executable, "-m", "repair", args.command, str(corpus), "--jobs", str(WORKERS)]
        if args.command == "check":
            base += ["--format", "json"]
        with LocalCluster(
            n_workers=WORKERS,
            threads_per_worker=1,
            dashboard_address="127.0.0.1:0",
            scheduler_kwargs={"dashboard": False},
            silence_logs=logging.ERROR,
        ) as cluster:
            address = cluster.scheduler_address
            runs = {
                "local --jobs 2": [],
                "dask --jobs 2 (own LocalCluster)": ["--engine", "dask"],
                "dask --scheduler (running cluster)": ["--engine", "dask", "--scheduler", address],
            }
            times: dict[str, list[float]] = {label: [] for label in runs}
            outputs = []
            for round_number in range(args.rounds):  # the engines alternate, so drift hits each alike
                for number, (label, extra) in enumerate(runs.items()):
                    out = Path(tmp) / f"out{round_number}-{number}"
                    where = ["--output-dir", str(out)] if args.command == "fix" else []
                    times[label].append(run(base + extra + where, out))
                    outputs.append(out)
        title = f"mt-repair {args.command} (median wall time)"
        print(f"{title:<40} {'seconds':>8} {'MB/s':>6} {'ratio':>6}")
        local = statistics.median(times["local --jobs 2"])
        for label, seconds in ((label, statistics.median(t)) for label, t in times.items()):
            print(f"{label:<40} {seconds:>8.1f} {size / 1e6 / seconds:>6.3f} {seconds / local:>6.2f}")
        each = "; ".join(f"{label}: {', '.join(f'{t:.1f}' for t in ts)}" for label, ts in times.items())
        print(f"each run (s): {each}")
        stdouts = {(o.parent / f"{o.name}.stdout").read_text(encoding="utf-8") for o in outputs}
        trees = args.command != "fix" or all(same_tree(outputs[0], o) for o in outputs[1:])
        print(f"identical output on every engine: {len(stdouts) == 1 and trees}")


if __name__ == "__main__":
    main()
