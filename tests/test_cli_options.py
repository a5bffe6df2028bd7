"""The peer-grade command line (issue 15, part 5): --quiet, --statistics/--count, --color with
NO_COLOR, source snippets with carets, word-level diff highlighting, --isolated, --files-from."""

from __future__ import annotations

import difflib
import io
import re
import sys
from pathlib import Path

import pytest

from repair.report.terminal import cell_width, highlight_diff, painter, snippet, use_colour

GARBLED = (
    "Volodymyr Zelensky said he discussed sanctions ahead of U.S. special envoy Steve Witkoff's visit.\n"
    "Vikov will be held in Moscow on Wednesday and is expected to meet Vladimir Putin.\n"
)
CLEAN = "A quiet sentence about the weather in Paris.\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _doc(path: Path, text: str = GARBLED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# -- --quiet ------------------------------------------------------------------------------------


def test_quiet_drops_the_summary_and_qq_everything_but_the_exit_code(cli, tmp_path):
    doc = _doc(tmp_path / "a.txt")
    loud = cli("check", doc)
    assert "Found 1 finding(s)" in loud.out
    quiet = cli("check", "-q", doc)
    assert quiet.code == 1 and "ENT001" in quiet.out and "Found" not in quiet.out
    silent = cli("check", "-qq", doc)
    assert silent.code == 1 and silent.out == ""
    assert cli("check", "-qq", tmp_path / "missing.txt").err.count("error") == 1  # errors stay


def test_fix_quiet_drops_the_summary_and_qq_the_diff(cli, tmp_path):
    doc = _doc(tmp_path / "a.txt")
    assert "file(s)" in cli("fix", doc).err
    quiet = cli("fix", "-q", doc)
    assert quiet.code == 1 and quiet.err == "" and "+Witkoff will" in quiet.out
    silent = cli("fix", "-qq", doc)
    assert silent.code == 1 and silent.out == "" and silent.err == ""


def test_quiet_drops_notes_but_not_errors(cli, tmp_path):
    import os

    folder = tmp_path / "corpus"
    _doc(folder / "a.txt", CLEAN)
    os.mkfifo(folder / "pipe.txt")
    assert "note:" in cli("check", folder).err
    assert cli("check", "-q", folder).err == ""


# -- --statistics / --count ---------------------------------------------------------------------


def test_statistics_counts_each_code_most_frequent_first(cli, seeds_copy):
    result = cli("check", "--statistics", seeds_copy)
    rows = [line.split("\t") for line in result.out.splitlines()]
    assert result.code == 1 and rows
    counts = [int(n) for n, _, _ in rows]
    assert counts == sorted(counts, reverse=True)
    report = cli("check", "--format", "json", seeds_copy)
    import json

    total = sum(len(f["findings"]) for f in json.loads(report.out)["files"])
    assert sum(counts) == total
    assert cli("check", "--count", seeds_copy).out == f"{total}\n"


def test_count_of_a_clean_file_is_zero_and_exits_0(cli, tmp_path):
    result = cli("check", "--count", _doc(tmp_path / "a.txt", CLEAN))
    assert (result.code, result.out) == (0, "0\n")


@pytest.mark.parametrize("option", ["--count", "--statistics"])
def test_count_and_statistics_replace_the_report_so_format_is_an_error(cli, tmp_path, option):
    result = cli("check", option, "--format", "json", _doc(tmp_path / "a.txt"))
    assert result.code == 2 and result.err.count("\n") == 1
    assert cli("check", "--count", "--statistics", tmp_path / "a.txt").code == 2


# -- --color and NO_COLOR ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "terminal", "no_color", "expected"),
    [
        ("auto", True, None, True),
        ("auto", False, None, False),
        ("auto", True, "1", False),
        ("always", False, "1", True),
        ("never", True, None, False),
        ("auto", True, "", True),  # an empty NO_COLOR does not count (no-color.org)
    ],
)
def test_use_colour(monkeypatch, choice, terminal, no_color, expected):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    if no_color is not None:
        monkeypatch.setenv("NO_COLOR", no_color)
    stream = _Terminal() if terminal else io.StringIO()
    assert use_colour(choice, stream) is expected


def test_color_always_colours_the_report_and_never_or_piped_does_not(cli, tmp_path):
    doc = _doc(tmp_path / "a.txt")
    coloured = cli("check", "--color", "always", doc).out
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == cli("check", "--color", "never", doc).out
    assert not ANSI.search(cli("check", doc).out)  # captured output is not a terminal


def test_no_color_wins_over_a_terminal(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys, "stdout", _Terminal())
    from repair.cli.main import main

    assert main(["check", str(_doc(tmp_path / "a.txt"))]) == 1
    assert not ANSI.search(sys.stdout.getvalue())


# -- source snippets ---------------------------------------------------------------------------


def test_show_source_puts_carets_under_the_finding(cli, tmp_path):
    doc = _doc(tmp_path / "a.txt")
    out = cli("check", "--show-source", doc).out.splitlines()
    at = next(i for i, line in enumerate(out) if "ENT001" in line)
    assert out[at + 2] == "2 | " + GARBLED.splitlines()[1]
    assert out[at + 3] == "  | ^^^^^"
    plain = cli("check", "--no-show-source", doc).out
    assert "^^^^^" not in plain and plain == cli("check", doc).out  # piped: no snippet by default


