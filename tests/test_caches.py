"""Caches hold data, never code (no pickle), are rebuilt when damaged and pruned when old
(issue 15, part 7)."""

from __future__ import annotations

import json
import math
import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from repair.resources import cache, lexicon, persian, segmentation


@pytest.fixture
def own_cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MT_REPAIR_CACHE_DIR", str(folder))
    _forget_tables()
    yield folder
    _forget_tables()


def _forget_tables() -> None:
    """Drop the tables and answers a run keeps, so that the next lookups read the cache folder."""
    segmentation.segmenter.cache_clear()
    lexicon._table.cache_clear()
    lexicon._frequent_table.cache_clear()
    lexicon._longest_by_value.cache_clear()
    lexicon._values_for_run.cache_clear()
    lexicon._listed.clear()


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
    assert persian.zipf_fa("کتاب") > 0
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
    retired = folder / "persian-zipf-v1-3.1.1.json"  # a cache no version writes any more
    retired.write_text("{}")
    current = folder / "symspell-en-v2-0.1.0.json"
    current.write_text("{}")
    assert cache.prune(current, "symspell-en-", keep=2) == 4
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
    from wordfreq import get_frequency_dict

    from repair.resources.lexicon import zipf_values

    try:
        frequencies = get_frequency_dict(language, wordlist="best")
    except LookupError:
        frequencies = {}
    expected = sorted((w, round(math.log10(f) + 9, 2)) for w, f in frequencies.items() if f > 0)
    rows = sorted(zipf_values(language).items())
    assert rows == expected and (language == "xx") == (rows == [])


@pytest.mark.parametrize("language", ["en", "fa", "xx"])
def test_the_frequent_word_table_holds_the_zipf_tables_words_from_the_floor(language):
    """The small table `at_least` reads: every word of the full table at the floor or above,
    with its value, and the hyphenated words listed below it (whose own value, not their parts',
    decides), nothing else."""
    from repair.resources.lexicon import FREQUENT_FLOOR, frequent_values, zipf_values

    full = sorted(zipf_values(language).items())
    expected = [(w, v) for w, v in full if v >= FREQUENT_FLOOR or "-" in w]
    rows = sorted(frequent_values(language, FREQUENT_FLOOR).items())
    assert rows == expected
    assert (language == "xx") == (rows == [])
    assert language != "en" or len(rows) < len(full) / 2


def test_a_word_in_a_later_bucket_too_keeps_the_later_value(monkeypatch):
    """wordfreq's frequency dictionary keeps a word's last bucket: a word listed in a top
    bucket and again below the floor is not frequent, and a hyphenated word listed below the
    floor keeps its own value."""
    import wordfreq

    from repair.resources import lexicon

    buckets = [[] for _ in range(800)]
    buckets[100] = ["twice", "once", "well-known"]  # zipf 8.0
    buckets[750] = ["twice", "rare-word"]  # zipf 1.5
    buckets[760] = ["well-known"]
    monkeypatch.setattr(wordfreq, "get_frequency_list", lambda language, wordlist: buckets)
    assert lexicon.frequent_values("en", 2.0) == {"once": 8.0, "rare-word": 1.5, "well-known": 1.4}
    assert lexicon.zipf_values("en")["twice"] == 1.5
    assert lexicon._list_longest("en") == [(1.4, 10), (1.5, 9), (8.0, 4)]  # "well-known" counts at 1.4 only


@pytest.mark.parametrize(
    ("word", "language"),
    [
        ("house", "en"),
        ("zyzzyva", "en"),  # rare: below the floor
        ("Maison", "fr"),
        ("well-being", "en"),  # hyphenated, its parts combined
        ("casa-blanca", "es"),
        ("qwxzv-house", "en"),  # a part no list holds
        ("کتاب", "fa"),
        ("almería", "es"),
    ],
)
def test_at_least_says_what_zipf_says(word, language, isolated_cache_dir):
    from repair.resources.lexicon import at_least, zipf

    for floor in (2.0, 2.5, 4.0, 1.0):
        assert at_least(word, language, floor) is (zipf(word, language) >= floor), (word, floor)


LOOKED_UP = ["the", "The", "STRASSE", "straße", "well-known", "xqzv-known", "-", "", "qqqq", "l’état"]
LOOKED_UP_SAMPLE = 3000  # words of each list looked up through the built table
LOOKED_UP_SEED = 14  # a fixed sample, the same on every run


