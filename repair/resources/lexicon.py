"""Word frequencies per language from wordfreq, served from a cached SQLite table.

Importing wordfreq and loading a word list costs ~0.2 s per process; `check` is a pre-commit
step, so the first use writes the list (zipf per word) to an SQLite file under the cache
directory and later processes answer lookups from it without importing wordfreq.
"""

from __future__ import annotations

import contextlib
import math
import os
import sqlite3
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from itertools import chain

from repair.resources.cache import cache_dir, connect_immutable, prune, read_json, write_json
from repair.resources.cache_sizes import WORD_CACHE
from repair.resources.versions import installed_version


@lru_cache(maxsize=256)
def base_language(language: str) -> str:
    """`fa-AF` -> `fa`."""
    return language.split("-")[0].lower()


def wordfreq_version() -> str:
    """The installed wordfreq's version (cache keys change with it)."""
    return installed_version("wordfreq", "wordfreq") or "unknown"


def zipf_rows(language: str) -> list[tuple[str, float]]:
    """(word, zipf frequency to two decimals) of every word of wordfreq's best list, in word
    order. Read from the list's centibel buckets, as `wordfreq.get_frequency_dict` reads them (a
    word in two buckets keeps the later one), without its frequency arithmetic: the word in
    bucket i has frequency 10^(-i/100), so its zipf value is 9 - i/100 (half the build time)."""
    from wordfreq import get_frequency_list

    try:
        buckets = get_frequency_list(language, wordlist="best")
    except LookupError:
        return []
    values: dict[str, float] = {}
    for centibels, bucket in enumerate(buckets):
        values.update(dict.fromkeys(bucket, round(9 - centibels / 100, 2)))
    return sorted(values.items())


def frequent_rows(language: str, floor: float) -> list[tuple[str, float]]:
    """The rows of `zipf_rows` whose value reaches the floor, and the hyphenated words listed
    below it (whose own value, not that of their parts, `zipf` answers), read from the top
    buckets alone: a word in a later bucket too keeps the later one, so it is left out unless
    that bucket also reaches the floor. A third of the full list for English at zipf 2."""
    from wordfreq import get_frequency_list

    try:
        buckets = get_frequency_list(language, wordlist="best")
    except LookupError:
        return []
    top = sum(1 for centibels in range(len(buckets)) if round(9 - centibels / 100, 2) >= floor)
    hyphenated: dict[str, float] = {}
    for centibels in range(top, len(buckets)):
        bucket = buckets[centibels]
        if "-" in "".join(bucket):  # one pass in C: most buckets hold no hyphenated word
            hyphenated.update(dict.fromkeys((w for w in bucket if "-" in w), round(9 - centibels / 100, 2)))
    values: dict[str, float] = {}
    for centibels in range(top):
        values.update(dict.fromkeys(buckets[centibels], round(9 - centibels / 100, 2)))
    # the top words listed again lower down: the later buckets are only iterated, never hashed
    # into a set of their own (most of the list lies below the floor)
    later = values.keys() & chain.from_iterable(buckets[top:])
    rows = {w: v for w, v in values.items() if w not in later}
    rows.update(hyphenated)
    return sorted(rows.items())


def _build(path: str, rows: list[tuple[str, float]]) -> None:
    # Inserted in key order, without a rollback journal (a fresh temporary file, renamed into
    # place only once complete): a third less time than unsorted, journaled inserts.
    folder, name = os.path.split(path)  # hidden, so prune's family sweep leaves another worker's build alone
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    with contextlib.closing(sqlite3.connect(tmp)) as db:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("CREATE TABLE zipf (word TEXT PRIMARY KEY, value REAL) WITHOUT ROWID")
        db.executemany("INSERT OR REPLACE INTO zipf VALUES (?, ?)", rows)
        db.commit()
    os.replace(tmp, path)


@lru_cache(maxsize=32)
def _table(language: str) -> sqlite3.Connection | None:
    return _cached_table(f"zipf-{language}-", language, partial(zipf_rows, language))


FREQUENT_FLOOR = 2.0  # the least zipf `at_least` answers from the small table (ATTESTED_ZIPF)


@lru_cache(maxsize=32)
def _frequent_table(language: str) -> sqlite3.Connection | None:
    family = f"zipf-from{FREQUENT_FLOOR:g}-{language}-"
    return _cached_table(family, language, partial(frequent_rows, language, FREQUENT_FLOOR))


