"""The pre-commit hooks of `.pre-commit-hooks.yaml`, run by the real `pre-commit` tool.

pre-commit installs a `language: python` hook by cloning the hook repository at a commit and
pip-installing it into a fresh virtualenv (PyPI needed). Two consequences shape these tests:

* pre-commit only sees committed files, and `try-repo` adds only *tracked* modified files to its
  temporary commit (an untracked `.pre-commit-hooks.yaml` would be missing). So the tests copy
  this checkout's working tree (minus ignored folders) into a throwaway git repository, commit
  it, and point pre-commit at that snapshot: what is tested is the code as it is on disk.
* `try-repo` builds its environment in a new temporary store on every call; a configuration
  with `repo: <snapshot>` / `rev: <sha>` (exactly what `try-repo` writes) run with a shared
  PRE_COMMIT_HOME builds it once per module. One test uses `try-repo` itself; the others use
  the shared store.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / ".pre-commit-hooks.yaml"
CHECK, FIX = "mt-repair-check", "mt-repair-fix"
MODIFIED = "files were modified by this hook"

DAMAGED_EN = (
    "Volodymyr Zelensky said he discussed sanctions ahead of U.S. special envoy Steve Witkoff's visit.\n"
    "Vikov will be held in Moscow on Wednesday and is expected to meet Vladimir Putin.\n"
)
REPAIRED_EN = DAMAGED_EN.replace("Vikov will", "Witkoff will")
DAMAGED_FA = (  # one entity spelled the Iranian way three times and the Dari way once
    "ترمپ گفت نشست دیگری در حال تدارک است. ترمپ به خبرنگاران گفت. "
    "دیدار ترمپ با پوتین. برنامه‌ای برای دیدار رئیس‌جمهور ترامپ با پوتین وجود ندارد.\n"
)
REPAIRED_FA = DAMAGED_FA.replace("ترامپ", "ترمپ")
DAMAGED_PO = 'msgid ""\nmsgstr "Language: en\\n"\n\nmsgid "a"\nmsgstr "' + " ".join(DAMAGED_EN.split())
DAMAGED_PO += '"\n'
DAMAGED_SRT = "1\n00:00:01,000 --> 00:00:04,000\n" + DAMAGED_EN
REPAIRED_SRT = DAMAGED_SRT.replace("Vikov will", "Witkoff will")
CLEAN_EN = (
    "President Donald Trump met Vladimir Putin in Alaska on Friday.\n"
    "The two leaders discussed the war in Ukraine, and officials said further talks were possible.\n"
)

# Folders and files of the checkout that are not part of the package (as in .gitignore).
SNAPSHOT_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "__pycache__",
    "*.egg-info",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "build",
    "dist",
)


def _pre_commit_command() -> list[str] | None:
    """`pre-commit` from this interpreter's environment if installed there, else from PATH."""
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    return [found] if found else None


PRE_COMMIT = _pre_commit_command()
GIT = shutil.which("git")

pytestmark = [
    pytest.mark.skipif(GIT is None, reason="git is not installed (needed by pre-commit)"),
    pytest.mark.skipif(
        PRE_COMMIT is None,
        reason="pre-commit is not installed (pip install -e '.[test]' provides it)",
    ),
]


@dataclass(frozen=True)
class Run:
    """Exit code and combined stdout/stderr of one command."""

    code: int
    output: str


@dataclass(frozen=True)
class HookRepo:
    """A committed snapshot of this checkout: what `repo:` / `rev:` point at."""

    path: Path
    rev: str


