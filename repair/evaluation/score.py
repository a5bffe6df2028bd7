"""Score findings and fixed texts against a gold bench (docs/, gold/, clean/).

The metric definitions are those of the project's yardstick (`../shared/bench/score.py`):
- a finding is a true positive when it overlaps a gold item whose category is not "none";
- a trap hit is a finding that overlaps a trap ("none") and no artifact;
- recall counts required artifacts overlapped by some finding;
- fix accuracy counts required fixable artifacts for which some overlapping finding's best
  proposal, applied alone, gives the gold repair (whitespace-normalised comparison);
- chrF and TER (sacrebleu corpus scores) of the original and of the fixed documents.
On top of it: scores per finding/gold category and per language (the gold file's "lang").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repair.errors import UserError
from repair.model import SCORED_CATEGORIES

# Categories always reported, in this order: those the benches' gold files annotate (the
# yardstick's CATS); other categories (encoding, a peer's "spelling") appear when they occur.
CATS = SCORED_CATEGORIES
TRAP = "none"
COUNTERS = (
    "findings",
    "tp_findings",
    "trap_hits",
    "required",
    "located",
    "detected",
    "fixable",
    "fixed_right",
)
_SPACES = re.compile(r"\s+")


@dataclass
class BenchDoc:
    """One annotated document: its text, gold items (with located offsets) and clean text."""

    name: str
    path: Path
    text: str
    lang: str
    items: list[dict[str, Any]]
    clean: str | None


def locate(text: str, find: str, occurrence: int) -> int:
    """Offset of the `occurrence`-th (0-based) match of `find`, matches may overlap; -1 if none."""
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(find, pos + 1)
        if pos < 0:
            return -1
    return pos


def _check_item(item: Any, where: str) -> None:
    if not isinstance(item, dict):
        raise UserError(f"{where}: an item must be an object")
    for key, kind in (("find", str), ("occurrence", int), ("category", str)):
        if not isinstance(item.get(key), kind) or isinstance(item.get(key), bool):
            raise UserError(f"{where}: '{key}' missing or not a {kind.__name__}")
    if not item["find"] or item["occurrence"] < 0:
        raise UserError(f"{where}: empty 'find' or negative 'occurrence'")
    if "fix" not in item or not (item["fix"] is None or isinstance(item["fix"], str)):
        raise UserError(f"{where}: 'fix' missing (a string, or null for detection only)")


def load_bench(bench: Path) -> list[BenchDoc]:
    """Read and validate a bench; any problem is a UserError naming the file."""
    gold_dir, docs_dir = bench / "gold", bench / "docs"
    if not bench.is_dir():
        raise UserError(f"{bench}: no such bench folder")
    golds = sorted(gold_dir.glob("*.json")) if gold_dir.is_dir() else []
    if not golds or not docs_dir.is_dir():
        raise UserError(f"{bench}: not a bench (needs docs/ and gold/*.json)")
    docs = []
    for gold_path in golds:
        doc_path = next(iter(sorted(docs_dir.glob(gold_path.stem + ".*"))), None)
        if doc_path is None:
            raise UserError(f"{gold_path}: no document {gold_path.stem}.* in {docs_dir}")
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text = doc_path.read_text(encoding="utf-8")
        except json.JSONDecodeError as exc:
            raise UserError(f"{gold_path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"{gold_path.stem}: cannot read ({exc.__class__.__name__})") from None
        if not isinstance(gold, dict) or not isinstance(gold.get("items"), list):
            raise UserError(f"{gold_path}: expected an object with an 'items' list")
        items = []
        for number, raw in enumerate(gold["items"]):
            where = f"{gold_path}: item {number}"
            _check_item(raw, where)
            item = {**raw, "required": raw.get("required", True)}
            start = locate(text, item["find"], item["occurrence"])
            if start < 0:
                raise UserError(
                    f"{where}: {item['find'][:40]!r} #{item['occurrence']} not found in {doc_path}"
                )
            item["start"], item["end"] = start, start + len(item["find"])
            items.append(item)
        clean_path = bench / "clean" / doc_path.name
        clean = clean_path.read_text(encoding="utf-8") if clean_path.is_file() else None
        lang = str(gold.get("lang") or "unknown")
        docs.append(BenchDoc(gold_path.stem, doc_path, text, lang, items, clean))
    return docs


def norm(text: str) -> str:
    """Whitespace-insensitive form: a deleted line may or may not take its newline along."""
    return _SPACES.sub(" ", text).strip()


def overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """score.py's overlap: shared code points, or both empty at one offset."""
    return (a["start"] < b["end"] and b["start"] < a["end"]) or (a["start"] == a["end"] == b["start"])


