"""`mt-repair eval` and repair.evaluation.score: metrics with hand-computed answers, formats, exit codes."""

from __future__ import annotations

import json
import random
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from repair.errors import UserError
from repair.evaluation.score import BenchDoc, apply_gold, load_bench, score

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "tests" / "data" / "bench_mini"
SHARED_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
COMPARED = (
    "precision",
    "recall",
    "fix_accuracy",
    "trap_hits",
    "chrf_before",
    "chrf_after",
    "ter_before",
    "ter_after",
)


def _doc(text: str, items: list[dict], lang: str = "en", clean: str | None = None) -> BenchDoc:
    for item in items:
        item.setdefault("required", True)
        item.setdefault("occurrence", 0)
        start = text.index(item["find"])
        item["start"], item["end"] = start, start + len(item["find"])
    return BenchDoc("d", Path("d.txt"), text, lang, items, clean)


def _finding(start: int, end: int, replacement: str | None = None, category: str = "entity") -> dict:
    proposals = [] if replacement is None else [{"replacement": replacement, "confidence": 0.9}]
    return {"category": category, "code": "X001", "start": start, "end": end, "proposals": proposals}


def test_score_by_hand() -> None:
    text = "Vikov met Zelensky..The talks in Kiev were long. Load more"
    doc = _doc(
        text,
        [
            {"find": "Vikov", "category": "entity", "fix": "Witkoff"},
            {"find": "..The", "category": "sentence", "fix": ". The"},
            {"find": "Kiev", "category": "entity", "fix": "Kyiv", "required": False},
            {"find": "Zelensky", "category": "none", "fix": None},
            {"find": "Load more", "category": "boilerplate", "fix": ""},
            {"find": "long", "category": "sentence", "fix": None},
        ],
    )
    findings = [
        _finding(0, 5, "Witkoff"),  # true positive, right fix
        _finding(10, 18, "Zelenski"),  # on the trap only: false positive and trap hit
        _finding(18, 20, ". ", "sentence"),  # overlaps "..The"; replacing ".." by ". " gives the gold text
        _finding(32, 36, "Kyiv"),  # on an optional item: still a true positive
        _finding(40, 40, None, "typography"),  # empty, not at an item start: false positive
        _finding(49, 58, "  ", "boilerplate"),  # right up to whitespace
        _finding(44, 48, None, "sentence"),  # detection-only item located; no proposal
    ]
    result = score([doc], {"d": findings})
    # 7 findings, 5 overlap artifacts; 4 required artifacts, all located; 3 fixable, all fixed right
    assert (result["findings"], result["tp_findings"], result["trap_hits"]) == (7, 5, 1)
    assert (result["required"], result["located"], result["fixable"], result["fixed_right"]) == (4, 4, 3, 3)
    assert result["precision"] == round(5 / 7, 3)
    assert result["recall"] == 1.0
    assert result["f1"] == round(2 * (5 / 7) / (5 / 7 + 1), 3)
    assert result["fix_accuracy"] == 1.0
    assert result["per_category"]["entity"]["findings"] == 3
    assert result["per_category"]["entity"]["tp_findings"] == 2
    assert result["per_category"]["typography"]["precision"] == 0.0
    assert [m for m in result["misses"]] == []


def test_fix_accuracy_uses_the_best_proposal_only() -> None:
    doc = _doc("Vikov said", [{"find": "Vikov", "category": "entity", "fix": "Witkoff"}])
    wrong_first = _finding(0, 5, "Peskov")
    wrong_first["proposals"].append({"replacement": "Witkoff", "confidence": 0.5})
    result = score([doc], {"d": [wrong_first]})
    assert (result["located"], result["fixed_right"], result["fix_accuracy"]) == (1, 0, 0.0)
    # a second overlapping finding with the right fix counts
    result = score([doc], {"d": [wrong_first, _finding(0, 5, "Witkoff")]})
    assert result["fixed_right"] == 1


