"""Shared fixtures: an isolated cache directory, helpers that run the `mt-repair` CLI, the shipped
entity index and a context over it, a private learned dictionary, and a copy of seed article 004."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from repair.context import Context
    from repair.resources.entity_index import EntityIndex

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_004 = SEEDS / "004_9c04875aba7a0d24.txt"  # English article: Vikov, High, Indiais, Zarensky, Kiev


@dataclass(frozen=True)
class CliResult:
    """Exit code and captured output of one `mt-repair` run."""

    code: int
    out: str
    err: str


@pytest.fixture(scope="session", autouse=True)
def isolated_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point MT_REPAIR_CACHE_DIR (and the learned dictionary) at temporary paths, so tests never
    touch the user's cache or pick up names the developer taught in review."""
    cache = tmp_path_factory.mktemp("mt-repair-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MT_REPAIR_CACHE_DIR", str(cache))
        patch.setenv("MT_REPAIR_LEARNED", str(cache / "learned.toml"))
        yield cache


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run `repair.cli.main.main(args)` in-process; `stdin` (bytes) feeds `-`."""
    from repair.cli.main import main

    def run(*args: str, stdin: bytes | None = None) -> CliResult:
        capsys.readouterr()  # drop anything printed before this run
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse errors and --version exit
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def cli_subprocess() -> Callable[..., CliResult]:
    """Run `python -m repair ARGS` as a separate process (end-to-end: entry point, exit code, stderr)."""

    def run(*args: str | Path, cwd: Path | None = None, stdin: bytes | None = None) -> CliResult:
        env = dict(os.environ)  # carries MT_REPAIR_CACHE_DIR from the session fixture
        env["PYTHONIOENCODING"] = "utf-8"
        proc = subprocess.run(
            [sys.executable, "-m", "repair", *(str(a) for a in args)],
            cwd=cwd,
            env=env,
            input=stdin,
            capture_output=True,
            timeout=60,
        )
        return CliResult(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))

    return run


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seed documents (so no configuration above the repo applies)."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


@pytest.fixture(scope="session")
def index(isolated_cache_dir: Path) -> EntityIndex:
    """The shipped dictionaries' entity index (compiled once, into the isolated cache)."""
    from repair.resources.entity_index import load_index

    return load_index()


@pytest.fixture(scope="session")
def context(index: EntityIndex) -> Context:
    """A detector context over the shipped index, without a sentence encoder."""
    from repair.context import Context

    return Context(index=index)


@pytest.fixture
def learned_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Learned names go to a temporary file (never the user's data folder); it does not exist yet."""
    target = tmp_path / "learned" / "learned.toml"
    monkeypatch.setenv("MT_REPAIR_LEARNED", str(target))
    return target


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """A private copy of seed article 004, to review and save."""
    target = tmp_path / "article.txt"
    target.write_bytes(SEED_004.read_bytes())
    return target
