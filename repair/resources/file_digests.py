"""SHA-256 of large input files, remembered by their file-system signature between runs.

A run keys the compiled entity index by the dictionaries' contents. Reading and hashing a
100,000-entity dictionary (22 MB) costs about 0.07 CPU-s, so a cold `check` of one page would grow
with the dictionary. A file's digest is therefore kept in the cache folder with its signature
(device, inode, size, modification and change times, in nanoseconds) and reused while the
signature is unchanged. The change time (ctime) moves on every write and cannot be set by a user,
so an edited file is hashed again; a digest is trusted only when the file's last change was at
least `SETTLED_NS` older than the hashing, so an edit in the same clock tick as the hashing is not
missed (git's "racy clean" rule). Small files are always hashed: that costs less than the memo.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from repair.resources.cache import cache_dir, read_json, write_json

MEMO_MIN_BYTES = 1024 * 1024  # hashing 1 MB takes ~3 ms, about what reading and writing the memo costs
SETTLED_NS = 2_000_000_000  # 2 s: far above any file system's time-stamp granularity (FAT: 2 s)
MEMO_ENTRIES_KEPT = 64  # one per large dictionary in use; the oldest are forgotten and rehashed
MEMO_NAME = "file-digests.json"
MEMO_KIND = "file-digests"
MEMO_VERSION = 1
_CHUNK = 1024 * 1024  # read in chunks so a large file is never held whole in memory


def _signature(stat: os.stat_result) -> list[int]:
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _memo_path() -> Path | None:
    folder = cache_dir()
    return folder / MEMO_NAME if folder else None


MemoEntry = tuple[list[int], int, str]  # the file's signature, when it was hashed (ns), its digest


def _read_memo(path: Path | None) -> dict[str, MemoEntry]:
    """The memo's well-formed entries by file path (a damaged memo, or entry, is left out)."""
    data = read_json(path, MEMO_KIND, MEMO_VERSION) if path else None
    if not isinstance(data, dict):
        return {}
    return {key: (entry[0], entry[1], entry[2]) for key, entry in data.items() if _well_formed(entry)}


def _well_formed(entry: object) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 3
        and isinstance(entry[0], list)
        and isinstance(entry[1], int)
        and isinstance(entry[2], str)
    )


def file_digests(paths: list[Path]) -> list[str]:
    """The SHA-256 (hex) of each file's bytes, in order; raises OSError when one cannot be read."""
    memo_path = _memo_path()
    memo: dict[str, MemoEntry] | None = None
    changed = False
    digests = []
    for path in paths:
        stat = path.stat()
        if stat.st_size < MEMO_MIN_BYTES or memo_path is None:
            digests.append(_hash(path))
            continue
        if memo is None:
            memo = _read_memo(memo_path)
        key = str(path.resolve())
        signature = _signature(stat)
        entry = memo.get(key)
        if entry is not None and entry[0] == signature:
            digests.append(entry[2])
            continue
        hashed_at = time.time_ns()
        digest = _hash(path)
        if stat.st_ctime_ns <= hashed_at - SETTLED_NS and _signature(path.stat()) == signature:
            memo[key] = (signature, hashed_at, digest)
            changed = True
        digests.append(digest)
    if changed and memo is not None and memo_path is not None:
        kept = sorted(memo.items(), key=lambda item: item[1][1])[-MEMO_ENTRIES_KEPT:]
        write_json(memo_path, MEMO_KIND, MEMO_VERSION, dict(kept), MEMO_NAME)
    return digests
