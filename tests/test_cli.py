"""`mt-repair` command line: check (exit codes, formats, inputs, filters, dictionaries, configuration),
bad input handling, and `rule`."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from repair import __version__
from repair.model import CATEGORIES
from repair.registry import all_detectors

CLEAN_EN = (
    "President Donald Trump met Vladimir Putin in Alaska on Friday.\n"
    "The two leaders discussed the war in Ukraine, and officials said further talks were possible.\n"
)
GARBLED_EN = (
    "Volodymyr Zelensky said he discussed sanctions ahead of U.S. special envoy Steve Witkoff's visit.\n"
    "Vikov will be held in Moscow on Wednesday and is expected to meet Vladimir Putin.\n"
)
QUARTERMAN_EN = (
    "U.S. trade negotiator Jonathan Quarterman arrived in Geneva on Monday for talks on tariffs.\n"
    "Officials said the meeting would last two days.\n"
    "Kwartermann told reporters that he expected progress on steel and aluminium.\n"
)
QUARTERMAN_DICT = [
    {
        "id": "quarterman",
        "type": "person",
        "names": {"en": "Jonathan Quarterman"},
        "variants": ["Jon Quarterman"],
        "description": "U.S. trade negotiator",
    }
]

FINDING_KEYS = [
    "code",
    "name",
    "category",
    "severity",
    "start",
    "end",
    "line",
    "column",
    "text",
    "message",
    "proposals",
]
PROPOSAL_KEYS = ["replacement", "confidence", "applicability", "rationale"]
TEXT_LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{3}\d{3}) (?P<message>\S.*)$"
)
SUMMARY = re.compile(r"^Found (\d+) finding\(s\) in (\d+) file\(s\); (\d+) safe to fix\.$")


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def report(result) -> dict:
    return json.loads(result.out)


def codes_of(data: dict) -> list[str]:
    return [f["code"] for file in data["files"] for f in file["findings"]]


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def assert_one_line_error(err: str, *names: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for name in names:
        assert name in lines[0], (name, err)


# --- exit codes ------------------------------------------------------------------------------


def test_check_clean_text_exits_0_and_prints_nothing(cli, tmp_path):
    doc = write(tmp_path / "clean.txt", CLEAN_EN)
    result = cli("check", doc)
    assert result.code == 0, result
    assert result.out == ""
    assert result.err == ""


def test_check_with_findings_exits_1(cli, tmp_path):
    doc = write(tmp_path / "garbled.txt", GARBLED_EN)
    result = cli("check", doc)
    assert result.code == 1, result
    assert "ENT001" in result.out
    assert result.err == ""


def test_check_error_exits_2(cli, tmp_path):
    result = cli("check", tmp_path / "missing.txt")
    assert result.code == 2
    assert_one_line_error(result.err, "missing.txt")


def test_one_bad_file_gives_exit_2_but_still_reports_the_others(cli, tmp_path):
    good = write(tmp_path / "a.txt", GARBLED_EN)
    bad = write(tmp_path / "b.txt", b"abc\x00def")
    result = cli("check", "--format", "json", good, bad)
    assert result.code == 2
    assert_one_line_error(result.err, str(bad))
    data = report(result)
    assert [f["path"] for f in data["files"]] == [str(good)]
    assert "ENT001" in codes_of(data)


def test_argument_errors_exit_2_on_one_line(cli):
    for args in (["check"], ["check", "--format", "xml", "x.txt"], ["frobnicate"]):
        result = cli(*args)
        assert result.code == 2, args
        assert len(result.err.strip().splitlines()) == 1, result.err


def test_version(cli):
    result = cli("--version")
    assert result.code == 0
    assert __version__ in result.out


# --- JSON report, schema v1 ----------------------------------------------------------------


def test_json_report_matches_schema_v1(cli, seeds_copy):
    result = cli("check", "--format", "json", seeds_copy)
    assert result.code == 1, result.err
    data = report(result)
    assert list(data) == ["version", "tool", "files"]
    assert data["version"] == 1
    assert list(data["tool"]) == ["name", "version", "dictionary_sha256"]
    assert data["tool"]["name"] == "mt-repair"
    assert data["tool"]["version"] == __version__
    assert re.fullmatch(r"[0-9a-f]{64}", data["tool"]["dictionary_sha256"])

    detectors = {d.code: d for d in all_detectors()}
    paths = [f["path"] for f in data["files"]]
    assert paths == sorted(str(p) for p in seeds_copy.glob("*.txt"))
    total = 0
    for file in data["files"]:
        assert list(file) == ["path", "language", "findings"]
        text = Path(file["path"]).read_text(encoding="utf-8")
        for finding in file["findings"]:
            total += 1
            assert list(finding) == FINDING_KEYS
            assert finding["code"] in detectors
            assert finding["name"] == detectors[finding["code"]].name
            assert finding["category"] in CATEGORIES
            assert finding["severity"] in ("error", "warning", "info")
            assert isinstance(finding["start"], int) and isinstance(finding["end"], int)
            assert 0 <= finding["start"] <= finding["end"] <= len(text)
            assert finding["text"] == text[finding["start"] : finding["end"]]
            assert (finding["line"], finding["column"]) == line_col(text, finding["start"])
            assert isinstance(finding["message"], str) and finding["message"]
            confidences = []
            for proposal in finding["proposals"]:
                assert list(proposal) == PROPOSAL_KEYS
                assert isinstance(proposal["replacement"], str)
                assert 0.0 <= proposal["confidence"] <= 1.0
                assert proposal["applicability"] in ("safe", "suggest", "display")
                assert isinstance(proposal["rationale"], str) and proposal["rationale"]
                confidences.append(proposal["confidence"])
            assert confidences == sorted(confidences, reverse=True), "proposals must be best first"
    assert total >= 3


def test_json_report_has_known_seed_findings(cli, seeds_copy):
    data = report(cli("check", "--format", "json", seeds_copy))
    by_file = {Path(f["path"]).name: f for f in data["files"]}
    seed4 = by_file["004_9c04875aba7a0d24.txt"]
    assert seed4["language"] == "en"
    vikov = [f for f in seed4["findings"] if f["text"] == "Vikov"]
    assert len(vikov) == 1
    assert vikov[0]["code"] == "ENT001"
    assert (vikov[0]["line"], vikov[0]["column"]) == (4, 1)
    assert vikov[0]["proposals"][0]["replacement"] == "Witkoff"
    assert by_file["000_1eb87ca1bdefd348.txt"]["language"] == "fr"
    assert by_file["002_21aff2c81b174f7e.txt"]["language"] == "fa"


def test_clean_json_report_lists_the_file_with_no_findings(cli, tmp_path):
    doc = write(tmp_path / "clean.txt", CLEAN_EN)
    result = cli("check", "--format", "json", doc)
    assert result.code == 0
    data = report(result)
    assert data["files"] == [{"path": str(doc), "language": "en", "findings": []}]


# --- text report ----------------------------------------------------------------------------


def test_text_report_lines_agree_with_json(cli, seeds_copy):
    text_result = cli("check", seeds_copy)
    json_result = cli("check", "--format", "json", seeds_copy)
    assert text_result.code == json_result.code == 1
    lines = text_result.out.rstrip("\n").split("\n")
    summary = SUMMARY.match(lines[-1])
    assert summary, lines[-1]
    rows = []
    for line in lines[:-1]:
        match = TEXT_LINE.match(line)
        assert match, line
        rows.append((match["path"], int(match["line"]), int(match["col"]), match["code"], match["message"]))
    expected = [
        (file["path"], f["line"], f["column"], f["code"], f["message"])
        for file in report(json_result)["files"]
        for f in file["findings"]
    ]
    assert [r[:4] for r in rows] == [e[:4] for e in expected]
    for row, exp in zip(rows, expected, strict=True):
        assert row[4].startswith(exp[4])
    assert int(summary[1]) == len(rows)
    files_with_findings = {r[0] for r in rows}
    assert int(summary[2]) == len(list(seeds_copy.glob("*.txt"))) >= len(files_with_findings)


# --- inputs: folders, stdin -----------------------------------------------------------------


def test_folders_are_scanned_recursively_for_text_files_only(cli, tmp_path):
    root = tmp_path / "corpus"
    write(root / "a.txt", GARBLED_EN)
    write(root / "sub" / "deep" / "b.md", GARBLED_EN)
    write(root / "notes.json", GARBLED_EN)
    write(root / "script.py", GARBLED_EN)
    write(root / "README", GARBLED_EN)
    write(root / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    write(root / ".hidden" / "c.txt", GARBLED_EN)
    write(root / "sub" / ".git" / "d.txt", GARBLED_EN)
    write(root / ".e.txt", GARBLED_EN)
    result = cli("check", "--format", "json", root)
    assert result.code == 1, result.err
    paths = [Path(f["path"]).relative_to(root).as_posix() for f in report(result)["files"]]
    assert paths == ["a.txt", "sub/deep/b.md"]


def test_stdin_dash_reads_standard_input(cli):
    result = cli("check", "--format", "json", "-", stdin=GARBLED_EN.encode("utf-8"))
    assert result.code == 1, result.err
    data = report(result)
    assert [f["path"] for f in data["files"]] == ["<stdin>"]
    vikov = [f for f in data["files"][0]["findings"] if f["text"] == "Vikov"]
    assert vikov and vikov[0]["code"] == "ENT001"
    assert vikov[0]["start"] == GARBLED_EN.index("Vikov")


def test_stdin_clean_text_exits_0(cli):
    result = cli("check", "-", stdin=CLEAN_EN.encode("utf-8"))
    assert result.code == 0, result
    assert result.out == ""


def test_stdin_end_to_end(cli_subprocess, tmp_path):
    result = cli_subprocess("check", "--format", "json", "-", cwd=tmp_path, stdin=GARBLED_EN.encode("utf-8"))
    assert result.code == 1, result.err
    assert "ENT001" in codes_of(json.loads(result.out))


# --- --lang, --select, --ignore ----------------------------------------------------------


def test_lang_forces_the_document_language(cli, tmp_path):
    doc = write(tmp_path / "doc.txt", CLEAN_EN)
    detected = report(cli("check", "--format", "json", doc))
    assert detected["files"][0]["language"] == "en"
    assert detected["files"][0]["findings"] == []
    forced = cli("check", "--format", "json", "--lang", "fr", doc)
    data = report(forced)
    assert data["files"][0]["language"] == "fr"
    # In French, the English spelling "Putin" is a foreign spelling of "Poutine".
    putin = [f for f in data["files"][0]["findings"] if f["text"] == "Putin"]
    assert putin and putin[0]["code"] == "ENT002"
    assert putin[0]["proposals"][0]["replacement"] == "Poutine"
    assert forced.code == 1


def test_select_keeps_only_matching_codes(cli, seeds_copy):
    everything = codes_of(report(cli("check", "--format", "json", seeds_copy)))
    assert "ENT002" in everything and "ENT001" in everything
    result = cli("check", "--format", "json", "--select", "ENT002", seeds_copy)
    selected = codes_of(report(result))
    assert selected and set(selected) == {"ENT002"}
    assert selected.count("ENT002") == everything.count("ENT002")
    assert result.code == 1


def test_select_accepts_comma_lists_and_lower_case(cli, seeds_copy):
    result = cli("check", "--format", "json", "--select", "ent001,ENT004", seeds_copy)
    assert set(codes_of(report(result))) == {"ENT001", "ENT004"}


def test_ignore_family_prefix_drops_all_its_codes(cli, seeds_copy):
    result = cli("check", "--format", "json", "--ignore", "ENT", seeds_copy)
    assert not [c for c in codes_of(report(result)) if c.startswith("ENT")]


def test_ignore_makes_a_finding_disappear_and_exit_0(cli, tmp_path):
    doc = write(tmp_path / "garbled.txt", GARBLED_EN)
    assert cli("check", doc).code == 1
    result = cli("check", "--ignore", "ENT001", doc)
    assert result.code == 0, result
    assert "ENT001" not in result.out


# --- --dict ---------------------------------------------------------------------------------


def test_custom_json_dictionary_makes_a_garbled_custom_name_detected(cli, tmp_path):
    doc = write(tmp_path / "doc.txt", QUARTERMAN_EN)
    team = write(tmp_path / "team.json", json.dumps(QUARTERMAN_DICT))
    without = cli("check", "--format", "json", doc)
    assert without.code == 0, without.out
    assert report(without)["files"][0]["findings"] == []

    with_dict = cli("check", "--format", "json", "--dict", team, doc)
    assert with_dict.code == 1, with_dict.err
    findings = report(with_dict)["files"][0]["findings"]
    garbled = [f for f in findings if f["code"] == "ENT001"]
    assert len(garbled) == 1
    assert garbled[0]["text"] == "Kwartermann"
    assert garbled[0]["line"] == 3
    assert garbled[0]["proposals"][0]["replacement"] == "Quarterman"
    assert report(with_dict)["tool"]["dictionary_sha256"] != report(without)["tool"]["dictionary_sha256"]


def test_custom_toml_dictionary_works_too(cli, tmp_path):
    doc = write(tmp_path / "doc.txt", QUARTERMAN_EN)
    team = write(
        tmp_path / "team.toml",
        '[[entity]]\nid = "quarterman"\ntype = "person"\nnames = { en = "Jonathan Quarterman" }\n',
    )
    data = report(cli("check", "--format", "json", "--dict", team, doc))
    assert [f["text"] for f in data["files"][0]["findings"] if f["code"] == "ENT001"] == ["Kwartermann"]


def test_missing_dictionary_is_an_error(cli, tmp_path):
    doc = write(tmp_path / "doc.txt", CLEAN_EN)
    result = cli("check", "--dict", tmp_path / "nope.toml", doc)
    assert result.code == 2
    assert_one_line_error(result.err, "nope.toml")


# --- configuration ----------------------------------------------------------------------------


def test_config_found_by_walking_up_adds_dictionaries(cli, tmp_path):
    write(tmp_path / "dicts" / "team.json", json.dumps(QUARTERMAN_DICT))
    write(tmp_path / ".mt-repair.toml", 'dictionaries = ["dicts/team.json"]\n')
    doc = write(tmp_path / "articles" / "2025" / "doc.txt", QUARTERMAN_EN)
    result = cli("check", "--format", "json", doc)
    assert result.code == 1, result.err
    assert [f["text"] for f in report(result)["files"][0]["findings"]] == ["Kwartermann"]


def test_config_found_from_a_folder_argument(cli, tmp_path):
    write(tmp_path / "team.json", json.dumps(QUARTERMAN_DICT))
    write(tmp_path / ".mt-repair.toml", 'dictionaries = ["team.json"]\n')
    folder = tmp_path / "articles"
    write(folder / "doc.txt", QUARTERMAN_EN)
    assert "ENT001" in codes_of(report(cli("check", "--format", "json", folder)))


def test_config_ignore_and_select(cli, tmp_path):
    doc = write(tmp_path / "work" / "garbled.txt", GARBLED_EN)
    config = tmp_path / ".mt-repair.toml"
    write(config, 'ignore = ["ENT001"]\n')
    result = cli("check", "--format", "json", doc)
    assert "ENT001" not in codes_of(report(result))
    assert result.code == 0, result.out

    write(config, 'select = ["ENT004"]\n')
    assert codes_of(report(cli("check", "--format", "json", doc))) == []
    # --select on the command line replaces the configured selection
    assert "ENT001" in codes_of(report(cli("check", "--format", "json", "--select", "ENT001", doc)))


def test_config_in_pyproject_tool_table(cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.mt-repair]\nignore = ["ENT"]\n')
    doc = write(tmp_path / "garbled.txt", GARBLED_EN)
    assert cli("check", doc).code == 0


def test_nearest_config_wins(cli, tmp_path):
    write(tmp_path / ".mt-repair.toml", 'ignore = ["ENT001"]\n')
    write(tmp_path / "inner" / ".mt-repair.toml", "select = []\n")
    doc = write(tmp_path / "inner" / "garbled.txt", GARBLED_EN)
    assert "ENT001" in codes_of(report(cli("check", "--format", "json", doc)))


def test_explicit_config_option(cli, tmp_path):
    config = write(tmp_path / "elsewhere" / "settings.toml", 'ignore = ["ENT001"]\n')
    doc = write(tmp_path / "garbled.txt", GARBLED_EN)
    assert cli("check", "--config", config, doc).code == 0
    missing = cli("check", "--config", tmp_path / "none.toml", doc)
    assert missing.code == 2
    assert_one_line_error(missing.err, "none.toml")


def test_unknown_config_key_exits_2_naming_the_file(cli_subprocess, tmp_path):
    config = write(tmp_path / ".mt-repair.toml", 'select = ["ENT"]\ncolour = "blue"\n')
    doc = write(tmp_path / "doc.txt", CLEAN_EN)
    result = cli_subprocess("check", doc, cwd=tmp_path)
    assert result.code == 2
    assert_one_line_error(result.err, str(config), "colour")
    assert result.out == ""


@pytest.mark.parametrize(
    "content",
    ['select = "ENT"\n', "select = [\n", 'min-confidence = "high"\n'],
    ids=["wrong-type", "toml-syntax", "wrong-scalar"],
)
def test_malformed_config_exits_2_naming_the_file(cli, tmp_path, content):
    config = write(tmp_path / ".mt-repair.toml", content)
    doc = write(tmp_path / "doc.txt", CLEAN_EN)
    result = cli("check", doc)
    assert result.code == 2
    assert_one_line_error(result.err, str(config))


@pytest.mark.parametrize(
    "content", ["dictionaries = [1]\n", "select = [1]\n"], ids=["dictionaries", "select"]
)
def test_config_list_items_of_the_wrong_type_exit_2(cli_subprocess, tmp_path, content):
    config = write(tmp_path / ".mt-repair.toml", content)
    doc = write(tmp_path / "doc.txt", CLEAN_EN)
    result = cli_subprocess("check", doc, cwd=tmp_path)
    assert result.code == 2
    assert_one_line_error(result.err, str(config))


# --- bad input: exit 2, one line naming the file, no traceback -----------------------------

BAD_DICT_SYNTAX = '[[entity]]\nid = "x"\ntype = \n'
BAD_DICT_TYPE = '[[entity]]\nid = "x"\ntype = "planet"\nnames = { en = "Xavier Planet" }\n'


@pytest.mark.parametrize(
    ("name", "content", "as_dict"),
    [
        ("missing.txt", None, False),
        ("binary.txt", b"GIF89a\x00\x01\x00\x00text", False),
        ("latin1.txt", "Le café est très bon à Genève.\n".encode("latin-1"), False),
        ("syntax.toml", BAD_DICT_SYNTAX.encode(), True),
        ("badtype.toml", BAD_DICT_TYPE.encode(), True),
        ("badtype.json", b'[{"id": "x", "type": "planet", "names": {"en": "X"}}]', True),
    ],
    ids=["missing", "binary", "latin-1", "dict-toml-syntax", "dict-bad-type", "dict-json"],
)
def test_bad_input_exits_2_with_one_line_naming_the_file(cli_subprocess, tmp_path, name, content, as_dict):
    target = tmp_path / name
    if content is not None:
        target.write_bytes(content)
    if as_dict:
        doc = write(tmp_path / "doc.txt", CLEAN_EN)
        result = cli_subprocess("check", "--dict", target, doc, cwd=tmp_path)
    else:
        result = cli_subprocess("check", target, cwd=tmp_path)
    assert result.code == 2, result
    assert_one_line_error(result.err, name)
    assert result.err.startswith("mt-repair: error: ")
    if content is not None:
        assert target.read_bytes() == content


def test_dictionary_errors_name_the_line(cli, tmp_path):
    bad = write(tmp_path / "bad.toml", "\n\n" + BAD_DICT_TYPE)
    doc = write(tmp_path / "doc.txt", CLEAN_EN)
    result = cli("check", "--dict", bad, doc)
    assert result.code == 2
    assert_one_line_error(result.err, f"{bad}:3:", "planet")


def test_binary_file_inside_a_folder_is_refused(cli, tmp_path):
    write(tmp_path / "ok.txt", CLEAN_EN)
    write(tmp_path / "bad.txt", b"\x00\x01\x02binary")
    result = cli("check", tmp_path)
    assert result.code == 2
    assert_one_line_error(result.err, "bad.txt", "binary")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_in_a_folder_exits_2(cli_subprocess, tmp_path):
    folder = tmp_path / "corpus"
    write(folder / "ok.txt", CLEAN_EN)
    secret = write(folder / "secret.txt", CLEAN_EN)
    secret.chmod(0)
    try:
        result = cli_subprocess("check", folder, cwd=tmp_path)
    finally:
        secret.chmod(0o644)
    assert result.code == 2
    assert_one_line_error(result.err, "secret.txt")


def test_unreadable_file_reports_permission_denied(cli, tmp_path, monkeypatch):
    # Simulates chmod 000 (which root ignores) at the point where the file is read.
    folder = tmp_path / "corpus"
    write(folder / "ok.txt", CLEAN_EN)
    secret = write(folder / "secret.txt", CLEAN_EN)
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = cli("check", folder)
    assert result.code == 2
    assert_one_line_error(result.err, str(secret), "permission denied")


def test_unreadable_folder_is_an_error_not_silently_skipped(cli, tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    write(folder / "garbled.txt", GARBLED_EN)
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli("check", folder)
    assert result.code == 2
    assert_one_line_error(result.err, "locked")


def test_check_never_modifies_files(cli, seeds_copy):
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in seeds_copy.iterdir()}
    for args in (["check", seeds_copy], ["check", "--format", "json", seeds_copy]):
        assert cli(*args).code == 1
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in seeds_copy.iterdir()}
    assert after == before


# --- rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["ENT001", "ent001", "garbled-entity-name"])
def test_rule_prints_the_documentation(cli, query):
    result = cli("rule", query)
    assert result.code == 0
    assert result.out.startswith("ENT001 garbled-entity-name (entity)")
    for heading in ("What it does:", "Why it matters:", "Example:", "Fix safety:"):
        assert heading in result.out
    assert "Vikov" in result.out


def test_rule_all_lists_every_code(cli):
    result = cli("rule", "--all")
    assert result.code == 0
    listed = [line.split()[0] for line in result.out.splitlines() if line.strip()]
    assert listed == [d.code for d in all_detectors()]
    assert {"ENT001", "ENT002", "ENT003", "ENT004"} <= set(listed)
    for det in all_detectors():
        assert det.name in result.out


def test_unknown_rule_exits_2(cli_subprocess):
    result = cli_subprocess("rule", "XYZ999")
    assert result.code == 2
    assert_one_line_error(result.err, "XYZ999")
    assert result.out == ""


# -- input validation in one place (repair.settings) ---------------------------------------------

INVALID_OPTIONS = [
    (["--lang", "klingon"], "--lang 'klingon': not a supported language"),
    (["--lang", "xx"], "--lang 'xx': not a supported language"),
    (["--lang", "fa-"], "not a supported language"),
    (["--select", "FOO"], "--select: unknown code 'FOO'"),
    (["--ignore", "ENX"], "--ignore: unknown code 'ENX' (nearest: "),
    (["--select", "ENT,XYZ9"], "unknown code 'XYZ9'"),
]


@pytest.mark.parametrize(("options", "message"), INVALID_OPTIONS)
def test_invalid_options_exit_2_with_one_line(cli, tmp_path, options, message):
    path = tmp_path / "a.txt"
    path.write_text("Macron spoke in Paris.\n", encoding="utf-8")
    result = cli("check", *options, path)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert message in result.err


@pytest.mark.parametrize(
    ("options", "language"), [(["--lang", "FA-af"], "fa-AF"), (["--lang", "es_419"], "es-419"), ([], "en")]
)
def test_valid_language_tags_are_accepted_in_canonical_case(cli, tmp_path, options, language):
    path = tmp_path / "a.txt"
    path.write_text("Macron spoke in Paris on Monday with the other leaders.\n", encoding="utf-8")
    result = cli("check", "--format", "json", *options, path)
    assert result.code in (0, 1), result.err
    assert json.loads(result.out)["files"][0]["language"] == language


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('language = "klingon"\n', "'language' 'klingon': not a supported language"),
        ('select = ["ENT", "FOO"]\n', "unknown code 'FOO'"),
        ('[per-file-ignores]\n"*.txt" = ["ENT09X"]\n', "per-file-ignores: unknown code 'ENT09X'"),
    ],
)
def test_invalid_configuration_values_exit_2_naming_the_file(cli, tmp_path, table, message):
    (tmp_path / ".mt-repair.toml").write_text(table, encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("Macron spoke in Paris.\n", encoding="utf-8")
    result = cli("check", path)
    assert result.code == 2
    assert message in result.err and ".mt-repair.toml" in result.err


@pytest.mark.parametrize("jobs", ["-1", "-3"])
def test_negative_jobs_is_an_error(cli, tmp_path, jobs):
    path = tmp_path / "a.txt"
    path.write_text("Macron spoke in Paris.\n", encoding="utf-8")
    result = cli("fix", "--jobs", jobs, path)
    assert result.code == 2 and f"--jobs {jobs}" in result.err


@pytest.mark.parametrize("rate", ["nan", "inf", "0", "-1"])
def test_inject_rate_must_be_a_positive_number(cli, tmp_path, rate):
    (tmp_path / "clean").mkdir()
    result = cli("inject", tmp_path / "clean", tmp_path / "out", "--rate", rate)
    assert result.code == 2 and "--rate" in result.err


@pytest.mark.parametrize(
    "content", [b"", b"  \n\n\t\n", b"\xef\xbb\xbf", b"\r\n"], ids=["empty", "blank", "bom", "crlf"]
)
def test_empty_and_blank_files_are_clean_in_check_and_fix(cli, tmp_path, content):
    target = tmp_path / "empty.txt"
    target.write_bytes(content)
    assert cli("check", target).code == 0
    assert cli("fix", "--write", target).code == 0
    assert target.read_bytes() == content


def test_check_reports_the_other_files_when_one_argument_is_missing(cli, seeds_copy, tmp_path):
    result = cli("check", "--format", "json", seeds_copy, tmp_path / "missing.txt")
    assert result.code == 2 and "missing.txt: no such file or directory" in result.err
    assert any(f["findings"] for f in json.loads(result.out)["files"])


def test_a_lang_that_the_text_contradicts_warns_and_never_changes_the_script_of_a_name(cli, tmp_path):
    path = tmp_path / "en.txt"
    path.write_text(
        "Volodimir Zelenski met Vikov in Moscow. Steve Witkoff said Vikov will return.\n", "utf-8"
    )
    result = cli("check", "--format", "json", "--lang", "fa-IR", path)
    assert "warning" in result.err and "latin script" in result.err
    replacements = [
        p["replacement"] for f in json.loads(result.out)["files"][0]["findings"] for p in f["proposals"]
    ]
    assert not any("\u0600" <= c <= "\u06ff" for r in replacements for c in r), replacements
    assert "warning" not in cli("check", "--lang", "en", path).err


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Macron a parlé", "LATIN"),
        ("ماکرون گفت", "ARABIC"),
        ("Путин заявил", "CYRILLIC"),
        ("石破茂", "CJK"),
        ("", None),
    ],
)
def test_main_script(text, script):
    from repair.scripts import main_script

    assert main_script(text) == script


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (".mt-repair.toml", "min-confidence = 1" + "0" * 5000 + "\n"),
        (".mt-repair.toml", "x = " + "[" * 2000 + "]" * 2000 + "\n"),
        ("pyproject.toml", "[tool]\nmt-repair = 5\n"),
    ],
    ids=["huge-integer", "deep-nesting", "tool-table-not-a-table"],
)
def test_hostile_configuration_is_a_one_line_error(cli, tmp_path, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("Macron spoke in Paris.\n", encoding="utf-8")
    result = cli("check", path)
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert name in result.err and "Traceback" not in result.err


def test_a_very_deep_tree_is_walked_without_recursion(cli, tmp_path):
    folder = tmp_path
    for _ in range(1100):
        folder = folder / "d"
        folder.mkdir()
    (folder / "a.txt").write_text("Vikov will be held in Moscow on Wednesday.\n", encoding="utf-8")
    try:
        result = cli("check", "--format", "json", tmp_path)
        assert result.code in (0, 1) and "Traceback" not in result.err
        assert [f["path"].count("/d") for f in json.loads(result.out)["files"]] == [1100]
    finally:  # pytest's own clean-up of tmp_path is recursive: take the tree down here
        (folder / "a.txt").unlink()
        while folder != tmp_path:
            folder.rmdir()
            folder = folder.parent


def test_linked_folder_loops_are_not_followed(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Macron spoke in Paris.\n", encoding="utf-8")
    (tmp_path / "self").symlink_to(tmp_path, target_is_directory=True)
    result = cli("check", "--format", "json", tmp_path)
    assert result.code == 0 and len(json.loads(result.out)["files"]) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_in_a_folder_is_skipped_with_a_note(cli, tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text("Macron spoke in Paris.\n", encoding="utf-8")
    result = cli("check", tmp_path)
    assert result.code == 0
    assert "pipe.txt: not a regular file, skipped" in result.err


def test_an_unreadable_subfolder_is_skipped_with_a_note(cli, tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Germanywould help.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Macron spoke in Paris.\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # as a folder this user may not list (root reads every folder)
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli("check", tmp_path)
    assert result.code == 0
    assert f"{locked}: cannot read folder (Permission denied), skipped" in result.err


def test_the_entry_point_exits_with_mains_code_and_all_its_output(cli, cli_subprocess, seeds_copy, tmp_path):
    """`python -m repair` ends without the interpreter's teardown: the exit code is main's, the
    whole report reaches a pipe in each format, and a fix's files are complete."""
    result = cli_subprocess("check", "--format", "json", seeds_copy)
    files = json.loads(result.out)["files"]
    assert result.code == 1 and len(files) == len(list(seeds_copy.iterdir()))
    result = cli_subprocess("check", "--format", "sarif", seeds_copy)
    assert result.code == 1 and json.loads(result.out)["runs"][0]["results"]
    out, inside = tmp_path / "fixed", tmp_path / "fixed in-process"
    result = cli_subprocess("fix", seeds_copy, "--output-dir", out)
    assert result.code == cli("fix", str(seeds_copy), "--output-dir", str(inside)).code == 1
    assert " fixed in " in result.err  # the summary line, written last
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in seeds_copy.iterdir())
    assert all(p.read_bytes() == (inside / p.name).read_bytes() for p in out.iterdir())
    assert cli_subprocess("check", seeds_copy / "missing.txt").code == 2


