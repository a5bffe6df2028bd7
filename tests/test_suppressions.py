"""Inline suppression markers, baselines and per-file ignores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from repair.context import Context
from repair.engine import analyse, make_document

NAMED = "Volodymyr Zelensky met U.S. special envoy Steve Witkoff in Kyiv.\n"
GARBLED_LINE = "Vikov will be held in Moscow on Wednesday.\n"


def codes(text: str, context: Context) -> list[str]:
    return [f.code for f in analyse(make_document(text, "en"), context)]


def test_unsuppressed_garble_is_reported(context):
    assert codes(NAMED + GARBLED_LINE, context) == ["ENT001"]


@pytest.mark.parametrize(
    "marker",
    [
        "<!-- mt-repair: ignore ENT001 -->\n",
        "<!-- mt-repair: ignore -->\n",
        "<!-- mt-repair: ignore ENT -->\n",
    ],
)
def test_marker_on_the_line_above_suppresses_the_next_line(context, marker):
    assert codes(NAMED + marker + GARBLED_LINE, context) == []


def test_marker_for_another_code_does_not_suppress(context):
    assert codes(NAMED + "<!-- mt-repair: ignore SEN001 -->\n" + GARBLED_LINE, context) == ["ENT001"]


def test_end_of_line_marker_suppresses_its_own_line_only(context):
    text = NAMED + GARBLED_LINE.rstrip("\n") + " <!-- mt-repair: ignore -->\n" + GARBLED_LINE
    document = make_document(text, "en")
    found = analyse(document, context)
    assert [f.code for f in found] == ["ENT001"]
    assert document.line_col(found[0].span.start)[0] == 3


def test_file_level_marker(context):
    assert codes("<!-- mt-repair: ignore-file ENT -->\n" + NAMED + GARBLED_LINE, context) == []


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_baseline_hides_recorded_findings_and_reports_new_ones(tmp_path, cli):
    doc = write(tmp_path / "a.txt", NAMED + GARBLED_LINE)
    base = tmp_path / "baseline.json"
    assert cli("check", "--baseline", str(base), "--update-baseline", str(doc)).code == 0
    recorded = json.loads(base.read_text(encoding="utf-8"))
    assert [(e["code"], e["text"]) for e in recorded["findings"]] == [("ENT001", "Vikov")]
    assert cli("check", "--baseline", str(base), str(doc)).code == 0
    # The recorded finding moves down a line: still absorbed. A new one appears: reported.
    write(doc, "New first line.\n" + NAMED + GARBLED_LINE + "Later, Zarensky spoke.\n")
    result = cli("check", "--baseline", str(base), "--format", "json", str(doc))
    found = json.loads(result.out)["files"][0]["findings"]
    assert result.code == 1 and [f["text"] for f in found] == ["Zarensky"]


def test_update_baseline_requires_a_file(tmp_path, cli):
    doc = write(tmp_path / "a.txt", NAMED)
    result = cli("check", "--update-baseline", str(doc))
    assert result.code == 2 and "--baseline" in result.err


def test_malformed_baseline_is_an_error(tmp_path, cli):
    doc = write(tmp_path / "a.txt", NAMED + GARBLED_LINE)
    bad = write(tmp_path / "baseline.json", "[1, 2]")
    result = cli("check", "--baseline", str(bad), str(doc))
    assert result.code == 2 and "baseline.json" in result.err


def test_per_file_ignores_from_configuration(tmp_path, cli):
    write(tmp_path / ".mt-repair.toml", '[per-file-ignores]\n"legacy/*" = ["ENT001"]\n')
    legacy = write(tmp_path / "legacy" / "a.txt", NAMED + GARBLED_LINE)
    current = write(tmp_path / "current" / "a.txt", NAMED + GARBLED_LINE)
    assert cli("check", str(legacy)).code == 0
    assert cli("check", str(current)).code == 1
    assert cli("fix", "--write", str(tmp_path / "legacy")).code in (0, 1)
    assert "Vikov" in legacy.read_text(encoding="utf-8")


def test_exclude_globs_skip_files_in_folders(tmp_path, cli):
    write(tmp_path / ".mt-repair.toml", 'exclude = ["drafts/*", "*.md"]\n')
    write(tmp_path / "drafts" / "a.txt", NAMED + GARBLED_LINE)
    write(tmp_path / "notes.md", NAMED + GARBLED_LINE)
    write(tmp_path / "clean.txt", NAMED)
    assert cli("check", str(tmp_path)).code == 0


def test_force_exclude_applies_the_globs_to_files_named_on_the_command_line(tmp_path, cli):
    write(tmp_path / ".mt-repair.toml", 'exclude = ["drafts/*"]\n')
    draft = tmp_path / "drafts" / "a.txt"
    write(draft, NAMED + GARBLED_LINE)
    assert cli("check", str(draft)).code == 1  # named explicitly: checked, as ruff and flake8 do
    assert cli("check", "--force-exclude", str(draft)).code == 0
    assert cli("check", "--force-exclude", "--exclude", "*.txt", str(tmp_path / "drafts" / "a.txt")).code == 0
    assert cli("fix", "--force-exclude", "--write", str(draft)).code == 0
    assert draft.read_text(encoding="utf-8") == NAMED + GARBLED_LINE  # not rewritten
