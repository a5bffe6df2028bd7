"""Shared fixtures: an isolated cache directory and helpers that run the `mt-repair` CLI."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


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
