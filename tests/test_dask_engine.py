"""`--engine dask`: the same outcome as the local engine, byte for byte, on a LocalCluster of two
workers; a failing task is retried, then reported per file (exit 2); clear errors without dask or
without a reachable scheduler; `check --jobs` locally gives what one process gives."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
MINI_BENCH = REPO / "tests" / "data" / "bench_mini"


def _local_cluster(workers: int) -> Any:
    """A LocalCluster of `workers` single-threaded worker processes (0: a scheduler alone)."""
    pytest.importorskip("distributed")
    import logging

    from dask.distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address="127.0.0.1:0",  # the scheduler's HTTP server on any free local port
        scheduler_kwargs={"dashboard": False},
        silence_logs=logging.ERROR,
    )


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a LocalCluster of two worker processes, shared by the module."""
    with _local_cluster(2) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with copies of the seed articles."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(seed, folder / seed.name)
    return folder


def test_check_json_is_the_local_engines(cli, scheduler: str, corpus: Path) -> None:
    local = cli("check", "--format", "json", corpus)
    dask = cli("check", "--format", "json", corpus, "--engine", "dask", "--scheduler", scheduler)
    assert local.code == dask.code == 1
    assert dask.out == local.out and dask.err == local.err
    assert dask.out.count('"path"') == 5


def test_check_text_with_an_unreadable_file_and_a_missing_argument(cli, scheduler: str, corpus: Path) -> None:
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    args = ("check", corpus, corpus / "missing.txt")
    local = cli(*args)
    dask = cli(*args, "--engine", "dask", "--scheduler", scheduler)
    assert local.code == dask.code == 2
    assert (dask.out, dask.err) == (local.out, local.err)
    assert "binary.txt" in dask.err and "missing.txt" in dask.err


def test_fix_diff_is_the_local_engines(cli, scheduler: str, corpus: Path) -> None:
    local = cli("fix", corpus, "--jobs", "1")
    dask = cli("fix", corpus, "--engine", "dask", "--scheduler", scheduler)
    assert local.code == dask.code == 1
    assert dask.out == local.out and dask.out.count("+++ b/") == 5
    assert _summary(dask.err) == _summary(local.err)


def _summary(err: str) -> str:
    """fix's summary line without the elapsed time."""
    counts, _, rest = err.splitlines()[-1].partition(" in ")
    return counts + rest.partition(" s; ")[2]


def test_fix_write_and_plan_are_the_local_engines(cli, scheduler: str, corpus: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(corpus, copy)
    local = cli("fix", corpus, "--write", "--jobs", "1", "--plan", tmp_path / "local.json")
    dask = cli(
        "fix", copy, "--write", "--engine", "dask", "--scheduler", scheduler, "--plan", tmp_path / "dask.json"
    )
    assert local.code == dask.code
    for fixed in sorted(corpus.iterdir()):
        assert (copy / fixed.name).read_bytes() == fixed.read_bytes()
        assert fixed.read_bytes() != (SEEDS / fixed.name).read_bytes()
    plan = (tmp_path / "dask.json").read_text(encoding="utf-8").replace("/copy/", "/corpus/")
    assert plan == (tmp_path / "local.json").read_text(encoding="utf-8")
    assert not [p for p in copy.iterdir() if p.name.startswith(".")]  # no temporary left behind


def test_eval_is_the_local_engines(cli, scheduler: str) -> None:
    local = cli("eval", MINI_BENCH, "--format", "json", "--jobs", "1")
    dask = cli("eval", MINI_BENCH, "--format", "json", "--engine", "dask", "--scheduler", scheduler)
    assert local.code == dask.code == 0
    assert dask.out == local.out


def test_a_failing_task_is_retried_then_reported(cli, scheduler: str, corpus: Path, monkeypatch) -> None:
    """One file always raises in the worker, one raises on its first try only: the first is reported
    (exit 2) after its retries, the second is fixed on a retry, and every other file is fixed."""
    from repair.fixing import batch, dask_engine

    expected = cli("fix", corpus, "--jobs", "1").out
    shutil.copyfile(SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0], corpus / "bad.txt")

    def failing(task: tuple[str, str]) -> batch.FileOutcome:  # pickled by value: runs on the workers
        from pathlib import Path

        from repair.fixing.batch import fix_one

        path = Path(task[0])
        if path.name == "bad.txt":
            with path.with_name("bad-tries").open("a") as tries:
                tries.write("tried\n")
            raise RuntimeError("this file always fails")
        if path.name.startswith("001_"):
            marker = path.with_name("tried-once")
            if not marker.exists():
                marker.touch()
                raise RuntimeError("the first try fails")
        return fix_one(task)

    monkeypatch.setattr(batch, "fix_one", failing)
    monkeypatch.setattr(dask_engine, "CHUNKS_PER_WORKER", 1)  # chunks of 3 files: the failures are alone
    result = cli("fix", corpus, "--engine", "dask", "--scheduler", scheduler)
    assert result.code == 2
    errors = [line for line in result.err.splitlines() if line.startswith("mt-repair: error:")]
    assert errors == [
        f"mt-repair: error: {corpus / 'bad.txt'}: failed on the Dask engine after 3 tries "
        "(RuntimeError: this file always fails)"
    ]
    assert result.out == expected  # the other five, the flaky one included, in input order
    assert (corpus / "tried-once").exists()
    assert (corpus / "bad-tries").read_text().count("tried") == 3  # once in its chunk, twice alone


