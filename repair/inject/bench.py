"""Build a bench (docs/, gold/, clean/) from a folder of clean texts: `mt-repair inject`."""

from __future__ import annotations

import json
import random
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from repair import __version__
from repair.errors import UserError
from repair.inject.document import ALL_KINDS, KINDS, inject_document
from repair.inject.kinds import Parallel

if TYPE_CHECKING:
    from repair.resources.entity_index import EntityIndex

LANG_DIR = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")
BENCH_PARTS = ("docs", "gold", "clean")


@dataclass
class InjectOptions:
    """How to build the bench."""

    seed: int = 0
    rate: float = 1.0
    kinds: tuple[str, ...] = KINDS
    lang: str | None = None
    parallel: Path | None = None
    traps: bool = True


@dataclass
class InjectSummary:
    """What was written."""

    documents: int = 0
    artifacts: Counter[str] = field(default_factory=Counter)
    traps: int = 0


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read as UTF-8 text ({exc.__class__.__name__})") from None


def collect(clean_dir: Path) -> list[Path]:
    """The .txt files under the folder (recursively, sorted, hidden ones skipped)."""
    if not clean_dir.is_dir():
        raise UserError(f"{clean_dir}: no such folder")
    files = sorted(
        p for p in clean_dir.rglob("*.txt") if not any(part.startswith(".") for part in p.parts[-2:])
    )
    if not files:
        raise UserError(f"{clean_dir}: no .txt files")
    return files


def language_of(relative: Path, text: str, forced: str | None) -> str:
    """The forced language, else a language-named folder (en/, fa-AF/), else the detected one."""
    if forced:
        return forced
    for part in reversed(relative.parts[:-1]):
        if LANG_DIR.match(part):
            return part
    from repair.resources.langid import detect_language

    return detect_language(text)


def parallel_for(root: Path, lang: str, name: str, rng: random.Random) -> Parallel | None:
    """The same article in another language folder of `root` (same name or same NNN_ prefix)."""
    prefix = name.split("_")[0] + "_"
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and LANG_DIR.match(p.name)):
        if folder.name == lang:
            continue
        match: Path | None = folder / name
        if not (match and match.is_file()):
            match = next(iter(sorted(folder.glob(prefix + "*.txt"))), None) if "_" in name else None
        if match is not None:
            found.append((folder.name, match))
    if not found:
        return None
    other_lang, path = rng.choice(found)
    return Parallel(other_lang, _read(path), f"{other_lang}/{path.name}")


def _prepare(out_dir: Path, force: bool) -> None:
    if out_dir.exists() and any(out_dir.iterdir()):
        if not force:
            raise UserError(f"{out_dir}: folder is not empty (use --force to replace the bench in it)")
        for part in BENCH_PARTS:
            shutil.rmtree(out_dir / part, ignore_errors=True)
    for part in BENCH_PARTS:
        (out_dir / part).mkdir(parents=True, exist_ok=True)


def build_bench(
    clean_dir: Path, out_dir: Path, options: InjectOptions, index: EntityIndex | None, force: bool = False
) -> InjectSummary:
    """Inject artifacts into every clean text and write the bench; returns counts."""
    unknown = set(options.kinds) - set(ALL_KINDS)
    if unknown:
        known = ", ".join(ALL_KINDS)
        raise UserError(f"unknown artifact kind(s) {', '.join(sorted(unknown))} (known: {known})")
    if options.parallel is not None and not options.parallel.is_dir():
        raise UserError(f"{options.parallel}: no such folder")
    files = collect(clean_dir)
    _prepare(out_dir, force)
    summary = InjectSummary()
    names: set[str] = set()
    for path in files:
        relative = path.relative_to(clean_dir)
        text = _read(path)
        if not text.strip():
            continue
        name = "_".join(relative.parts)
        if name in names:
            raise UserError(f"{path}: two inputs map to the bench name {name}")
        names.add(name)
        lang = language_of(relative, text, options.lang)
        rng = random.Random(f"{options.seed}:{relative.as_posix()}")
        parallel = None
        if options.parallel is not None and "untranslated" in options.kinds:
            parallel = parallel_for(options.parallel, lang, path.name, rng)
        injected = inject_document(
            text,
            lang,
            rng,
            rate=options.rate,
            kinds=options.kinds,
            index=index,
            parallel=parallel,
            with_traps=options.traps,
        )
        gold = {"lang": lang, "source": relative.as_posix(), "seed": options.seed, "items": injected.items}
        (out_dir / "docs" / name).write_bytes(injected.text.encode("utf-8"))
        (out_dir / "clean" / name).write_bytes(text.encode("utf-8"))
        gold_text = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
        (out_dir / "gold" / (Path(name).stem + ".json")).write_bytes(gold_text.encode("utf-8"))
        summary.documents += 1
        summary.artifacts.update(i["kind"] for i in injected.items if i["kind"] != "trap")
        summary.traps += sum(i["kind"] == "trap" for i in injected.items)
    manifest = {
        "tool": "mt-repair inject",
        "version": __version__,
        "seed": options.seed,
        "rate": options.rate,
        "kinds": list(options.kinds),
        "parallel": options.parallel is not None,
        "documents": summary.documents,
        "artifacts": dict(sorted(summary.artifacts.items())),
        "traps": summary.traps,
    }
    (out_dir / "inject.json").write_bytes((json.dumps(manifest, indent=1) + "\n").encode("utf-8"))
    return summary
