"""Cold-process latency of `mt-repair check` on one file, with warm caches.

Usage: python benchmarks/check_latency.py [FILE] [--runs N]
Runs the CLI once to warm the caches, then N fresh processes, and prints min/median/p90.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(ROOT / "seeds" / "004_9c04875aba7a0d24.txt"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    command = [sys.executable, "-m", "repair", "check", "--format", "json", args.file]
    subprocess.run(command, capture_output=True, check=False)  # warm the caches
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    times.sort()
    p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
    print(f"check {Path(args.file).name}: {args.runs} cold processes, warm caches")
    print(f"min {times[0]:.3f} s  median {statistics.median(times):.3f} s  p90 {p90:.3f} s")


if __name__ == "__main__":
    main()
