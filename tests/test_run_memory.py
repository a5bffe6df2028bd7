"""The per-run caches are bounded, and a cache that starts afresh changes no answer."""

from __future__ import annotations

import pytest

from repair.detectors.entities import classify, mentions, shapes
from repair.document import Document
from repair.engine import analyse
from repair.registry import selected
from repair.resources import entity_index
from repair.resources.cache_sizes import WeighedTable
from repair.resources.entity_index import joined

GARBLED_TEXTS = (
    ("Vikov will be held in Moscow. Zarensky met Donald Trum, and Netanyahou spoke to Makron.", "en"),
    ("Le président Zelenski a rencontré Vladimir Poutin. Olaf Scholtz aussi, et Lavrof.", "fr"),
    ("El presidente Donald Tramp habló con Pedro Sanches y con Zelenskiy en Kiev.", "es"),
    ("ترامپ با ولادیمیر پوتنی دیدار کرد و طرامپ گفت. زلنسکی و زلنسکیی آمدند.", "fa"),
)


def test_a_weighed_table_never_holds_more_than_its_limit():
    table = WeighedTable[str, int](10)
    for i in range(100):
        assert table.put(f"k{i}", i, 3) == i  # the value put is there even when the put cleared
        assert table.get(f"k{i}") == i
        assert len(table) <= 3  # at most 9 of the 10 units: three values of weight 3


def test_a_value_heavier_than_the_limit_is_still_kept_until_the_next_put():
    table = WeighedTable[str, str](5)
    table.put("small", "a", 1)
    table.put("large", "b", 50)
    assert "large" in table and "small" not in table
    table.put("next", "c", 1)
    assert "large" not in table and table.get("next") == "c"


def test_key_blocks_are_the_same_when_the_block_cache_starts_afresh_at_every_read(index, monkeypatch):
    words = ("Zarensky", "Zarenski", "Vikov", "Makron", "Macron", "Lavrof", "Netanyahou", "Poutin", "Tramp")
    expected = {w: joined(index.key_blocks(w)) for w in words}
    monkeypatch.setattr(index, "_key_rows", WeighedTable(1))
    for _ in range(2):  # cleared between words, some of whose keys the word before had read
        for word in words:
            assert joined(index.key_blocks(word)) == expected[word]
    assert index._key_rows.held <= len(expected[words[-1]].tokens)  # only the last word's blocks


def _findings(context, text):
    return list(analyse(Document(*text), context, selected()))


@pytest.mark.parametrize("text", GARBLED_TEXTS, ids=[lang for _, lang in GARBLED_TEXTS])
def test_findings_are_the_same_when_every_entity_cache_holds_one_item(context, monkeypatch, text):
    before = _findings(context, text)
    assert any(f.code.startswith("ENT") for f in before)  # the texts hold garbled names
    monkeypatch.setattr(context.index, "_key_rows", WeighedTable(1))
    monkeypatch.setattr(entity_index, "ENTITIES_KEPT", 1)
    for memo in (shapes.SHAPES_MEMO, shapes.NEIGHBOURS_MEMO):  # put back (or removed) after the test
        monkeypatch.setitem(context.index.memo, memo, WeighedTable(1))
    context.index.entities._cache.clear()
    for per_word in (
        classify.look_alikes,
        classify._last_token_refs,
        mentions._surname_refs,
        shapes.reachable,
    ):
        per_word.cache_clear()  # so that the words are looked up again, through the bounded caches
    context.index._refs.clear()
    context.index._token_refs.clear()
    assert _findings(context, text) == before
    assert len(context.index.entities._cache) <= 1
    assert len(context.index.memo[shapes.SHAPES_MEMO]) <= 1  # the fuzzy search read shape tables
