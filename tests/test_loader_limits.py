"""Loader limits: no dictionary, configuration, plan, decisions or baseline file makes loading
superlinear; over a limit is a one-line error with exit 2 (issue 15, part 7)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from repair import decisions
from repair.errors import UserError
from repair.fixing import plans
from repair.report import baseline
from repair.resources import dictionary
from repair.resources.dictionary import MAX_FORMS, MAX_NAME_CHARS, MAX_WORD_CHARS, load_file

CLEAN = "A quiet sentence about the weather in Paris.\n"


def _record(**changes: object) -> dict[str, object]:
    record: dict[str, object] = {"id": "x", "type": "person", "names": {"en": "Ann Quarterman"}}
    record.update(changes)
    return record


def _one_error_line(result) -> str:
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert result.code == 2, result.err
    assert len(lines) == 1 and lines[0].startswith("mt-repair: error:"), result.err
    assert "Traceback" not in result.err
    return lines[0]


@pytest.mark.parametrize(
    ("record", "fragment"),
    [
        (_record(names={"en": "A" * 10_000}), f"over the limit of {MAX_NAME_CHARS}"),
        (_record(names={"en": "Ann " + "b" * (MAX_WORD_CHARS + 1)}), f"over the limit of {MAX_WORD_CHARS}"),
        (_record(variants=[f"Ann{i}" for i in range(MAX_FORMS + 1)]), f"over the limit of {MAX_FORMS}"),
        (_record(variants=["Q" * (MAX_NAME_CHARS + 1)]), "variants: a spelling"),
        (_record(deprecated={"en": ["z" * (MAX_WORD_CHARS + 1)]}), "deprecated.en: a word"),
        (_record(names={f"e{chr(97 + i // 26)}{chr(97 + i % 26)}": "Ann" for i in range(70)}), "languages"),
        (_record(description="d" * 5000), "description over the limit"),
    ],
)
def test_a_record_over_a_limit_is_a_one_line_error(cli, tmp_path, record, fragment):
    path = tmp_path / "big.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    with pytest.raises(UserError, match=fragment):
        load_file(path)
    doc = tmp_path / "a.txt"
    doc.write_text(CLEAN, encoding="utf-8")
    assert fragment in _one_error_line(cli("check", "--dict", str(path), str(doc)))


def test_many_records_of_long_names_are_refused_fast(cli, tmp_path):
    """The issue's probe: thousands of records of very long names took 30 s and 1.2 GB."""
    records = [_record(id=f"r{i}", names={"en": "Q" * 5000 + f" {i}"}) for i in range(3000)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text(CLEAN, encoding="utf-8")
    _one_error_line(cli("check", "--dict", str(path), str(doc)))


def test_an_oversized_dictionary_file_is_refused_before_reading(cli, tmp_path, monkeypatch):
    path = tmp_path / "big.toml"
    path.write_text('[[entity]]\nid = "x"\ntype = "person"\nnames = { en = "Ann Q" }\n', encoding="utf-8")
    monkeypatch.setattr(dictionary, "MAX_DICTIONARY_BYTES", 10)
    with pytest.raises(UserError, match="limit for a dictionary"):
        load_file(path)


@pytest.mark.parametrize("name", ["deep.json", "deep.toml"])
def test_a_deeply_nested_dictionary_is_a_one_line_error(cli, tmp_path, name):
    path = tmp_path / name
    depth = 100_000
    deep = "[" * depth + "]" * depth if name.endswith("json") else "x = " + "[" * depth
    path.write_text(deep, encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text(CLEAN, encoding="utf-8")
    _one_error_line(cli("check", "--dict", str(path), str(doc)))


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("exclude = [" + ", ".join(f'"g{i}"' for i in range(1001)) + "]\n", "over 1000 entries"),
        ('exclude = ["' + "*" * 5000 + '"]\n', "over 4096 characters"),
        ('[per-file-ignores]\n"' + "a" * 5000 + '" = ["ENT"]\n', "over 4096 characters"),
    ],
)
def test_configuration_over_a_limit_is_a_one_line_error(cli, tmp_path, content, fragment):
    (tmp_path / ".mt-repair.toml").write_text(content, encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text(CLEAN, encoding="utf-8")
    assert fragment in _one_error_line(cli("check", str(doc)))


def test_an_oversized_configuration_is_refused(cli, tmp_path, monkeypatch):
    from repair import settings

    (tmp_path / ".mt-repair.toml").write_text("select = []\n" + "# padding\n" * 20, encoding="utf-8")
    monkeypatch.setattr(settings, "MAX_CONFIG_BYTES", 64)
    doc = tmp_path / "a.txt"
    doc.write_text(CLEAN, encoding="utf-8")
    assert "limit for a configuration file" in _one_error_line(cli("check", str(doc)))


def test_a_plan_pass_number_out_of_range_is_refused(cli, tmp_path, monkeypatch):
    doc = tmp_path / "a.txt"
    doc.write_text("abc\n", encoding="utf-8")
    import hashlib

    sha = hashlib.sha256(b"abc\n").hexdigest()
    edits = [{"pass": 10**8, "start": 0, "end": 1, "original": "a", "replacement": "b"}]
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"version": 1, "files": [{"path": "a.txt", "sha256": sha, "edits": edits}]}))
    monkeypatch.chdir(tmp_path)
    assert "malformed edit" in _one_error_line(cli("apply", str(plan)))
    assert doc.read_text(encoding="utf-8") == "abc\n"