def test_the_entry_point_leaves_a_closed_pipe_quietly(tmp_path, seeds_copy):
    """A reader that stops early (`| head`) gets no traceback from the fast exit."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "repair", "check", "--format", "json", str(seeds_copy)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    proc.wait(timeout=60)
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "arguments",
    [
        ["check", "--format", "json", "--select", "ENT", "a.txt"],
        ["fix", "--write", "--min-confidence", "0.9", "a.txt"],
        ["apply", "plan.json"],
        ["rule", "ENT001"],
        ["dict", "lint"],
        ["review", "a.txt", "--select", "ENT"],
        ["eval", "gold"],
    ],
)
def test_the_parser_of_the_named_command_alone_parses_as_the_whole_parser(arguments):
    from repair.cli.main import build_parser

    narrowed = build_parser(arguments)
    assert list(narrowed._subparsers._group_actions[0].choices) == [arguments[0]]  # type: ignore[union-attr]
    whole = vars(build_parser().parse_args(arguments))
    assert {k: v for k, v in vars(narrowed.parse_args(arguments)).items() if k != "handler"} == {
        k: v for k, v in whole.items() if k != "handler"
    }


def test_an_unknown_command_or_a_top_level_option_gets_every_command(cli):
    from repair.cli.main import build_parser

    for arguments in (["chekc"], ["--version"], ["-h"], []):
        assert "check" in build_parser(arguments)._subparsers._group_actions[0].choices  # type: ignore[union-attr]
        assert "inject" in build_parser(arguments)._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    result = cli("chekc", "a.txt")
    assert result.code == 2 and "invalid choice: 'chekc'" in result.err and "'check'" in result.err