def test_empty_finding_at_an_item_start_overlaps() -> None:
    doc = _doc("a  b", [{"find": " ", "category": "sentence", "fix": ""}])
    result = score([doc], {"d": [_finding(1, 1, "")]})
    assert result["tp_findings"] == 1 and result["located"] == 1


def test_trap_and_artifact_overlap_is_no_trap_hit() -> None:
    doc = _doc(
        "Zarensky Zelensky",
        [
            {"find": "Zarensky", "category": "entity", "fix": "Zelensky"},
            {"find": "Zelensky", "category": "none", "fix": None},
        ],
    )
    result = score([doc], {"d": [_finding(0, 17, "Zelensky")]})
    assert (result["tp_findings"], result["trap_hits"]) == (1, 0)


def test_chrf_and_ter_with_signatures() -> None:
    doc = _doc("the cat sat on the the mat", [], clean="the cat sat on the mat")
    result = score([doc], {"d": []}, {"d": "the cat sat on the mat"})
    assert result["ter_before"] == round(100 / 6, 2)
    assert result["ter_after"] == 0.0 and result["chrf_after"] == 100.0
    assert result["chrf_signature"].startswith("nrefs:1|case:mixed")
    assert "tok:tercom" in result["ter_signature"]
    assert (result["exact_docs"], result["docs_scored"]) == (1, 1)


def test_apply_gold_restores_the_mini_bench() -> None:
    for doc in load_bench(MINI):
        assert apply_gold(doc.text, doc.items) == doc.clean


def test_eval_mini_bench_matches_hand_computed_scores(cli) -> None:
    """What score.py gives on tests/data/bench_mini (checked once against it by hand):
    10 findings, 9 on artifacts, 1 on the trap "Kyiv" in French (ENT002); 9 required artifacts,
    all located ("Helsinky" too, since Helsinki is among the shipped cities), all 9 fixable ones
    fixed right by the best proposal.
    """
    result = cli("eval", MINI, "--format", "json", "--jobs", "1")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    expected = {"findings": 10, "tp_findings": 9, "trap_hits": 1, "required": 9, "located": 9}
    assert {k: data[k] for k in expected} == expected
    assert (data["fixable"], data["fixed_right"]) == (9, 9)
    assert (data["precision"], data["recall"], data["f1"], data["fix_accuracy"]) == (0.9, 1.0, 0.947, 1.0)
    assert (data["chrf_before"], data["chrf_after"]) == (90.97, 94.39)
    assert (data["ter_before"], data["ter_after"]) == (33.1, 19.31)
    assert data["exact_docs"] == 2
    fr, en = data["per_language"]["fr"], data["per_language"]["en"]
    assert (fr["precision"], fr["recall"], fr["trap_hits"]) == (0.667, 1.0, 1)
    assert (en["precision"], en["recall"], en["fix_accuracy"]) == (1.0, 1.0, 1.0)
    assert data["per_category"]["entity"]["recall"] == 1.0
    assert data["misses"] == []


def test_eval_text_format_and_options(cli) -> None:
    result = cli("eval", MINI, "--jobs", "1", "--select", "ENT", "--min-confidence", "1")
    assert result.code == 0, result.err
    assert result.out.splitlines()[2].startswith("all")
    assert "chrF signature: nrefs:1" in result.out
    assert "per language" in result.out and "  fa " in result.out
    data = json.loads(
        cli("eval", MINI, "--jobs", "1", "--select", "ENT", "--min-confidence", "1", "--format", "json").out
    )
    assert data["findings"] == 3  # only entity findings
    assert data["ter_after"] == data["ter_before"]  # nothing is confident enough to apply
    unsafe = json.loads(cli("eval", MINI, "--jobs", "1", "--unsafe-fixes", "--format", "json").out)
    assert unsafe["exact_docs"] >= 2 and unsafe["ter_after"] <= 20.0
    gold = json.loads(cli("eval", MINI, "--jobs", "1", "--lang", "gold", "--no-fix", "--format", "json").out)
    assert "chrf_after" not in gold and gold["findings"] == 10


def _one_line_error(result) -> None:
    assert result.code == 2
    assert result.err.startswith("mt-repair: error: ") and result.err.count("\n") == 1


