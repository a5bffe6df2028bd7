"""A large dictionary's digest is remembered by its file signature, never trusted after an edit
(issue 11: the cold start of `check` does not grow with the dictionary)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from repair.resources import file_digests
from repair.resources.entity_index import dictionary_sha256

LARGE = file_digests.MEMO_MIN_BYTES + 10


@pytest.fixture
def own_cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MT_REPAIR_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def settled(monkeypatch):
    """Treat every file as settled, as a dictionary written more than 2 s before the run is."""
    monkeypatch.setattr(file_digests, "SETTLED_NS", 0)


def _large(path: Path, fill: bytes = b"a") -> Path:
    path.write_bytes(fill * LARGE)
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _no_hashing(path: Path) -> str:
    raise AssertionError(f"{path} was hashed again")


def test_digests_are_the_files_sha256_small_and_large(own_cache, tmp_path, settled):
    small = tmp_path / "small.json"
    small.write_bytes(b'{"entities": []}')
    large = _large(tmp_path / "large.json")
    assert file_digests.file_digests([small, large]) == [_sha(small), _sha(large)]


def test_a_settled_large_file_is_not_hashed_again(own_cache, tmp_path, settled, monkeypatch):
    large = _large(tmp_path / "large.json")
    first = file_digests.file_digests([large])
    monkeypatch.setattr(file_digests, "_hash", _no_hashing)
    assert file_digests.file_digests([large]) == first


def test_an_edit_of_the_same_size_and_mtime_is_hashed_again(own_cache, tmp_path, settled):
    large = _large(tmp_path / "large.json")
    before = large.stat()
    file_digests.file_digests([large])
    _large(large, b"b")  # same size
    os.utime(large, ns=(before.st_atime_ns, before.st_mtime_ns))  # mtime put back: ctime still moves
    assert file_digests.file_digests([large]) == [_sha(large)]


def test_a_file_changed_just_before_hashing_is_not_remembered(own_cache, tmp_path, monkeypatch):
    large = _large(tmp_path / "large.json")  # written now: an edit could share its time stamp
    file_digests.file_digests([large])
    assert not (own_cache / file_digests.MEMO_NAME).exists()


def test_small_files_and_no_cache_folder_always_hash(tmp_path, settled, monkeypatch):
    monkeypatch.setattr(file_digests, "cache_dir", lambda: None)
    large = _large(tmp_path / "large.json")
    assert file_digests.file_digests([large]) == [_sha(large)]


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"kind": "file-digests", "version": 1, "data": []}'])
def test_a_damaged_memo_is_ignored_and_rewritten(own_cache, tmp_path, settled, damage):
    large = _large(tmp_path / "large.json")
    own_cache.mkdir()
    (own_cache / file_digests.MEMO_NAME).write_bytes(damage)
    assert file_digests.file_digests([large]) == [_sha(large)]
    memo = json.loads((own_cache / file_digests.MEMO_NAME).read_bytes())
    assert list(memo["data"]) == [str(large.resolve())]


def test_a_forged_memo_entry_for_another_signature_is_not_used(own_cache, tmp_path, settled):
    large = _large(tmp_path / "large.json")
    file_digests.file_digests([large])
    path = own_cache / file_digests.MEMO_NAME
    memo = json.loads(path.read_bytes())
    entry = memo["data"][str(large.resolve())]
    entry[0][2] += 1  # another size
    entry[2] = "0" * 64
    path.write_text(json.dumps(memo))
    assert file_digests.file_digests([large]) == [_sha(large)]


def test_the_memo_keeps_only_the_newest_entries(own_cache, tmp_path, settled, monkeypatch):
    monkeypatch.setattr(file_digests, "MEMO_ENTRIES_KEPT", 2)
    files = [_large(tmp_path / f"d{i}.json", bytes([97 + i])) for i in range(3)]
    for path in files:
        file_digests.file_digests([path])
    memo = json.loads((own_cache / file_digests.MEMO_NAME).read_bytes())
    assert sorted(memo["data"]) == sorted(str(p.resolve()) for p in files[1:])


def test_the_index_key_follows_the_contents_of_a_remembered_dictionary(own_cache, tmp_path, settled):
    large = _large(tmp_path / "large.json")
    before = dictionary_sha256([large])
    assert dictionary_sha256([large]) == before
    _large(large, b"b")
    assert dictionary_sha256([large]) != before
