"""Settings: the configuration file (`.mt-repair.toml` or `[tool.mt-repair]` in pyproject.toml,
found by walking up) merged with the command line into ONE `RunSettings` for check, fix, review
and eval."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from repair.errors import UserError
from repair.files import DEFAULT_MAX_BYTES, read_bounded

DEFAULT_MAX_FILE_SIZE = DEFAULT_MAX_BYTES / 1_000_000  # MB ('max-file-size'): see files.DEFAULT_MAX_BYTES
DEFAULT_MIN_CONFIDENCE = 0.8  # the safe tier's floor: below it a batch run would apply too many wrong edits
SUPPORTED_LANGUAGES = ("en", "fr", "es", "fa", "de")  # the languages with word lists, phrase lists and cases
_LANGUAGE_TAG = re.compile(r"^([a-zA-Z]{2})(?:[-_]([a-zA-Z]{2}|[0-9]{3}))?$")  # "fa", "fa-AF", "es-419"
LEARNED_ENV_VAR = "MT_REPAIR_LEARNED"  # overrides where names learned in review are kept
# Limits of a configuration file (over one: a one-line error, exit 2); real ones are a few lines.
MAX_CONFIG_BYTES = 1024 * 1024  # a pyproject.toml with other tools' tables stays far below 1 MiB
MAX_CONFIG_ITEMS = 1000  # entries of one list or table (codes, globs, dictionaries)
MAX_CONFIG_STRING = 4096  # one value: a path or glob pattern (PATH_MAX is 4096 on Linux)

KEYS: dict[str, type] = {
    "select": list,
    "ignore": list,
    "per-file-ignores": dict,
    "dictionaries": list,
    "language": str,
    "languages": list,
    "min-confidence": float,
    "exclude": list,
    "neural": bool,
    "model": str,
    "max-file-size": float,
}


@dataclass(frozen=True)
class Config:
    """Settings that apply to a run; `path` is the file they came from (None: defaults)."""

    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    dictionaries: tuple[Path, ...] = ()
    language: str | None = None
    languages: tuple[str, ...] = ()
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    exclude: tuple[str, ...] = ()
    neural: bool = False
    model: str | None = None
    max_file_size: float = DEFAULT_MAX_FILE_SIZE

    @property
    def root(self) -> Path | None:
        """The folder that globs are relative to."""
        return self.path.parent if self.path else None


def _relative(path: str, root: Path | None) -> str:
    """The path relative to the configuration's folder (as given when outside it), posix style."""
    if root is not None:
        try:
            return Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


def glob_match(path: str, pattern: str, root: Path | None = None) -> bool:
    """True when a glob matches the path relative to `root`, or the file name."""
    return fnmatch(_relative(path, root), pattern) or fnmatch(Path(path).name, pattern)


def per_file_ignores(
    patterns: Iterable[tuple[str, Iterable[str]]], path: str, root: Path | None = None
) -> tuple[str, ...]:
    """Codes ignored for `path` by (glob, codes) pairs."""
    return tuple(code for pattern, codes in patterns if glob_match(path, pattern, root) for code in codes)