def test_eval_missing_or_malformed_bench(cli, tmp_path: Path) -> None:
    _one_line_error(cli("eval", tmp_path / "nowhere"))
    _one_line_error(cli("eval", tmp_path))  # no gold/
    bench = tmp_path / "bench"
    shutil.copytree(MINI, bench)
    (bench / "gold" / "fa_03_tehran.json").write_text("{not json", encoding="utf-8")
    _one_line_error(cli("eval", bench))
    (bench / "gold" / "fa_03_tehran.json").write_text('{"items": [{"find": "x"}]}', encoding="utf-8")
    _one_line_error(cli("eval", bench))
    gold = {"lang": "fa", "items": [{"find": "absent", "occurrence": 0, "category": "entity", "fix": ""}]}
    (bench / "gold" / "fa_03_tehran.json").write_text(json.dumps(gold), encoding="utf-8")
    _one_line_error(cli("eval", bench))
    (bench / "docs" / "fa_03_tehran.txt").unlink()
    _one_line_error(cli("eval", bench))
    _one_line_error(cli("eval", MINI, "--min-confidence", "2"))
    _one_line_error(cli("eval", MINI, "--format-in", "po"))  # bench documents are plain text


def test_load_bench_errors_name_the_file(tmp_path: Path) -> None:
    bench = tmp_path / "b"
    shutil.copytree(MINI, bench)
    (bench / "gold" / "en_01_witkoff.json").write_text('{"items": [1]}', encoding="utf-8")
    with pytest.raises(UserError, match=r"en_01_witkoff\.json: item 0"):
        load_bench(bench)


@pytest.mark.skipif(not (SHARED_BENCH / "score.py").is_file(), reason="../shared/bench is not here")
def test_eval_agrees_with_score_py_on_the_seeds(cli) -> None:
    """`mt-repair eval` and the yardstick give the same numbers (score.py runs meanwhile in a subprocess)."""
    tool = f"{shlex.quote(sys.executable)} -m repair"
    command = [
        sys.executable,
        str(SHARED_BENCH / "score.py"),
        str(SHARED_BENCH / "seeds"),
        "--check",
        f"{tool} check --format json {{dir}}",
        "--fix",
        f"{tool} fix {{doc}} --output-dir {{out}}",
        "--json",
    ]
    yardstick = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    result = cli("eval", SHARED_BENCH / "seeds", "--format", "json", "--jobs", "1")
    out, err = yardstick.communicate(timeout=300)
    assert yardstick.returncode == 0, err
    assert result.code == 0, result.err
    ours, theirs = json.loads(result.out), json.loads(out)
    assert {k: ours[k] for k in COMPARED} == {k: theirs[k] for k in COMPARED}
    for category, counts in theirs["per_category"].items():
        if counts["required"]:
            assert {k: ours["per_category"][category][k] for k in counts} == counts


def test_fast_ter_gives_sacrebleus_numbers() -> None:
    from repair.evaluation.ter import ter_stats

    rng = random.Random(4)
    vocab = [f"w{i}" for i in range(30)]
    for _ in range(12):
        ref = [rng.choice(vocab) for _ in range(rng.randrange(5, 160))]
        hyp = list(ref)
        for _ in range(rng.randrange(1, 5)):
            start = rng.randrange(len(hyp))
            block = hyp[start : start + rng.randrange(1, 30)]
            kind = rng.random()
            if kind < 0.4:  # repeated block
                hyp[start:start] = block
            elif kind < 0.7:  # moved block
                del hyp[start : start + len(block)]
                at = rng.randrange(len(hyp) + 1)
                hyp[at:at] = block
            else:
                hyp[start] = rng.choice(vocab)
        h, r = " ".join(hyp), " ".join(ref)
        assert ter_stats(h, r) == ter_stats(h, r, fast=False)
    assert ter_stats("", "a b") == ter_stats("", "a b", fast=False)
    assert ter_stats("a b", "") == ter_stats("a b", "", fast=False)
