"""Load, lint and merge canonical-entity dictionaries (TOML records or a JSON list)."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from repair.errors import UserError
from repair.files import read_bounded
from repair.resources.transliteration import ORIGINAL_SCRIPTS, fold, script_of

ENTITY_TYPES = ("person", "place", "org", "other")
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
ENTITY_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
KNOWN_KEYS = {"id", "type", "names", "variants", "exonyms", "deprecated", "description", "context"}
ARABIC_LETTERS = re.compile("[\u064a\u0643]")
# Limits, so that no dictionary makes loading superlinear (the index stores every spelling's
# one-deletion neighbours: cost grows with the square of a word's length). A record over a limit
# is a malformed record: `dict lint` lists it and loading stops with a one-line error (exit 2).
MAX_DICTIONARY_BYTES = 64 * 1024 * 1024  # a 100,000-entity dictionary is ~20 MB
MAX_NAME_CHARS = 200  # the longest shipped spelling (an organisation) has 78
MAX_WORD_CHARS = 40  # one word of a name; the longest shipped word has 15, long surnames ~35
MAX_NAMES = 64  # language tags per record (the shipped maximum is 7)
MAX_FORMS = 256  # variants, deprecated spellings and context words of one record, each list
MAX_DESCRIPTION_CHARS = 2000  # a description is a line or two for the reviewer


@dataclass(frozen=True, slots=True)
class Entity:
    """One canonical entity: spellings per language/locale, accepted and deprecated variants."""

    id: str
    type: str
    names: dict[str, str]
    variants: tuple[str, ...] = ()
    deprecated: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # names in other languages (CLDR, GeoNames): recognised when left in a text, never canonical
    exonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    description: str = ""
    context: tuple[str, ...] = ()
    source: str = ""

    def name_for(self, language: str) -> str | None:
        """Canonical spelling for a language or locale, falling back from `fa-AF` to `fa`."""
        if language in self.names:
            return self.names[language]
        return self.names.get(language.split("-")[0])

    def names_in(self, language: str) -> list[str]:
        """The spellings of every locale of a language (fa and fa-AF for fa), in record order."""
        base = language.split("-")[0].lower()
        return [name for locale, name in self.names.items() if locale.split("-")[0].lower() == base]


@dataclass(frozen=True, slots=True)
class LintError:
    """A problem in a dictionary or phrase-list file, at `path:line`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def shipped_dictionary_files() -> list[Path]:
    """The dictionaries shipped with the package, in a stable order."""
    root = resources.files("repair.dictionaries") / "entities"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith((".toml", ".json")))


def _record_lines(text: str, suffix: str, count: int) -> list[int]:
    """Best-effort 1-based line of each record, for error messages."""
    marker = re.compile(r"^\s*\[\[entity\]\]" if suffix == ".toml" else r"^\s*\{")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if marker.match(line)]
    if suffix != ".toml":
        lines = [n for n, line in enumerate(text.splitlines(), 1) if '"id"' in line] or lines
    return (lines + [1] * count)[:count]


def raw_records(path: Path) -> tuple[list[Any], list[int]]:
    """Parse a dictionary file into raw records; syntax errors become UserError with file:line."""
    text = read_list(path, "dictionary not found", "cannot read dictionary")
    if path.suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line = re.search(r"line (\d+)", str(exc))
            raise UserError(f"{path}:{line.group(1) if line else 1}: invalid TOML: {exc}") from None
        except (ValueError, RecursionError) as exc:  # an integer past the digit limit, deep nesting
            raise UserError(f"{path}:1: invalid TOML: {str(exc)[:120]}") from None
        unknown = set(data) - {"entity"}
        if unknown:
            raise UserError(f"{path}:1: unknown top-level key(s): {', '.join(sorted(unknown))}")
        records = data.get("entity", [])
        if not isinstance(records, list):
            raise UserError(f"{path}:1: 'entity' must be an array of tables ([[entity]])")
    else:
        records = json_records(text, path)
    return records, _record_lines(text, path.suffix, len(records))