def test_unreachable_scheduler_is_a_one_line_error(cli, corpus: Path, monkeypatch) -> None:
    pytest.importorskip("distributed")
    from repair.fixing import dask_engine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT_S", 1.0)
    result = cli("check", corpus, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("mt-repair: error: cannot reach the Dask scheduler at tcp://127.0.0.1:1")
    assert result.err.count("\n") == 1


def test_scheduler_without_workers_is_a_one_line_error(cli, corpus: Path, monkeypatch) -> None:
    from repair.fixing import dask_engine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT_S", 1.0)
    with _local_cluster(0) as empty:
        address = empty.scheduler_address
        result = cli("fix", corpus, "--write", "--engine", "dask", "--scheduler", address)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(f"mt-repair: error: the Dask scheduler at {address} has no workers")
    assert result.err.count("\n") == 1
    assert all(p.read_bytes() == (SEEDS / p.name).read_bytes() for p in corpus.iterdir())


def test_dask_not_installed_is_a_one_line_error(cli, corpus: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # makes the import fail
    result = cli("fix", corpus, "--engine", "dask")
    assert result.code == 2
    hint = "(pip install 'mt-repair[dask]')"
    assert result.err == f"mt-repair: error: --engine dask needs dask.distributed {hint}\n"


def test_scheduler_without_the_dask_engine_is_refused(cli, corpus: Path) -> None:
    result = cli("check", corpus, "--scheduler", "tcp://127.0.0.1:1")
    assert (result.code, result.err) == (2, "mt-repair: error: --scheduler needs --engine dask\n")


def test_dask_engine_starts_a_local_cluster_without_a_scheduler(cli, corpus: Path) -> None:
    pytest.importorskip("distributed")
    local = cli("check", "--format", "json", corpus)
    dask = cli("check", "--format", "json", corpus, "--engine", "dask", "--jobs", "2")
    assert (dask.code, dask.out) == (local.code, local.out)


def test_check_jobs_gives_one_process_results_in_input_order(corpus: Path) -> None:
    """`check --jobs 2` (local worker processes) prints what one process prints, and imports no dask."""
    code = (
        "import sys; from repair.cli.main import main; main(sys.argv[1:]); "
        "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, "check", "--format", "json", "--jobs", jobs, str(corpus)],
            capture_output=True,
            text=True,
        )
        for jobs in ("1", "2")
    ]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.count('"path"') == 5
    assert runs[1].stdout.strip().splitlines()[-1] == "[]"


def test_standard_input_is_read_locally_on_any_engine(cli) -> None:
    text = (SEEDS / "004_9c04875aba7a0d24.txt").read_bytes()
    local = cli("check", "--format", "json", "-", stdin=text)
    unreachable = ("--engine", "dask", "--scheduler", "tcp://127.0.0.1:1")  # never contacted for -
    dask = cli("check", "--format", "json", "-", *unreachable, stdin=text)
    assert (dask.code, dask.out) == (local.code, local.out) and local.code == 1
