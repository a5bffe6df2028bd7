"""`mt-repair inject`: artifact kinds, valid gold, reproducibility, Persian orthography, fragments."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from repair.document import ZWNJ
from repair.evaluation.score import apply_gold, load_bench, locate
from repair.inject.document import KINDS, InjectionError, inject_document, render
from repair.inject.kinds import Op
from repair.inject.translit import (
    from_cyrillic,
    persian_garble,
    respell,
    to_cyrillic,
    via_cyrillic,
    via_pinyin,
)

CORPUS = Path(__file__).resolve().parent / "data" / "inject_mini"
PERSIAN = (CORPUS / "fa" / "001_talks.txt").read_text(encoding="utf-8")


def _inject(cli, out: Path, *extra: str) -> None:
    result = cli("inject", CORPUS, out, "--parallel", CORPUS, "--rate", "25", *extra)
    assert result.code == 0, result.err


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_kind_appears_with_valid_gold(cli, tmp_path: Path) -> None:
    kinds: set[str] = set()
    for seed in ("1", "2"):
        out = tmp_path / seed
        _inject(cli, out, "--seed", seed)
        docs = load_bench(out)  # validates every `find` at its `occurrence`
        assert {d.lang for d in docs} == {"en", "fr", "fa"}
        for doc in docs:
            assert apply_gold(doc.text, doc.items) == doc.clean
            assert doc.clean == (CORPUS / doc.lang / "001_talks.txt").read_text(encoding="utf-8")
            for item in doc.items:
                assert item["find"] and locate(doc.text, item["find"], item["occurrence"]) == item["start"]
                assert item["category"] == "none" or item["fix"] != item["find"]
                kinds.add(item["kind"])
        assert json.loads((out / "inject.json").read_text())["seed"] == int(seed)
    assert kinds == {*KINDS, "trap"}


def test_same_seed_same_bytes_other_seed_other_bench(cli, tmp_path: Path) -> None:
    _inject(cli, tmp_path / "a", "--seed", "7")
    _inject(cli, tmp_path / "b", "--seed", "7")
    _inject(cli, tmp_path / "c", "--seed", "8")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    a, c = _files(tmp_path / "a"), _files(tmp_path / "c")
    assert {k: v for k, v in a.items() if k.startswith("docs/")} != {
        k: v for k, v in c.items() if k.startswith("docs/")
    }


def test_out_dir_must_be_empty_unless_forced(cli, tmp_path: Path) -> None:
    _inject(cli, tmp_path / "a")
    result = cli("inject", CORPUS, tmp_path / "a")
    assert result.code == 2 and result.err.startswith("mt-repair: error: ") and result.err.count("\n") == 1
    _inject(cli, tmp_path / "a", "--force", "--kinds", "glued")
    kinds = {
        i["kind"]
        for g in (tmp_path / "a" / "gold").glob("*.json")
        for i in json.loads(g.read_text())["items"]
    }
    assert kinds <= {"glued", "trap"}
    assert cli("inject", CORPUS, tmp_path / "x", "--kinds", "nonsense").code == 2
    assert cli("inject", tmp_path / "missing", tmp_path / "y").code == 2


def test_persian_zwnj_stripped_and_arabic_letters(index) -> None:
    notes = set()
    for seed in range(12):
        injected = inject_document(
            PERSIAN, "fa", random.Random(seed), rate=30, kinds=("orthography",), index=index
        )
        for item in injected.items:
            if item["kind"] != "orthography":
                continue
            notes.add(item["note"])
            if item["note"] == "ZWNJ stripped":
                assert ZWNJ in item["fix"] and item["find"] == item["fix"].replace(ZWNJ, "")
            else:
                assert ("ي" in item["find"] or "ك" in item["find"]) and "ي" not in item["fix"]
    assert notes == {"ZWNJ stripped", "Arabic ي/ك for ی/ک"}


def test_untranslated_fragment_comes_from_the_parallel_document(cli, tmp_path: Path) -> None:
    found = 0
    for seed in range(4):
        out = tmp_path / str(seed)
        cli("inject", CORPUS, out, "--parallel", CORPUS, "--kinds", "untranslated", "--seed", str(seed))
        for doc in load_bench(out):
            for item in doc.items:
                if item["kind"] != "untranslated":
                    continue
                source = item["note"].rsplit(" from ", 1)[1]
                other = (CORPUS / source).read_text(encoding="utf-8")
                assert source.split("/")[0] != doc.lang
                assert item["find"].strip() in other and item["find"].strip() not in doc.clean
                found += 1
    assert found >= 6


def test_names_are_garbled_in_place(index) -> None:
    text = (CORPUS / "en" / "001_talks.txt").read_text(encoding="utf-8")
    entities = []
    for seed in range(10):
        injected = inject_document(text, "en", random.Random(seed), rate=10, kinds=("entity",), index=index)
        entities += [i for i in injected.items if i["kind"] == "entity"]
        traps = [i for i in injected.items if i["kind"] == "trap"]
        assert all(t["fix"] is None and t["find"] in text for t in traps)
    assert entities and all(i["fix"] in text and i["find"] not in text for i in entities)
    notes = " ".join(i["note"] for i in entities)
    assert "via Cyrillic" in notes and "via Chinese syllables" in notes and "spelling of the name" in notes


def test_round_trip_transliteration_tables() -> None:
    assert to_cyrillic("Witkoff", random.Random(1)).startswith(("уи", "ви"))
    assert from_cyrillic("зеленский", "German") == "selenski"
    assert from_cyrillic("зеленский", "BGN/PCGN") == "zelenskiy"
    assert from_cyrillic("путин", "French") == "poutin"
    word, how = via_cyrillic("Zelensky", random.Random(3))
    assert word[0].isupper() and "Cyrillic" in how
    pinyin, how = via_pinyin("Witkoff", random.Random(0))
    assert pinyin.startswith("Wei") and pinyin[1:].islower() and "-" in how
    assert respell("Putin", random.Random(0))[0] in ("Poutine", "Putin")
    garbled, _ = persian_garble("زلنسکی", random.Random(0))
    assert garbled != "زلنسکی" and len(garbled) in (5, 6, 7)


def test_self_check_refuses_overlapping_artifacts() -> None:
    ops = [Op(0, 5, "x", "sentence", "glued", ""), Op(3, 8, "y", "sentence", "glued", "")]
    with pytest.raises(InjectionError):
        render("0123456789", ops, [])
