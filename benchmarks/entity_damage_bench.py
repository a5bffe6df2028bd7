"""Entity recall and fix accuracy per damage class on NTREX with hand-written damaged names.

Usage: python benchmarks/entity_damage_bench.py [--ntrex ../shared/corpora/ntrex] [--seed 1]
       [--rate 3] [--jobs 0] [--keep DIR]

1. `mt-repair inject NTREX BENCH --kinds entity-exonym,entity-reading,entity-phonetic,entity-ending`
   (in-process): each artifact replaces a dictionary name of an NTREX document in en/fr/es/fa
   with a form from repair/inject/entity_damage.toml (written apart from the detectors' data);
2. check and fix every document in-process with the defaults (safe proposals, confidence >= 0.8);
3. per class and language: recall (a finding overlaps the damaged form) and fix accuracy (the
   best proposal gives back the clean name), as score.py defines them; plus the entity findings
   that overlap no artifact, and how many damage records the dictionary covers.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from repair.evaluation.score import load_bench, score  # noqa: E402

LANGS = ("en", "fr", "es", "fa")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ntrex", type=Path, default=ROOT.parent / "shared" / "corpora" / "ntrex")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate", type=float, default=3.0)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the bench here instead of a temporary folder")
    args = parser.parse_args()

    from repair.evaluation.run import Task, run_tasks
    from repair.inject.bench import InjectOptions, build_bench
    from repair.inject.damage import coverage
    from repair.inject.document import DAMAGE_KINDS
    from repair.resources.entity_index import load_index
    from repair.settings import RunSettings

    index = load_index()
    known, total = coverage(index)
    with tempfile.TemporaryDirectory() as tmp:
        bench = args.keep or Path(tmp) / "bench"
        options = InjectOptions(seed=args.seed, rate=args.rate, kinds=DAMAGE_KINDS, traps=False)
        clean = Path(tmp) / "clean"
        for lang in LANGS:
            (clean / lang).mkdir(parents=True)
            for path in sorted((args.ntrex / lang).glob("*.txt")):
                (clean / lang / path.name).write_bytes(path.read_bytes())
        build_bench(clean, bench, options, index, force=True)
        docs = load_bench(bench)
        tasks = [Task(d.name, str(d.path), d.text, d.lang) for d in docs]
        findings, fixed = {}, {}
        for outcome in run_tasks(tasks, RunSettings(), args.jobs or 1):
            findings[outcome.name] = [f for f in outcome.findings if f["category"] == "entity"]
            fixed[outcome.name] = outcome.fixed or ""
    kinds = Counter(item["kind"] for d in docs for item in d.items)
    print(f"damage records whose entity the dictionary has: {known}/{total}")
    print(f"artifacts: {dict(sorted(kinds.items()))}")
    print("| class | lang | injected | recall | fix accuracy | distinct forms | forms found |")
    print("|---|---|---|---|---|---|---|")
    for kind in DAMAGE_KINDS:
        for lang in (*LANGS, "all"):
            part = [
                replace(d, items=[i for i in d.items if i["kind"] == kind])
                for d in docs
                if lang in ("all", d.lang)
            ]
            part = [d for d in part if d.items]
            if not part:
                continue
            result = score(part, {d.name: findings[d.name] for d in part})
            fix = result["fix_accuracy"]
            # the bench repeats the forms of entities NTREX names often: also count each form once
            forms = Counter(i["find"] for d in part for i in d.items)
            missed = Counter(m[2] for m in result["misses"])
            found = sum(missed[f[:50]] < n for f, n in forms.items())
            print(
                f"| {kind.removeprefix('entity-')} | {lang} | {result['required']} | "
                f"{result['recall']:.3f} | {'-' if fix is None else fix} | {len(forms)} | {found} |"
            )
    stray = score(docs, findings)
    print(f"entity findings overlapping no artifact: {stray['findings'] - stray['tp_findings']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
