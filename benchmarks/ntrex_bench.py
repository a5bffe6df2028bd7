"""NTREX benchmark: detection, fix accuracy and chrF/TER on artifacts injected into clean news.

Usage: python benchmarks/ntrex_bench.py [--ntrex ../shared/corpora/ntrex] [--seed 2024] [--rate 1]
       [--jobs 0] [--out benchmarks/results.md] [--keep DIR]

1. `mt-repair inject` (in-process) into the NTREX documents in en/fr/es/fa with a fixed seed, untranslated
   fragments taken from the same article in another language (--parallel);
2. `mt-repair eval` (in-process) on that bench: P/R/F1 and fix accuracy per category and language,
   chrF/TER of the documents before and after `fix` against the clean originals;
3. the analysis on the untouched NTREX documents: every finding there is a false positive
   (except in Persian, whose references often lack ZWNJs themselves);
4. codespell on the same bench, matched as score.py's peer adapter does (category "spelling");
then writes a Markdown report (default benchmarks/results.md).
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from repair import __version__  # noqa: E402
from repair.evaluation.score import BenchDoc, load_bench, score  # noqa: E402

LANGS = ("en", "fr", "es", "fa")


def inject(ntrex: Path, bench: Path, seed: int, rate: float) -> dict[str, Any]:
    """`mt-repair inject NTREX BENCH --parallel NTREX --seed S --rate R`, in-process; returns its manifest."""
    import json

    from repair.inject.bench import InjectOptions, build_bench
    from repair.resources.entity_index import load_index

    build_bench(ntrex, bench, InjectOptions(seed=seed, rate=rate, parallel=ntrex), load_index())
    return json.loads((bench / "inject.json").read_text(encoding="utf-8"))


def evaluate(bench: Path, jobs: int) -> dict[str, Any]:
    """`mt-repair eval BENCH --format json`, in-process (the command's own defaults)."""
    from repair.cli.eval import evaluate_bench
    from repair.cli.main import build_parser

    args = build_parser().parse_args(["eval", str(bench), "--format", "json", "--jobs", str(jobs)])
    return evaluate_bench(args)


def clean_findings(ntrex: Path, jobs: int) -> dict[str, Counter[str]]:
    """Findings per language and code on the untouched documents (as `mt-repair check` would report)."""
    from repair.evaluation.run import Task, run_tasks
    from repair.settings import RunSettings

    tasks = [
        Task(f"{lang}/{p.name}", str(p), p.read_text(encoding="utf-8"))
        for lang in LANGS
        for p in sorted((ntrex / lang).glob("*.txt"))
    ]
    counts: dict[str, Counter[str]] = {lang: Counter() for lang in LANGS}
    for outcome in run_tasks(tasks, RunSettings(), jobs, fix=False):
        counts[outcome.name.split("/")[0]].update(f["code"] for f in outcome.findings)
    return counts


def codespell() -> str:
    """The codespell executable (next to this Python first, as in the project's virtual environment)."""
    search = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    exe = shutil.which("codespell", path=search)
    if exe is None:
        sys.exit("codespell not found (pip install codespell)")
    return exe


def codespell_findings(docs: list[BenchDoc], folder: Path) -> dict[str, list[dict[str, Any]]]:
    """codespell over the folder once, mapped to findings exactly as score.py's peer adapter does."""
    run = subprocess.run([codespell(), str(folder)], capture_output=True, text=True)
    by_name = {d.path.name: d for d in docs}
    found: dict[str, list[dict[str, Any]]] = {d.name: [] for d in docs}
    for row in run.stdout.splitlines():
        m = re.match(r"(.*?):(\d+): (\S+) ==> (.*)$", row)
        if not m or Path(m[1]).name not in by_name:
            continue
        doc = by_name[Path(m[1]).name]
        lines = doc.text.split("\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        number, word, fixes = int(m[2]) - 1, m[3], m[4]
        column = lines[number].find(word)
        if column < 0:
            continue
        start = starts[number] + column
        proposal = {"replacement": fixes.split(",")[0].strip(), "confidence": 1.0}
        found[doc.name].append(
            {"category": "spelling", "start": start, "end": start + len(word), "proposals": [proposal]}
        )
    return found


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _row(label: str, part: dict[str, Any], extra: str = "") -> str:
    return (
        f"| {label} | {_f(part['precision'])} | {_f(part['recall'])} | {_f(part['f1'])} | "
        f"{_f(part['fix_accuracy'])} | {part['findings']} | {part['required']} | {part['trap_hits']} |{extra}"
    )


def report(meta: dict[str, Any], manifest: dict[str, Any], result: dict[str, Any],
           clean: dict[str, Counter[str]], peer: dict[str, Any], peer_clean: int) -> str:  # fmt: skip
    """The Markdown results page."""
    head = "| | P | R | F1 | fix acc. | findings | required | trap hits |"
    rule = "|---|---|---|---|---|---|---|---|"
    out = [
        "# NTREX benchmark",
        "",
        f"Generated by `{meta['command']}` on {meta['date']} (mt-repair {__version__}, dictionary "
        f"sha256 {result['tool']['dictionary_sha256'][:12]}, sacrebleu {meta['sacrebleu']}, codespell "
        f"{meta['codespell']}; {meta['cores']} cores, {meta['elapsed']:.0f} s in all).",
        "",
        f"Bench: the {result['documents']} NTREX-128 documents in {', '.join(LANGS)} (CC BY-SA 4.0), with "
        f"artifacts injected by `mt-repair inject --seed {manifest['seed']} --rate {manifest['rate']} "
        "--parallel NTREX`: "
        + ", ".join(f"{k} {v}" for k, v in manifest["artifacts"].items())
        + f"; {manifest['traps']} correct dictionary names annotated as traps. Metrics are those of "
        "`../shared/bench/score.py` (a finding is right when it overlaps an injected artifact; fix accuracy "
        "uses each finding's best proposal; chrF/TER compare whole documents with the clean originals), "
        "computed by `mt-repair eval` with the `fix` defaults (safe proposals, confidence ≥ 0.8).",
        "",
        "## Overall and per category",
        "",
        head + " chrF before → after | TER before → after |",
        rule + "---|---|",
        _row(
            "**all**",
            result,
            f" {result['chrf_before']} → {result['chrf_after']} | "
            f"{result['ter_before']} → {result['ter_after']} |",
        ),
    ]
    out += [_row(cat, part, " | |") for cat, part in result["per_category"].items()]
    out += [_row("codespell (reference)", peer, " | |"), ""]
    out += [
        "Precision per category counts findings of that category; recall counts gold artifacts of it.",
        "",
    ]
    out += ["## Per language", "", head + " chrF before → after | TER before → after |", rule + "---|---|"]
    for lang, part in result["per_language"].items():
        texts = (
            f" {part['chrf_before']} → {part['chrf_after']} | {part['ter_before']} → {part['ter_after']} |"
        )
        out.append(_row(f"**{lang}**", part, texts))
    out += ["", "## Per language and category", "", head.replace("| |", "| language | category |", 1),
            "|---" + rule]  # fmt: skip
    for lang, part in result["per_language"].items():
        out += [_row(f"{lang} | {cat}", p) for cat, p in part["per_category"].items()]
    out += ["", "## Findings on the untouched NTREX documents (false positives)", ""]
    out += ["| language | documents | findings | by code |", "|---|---|---|---|"]
    for lang, counts in clean.items():
        codes = ", ".join(f"{code} {n}" for code, n in sorted(counts.items())) or "–"
        out.append(f"| {lang} | {meta['clean_docs'][lang]} | {sum(counts.values())} | {codes} |")
    out += [
        f"| codespell (all) | {sum(meta['clean_docs'].values())} | {peer_clean} | spelling |",
        "",
        "Persian NTREX references often omit zero-width non-joiners themselves (see the corpus README), "
        "so ORT findings there can be true. chrF/TER signatures: "
        f"`{result.get('chrf_signature')}`, `{result.get('ter_signature')}`.",
        "",
    ]
    return "\n".join(out)


def other_sections(path: Path, report_text: str) -> str:
    """The `## ` sections of an existing results file that this report does not write (the other
    benchmarks append theirs to the same file), so that a rerun keeps them."""
    if not path.is_file():
        return ""
    own = {line for line in report_text.splitlines() if line.startswith("## ")}
    kept: list[str] = []
    keep = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            keep = line not in own
        if keep:
            kept.append(line)
    return "\n".join(["", *kept, ""]) if kept else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ntrex", type=Path, default=ROOT.parent / "shared" / "corpora" / "ntrex")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--rate", type=float, default=1.0)
    ap.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.md")
    ap.add_argument("--keep", type=Path, help="also copy the injected bench here")
    a = ap.parse_args()
    started = time.perf_counter()
    import sacrebleu

    with tempfile.TemporaryDirectory() as tmp:
        bench = Path(tmp) / "bench"
        manifest = inject(a.ntrex, bench, a.seed, a.rate)
        print(f"injected: {manifest['artifacts']} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        result = evaluate(bench, a.jobs)
        print(f"eval: P {result['precision']} R {result['recall']} ({time.perf_counter() - started:.0f} s)",
              file=sys.stderr)  # fmt: skip
        clean = clean_findings(a.ntrex, a.jobs)
        docs = load_bench(bench)
        peer = score(docs, codespell_findings(docs, bench / "docs"))
        originals = [
            BenchDoc(d.name, bench / "clean" / d.path.name, d.clean or "", d.lang, [], None) for d in docs
        ]
        peer_clean = sum(len(v) for v in codespell_findings(originals, bench / "clean").values())
        print(f"clean and codespell done ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        if a.keep:
            shutil.copytree(bench, a.keep, dirs_exist_ok=True)
    version = subprocess.run([codespell(), "--version"], capture_output=True, text=True).stdout.strip()
    meta = {
        "command": "python benchmarks/ntrex_bench.py" + "".join(f" {x}" for x in sys.argv[1:]),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "sacrebleu": sacrebleu.__version__,
        "codespell": version or "?",
        "cores": os.cpu_count(),
        "elapsed": time.perf_counter() - started,
        "clean_docs": {lang: len(list((a.ntrex / lang).glob("*.txt"))) for lang in LANGS},
    }
    text = report(meta, manifest, result, clean, peer, peer_clean)
    a.out.write_text(text + other_sections(a.out, text), encoding="utf-8")
    print(f"wrote {a.out} in {meta['elapsed']:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
