"""Fuzzing (issue 15, part 8): random bytes and random mutations of the shipped dictionaries, a
configuration, a plan, a decisions file and a baseline, fed to the loaders and to the command
line in-process. Every case ends with exit 0, 1 or 2, one line per error, no traceback, and no
file changed outside what the command is meant to write. Bounded example counts keep it fast;
benchmarks/fuzz_probe.py runs the larger probe."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repair.errors import UserError
from repair.resources.dictionary import load_file, shipped_dictionary_files
from repair.settings import load_config

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,  # nothing written into the repository
    derandomize=True,  # the same examples on every run: a failure is reproducible
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FEW = settings(FUZZ, max_examples=15)  # cases that compile an entity index (~0.2 s each)

GARBLED = (
    "Volodymyr Zelensky said he discussed sanctions ahead of U.S. special envoy Steve Witkoff's visit.\n"
    "Vikov will be held in Moscow on Wednesday and is expected to meet Vladimir Putin.\n"
)
CONFIG = """\
select = ["ENT", "SEN", "BOI"]
ignore = ["SEN002"]
language = "en"
min-confidence = 0.85
exclude = ["drafts/*.txt"]
dictionaries = ["names.toml"]

[per-file-ignores]
"notes/*.md" = ["DUP001"]
"""
STDERR_LINE = re.compile(
    r"^(mt-repair: (error|note|warning): .+|\d+ file\(s\), .+ remain|recorded \d+ finding.+)$"
)
LINT_LINE = re.compile(r"^.+:\d+: .+$")  # dict lint's report on stdout: file:line: problem
# Pieces a mutation inserts: structure characters, huge numbers, escapes, paths, control bytes.
TOKENS = (
    b"\x00",
    b"[",
    b"{",
    b"]",
    b"}",
    b'"',
    b"'",
    b"=",
    b",",
    b":",
    b"\n",
    b"\r\n",
    b"\\",
    b"9" * 5000,
    b"-1",
    b"1e999",
    b"Infinity",
    b"NaN",
    b"null",
    b"true",
    b"../",
    b"/etc/passwd",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    "ی\u200c".encode(),
    b"[[entity]]",
    b"[" * 2000,
    b"A" * 3000,
)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """`original` after a few random edits: delete, duplicate or replace a slice, insert a token
    or random bytes, flip a byte."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "token", "bytes", "flip", "truncate"]))
        at = draw(st.integers(0, len(data)))
        if kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 256))] * draw(st.integers(1, 50))
        elif kind == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif kind == "bytes":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif kind == "flip" and data:
            data[min(at, len(data) - 1)] ^= 1 << draw(st.integers(0, 7))
        else:
            del data[at:]
    return bytes(data)


@contextlib.contextmanager
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="mt-fuzz-") as folder:
        yield Path(folder)


def digest(root: Path) -> dict[str, str]:
    """SHA-256 of every file under `root` (what must not change)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def run_cli(*args: object, stdin: bytes = b"") -> tuple[int, str, str]:
    """`mt-repair ARGS` in-process: exit code, stdout, stderr. Any exception that escapes `main`
    (a traceback for the user) fails the test."""
    from repair.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


def assert_clean_outcome(code: int, err: str, out: str = "") -> None:
    """Exit 0/1/2, no traceback, every stderr line one of the tool's own one-line messages, and
    an error said when the exit code is 2 (on stderr, or as `dict lint`'s file:line report)."""
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert all(STDERR_LINE.match(line) for line in lines), err
    if code == 2:
        said = any(line.startswith("mt-repair: error: ") for line in lines)
        assert said or any(LINT_LINE.match(line) for line in out.splitlines()), err


# -- loaders -------------------------------------------------------------------------------------


def _load_and_lint_leave_it_intact(name: str, content: bytes) -> None:
    """Loading and linting a dictionary file of these bytes ends cleanly and leaves it as it was."""
    with workdir() as root:
        path = root / name
        path.write_bytes(content)
        with contextlib.suppress(UserError):
            load_file(path)
        code, out, err = run_cli("dict", "lint", path)
        assert_clean_outcome(code, err, out)
        assert path.read_bytes() == content


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".toml", ".json"]))
def test_random_bytes_as_a_dictionary(data: bytes, suffix: str) -> None:
    _load_and_lint_leave_it_intact(f"names{suffix}", data)


