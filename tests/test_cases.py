"""Detector cases from tests/cases/*.toml, one file per detector family, run through the public API.

A case file has two settings and a list of cases:

    select = ["SEN"]   # code prefixes of the detectors every case runs (a case may narrow them)
    engine = false     # true: repair.engine.analyse (overlaps resolved, suppressions applied);
                       # false: each selected detector's Detector.run, findings in text order

    [[case]]
    id = "sen001-india-is-en"        # unique over every file; the pytest id
    lang = "en"                      # omitted: the language is detected
    select = ["SEN001"]              # optional: the detectors this case runs
    text = "... on Indiais the main buyer of Russian oil."
    codes = ["SEN001"]               # the codes of every finding, in text order; [] is a negative
                                     # case: text the detectors must leave alone
    fixed = "... on India is the main buyer of Russian oil."   # optional: the text with every
                                     # finding's best proposal applied
    finding = [                      # optional: one table per code, in the same order
        { text = "Indiais", replacement = "India is", tier = "safe" },
    ]

    [[case.dictionary]]              # optional: an extra dictionary file loaded with the shipped ones
    file = "names.json"              # its name (.toml or .json)
    text = '''...'''                 # its content

The keys of a `finding` table (each optional):
    text          the flagged text
    replacement   the best proposal's replacement
    tier          the best proposal's applicability: safe, suggest or display
    tiers         the applicabilities of all proposals, as a set
    replacements  the replacements of all proposals, as a set
    severity      error, warning or info
    rationale     a substring of the best proposal's rationale
    min_confidence, max_confidence   bounds on the best proposal's confidence
    occurrence    which occurrence of `text` in the case text is flagged (1 is the first)

Every finding of every case must also satisfy the report contract: its text is what its span
covers, its category is its detector's, and its best proposal's first edit replaces exactly
that span. Unknown keys, wrong types and unknown codes are schema errors: such a case is not
run and `test_case_files_are_valid` fails, naming the file, the case and the key.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from repair.context import Context
from repair.engine import analyse, make_document
from repair.model import Applicability, Finding, Severity
from repair.registry import all_detectors, get, selected
from repair.resources.entity_index import load_index

CASES = Path(__file__).resolve().parent / "cases"
FAMILIES = {
    "entities.toml": "ENT",
    "sentences.toml": "SEN",
    "untranslated.toml": "UNT",
    "boilerplate.toml": "BOI",
    "duplicates.toml": "DUP",
    "orthography.toml": "ORT",
    "encoding.toml": "ENC",
}
TIERS = {t.value for t in Applicability}
SEVERITIES = {s.value for s in Severity}
CODES = {d.code for d in all_detectors()}
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

FILE_KEYS: dict[str, type | tuple[type, ...]] = {"select": list, "engine": bool, "case": list}
CASE_KEYS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "text": str,
    "codes": list,
    "lang": str,
    "select": list,
    "fixed": str,
    "finding": list,
    "dictionary": list,
}
REQUIRED_CASE_KEYS = ("id", "text", "codes")
FINDING_KEYS: dict[str, type | tuple[type, ...]] = {
    "text": str,
    "replacement": str,
    "tier": str,
    "tiers": list,
    "replacements": list,
    "severity": str,
    "rationale": str,
    "min_confidence": (int, float),
    "max_confidence": (int, float),
    "occurrence": int,
}
DICTIONARY_KEYS: dict[str, type | tuple[type, ...]] = {"file": str, "text": str}


@dataclass(frozen=True)
class Case:
    """One detector case, with the settings of the file it comes from."""

    file: str
    id: str
    text: str
    codes: list[str]
    select: list[str]
    engine: bool
    lang: str | None = None
    fixed: str | None = None
    finding: list[dict[str, Any]] = field(default_factory=list)
    dictionary: list[dict[str, str]] = field(default_factory=list)

    @property
    def negative(self) -> bool:
        return not self.codes


def _check_keys(
    where: str, table: Any, schema: dict[str, type | tuple[type, ...]], errors: list[str]
) -> bool:
    """Report unknown keys and wrongly typed values of `table`; False when it is unusable."""
    if not isinstance(table, dict):
        errors.append(f"{where}: expected a table, got {type(table).__name__}")
        return False
    ok = True
    for key, value in table.items():
        if key not in schema:
            errors.append(f"{where}: unknown key {key!r} (known: {', '.join(sorted(schema))})")
            ok = False
        elif (isinstance(value, bool) and schema[key] is not bool) or not isinstance(value, schema[key]):
            errors.append(f"{where}: {key} has the wrong type ({type(value).__name__})")
            ok = False
    return ok


def _check_select(where: str, prefixes: Any, errors: list[str]) -> bool:
    if not prefixes or not all(isinstance(p, str) for p in prefixes):
        errors.append(f"{where}: select must be a non-empty list of code prefixes")
        return False
    unknown = [p for p in prefixes if not selected([p])]
    if unknown:
        errors.append(f"{where}: select {unknown} names no detector")
        return False
    return True


def _check_finding(where: str, table: Any, errors: list[str]) -> bool:
    if not isinstance(table, dict):
        return _check_keys(where, table, FINDING_KEYS, errors)
    ok = _check_keys(where, table, FINDING_KEYS, errors)
    if table.get("tier", "safe") not in TIERS:
        errors.append(f"{where}: tier {table['tier']!r} is not one of {sorted(TIERS)}")
        ok = False
    if not set(table.get("tiers", [])) <= TIERS:
        errors.append(f"{where}: tiers {table['tiers']} are not all of {sorted(TIERS)}")
        ok = False
    if "tiers" in table and not table["tiers"]:
        errors.append(f"{where}: tiers is empty")
        ok = False
    if not all(isinstance(r, str) for r in table.get("replacements", [])):
        errors.append(f"{where}: replacements must be strings")
        ok = False
    if table.get("severity", "info") not in SEVERITIES:
        errors.append(f"{where}: severity {table['severity']!r} is not one of {sorted(SEVERITIES)}")
        ok = False
    for key in ("min_confidence", "max_confidence"):
        if key in table and not 0 <= table[key] <= 1:
            errors.append(f"{where}: {key} {table[key]} is outside [0, 1]")
            ok = False
    if table.get("occurrence", 1) < 1:
        errors.append(f"{where}: occurrence counts from 1")
        ok = False
    return ok


def parse_cases(name: str, source: str, seen: set[str] | None = None) -> tuple[list[Case], list[str]]:
    """The valid cases of one case file and the schema errors of the others."""
    errors: list[str] = []
    seen = set() if seen is None else seen
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        return [], [f"{name}: not TOML ({exc})"]
    if not _check_keys(name, data, FILE_KEYS, errors):
        return [], errors
    missing = [key for key in FILE_KEYS if key not in data]
    if missing:
        return [], [*errors, f"{name}: missing {', '.join(missing)}"]
    if not _check_select(name, data["select"], errors):
        return [], errors
    cases: list[Case] = []
    for number, raw in enumerate(data["case"], 1):
        where = f"{name}: case {number}"
        case_id = raw.get("id") if isinstance(raw, dict) else None
        unique = True
        if isinstance(case_id, str):
            where = f"{name}: case {case_id!r}"
            if case_id in seen:
                errors.append(f"{where}: the id is used twice")
                unique = False
            seen.add(case_id)
        if not _check_keys(where, raw, CASE_KEYS, errors):
            continue
        missing = [key for key in REQUIRED_CASE_KEYS if key not in raw]
        if missing:
            errors.append(f"{where}: missing {', '.join(missing)}")
            continue
        codes = raw["codes"]
        ok = unique
        if not ID.fullmatch(case_id):
            errors.append(f"{where}: the id must be lower-case words joined by hyphens")
            ok = False
        select = raw.get("select", data["select"])
        if "select" in raw:
            ok = _check_select(where, select, errors) and ok
        unknown = [c for c in codes if not isinstance(c, str) or c not in CODES]
        if unknown:
            errors.append(f"{where}: codes {unknown} are not registered detectors")
            ok = False
        elif ok and not all(get(c) in selected(select) for c in codes):
            errors.append(f"{where}: codes {codes} are not all among the selected detectors {select}")
            ok = False
        findings = raw.get("finding", [])
        if "finding" in raw and len(findings) != len(codes):
            errors.append(f"{where}: {len(findings)} finding tables for {len(codes)} codes")
            ok = False
        for index, table in enumerate(findings, 1):
            ok = _check_finding(f"{where}: finding {index}", table, errors) and ok
        if "fixed" in raw and not codes:
            errors.append(f"{where}: a negative case has no fixed text")
            ok = False
        for index, table in enumerate(raw.get("dictionary", []), 1):
            here = f"{where}: dictionary {index}"
            if not _check_keys(here, table, DICTIONARY_KEYS, errors):
                ok = False
            elif set(table) != set(DICTIONARY_KEYS):
                errors.append(f"{here}: needs file and text")
                ok = False
            elif not re.fullmatch(r"[\w.-]+\.(toml|json)", table["file"]):
                errors.append(f"{here}: file must be a plain .toml or .json name")
                ok = False
        if ok:
            cases.append(
                Case(
                    file=name,
                    id=case_id,
                    text=raw["text"],
                    codes=codes,
                    select=select,
                    engine=data["engine"],
                    lang=raw.get("lang"),
                    fixed=raw.get("fixed"),
                    finding=findings,
                    dictionary=raw.get("dictionary", []),
                )
            )
    return cases, errors


def load_cases() -> tuple[list[Case], list[str]]:
    """Every valid case of tests/cases/*.toml, and every schema error."""
    cases: list[Case] = []
    errors: list[str] = []
    seen: set[str] = set()
    for path in sorted(CASES.glob("*.toml")):
        if path.name not in FAMILIES:
            errors.append(f"{path.name}: not a known family file ({', '.join(FAMILIES)})")
            continue
        found, wrong = parse_cases(path.name, path.read_text(encoding="utf-8"), seen)
        cases += found
        errors += wrong
    return cases, errors


ALL_CASES, SCHEMA_ERRORS = load_cases()


# -- the case files ------------------------------------------------------------------------------


def test_case_files_are_valid() -> None:
    assert SCHEMA_ERRORS == []


@pytest.mark.parametrize(("name", "family"), FAMILIES.items())
def test_each_family_has_positive_and_negative_cases(name: str, family: str) -> None:
    assert (CASES / name).is_file()
    cases = [c for c in ALL_CASES if c.file == name]
    positive = [c for c in cases if not c.negative]
    negative = [c for c in cases if c.negative]
    assert positive and negative, (len(positive), len(negative))
    assert {code[:3] for c in positive for code in c.codes} <= {family}


def test_schema_errors_are_reported() -> None:
    source = """
select = ["SEN"]
engine = false

[[case]]
id = "typo-in-a-finding"
text = "Indiais"
codes = ["SEN001"]
finding = [{ text = "Indiais", replacment = "India is" }]

[[case]]
id = "typo-in-a-case"
text = "Indiais"
code = ["SEN001"]

[[case]]
id = "unknown-code"
text = "Indiais"
codes = ["SEN999"]

[[case]]
id = "code-not-selected"
text = "Indiais"
codes = ["ENT001"]

[[case]]
id = "Bad id"
text = "x"
codes = []
lang = 1

[[case]]
id = "bad-tier"
text = "Indiais"
codes = ["SEN001"]
finding = [{ tier = "safer" }]

[[case]]
id = "one-table-for-two-codes"
text = "Indiais"
codes = ["SEN001", "SEN001"]
finding = [{ text = "Indiais" }]

[[case]]
id = "typo-in-a-case"
text = "x"
codes = []

[[case]]
id = "good"
text = "x"
codes = []
"""
    cases, errors = parse_cases("bad.toml", source)
    assert [c.id for c in cases] == ["good"]
    expected = [
        "case 'typo-in-a-finding': finding 1: unknown key 'replacment'",
        "case 'typo-in-a-case': unknown key 'code'",
        "case 'unknown-code': codes ['SEN999'] are not registered",
        "case 'code-not-selected': codes ['ENT001'] are not all among the selected detectors",
        "case 'Bad id': lang has the wrong type",
        "case 'bad-tier': finding 1: tier 'safer'",
        "case 'one-table-for-two-codes': 1 finding tables for 2 codes",
        "case 'typo-in-a-case': the id is used twice",
    ]
    for message in expected:
        assert any(message in error for error in errors), (message, errors)
    assert parse_cases("top.toml", 'selct = ["SEN"]\nengine = false\ncase = []\n')[1]
    assert parse_cases("top.toml", 'select = ["XYZ"]\nengine = false\ncase = []\n')[1]


# -- running a case ------------------------------------------------------------------------------


def _findings(case: Case, context: Context, tmp_path: Path) -> list[Finding]:
    if case.dictionary:
        paths = []
        for extra in case.dictionary:
            path = tmp_path / extra["file"]
            path.write_text(extra["text"], encoding="utf-8")
            paths.append(path)
        context = Context(index=load_index(paths))
    document = make_document(case.text, case.lang)
    detectors = selected(case.select)
    if case.engine:
        found = analyse(document, context, detectors)
    else:
        found = [f for detector in detectors for f in detector.run(document, context)]
    return sorted(found, key=lambda f: (f.span.start, f.span.end, f.code))


def _occurrences(text: str, part: str) -> list[int]:
    starts, at = [], text.find(part)
    while at >= 0:
        starts.append(at)
        at = text.find(part, at + 1)
    return starts


def _check_finding_table(case: Case, finding: Finding, expected: dict[str, Any]) -> None:
    best = finding.best
    assert best is not None
    shown = f"{finding.code} {finding.text!r}"
    if "text" in expected:
        assert finding.text == expected["text"], shown
    if "replacement" in expected:
        assert best.replacement == expected["replacement"], shown
    if "tier" in expected:
        assert best.applicability == expected["tier"], shown
    if "tiers" in expected:
        assert {p.applicability.value for p in finding.proposals} == set(expected["tiers"]), shown
    if "replacements" in expected:
        assert {p.replacement for p in finding.proposals} == set(expected["replacements"]), shown
    if "severity" in expected:
        assert finding.severity == expected["severity"], shown
    if "rationale" in expected:
        assert expected["rationale"] in best.rationale, (shown, best.rationale)
    if "min_confidence" in expected:
        assert best.confidence >= expected["min_confidence"], (shown, best.confidence)
    if "max_confidence" in expected:
        assert best.confidence <= expected["max_confidence"], (shown, best.confidence)
    if "occurrence" in expected:
        starts = _occurrences(case.text, finding.text)
        assert finding.span.start in starts, shown
        assert starts.index(finding.span.start) + 1 == expected["occurrence"], shown


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_case(case: Case, context: Context, tmp_path: Path) -> None:
    findings = _findings(case, context, tmp_path)
    assert [f.code for f in findings] == case.codes, [(f.code, f.text) for f in findings]
    for finding in findings:
        detector = get(finding.code)
        assert detector is not None and finding.category == detector.category
        assert case.text[finding.span.start : finding.span.end] == finding.text
        assert finding.best is not None and finding.best.edits, finding
        first = finding.best.edits[0]
        assert (first.span, first.original) == (finding.span, finding.text)
        for proposal in finding.proposals:
            for edit in proposal.edits:
                assert case.text[edit.span.start : edit.span.end] == edit.original
    for finding, expected in zip(findings, case.finding or [{}] * len(findings), strict=True):
        _check_finding_table(case, finding, expected)
    if case.fixed is not None:
        edits = sorted((e for f in findings for e in f.best.edits), key=lambda e: e.span.start)
        assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(edits))
        repaired = case.text
        for edit in reversed(edits):
            repaired = repaired[: edit.span.start] + edit.replacement + repaired[edit.span.end :]
        assert repaired == case.fixed