@pytest.mark.parametrize("language", ["en", "fr", "fa", "xx"])
def test_the_built_table_answers_what_the_word_list_says(language, isolated_cache_dir):
    """`zipf` through the cached table gives every sampled word its list value in any casing,
    0 for words the list lacks, the combined value of a hyphenated word whose parts are listed;
    `listed_zipf` gives the list's value letter for letter. A table file that is not a whole,
    unchanged table (cut short, overwritten, one byte changed: marisa itself would read a
    changed byte and may crash) is built again, never read."""
    import random

    values = lexicon.zipf_values(language)
    sample = random.Random(LOOKED_UP_SEED).sample(sorted(values), min(LOOKED_UP_SAMPLE, len(values)))
    passes = [("first build", None), *TABLE_DAMAGE]
    for number, (damage, _) in enumerate(passes):  # each pass finds the damage done after the last
        _forget_tables()
        lexicon._zipfs.clear()
        assert all(lexicon.zipf(w, language) == values[w] for w in sample), damage
        assert all(lexicon.listed_zipf(w, language) == values[w] for w in sample), damage
        assert all(
            lexicon.zipf(w.upper(), language) == values[w.upper().casefold()]
            for w in sample
            if w.upper().casefold() in values
        )
        assert lexicon.zipf("qqqq" + "x" * 9, language) == lexicon.listed_zipf("qqqqx", language) == 0.0
        looked_up = {w: lexicon.zipf(w, language) for w in LOOKED_UP}
        assert looked_up[""] == looked_up["-"] == looked_up["xqzv-known"] == 0.0
        if language == "en":
            assert looked_up["the"] == looked_up["The"] > 7 and looked_up["qqqq"] == 0
            assert lexicon.listed_zipf("The", language) == 0.0  # letter for letter: no case folding
            parts = values["well"], values["known"]
            assert looked_up["well-known"] == values.get(
                "well-known", round(-math.log10(sum(10**-v for v in parts)), 2)
            )
        if language == "fa":
            assert persian.zipf_fa("کتاب") == values["کتاب"] > 4
        tables = list(isolated_cache_dir.glob(f"zipf-{language}-*.marisa"))
        assert len(tables) == (language != "xx")
        harm = passes[number + 1][1] if number + 1 < len(passes) else None
        for table in tables if harm else ():
            table.write_bytes(harm(table.read_bytes()))