def run(cmd: Sequence[str | Path], cwd: Path, env: Mapping[str, str], timeout: float = 600) -> Run:
    proc = subprocess.run(
        [str(part) for part in cmd],
        cwd=cwd,
        env=dict(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=timeout,
        check=False,
    )
    return Run(proc.returncode, proc.stdout.decode("utf-8", errors="replace"))


def git(repo: Path, env: Mapping[str, str], *args: str) -> Run:
    assert GIT is not None
    result = run([GIT, *args], repo, env, timeout=60)
    assert result.code == 0, f"git {' '.join(args)} failed:\n{result.output}"
    return result


def pre_commit(repo: Path, env: Mapping[str, str], *args: str | Path) -> Run:
    assert PRE_COMMIT is not None
    return run([*PRE_COMMIT, *args], repo, env)


def init_repo(path: Path, env: Mapping[str, str]) -> Path:
    """`git init` with a local identity and commit signing off (whatever the user's config says)."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, env, "init", "-q", "-b", "main")
    git(path, env, "config", "user.name", "mt-repair tests")
    git(path, env, "config", "user.email", "tests@mt-repair.invalid")
    git(path, env, "config", "commit.gpgsign", "false")
    return path


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def stage(repo: Path, env: Mapping[str, str], name: str, text: str) -> Path:
    """Write `name` and `git add` it: pre-commit notices a hook's edits only in tracked files
    (it compares `git diff` before and after), as in a real commit."""
    path = write(repo / name, text)
    git(repo, env, "add", name)
    return path


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def config_text(hook_repo: HookRepo, hooks: Sequence[str]) -> str:
    """The `.pre-commit-config.yaml` that `try-repo` would write (JSON strings are YAML scalars)."""
    lines = [
        "repos:",
        f"  - repo: {json.dumps(str(hook_repo.path))}",
        f"    rev: {json.dumps(hook_repo.rev)}",
        "    hooks:",
        *(f"      - id: {hook}" for hook in hooks),
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, isolated_cache_dir: Path) -> Iterator[dict[str, str]]:
    """Environment for git and pre-commit: a module-wide PRE_COMMIT_HOME (hook virtualenvs are
    built once, and removed afterwards: about 125 MB), the test cache for mt-repair, no
    user/system git configuration, no PYTHONPATH, no color."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    empty_gitconfig = write(home / "gitconfig", "")
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT"))  # e.g. when pytest itself runs from a git hook
        and key != "PYTHONPATH"  # would shadow the snapshot installed in the hook's virtualenv
    }
    yield {
        **inherited,
        "PRE_COMMIT_HOME": str(home / "store"),
        "PRE_COMMIT_COLOR": "never",
        "MT_REPAIR_CACHE_DIR": str(isolated_cache_dir),
        "GIT_CONFIG_GLOBAL": str(empty_gitconfig),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PYTHONIOENCODING": "utf-8",
    }
    shutil.rmtree(home / "store", ignore_errors=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> HookRepo:
    """This checkout's working tree, committed in a throwaway repository."""
    assert MANIFEST.is_file(), f"{MANIFEST} is missing"
    path = tmp_path_factory.mktemp("hook-repo") / "mt-repair"
    shutil.copytree(REPO, path, ignore=SNAPSHOT_IGNORE, symlinks=True)
    init_repo(path, env)
    git(path, env, "add", "--all")
    git(path, env, "commit", "-q", "--no-verify", "-m", "snapshot of the working tree")
    return HookRepo(path, git(path, env, "rev-parse", "HEAD").output.strip())


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str], hook_repo: HookRepo) -> None:
    """Build the hooks' virtualenv in the shared PRE_COMMIT_HOME (pip-installs the snapshot)."""
    scratch = init_repo(tmp_path_factory.mktemp("install-hooks"), env)
    write(scratch / ".pre-commit-config.yaml", config_text(hook_repo, [CHECK, FIX]))
    result = pre_commit(scratch, env, "install-hooks")
    assert result.code == 0, f"pre-commit could not build the hook environment:\n{result.output}"


@pytest.fixture
def make_repo(
    tmp_path: Path, env: dict[str, str], hook_repo: HookRepo, installed: None
) -> Callable[[Sequence[str]], Path]:
    """A git repository whose committed `.pre-commit-config.yaml` uses the given hooks."""

    def make(hooks: Sequence[str]) -> Path:
        repo = init_repo(tmp_path / "work", env)
        write(repo / ".pre-commit-config.yaml", config_text(hook_repo, hooks))
        git(repo, env, "add", ".pre-commit-config.yaml")
        git(repo, env, "commit", "-q", "-m", "pre-commit configuration")
        return repo

    return make


# --- try-repo: the command a hook author runs before publishing ------------------------------


def test_try_repo_runs_both_hooks_from_the_working_tree(
    tmp_path: Path, env: dict[str, str], hook_repo: HookRepo
) -> None:
    repo = init_repo(tmp_path / "work", env)
    damaged = stage(repo, env, "damaged.txt", DAMAGED_EN)
    stage(repo, env, "clean.md", CLEAN_EN)
    # No hook id: try-repo runs every hook of the manifest (sorted: check, then fix).
    result = pre_commit(repo, env, "try-repo", hook_repo.path, "--files", "damaged.txt", "clean.md")
    assert result.code == 1, result.output
    assert "damaged.txt:2:1: ENT001 'Vikov'" in result.output
    assert "clean.md:" not in result.output
    assert f"- hook id: {CHECK}" in result.output
    assert f"- hook id: {FIX}" in result.output and MODIFIED in result.output
    assert read(damaged) == REPAIRED_EN


# --- the check hook ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("damaged.txt", DAMAGED_EN, "damaged.txt:2:1: ENT001 'Vikov'"),
        ("damaged-fa.md", DAMAGED_FA, "damaged-fa.md:1:115: ENT003 'ترامپ'"),
        ("messages.po", DAMAGED_PO, "messages.po:5:107: ENT001 'Vikov'"),
    ],
    ids=["en-ENT001", "fa-ENT003", "po-ENT001"],
)
def test_check_hook_fails_on_a_damaged_file(
    make_repo: Callable[[Sequence[str]], Path], env: dict[str, str], name: str, text: str, expected: str
) -> None:
    repo = make_repo([CHECK])
    doc = stage(repo, env, name, text)
    result = pre_commit(repo, env, "run", CHECK, "--files", name)
    assert result.code == 1, result.output
    assert "Failed" in result.output and expected in result.output
    assert read(doc) == text  # report only


