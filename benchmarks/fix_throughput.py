"""`mt-repair fix` throughput (MB/s) and peak memory on a corpus built from NTREX, with codespell
on the same corpus as a reference point.

Usage: python benchmarks/fix_throughput.py [--mb 50] [--jobs 1,2] [--ntrex ../shared/corpora/ntrex]
Copies the NTREX documents (all languages) repeatedly into a temporary corpus of at least --mb
megabytes, runs `mt-repair fix CORPUS --output-dir OUT --jobs N` for each N, and `codespell
CORPUS` once; peak memory is the largest summed RSS of the process tree, sampled every 0.1 s.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_corpus(source: Path, target: Path, megabytes: float) -> int:
    """Copy source documents round after round until the corpus holds `megabytes`; returns bytes."""
    documents = sorted(p for p in source.glob("*/*.txt"))
    if not documents:
        sys.exit(f"no documents under {source}")
    total, round_number = 0, 0
    while total < megabytes * 1_000_000:
        folder = target / f"round{round_number:03d}"
        for doc in documents:
            destination = folder / doc.parent.name / doc.name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(doc, destination)
            total += doc.stat().st_size
        round_number += 1
    return total


def _tree_rss_kb(pid: int) -> int:
    """Summed resident memory of a process and its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        ppid = int(fields.get("PPid", "0").strip())
        children.setdefault(ppid, []).append(int(entry.name))
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    stack, total = [pid], 0
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack += children.get(current, [])
    return total


def measure(command: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak tree RSS (MB) of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    return elapsed, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--ntrex", type=Path, default=ROOT.parent / "shared" / "corpora" / "ntrex")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        size = build_corpus(args.ntrex, corpus, args.mb)
        files = sum(1 for _ in corpus.rglob("*.txt"))
        print(f"corpus: {size / 1e6:.1f} MB in {files} files (NTREX en/fr/es/fa, repeated)")
        print(f"{'command':<34} {'seconds':>8} {'MB/s':>7} {'peak MB':>8}")
        for jobs in (int(j) for j in args.jobs.split(",")):
            out = Path(tmp) / f"out{jobs}"
            command = [
                sys.executable,
                "-m",
                "repair",
                "fix",
                str(corpus),
                "--output-dir",
                str(out),
                "--jobs",
                str(jobs),
            ]
            seconds, peak = measure(command)
            label = f"mt-repair fix --jobs {jobs}"
            print(f"{label:<34} {seconds:>8.1f} {size / 1e6 / seconds:>7.2f} {peak:>8.0f}")
            shutil.rmtree(out, ignore_errors=True)
        codespell = shutil.which("codespell")
        if codespell:
            seconds, peak = measure([codespell, str(corpus)])
            print(f"{'codespell (reference)':<34} {seconds:>8.1f} {size / 1e6 / seconds:>7.2f} {peak:>8.0f}")
        else:
            print("codespell not installed (pip install codespell) - reference skipped")


if __name__ == "__main__":
    main()
