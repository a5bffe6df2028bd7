"""The learned dictionary: name fixes accepted in review, kept for later runs.

A garbled spelling must never become an accepted variant. An accepted fix of "Vikov" to
Witkoff is recorded as a *deprecated* spelling of the canonical entity for the document's
language, so later runs flag "Vikov" with ENT004 and propose the canonical form. Records are
in the shipped TOML format and merge by id with the shipped entity.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from repair.errors import UserError
from repair.settings import learned_target

if TYPE_CHECKING:
    from repair.model import Finding
    from repair.resources.dictionary import Entity
    from repair.resources.entity_index import EntityIndex

LEARNABLE_CODES = frozenset({"ENT001", "ENT002"})
_ENTRY = re.compile(r"dictionary entry '([a-z0-9][a-z0-9_.\-]*)'")


@dataclass(frozen=True, slots=True)
class Lesson:
    """A garbled spelling of an entity, for a language."""

    entity_id: str
    entity_type: str
    language: str
    canonical: str
    spelling: str


def entity_of(finding: Finding, proposal: int, index: EntityIndex) -> Entity | None:
    """The dictionary entity a proposal of an ENT finding points to."""
    if not finding.proposals or proposal >= len(finding.proposals):
        return None
    chosen = finding.proposals[proposal]
    found = _ENTRY.search(chosen.rationale)
    wanted = found.group(1) if found else None
    words = chosen.replacement.split()
    if not words:
        return None
    for ref, _ in index.token_refs(words[-1]):
        entity = index.entities[ref.entity]
        if wanted is None or entity.id == wanted:
            return entity
    return None


def lesson_for(finding: Finding, proposal: int, language: str, index: EntityIndex) -> Lesson | None:
    """What accepting this proposal teaches, or None when the finding is not a learnable name fix."""
    if finding.code not in LEARNABLE_CODES:
        return None
    entity = entity_of(finding, proposal, index)
    spelling = " ".join(finding.text.split())
    if entity is None or not spelling:
        return None
    lang = language.split("-")[0]
    canonical = entity.name_for(lang) or next(iter(entity.names.values()))
    if spelling == canonical or spelling in entity.variants:
        return None
    return Lesson(entity.id, entity.type, lang, canonical, spelling)


def _read(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{path}: cannot read the learned dictionary ({exc.__class__.__name__})") from None
    records = data.get("entity", [])
    if not isinstance(records, list):
        raise UserError(f"{path}:1: 'entity' must be an array of tables ([[entity]])")
    return [dict(r) for r in records if isinstance(r, dict)]


def merge_lessons(records: list[dict[str, Any]], lessons: list[Lesson]) -> list[dict[str, Any]]:
    """Records with the lessons added (merged by id; spellings kept once, in order)."""
    by_id = {r.get("id"): r for r in records}
    out = list(records)
    for lesson in lessons:
        record = by_id.get(lesson.entity_id)
        if record is None:
            record = {"id": lesson.entity_id, "type": lesson.entity_type, "names": {}}
            by_id[lesson.entity_id] = record
            out.append(record)
        record.setdefault("names", {}).setdefault(lesson.language, lesson.canonical)
        deprecated = record.setdefault("deprecated", {})
        forms = list(deprecated.get(lesson.language, []))
        if lesson.spelling not in forms:
            forms.append(lesson.spelling)
        deprecated[lesson.language] = forms
    return out


def write_lessons(lessons: list[Lesson], target: Path | None = None) -> Path | None:
    """Add lessons to the learned dictionary (atomically, in the dictionary TOML format)."""
    target = target or learned_target()
    if not lessons or target is None:
        return None
    from repair.files import write_atomic
    from repair.resources.dict_import import to_toml
    from repair.resources.dictionary import validate_record

    records = merge_lessons(_read(target), lessons)
    for record in records:
        problems = validate_record(record)
        if problems:
            raise UserError(f"{target}: learned record {record.get('id')!r}: {problems[0]}")
    header = "# Learned from `mt-repair review`: garbled spellings editors corrected (deprecated forms).\n\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, (header + to_toml(records)).encode("utf-8"))
    return target
