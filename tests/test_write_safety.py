"""Files keep what they had: read-only files refused, hard links kept (by refusing), owner and
group kept (issue 15, parts 3 and 6)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from repair.errors import UserError
from repair.files import resolved_inside, write_atomic

GARBLED = (
    "Volodymyr Zelensky said he discussed sanctions ahead of U.S. special envoy Steve Witkoff's visit.\n"
    "Vikov will be held in Moscow on Wednesday and is expected to meet Vladimir Putin.\n"
)


def _doc(path: Path, text: str = GARBLED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_fix_write_refuses_a_read_only_file_with_one_line(tmp_path, cli):
    doc = _doc(tmp_path / "ro.txt")
    doc.chmod(0o444)
    other = _doc(tmp_path / "rw.txt")
    result = cli("fix", "--write", str(doc), str(other))
    assert result.code == 2
    errors = [line for line in result.err.splitlines() if "error" in line]
    assert errors == [f"mt-repair: error: {doc}: read-only file (mode 0444); not rewritten"]
    assert doc.read_text(encoding="utf-8") == GARBLED and doc.stat().st_mode & 0o777 == 0o444
    assert "Witkoff will be held" in other.read_text(encoding="utf-8")  # the other file is fixed


def test_fix_write_refuses_a_hard_linked_file_and_keeps_the_link(tmp_path, cli):
    doc = _doc(tmp_path / "a.txt")
    twin = tmp_path / "twin.txt"
    os.link(doc, twin)
    result = cli("fix", "--write", str(doc))
    assert result.code == 2 and "hard links" in result.err and "Traceback" not in result.err
    assert doc.stat().st_ino == twin.stat().st_ino and doc.stat().st_nlink == 2
    assert doc.read_text(encoding="utf-8") == GARBLED


def test_output_dir_copy_of_a_hard_linked_file_is_fine(tmp_path, cli):
    doc = _doc(tmp_path / "in" / "a.txt")
    os.link(doc, tmp_path / "twin.txt")
    result = cli("fix", str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"))
    assert result.code in (0, 1)
    assert "Witkoff will be held" in (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")
    assert doc.read_text(encoding="utf-8") == GARBLED


def test_write_atomic_keeps_mode_and_refuses_read_only(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new" and path.stat().st_mode & 0o777 == 0o640
    path.chmod(0o400)
    with pytest.raises(UserError, match="read-only"):
        write_atomic(path, b"newer")
    assert path.read_bytes() == b"new"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_write_atomic_a_read_only_group_bit_is_still_writable(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    path.chmod(0o604)  # the owner may write: not read-only
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new" and path.stat().st_mode & 0o777 == 0o604


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_write_atomic_keeps_owner_and_group_when_root(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    os.chown(path, 4321, 4322)
    write_atomic(path, b"new")
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (4321, 4322) and path.read_bytes() == b"new"


def test_write_atomic_refuses_a_file_whose_owner_it_cannot_keep(tmp_path, monkeypatch):
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    monkeypatch.setattr(os, "geteuid", lambda: path.stat().st_uid + 1)  # as if another, unprivileged user
    with pytest.raises(UserError, match="owned by another user"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"


def test_write_atomic_a_failed_chown_leaves_the_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    real_stat = os.stat

    def other_owner(target, *args, **kwargs):  # the temporary file seems to belong to someone else
        info = real_stat(target, *args, **kwargs)
        if str(target).endswith(".tmp"):
            return os.stat_result((info.st_mode, *info[1:4], info.st_uid + 1, *info[5:]))
        return info

    def refuse(*_args):
        raise PermissionError("no")

    monkeypatch.setattr(os, "stat", other_owner)
    monkeypatch.setattr(os, "chown", refuse)
    with pytest.raises(UserError, match="cannot keep its owner"):
        write_atomic(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


# -- a full disk, closed standard streams -------------------------------------------------------


def _full_disk(monkeypatch):
    import errno

    def no_space(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("repair.files.os.fsync", no_space)


def test_a_full_disk_is_a_one_line_error_and_leaves_the_file(tmp_path, cli, monkeypatch):
    doc = _doc(tmp_path / "a.txt")
    baseline = tmp_path / "baseline.json"
    _full_disk(monkeypatch)
    for args in (
        ("check", "--baseline", baseline, "--update-baseline", doc),
        ("fix", doc, "--plan", tmp_path / "plan.json"),
        ("fix", "--write", doc),
    ):
        result = cli(*args)
        assert result.code == 2, args
        assert "No space left on device" in result.err and "Traceback" not in result.err
    assert doc.read_text(encoding="utf-8") == GARBLED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no baseline, plan or temporary


@pytest.mark.parametrize(
    ("redirect", "args", "message"),
    [
        (">&-", "check {doc}", "standard output is closed"),
        ("<&-", "check -", "<stdin>: standard input is closed"),
        ("<&-", "fix -", "<stdin>: standard input is closed"),
        ("<&-", "check --files-from -", "--files-from -: standard input is closed"),
    ],
)
def test_closed_standard_streams_are_one_line_errors(tmp_path, redirect, args, message):
    import shlex
    import subprocess
    import sys

    doc = _doc(tmp_path / "a.txt")
    command = f"{shlex.quote(sys.executable)} -m repair {args.format(doc=shlex.quote(str(doc)))} {redirect}"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert f"mt-repair: error: {message}" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


def test_resolved_inside_follows_links_that_stay_in_the_tree_and_refuses_the_others(tmp_path: Path) -> None:
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    inner, victim = _doc(tree / "a.txt"), _doc(outside / "b.txt")
    (tree / "in.txt").symlink_to(inner)
    (tree / "out.txt").symlink_to(victim)
    (tree / "linked").symlink_to(outside, target_is_directory=True)
    assert resolved_inside(tree / "in.txt", tree) == inner.resolve()
    assert resolved_inside(tree / "a.txt", tree) == inner.resolve()
    assert resolved_inside(tree / "new.txt", tree) == (tree / "new.txt").resolve()  # not there yet: fine
    assert resolved_inside(tree / "out.txt", tree) is None
    assert resolved_inside(tree / "linked" / "b.txt", tree) is None
    assert resolved_inside(tree / ".." / "outside" / "b.txt", tree) is None


def test_write_atomic_writes_through_a_symbolic_link_and_keeps_it(tmp_path):
    real = _doc(tmp_path / "kept" / "real.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"new\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
