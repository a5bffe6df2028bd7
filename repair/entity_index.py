"""Compiled, cached index over the entity dictionary: exact forms, name tokens and skeleton blocks.

Lookups are dictionary hits (exact folded forms, folded tokens, consonant skeletons), so matching
cost does not grow with the number of entities. The compiled index is pickled under the user's
cache directory, keyed by tool version and the SHA-256 of the dictionary files.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from repair import __version__
from repair.cache import cache_dir
from repair.dictionary import Entity, load_file, merge, shipped_dictionary_files
from repair.fileio import write_atomic
from repair.transliteration import fold, skeleton

NAME = "name"
VARIANT = "variant"
DEPRECATED = "deprecated"


@dataclass(frozen=True, slots=True)
class FormRef:
    """A dictionary spelling: which entity, which language ('*' for variants) and what kind."""

    entity: int
    language: str
    kind: str
    tokens: tuple[str, ...]


@dataclass(slots=True)
class EntityIndex:
    """Entities plus hash maps from folded forms, folded tokens and skeletons to references."""

    entities: list[Entity]
    sha256: str
    forms: dict[str, list[FormRef]] = field(default_factory=dict)
    tokens: dict[str, list[tuple[FormRef, int]]] = field(default_factory=dict)
    blocks: dict[str, set[str]] = field(default_factory=dict)
    max_tokens: int = 1

    def add(self, entity_index: int, language: str, kind: str, spelling: str) -> None:
        """Index one spelling of an entity."""
        words = tuple(spelling.split())
        ref = FormRef(entity_index, language, kind, words)
        self.forms.setdefault(fold(spelling), []).append(ref)
        self.max_tokens = max(self.max_tokens, len(words))
        for position, word in enumerate(words):
            folded = fold(word)
            self.tokens.setdefault(folded, []).append((ref, position))
            if len(folded) >= 3 and kind != DEPRECATED:
                self.blocks.setdefault(skeleton(word), set()).add(folded)

    @classmethod
    def build(cls, entities: list[Entity], sha256: str) -> EntityIndex:
        """Index every name, variant and deprecated spelling of every entity."""
        index = cls(entities=entities, sha256=sha256)
        for number, entity in enumerate(entities):
            for language, name in entity.names.items():
                index.add(number, language, NAME, name)
            for variant in entity.variants:
                index.add(number, "*", VARIANT, variant)
            for language, forms in entity.deprecated.items():
                for form in forms:
                    index.add(number, language, DEPRECATED, form)
        return index

    def token_refs(self, token: str) -> list[tuple[FormRef, int]]:
        """Every (form, position) whose token folds like `token`."""
        return self.tokens.get(fold(token), [])

    def similar_tokens(self, token: str) -> set[str]:
        """Folded dictionary tokens whose skeleton is within one edit of the token's skeleton."""
        found: set[str] = set()
        for key in _skeleton_neighbours(skeleton(token)):
            found |= self.blocks.get(key, set())
        return found


_SKELETON_ALPHABET = "bkfjhmnrst" + "گسزتهبپچجخدرژفکلمنی"


def _skeleton_neighbours(key: str) -> set[str]:
    """The skeleton itself and every string one deletion, insertion or substitution away."""
    out = {key}
    alphabet = _SKELETON_ALPHABET
    for i in range(len(key) + 1):
        if i < len(key):
            out.add(key[:i] + key[i + 1 :])
        for c in alphabet:
            out.add(key[:i] + c + key[i:])
            if i < len(key):
                out.add(key[:i] + c + key[i + 1 :])
    return out


def _hash_files(paths: list[Path]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in paths:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(str(path).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def load_index(extra: list[Path] | None = None, *, shipped: bool = True) -> EntityIndex:
    """Load (from cache when possible) the merged index of the shipped and extra dictionaries."""
    paths = (shipped_dictionary_files() if shipped else []) + list(extra or [])
    for path in paths:
        if not path.is_file():
            from repair.errors import UserError

            raise UserError(f"{path}: dictionary not found")
    sha = _hash_files(paths)
    cache = cache_dir()
    cache_file = cache / f"entities-{sha[:24]}.pickle" if cache else None
    if cache_file and cache_file.is_file():
        try:
            with cache_file.open("rb") as handle:
                index = pickle.load(handle)
            if isinstance(index, EntityIndex) and index.sha256 == sha:
                return index
        except Exception:
            pass
    index = EntityIndex.build(merge([load_file(p) for p in paths]), sha)
    if cache_file:
        with contextlib.suppress(OSError):
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(cache_file, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    return index