@pytest.mark.parametrize("make", ["deep", "folder", "huge"])
def test_bad_plan_files_are_one_line_errors(cli, tmp_path, monkeypatch, make):
    plan = tmp_path / "plan.json"
    if make == "deep":
        plan.write_text("[" * 100_000 + "]" * 100_000)
    elif make == "folder":
        plan.mkdir()
    else:
        plan.write_text(json.dumps({"version": 1, "files": []}))
        monkeypatch.setattr(plans, "MAX_PLAN_BYTES", 5)
    _one_error_line(cli("apply", str(plan)))


def test_a_baseline_count_of_10_to_the_8_loads_at_once(tmp_path):
    path = tmp_path / "baseline.json"
    entry = {"path": "a.txt", "code": "ENT001", "text": "Vikov", "count": 10**8}
    path.write_text(json.dumps({"version": 1, "findings": [entry, entry]}))
    counts = baseline.load(path)  # counts are added, not looped over (which took hours)
    assert counts == Counter({("a.txt", "ENT001", "Vikov"): 2 * 10**8})


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"version": 1, "findings": [{"path": "a", "code": "X", "text": "t", "count": 0}]}),
        json.dumps(
            {"version": 1, "findings": [{"path": "a", "code": "X", "text": "t", "count": "9" * 5000}]}
        ).replace(" ", ""),
        "[" * 100_000 + "]" * 100_000,
        None,
    ],
)
def test_bad_baselines_are_one_line_errors(cli, tmp_path, content):
    path = tmp_path / "baseline.json"
    if content is None:
        path.mkdir()
    else:
        path.write_text(content)
    doc = tmp_path / "a.txt"
    doc.write_text(CLEAN, encoding="utf-8")
    _one_error_line(cli("check", "--baseline", str(path), str(doc)))


@pytest.mark.parametrize("make", ["deep", "many", "huge"])
def test_decisions_files_over_a_limit_are_one_line_errors(cli, tmp_path, monkeypatch, make):
    doc = tmp_path / "a.txt"
    doc.write_text(CLEAN, encoding="utf-8")
    stored = decisions.decisions_path(doc)
    one = {"code": "ENT001", "start": 0, "end": 1, "text": "A", "verdict": "rejected"}
    review = {"version": 1, "sha256": "0", "decisions": [one] * 20}
    if make == "deep":
        stored.write_text("[" * 100_000 + "]" * 100_000)
    elif make == "many":
        stored.write_text(json.dumps(review))
        monkeypatch.setattr(decisions, "MAX_DECISIONS", 10)
    else:
        stored.write_text(json.dumps(review))
        monkeypatch.setattr(decisions, "MAX_DECISIONS_BYTES", 10)
    assert str(stored) in _one_error_line(cli("check", str(doc)))
    assert doc.read_text(encoding="utf-8") == CLEAN


def test_decision_matching_pairs_only_same_code_and_text(monkeypatch):
    """Matching is by (code, text) first: a file of many unrelated decisions costs one pass."""
    from repair.model import Finding, Severity, Span, Verdict

    text = "Vikov met Smith. " * 3
    finding = Finding("ENT001", "garbled-entity-name", "entity", Severity.ERROR, Span(0, 5), "Vikov", "m")
    entries = [decisions.StoredDecision("ENT001", 0, 5, f"other{i}", Verdict.REJECTED) for i in range(5000)]
    same = decisions.StoredDecision("ENT001", 0, 5, "Vikov", Verdict.REJECTED, before="", after=text[5:37])
    entries.append(same)
    calls = []
    real = decisions._score
    monkeypatch.setattr(decisions, "_score", lambda *a: calls.append(1) or real(*a))
    matched, unmatched = decisions.match(entries, [finding], text)
    assert matched == {0: entries[-1]} and len(unmatched) == 5000 and len(calls) == 1
