"""The spellings of a look-alike token grouped by shape, for the fuzzy mention search.

A token of a large dictionary is a part of thousands of spellings ("Kari" of Kari Lomisa, Kari
Venotu, ...). The fuzzy search aligns a word with each spelling's shape (its tokens and the
token's position), and whether that alignment can be scored depends on little: a shape whose
last token is still to come needs the next word to match the token after the look-alike; a
shape that ends at the look-alike is a one-word mention unless the word before matches the
token before it, and score_mention ties a one-word look-alike of a person only to one the
document names elsewhere or whose record lists context words. So the shapes of a token are
built once per run and indexed by those neighbour tokens and entities, the neighbouring words
are compared with all the neighbour tokens at once (one bulk estimate of `similarity`), and
only the shapes that may give a scored mention are aligned word by word.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from repair.detectors.entities.estimates import possible_indices
from repair.resources.entity_index import (
    NEIGHBOURS_FROM_SHAPES,
    Block,
    EntityIndex,
    FormRef,
    form_ref,
    shape_ends_at,
    unpack_spellings,
)
from repair.resources.transliteration import is_persian_script

SHAPES_MEMO = "fuzzy shapes"  # index.memo key: the shape table of each look-alike token
NEIGHBOURS_MEMO = "fuzzy neighbours"  # index.memo key: the neighbour tokens of each, with their keys
SHAPE_TABLES_KEPT = 20_000  # look-alike tokens whose shape table is kept (tens of MB at 100k entities)
SELECT_FROM_SHAPES = NEIGHBOURS_FROM_SHAPES  # from this many shapes, selecting by neighbours beats
# aligning each one (the index stores their neighbour blocks from the same size)
NEIGHBOUR_CACHE = 100_000  # (word, look-alike, side) pairs whose reachable neighbour tokens are kept


class Spelling(NamedTuple):
    """One spelling of a shape: its index row (the search reports spellings in row order, the
    order of `refs_for_folded`) and what makes its FormRef, built only for those it keeps."""

    row: int
    entity: int
    language: str
    kind: str
    note: str


class Shape:
    """The spellings that share their tokens and the look-alike's position in them; they are
    read from the index and unpacked on first use (most shapes never are)."""

    __slots__ = ("_index", "_row", "_spellings", "after", "before", "form", "persian", "position", "tokens")

    def __init__(
        self, index: EntityIndex, row: int, form: str, position: int, before: str, after: str
    ) -> None:
        self.form = form
        self.tokens = tuple(form.split())
        self.position = position
        self.persian = is_persian_script(self.tokens[0])  # how looks_like_name reads its neighbours
        self.before = before  # the folded token before the look-alike ('' at the first)
        self.after = after  # ... and after it ('' at the last)
        self._index = index
        self._row = row  # the shape's row in the index
        self._spellings: tuple[Spelling, ...] | None = None

    @property
    def ends_here(self) -> bool:
        return shape_ends_at(self.form, self.position)

    @property
    def spellings(self) -> tuple[Spelling, ...]:
        if self._spellings is None:
            packed = self._index.shape_spellings(self._row)
            self._spellings = tuple(Spelling(*row) for row in unpack_spellings(packed))
        return self._spellings

    def ref(self, spelling: Spelling) -> FormRef:
        """The spelling's FormRef (the one `refs_for_folded` gives for its row)."""
        return form_ref(spelling.entity, spelling.language, spelling.kind, self.form, spelling.note)


class Selectors(NamedTuple):
    """The positions of the shapes of a large table that a search selects by a neighbour or an
    entity (see `selected`)."""

    by_after: dict[str, list[int]]  # shapes still to end, by the token after the look-alike
    by_before: dict[str, list[int]]  # shapes ending here (not first), by the token before it
    by_entity: dict[str, list[int]]  # shapes ending here, by each entity they spell (its number)
    tied: list[int]  # shapes ending here that spell an entity other than an uncued person
    scripts: frozenset[bool]  # whether its shapes are Persian-script (looks_like_name's reading)


ShapeRow = tuple[int, str, int, str, str, str, int]  # a row of EntityIndex.name_shapes


class ShapeTable:
    """A look-alike token's shapes, in row order. A shape is built from its row when a search
    first takes it, and the selectors when a search first selects: a large table gives few
    of its shapes, and a small one is taken whole."""

    __slots__ = ("_index", "_rows", "_selectors", "_shapes")

    def __init__(self, index: EntityIndex, rows: list[ShapeRow]) -> None:
        self._index = index
        self._rows = rows
        self._shapes: list[Shape | None] = [None] * len(rows)
        self._selectors: Selectors | None = None

    def __len__(self) -> int:
        return len(self._rows)

    def shape(self, i: int) -> Shape:
        found = self._shapes[i]
        if found is None:
            row, form, position, before, after, _, _ = self._rows[i]
            found = self._shapes[i] = Shape(self._index, row, form, position, before, after)
        return found

    def every_shape(self) -> tuple[Shape, ...]:
        return tuple(self.shape(i) for i in range(len(self._rows)))

    @property
    def selectors(self) -> Selectors:
        if self._selectors is None:
            self._selectors = _selectors(self._rows)
        return self._selectors


