"""Render an evaluation result (see repair.evaluation.score.evaluate) as text or JSON."""

from __future__ import annotations

import json
from typing import Any

HEADER = f"{'':14} {'P':>6} {'R':>6} {'F1':>6} {'fix':>6} {'found':>6} {'req':>5} {'traps':>5}"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _row(label: str, part: dict[str, Any]) -> str:
    line = (
        f"{label:14} {_num(part['precision']):>6} {_num(part['recall']):>6} {_num(part['f1']):>6} "
        f"{_num(part['fix_accuracy']):>6} {part['findings']:>6} {part['required']:>5} {part['trap_hits']:>5}"
    )
    if "chrf_before" in part:
        line += (
            f"   chrF {part['chrf_before']:.2f} -> {part['chrf_after']:.2f}"
            f"   TER {part['ter_before']:.2f} -> {part['ter_after']:.2f}"
        )
    return line


def render_text(result: dict[str, Any]) -> str:
    """A human-readable summary: overall, per category, per language, signatures, misses."""
    settings = result.get("settings", {})
    lines = [
        f"bench {result.get('bench', '?')}: {result.get('documents', '?')} document(s); "
        f"min confidence {settings.get('min_confidence')}, "
        f"{'safe and suggested' if settings.get('unsafe_fixes') else 'safe'} fixes",
        HEADER,
        _row("all", result),
        "per category (precision by finding category, recall by gold category):",
    ]
    lines += [_row(f"  {cat}", part) for cat, part in result["per_category"].items()]
    lines.append("per language (the gold file's lang):")
    lines += [_row(f"  {lang}", part) for lang, part in result["per_language"].items()]
    if "chrf_signature" in result:
        lines.append(f"exact documents {result['exact_docs']}/{result['docs_scored']}")
        lines.append(f"chrF signature: {result['chrf_signature']}")
        lines.append(f"TER signature:  {result['ter_signature']}")
    misses, fps = result["misses"], result["false_positives"]
    lines.append(f"misses ({len(misses)}):")
    lines += [f"  {name}: {cat}: {find!r}" for name, cat, find in misses[:20]]
    lines.append(f"false positives ({len(fps)}):")
    lines += [f"  {name}: {code or cat}: {text!r}" for name, text, cat, code in fps[:20]]
    return "\n".join(lines) + "\n"


def render_json(result: dict[str, Any]) -> str:
    """The result as JSON (score.py's keys at the top level)."""
    return json.dumps(result, ensure_ascii=False, indent=1) + "\n"
