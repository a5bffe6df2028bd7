"""BOI helpers: the deletion span of a residue line and the phrase lists (cases: cases/boilerplate.toml)."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from repair.context import Context
from repair.detectors.boilerplate import deletion_span
from repair.document import Document
from repair.model import Span
from repair.registry import selected
from repair.resources.concepts import lexicons, shipped_concept_files, tokenize
from repair.resources.entity_index import load_index
from repair.resources.phrase_lint import lint_phrase_files
from repair.resources.phrases import LANGUAGES, phrase_book


def test_deletion_span() -> None:
    text = "A.\n\nAd\n\n\nB.\nC\nD."
    assert deletion_span(text, Span(4, 6)) == Span(4, 9)
    assert deletion_span(text, Span(12, 13)) == Span(12, 14)
    assert deletion_span(text, Span(14, 16)) == Span(13, 16)  # the last line: no final newline, as before


def test_phrase_lists_are_valid() -> None:
    folder = files("repair.dictionaries") / "phrases"
    for language in LANGUAGES:
        text = (folder / f"{language}.txt").read_text(encoding="utf-8")
        assert "licence" in "\n".join(text.splitlines()[:3])
        for line in text.splitlines():
            if line.startswith("re:"):
                re.compile(line[3:].strip())
    book = phrase_book()
    assert book.match("LOAD MORE") and book.match("► Load more") and not book.match("Load the truck")


HELD_OUT = Path(__file__).resolve().parent / "data" / "boi_heldout.tsv"
BEFORE = "The two leaders met in the capital on Tuesday to discuss the ceasefire and trade."
AFTER = "They agreed to meet again next month, officials said after the talks ended."
HELD_OUT_RECALL = 0.85  # share of the held-out notices and residue lines found (safe or suggest)
HELD_OUT_SAFE = 0.75  # share of them found at the safe tier
HELD_OUT_FALSE = 0  # held-out article lines flagged


def held_out() -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(expected code or "-", language, line, [(code, tier)] found) for every held-out line."""
    context = Context(index=load_index([]))
    detectors = selected(["BOI001", "BOI002"])
    rows = []
    for raw in HELD_OUT.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        code, language, line = raw.split("\t")
        document = Document(f"{BEFORE}\n\n{line}\n\n{AFTER}\n", language)
        found = [(f.code, f.best.applicability.value) for d in detectors for f in d.run(document, context)]
        rows.append((code, language, line, found))
    return rows


def test_held_out_notices_and_residue() -> None:
    rows = held_out()
    positives = [r for r in rows if r[0] != "-"]
    found = [r for r in positives if any(code == r[0] for code, _ in r[3])]
    safe = [r for r in positives if (r[0], "safe") in r[3]]
    false = [r for r in rows if r[0] == "-" and r[3]]
    assert len(found) >= HELD_OUT_RECALL * len(positives), [r[2] for r in positives if r not in found]
    assert len(safe) >= HELD_OUT_SAFE * len(positives), [r[2] for r in positives if r not in safe]
    assert len(false) <= HELD_OUT_FALSE, [(r[2], r[3]) for r in false]


def test_tokens_fold_scripts_alike() -> None:
    assert [t.low for t in tokenize("本文由AI翻译")] == ["本", "文", "由", "ai", "翻", "译"]
    assert [t.low for t in tokenize("آليًا ترجمه\u200cشده")] == ["الیا", "ترجمه", "شده"]
    words = ["l", "article", "machine", "translated"]
    assert [t.low for t in tokenize("l'article machine-translated")] == words


def test_shipped_concept_lexicons_lint_clean() -> None:
    assert lint_phrase_files(shipped_concept_files()) == []
    languages = {"en", "fr", "es", "fa", "de", "it", "pt", "eu", "ca", "ru", "ar", "zh"}
    assert languages <= set(lexicons().languages)


def test_concept_lint_finds_each_problem(tmp_path: Path) -> None:
    folder = tmp_path / "concepts"
    folder.mkdir()
    path = folder / "xx.txt"
    path.write_text("orphan\n[translate]\ntrans*lat\n---\n[nonsense]\nword\n[auto]\nauto*\nAUTO*\nauto*\n")
    problems = [(e.line, e.message.split()[0]) for e in lint_phrase_files([path])]
    assert problems == [(1, "term"), (3, "term"), (4, "term"), (5, "unknown"), (10, "duplicate")]
