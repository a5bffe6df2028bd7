"""Replayable fix plans: the edits `fix --plan` applied, replayed by `mt-repair apply`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from repair import __version__
from repair.decisions import sha256_text
from repair.edits import apply
from repair.errors import UserError
from repair.files import read_bounded, resolved_inside
from repair.fixing.batch import FileOutcome
from repair.fixing.passes import MAX_PASSES
from repair.model import Edit, Span

MAX_PLAN_BYTES = 256 * 1024 * 1024  # ~600,000 edits; a bigger plan is not one `fix --plan` wrote


def plan_dict(
    outcomes: list[FileOutcome], min_confidence: float, unsafe: bool, root: Path | None = None
) -> dict[str, Any]:
    """A JSON-ready plan of every applied edit, by file and pass.

    Paths are relative to `root` (default: the current folder), the folder `apply` resolves them
    against; a file outside it is recorded with `..` and `apply` will refuse it.
    """
    base = Path.cwd() if root is None else root
    return {
        "version": 1,
        "tool": {"name": "mt-repair", "version": __version__},
        "min_confidence": min_confidence,
        "unsafe_fixes": unsafe,
        "files": [
            {
                "path": Path(os.path.relpath(o.path, base)).as_posix(),
                "sha256": o.original_sha256,
                "edits": o.applied,
            }
            for o in outcomes
            if o.applied and o.error is None
        ],
    }


def load_plan(path: Path) -> list[dict[str, Any]]:
    """The file entries of a plan; a malformed plan is a UserError."""
    try:
        data = json.loads(read_bounded(path, MAX_PLAN_BYTES, "a plan").decode("utf-8"))
    except FileNotFoundError:
        raise UserError(f"{path}: no such plan file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not a plan file") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:  # JSON errors are ValueErrors
        raise UserError(f"{path}: not a readable plan ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("files"), list):
        raise UserError(f"{path}: not an mt-repair plan (version 1)")
    return data["files"]


def plan_target(root: Path, entry: Any) -> Path:
    """The file a plan entry names, inside `root`; anything else is refused with a UserError.

    A plan may come from someone else (a pull request): it must not reach files outside the
    tree, so absolute paths, `..` and symbolic links that lead out of `root` are refused.
    """
    raw = entry.get("path") if isinstance(entry, dict) else None
    if not isinstance(raw, str) or not raw or "\0" in raw:
        raise UserError(f"plan entry {str(raw)[:80]!r}: not a file path; refusing")
    relative = Path(raw)
    if relative.is_absolute():
        raise UserError(f"{raw}: absolute path in plan; refusing (plan paths are relative to --root)")
    if ".." in relative.parts:
        raise UserError(f"{raw}: path leaves the folder {root}; refusing")
    target = root / relative
    if resolved_inside(target, root) is None:
        raise UserError(f"{raw}: a symbolic link leads outside {root}; refusing")
    return target


def replay(text: str, entry: dict[str, Any]) -> str:
    """Apply a plan entry's edits pass by pass; refuse if the text is not the one planned on."""
    if sha256_text(text) != entry.get("sha256"):
        raise UserError(f"{entry.get('path')}: text changed since the plan was made; refusing to apply")
    passes: dict[int, list[Edit]] = {}
    try:
        for e in entry["edits"]:
            if not (isinstance(e["original"], str) and isinstance(e["replacement"], str)):
                raise TypeError("original and replacement must be strings")
            if not 0 <= int(e["pass"]) < MAX_PASSES:  # each pass rewrites the whole text once
                raise ValueError(f"pass {e['pass']!r} is not 0 to {MAX_PASSES - 1}")
            passes.setdefault(int(e["pass"]), []).append(
                Edit(Span(int(e["start"]), int(e["end"])), e["original"], e["replacement"])
            )
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise UserError(f"{entry.get('path')}: malformed edit in plan ({exc})") from None
    for number in sorted(passes):
        text, applied = apply(text, passes[number])
        if len(applied) != len(passes[number]):
            raise UserError(f"{entry.get('path')}: plan edits no longer match the text; refusing to apply")
    return text