SHIPPED = shipped_dictionary_files()


@FUZZ
@given(st.data())
def test_mutated_shipped_dictionaries(data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(SHIPPED))
    content = data.draw(mutated(source.read_bytes()))
    _load_and_lint_leave_it_intact(source.name, content)


@FEW
@given(st.data())
def test_mutated_dictionaries_through_check(data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(SHIPPED))
    original = source.read_bytes()
    records = original.split(b"[[entity]]")
    small = b"[[entity]]".join(records[:4]) if source.suffix == ".toml" else original[:3000]
    content = data.draw(mutated(small))
    with workdir() as root:
        doc = root / "a.txt"
        doc.write_text(GARBLED, encoding="utf-8")
        path = root / f"extra{source.suffix}"
        path.write_bytes(content)
        before = digest(root)
        code, _, err = run_cli("check", "--dict", path, doc)
        assert_clean_outcome(code, err)
        assert digest(root) == before


@FUZZ
@given(content=mutated(CONFIG.encode()), pyproject=st.booleans())
def test_mutated_configuration(content: bytes, pyproject: bool) -> None:
    with workdir() as root:
        (root / "names.toml").write_text("", encoding="utf-8")
        name = "pyproject.toml" if pyproject else ".mt-repair.toml"
        data = b"[tool.mt-repair]\n" + content if pyproject else content
        (root / name).write_bytes(data)
        doc = root / "a.txt"
        doc.write_text(GARBLED, encoding="utf-8")
        with contextlib.suppress(UserError):
            load_config(None, [str(doc)])
        before = digest(root)
        for command in ("check", "fix"):
            code, _, err = run_cli(command, doc)
            assert_clean_outcome(code, err)
        assert digest(root) == before


@FUZZ
@given(data=st.binary(max_size=2048))
def test_random_bytes_as_text_input(data: bytes) -> None:
    with workdir() as root:
        doc = root / "a.txt"
        doc.write_bytes(data)
        for args in (("check", doc), ("check", "--show-source", "--color", "always", doc), ("fix", doc)):
            code, _, err = run_cli(*args)
            assert_clean_outcome(code, err)
        assert doc.read_bytes() == data
        code, _, err = run_cli("check", "-", stdin=data)
        assert_clean_outcome(code, err)


def _plan_tree(root: Path) -> tuple[Path, bytes]:
    """A tree with a garbled document and its plan (from `fix --plan`), and a file outside it."""
    tree = root / "tree"
    tree.mkdir()
    (tree / "a.txt").write_text(GARBLED, encoding="utf-8")
    (root / "outside.txt").write_text(GARBLED, encoding="utf-8")
    with contextlib.chdir(tree):
        code, _, err = run_cli("fix", "a.txt", "--plan", root / "plan.json")
    assert code == 1, err
    return tree, (root / "plan.json").read_bytes()


PLAN_TEMPLATE: dict[str, bytes] = {}


def _plan_bytes() -> bytes:
    if "plan" not in PLAN_TEMPLATE:
        with workdir() as root:
            PLAN_TEMPLATE["plan"] = _plan_tree(root)[1]
    return PLAN_TEMPLATE["plan"]


@FUZZ
@given(st.data())
def test_mutated_plans(data: st.DataObject) -> None:
    content = data.draw(mutated(_plan_bytes()))
    with workdir() as root:
        tree, _ = _plan_tree(root)
        plan = root / "plan.json"
        plan.write_bytes(content)
        outside = digest(root / "outside.txt")
        code, _, err = run_cli("apply", plan, "--root", tree)
        assert_clean_outcome(code, err)
        assert digest(root / "outside.txt") == outside  # nothing written outside the tree
        assert sorted(p.name for p in root.iterdir()) == ["outside.txt", "plan.json", "tree"]
        assert [p.name for p in tree.iterdir()] == ["a.txt"]


