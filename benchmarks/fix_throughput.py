"""`mt-repair check` and `fix` throughput (MB per CPU-second) and peak memory on a corpus of
unique documents, with codespell (and typos, when installed) on the same corpus in the same run.

Usage: python benchmarks/fix_throughput.py [--mb 5] [--jobs 1,2] [--commands check,fix]
                                           [--rounds 1] [--corpus DIR ...]
The corpus holds every `*.txt` under the --corpus folders (default: the NTREX en/fr/es/fa
documents and the TICO-19 Persian documents of the shared bench) once each, in name order,
up to --mb megabytes: no document is copied twice, since copies flatter every cache. CPU time
is the user + system time of the command and every process it waited for; peak memory is the
largest summed RSS of the process tree, sampled every 0.1 s. The ratio compares MB per
CPU-second with codespell's. With --rounds N every command runs N times, the order reversed
on every other round, and the least CPU time of each is reported: a shared machine's speed
drifts by up to 2x within minutes, and sequential single runs turn that drift into ratios.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_CORPORA = (SHARED / "corpora" / "ntrex", SHARED / "bench" / "zwnj-dev" / "docs")


def build_corpus(sources: list[Path], target: Path, megabytes: float) -> tuple[int, int]:
    """Copy each distinct document of `sources` once until `megabytes` is reached;
    returns (bytes, files). Documents with the same content are copied once."""
    seen: set[bytes] = set()
    total = files = 0
    for number, source in enumerate(sources):
        for doc in sorted(source.rglob("*.txt")):
            data = doc.read_bytes()
            if data in seen or total >= megabytes * 1_000_000:
                continue
            seen.add(data)
            destination = target / f"{number}" / doc.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
            total += len(data)
            files += 1
    return total, files


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


@dataclass(frozen=True)
class Run:
    """What one command cost."""

    wall: float
    cpu: float
    peak_mb: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(command: list[str]) -> Run:
    """Wall time, CPU time (the command and the processes it waited for) and peak tree RSS."""
    cpu_before = _children_cpu()
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
    return Run(elapsed, _children_cpu() - cpu_before, peak / 1024)


def _run_rounds(plan: dict[str, list[str]], rounds: int, scratch: Path) -> dict[str, Run]:
    """Run every command of `plan` `rounds` times, the order reversed on odd rounds; keep each
    command's least CPU and wall time and its largest peak."""
    best: dict[str, Run] = {}
    for number in range(rounds):
        labels = list(plan) if number % 2 == 0 else list(reversed(plan))
        for label in labels:
            run = measure(plan[label])
            for leftover in scratch.glob("out*"):
                shutil.rmtree(leftover, ignore_errors=True)
            kept = best.get(label)
            best[label] = (
                run
                if kept is None
                else Run(min(kept.wall, run.wall), min(kept.cpu, run.cpu), max(kept.peak_mb, run.peak_mb))
            )
    return {label: best[label] for label in plan}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5, help="corpus size cap (unique documents only)")
    parser.add_argument("--jobs", default="1,2", help="--jobs values for fix")
    parser.add_argument("--commands", default="check,fix", help="which of check, fix to run")
    parser.add_argument("--rounds", type=int, default=1, help="runs per command; the least CPU is kept")
    parser.add_argument("--corpus", type=Path, nargs="+", default=list(DEFAULT_CORPORA))
    args = parser.parse_args()
    commands = args.commands.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        size, files = build_corpus(args.corpus, corpus, args.mb)
        if not files:
            sys.exit(f"no documents under {', '.join(map(str, args.corpus))}")
        megabytes = size / 1e6
        print(f"corpus: {megabytes:.2f} MB in {files} unique files")
        plan: dict[str, list[str]] = {}
        mt_repair = [sys.executable, "-m", "repair"]
        if "check" in commands:
            plan["mt-repair check"] = [*mt_repair, "check", "--format", "json", str(corpus)]
        if "fix" in commands:
            for jobs in (int(j) for j in args.jobs.split(",")):
                out = Path(tmp) / f"out{jobs}"
                plan[f"mt-repair fix --jobs {jobs}"] = [
                    *mt_repair,
                    "fix",
                    str(corpus),
                    "--output-dir",
                    str(out),
                    "--jobs",
                    str(jobs),
                ]
        for tool in ("codespell", "typos"):
            found = shutil.which(tool) or (
                str(Path(sys.executable).parent / tool)
                if (Path(sys.executable).parent / tool).is_file()
                else None
            )
            if found:
                plan[f"{tool} (reference)"] = [found, str(corpus)]
            else:
                print(f"{tool} not installed - reference skipped")
        runs = _run_rounds(plan, args.rounds, Path(tmp))
        references = {label.split()[0]: run for label, run in runs.items() if "(reference)" in label}
        reference = references.get("codespell")
        print(
            f"{'command':<28} {'wall s':>7} {'CPU s':>7} {'MB/CPU-s':>9} {'peak MB':>8} {'x codespell':>12}"
        )
        for label, run in runs.items():
            rate = megabytes / run.cpu if run.cpu else float("inf")
            ratio = f"{rate / (megabytes / reference.cpu):.3f}" if reference and reference.cpu else "-"
            print(
                f"{label:<28} {run.wall:>7.1f} {run.cpu:>7.1f} {rate:>9.3f} {run.peak_mb:>8.0f} {ratio:>12}"
            )
        check, fix = runs.get("mt-repair check"), runs.get("mt-repair fix --jobs 1")
        if check and fix and check.cpu:
            print(f"fix --jobs 1 / check CPU: {fix.cpu / check.cpu:.2f}x (goal <= 1.3x)")
        single, double = runs.get("mt-repair fix --jobs 1"), runs.get("mt-repair fix --jobs 2")
        if single and double and double.wall:
            print(f"fix --jobs 2 speed-up (wall): {single.wall / double.wall:.2f}x (goal >= 1.7x)")


if __name__ == "__main__":
    main()
