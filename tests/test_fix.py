"""`mt-repair fix` and `mt-repair apply`: modes, safety, idempotence, plans, parallel runs."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

GARBLED = (
    "Volodymyr Zelensky said he discussed sanctions ahead of U.S. special envoy Steve Witkoff's visit.\n"
    "Vikov will be held in Moscow on Wednesday and is expected to meet Vladimir Putin.\n"
    "Weapons will be passed to Kiev this week.\n"
)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_default_is_a_diff_and_changes_nothing(tmp_path, cli):
    doc = write(tmp_path / "a.txt", GARBLED)
    result = cli("fix", str(doc))
    assert result.code == 1
    assert "-Vikov will be held" in result.out and "+Witkoff will be held" in result.out
    assert doc.read_text(encoding="utf-8") == GARBLED


def test_write_applies_safe_fixes_only_and_is_idempotent(tmp_path, cli):
    doc = write(tmp_path / "a.txt", GARBLED)
    assert cli("fix", "--write", str(doc)).code in (0, 1)
    fixed = doc.read_text(encoding="utf-8")
    assert "Witkoff will be held" in fixed
    assert "passed to Kiev" in fixed  # a 'suggest' style fix is not applied without --unsafe-fixes
    cli("fix", "--write", str(doc))
    assert doc.read_text(encoding="utf-8") == fixed


def test_unsafe_fixes_and_confidence_bar(tmp_path, cli):
    doc = write(tmp_path / "a.txt", GARBLED)
    cli("fix", "--write", "--unsafe-fixes", str(doc))
    assert "passed to Kyiv" in doc.read_text(encoding="utf-8")
    other = write(tmp_path / "b.txt", GARBLED)
    cli("fix", "--write", "--min-confidence", "0.99", str(other))
    assert other.read_text(encoding="utf-8") == GARBLED


def test_write_keeps_bom_crlf_and_file_mode(tmp_path, cli):
    data = ("\ufeff" + GARBLED.replace("\n", "\r\n")).encode("utf-8")
    doc = write(tmp_path / "crlf.txt", data)
    os.chmod(doc, 0o640)
    cli("fix", "--write", str(doc))
    raw = doc.read_bytes()
    assert raw.startswith("\ufeff".encode())
    assert raw.count(b"\r\n") == data.count(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert b"Witkoff will be held" in raw
    assert stat.S_IMODE(doc.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary files left"


def test_output_dir_keeps_relative_paths_and_originals(tmp_path, cli):
    corpus = tmp_path / "corpus"
    write(corpus / "x" / "a.txt", GARBLED)
    write(corpus / "b.md", "A clean line about the weather in Paris.\n")
    out = tmp_path / "out"
    cli("fix", str(corpus), "--output-dir", str(out))
    assert "Witkoff will be held" in (out / "x" / "a.txt").read_text(encoding="utf-8")
    assert (out / "b.md").read_text(encoding="utf-8") == "A clean line about the weather in Paris.\n"
    assert (corpus / "x" / "a.txt").read_text(encoding="utf-8") == GARBLED


def test_stdin_to_stdout(cli):
    result = cli("fix", "-", stdin=GARBLED.encode("utf-8"))
    assert result.out.startswith("Volodymyr Zelensky said")
    assert "Witkoff will be held" in result.out


def test_parallel_and_serial_runs_agree(tmp_path, cli):
    corpus = tmp_path / "corpus"
    for i in range(6):
        write(corpus / f"{i}.txt", GARBLED if i % 2 else "Nothing to repair in this sentence.\n")
    one, two = tmp_path / "one", tmp_path / "two"
    cli("fix", str(corpus), "--output-dir", str(one), "--jobs", "1")
    cli("fix", str(corpus), "--output-dir", str(two), "--jobs", "2")
    for i in range(6):
        assert (one / f"{i}.txt").read_bytes() == (two / f"{i}.txt").read_bytes()


def test_plan_replays_to_the_same_output_and_refuses_changed_files(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)  # plan paths are relative to the folder fix runs in
    doc = write(tmp_path / "a.txt", GARBLED)
    out, plan = tmp_path / "out", tmp_path / "plan.json"
    cli("fix", str(doc), "--output-dir", str(out), "--plan", str(plan))
    data = json.loads(plan.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["files"][0]["edits"][0]["code"].startswith("ENT")
    assert data["files"][0]["path"] == "a.txt"
    assert cli("apply", str(plan)).code == 0
    assert doc.read_text(encoding="utf-8") == (out / "a.txt").read_text(encoding="utf-8")
    # The file now differs from the planned original: replaying again must refuse and not touch it.
    _refused(cli, plan, doc, "refusing")


def test_bad_file_is_reported_and_the_rest_fixed(tmp_path, cli):
    write(tmp_path / "c" / "bad.txt", b"\x00\x01binary")
    good = write(tmp_path / "c" / "good.txt", GARBLED)
    result = cli("fix", "--write", str(tmp_path / "c"))
    assert result.code == 2 and "bad.txt" in result.err
    assert "Witkoff will be held" in good.read_text(encoding="utf-8")
    assert (tmp_path / "c" / "bad.txt").read_bytes() == b"\x00\x01binary"


# -- plans never reach outside the tree they were made for ---------------------------------------


def _planned(tmp_path, cli, monkeypatch):
    """A real plan for work/a.txt, made and replayed from work/."""
    work = tmp_path / "work"
    doc = write(work / "a.txt", GARBLED)
    monkeypatch.chdir(work)
    plan = work / "plan.json"
    cli("fix", "a.txt", "--output-dir", str(tmp_path / "out"), "--plan", str(plan))
    return work, doc, plan, json.loads(plan.read_text(encoding="utf-8"))


def _refused(cli, plan, untouched, says):
    """`apply` refuses the plan in one line that says why (exit 2) and leaves `untouched` as it was."""
    before = untouched.read_bytes()
    result = cli("apply", str(plan))
    assert result.code == 2 and says in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert untouched.read_bytes() == before


@pytest.mark.parametrize("where", ["dotdot", "absolute", "symlink"])
def test_apply_refuses_plan_paths_outside_the_root(tmp_path, cli, monkeypatch, where):
    work, doc, plan, data = _planned(tmp_path, cli, monkeypatch)
    victim = write(tmp_path / "outside" / "victim.txt", doc.read_text(encoding="utf-8"))
    if where == "dotdot":
        data["files"][0]["path"] = "../outside/victim.txt"
    elif where == "absolute":
        data["files"][0]["path"] = str(victim)
    else:
        (work / "link").symlink_to(tmp_path / "outside", target_is_directory=True)
        data["files"][0]["path"] = "link/victim.txt"
    plan.write_text(json.dumps(data), encoding="utf-8")
    _refused(cli, plan, victim, "refusing")


def test_apply_with_root_replays_a_plan_from_another_folder(tmp_path, cli, monkeypatch):
    work, doc, plan, _ = _planned(tmp_path, cli, monkeypatch)
    monkeypatch.chdir(tmp_path)
    assert cli("apply", str(plan), "--root", str(work)).code == 0
    assert doc.read_text(encoding="utf-8") == (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "files",
    [
        [5],
        [{"path": 7, "sha256": "x", "edits": []}],
        [{"path": "a\u0000b.txt", "sha256": "x", "edits": []}],
    ],
)
def test_malformed_plan_entries_are_one_line_errors(tmp_path, cli, monkeypatch, files):
    _, doc, plan, _ = _planned(tmp_path, cli, monkeypatch)
    plan.write_text(json.dumps({"version": 1, "files": files}), encoding="utf-8")
    _refused(cli, plan, doc, "error:")


def test_a_non_string_replacement_in_a_plan_is_refused(tmp_path, cli, monkeypatch):
    _, doc, plan, data = _planned(tmp_path, cli, monkeypatch)
    data["files"][0]["edits"][0]["replacement"] = 42
    plan.write_text(json.dumps(data), encoding="utf-8")
    _refused(cli, plan, doc, "malformed edit")


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600])
def test_output_dir_copies_keep_the_mode_of_their_source(tmp_path, cli, mode):
    doc = write(tmp_path / "in" / "a.txt", GARBLED)
    doc.chmod(mode)
    cli("fix", str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"))
    assert (tmp_path / "out" / "a.txt").stat().st_mode & 0o777 == mode


def test_a_missing_argument_does_not_stop_the_other_files(tmp_path, cli):
    good = write(tmp_path / "good.txt", GARBLED)
    result = cli("fix", "--write", str(good), str(tmp_path / "missing.txt"))
    assert result.code == 2 and "missing.txt: no such file or directory" in result.err
    assert good.read_text(encoding="utf-8") != GARBLED


def test_write_follows_a_link_inside_the_tree_and_refuses_one_leading_out(tmp_path, cli):
    corpus = tmp_path / "corpus"
    real = write(corpus / "real.txt", GARBLED)
    (corpus / "alias.txt").symlink_to(real)
    outside = write(tmp_path / "outside.txt", GARBLED)
    (corpus / "escape.txt").symlink_to(outside)
    result = cli("fix", "--write", str(corpus))
    assert result.code == 2 and "escape.txt: a symbolic link leads outside" in result.err
    assert outside.read_text(encoding="utf-8") == GARBLED
    assert (corpus / "alias.txt").is_symlink() and real.read_text(encoding="utf-8") != GARBLED


@pytest.mark.parametrize("inner", ["sub/a.txt", "sub/deeper/a.txt"])
def test_output_dir_never_writes_or_makes_a_folder_through_a_linked_folder(tmp_path, cli, inner):
    write(tmp_path / "in" / inner, GARBLED)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").symlink_to(elsewhere, target_is_directory=True)
    result = cli("fix", str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"))
    assert result.code == 2 and "symbolic link leads outside" in result.err
    assert list(elsewhere.iterdir()) == []  # no file, and not even the folder `deeper`


def test_apply_output_dir_writes_a_copy_and_leaves_the_original(tmp_path, cli, monkeypatch):
    _, doc, plan, _ = _planned(tmp_path, cli, monkeypatch)
    copies = tmp_path / "copies"
    assert cli("apply", str(plan), "--output-dir", str(copies)).code == 0
    assert doc.read_text(encoding="utf-8") == GARBLED
    assert (copies / "a.txt").read_text(encoding="utf-8") == (tmp_path / "out" / "a.txt").read_text(
        encoding="utf-8"
    )


def test_apply_output_dir_follows_a_link_that_stays_inside_it(tmp_path, cli, monkeypatch):
    _, _, plan, _ = _planned(tmp_path, cli, monkeypatch)
    copies = tmp_path / "copies"
    real = write(copies / "kept" / "real.txt", "old copy\n")
    (copies / "a.txt").symlink_to(real)
    assert cli("apply", str(plan), "--output-dir", str(copies)).code == 0
    assert (copies / "a.txt").is_symlink() and "Witkoff will be held" in real.read_text(encoding="utf-8")


def test_apply_output_dir_keeps_the_plans_relative_paths(tmp_path, cli, monkeypatch):
    work = tmp_path / "work"
    write(work / "one" / "a.txt", GARBLED)
    write(work / "two" / "a.txt", GARBLED.replace("Wednesday", "Thursday"))
    monkeypatch.chdir(work)
    cli("fix", "one", "two", "--plan", "plan.json")  # a diff: nothing written but the plan
    copies = tmp_path / "copies"
    assert cli("apply", "plan.json", "--output-dir", str(copies)).code == 0
    one, two = ((copies / name / "a.txt").read_text(encoding="utf-8") for name in ("one", "two"))
    assert "Witkoff will be held" in one and "Witkoff will be held" in two
    assert "Thursday" in two and "Thursday" not in one  # two files of one name: two copies
    assert (work / "one" / "a.txt").read_text(encoding="utf-8") == GARBLED


@pytest.mark.parametrize("link", ["file", "folder"])
def test_apply_output_dir_refuses_a_link_leading_out_as_fix_does(tmp_path, cli, monkeypatch, link):
    work = tmp_path / "work"
    doc = write(work / "sub" / "a.txt", GARBLED)
    monkeypatch.chdir(work)
    cli("fix", "sub/a.txt", "--output-dir", str(tmp_path / "out"), "--plan", "plan.json")
    copies, elsewhere = tmp_path / "copies", tmp_path / "elsewhere"
    victim = write(elsewhere / "a.txt", "not to be touched\n")
    if link == "file":
        (copies / "sub").mkdir(parents=True)
        (copies / "sub" / "a.txt").symlink_to(victim)
    else:
        copies.mkdir()
        (copies / "sub").symlink_to(elsewhere, target_is_directory=True)
    result = cli("apply", "plan.json", "--output-dir", str(copies))
    assert result.code == 2
    target = copies / "sub" / "a.txt"
    assert result.err == f"mt-repair: error: {target}: a symbolic link leads outside {copies}; not written\n"
    assert [p.name for p in elsewhere.iterdir()] == ["a.txt"]
    assert victim.read_text(encoding="utf-8") == "not to be touched\n"
    assert doc.read_text(encoding="utf-8") == GARBLED


def test_apply_output_dir_makes_no_folder_through_a_linked_folder(tmp_path, cli, monkeypatch):
    work = tmp_path / "work"
    write(work / "sub" / "deeper" / "a.txt", GARBLED)
    monkeypatch.chdir(work)
    cli("fix", "sub", "--output-dir", str(tmp_path / "out"), "--plan", "plan.json")
    copies, elsewhere = tmp_path / "copies", tmp_path / "elsewhere"
    elsewhere.mkdir()
    copies.mkdir()
    (copies / "sub").symlink_to(elsewhere, target_is_directory=True)
    result = cli("apply", "plan.json", "--output-dir", str(copies))
    assert result.code == 2 and "symbolic link leads outside" in result.err
    assert list(elsewhere.iterdir()) == []


WORKERS_GONE_WITHIN_S = 2  # prctl(PR_SET_PDEATHSIG) ends them at once; the margin is for a loaded machine


def _children(pid: int) -> list[int]:
    """Live processes whose parent is `pid` (Linux /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid) and not fields.get("State", "").startswith("Z"):
            found.append(int(status.parent.name))
    return found