def _cached_table(
    family: str, language: str, rows: Callable[[], list[tuple[str, float]]]
) -> sqlite3.Connection | None:
    """The language's table of the family, built on first use under the cache directory (None
    without one, or when the language has no word list)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{family}{wordfreq_version()}.sqlite"
    try:
        if not path.is_file():
            if language not in _wordfreq_languages():
                return None  # no word list: nothing to build (a built table proves one, unimported)
            folder.mkdir(parents=True, exist_ok=True)
            _build(str(path), rows())
            prune(path, family)
        return connect_immutable(path)
    except (OSError, sqlite3.Error):
        return None


ZIPF_CACHE = WORD_CACHE  # (word, language) pairs whose frequency is kept for the run
PREFETCH_CHUNK = 500  # words asked for in one query (SQLite allows 32,766 parameters, old builds 999)
_zipfs: dict[tuple[str, str], float] = {}  # the run's answers of `zipf`, filled one by one or by `prefetch`


def zipf(word: str, language: str) -> float:
    """Zipf frequency of a word (0 when unknown or the language has no word list); cached for
    the run."""
    try:
        return _zipfs[word, language]
    except KeyError:
        value = _remember(word, language, _zipf(word, language))
        return value


def _remember(word: str, language: str, value: float) -> float:
    if len(_zipfs) >= ZIPF_CACHE:
        _zipfs.clear()
    _zipfs[word, language] = value
    return value


def _zipf(word: str, language: str) -> float:
    language = base_language(language)
    table = _table(language)  # a cached table: no need to import wordfreq (a cold start's 0.15 s)
    if table is None:
        if language not in _wordfreq_languages():
            return 0.0  # wordfreq would answer for the "nearest match" (ceb -> fil), and say so on stderr
        from wordfreq import zipf_frequency

        try:
            return zipf_frequency(word, language, wordlist="best")
        except (LookupError, ValueError):
            return 0.0
    return _lookup(table, word.casefold())


def prefetch(words: Iterable[str], language: str) -> None:
    """Put the frequencies of many words into `zipf`'s cache with one query per PREFETCH_CHUNK
    words (a lookup one by one costs a query each): the same values `zipf` would find."""
    table = _table(base_language(language))
    if table is None:
        return
    missing = list(dict.fromkeys(w for w in words if (w, language) not in _zipfs))
    for start in range(0, len(missing), PREFETCH_CHUNK):
        chunk = missing[start : start + PREFETCH_CHUNK]
        folded = list(dict.fromkeys(w.casefold() for w in chunk))
        marks = ",".join("?" * len(folded))
        found = dict(table.execute(f"SELECT word, value FROM zipf WHERE word IN ({marks})", folded))
        for word in chunk:
            value = found.get(word.casefold())
            _remember(word, language, _unlisted(table, word.casefold()) if value is None else float(value))


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    """The languages wordfreq has a word list of its own for."""
    from wordfreq import available_languages

    return frozenset(available_languages(wordlist="best"))


def _lookup(table: sqlite3.Connection, word: str) -> float:
    row = table.execute("SELECT value FROM zipf WHERE word = ?", (word,)).fetchone()
    if row:
        return float(row[0])
    return _unlisted(table, word)


def _unlisted(table: sqlite3.Connection, word: str) -> float:
    """The frequency of a word the list lacks: that of its hyphenated parts combined, else 0."""
    parts = [p for p in word.replace("’", "'").split("-") if p]
    if len(parts) > 1:  # like wordfreq: a hyphenated word is as rare as its parts combined
        values = [_lookup(table, p) for p in parts]
        if all(values):
            return round(-math.log10(sum(10**-v for v in values)), 2)
    return 0.0


@lru_cache(maxsize=ZIPF_CACHE)
def at_least(word: str, language: str, floor: float) -> bool:
    """`zipf(word, language) >= floor`, for a floor of FREQUENT_FLOOR or more answered from a
    table of the words that frequent (`frequent_rows`): a check that asks it of languages other
    than the document's (is a name a word in English, Spanish or French?) builds those small
    tables on its first run, not their whole lists."""
    language = base_language(language)
    table = _frequent_table(language) if floor >= FREQUENT_FLOOR else None
    if table is None:
        return zipf(word, language) >= floor
    return _lookup(table, word.casefold()) >= floor


COMMON_ZIPF = 3.5  # a word this frequent is an ordinary word of the language


def is_common_word(word: str, language: str, threshold: float = COMMON_ZIPF) -> bool:
    """True when the lowercase word is an ordinary word of the language."""
    return zipf(word.lower(), language) >= threshold


@lru_cache(maxsize=32)
def longest_word(language: str, min_zipf: float) -> int:
    """The length of the longest word of the language's list at least `min_zipf` frequent
    (an upper bound: zipf values are stored rounded), or a large number without a list."""
    lengths = _longest_by_value(base_language(language))
    if lengths is None:
        return NO_LIMIT
    return max((length for value, length in lengths if value >= min_zipf - ZIPF_ROUNDING), default=0)


LONGEST_KIND, LONGEST_VERSION = "zipf-longest", 1  # the JSON cache of `_longest_by_value`


@lru_cache(maxsize=32)
def _longest_by_value(language: str) -> list[tuple[float, int]] | None:
    """(zipf value, its longest word's length) of the language's table, kept in the cache folder
    beside it: finding them scans the whole table (60 ms for English), once per install."""
    table = _table(language)
    if table is None:
        return None
    folder = cache_dir()
    family = f"{LONGEST_KIND}-{language}-"
    path = folder / f"{family}{wordfreq_version()}.json" if folder else None
    data = read_json(path, LONGEST_KIND, LONGEST_VERSION) if path else None
    if isinstance(data, list) and all(
        isinstance(row, list) and len(row) == 2 and isinstance(row[0], float) and isinstance(row[1], int)
        for row in data
    ):
        return [(value, length) for value, length in data]
    rows = [
        (float(value), int(length))
        for value, length in table.execute("SELECT value, max(length(word)) FROM zipf GROUP BY value")
    ]
    if path:
        write_json(path, LONGEST_KIND, LONGEST_VERSION, rows, family)
    return rows


NO_LIMIT = 10**9  # no word list to bound a word's length
ZIPF_ROUNDING = 0.005  # stored zipf values are rounded to two decimals
