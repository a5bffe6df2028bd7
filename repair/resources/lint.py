"""`mt-repair dict lint`: every check over dictionaries and phrase lists, linted as one set.

Beyond the per-record checks of `dictionary.lint_file`, a set of dictionary files is checked
for ids defined twice across files, records out of id order and surface forms that collide
between entities. A surface form is compared as the index compares it (`fold`: case, accents,
Persian letter variants and spacing ignored). Two different entities collide when they share a
form in the same language (`fa` and `fa-AF` count as one), whatever the kind of each form
(name, deprecated spelling); a variant belongs to no language, so it collides with a form of
another entity in any language. Within one entity any sharing is fine, and two entities may
share a form in different languages (the classifier takes a name in the document's own language
as native, which settles the reading there).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from repair.errors import UserError
from repair.resources.concepts import shipped_concept_files
from repair.resources.dictionary import (
    LintError,
    lint_file,
    raw_records,
    shipped_dictionary_files,
    validate_record,
)
from repair.resources.phrase_lint import lint_phrase_files
from repair.resources.phrases import shipped_phrase_files
from repair.resources.transliteration import fold

DICTIONARY_SUFFIXES = (".toml", ".json")
PHRASE_SUFFIXES = (".txt",)
ANY_LANGUAGE = "*"  # the language of a variant: it is accepted in every language
NAME, VARIANT, DEPRECATED = "name", "variant", "deprecated spelling"


@dataclass(frozen=True, slots=True)
class _Form:
    """One spelling of one record, where it is written."""

    entity: str
    tag: str  # language tag as written, or ANY_LANGUAGE for a variant
    kind: str
    text: str
    path: str
    line: int

    @property
    def language(self) -> str:
        """The base language (`fa-AF` -> `fa`) the form is compared in."""
        return self.tag.split("-")[0].lower()

    def describe(self) -> str:
        where = "" if self.tag == ANY_LANGUAGE else f"{self.tag} "
        return f"{where}{self.kind} {self.text!r} of {self.entity!r}"


def lint_paths(paths: list[Path]) -> list[LintError]:
    """Lint dictionaries (.toml, .json) and phrase lists (.txt); no paths: every shipped file.

    Files of each kind are linted together, so ids, collisions and phrase conflicts are also
    checked across them. Errors come in the order of the files, then by line. A file that
    cannot be read or parsed raises UserError, as `lint_file` does.
    """
    shipped = shipped_dictionary_files() + shipped_phrase_files() + shipped_concept_files()
    paths = list(dict.fromkeys(paths)) or shipped
    dictionaries = [p for p in paths if p.suffix in DICTIONARY_SUFFIXES]
    phrases = [p for p in paths if p.suffix in PHRASE_SUFFIXES]
    others = [p for p in paths if p not in dictionaries and p not in phrases]
    if others:
        kinds = ", ".join(DICTIONARY_SUFFIXES + PHRASE_SUFFIXES)
        raise UserError(f"{others[0]}: cannot lint this file type (expected {kinds})")
    errors = lint_dictionaries(dictionaries) + lint_phrase_files(phrases)
    order = {str(p): n for n, p in enumerate(paths)}
    return sorted(errors, key=lambda e: (order.get(e.path, len(order)), e.line))


def lint_dictionaries(paths: list[Path]) -> list[LintError]:
    """Every record problem, duplicate id, id out of order and collision in a set of dictionaries."""
    errors: list[LintError] = []
    first_file: dict[str, tuple[str, int]] = {}
    forms: list[_Form] = []
    for path in paths:
        errors += lint_file(path)
        records, lines = raw_records(path)
        ids = [(r["id"], n) for r, n in zip(records, lines, strict=True) if _has_id(r)]
        errors += _order_errors(str(path), ids)
        for rid, line in ids:
            seen = first_file.setdefault(rid, (str(path), line))
            if seen[0] != str(path):  # twice within one file is reported by lint_file
                message = f"duplicate id {rid!r} (first at {seen[0]}:{seen[1]})"
                errors.append(LintError(str(path), line, message))
        forms += _forms(path, records, lines)
    return errors + _collisions(forms)


def _has_id(record: Any) -> bool:
    return isinstance(record, dict) and isinstance(record.get("id"), str)


def _order_errors(path: str, ids: list[tuple[str, int]]) -> list[LintError]:
    """The first record whose id sorts before the one above it (ids compare as plain strings)."""
    for (before, line_before), (rid, line) in pairwise(ids):
        if rid < before:
            message = f"id {rid!r} out of order: records are sorted by id, and it sorts before {before!r}"
            return [LintError(path, line, f"{message} (line {line_before})")]
    return []


def _forms(path: Path, records: list[Any], lines: list[int]) -> list[_Form]:
    """Every spelling of the well-formed records of one file, each with its best-known line."""
    text = path.read_text(encoding="utf-8-sig").splitlines()
    ends = [*lines[1:], len(text) + 1][: len(lines)]  # no records: no ends
    forms: list[_Form] = []
    for record, start, end in zip(records, lines, ends, strict=True):
        if validate_record(record):
            continue  # lint_file reports it; its spellings may not even be strings
        for language, kind, spelling in _spellings(record):
            line = _line_of(text, start, end, spelling)
            forms.append(_Form(record["id"], language, kind, spelling, str(path), line))
    return forms


def _spellings(record: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for language, name in record["names"].items():
        yield language, NAME, name
    for variant in record.get("variants", []):
        yield ANY_LANGUAGE, VARIANT, variant
    for language, spellings in record.get("deprecated", {}).items():
        for spelling in spellings:
            yield language, DEPRECATED, spelling


def _line_of(text: list[str], start: int, end: int, spelling: str) -> int:
    """The first line of a record holding the spelling (quoted, else bare), else the record's line."""
    span = [(n, text[n - 1]) for n in range(start, min(end, len(text) + 1))]
    span = [(n, line) for n, line in span if not line.lstrip().startswith("#")]
    for needle in (json.dumps(spelling, ensure_ascii=False), f"'{spelling}'", spelling):
        for number, line in span:
            if needle in line:
                return number
    return start


def _collisions(forms: list[_Form]) -> list[LintError]:
    """One error per pair of entities sharing a folded form in one language, at the later form."""
    by_key: dict[str, list[_Form]] = {}
    for form in forms:
        folded = fold(" ".join(form.text.split()))
        if folded:
            by_key.setdefault(folded, []).append(form)
    errors: list[LintError] = []
    for group in by_key.values():
        reported: set[frozenset[str]] = set()
        for n, later in enumerate(group):
            for earlier in group[:n]:
                pair = frozenset((earlier.entity, later.entity))
                if len(pair) == 1 or pair in reported or not _same_language(earlier, later):
                    continue
                reported.add(pair)
                message = f"{later.describe()} collides with {earlier.describe()}"
                errors.append(LintError(later.path, later.line, f"{message} ({earlier.path}:{earlier.line})"))
    return errors


def _same_language(a: _Form, b: _Form) -> bool:
    return ANY_LANGUAGE in (a.language, b.language) or a.language == b.language