def test_check_hook_passes_on_a_clean_file(
    make_repo: Callable[[Sequence[str]], Path], env: dict[str, str]
) -> None:
    repo = make_repo([CHECK])
    stage(repo, env, "clean.md", CLEAN_EN)
    result = pre_commit(repo, env, "run", CHECK, "--files", "clean.md")
    assert result.code == 0, result.output
    assert "Passed" in result.output


def test_hooks_only_run_on_text_documents(
    make_repo: Callable[[Sequence[str]], Path], env: dict[str, str]
) -> None:
    repo = make_repo([CHECK])
    stage(repo, env, "notes.py", f"NOTE = {DAMAGED_EN!r}\n")
    stage(repo, env, "data.json", json.dumps({"text": DAMAGED_EN}) + "\n")
    result = pre_commit(repo, env, "run", CHECK, "--files", "notes.py", "data.json")
    assert result.code == 0, result.output
    assert "(no files to check)Skipped" in result.output


# --- the fix hook ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "repaired"),
    [
        ("damaged.txt", DAMAGED_EN, REPAIRED_EN),
        ("damaged-fa.txt", DAMAGED_FA, REPAIRED_FA),
        ("talks.srt", DAMAGED_SRT, REPAIRED_SRT),
    ],
    ids=["en", "fa", "srt"],
)
def test_fix_hook_rewrites_the_file_fails_then_passes(
    make_repo: Callable[[Sequence[str]], Path], env: dict[str, str], name: str, text: str, repaired: str
) -> None:
    repo = make_repo([FIX])
    doc = stage(repo, env, name, text)
    first = pre_commit(repo, env, "run", FIX, "--files", name)
    assert first.code == 1, first.output
    assert MODIFIED in first.output
    assert read(doc) == repaired
    second = pre_commit(repo, env, "run", FIX, "--files", name)
    assert second.code == 0, second.output
    assert "Passed" in second.output


def test_fix_hook_leaves_a_clean_file_alone(
    make_repo: Callable[[Sequence[str]], Path], env: dict[str, str]
) -> None:
    repo = make_repo([FIX])
    doc = stage(repo, env, "clean.txt", CLEAN_EN)
    result = pre_commit(repo, env, "run", FIX, "--files", "clean.txt")
    assert result.code == 0, result.output
    assert read(doc) == CLEAN_EN


# --- git commit with the hooks installed -------------------------------------------------------


def commit_count(repo: Path, env: dict[str, str]) -> int:
    return int(git(repo, env, "rev-list", "--count", "HEAD").output)


def test_commit_of_a_damaged_file_is_refused_and_of_a_clean_file_accepted(
    make_repo: Callable[[Sequence[str]], Path], env: dict[str, str]
) -> None:
    assert GIT is not None
    repo = make_repo([CHECK])
    installed_hook = pre_commit(repo, env, "install")
    assert installed_hook.code == 0, installed_hook.output

    stage(repo, env, "damaged.txt", DAMAGED_EN)
    refused = run([GIT, "commit", "-m", "damaged"], repo, env)
    assert refused.code != 0, refused.output
    assert "damaged.txt:2:1: ENT001" in refused.output
    assert commit_count(repo, env) == 1

    git(repo, env, "rm", "-q", "--cached", "damaged.txt")
    stage(repo, env, "clean.md", CLEAN_EN)
    accepted = run([GIT, "commit", "-m", "clean"], repo, env)
    assert accepted.code == 0, accepted.output
    assert commit_count(repo, env) == 2


def test_fix_hook_at_commit_time_repairs_then_the_restaged_commit_succeeds(
    make_repo: Callable[[Sequence[str]], Path], env: dict[str, str]
) -> None:
    assert GIT is not None
    repo = make_repo([CHECK, FIX])
    assert pre_commit(repo, env, "install").code == 0

    doc = stage(repo, env, "damaged.txt", DAMAGED_EN)
    refused = run([GIT, "commit", "-m", "damaged"], repo, env)
    assert refused.code != 0, refused.output
    assert MODIFIED in refused.output
    assert read(doc) == REPAIRED_EN  # repaired in the working tree, not yet staged
    assert commit_count(repo, env) == 1

    git(repo, env, "add", "damaged.txt")
    accepted = run([GIT, "commit", "-m", "repaired"], repo, env)
    assert accepted.code == 0, accepted.output
    assert git(repo, env, "show", "HEAD:damaged.txt").output == REPAIRED_EN