def _children_alive(pids: list[int]) -> set[int]:
    """Those of `pids` that still run (not gone, not zombies)."""
    alive = set()
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        if "State:\tZ" not in status:
            alive.add(pid)
    return alive


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2, reason="Linux, 2 cores"
)
def test_killing_fix_write_stops_its_workers_and_leaves_whole_files(tmp_path):
    """SIGKILL the parent of a parallel `fix --write`: its workers end too, every file is either
    the original or fully fixed, and no temporary file is left that a later run would read."""
    corpus = tmp_path / "corpus"
    for i in range(300):
        write(corpus / f"{i:03}.txt", GARBLED)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    process = subprocess.Popen(
        [sys.executable, "-m", "repair", "fix", "--write", "--jobs", "2", str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2:
            workers = _children(process.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the pool did not start"
        time.sleep(0.5)
        process.kill()
        process.wait()
        deadline = time.monotonic() + WORKERS_GONE_WITHIN_S
        while time.monotonic() < deadline and _children_alive(workers):
            time.sleep(0.05)
        assert not [w for w in workers if w in _children_alive(workers)]
    finally:
        process.kill()
    reference = write(tmp_path / "reference" / "one.txt", GARBLED)
    subprocess.run(
        [sys.executable, "-m", "repair", "fix", "--write", "--jobs", "1", str(reference)],
        capture_output=True,
        env=env,
        check=False,
    )
    whole = {GARBLED, reference.read_text(encoding="utf-8")}
    assert len(whole) == 2
    names = [f"{i:03}.txt" for i in range(300)]
    assert all((corpus / name).read_text(encoding="utf-8") in whole for name in names)
    # A worker killed mid-write may leave its hidden temporary file: no run reads it as input,
    # and the next `fix --write` removes it once it is stale.
    left = sorted(set(p.name for p in corpus.iterdir()) - set(names))
    assert all(name.startswith(".") and name.endswith(".tmp") for name in left), left
    for name in left:
        os.utime(corpus / name, (time.time() - 10_000, time.time() - 10_000))
    again = subprocess.run(
        [sys.executable, "-m", "repair", "fix", "--write", "--jobs", "1", str(corpus)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert again.returncode in (0, 1), again.stderr
    assert sorted(p.name for p in corpus.iterdir()) == names
    assert all((corpus / name).read_text(encoding="utf-8") == max(whole - {GARBLED}) for name in names)


def test_only_stale_temporaries_of_atomic_writes_are_removed(tmp_path):
    from repair.files import STALE_TEMP_AGE_S, remove_stale_temporaries

    old, fresh = tmp_path / ".a.txt.k2j_x9qz.tmp", tmp_path / ".b.txt.p0o9i8u7.tmp"
    keep = [tmp_path / ".hidden.txt", tmp_path / "notes.tmp", tmp_path / ".c.txt.short.tmp", fresh]
    for path in [old, *keep]:
        path.write_text("x", encoding="utf-8")
    stale = time.time() - STALE_TEMP_AGE_S - 10
    for path in (old, tmp_path / ".hidden.txt", tmp_path / "notes.tmp", tmp_path / ".c.txt.short.tmp"):
        os.utime(path, (stale, stale))
    assert remove_stale_temporaries({tmp_path}) == 1
    assert not old.exists() and all(path.exists() for path in keep)


def test_apply_in_place_writes_through_a_link_inside_the_root_and_keeps_it(tmp_path, cli, monkeypatch):
    work = tmp_path / "work"
    real = write(work / "kept" / "real.txt", GARBLED)
    (work / "a.txt").symlink_to(real)
    monkeypatch.chdir(work)
    plan = work / "plan.json"
    assert cli("fix", "a.txt", "--output-dir", str(tmp_path / "out"), "--plan", str(plan)).code in (0, 1)
    assert cli("apply", str(plan)).code == 0
    assert (work / "a.txt").is_symlink() and "Witkoff will be held" in real.read_text(encoding="utf-8")


def test_output_dir_refuses_two_inputs_that_would_be_copied_to_one_file(tmp_path, cli):
    write(tmp_path / "one" / "a.txt", GARBLED)
    write(tmp_path / "two" / "a.txt", GARBLED.replace("Wednesday", "Thursday"))
    out = tmp_path / "out"
    result = cli("fix", str(tmp_path / "one"), str(tmp_path / "two"), "--output-dir", str(out))
    assert result.code == 2 and "would both be written to" in result.err
    assert len(result.err.strip().splitlines()) == 1 and not out.exists()


def test_output_dir_takes_the_same_file_named_twice_and_files_of_separate_names(tmp_path, cli):
    one = write(tmp_path / "one" / "a.txt", GARBLED)
    write(tmp_path / "two" / "b.txt", GARBLED)
    out = tmp_path / "out"
    result = cli("fix", str(one), str(one), str(tmp_path / "two"), "--output-dir", str(out))
    assert result.code in (0, 1), result.err
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt"]
