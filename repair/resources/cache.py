"""The user's cache directory for compiled resources (override with MT_REPAIR_CACHE_DIR)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path


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


def cached_words(name: str, build: Callable[[], Iterable[str]]) -> frozenset[str]:
    """A word set kept as a UTF-8 text file (one word a line) named `name` in the cache folder:
    built once per install (the name carries the versions it depends on), then read back in a
    fraction of the time that building costs. Without a cache folder it is built every time."""
    from repair.files import write_atomic

    folder = cache_dir()
    path = folder / name if folder else None
    if path and path.is_file():
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = path.read_text(encoding="utf-8")
            return frozenset(text.split("\n")) if text else frozenset()
    words = frozenset(build())
    if path and words != {""} and all("\n" not in w for w in words):  # what a text file can hold
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, "\n".join(sorted(words)).encode("utf-8"))
    return words
