"""Start-up cost of `mt-repair check`: the first run after install (caches built per language)
and a warm one-page check, against codespell on the same file in the same run.

Usage: python benchmarks/check_latency.py [FILE] [--runs N] [--languages-from DIR]
- first run after install: with an empty cache folder (MT_REPAIR_CACHE_DIR), the shipped
  entity index is built (once per install, whatever the language: its own row), then one page
  per language is checked in turn (en, fr, es, fa from --languages-from, default the shared
  NTREX corpus, when present); each run's CPU time beyond a warm run is the cache building that
  language costs. `--select BOI` on an empty cache shows what a run that needs no dictionary,
  word list or segmenter costs.
- warm: N fresh processes checking FILE with warm caches (min / median / p90 wall seconds and
  median CPU seconds), each followed by a codespell run on the same file (interleaved, so that the
  machine's drift hits both), and the ratio: of the medians, and the median of the rounds' ratios.
Python's bytecode cache is allowed for the child processes (PYTHONDONTWRITEBYTECODE is removed)
as it is in an installed tool.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NTREX = ROOT.parent / "shared" / "corpora" / "ntrex"
LANGUAGES = ("en", "fr", "es", "fa")


def _environment(cache: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if cache is not None:
        env["MT_REPAIR_CACHE_DIR"] = str(cache)
    return env


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def first_runs(pages: dict[str, Path]) -> None:
    """Cache building per language: an empty cache, one page per language in turn, then warm."""
    check = [sys.executable, "-m", "repair", "check", "--format", "json"]
    with tempfile.TemporaryDirectory() as tmp:
        page = str(next(iter(pages.values())))
        wall, cpu = timed([*check, "--select", "BOI", page], _environment(Path(tmp)))
        built = sorted(p.name for p in Path(tmp).iterdir()) if Path(tmp).exists() else []
        print(f"--select BOI, empty cache: {wall:.2f} s wall, {cpu:.2f} CPU-s; cache: {built or 'none'}")
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        index = [sys.executable, "-c", "from repair.resources.entity_index import load_index; load_index()"]
        index_cold = timed(index, _environment(cache))
        cold = {lang: timed([*check, str(page)], _environment(cache)) for lang, page in pages.items()}
        header = f"{'wall s':>7} {'CPU s':>7} {'warm CPU s':>11} {'building CPU s':>15}"
        print(f"{'first run after install':<26} {header}")
        warm = min(timed(index, _environment(cache))[1] for _ in range(3))
        wall, cpu = index_cold
        print(f"{'entity index (once)':<26} {wall:>7.2f} {cpu:>7.2f} {warm:>11.2f} {cpu - warm:>15.2f}")
        for lang, page in pages.items():
            warm = min(timed([*check, str(page)], _environment(cache))[1] for _ in range(3))
            wall, cpu = cold[lang]
            print(f"{lang + ' page':<26} {wall:>7.2f} {cpu:>7.2f} {warm:>11.2f} {cpu - warm:>15.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(ROOT / "seeds" / "004_9c04875aba7a0d24.txt"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--languages-from", type=Path, default=NTREX)
    args = parser.parse_args()
    pages = {
        lang: min((args.languages_from / lang).glob("*.txt"))
        for lang in LANGUAGES
        if (args.languages_from / lang).is_dir()
    }
    if pages:
        first_runs(pages)
    command = [sys.executable, "-m", "repair", "check", "--format", "json", args.file]
    env = _environment()
    subprocess.run(command, capture_output=True, check=False, env=env)  # warm the caches
    codespell = shutil.which("codespell") or str(Path(sys.executable).parent / "codespell")
    reference = Path(codespell).is_file()
    runs, spell = [], []
    for _ in range(args.runs):  # interleaved: the machine's drift hits both tools alike
        runs.append(timed(command, env))
        if reference:
            spell.append(timed([codespell, args.file], env))
    walls = sorted(w for w, _ in runs)
    p90 = walls[min(len(walls) - 1, int(0.9 * len(walls)))]
    cpu = statistics.median(c for _, c in runs)
    print(f"check {Path(args.file).name}: {args.runs} fresh processes, warm caches")
    median = statistics.median(walls)
    print(f"  wall min {walls[0]:.3f} s  median {median:.3f} s  p90 {p90:.3f} s; CPU {cpu:.3f} s")
    if not reference:
        print("codespell not installed (pip install codespell) - reference skipped")
        return
    spell_wall = statistics.median(w for w, _ in spell)
    print(f"codespell: median {spell_wall:.3f} s wall, {statistics.median(c for _, c in spell):.3f} CPU-s")
    print(f"ratio (median wall): {median / spell_wall:.2f} x codespell")
    paired = statistics.median(w / s for (w, _), (s, _) in zip(runs, spell, strict=True))
    print(f"ratio (median of the rounds' ratios, each run beside a codespell run): {paired:.2f} x")


if __name__ == "__main__":
    main()
