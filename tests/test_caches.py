"""Caches hold data, never code (no pickle), are rebuilt when damaged and pruned when old
(issue 15, part 7)."""

from __future__ import annotations

import json
import os
import pickle
import time
from pathlib import Path

import pytest

from repair.resources import cache, persian, segmentation


@pytest.fixture
def own_cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MT_REPAIR_CACHE_DIR", str(folder))
    segmentation.segmenter.cache_clear()
    persian.frequencies.cache_clear()
    yield folder
    segmentation.segmenter.cache_clear()
    persian.frequencies.cache_clear()


def test_no_cache_module_imports_pickle():
    for module in (cache, persian, segmentation):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "import pickle" not in source and "load_pickle" not in source


def test_segmenter_restored_from_cache_equals_the_built_one(own_cache):
    built = segmentation._build("en")
    first = segmentation.segmenter("en")  # builds and writes the cache
    segmentation.segmenter.cache_clear()
    restored = segmentation.segmenter("en")  # reads it
    assert restored is not first
    assert restored._words == built._words
    assert dict(restored._deletes) == dict(built._deletes)
    assert restored._max_length == built._max_length
    [stored] = own_cache.glob("symspell-en-*.json")
    assert json.loads(stored.read_bytes())["kind"] == "symspell"
    assert segmentation.segment("thecat", "en") == ["the", "cat"]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b'{"kind": "symspell", "version": 1, "data": {"words": {"a": "x"}}}',
        b"[1, 2]",
        b"null",
    ],
)
def test_a_damaged_segmentation_cache_is_rebuilt(own_cache, damage):
    segmentation.segmenter("en")
    [stored] = own_cache.glob("symspell-en-*.json")
    stored.write_bytes(damage)
    segmentation.segmenter.cache_clear()
    assert segmentation.segment("thecat", "en") == ["the", "cat"]
    assert json.loads(stored.read_bytes())["kind"] == "symspell"  # rewritten whole


def test_a_damaged_frequency_cache_is_rebuilt(own_cache):
    table = persian.frequencies()
    [stored] = own_cache.glob("persian-zipf-*.json")
    stored.write_bytes(b'{"kind": "persian-zipf", "version": 1, "data": {"x": "not a number"}}')
    persian.frequencies.cache_clear()
    assert persian.frequencies() == table
    assert json.loads(stored.read_bytes())["data"] == table


class _Boom:
    def __reduce__(self):  # a pickle that would create a file when loaded
        return (Path.touch, (Path(os.environ["MT_REPAIR_CACHE_DIR"]) / "pwned",))


def test_a_planted_pickle_is_never_loaded_and_is_removed(own_cache):
    own_cache.mkdir(parents=True)
    from importlib.metadata import version as package_version

    tag = package_version("wordfreq")
    planted = [
        own_cache / f"persian-zipf-{tag}.pickle",  # the names the pickle caches had
        own_cache / f"symspell-0.1.0-en-wordfreq{tag}-z3.0.pickle",
    ]
    for path in planted:
        path.write_bytes(pickle.dumps(_Boom()))
    assert persian.frequencies()
    assert segmentation.segment("thecat", "en") == ["the", "cat"]
    assert not (own_cache / "pwned").exists()
    assert not any(path.exists() for path in planted)


def test_prune_keeps_the_newest_of_a_family_and_other_families(tmp_path):
    folder = tmp_path
    old = [folder / f"symspell-en-v1-0.0.{i}.json" for i in range(3)]
    for age, path in enumerate(old):
        path.write_text("{}")
        os.utime(path, (time.time() - 1000 + age, time.time() - 1000 + age))
    other = folder / "symspell-fr-v1-0.0.1.json"
    other.write_text("{}")
    stale = folder / ".symspell-en-x.abcdefgh.tmp"
    stale.write_text("")
    os.utime(stale, (time.time() - 2 * cache.STALE_TEMPORARY_S,) * 2)
    current = folder / "symspell-en-v2-0.1.0.json"
    current.write_text("{}")
    assert cache.prune(current, "symspell-en-", keep=2) == 3
    assert sorted(p.name for p in folder.iterdir()) == sorted([current.name, old[2].name, other.name])


def test_read_json_refuses_other_kinds_versions_and_oversized_files(tmp_path, monkeypatch):
    path = tmp_path / "c.json"
    cache.write_json(path, "k", 1, {"a": 1}, "c.")
    assert cache.read_json(path, "k", 1) == {"a": 1}
    assert cache.read_json(path, "k", 2) is None and cache.read_json(path, "other", 1) is None
    monkeypatch.setattr(cache, "MAX_CACHE_FILE_BYTES", 4)
    assert cache.read_json(path, "k", 1) is None
    path.write_bytes(b"[" * 100_000)  # nesting past the parser's recursion limit
    monkeypatch.undo()
    assert cache.read_json(path, "k", 1) is None


def test_a_check_with_built_caches_does_not_import_wordfreq(own_cache, tmp_path):
    """Once the word-frequency tables are built, a check reads them without importing wordfreq
    (and its language-code tables), which cost a cold start about 0.15 s."""
    import subprocess
    import sys

    page = tmp_path / "page.txt"
    page.write_text("The minister said on Monday that the talks would resume in Geneva.\n", encoding="utf-8")
    code = (
        "import sys; from repair.cli.main import main\n"
        "try: main(['check', '--lang', 'en', sys.argv[1]])\n"
        "except SystemExit: pass\n"
        "print('wordfreq' in sys.modules)"
    )
    env = {**os.environ, "MT_REPAIR_CACHE_DIR": str(own_cache)}
    runs = [
        subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert runs[0].stdout.strip().splitlines()[-1] == "True"  # the first run builds the tables
    assert runs[1].stdout.strip().splitlines()[-1] == "False"


def test_an_immutable_cache_connection_reads_any_path_and_never_writes(tmp_path):
    import sqlite3

    folder = tmp_path / "odd ?#% name"
    folder.mkdir()
    path = folder / "t.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x)")
        db.execute("INSERT INTO t VALUES (1)")
    db = cache.connect_immutable(path)
    assert db.execute("SELECT x FROM t").fetchall() == [(1,)]
    with pytest.raises(sqlite3.Error):
        db.execute("INSERT INTO t VALUES (2)")
    db.close()
    assert sqlite3.connect(path).execute("SELECT count(*) FROM t").fetchone() == (1,)


@pytest.mark.parametrize("language", ["en", "fa", "xx"])
def test_the_zipf_table_holds_wordfreqs_own_figures(language):
    """The cached table is built from wordfreq's buckets without its arithmetic: every word of
    its best list with the zipf value wordfreq's frequency dictionary gives, and nothing else."""
    import math

    from wordfreq import get_frequency_dict

    from repair.resources.lexicon import zipf_rows

    try:
        frequencies = get_frequency_dict(language, wordlist="best")
    except LookupError:
        frequencies = {}
    expected = sorted((w, round(math.log10(f) + 9, 2)) for w, f in frequencies.items() if f > 0)
    rows = zipf_rows(language)
    assert rows == expected and (language == "xx") == (rows == [])