def read_list(path: Path, missing: str, unreadable: str) -> str:
    """The text of a name list (a BOM allowed); a missing, unreadable or oversized file
    (MAX_DICTIONARY_BYTES) is a UserError."""
    try:
        return read_bounded(path, MAX_DICTIONARY_BYTES, "a dictionary").decode("utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"{path}: {missing}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: {unreadable} ({exc.__class__.__name__})") from None


def json_records(text: str, path: Path) -> list[Any]:
    """The records of a JSON name list: a list, or an object with an `entities` list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:  # deep nesting, an integer past the digit limit
        raise UserError(f"{path}:1: invalid JSON: {str(exc)[:120]}") from None
    records = data.get("entities") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise UserError(f"{path}:1: expected a JSON list of entity records")
    return records


def _check_strings(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return [f"{what} must be a list of non-empty strings"]
    if len(value) > MAX_FORMS:
        return [f"{what} has {len(value)} entries, over the limit of {MAX_FORMS}"]
    return [problem for v in value if (problem := _spelling_limit(v, what))][:1]


def _spelling_limit(spelling: str, what: str) -> str | None:
    """Why a spelling is over the length limits (None when it is within them)."""
    if len(spelling) > MAX_NAME_CHARS:
        return f"{what}: a spelling of {len(spelling)} characters, over the limit of {MAX_NAME_CHARS}"
    longest = max((len(word) for word in spelling.split()), default=0)
    if longest > MAX_WORD_CHARS:
        return f"{what}: a word of {longest} characters, over the limit of {MAX_WORD_CHARS}"
    return None


def validate_record(record: Any) -> list[str]:
    """Problems with one raw record (empty when it is well formed)."""
    if not isinstance(record, dict):
        return ["record must be a table/object"]
    problems = [f"unknown key {k!r}" for k in sorted(set(record) - KNOWN_KEYS)]
    rid = record.get("id")
    if not isinstance(rid, str) or not ENTITY_ID.match(rid):
        problems.append(f"id {rid!r} must be lowercase letters, digits, '_', '-' or '.'")
    if record.get("type") not in ENTITY_TYPES:
        problems.append(f"type {record.get('type')!r} must be one of {', '.join(ENTITY_TYPES)}")
    names = record.get("names")
    if not isinstance(names, dict) or not names:
        problems.append("names must map language tags to spellings")
    elif len(names) > MAX_NAMES:
        problems.append(f"names has {len(names)} languages, over the limit of {MAX_NAMES}")
    else:
        for lang, name in names.items():
            if not LANGUAGE_TAG.match(lang):
                problems.append(f"names: {lang!r} is not a language tag such as 'en' or 'fa-AF'")
            if not isinstance(name, str) or not name.strip():
                problems.append(f"names.{lang} must be a non-empty string")
            elif problem := _spelling_limit(name, f"names.{lang}"):
                problems.append(problem)
            elif lang.startswith("fa") and ARABIC_LETTERS.search(name):
                problems.append(f"names.{lang} uses Arabic ي/ك instead of Persian ی/ک")
            elif (
                lang.split("-")[0] in ORIGINAL_SCRIPTS
                and script_of(name) not in ORIGINAL_SCRIPTS[lang.split("-")[0]]
            ):
                scripts = "/".join(sorted(ORIGINAL_SCRIPTS[lang.split("-")[0]]))
                problems.append(
                    f"names.{lang} must be written in {scripts} script, not {script_of(name) or 'none'}"
                )
    problems += _check_strings(record.get("variants", []), "variants")
    problems += _check_strings(record.get("context", []), "context")
    for key in ("deprecated", "exonyms"):
        forms_by_lang = record.get(key, {})
        if not isinstance(forms_by_lang, dict):
            problems.append(f"{key} must map language tags to lists of spellings")
            continue
        if len(forms_by_lang) > MAX_NAMES:
            problems.append(f"{key} has {len(forms_by_lang)} languages, over the limit of {MAX_NAMES}")
            continue
        for lang, forms in forms_by_lang.items():
            if not LANGUAGE_TAG.match(lang):
                problems.append(f"{key}: {lang!r} is not a language tag such as 'de' or 'pt-BR'")
            problems += _check_strings(forms, f"{key}.{lang}")
    description = record.get("description", "")
    if not isinstance(description, str):
        problems.append("description must be a string")
    elif len(description) > MAX_DESCRIPTION_CHARS:
        problems.append(f"description over the limit of {MAX_DESCRIPTION_CHARS} characters")
    return problems


def lint_file(path: Path) -> list[LintError]:
    """Every problem in one dictionary file (syntax errors raise UserError)."""
    return _record_errors(path, *raw_records(path))


def _record_errors(path: Path, records: list[Any], lines: list[int]) -> list[LintError]:
    """Every problem in the parsed records of one dictionary file."""
    errors: list[LintError] = []
    seen: dict[str, int] = {}
    for record, line in zip(records, lines, strict=True):
        errors += [LintError(str(path), line, p) for p in validate_record(record)]
        rid = record.get("id") if isinstance(record, dict) else None
        if isinstance(rid, str):
            if rid in seen:
                errors.append(LintError(str(path), line, f"duplicate id {rid!r} (first at line {seen[rid]})"))
            seen.setdefault(rid, line)
    return errors


def _to_entity(record: dict[str, Any], source: str) -> Entity:
    return Entity(
        id=record["id"],
        type=record["type"],
        names={k: v.strip() for k, v in record["names"].items()},
        variants=tuple(v.strip() for v in record.get("variants", [])),
        deprecated={k: tuple(v) for k, v in record.get("deprecated", {}).items()},
        exonyms={k: tuple(v.strip() for v in vs) for k, vs in record.get("exonyms", {}).items()},
        description=record.get("description", ""),
        context=tuple(record.get("context", [])),
        source=source,
    )


def load_file(path: Path) -> list[Entity]:
    """Load one dictionary file; any malformed record is a UserError naming file and line."""
    records, lines = raw_records(path)
    errors = _record_errors(path, records, lines)  # the file parsed once
    if errors:
        more = f" (and {len(errors) - 1} more; run `mt-repair dict lint`)" if len(errors) > 1 else ""
        raise UserError(f"{errors[0]}{more}")
    return [_to_entity(r, f"{path}:{n}") for r, n in zip(records, lines, strict=True)]


def _spelled(entity: Entity) -> set[tuple[str, str, str]]:
    return {(entity.type, lang, fold(name)) for lang, name in entity.names.items()}


def _merge_forms(
    old: dict[str, tuple[str, ...]], new: dict[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """Forms per language of two records, the earlier record's first."""
    merged = dict(old)
    for lang, forms in new.items():
        merged[lang] = tuple(dict.fromkeys(merged.get(lang, ()) + forms))
    return merged


def merge(groups: list[list[Entity]]) -> list[Entity]:
    """Merge files in order: a later record with the same id, or else spelling a name of one
    earlier record of its type the same way in the same language (a newsroom's record of a
    shipped entity under its own id), extends and overrides it, inheriting its other names."""
    merged: dict[str, Entity] = {}
    by_name: dict[tuple[str, str, str], set[str]] = {}
    for group in groups:
        added: list[str] = []  # name matches are looked up in earlier files only
        for entity in group:
            key: str | None = entity.id
            if key not in merged:
                keys = set().union(*(by_name.get(s, set()) for s in _spelled(entity)))
                key = keys.pop() if len(keys) == 1 else None
            old = merged.get(key) if key else None
            if old is None or key is None:
                merged[entity.id] = entity
                added.append(entity.id)
                continue
            deprecated = _merge_forms(old.deprecated, entity.deprecated)
            merged[key] = Entity(
                id=entity.id,
                type=entity.type,
                names={**old.names, **entity.names},
                variants=tuple(dict.fromkeys(old.variants + entity.variants)),
                deprecated=deprecated,
                exonyms=_merge_forms(old.exonyms, entity.exonyms),
                description=entity.description or old.description,
                context=tuple(dict.fromkeys(old.context + entity.context)),
                source=entity.source,
            )
            added.append(key)
        for key in added:
            for spelling in _spelled(merged[key]):
                by_name.setdefault(spelling, set()).add(key)
    return list(merged.values())
