"""The user's cache directory for compiled resources (override with MT_REPAIR_CACHE_DIR).

Caches hold data, never code: JSON documents (`read_json`/`write_json`, each tagged with its kind
and format version), SQLite databases or marisa tries (word sets and word tables, each file
ending in its kind and a checksum); no pickle, so whoever can write to the cache folder cannot
make a later run execute anything. A cache that is unreadable, corrupt, of another version or
too large is ignored and rebuilt. Caches are bounded: each kind keeps only its newest files
(`prune`), and files of retired formats and families are removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import marisa_trie

MAX_CACHE_FILE_BYTES = 256 * 1024 * 1024  # far above any real cache (~1-25 MB): a bigger file is damage
STALE_TEMPORARY_S = 3600  # a cache build takes seconds: an older temporary file is a killed build's
ENTITY_INDEXES_KEPT = 8  # one per dictionary set in use (shipped, a few projects'); pruned ones rebuild
RETIRED_SUFFIXES = (".pickle",)  # formats no longer read (pickle can run code when loaded)
RETIRED_FAMILIES = ("persian-zipf-",)  # caches no longer written (Persian is read from the zipf table)


def cache_dir() -> Path | None:
    """Where compiled indexes live, or None when no cache directory can be determined."""
    configured = os.environ.get("MT_REPAIR_CACHE_DIR")
    if configured:
        return Path(configured)
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("mt-repair"))
    except Exception:  # pragma: no cover - platformdirs missing or no home directory
        return None


def connect_immutable(path: Path) -> sqlite3.Connection:
    """A read-only connection to a cached SQLite database that is never written in place (caches
    are built under a temporary name and renamed into place): SQLite opens it as immutable, so a
    query takes no file lock and does not look for a journal or a change. A connection opened
    the usual way pays several system calls per query for them, about 20 us each (a third of
    a shape-table read with a 100,000-entity dictionary). Raises sqlite3.Error."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"  # as_uri percent-encodes the path
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def read_json(path: Path, kind: str, version: int) -> Any | None:
    """The `data` of a JSON cache written by `write_json` with this kind and version, else None
    (missing, unreadable, corrupt, too large, or of another kind or version)."""
    try:
        if path.stat().st_size > MAX_CACHE_FILE_BYTES:
            return None
        document = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or document.get("kind") != kind or document.get("version") != version:
        return None
    return document.get("data")


def write_json(path: Path, kind: str, version: int, data: Any, family: str, keep: int = 1) -> None:
    """Write `data` as a JSON cache atomically, then prune older files of its `family` (a file-name
    prefix, see `prune`). Failure to write is not an error: the cache is only an optimisation."""
    document = {"kind": kind, "version": version, "data": data}
    with contextlib.suppress(ValueError):  # data JSON cannot hold: no cache
        encoded = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        _store(path, encoded, family, keep)


def _store(path: Path, payload: bytes, family: str, keep: int = 1) -> None:
    """Write a cache file atomically (`write_atomic`: fsync, a unique temporary name), making its
    folder, then prune older files of its `family` (none when empty); a folder or file that
    cannot be written leaves the run without that cache, never an error."""
    from repair.errors import UserError
    from repair.files import write_atomic

    with contextlib.suppress(OSError, UserError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, payload)
        if family:
            prune(path, family, keep)


def prune(current: Path, family: str, keep: int = 1) -> int:
    """Delete the older files of a cache family (names starting with `family`, e.g. "symspell-en-")
    so that at most `keep` remain, newest first (`current` always stays), every file of a retired
    format or family (RETIRED_SUFFIXES, RETIRED_FAMILIES) and stale temporary files; returns how
    many were removed."""
    import time

    folder = current.parent
    now = time.time()
    removed = 0
    try:
        entries = [e for e in os.scandir(folder) if e.is_file(follow_symlinks=False)]
    except OSError:
        return 0
    candidates = []
    for entry in entries:
        name = entry.name
        with contextlib.suppress(OSError):
            mtime = entry.stat(follow_symlinks=False).st_mtime
            stale = name.startswith(".") and name.endswith(".tmp") and now - mtime > STALE_TEMPORARY_S
            if stale or name.endswith(RETIRED_SUFFIXES) or name.startswith(RETIRED_FAMILIES):
                os.unlink(entry.path)
                removed += 1
            elif name.startswith(family) and name != current.name:
                candidates.append((mtime, entry.path))
    for _, path in sorted(candidates, reverse=True)[max(0, keep - 1) :]:
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed += 1
    return removed


def cached_words(name: str, build: Callable[[], Iterable[str]], family: str = "") -> Collection[str]:
    """A word set kept as a marisa trie file named `name` in the cache folder: built once per
    install (the name carries the versions it depends on), then read back whole in one call
    (a 160,000-word spelling list: 0.4 MB, about 1 ms, where a text list took 55 ms to become a
    set). A file that is not such a trie, whole and unchanged, is built again. Without a cache
    folder it is built every time. Older files of its `family` (a name prefix, see `prune`) are
    removed when it is written."""
    import marisa_trie

    folder = cache_dir()
    path = folder / name if folder else None
    if path and path.is_file():
        stored = read_trie(path, marisa_trie.Trie(), WORD_SET_KIND)
        if stored is not None:
            return stored
    words = frozenset(build())
    if path:
        write_trie(path, marisa_trie.Trie(words), WORD_SET_KIND, family)
    return words


Trie = TypeVar("Trie", "marisa_trie.Trie", "marisa_trie.RecordTrie")
WORD_SET_KIND = b"Ws01"  # the tag of a word-set trie file (bump with its layout)
_CHECKSUM_BYTES = 4  # a CRC-32 of the trie follows the kind tag at the end of the file


def write_trie(path: Path, trie: Trie, kind: bytes, family: str = "") -> None:
    """Write a marisa trie, then its kind tag and checksum, atomically (`write_atomic`), then
    prune older files of its `family` (see `prune`), as `write_json` does. Failure to write is
    not an error: the run goes on with the trie it holds."""
    data = trie.tobytes()
    _store(path, data + kind + zlib.crc32(data).to_bytes(_CHECKSUM_BYTES, "little"), family)


def read_trie(path: Path, empty: Trie, kind: bytes) -> Trie | None:
    """The trie `write_trie` stored at `path` with this kind, loaded into `empty`; None when the
    file is missing, too large, of another kind or damaged. The checksum is checked before the
    trie is read: marisa trusts its input, and a changed byte can crash the process."""
    try:
        if path.stat().st_size > MAX_CACHE_FILE_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    end = len(data) - len(kind) - _CHECKSUM_BYTES
    body, tag, checksum = data[:end], data[end : end + len(kind)], data[end + len(kind) :]
    if end < 0 or tag != kind or zlib.crc32(body).to_bytes(_CHECKSUM_BYTES, "little") != checksum:
        return None
    try:
        return empty.frombytes(body)
    except (RuntimeError, ValueError):
        return None