def _flipped(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


TABLE_DAMAGE: list[tuple[str, Callable[[bytes], bytes]]] = [
    ("cut short", lambda data: data[: len(data) // 2]),
    ("overwritten", lambda data: b"\x00not a table" * 64),
    ("a byte changed", _flipped),
    ("its checksum cut", lambda data: data[:-1]),
]


@pytest.mark.parametrize("language", ["en", "fr", "xx"])
def test_without_a_cache_folder_the_lists_answer_the_same(language, monkeypatch):
    """No cache folder (MT_REPAIR_CACHE_DIR empty): nothing is built or written, and the list's
    values come from wordfreq directly, the same as the tables give."""
    values = lexicon.zipf_values(language)
    words = sorted(values)[:: max(1, len(values) // 500)]
    monkeypatch.setattr(lexicon, "cache_dir", lambda: None)
    _forget_tables()
    try:
        assert lexicon._table(language) is None
        assert all(lexicon.listed_zipf(w, language) == values[w] for w in words)
        assert lexicon.listed_zipf("qqqqx", language) == 0.0
    finally:
        _forget_tables()


def test_the_shipped_readings_file_is_up_to_date():
    """dictionaries/readings.tsv holds what the reading libraries give for every original-script
    name and exonym the shipped dictionary's index reads (regenerate it with
    `python -m repair.resources.shipped_readings --write`)."""
    from repair.resources.reading_table import format_table, readings_path
    from repair.resources.shipped_readings import computed_table

    computed = computed_table()
    assert any(found for found in computed.values())  # Han, Kana, Hangul and Cyrillic names read
    assert readings_path().read_text(encoding="utf-8") == format_table(computed)


def test_readings_of_shipped_names_come_from_the_file_and_others_from_the_libraries(monkeypatch):
    from repair.resources import transliteration
    from repair.resources.reading_table import shipped_readings

    table = shipped_readings()
    (language, name), expected = next((key, found) for key, found in table.items() if found)
    fresh = ("ru", "Вадим Новоселов")  # a made-up name, in no shipped record
    assert fresh not in table
    library = transliteration.live_readings(*fresh)
    assert library and library[0][1].endswith("romanisation")

    def no_library(language: str, name: str) -> tuple[tuple[str, str], ...]:
        raise AssertionError(f"{name}: read by the libraries")

    monkeypatch.setattr(transliteration, "live_readings", no_library)
    assert transliteration.readings(language, name) == expected
    with pytest.raises(AssertionError):
        transliteration.readings(*fresh)


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_longest_word_at_a_frequency_is_the_tables_own_answer(language, isolated_cache_dir):
    """longest_word reads a small JSON cache of each zipf value's longest word (written on
    first use) and answers as a scan of the table would; a damaged cache is rebuilt."""
    from repair.resources import lexicon

    assert lexicon._table(language) is not None
    values = lexicon.zipf_values(language)

    def scanned(floor: float) -> int:
        return max((len(w) for w, v in values.items() if v >= floor - lexicon.ZIPF_ROUNDING), default=0)

    floors = (0.0, 1.5, 2.0, 3.0, 3.5, 4.25, 6.0, 9.9)
    for reading in ("first", "cached", "damaged"):
        lexicon.longest_word.cache_clear()
        lexicon._longest_by_value.cache_clear()
        assert [lexicon.longest_word(language, f) for f in floors] == [scanned(f) for f in floors], reading
        (cached,) = isolated_cache_dir.glob(f"zipf-longest-{language}-*.json")
        if reading == "cached":
            damaged = '{"kind": "zipf-longest", "version": 1, "data": [[1.0, "x"]]}'
            cached.write_text(damaged, encoding="utf-8")


def test_compiled_lexicons_are_read_back_from_the_cache_as_compiled(own_cache, monkeypatch):
    """The concept lexicons compiled once are read back from the cache folder equal to a fresh
    compile, without compiling a term; a cache that is not exactly what was written (a flag
    turned into a number, an unknown concept) is compiled again and rewritten."""
    from repair.resources import concepts

    concepts.lexicons.cache_clear()
    try:
        compiled = concepts.lexicons()
        [stored] = own_cache.glob(f"{concepts.CONCEPT_CACHE_FAMILY}*.json")
        concepts.lexicons.cache_clear()
        with monkeypatch.context() as patch:
            patch.setattr(concepts, "compile_term", lambda raw: pytest.fail(f"compiled {raw!r}"))
            assert concepts.lexicons() == compiled
        document = json.loads(stored.read_bytes())
        for damage in (
            [["en", "nav", [["menu", 1, 0, 0]]]],
            [["en", "no such concept", [["menu", False, False, False]]]],
        ):
            stored.write_text(json.dumps({**document, "data": damage}), encoding="utf-8")
            concepts.lexicons.cache_clear()
            assert concepts.lexicons() == compiled
            assert json.loads(stored.read_bytes()) == document  # written again, whole
    finally:
        concepts.lexicons.cache_clear()


def test_an_edited_lexicon_is_compiled_again_not_read_from_the_cache(own_cache, monkeypatch, tmp_path):
    from repair.resources import concepts

    shipped = concepts.shipped_concept_files()
    edited = tmp_path / "lexicons"
    edited.mkdir()
    for path in shipped:
        (edited / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    concepts.lexicons.cache_clear()
    try:
        monkeypatch.setattr(concepts, "shipped_concept_files", lambda: sorted(edited.iterdir()))
        before = concepts.lexicons()
        english = edited / "en.txt"
        english.write_text(english.read_text(encoding="utf-8") + "\n[nav]\nqqzxmenu\n", encoding="utf-8")
        concepts.lexicons.cache_clear()
        after = concepts.lexicons()
        assert "qqzxmenu" in after.exact and "qqzxmenu" not in before.exact
        assert len(list(own_cache.glob(f"{concepts.CONCEPT_CACHE_FAMILY}*.json"))) == 1  # the old one pruned
    finally:
        concepts.lexicons.cache_clear()