def _decisions_bytes() -> bytes:
    from repair.decisions import StoredDecision, StoredReview, sha256_text
    from repair.model import Verdict

    decisions = [
        StoredDecision("ENT001", 98, 103, "Vikov", Verdict.REJECTED, None, GARBLED[66:98], GARBLED[103:135]),
        StoredDecision("SEN002", 10, 14, "said", Verdict.ACCEPTED, "says", GARBLED[:10], GARBLED[14:46], 0),
        StoredDecision("UNT001", 0, 9, "Volodymyr", Verdict.EDITED, "Volodymyr", "", GARBLED[9:41]),
    ]
    review = StoredReview(sha256_text(GARBLED), None, 1, 98, decisions)
    return (json.dumps(review.to_json(), ensure_ascii=False, indent=1) + "\n").encode()


@FUZZ
@given(content=st.one_of(mutated(_decisions_bytes()), st.binary(max_size=512)))
def test_mutated_decisions_files(content: bytes) -> None:
    from repair.decisions import decisions_path

    with workdir() as root:
        doc = root / "a.txt"
        doc.write_text(GARBLED, encoding="utf-8")
        decisions_path(doc).write_bytes(content)
        before = digest(root)
        for command in ("check", "fix"):
            code, _, err = run_cli(command, doc)
            assert_clean_outcome(code, err)
        assert digest(root) == before


BASELINE = json.dumps(
    {"version": 1, "findings": [{"path": "a.txt", "code": "ENT001", "text": "Vikov", "count": 2}]}, indent=1
).encode()


@FUZZ
@given(content=st.one_of(mutated(BASELINE), st.binary(max_size=256)))
def test_mutated_baselines(content: bytes) -> None:
    with workdir() as root:
        doc = root / "a.txt"
        doc.write_text(GARBLED, encoding="utf-8")
        (root / "baseline.json").write_bytes(content)
        before = digest(root)
        with contextlib.chdir(root):
            code, _, err = run_cli("check", "--baseline", "baseline.json", "a.txt")
        assert_clean_outcome(code, err)
        assert digest(root) == before


@FUZZ
@given(
    options=st.lists(
        st.sampled_from(
            [
                "--lang",
                "klingon",
                "fa-IR",
                "--select",
                "FOO",
                "--ignore",
                "ENT",
                "--min-confidence",
                "nan",
                "2",
                "--jobs",
                "-3",
                "--format",
                "sarif",
                "--count",
                "--statistics",
                "-qq",
                "--color",
                "sometimes",
                "--isolated",
                "--files-from",
                "missing.txt",
                "--baseline",
                ".",
                "--update-baseline",
                "--dict",
                "/dev/null",
                "--plan",
                ".",
            ]
        ),
        max_size=6,
    ),
    command=st.sampled_from(["check", "fix"]),
)
def test_random_option_combinations(options: list[str], command: str) -> None:
    with workdir() as root:
        doc = root / "a.txt"
        doc.write_text(GARBLED, encoding="utf-8")
        before = digest(root)
        with contextlib.chdir(root):
            code, _, err = run_cli(command, doc, *options)  # the document first: no option takes it
        assert_clean_outcome(code, err)
        writes = {"--update-baseline", "--plan"} & set(options)  # they write the file they name
        after = digest(root)
        assert (after["a.txt"] == before["a.txt"]) if writes else (after == before)


@pytest.mark.parametrize("payload", [b"", b"\n\n", b"\xef\xbb\xbf", b"\x00" * 10, "ی".encode() * 3])
def test_edge_inputs_through_every_analysing_command(payload: bytes) -> None:
    with workdir() as root:
        doc = root / "a.txt"
        doc.write_bytes(payload)
        for args in (("check", doc), ("fix", doc), ("fix", "--write", doc), ("check", "--statistics", doc)):
            code, _, err = run_cli(*args)
            assert_clean_outcome(code, err)
