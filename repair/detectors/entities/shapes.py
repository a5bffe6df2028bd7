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
from repair.resources.cache_sizes import WORD_CACHE, WeighedTable
from repair.resources.entity_index import (
    NEIGHBOURS_FROM_SHAPES,
    Block,
    EntityIndex,
    FormRef,
    ShapeColumns,
    ShapeSelectors,
    form_ref,
    shape_ends_at,
    shape_selectors,
    unpack_spellings,
)
from repair.resources.transliteration import is_persian_script

SHAPES_MEMO = "fuzzy shapes"  # index.memo key: the shape table of each look-alike token
NEIGHBOURS_MEMO = "fuzzy neighbours"  # index.memo key: the neighbour tokens of each, with their keys
SHAPES_KEPT = 20_000  # spellings the kept shape tables hold (~560 bytes each: ~11 MB, flat)
NEIGHBOURS_KEPT = 30_000  # neighbour tokens the kept neighbour blocks hold (~330 bytes each: ~10 MB)
SELECT_FROM_SHAPES = NEIGHBOURS_FROM_SHAPES  # from this many shapes, selecting by neighbours beats
# aligning each one (the index stores their neighbour blocks from the same size)
NEIGHBOUR_CACHE = WORD_CACHE  # (word, look-alike, side) pairs whose reachable neighbour tokens are kept


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


class ShapeTable:
    """A look-alike token's shapes, in row order, read column by column. A shape is built when
    a search first takes it, and the selectors when a search first selects: a large table's are
    stored in the index, and it gives few of its shapes; a small one is taken whole."""

    __slots__ = ("_columns", "_folded", "_index", "_selectors", "_shapes")

    def __init__(self, index: EntityIndex, folded: str, columns: ShapeColumns) -> None:
        self._index = index
        self._folded = folded
        self._columns = columns
        self._shapes: list[Shape | None] = [None] * len(columns.forms)
        self._selectors: ShapeSelectors | None = None

    def __len__(self) -> int:
        return len(self._shapes)

    def shape(self, i: int) -> Shape:
        found = self._shapes[i]
        if found is None:
            c = self._columns
            found = Shape(self._index, c.first + i, c.forms[i], c.positions[i], c.befores[i], c.afters[i])
            self._shapes[i] = found
        return found

    def every_shape(self) -> tuple[Shape, ...]:
        return tuple(self.shape(i) for i in range(len(self._shapes)))

    @property
    def selectors(self) -> ShapeSelectors:
        if self._selectors is None:
            stored = self._index.shape_choice(self._folded) if len(self) >= NEIGHBOURS_FROM_SHAPES else None
            self._selectors = stored or shape_selectors(self._columns)
        return self._selectors


def _weighed_memo(index: EntityIndex, key: str, limit: int) -> WeighedTable:  # type: ignore[type-arg]
    """The index's bounded table under `key` in its memo, made on first use."""
    memo = index.memo.get(key)
    if memo is None:
        memo = index.memo[key] = WeighedTable(limit)
    assert isinstance(memo, WeighedTable)
    return memo


def shape_table(index: EntityIndex, candidate: str) -> ShapeTable:
    """The name and variant spellings of a folded token, grouped by shape, built once per run
    and index."""
    memo = _weighed_memo(index, SHAPES_MEMO, SHAPES_KEPT)
    table = memo.get(candidate)
    if table is None:
        table = ShapeTable(index, candidate, index.name_shapes(candidate))
        memo.put(candidate, table, len(table))
    return table  # type: ignore[no-any-return]


def _positions(packed: str) -> map[int]:
    return map(int, packed.split(",")) if packed else map(int, ())


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
    chosen = set(_positions(selectors.tied))
    left, right = joinable
    scripts = [script == "1" for script in selectors.scripts]
    if after is not None and any(right[script] for script in scripts):
        for i in reachable(index, after, candidate, True, floor):
            chosen.update(_positions(selectors.after_groups[i]))
    if before is not None and any(left[script] for script in scripts):
        for i in reachable(index, before, candidate, False, floor):
            chosen.update(_positions(selectors.before_groups[i]))
    spelled = selectors.entities
    for entity in named:
        mark = f";{entity}:"
        at = spelled.find(mark)
        if at >= 0:
            chosen.update(_positions(spelled[at + len(mark) : spelled.index(";", at + 1)]))
    return tuple(table.shape(i) for i in sorted(chosen))


@lru_cache(maxsize=NEIGHBOUR_CACHE)
def reachable(index: EntityIndex, word: str, candidate: str, after: bool, floor: float) -> tuple[int, ...]:
    """The positions, in its neighbour block, of the neighbour tokens of the candidate's shapes
    (after it, or before it) whose estimated similarity to the neighbouring word reaches the
    floor: no other can extend an alignment over that word (`similarity` would say the same,
    one token at a time)."""
    return tuple(possible_indices(word, _neighbour_block(index, candidate, after), floor))


def _neighbour_block(index: EntityIndex, candidate: str, after: bool) -> Block:
    """The neighbour tokens of the candidate's shapes (after it, or before it) with their
    stored spelling keys, kept with its shape table: every neighbouring word compares them."""
    memo = _weighed_memo(index, NEIGHBOURS_MEMO, NEIGHBOURS_KEPT)
    block = memo.get((candidate, after))
    if block is None:
        block = index.neighbour_block(candidate, after)
        if block is None:  # a table smaller than the index stores neighbours for (or none there)
            selectors = shape_table(index, candidate).selectors
            block = index.stored_block(selectors.after_tokens if after else selectors.before_tokens)
        memo.put((candidate, after), block, len(block.tokens))
    return block  # type: ignore[no-any-return]
