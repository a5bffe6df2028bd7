"""How much a run keeps of what it works out per word: the one bound of the per-run caches.

A run's memory is its models and tables plus these caches, so each is bounded and memory stays
flat however large the corpus. News vocabulary is Zipfian: the commonest few thousand words of a
language are most of its tokens, so a cache of this size answers nearly every repeat while a
rare word is worked out again. `benchmarks/memory_flat.py` measures the peak memory this gives.
"""

from typing import Generic, TypeVar

WORD_CACHE = 8192  # distinct words (or word, language pairs) each per-word cache keeps: ~2 MB each

K = TypeVar("K")
V = TypeVar("V")


class WeighedTable(Generic[K, V]):
    """A run's table of values of unequal size (a dictionary block, a token's shape table):
    each is put with its weight (the tokens or spellings it holds), and the table starts afresh
    once it would hold more than `limit`, so memory stays flat however many keys a run meets."""

    __slots__ = ("_held", "_items", "_limit")

    def __init__(self, limit: int) -> None:
        self._items: dict[K, V] = {}
        self._held = 0
        self._limit = limit

    def get(self, key: K) -> V | None:
        return self._items.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    @property
    def held(self) -> int:
        """The summed weight of the values held."""
        return self._held

    def put(self, key: K, value: V, weight: int) -> V:
        if self._held + weight > self._limit:
            self._items.clear()
            self._held = 0
        self._items[key] = value
        self._held += weight
        return value
