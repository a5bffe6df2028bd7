"""Hand-written damaged name forms (entity_damage.toml) injected in place of a dictionary name.

Each record names an entity by its usual English name (`canonical`), the language the form is
injected into (`lang`), the damage class (exonym, reading, phonetic, ending), the damaged form
and the language or scheme it comes from. The file is written apart from the detectors' data
(never generated from `dictionaries/`), so a bench built from it measures generalisation.

A record is used when the dictionary knows its entity (an English name or variant spelled as
`canonical`) and the document names the entity in its language: the form replaces that name,
or a person's last names when the form has fewer words (a surname with a case ending).
"""

from __future__ import annotations

import random
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from repair.inject.kinds import Op, Plan
from repair.resources.transliteration import fold

if TYPE_CHECKING:
    from repair.resources.entity_index import EntityIndex

CLASSES = ("exonym", "reading", "phonetic", "ending")
FIELDS = ("canonical", "lang", "class", "form", "source_lang")
KIND_PREFIX = "entity-"  # the gold kind of a damage class: entity-exonym, entity-reading, ...


class DamageError(ValueError):
    """entity_damage.toml is malformed (a record without one of FIELDS, or an unknown class)."""


@dataclass(frozen=True)
class Damage:
    """One damaged form of an entity's name for one target language."""

    canonical: str
    lang: str
    damage_class: str
    form: str
    source_lang: str
    note: str = ""


def parse_damage(text: str) -> tuple[Damage, ...]:
    """The records of an entity_damage.toml text; DamageError names the first bad record."""
    data = tomllib.loads(text)
    out = []
    for number, record in enumerate(data.get("damage", []), 1):
        missing = [f for f in FIELDS if not isinstance(record.get(f), str) or not record[f].strip()]
        if missing or record["class"] not in CLASSES:
            problem = f"missing {', '.join(missing)}" if missing else f"unknown class {record['class']!r}"
            raise DamageError(f"entity_damage.toml: record {number}: {problem}")
        out.append(
            Damage(
                record["canonical"],
                record["lang"],
                record["class"],
                record["form"],
                record["source_lang"],
                record.get("note", ""),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def damage_records() -> tuple[Damage, ...]:
    """The shipped records (repair/inject/entity_damage.toml)."""
    return parse_damage((resources.files("repair.inject") / "entity_damage.toml").read_text(encoding="utf-8"))


def entity_of(index: EntityIndex, canonical: str) -> int | None:
    """The entity whose English name or variant is spelled `canonical` (the only one), else None."""
    words = canonical.split()
    if not words:
        return None
    found = {
        ref.entity
        for ref, position in index.token_refs(words[-1])
        if ref.kind in ("name", "variant")
        and ref.language in ("en", "*")
        and position == len(ref.tokens) - 1
        and fold(" ".join(ref.tokens)) == fold(canonical)
    }
    return found.pop() if len(found) == 1 else None


def coverage(index: EntityIndex, records: tuple[Damage, ...] | None = None) -> tuple[int, int]:
    """(records whose entity the dictionary knows, records)."""
    records = damage_records() if records is None else records
    return sum(entity_of(index, r.canonical) is not None for r in records), len(records)


def _target(index: EntityIndex, record: Damage, lang: str) -> str | None:
    """The text the form replaces: the entity's name in the language, or its last words."""
    number = entity_of(index, record.canonical)
    if number is None:
        return None
    entity = index.entities[number]
    name = entity.name_for(lang)
    if not name:
        return None
    words, size = name.split(), len(record.form.split())
    person = entity.type == "person"  # a place's form stands for its whole name (Kaapstad: Cape Town)
    return " ".join(words[-size:]) if person and size < len(words) else name


def _sites(plan: Plan, record: Damage, target: str) -> list[Op]:
    persian = plan.base == "fa"
    edge = r"(?<![\w\u200c])" if persian else r"(?<![\w'’-])"
    after = r"(?![\w\u200c])" if persian else r"(?![\w'’-])(?! [A-Z])"
    note = f"{record.canonical}: {record.source_lang} {record.damage_class} {record.form}"
    kind = KIND_PREFIX + record.damage_class
    return [
        Op(m.start(), m.end(), record.form, "entity", kind, note)
        for m in re.finditer(edge + re.escape(target) + after, plan.text)
        if plan.free(m.start(), m.end())
    ]


def damage_generator(damage_class: str):  # type: ignore[no-untyped-def]
    """An artifact generator for one damage class (see repair.inject.document.GENERATORS)."""

    def generate(plan: Plan, rng: random.Random) -> Op | None:
        if plan.index is None:
            return None
        records = [r for r in damage_records() if r.damage_class == damage_class and r.lang == plan.lang]
        rng.shuffle(records)
        for record in records:
            target = _target(plan.index, record, plan.lang)
            if target is None or fold(target) == fold(record.form) or record.form in plan.text:
                continue
            sites = _sites(plan, record, target)
            if sites:
                return rng.choice(sites)
        return None

    generate.__doc__ = f"A name replaced by a hand-written {damage_class} form of it."
    return generate
