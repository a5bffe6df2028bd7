"""Files: read and decode input safely (binary or undecodable input is refused), collect paths
from arguments, and write atomically (temporary file, fsync, rename; mode, owner and group
kept; read-only and hard-linked files refused)."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from repair.errors import UserError

TEXT_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".rst", ".po", ".pot", ".xlf", ".xliff", ".srt", ".html", ".htm"}
    | {".xhtml"}
)  # what folder walks pick up: plain text and every format of repair.formats
BOM = "\ufeff"
DEFAULT_MAX_BYTES = 20_000_000  # far above any article: a bigger input is an archive or a dump, refused


@dataclass(frozen=True, slots=True)
class SourceText:
    """Decoded text of one input, with what is needed to write it back unchanged in form."""

    path: str
    text: str
    bom: bool
    newline: str


def decode(data: bytes, path: str) -> SourceText:
    """Decode UTF-8 bytes (BOM allowed); binary or non-UTF-8 data is a UserError.

    An empty or blank file is text with nothing to report (a hook must not block its commit)."""
    if b"\0" in data[:8192]:
        raise UserError(f"{path}: binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first") from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    newline = "\r\n" if "\r\n" in text else "\n"
    return SourceText(path=path, text=text, bom=bom, newline=newline)


def encode(text: str, like: SourceText) -> bytes:
    """Encode text to write it back in the form of the original (UTF-8, BOM kept)."""
    return ((BOM if like.bom else "") + text).encode("utf-8")


def read_source(path: str, max_bytes: int | None = DEFAULT_MAX_BYTES) -> SourceText:
    """Read a file (or stdin for `-`) as text; one larger than `max_bytes` is a UserError."""
    if path == "-":
        if sys.stdin is None:  # started with standard input closed
            raise UserError("<stdin>: standard input is closed")
        data = sys.stdin.buffer.read() if max_bytes is None else sys.stdin.buffer.read(max_bytes + 1)
        if max_bytes is not None and len(data) > max_bytes:
            raise UserError(_too_large("<stdin>", f"more than {max_bytes:,}", max_bytes))
        return decode(data, "<stdin>")
    try:
        size = os.stat(path).st_size
        if max_bytes is not None and size > max_bytes:
            raise UserError(_too_large(path, f"{size:,}", max_bytes))
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory") from None
    except PermissionError:
        raise UserError(f"{path}: permission denied") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror})") from None
    return decode(data, path)


def _limit_label(limit: int) -> str:
    """A byte limit as people write it: '64 MiB', '256 KiB'."""
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"


def read_bounded(path: Path, limit: int, what: str, hint: str = "") -> bytes:
    """The bytes of a side file (plan, baseline, configuration, review file, name list); one over
    `limit` is a UserError naming `what`. The read itself is bounded, so a file that grows after
    it was opened costs no more than `limit`. OSErrors are left to the caller, which names the file
    kind in its own message."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UserError(f"{path}: over the {_limit_label(limit)} limit for {what}{hint}")
    return data


def _too_large(path: str, size: str, max_bytes: int) -> str:
    return (
        f"{path}: {size} bytes, over the max-file-size of {max_bytes / 1e6:g} MB "
        "(split it, or raise max-file-size in the configuration)"
    )


def _walk_error(error: OSError) -> NoReturn:
    raise UserError(f"{error.filename}: cannot read folder ({error.strerror})")