def _ratios(c: dict[str, int]) -> dict[str, float | None]:
    p = c["tp_findings"] / c["findings"] if c["findings"] else 0.0
    r = c["located"] / c["required"] if c["required"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    fix = round(c["fixed_right"] / c["fixable"], 3) if c["fixable"] else None
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "fix_accuracy": fix}


def _is_fixed(doc: BenchDoc, item: dict[str, Any], near: list[dict[str, Any]]) -> bool:
    want = doc.text[: item["start"]] + item["fix"] + doc.text[item["end"] :]
    for finding in near:
        proposals = finding.get("proposals") or []
        if not proposals:
            continue
        got = doc.text[: finding["start"]] + proposals[0].get("replacement", "") + doc.text[finding["end"] :]
        if norm(got) == norm(want):
            return True
    return False


def _count(docs: list[BenchDoc], findings: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Counters overall and per category, misses and false positives."""
    total = dict.fromkeys(COUNTERS, 0)
    per_cat: dict[str, dict[str, int]] = {c: dict.fromkeys(COUNTERS, 0) for c in CATS}
    misses, false_positives = [], []
    for doc in docs:
        items, found = doc.items, findings.get(doc.name, [])
        for finding in found:
            cat = per_cat.setdefault(str(finding.get("category")), dict.fromkeys(COUNTERS, 0))
            hit = [it for it in items if overlaps(finding, it)]
            good = any(it["category"] != TRAP for it in hit)
            trap = not good and any(it["category"] == TRAP for it in hit)
            for counts in (total, cat):
                counts["findings"] += 1
                counts["tp_findings"] += good
                counts["trap_hits"] += trap
            if not good:
                snippet = doc.text[finding["start"] : finding["end"]][:60]
                false_positives.append([doc.name, snippet, finding.get("category"), finding.get("code")])
        for item in items:
            if item["category"] == TRAP or not item["required"]:
                continue
            cat = per_cat.setdefault(item["category"], dict.fromkeys(COUNTERS, 0))
            near = [f for f in found if overlaps(f, item)]
            fixable = item["fix"] is not None
            right = fixable and _is_fixed(doc, item, near)
            for counts in (total, cat):
                counts["required"] += 1
                counts["located"] += bool(near)
                counts["fixable"] += fixable
                counts["fixed_right"] += right
            if not near:
                misses.append([doc.name, item["category"], item["find"][:50]])
    return {"total": total, "per_category": per_cat, "misses": misses, "false_positives": false_positives}


def ter_stats(hyp: str, ref: str) -> tuple[float, float]:
    """(edits, reference length) of one document: TER's corpus score sums these over documents."""
    from repair.evaluation.ter import ter_stats as fast_ter_stats

    return fast_ter_stats(hyp, ref)


def _ter(stats: list[tuple[float, float]]) -> float:
    """sacrebleu's corpus TER from per-document statistics (identical to `TER().corpus_score`)."""
    edits, length = sum(s[0] for s in stats), sum(s[1] for s in stats)
    return 100.0 * (edits / length if length > 0 else 1.0 if edits > 0 else 0.0)


def text_metrics(
    src: list[str], hyp: list[str], ref: list[str], ter: list[dict[str, tuple[float, float]]] | None = None
) -> dict[str, Any]:
    """Corpus chrF and TER (sacrebleu defaults) before and after, with their signatures.

    `ter` may hold each document's precomputed TER statistics ("before", "after"), e.g. from workers:
    TER on whole documents is slow when long passages move.
    """
    from sacrebleu.metrics import CHRF, TER

    if ter is None:
        ter = [
            {"before": ter_stats(s, r), "after": ter_stats(h, r)}
            for s, h, r in zip(src, hyp, ref, strict=True)
        ]
    chrf, ter_metric = CHRF(), TER()
    ter_metric.corpus_score(["a"], [["a"]])  # sacrebleu reads the reference count for the signature
    out: dict[str, Any] = {
        "chrf_before": round(chrf.corpus_score(src, [ref]).score, 2),
        "chrf_after": round(chrf.corpus_score(hyp, [ref]).score, 2),
        "ter_before": round(_ter([t["before"] for t in ter]), 2),
        "ter_after": round(_ter([t["after"] for t in ter]), 2),
        "chrf_signature": str(chrf.get_signature()),
        "ter_signature": str(ter_metric.get_signature()),
    }
    out["exact_docs"] = sum(h == r for h, r in zip(hyp, ref, strict=True))
    out["docs_scored"] = len(hyp)
    return out


def score(
    docs: list[BenchDoc],
    findings: dict[str, list[dict[str, Any]]],
    fixed: dict[str, str] | None = None,
    ter: dict[str, dict[str, tuple[float, float]]] | None = None,
) -> dict[str, Any]:
    """score.py's result for these documents, with per-category ratios added."""
    counted = _count(docs, findings)
    result: dict[str, Any] = {**_ratios(counted["total"]), **counted["total"]}
    result["per_category"] = {
        c: {**v, **_ratios(v)} for c, v in counted["per_category"].items() if v["findings"] or v["required"]
    }
    result["misses"], result["false_positives"] = counted["misses"], counted["false_positives"]
    if fixed is not None:
        scored = [d for d in docs if d.clean is not None and d.name in fixed]
        if scored:
            ter = ter if ter is not None else {}
            for d in scored:
                if d.name not in ter and d.clean is not None:
                    ter[d.name] = {
                        "before": ter_stats(d.text, d.clean),
                        "after": ter_stats(fixed[d.name], d.clean),
                    }
            src, hyp = [d.text for d in scored], [fixed[d.name] for d in scored]
            ref = [d.clean or "" for d in scored]
            result.update(text_metrics(src, hyp, ref, [ter[d.name] for d in scored]))
    return result


def evaluate(
    docs: list[BenchDoc],
    findings: dict[str, list[dict[str, Any]]],
    fixed: dict[str, str] | None = None,
    ter: dict[str, dict[str, tuple[float, float]]] | None = None,
) -> dict[str, Any]:
    """Scores overall and per language (the gold file's "lang"); TER statistics are computed once."""
    ter = {} if ter is None else dict(ter)
    result = score(docs, findings, fixed, ter)
    languages = sorted({d.lang for d in docs})
    result["per_language"] = {}
    for lang in languages:
        part = score([d for d in docs if d.lang == lang], findings, fixed, ter)
        for key in ("misses", "false_positives"):
            part.pop(key)
        result["per_language"][lang] = part
    return result


def apply_gold(text: str, items: Iterable[dict[str, Any]]) -> str:
    """The text with every gold fix applied (traps and detection-only items are left alone)."""
    located = []
    for item in items:
        if item["category"] == TRAP or item.get("fix") is None:
            continue
        start = locate(text, item["find"], item["occurrence"])
        if start < 0:
            raise ValueError(f"{item['find']!r} #{item['occurrence']} not found")
        located.append((start, start + len(item["find"]), item["fix"]))
    pieces, cursor = [], 0
    for start, end, fix in sorted(located):
        if start < cursor:
            raise ValueError(f"gold items overlap at offset {start}")
        pieces += [text[cursor:start], fix]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
