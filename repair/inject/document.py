"""Inject realistic MT artifacts into a clean text and annotate them in the bench's gold format.

`inject_document` picks non-overlapping artifacts (see KINDS) at a density of `rate` per 1,000
characters, renders the damaged text and the gold items (`find` at `occurrence`, `category`,
`fix`, `required`, `note`, `kind`), adds correct dictionary names as traps, and checks itself:
every item must be found where it was put, and applying the gold fixes must give the clean text.
A generator may return two ops at once (a word glued twice); they become two gold items.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from repair.evaluation.score import TRAP, apply_gold, locate
from repair.inject.damage import CLASSES, KIND_PREFIX, damage_generator
from repair.inject.kinds import (
    Op,
    Parallel,
    Plan,
    boilerplate,
    duplicate,
    glued,
    orthography,
    punctuation,
    script,
    untranslated,
)
from repair.inject.names import entity, traps

if TYPE_CHECKING:
    from repair.resources.entity_index import EntityIndex

Generator = Callable[[Plan, random.Random], Op | tuple[Op, ...] | None]
GENERATORS: dict[str, Generator] = {
    "entity": entity,
    "glued": glued,
    "punctuation": punctuation,
    "boilerplate": boilerplate,
    "duplicate": duplicate,
    "untranslated": untranslated,
    "script": script,
    "orthography": orthography,
}
KINDS: tuple[str, ...] = tuple(GENERATORS)  # the default kinds
# hand-written entity damage by class (entity_damage.toml), chosen with --kinds: entity-exonym, ...
DAMAGE_KINDS: tuple[str, ...] = tuple(KIND_PREFIX + c for c in CLASSES)
GENERATORS.update({KIND_PREFIX + c: damage_generator(c) for c in CLASSES})
ALL_KINDS: tuple[str, ...] = tuple(GENERATORS)
WEIGHTS = {"orthography": 2}  # stripped ZWNJ is the commonest artifact of Persian MT


class InjectionError(AssertionError):
    """The injector's self-check failed (a bug: gold offsets or fixes are not consistent)."""


@dataclass
class Injected:
    """A damaged document and its gold items."""

    text: str
    items: list[dict[str, Any]]


def occurrence_at(text: str, find: str, position: int) -> int:
    """Which occurrence of `find` (0-based, matches may overlap, as `locate` counts) starts at `position`."""
    count, pos = 0, text.find(find)
    while pos != position:
        if pos < 0 or pos > position:
            raise InjectionError(f"{find[:40]!r} does not start at {position}")
        count += 1
        pos = text.find(find, pos + 1)
    return count


def render(clean: str, ops: list[Op], trap_spans: list[tuple[int, int]]) -> Injected:
    """Apply the ops to the clean text; locate every op and trap in the damaged text."""
    marks: list[tuple[int, int, Op | None]] = [(op.start, op.end, op) for op in ops]
    marks += [(start, end, None) for start, end in trap_spans]
    marks.sort(key=lambda m: (m[0], m[1]))
    pieces, cursor, shift = [], 0, 0
    placed: list[tuple[int, str, dict[str, Any]]] = []
    for start, end, op in marks:
        if start < cursor:
            raise InjectionError(f"artifacts overlap at {start}")
        if op is None:
            find = clean[start:end]
            item = {"category": TRAP, "fix": None, "required": True, "note": "correct name", "kind": "trap"}
            placed.append((start + shift, find, item))
            continue
        pieces += [clean[cursor:start], op.damaged]
        item = {"category": op.category, "fix": clean[start:end], "required": True, "note": op.note}
        placed.append((start + shift, op.damaged, {**item, "kind": op.kind}))
        shift += len(op.damaged) - (end - start)
        cursor = end
    pieces.append(clean[cursor:])
    text = "".join(pieces)
    items = []
    for position, find, item in placed:
        if not find or text[position : position + len(find)] != find:
            raise InjectionError(f"item {find[:40]!r} is not at {position}")
        items.append({"find": find, "occurrence": occurrence_at(text, find, position), **item})
    return Injected(text, items)


def self_check(clean: str, injected: Injected) -> None:
    """Raise InjectionError unless every item is locatable and the gold fixes restore `clean`."""
    for item in injected.items:
        if locate(injected.text, item["find"], item["occurrence"]) < 0:
            raise InjectionError(f"{item['find'][:40]!r} #{item['occurrence']} not found")
    try:
        restored = apply_gold(injected.text, injected.items)
    except ValueError as exc:
        raise InjectionError(str(exc)) from None
    if restored != clean:
        raise InjectionError("applying the gold fixes does not give back the clean text")


def inject_document(
    text: str,
    lang: str,
    rng: random.Random,
    *,
    rate: float = 1.0,
    kinds: tuple[str, ...] = KINDS,
    index: EntityIndex | None = None,
    parallel: Parallel | None = None,
    with_traps: bool = True,
) -> Injected:
    """Damage one clean text: about `rate` artifacts per 1,000 characters (at least one)."""
    plan = Plan(text, lang, index, parallel)
    target = max(1, round(rate * len(text) / 1000))
    order = [kind for kind in ALL_KINDS if kind in kinds for _ in range(WEIGHTS.get(kind, 1))]
    rng.shuffle(order)
    ops: list[Op] = []
    failed: set[str] = set()
    attempt = 0
    while order and len(ops) < target and attempt < 4 * target + 2 * len(order):
        kind = order[attempt % len(order)]
        attempt += 1
        if kind in failed:
            continue
        found = GENERATORS[kind](plan, rng)
        if found is None:
            failed.add(kind)  # no free site left for this kind
            continue
        for op in found if isinstance(found, tuple) else (found,):
            plan.take(op)
            ops.append(op)
    trap_spans = traps(plan, rng) if with_traps and index is not None else []
    injected = render(text, ops, trap_spans)
    self_check(text, injected)
    return injected
