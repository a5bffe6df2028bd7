"""Replayable fix plans: the edits `fix --plan` applied, replayed by `mt-repair apply`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from repair import __version__
from repair.edits import apply
from repair.errors import UserError
from repair.fixing.batch import FileOutcome
from repair.model import Edit, Span


def plan_dict(outcomes: list[FileOutcome], min_confidence: float, unsafe: bool) -> dict[str, Any]:
    """A JSON-ready plan of every applied edit, by file and pass."""
    return {
        "version": 1,
        "tool": {"name": "mt-repair", "version": __version__},
        "min_confidence": min_confidence,
        "unsafe_fixes": unsafe,
        "files": [
            {"path": o.path, "sha256": o.original_sha256, "edits": o.applied}
            for o in outcomes
            if o.applied and o.error is None
        ],
    }


def load_plan(path: Path) -> list[dict[str, Any]]:
    """The file entries of a plan; a malformed plan is a UserError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{path}: no such plan file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{path}: not a readable plan ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("files"), list):
        raise UserError(f"{path}: not an mt-repair plan (version 1)")
    return data["files"]


def replay(text: str, entry: dict[str, Any]) -> str:
    """Apply a plan entry's edits pass by pass; refuse if the text is not the one planned on."""
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != entry.get("sha256"):
        raise UserError(f"{entry.get('path')}: text changed since the plan was made; refusing to apply")
    passes: dict[int, list[Edit]] = {}
    try:
        for e in entry["edits"]:
            passes.setdefault(int(e["pass"]), []).append(
                Edit(Span(int(e["start"]), int(e["end"])), e["original"], e["replacement"])
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"{entry.get('path')}: malformed edit in plan ({exc})") from None
    for number in sorted(passes):
        text, applied = apply(text, passes[number])
        if len(applied) != len(passes[number]):
            raise UserError(f"{entry.get('path')}: plan edits no longer match the text; refusing to apply")
    return text