def test_snippet_cuts_long_lines_around_the_span_and_counts_wide_characters():
    paint = painter(False)
    text = "x" * 300 + " Vikov " + "y" * 300
    _, source, carets = snippet(text, 301, 306, 1, paint)
    assert source.startswith("1 | …") and source.endswith("…") and len(source) < 140
    assert carets.index("^") - 4 == cell_width(source[4 : source.index("Vikov")])
    _, source, carets = snippet("中文 Vikov\nnext", 3, 8, 1, paint)
    assert carets == "  |      ^^^^^"  # two cells per ideograph
    _, _, carets = snippet("one line\nnext line\n", 4, 13, 1, paint)
    assert carets.endswith("^^^^…")  # runs past its line


# -- word-level diff ---------------------------------------------------------------------------


def _diff(old: str, new: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), "a/x", "b/x"))


def test_highlight_diff_marks_the_changed_word_and_keeps_every_character():
    old = "The quick brown fox jumps over the lazy dog, far away.\nsame\n"
    diff = _diff(old, old.replace("fox", "cat"))
    coloured = highlight_diff(diff, painter(True))
    assert ANSI.sub("", coloured) == diff
    assert "\x1b[1;7;31mfox\x1b[0m" in coloured and "\x1b[1;7;32mcat\x1b[0m" in coloured
    assert "\x1b[1;7;31mThe" not in coloured  # unchanged words are not highlighted
    assert highlight_diff(diff, painter(False)) == diff


def test_fix_diff_is_plain_when_piped_and_word_highlighted_with_colour(cli, tmp_path):
    doc = _doc(tmp_path / "a.txt")
    plain = cli("fix", doc).out
    assert not ANSI.search(plain) and "-Vikov will" in plain
    coloured = cli("fix", "--color", "always", doc).out
    assert ANSI.sub("", coloured) == plain and "\x1b[1;7;32mWitkoff\x1b[0m" in coloured


# -- --isolated --------------------------------------------------------------------------------


def test_isolated_ignores_the_configuration(cli, tmp_path):
    (tmp_path / ".mt-repair.toml").write_text('ignore = ["ENT"]\n', encoding="utf-8")
    doc = _doc(tmp_path / "a.txt")
    assert cli("check", doc).code == 0
    assert cli("check", "--isolated", doc).code == 1
    (tmp_path / ".mt-repair.toml").write_text("not = [valid toml", encoding="utf-8")
    assert cli("check", doc).code == 2 and cli("check", "--isolated", doc).code == 1
    assert cli("fix", "--isolated", doc).code == 1
    both = cli("check", "--isolated", "--config", tmp_path / ".mt-repair.toml", doc)
    assert both.code == 2 and "--isolated" in both.err


# -- --files-from ------------------------------------------------------------------------------


def test_files_from_a_file_and_from_stdin(cli, tmp_path):
    garbled, clean = _doc(tmp_path / "g.txt"), _doc(tmp_path / "c.txt", CLEAN)
    listing = tmp_path / "list.txt"
    listing.write_text(f"{clean}\n\n{garbled}\r\n", encoding="utf-8")
    result = cli("check", "--files-from", listing)
    assert result.code == 1 and "g.txt:2:1: ENT001" in result.out
    assert cli("check", "--files-from", "-", stdin=f"{clean}\n".encode()).code == 0
    assert cli("fix", "--files-from", "-", stdin=f"{garbled}\n".encode()).code == 1


def test_files_from_errors(cli, tmp_path):
    missing = cli("check", "--files-from", tmp_path / "nope.txt")
    assert missing.code == 2 and "nope.txt" in missing.err and "Traceback" not in missing.err
    listed = tmp_path / "list.txt"
    listed.write_text(f"{tmp_path / 'gone.txt'}\n{_doc(tmp_path / 'c.txt', CLEAN)}\n", encoding="utf-8")
    result = cli("check", "--files-from", listed)  # a listed path that is missing: the others run
    assert result.code == 2 and "gone.txt: no such file" in result.err
    assert cli("check", "--files-from", "-", "-", stdin=b"x\n").code == 2
    for listing in (b"\xff\xfe not text\n", b"a\x00b.txt\n"):  # not UTF-8; a NUL in a path
        bad = cli("check", "--files-from", "-", stdin=listing)
        assert bad.code == 2 and "Traceback" not in bad.err and bad.err.count("\n") == 1
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert cli("check", "--files-from", empty).code == 2  # no paths at all


def test_a_diff_of_a_file_without_final_newline_applies_with_patch(cli, tmp_path):
    import shutil
    import subprocess

    text = GARBLED.rstrip("\n")  # no final newline: the changed line (Vikov) is the last one
    doc = _doc(tmp_path / "a.txt", text)
    diff = cli("fix", doc).out
    assert "\\ No newline at end of file" in diff
    coloured = cli("fix", "--color", "always", doc).out
    assert ANSI.sub("", coloured) == diff
    assert "\x1b[1;7;32mWitkoff\x1b[0m" in coloured  # the two last lines are still word-diffed
    if shutil.which("patch"):
        copy = _doc(tmp_path / "b.txt", text)
        subprocess.run(["patch", "-s", str(copy)], input=diff, text=True, check=True)
        fixed = cli("fix", "-", stdin=text.encode()).out
        assert copy.read_text(encoding="utf-8") == fixed and not fixed.endswith("\n")