def shape_table(index: EntityIndex, candidate: str) -> ShapeTable:
    """The name and variant spellings of a folded token, grouped by shape, built once per run
    and index."""
    memo = index.memo.setdefault(SHAPES_MEMO, {})
    assert isinstance(memo, dict)
    table = memo.get(candidate)
    if table is None:
        if len(memo) >= SHAPE_TABLES_KEPT:
            memo.clear()
        table = memo[candidate] = ShapeTable(index, index.name_shapes(candidate))
    return table  # type: ignore[no-any-return]


def _selectors(rows: list[ShapeRow]) -> Selectors:
    by_after: dict[str, list[int]] = {}
    by_before: dict[str, list[int]] = {}
    by_entity: dict[str, list[int]] = {}
    tied: list[int] = []
    firsts = set()  # the shapes' first tokens, which say their script (Shape.persian)
    for i, (_, form, position, before, after, entities, uncued) in enumerate(rows):
        firsts.add(form.partition(" ")[0])
        if not shape_ends_at(form, position):
            by_after.setdefault(after, []).append(i)
            continue
        if position:
            by_before.setdefault(before, []).append(i)
        for entity in entities.split(",") if "," in entities else (entities,):
            by_entity.setdefault(entity, []).append(i)
        if not uncued:
            tied.append(i)
    return Selectors(by_after, by_before, by_entity, tied, frozenset(map(is_persian_script, firsts)))


def selected(
    index: EntityIndex,
    candidate: str,
    before: str | None,
    after: str | None,
    joinable: tuple[tuple[bool, bool], tuple[bool, bool]],
    named: dict[int, set[int]],
    floor: float,
) -> tuple[Shape, ...]:
    """The candidate's shapes, in row order, that may align at a word into a mention that
    score_mention can tie to its entity, given the joinable words before and after it (None
    when the word cannot be extended that way): a shape still to end whose next token the word
    after may match; a shape ending here whose previous token the word before may match, or
    that spells a place, an organisation, a person with context words or one `named`. The rest
    align into nothing, or into a lone look-alike of a person nothing ties it to. `joinable`
    says, for the word before and after, whether a Latin and a Persian-script spelling may
    extend over it (see classify._joinable): a neighbour only its shapes' other script may
    take selects nothing. A small table is returned whole."""
    table = shape_table(index, candidate)
    if len(table) < SELECT_FROM_SHAPES:
        return table.every_shape()
    selectors = table.selectors
    chosen = set(selectors.tied)
    left, right = joinable
    if after is not None and any(right[script] for script in selectors.scripts):
        for token in reachable(index, after, candidate, True, floor):
            chosen.update(selectors.by_after[token])
    if before is not None and any(left[script] for script in selectors.scripts):
        for token in reachable(index, before, candidate, False, floor):
            chosen.update(selectors.by_before[token])
    for entity in named:
        chosen.update(selectors.by_entity.get(str(entity), ()))
    return tuple(table.shape(i) for i in sorted(chosen))


@lru_cache(maxsize=NEIGHBOUR_CACHE)
def reachable(index: EntityIndex, word: str, candidate: str, after: bool, floor: float) -> frozenset[str]:
    """The neighbour tokens of the candidate's shapes (after it, or before it) whose estimated
    similarity to the neighbouring word reaches the floor: no other can extend an alignment
    over that word (`similarity` would say the same, one token at a time)."""
    block = _neighbour_block(index, candidate, after)
    return frozenset(block.tokens[i] for i in possible_indices(word, block, floor))


def _neighbour_block(index: EntityIndex, candidate: str, after: bool) -> Block:
    """The neighbour tokens of the candidate's shapes (after it, or before it) with their
    stored spelling keys, kept with its shape table: every neighbouring word compares them."""
    memo = index.memo.setdefault(NEIGHBOURS_MEMO, {})
    assert isinstance(memo, dict)
    block = memo.get((candidate, after))
    if block is None:
        if len(memo) >= SHAPE_TABLES_KEPT:
            memo.clear()
        block = index.neighbour_block(candidate, after)
        if block is None:  # a table smaller than the index stores neighbours for
            selectors = shape_table(index, candidate).selectors
            block = index.stored_block(selectors.by_after if after else selectors.by_before)
        memo[(candidate, after)] = block
    return block  # type: ignore[no-any-return]