def _walk(top: str, notes: list[str] | None) -> Iterator[str]:
    """Text files under `top`, depth first in name order, as os.walk would list them, but without
    recursion (a tree of any depth), without following linked folders (no loops), and skipping
    what is not a regular file (a FIFO would block the run) with a note."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            if folder == top:
                _walk_error(exc)
            if notes is not None:  # one unreadable subfolder does not stop the walk
                notes.append(f"{folder}: cannot read folder ({exc.strerror}), skipped")
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir()
            except OSError as exc:  # an entry that cannot even be looked at (/proc/1/cwd)
                if notes is not None:
                    notes.append(f"{entry.path}: cannot read ({exc.strerror}), skipped")
                continue
            if is_folder:
                if not entry.is_symlink():
                    subfolders.append(entry.path)
                continue
            if Path(entry.name).suffix.lower() not in TEXT_SUFFIXES:
                continue
            if entry.is_file():
                yield entry.path
            elif notes is not None:
                notes.append(f"{entry.path}: not a regular file, skipped")
        stack.extend(reversed(subfolders))


def collect_tasks(
    arguments: list[str],
    excluded: Callable[[str], bool] | None = None,
    errors: list[str] | None = None,
    notes: list[str] | None = None,
    force_exclude: bool = False,
) -> list[tuple[str, str]]:
    """(file, the argument it came from) for every input; folders expand recursively to text files.

    `excluded` tells which files found in folders to skip (files named explicitly are kept, unless
    `force_exclude`: pre-commit names every staged file). A
    missing argument is a UserError, or, given `errors`, a message added there while the other
    arguments are still collected. Non-regular files found in folders are listed in `notes`.
    """
    tasks: list[tuple[str, str]] = []
    for argument in arguments:
        if argument == "-":
            tasks.append((argument, argument))
            continue
        path = Path(argument)
        if path.is_dir():
            for found in _walk(argument, notes):
                if excluded is None or not excluded(found):
                    tasks.append((found, argument))
        elif path.exists():
            if not (force_exclude and excluded is not None and excluded(argument)):
                tasks.append((argument, argument))
        elif errors is not None:
            errors.append(f"{argument}: no such file or directory")
        else:
            raise UserError(f"{argument}: no such file or directory")
    return tasks


def resolved_inside(target: Path, base: Path) -> Path | None:
    """`target` with every symbolic link followed, when that stays under `base` (itself resolved);
    None when a link, a linked folder or `..` leads out of it. What `fix --write`, `fix
    --output-dir` and `apply` check before they write, so that no run writes outside its tree."""
    resolved = target.resolve()
    return resolved if resolved.is_relative_to(base.resolve()) else None


def collect_paths(arguments: list[str], excluded: Callable[[str], bool] | None = None) -> list[str]:
    """Expand folders recursively into text files (sorted); files and `-` pass through."""
    return [path for path, _ in collect_tasks(arguments, excluded)]


STALE_TEMP_AGE_S = 300  # an atomic write takes well under a second: an older temporary file is a killed run's
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")  # what write_atomic's mkstemp names


def remove_stale_temporaries(folders: set[Path], now: float | None = None) -> int:
    """Delete the temporary files that a killed `write_atomic` left in `folders` (beside the file
    they were for, older than STALE_TEMP_AGE_S); returns how many. They are hidden files, so no
    run reads them as input, but they should not pile up."""
    now = time.time() if now is None else now
    removed = 0
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            match = _TEMPORARY.match(entry.name)
            if match is None or not entry.is_file(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_AGE_S:
                    os.unlink(entry.path)
                    removed += 1
    return removed


@functools.cache
def _new_file_mode() -> int:
    """The mode a new file gets here (0666 less the umask), as `open` would give it."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _check_replaceable(path: Path, info: os.stat_result) -> None:
    """Refuse to replace a file whose replacement would lose what it has.

    - read-only (no write bit at all): the owner said "do not change"; even root is refused;
    - more than one hard link: `os.replace` gives the path a new inode, silently splitting it
      from its other names, and writing into the shared inode instead cannot be atomic (a kill
      mid-write would leave a half-written file), so the file is refused with a message;
    - an owner this process cannot give the new file (not root and not the owner): the
      replacement would change hands.
    """
    if not stat.S_ISREG(info.st_mode):
        raise UserError(f"{path}: not a regular file; not written")
    if not info.st_mode & WRITE_BITS:
        raise UserError(f"{path}: read-only file (mode {stat.S_IMODE(info.st_mode):04o}); not rewritten")
    if info.st_nlink > 1:
        raise UserError(
            f"{path}: has {info.st_nlink} hard links; rewriting it would break them "
            "(not rewritten; use --output-dir, or copy the file to unlink it first)"
        )
    if hasattr(os, "geteuid") and os.geteuid() != 0 and info.st_uid != os.geteuid():
        raise UserError(f"{path}: owned by another user; rewriting it would change its owner (not rewritten)")


def _keep_owner(tmp: str, path: Path, info: os.stat_result) -> None:
    """Give the new file the old one's owner and group (a UserError when that is impossible)."""
    if not hasattr(os, "chown"):  # pragma: no cover - not POSIX
        return
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.chown(tmp, info.st_uid, info.st_gid)
    except OSError:
        raise UserError(f"{path}: cannot keep its owner and group; not rewritten") from None


WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH  # a file with none of these is read-only


def write_atomic(path: Path, data: bytes, like: Path | None = None) -> None:
    """Replace `path` with `data` so that readers see the old or the new file, never a mix.

    The file keeps its mode, owner and group; a read-only or hard-linked file, or one whose
    owner cannot be kept, is refused with a UserError (see `_check_replaceable`). A new file
    takes the mode of `like` (the text it was made from), else the usual mode of a new file
    (never the temporary file's 0600). A symbolic link is written through: its target is
    replaced and the link stays (callers check first that the link stays inside their tree).
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        info: os.stat_result | None = path.stat()
    except FileNotFoundError:
        info = None
    if info is not None:
        _check_replaceable(path, info)
        mode = stat.S_IMODE(info.st_mode)
    elif like is not None and like.exists():
        mode = stat.S_IMODE(like.stat().st_mode)
    else:
        mode = _new_file_mode()
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if info is not None:
            _keep_owner(tmp, path, info)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
