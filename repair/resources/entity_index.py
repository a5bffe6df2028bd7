"""Compiled, cached index over the entity dictionary: name tokens and skeleton blocks in SQLite.

Lookups are keyed (folded token, consonant skeleton), so matching cost does not grow with
the number of entities, and opening a compiled index costs milliseconds whatever its size:
records are read lazily. The index lives under the user's cache directory, keyed by the tool
version and the SHA-256 of the dictionary files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from functools import lru_cache
from itertools import chain, groupby
from pathlib import Path
from typing import NamedTuple

from repair import __version__
from repair.errors import UserError
from repair.resources.cache import ENTITY_INDEXES_KEPT, cache_dir, connect_immutable, prune
from repair.resources.cache_sizes import WORD_CACHE, WeighedTable
from repair.resources.dictionary import Entity, load_file, merge, shipped_dictionary_files
from repair.resources.file_digests import file_digests
from repair.resources.syllable_keys import name_keys
from repair.resources.transliteration import (
    ORIGINAL_SCRIPTS,
    fold,
    is_persian_script,
    phonetic_key,
    readings,
    script_of,
    skeleton,
    translit_key,
)

INDEX_FORMAT = 17  # bump when the tables or the readings change, so old caches are not reused
NAME = "name"
VARIANT = "variant"
DEPRECATED = "deprecated"
ORIGINAL = "original"  # a name in its original script (names.zh, names.ru): quoted, never a misspelling
READING = "reading"  # a machine reading of an original-script name (pinyin, romanisation)
EXONYM = "exonym"  # a name in another language (Mailand); its readings when Cyrillic (Varshava)
MIN_BLOCK_LETTERS = 3  # shorter tokens (initials, particles) are only matched exactly, as ENT requires
LOOKUP_CACHE = WORD_CACHE  # distinct words whose dictionary matches are kept (bounded: memory stays flat)
ENTITIES_KEPT = 8192  # entity records kept for the run once read (~1.3 KB each at most: ~10 MB)
KEY_TOKENS_KEPT = 30_000  # blocking-key tokens kept for the run (~360 bytes each: ~11 MB, flat)
KEYS_AFTER_QUERIES = 2000  # after this many token queries a run is long: read every key once instead
LONG_KEY = 40  # a skeleton longer than this is compared with the longest block key before blocking:
# when even its deletions are longer than every key, no block can match (and the deletions of a
# word of a million letters would cost quadratic time)
MAX_BLOCK_TOKENS = 1000  # a blocking key shared by more tokens selects nothing (the 2-consonant
# deletions of a 100,000-entity dictionary hold thousands): it is not stored, so a word's candidates
# come from its selective keys and stay bounded as the dictionary grows; the shipped dictionary's
# largest block holds about 300 (tests/test_speed.py keeps it under the cap)
TOKEN_SEPARATOR = "\x1f"  # joins the tokens of a block key in one row: str.split() splits
# dictionary spellings on it (it is whitespace to Python), so no token holds it
KEYS_PER_QUERY = 500  # tokens whose keys one query reads (below SQLite's limit on parameters)
NEIGHBOURS_FROM_SHAPES = 24  # a token with this many shapes has its neighbour tokens' block stored:
# the fuzzy search selects such a table's shapes by them (detectors/entities/shapes.py)
SOUND = "~"  # prefix of a phonetic (metaphone) block key in the block table, beside skeleton keys
_SCHEMA = """
CREATE TABLE entity (num INTEGER PRIMARY KEY, record TEXT NOT NULL, uncued INTEGER NOT NULL);
CREATE TABLE token (
    key TEXT NOT NULL, entity INTEGER, language TEXT, kind TEXT, form TEXT, position INTEGER, note TEXT
);
CREATE TABLE block (
    skeleton TEXT PRIMARY KEY, tokens TEXT NOT NULL, folded TEXT NOT NULL, translit TEXT NOT NULL,
    skeletons TEXT NOT NULL, sounds TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE spelling_keys (
    token TEXT PRIMARY KEY, folded TEXT NOT NULL, translit TEXT NOT NULL, skeleton TEXT NOT NULL,
    sound TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE syllable (key TEXT NOT NULL, token TEXT NOT NULL);
CREATE TABLE shape (
    key TEXT PRIMARY KEY, first INTEGER NOT NULL, forms TEXT NOT NULL, positions TEXT NOT NULL,
    befores TEXT NOT NULL, afters TEXT NOT NULL, entities TEXT NOT NULL, uncued TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE shape_spellings (row INTEGER PRIMARY KEY, spellings TEXT NOT NULL);
CREATE TABLE neighbours (
    key TEXT NOT NULL, after INTEGER NOT NULL, tokens TEXT NOT NULL, folded TEXT NOT NULL,
    translit TEXT NOT NULL, skeletons TEXT NOT NULL, sounds TEXT NOT NULL, PRIMARY KEY (key, after)
) WITHOUT ROWID;
CREATE TABLE shape_choice (
    key TEXT PRIMARY KEY, tied TEXT NOT NULL, scripts TEXT NOT NULL, after_groups TEXT NOT NULL,
    before_groups TEXT NOT NULL, entities TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE token_keys (key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


class FormRef(NamedTuple):
    """A dictionary spelling: which entity, which language ('*' for variants) and what kind;
    a reading notes how it was derived ("Mandarin reading of 黄循财"). A named tuple: a token
    of a large dictionary has thousands of them, and a tuple is built several times faster."""

    entity: int
    language: str
    kind: str
    tokens: tuple[str, ...]
    note: str = ""


@lru_cache(maxsize=WORD_CACHE)
def form_ref(entity: int, language: str, kind: str, form: str, note: str) -> FormRef:
    """The FormRef of a token row's spelling (one per spelling, shared by its tokens)."""
    return tuple.__new__(FormRef, (entity, language, kind, tuple(form.split()), note))  # no Python __new__


class Block(NamedTuple):
    """The fuzzy candidates of a word, in token order, with the three keys `similarity` compares
    (the token folded, its transliteration key and its skeleton) and its phonetic key, computed
    when the index was built."""

    tokens: tuple[str, ...]
    folded: tuple[str, ...]
    translit: tuple[str, ...]
    skeletons: tuple[str, ...]
    sounds: tuple[str, ...]


EMPTY_BLOCK = Block((), (), (), (), ())


def joined(blocks: list[Block]) -> Block:
    """The blocks one after another, column by column (a token in two of them is there twice)."""
    if len(blocks) <= 1:
        return blocks[0] if blocks else EMPTY_BLOCK
    return Block(*(tuple(chain.from_iterable(column)) for column in zip(*blocks, strict=True)))


def shape_ends_at(form: str, position: int) -> bool:
    """True when the token at `position` is the last of the spelling `form` (its tokens are
    joined by single spaces): the rule by which the shape table and its stored neighbour blocks
    split the shapes still to end from those ending at the look-alike."""
    return form.count(" ") == position


class ShapeColumns(NamedTuple):
    """A token's shapes as `EntityIndex.name_shapes` reads them, column by column in row order:
    the first shape's row, each shape's form, the token's position in it, the folded tokens
    before and after it ('' at either end), the entities it spells (comma-separated), and
    whether all of them are people whose records list no context words ('1') or not ('0')."""

    first: int
    forms: list[str]
    positions: list[int]
    befores: list[str]
    afters: list[str]
    entities: list[str]
    uncued: str


NO_SHAPES = ShapeColumns(0, [], [], [], [], [], "")


class ShapeSelectors(NamedTuple):
    """What the fuzzy search selects a token's shapes by (detectors/entities/shapes.selected),
    as positions in its ShapeColumns, packed as the index stores them: comma-separated
    positions, one group per neighbour token in the order of the neighbour blocks."""

    tied: str  # shapes ending here that spell an entity other than an uncued person
    scripts: str  # '0' for Latin shapes, '1' for Persian-script ones (their first token's script)
    after_groups: tuple[str, ...]  # shapes still to end, by the token after the look-alike
    before_groups: tuple[str, ...]  # shapes ending here (not first), by the token before it
    entities: str  # ';E:p,p;' for each entity E that shapes ending here spell, with their positions
    after_tokens: tuple[str, ...]  # the neighbour tokens of the groups (empty when read from the
    before_tokens: tuple[str, ...]  # index, whose neighbour blocks hold them in the same order)


def shape_selectors(columns: ShapeColumns) -> ShapeSelectors:
    """The selectors of a token's shapes (see ShapeSelectors): what the index stores for a large
    table, and what the search computes for a small one."""
    by_after: dict[str, list[str]] = {}
    by_before: dict[str, list[str]] = {}
    by_entity: dict[str, list[str]] = {}
    tied: list[str] = []
    firsts = set()
    c = columns
    rows = zip(c.forms, c.positions, c.befores, c.afters, c.entities, c.uncued, strict=True)
    for i, (form, position, before, after, entities, uncued) in enumerate(rows):
        firsts.add(form.partition(" ")[0])
        at = str(i)
        if not shape_ends_at(form, position):
            by_after.setdefault(after, []).append(at)
            continue
        if position:
            by_before.setdefault(before, []).append(at)
        for entity in entities.split(","):
            by_entity.setdefault(entity, []).append(at)
        if uncued != "1":
            tied.append(at)
    return ShapeSelectors(
        ",".join(tied),
        "".join(sorted({"1" if is_persian_script(f) else "0" for f in firsts})),
        tuple(",".join(g) for g in by_after.values()),
        tuple(",".join(g) for g in by_before.values()),
        "".join(f";{e}:{','.join(g)}" for e, g in by_entity.items()) + ";",
        tuple(by_after),
        tuple(by_before),
    )


def _groups(packed: str) -> tuple[str, ...]:
    return tuple(packed.split(";")) if packed else ()


def spelling_keys(token: str) -> tuple[str, str, str, str, str]:
    """A blocked token and the keys `similarity` and `sounds_alike` compare it by (folded,
    transliteration key, skeleton, phonetic key): what the index stores for it."""
    return token, fold(token), translit_key(token), skeleton(token), phonetic_key(token)


def packed_columns(rows: list[tuple[str, str, str, str, str]]) -> list[str]:
    """The five columns of a block's spelling-key rows, each joined by TOKEN_SEPARATOR (a key
    may be empty, but a block holds at least one token, so splitting gives every row back)."""
    return [TOKEN_SEPARATOR.join(column) for column in zip(*rows, strict=True)]


def block_for(tokens: Iterable[str]) -> Block:
    """The block of the given folded tokens, in token order (as `EntityIndex.key_blocks` store theirs)."""
    rows = [spelling_keys(t) for t in sorted(set(tokens))]
    return Block(*map(tuple, zip(*rows, strict=True))) if rows else EMPTY_BLOCK


class _Entities:
    """Entities by number, read from the index on first use."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._cache: dict[int, Entity] = {}

    def __getitem__(self, number: int) -> Entity:
        entity = self._cache.get(number)
        if entity is None:
            if len(self._cache) >= ENTITIES_KEPT:
                self._cache.clear()
            row = self._db.execute("SELECT record FROM entity WHERE num = ?", (number,)).fetchone()
            if row is None:
                raise IndexError(number)
            data = json.loads(row[0])
            data["variants"] = tuple(data["variants"])
            data["context"] = tuple(data["context"])
            data["deprecated"] = {k: tuple(v) for k, v in data["deprecated"].items()}
            data["exonyms"] = {k: tuple(v) for k, v in data["exonyms"].items()}
            entity = self._cache[number] = Entity(**data)
        return entity

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM entity").fetchone()[0]

    def __iter__(self) -> Iterator[Entity]:
        return (self[i] for i in range(len(self)))


class EntityIndex:
    """Keyed access to the merged dictionary: entities, name tokens and skeleton blocks."""

    def __init__(self, db: sqlite3.Connection, sha256: str) -> None:
        self._db = db
        self.sha256 = sha256
        self.entities = _Entities(db)
        self._refs: dict[str, list[tuple[FormRef, int]]] = {}
        self._traits: bytes | None = None  # the uncued flag of every entity (see is_uncued_person)
        self._uncued: dict[int, bool] = {}  # ... of the entities asked about, until they are many
        self._token_refs: dict[str, list[tuple[FormRef, int]]] = {}
        self._keys: frozenset[str] | None = None  # every token key, read once lookups are many
        self._queries = 0
        self._key_rows = WeighedTable[str, Block](KEY_TOKENS_KEPT)  # per blocking key, by tokens held
        self._syllables: dict[str, frozenset[str]] = {}
        self._spelling_keys: dict[
            str, tuple[str, str, str, str, str]
        ] = {}  # one row per token, shared by blocks
        self.memo: dict[object, object] = {}  # facts derived from entities, computed on demand

    def refs_for_folded(self, folded: str) -> list[tuple[FormRef, int]]:
        """Every (form, position) whose token folds to `folded`."""
        refs = self._refs.get(folded)
        if refs is None:
            if len(self._refs) >= LOOKUP_CACHE:
                self._refs.clear()
            if self._keys is None and self._queries >= KEYS_AFTER_QUERIES:
                self._keys = frozenset(r[0] for r in self._db.execute("SELECT key FROM token_keys"))
            if self._keys is not None and folded not in self._keys:
                refs = self._refs[folded] = []
                return refs
            self._queries += 1
            rows = self._db.execute(
                "SELECT entity, language, kind, form, position, note FROM token WHERE key = ? ORDER BY rowid",
                (folded,),
            ).fetchall()
            refs = self._refs[folded] = [(form_ref(e, lang, k, f, n), p) for e, lang, k, f, p, n in rows]
        return refs

    def name_shapes(self, folded: str) -> ShapeColumns:
        """The name and variant spellings holding a folded token, grouped (when the index was
        built) by their form and the token's position in it, in the order of their first row,
        column by column (see ShapeColumns). A token in capitals (an acronym) has no shapes: it
        is never a look-alike. The spellings themselves, most of a shape's bytes, are read by
        `shape_spellings`. A token's shapes are stored in one row, column by column (see
        `_packed_shapes`): a large dictionary's token has hundreds of shapes, and splitting a
        packed column costs a fraction of what SQLite takes to return as many rows."""
        query = "SELECT first, forms, positions, befores, afters, entities, uncued FROM shape WHERE key = ?"
        found = self._db.execute(query, (folded,)).fetchone()
        if found is None:
            return NO_SHAPES
        first, forms, positions, befores, afters, entities, uncued = found
        split = TOKEN_SEPARATOR
        return ShapeColumns(
            first,
            forms.split(split),
            list(map(int, positions.split(","))),
            befores.split(split),
            afters.split(split),
            entities.split(split),
            uncued,
        )

    def shape_choice(self, folded: str) -> ShapeSelectors | None:
        """The selectors of a token's shapes as the index stores them for a token with
        NEIGHBOURS_FROM_SHAPES shapes or more (see `shape_selectors`), else None."""
        query = "SELECT tied, scripts, after_groups, before_groups, entities FROM shape_choice WHERE key = ?"
        row = self._db.execute(query, (folded,)).fetchone()
        if row is None:
            return None
        tied, scripts, after_groups, before_groups, entities = row
        return ShapeSelectors(tied, scripts, _groups(after_groups), _groups(before_groups), entities, (), ())

    def shape_spellings(self, row: int) -> str:
        """The spellings of a shape (a row of `name_shapes`), packed as `unpack_spellings` reads
        them: a search reads them only for the few shapes that align."""
        found = self._db.execute("SELECT spellings FROM shape_spellings WHERE row = ?", (row,)).fetchone()
        return str(found[0]) if found else ""

    def token_refs(self, token: str) -> list[tuple[FormRef, int]]:
        """Every (form, position) whose token folds like `token`."""
        refs = self._token_refs.get(token)
        if refs is None:
            if len(self._token_refs) >= LOOKUP_CACHE:
                self._token_refs.clear()
            refs = self._token_refs[token] = self.refs_for_folded(fold(token))
        return refs

    def key_blocks(self, token: str) -> list[Block]:
        """The block of each of the word's blocking keys (the deletions of its skeleton and its
        phonetic key) that the index holds, each in token order. Together they are the word's
        candidates; a token may be in more than one (about 6 % are, with 100,000 entities), and
        `joined` blocks keep such repeats rather than pay to merge them."""
        key = skeleton(token)
        sound = phonetic_key(token)
        near = _deletions(key) if len(key) <= LONG_KEY or len(key) - 1 <= self._longest_key() else set()
        keys = sorted(near | ({SOUND + sound} if sound else set()))
        return [block for block in self._key_blocks(keys) if block.tokens]

    def _key_blocks(self, keys: list[str]) -> list[Block]:
        """The block of each blocking key (empty for a key the index does not hold), kept for
        the run: the words of one skeleton neighbourhood share most of their deletion keys. The
        index stores each block's columns packed, so a block is read in one row."""
        cache = self._key_rows
        found = {k: block for k in keys if (block := cache.get(k)) is not None}
        missing = [k for k in keys if k not in found]
        if missing:
            read = dict.fromkeys(missing, EMPTY_BLOCK)
            marks = ",".join("?" * len(missing))
            query = f"SELECT * FROM block WHERE skeleton IN ({marks})"
            for k, *packed in self._db.execute(query, missing):
                read[k] = Block(*(tuple(column.split(TOKEN_SEPARATOR)) for column in packed))
            for k, block in read.items():  # a put may start the cache afresh: `found` keeps this read's
                cache.put(k, block, len(block.tokens))
            found.update(read)
        return [found[k] for k in keys]

    def _read_spelling_keys(self, tokens: Iterable[str]) -> dict[str, tuple[str, str, str, str, str]]:
        """The shared row cache, holding now the stored spelling-key row of each of the tokens
        the index has one for (read in batches, once per token)."""
        shared = self._spelling_keys  # one row per token, whichever blocks hold it
        missing = [t for t in dict.fromkeys(tokens) if t not in shared]
        for start in range(0, len(missing), KEYS_PER_QUERY):
            part = missing[start : start + KEYS_PER_QUERY]
            marks = ",".join("?" * len(part))
            query = f"SELECT * FROM spelling_keys WHERE token IN ({marks})"  # spelling_keys() order
            shared.update((r[0], r) for r in self._db.execute(query, part))
        return shared

    def stored_block(self, tokens: Iterable[str]) -> Block:
        """The given folded name tokens, in the given order, with the spelling keys the index
        stores for them (computed here for a token it holds none for)."""
        wanted = list(tokens)
        shared = self._read_spelling_keys(wanted)
        rows = [shared.get(t) or spelling_keys(t) for t in wanted]
        return Block(*map(tuple, zip(*rows, strict=True))) if rows else EMPTY_BLOCK

    def neighbour_block(self, folded: str, after: bool) -> Block | None:
        """The block of the tokens after a token in its shapes still to end (after), or before
        it in its shapes ending at it, in the order of their first shape, as the index stores it
        for a token with NEIGHBOURS_FROM_SHAPES shapes or more; None for another token."""
        query = (
            "SELECT tokens, folded, translit, skeletons, sounds FROM neighbours WHERE key = ? AND after = ?"
        )
        row = self._db.execute(query, (folded, after)).fetchone()
        if row is None:
            return None
        return Block(*(tuple(column.split(TOKEN_SEPARATOR)) for column in row))

    def splits_locales(self, language: str) -> bool:
        """Whether some entity's name is spelled apart by the language's locales (read once)."""
        split = self.memo.get("split locales")
        if not isinstance(split, frozenset):
            row = self._db.execute("SELECT value FROM meta WHERE key = 'split locales'").fetchone()
            split = self.memo["split locales"] = frozenset(row[0].split(",") if row and row[0] else ())
        return language in split

    def is_uncued_person(self, number: int) -> bool:
        """True for a person whose record lists no context words (one query per entity, then,
        once a run asks about many, the flags of every entity in one query)."""
        if self._traits is not None:
            return bool(self._traits[number])
        found = self._uncued.get(number)
        if found is None:
            if len(self._uncued) >= KEYS_AFTER_QUERIES:
                flags = bytearray(len(self.entities))
                for num, uncued in self._db.execute("SELECT num, uncued FROM entity"):
                    flags[num] = uncued
                self._traits = bytes(flags)
                return self.is_uncued_person(number)
            row = self._db.execute("SELECT uncued FROM entity WHERE num = ?", (number,)).fetchone()
            found = self._uncued[number] = bool(row and row[0])
        return found

    def _longest_key(self) -> int:
        """The length of the longest block key (read once, for very long words only)."""
        longest = self.memo.get("longest block key")
        if not isinstance(longest, int):
            row = self._db.execute("SELECT max(length(skeleton)) FROM block").fetchone()
            longest = self.memo["longest block key"] = int(row[0] or 0)
        return longest

    def syllable_tokens(self, key: str) -> frozenset[str]:
        """The folded name and variant tokens whose Chinese-syllable reading has this consonant
        key (syllable_keys.name_keys, stored when the index is built)."""
        found = self._syllables.get(key)
        if found is None:
            if len(self._syllables) >= LOOKUP_CACHE:
                self._syllables.clear()
            rows = self._db.execute("SELECT token FROM syllable WHERE key = ?", (key,))
            found = self._syllables[key] = frozenset(row[0] for row in rows)
        return found


def _shapes(
    tokens: list[tuple[str, int, str, str, str, int, str, str, str]], uncued: list[bool]
) -> Iterator[tuple[str, str, int, str, str, str, bool, str]]:
    """The rows of the shape table (see `EntityIndex.name_shapes`) from the token rows, in
    their order (a token row's rowid is its place in the list, from 1)."""
    grouped: dict[tuple[str, str, int], tuple[str, str, list[int], list[str]]] = {}
    for row, (key, entity, language, kind, form, position, note, before, after) in enumerate(tokens, 1):
        if kind not in (NAME, VARIANT) or form.split()[position].isupper():
            continue  # an all-capitals token, an acronym, is never a look-alike
        shape = grouped.setdefault((key, form, position), (before, after, [], []))
        shape[2].append(entity)
        shape[3].append(f"{row},{entity},{language},{kind},{note.encode().hex().upper()}")
    for (key, form, position), (before, after, spelled, packed) in grouped.items():
        people = dict.fromkeys(spelled)
        yield (
            key,
            form,
            position,
            before,
            after,
            ",".join(map(str, people)),
            all(uncued[e] for e in people),
            ";".join(packed),
        )


def _packed_shapes(
    shapes: list[tuple[str, str, int, str, str, str, bool, str]],
) -> Iterator[tuple[str, int, str, str, str, str, str, str]]:
    """One row per token of the shape rows (which `_shapes` gives grouped by token, numbered
    from 1 in their order): its first shape's number, then each column of its shapes joined
    (forms, befores, afters and entity lists by TOKEN_SEPARATOR, positions by commas, the
    uncued flags as a string of 0s and 1s). The spellings go to `shape_spellings`, by number."""
    first = 1
    for key, group in groupby(shapes, key=lambda shape: shape[0]):
        rows = list(group)
        _, forms, positions, befores, afters, entities, uncued, _ = zip(*rows, strict=True)
        join = TOKEN_SEPARATOR.join
        yield (
            key,
            first,
            join(forms),
            ",".join(map(str, positions)),
            join(befores),
            join(afters),
            join(entities),
            "".join("1" if flag else "0" for flag in uncued),
        )
        first += len(rows)


def split_locale_languages(entity: Entity) -> set[str]:
    """The languages whose locales spell the entity's name apart (fa and fa-AF): the names
    that ENT003 compares across locales."""
    spellings: dict[str, set[str]] = {}
    for locale, name in entity.names.items():
        spellings.setdefault(locale.split("-")[0].lower(), set()).add(fold(name))
    return {language for language, folded in spellings.items() if len(folded) > 1}


def _large_table_selectors(
    shapes: list[tuple[str, str, int, str, str, str, bool, str]],
) -> dict[str, ShapeSelectors]:
    """The selectors (`shape_selectors`) of each token with NEIGHBOURS_FROM_SHAPES shapes or
    more, from the shape rows (which `_shapes` gives grouped by token): what the index stores
    for it, its neighbour blocks and its `shape_choice` row."""
    found: dict[str, ShapeSelectors] = {}
    for key, group in groupby(shapes, key=lambda shape: shape[0]):
        rows = list(group)
        if len(rows) < NEIGHBOURS_FROM_SHAPES:
            continue
        _, forms, positions, befores, afters, entities, uncued, _ = zip(*rows, strict=True)
        flags = "".join("1" if flag else "0" for flag in uncued)
        columns = (list(forms), list(positions), list(befores), list(afters), list(entities))
        found[key] = shape_selectors(ShapeColumns(0, *columns, flags))
    return found


def _neighbour_rows(
    selectors: dict[str, ShapeSelectors], keys: dict[str, tuple[str, str, str, str, str]]
) -> Iterator[tuple[object, ...]]:
    """For each token with stored selectors, the packed block of the tokens after it in the
    shapes still to end (after: True) and of those before it in the shapes ending at it
    (after: False), in the order of the selectors' groups (see `EntityIndex.neighbour_block`)."""
    for key, chosen in selectors.items():
        for side, tokens in ((True, chosen.after_tokens), (False, chosen.before_tokens)):
            if tokens:
                yield (key, side, *packed_columns([keys.get(t) or spelling_keys(t) for t in tokens]))


def _choice_rows(selectors: dict[str, ShapeSelectors]) -> Iterator[tuple[str, ...]]:
    """Each token's stored selectors, packed (see `EntityIndex.shape_choice`)."""
    for key, chosen in selectors.items():
        after, before = ";".join(chosen.after_groups), ";".join(chosen.before_groups)
        yield key, chosen.tied, chosen.scripts, after, before, chosen.entities


def unpack_spellings(packed: str) -> list[tuple[int, int, str, str, str]]:
    """(row, entity, language, kind, note) of each spelling `name_shapes` packed, in row order (the
    note is packed in hex, so that no character of a name it quotes can break the packing)."""
    rows = []
    for record in packed.split(";"):
        row, entity, language, kind, note = record.split(",")
        rows.append((int(row), int(entity), language, kind, bytes.fromhex(note).decode()))
    return rows


def _deletions(key: str) -> set[str]:
    """The key and every string one deletion away (symmetric-delete blocking, as in SymSpell).

    Two skeletons within one insertion, deletion or substitution share one of these strings.
    """
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def _reorders(reading: str, accepted: set[str]) -> bool:
    """True when a folded reading is an accepted spelling or its words in another order (a
    Japanese reading puts the surname first: Ishiba Shigeru for Shigeru Ishiba)."""
    return reading in accepted or sorted(reading.split()) in (sorted(a.split()) for a in accepted)


def spellings_of(
    entity: Entity, read: Callable[[str, str], tuple[tuple[str, str], ...]] = readings
) -> Iterator[tuple[str, str, str, str]]:
    """(language, kind, spelling, note) of every spelling of an entity, readings included
    (`read` gives an original-script name's readings: shipped_readings records them)."""
    for language, name in entity.names.items():
        if language.split("-")[0] not in ORIGINAL_SCRIPTS:
            yield language, NAME, name, ""
            continue
        yield language, ORIGINAL, name, ""
        latin = {fold(n) for lang, n in entity.names.items() if lang.split("-")[0] not in ORIGINAL_SCRIPTS}
        accepted = latin | {fold(v) for v in entity.variants}
        for reading, scheme in read(language.split("-")[0], name):
            if not _reorders(fold(reading), accepted):
                yield language, READING, reading, f"{scheme} of {name}"
    for variant in entity.variants:
        yield "*", VARIANT, variant, ""
    for language, forms in entity.deprecated.items():
        for form in forms:
            yield language, DEPRECATED, form, ""
    for language, forms in entity.exonyms.items():  # tokens only: no fuzzy block competes with names
        for form in forms:
            if script_of(form) in ("Latin", "Arabic"):  # the scripts of the documents repaired
                yield language, EXONYM, form, ""
            else:
                yield from ((language, EXONYM, r, f"{s} of {form}") for r, s in read(language, form))


def build(entities: list[Entity], db: sqlite3.Connection) -> None:
    """Write the index tables for `entities` into an empty database."""
    db.executescript(_SCHEMA)
    tokens: list[tuple[str, int, str, str, str, int, str, str, str]] = []
    blocks: set[tuple[str, str]] = set()
    syllables: set[tuple[str, str]] = set()
    named: set[str] = set()  # folded name and variant tokens: their spelling keys are stored
    for number, entity in enumerate(entities):
        for language, kind, spelling, note in spellings_of(entity):
            form = " ".join(spelling.split())
            folds = [fold(word) for word in form.split()]
            for position, (word, folded) in enumerate(zip(form.split(), folds, strict=True)):
                before = folds[position - 1] if position else ""
                after = folds[position + 1] if position + 1 < len(folds) else ""
                tokens.append((folded, number, language, kind, form, position, note, before, after))
                if kind in (NAME, VARIANT):
                    named.add(folded)
                if len(folded) >= MIN_BLOCK_LETTERS and kind in (NAME, VARIANT):
                    blocks.update((key, folded) for key in _deletions(skeleton(word)))
                    if sound := phonetic_key(word):
                        blocks.add((SOUND + sound, folded))
                if kind in (NAME, VARIANT):
                    syllables.update((key, folded) for key in name_keys(word))
    uncued = [e.type == "person" and not e.context for e in entities]
    split = sorted({language for e in entities for language in split_locale_languages(e)})
    db.execute("INSERT INTO meta VALUES ('split locales', ?)", (",".join(split),))
    db.executemany(
        "INSERT INTO entity VALUES (?, ?, ?)",
        ((i, json.dumps(entity_record(e)), uncued[i]) for i, e in enumerate(entities)),
    )
    # rows of one key stored together (a stable sort: their order, entity by entity, is kept), so
    # a token of a large dictionary reads a few pages, not one per entity, from a cold cache file
    tokens.sort(key=lambda row: row[0])
    # the folded tokens before and after each one go to the shape table only
    db.executemany("INSERT INTO token VALUES (?, ?, ?, ?, ?, ?, ?)", (row[:7] for row in tokens))
    db.executemany("INSERT INTO token_keys VALUES (?)", ((k,) for k in dict.fromkeys(r[0] for r in tokens)))
    shapes = list(_shapes(tokens, uncued))
    db.executemany("INSERT INTO shape VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _packed_shapes(shapes))
    db.executemany("INSERT INTO shape_spellings VALUES (?, ?)", ((i, s[7]) for i, s in enumerate(shapes, 1)))
    kept = selective_blocks(blocks)
    grouped: dict[str, list[str]] = {}
    for key, token in sorted(kept):
        grouped.setdefault(key, []).append(token)
    keys = {t: spelling_keys(t) for t in sorted({t for _, t in kept} | named)}
    db.executemany(
        "INSERT INTO block VALUES (?, ?, ?, ?, ?, ?)",
        ((k, *packed_columns([keys[t] for t in t_])) for k, t_ in grouped.items()),
    )
    db.executemany("INSERT INTO spelling_keys VALUES (?, ?, ?, ?, ?)", keys.values())
    large = _large_table_selectors(shapes)
    db.executemany("INSERT INTO neighbours VALUES (?, ?, ?, ?, ?, ?, ?)", _neighbour_rows(large, keys))
    db.executemany("INSERT INTO shape_choice VALUES (?, ?, ?, ?, ?, ?)", _choice_rows(large))
    db.executemany("INSERT INTO syllable VALUES (?, ?)", sorted(syllables))
    db.execute("CREATE INDEX token_key ON token (key)")
    db.execute("CREATE INDEX syllable_key ON syllable (key)")
    db.commit()


ENTITY_FIELDS = tuple(f.name for f in fields(Entity))


def entity_record(entity: Entity) -> dict[str, object]:
    """The entity's fields as the index stores them (what `dataclasses.asdict` gives: its fields
    hold only strings, tuples and dicts, so no deep copy is needed, a tenth of the time)."""
    return {name: getattr(entity, name) for name in ENTITY_FIELDS}


def selective_blocks(blocks: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (key, token) pairs of the keys that hold at most MAX_BLOCK_TOKENS tokens."""
    sizes = Counter(key for key, _ in blocks)
    return [pair for pair in blocks if sizes[pair[0]] <= MAX_BLOCK_TOKENS]


def _hash_files(paths: list[Path]) -> str:
    # the schema is hashed too: a branch that changes the tables under the same format number
    # cannot open another's cached index in a shared cache folder; each file enters by its own
    # digest, remembered between runs for a large file (file_digests)
    digest = hashlib.sha256(f"{__version__}:{INDEX_FORMAT}:{_SCHEMA}".encode())
    for file_digest in file_digests(paths):
        digest.update(file_digest.encode("ascii"))
        digest.update(b"\0")
    return digest.hexdigest()


def _open_cached(path: Path) -> sqlite3.Connection | None:
    try:
        db = connect_immutable(path)
        db.execute("SELECT count(*) FROM meta").fetchone()
        return db
    except sqlite3.Error:
        return None


def dictionary_files(extra: list[Path] | None = None, *, shipped: bool = True) -> list[Path]:
    """The dictionary files of a run (shipped, then extra), each checked to exist."""
    paths = (shipped_dictionary_files() if shipped else []) + list(extra or [])
    for path in paths:
        if not path.is_file():
            raise UserError(f"{path}: dictionary not found")
    return paths


def dictionary_sha256(paths: list[Path]) -> str:
    """The key of the merged index of `paths` (tool version, index format, each file's SHA-256)."""
    try:
        return _hash_files(paths)
    except OSError as exc:
        raise UserError(f"{exc.filename}: cannot read dictionary ({exc.strerror})") from None


def load_index(extra: list[Path] | None = None, *, shipped: bool = True) -> EntityIndex:
    """Open (compiling on first use) the merged index of the shipped and extra dictionaries."""
    paths = dictionary_files(extra, shipped=shipped)
    return open_index(paths, dictionary_sha256(paths))


def _cached_path(sha: str) -> Path | None:
    folder = cache_dir()
    return folder / f"entities-{sha[:32]}.sqlite" if folder else None


def is_compiled(sha: str) -> bool:
    """True when the index keyed `sha` is in the cache (opening it cannot fail on the sources)."""
    cached = _cached_path(sha)
    return bool(cached and cached.is_file())


def open_index(paths: list[Path], sha: str) -> EntityIndex:
    """Open the cached index keyed `sha` of `paths`, compiling and caching it when missing."""
    cached = _cached_path(sha)
    if cached and cached.is_file():
        db = _open_cached(cached)
        if db is not None:
            return EntityIndex(db, sha)
    entities = merge([load_file(p) for p in paths])
    if cached:
        with contextlib.suppress(OSError, sqlite3.Error):
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
            tmp.unlink(missing_ok=True)
            with contextlib.closing(sqlite3.connect(tmp)) as db:
                build(entities, db)
                db.execute("INSERT INTO meta VALUES ('sha256', ?)", (sha,))
                db.commit()
            os.replace(tmp, cached)
            prune(cached, "entities-", ENTITY_INDEXES_KEPT)
            db = _open_cached(cached)
            if db is not None:
                return EntityIndex(db, sha)
    db = sqlite3.connect(":memory:", check_same_thread=False)
    build(entities, db)
    return EntityIndex(db, sha)