def _table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(read_bounded(path, MAX_CONFIG_BYTES, "a configuration file").decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read configuration ({exc.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: invalid TOML: {exc}") from None
    except (ValueError, RecursionError) as exc:  # an integer past Python's digit limit, deep nesting
        raise UserError(f"{path}: invalid TOML: {str(exc)[:120]}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("mt-repair") if isinstance(tool, dict) else None
        if table is not None and not isinstance(table, dict):
            raise UserError(f"{path}: [tool.mt-repair] must be a table")
        return table
    return data


def _strings_in(value: Any) -> list[str]:
    """Every string of a configuration value (list items, table keys and their lists)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [x for v in value for x in _strings_in(v)]
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in (k, *_strings_in(v))]
    return []


def _within_limits(value: Any, key: str, path: Path) -> None:
    """A UserError when a value holds over MAX_CONFIG_ITEMS strings or one over MAX_CONFIG_STRING."""
    strings = _strings_in(value)
    if len(strings) > MAX_CONFIG_ITEMS:
        raise UserError(f"{path}: '{key}' has over {MAX_CONFIG_ITEMS} entries")
    if any(len(x) > MAX_CONFIG_STRING for x in strings):
        raise UserError(f"{path}: '{key}' has a value over {MAX_CONFIG_STRING} characters")


def parse(table: dict[str, Any], path: Path) -> Config:
    """Validate a configuration table; unknown keys and wrong types are errors naming the file."""
    for key, value in table.items():
        expected = KEYS.get(key)
        if expected is None:
            raise UserError(f"{path}: unknown configuration key '{key}' (known: {', '.join(sorted(KEYS))})")
        if expected is float and isinstance(value, int):
            value = float(value)
        if not isinstance(value, expected):
            raise UserError(f"{path}: '{key}' must be a {expected.__name__}")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise UserError(f"{path}: '{key}' must be a list of strings")
        if isinstance(value, dict) and not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()
        ):
            raise UserError(f"{path}: '{key}' must map glob patterns to lists of codes")
        _within_limits(value, key, path)
    confidence = float(table.get("min-confidence", DEFAULT_MIN_CONFIDENCE))
    if not 0 <= confidence <= 1:
        raise UserError(f"{path}: 'min-confidence' must be between 0 and 1")
    max_file_size = float(table.get("max-file-size", DEFAULT_MAX_FILE_SIZE))
    if max_file_size <= 0:
        raise UserError(f"{path}: 'max-file-size' must be a positive number of megabytes")
    base = path.parent
    return Config(
        path=path,
        select=tuple(table.get("select", ())),
        ignore=tuple(table.get("ignore", ())),
        per_file_ignores={k: tuple(v) for k, v in table.get("per-file-ignores", {}).items()},
        dictionaries=tuple((base / p).resolve() for p in table.get("dictionaries", ())),
        language=table.get("language"),
        languages=tuple(table.get("languages", ())),
        min_confidence=confidence,
        exclude=tuple(table.get("exclude", ())),
        neural=bool(table.get("neural", False)),
        model=str((base / table["model"]).resolve()) if "model" in table else None,
        max_file_size=max_file_size,
    )


def find_config(start: Path) -> Config:
    """The nearest configuration above `start` (a file or folder), or defaults."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for directory in (folder, *folder.parents):
        for name in (".mt-repair.toml", "pyproject.toml"):
            candidate = directory / name
            if candidate.is_file():
                table = _table(candidate)
                if table is not None:
                    return parse(table, candidate)
    return Config()


def load_config(explicit: str | None, paths: list[str]) -> Config:
    """The configuration named by `--config`, else the one found from the first path."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise UserError(f"{explicit}: configuration file not found")
        return parse(_table(path) or {}, path)
    first = next((p for p in paths if p != "-"), ".")
    return find_config(Path(first))


def learned_target() -> Path | None:
    """Where learned fixes are written: $MT_REPAIR_LEARNED or <user data dir>/mt-repair/learned.toml."""
    configured = os.environ.get(LEARNED_ENV_VAR)
    if configured:
        return Path(configured)
    try:
        from platformdirs import user_data_dir

        return Path(user_data_dir("mt-repair")) / "learned.toml"
    except Exception:  # pragma: no cover - no home directory
        return None


def learned_dictionary_path() -> Path | None:
    """The learned dictionary to load with the shipped ones, when it exists."""
    target = learned_target()
    return target if target is not None and target.is_file() else None


@dataclass(frozen=True)
class RunSettings:
    """Everything a run needs besides its inputs, for check, fix, review and eval (picklable)."""

    language: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    config_root: Path | None = None  # per-file-ignores globs are relative to it
    exclude: tuple[str, ...] = ()
    dictionaries: tuple[Path, ...] = ()  # beyond the shipped ones: configured, --dict, learned
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    unsafe: bool = False
    neural: bool = False
    model: str | None = None
    format_in: str | None = None  # --format-in: read every input in this format (None: by name and content)
    include: tuple[str, ...] = ()  # --include: in folders, only files matching one of these globs
    force_exclude: bool = False  # --force-exclude: the globs apply to files named on the command line too
    max_file_size: float = DEFAULT_MAX_FILE_SIZE  # MB; larger inputs are refused (see files.read_source)

    @property
    def max_file_bytes(self) -> int:
        """`max_file_size` in bytes."""
        return int(self.max_file_size * 1_000_000)

    def ignores_for(self, path: str) -> tuple[str, ...]:
        """Every code prefix turned off for this file: ignored everywhere or by `per-file-ignores`."""
        return (*self.ignore, *per_file_ignores(self.per_file_ignores, path, self.config_root))

    def is_excluded(self, path: str) -> bool:
        """True when an `exclude` glob matches the file, or `include` globs are set and none does."""
        if self.include and not any(glob_match(path, pattern, self.config_root) for pattern in self.include):
            return True
        return any(glob_match(path, pattern, self.config_root) for pattern in self.exclude)


def language_tag(value: str, where: str = "--lang") -> str:
    """A supported language tag in canonical case ("FA-af" -> "fa-AF"); anything else is a UserError."""
    match = _LANGUAGE_TAG.match(value.strip())
    if match is None or match.group(1).lower() not in SUPPORTED_LANGUAGES:
        accepted = ", ".join(SUPPORTED_LANGUAGES)
        raise UserError(f"{where} '{value}': not a supported language (use {accepted}; a region: fa-AF)")
    base, region = match.group(1).lower(), match.group(2)
    return f"{base}-{region.upper()}" if region else base


def code_prefixes(values: Iterable[str], known: Iterable[str], where: str) -> tuple[str, ...]:
    """Upper-cased code prefixes, each matching at least one known detector code.

    A typo is an error naming the nearest codes, so that `--select FOO` cannot pass every file.
    """
    known = sorted(set(known))
    families = sorted({code.rstrip("0123456789") for code in known})
    out = []
    for value in values:
        prefix = value.strip().upper()
        if known and not any(code.startswith(prefix) for code in known):
            near = difflib.get_close_matches(prefix, families + known, n=3, cutoff=0.4)
            hint = f" (nearest: {', '.join(near)})" if near else f" (codes: {', '.join(families)})"
            raise UserError(f"{where}: unknown code '{value}'{hint}; see `mt-repair rule --all`")
        out.append(prefix)
    return tuple(out)


def _option(args: Any, name: str, default: Any = None) -> Any:
    return getattr(args, name, default)


def run_settings(args: Any, config: Config, known_codes: Iterable[str] = ()) -> RunSettings:
    """The command line (an argparse namespace; absent options count as not given) over `config`.

    Every value is validated here: languages, code prefixes (against `known_codes`, when given),
    numbers; an invalid one is a UserError naming the option or the configuration file.
    """
    where = str(config.path) if config.path else "configuration"
    known = list(known_codes)
    code_prefixes(_option(args, "select") or (), known, "--select")
    code_prefixes(_option(args, "ignore") or (), known, "--ignore")
    code_prefixes((*config.select, *config.ignore), known, where)
    for codes in config.per_file_ignores.values():
        code_prefixes(codes, known, f"{where}: per-file-ignores")
    language = _option(args, "lang")
    if language:
        language = language_tag(language)
    elif config.language:
        language = language_tag(config.language, f"{where}: 'language'")
    jobs = _option(args, "jobs")
    if jobs is not None and jobs < 0:
        raise UserError(f"--jobs {jobs} must be 0 (all cores) or a positive number")
    min_confidence = _option(args, "min_confidence")
    if min_confidence is None:
        min_confidence = config.min_confidence
    if not 0 <= min_confidence <= 1:
        raise UserError(f"--min-confidence {min_confidence} must be between 0 and 1")
    neural = _option(args, "neural")
    learned = learned_dictionary_path()
    dictionaries = (
        *config.dictionaries,
        *(Path(p) for p in _option(args, "dicts", ())),
        *([learned] if learned else []),
    )
    return RunSettings(
        language=language,
        select=tuple(_option(args, "select") or config.select),
        ignore=(*config.ignore, *_option(args, "ignore", ())),
        per_file_ignores=tuple(config.per_file_ignores.items()),
        config_root=config.root,
        exclude=(*config.exclude, *(_option(args, "exclude") or ())),
        include=tuple(_option(args, "include") or ()),
        format_in=_option(args, "format_in"),
        force_exclude=bool(_option(args, "force_exclude")),
        dictionaries=dictionaries,
        min_confidence=min_confidence,
        unsafe=bool(_option(args, "unsafe_fixes", False)),
        neural=config.neural if neural is None else neural,
        model=_option(args, "model") or config.model,
        max_file_size=config.max_file_size,
    )
