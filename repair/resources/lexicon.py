"""Word frequencies per language from wordfreq, served from a cached table.

Importing wordfreq and loading a word list costs ~0.2 s per process; `check` is a pre-commit
step, so the first use writes the list (zipf per word) to a marisa trie under the cache
directory, and later processes read it back whole (2.1 MB for English, a few ms) and answer
lookups without importing wordfreq.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache, partial
from itertools import chain
from typing import TYPE_CHECKING

from repair.resources.cache import cache_dir, read_json, read_trie, write_json, write_trie
from repair.resources.cache_sizes import WORD_CACHE
from repair.resources.versions import installed_version

if TYPE_CHECKING:
    import marisa_trie


@lru_cache(maxsize=256)
def base_language(language: str) -> str:
    """`fa-AF` -> `fa`."""
    return language.split("-")[0].lower()


def wordfreq_version() -> str:
    """The installed wordfreq's version (cache keys change with it)."""
    return installed_version("wordfreq", "wordfreq") or "unknown"


def _bucket_zipf(centibels: int) -> float:
    """The zipf value of the words in wordfreq's bucket `centibels` (frequency 10^(-c/100))."""
    return round(9 - centibels / 100, 2)


def zipf_values(language: str) -> dict[str, float]:
    """Zipf frequency to two decimals of every word of wordfreq's best list. Read from the
    list's centibel buckets, as `wordfreq.get_frequency_dict` reads them (a word in two buckets
    keeps the later one), without its frequency arithmetic: the word in bucket i has frequency
    10^(-i/100), so its zipf value is 9 - i/100 (half the build time)."""
    from wordfreq import get_frequency_list

    try:
        buckets = get_frequency_list(language, wordlist="best")
    except LookupError:
        return {}
    values: dict[str, float] = {}
    for centibels, bucket in enumerate(buckets):
        values.update(dict.fromkeys(bucket, _bucket_zipf(centibels)))
    return values


def frequent_values(language: str, floor: float) -> dict[str, float]:
    """The words of `zipf_values` whose value reaches the floor, and the hyphenated words listed
    below it (whose own value, not that of their parts, `zipf` answers), read from the top
    buckets alone: a word in a later bucket too keeps the later one, so it is left out unless
    that bucket also reaches the floor. A third of the full list for English at zipf 2."""
    from wordfreq import get_frequency_list

    try:
        buckets = get_frequency_list(language, wordlist="best")
    except LookupError:
        return {}
    top = sum(1 for centibels in range(len(buckets)) if _bucket_zipf(centibels) >= floor)
    hyphenated: dict[str, float] = {}
    for centibels in range(top, len(buckets)):
        bucket = buckets[centibels]
        if "-" in "".join(bucket):  # one pass in C: most buckets hold no hyphenated word
            hyphenated.update(dict.fromkeys((w for w in bucket if "-" in w), _bucket_zipf(centibels)))
    values: dict[str, float] = {}
    for centibels in range(top):
        values.update(dict.fromkeys(buckets[centibels], _bucket_zipf(centibels)))
    # the top words listed again lower down: the later buckets are only iterated, never hashed
    # into a set of their own (most of the list lies below the floor)
    later = values.keys() & chain.from_iterable(buckets[top:])
    rows = {w: v for w, v in values.items() if w not in later} if later else values
    rows.update(hyphenated)
    return rows


TABLE_FORMAT = "<d"  # one float per word: the zipf value exactly as computed, no rounding to store
TABLE_KIND = b"Zd01"  # the tag of a zipf table file (bump with TABLE_FORMAT or the table's layout)
TRIE_LEVELS = 1  # marisa's num_tries: one level builds in 0.6x the time of its default 3 and looks
# up faster (1.2 against 1.8 us), for a file 1.6x the size (2.1 MB for English)


def _built(values: dict[str, float]) -> marisa_trie.RecordTrie:
    # A marisa trie built in C from the words as they come (no sort in Python): a third of the
    # time of SQLite's inserts, a quarter of the file, and a lookup 4x faster.
    import marisa_trie

    records = zip(values, zip(values.values()), strict=True)
    return marisa_trie.RecordTrie(TABLE_FORMAT, records, num_tries=TRIE_LEVELS)


@lru_cache(maxsize=32)
def _table(language: str) -> marisa_trie.RecordTrie | None:
    return _cached_table(f"zipf-{language}-", language, partial(zipf_values, language))


FREQUENT_FLOOR = 2.0  # the least zipf `at_least` answers from the small table (ATTESTED_ZIPF)


@lru_cache(maxsize=32)
def _frequent_table(language: str) -> marisa_trie.RecordTrie | None:
    family = f"zipf-from{FREQUENT_FLOOR:g}-{language}-"
    return _cached_table(family, language, partial(frequent_values, language, FREQUENT_FLOOR))


TABLE_SUFFIX = ".marisa"  # the tables' file type (the SQLite tables of before are pruned as older versions)


def _cached_table(
    family: str, language: str, values: Callable[[], dict[str, float]]
) -> marisa_trie.RecordTrie | None:
    """The language's table of the family, read from the cache directory, or built (and stored
    there when it can be) on first use and whenever the file is not a whole, unchanged table of
    this kind; None without a cache directory, or when the language has no word list."""
    import marisa_trie

    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{family}{wordfreq_version()}{TABLE_SUFFIX}"
    if path.is_file():
        stored = read_trie(path, marisa_trie.RecordTrie(TABLE_FORMAT), TABLE_KIND)
        if stored is not None:
            return stored
    if language not in _wordfreq_languages():
        return None  # no word list: nothing to build (a built table proves one, unimported)
    table = _built(values())
    write_trie(path, table, TABLE_KIND, family)
    return table


ZIPF_CACHE = WORD_CACHE  # (word, language) pairs whose frequency is kept for the run
_zipfs: dict[tuple[str, str], float] = {}  # the run's answers of `zipf`


def zipf(word: str, language: str) -> float:
    """Zipf frequency of a word (0 when unknown or the language has no word list); cached for
    the run."""
    try:
        return _zipfs[word, language]
    except KeyError:
        return _remember(_zipfs, word, language, _zipf(word, language))


def _remember(answers: dict[tuple[str, str], float], word: str, language: str, value: float) -> float:
    """Keep a run's answer, starting afresh once ZIPF_CACHE answers are kept."""
    if len(answers) >= ZIPF_CACHE:
        answers.clear()
    answers[word, language] = value
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


_listed: dict[tuple[str, str], float] = {}  # the run's answers of `listed_zipf`, ZIPF_CACHE at most


def listed_zipf(word: str, language: str) -> float:
    """The zipf value the language's list gives the word as written (no case folding, no
    hyphenated parts combined), 0 when unlisted; cached for the run."""
    try:
        return _listed[word, language]
    except KeyError:
        pass
    language_list = base_language(language)
    table = _table(language_list)
    if table is not None:
        value = _listed_value(table, word) or 0.0
    elif language_list in _wordfreq_languages():  # no cache folder: the list itself, read once
        value = _values_for_run(language_list).get(word, 0.0)
    else:
        value = 0.0  # no list of its own (wordfreq would answer from its "nearest match")
    return _remember(_listed, word, language, value)


@lru_cache(maxsize=4)
def _values_for_run(language: str) -> dict[str, float]:
    return zipf_values(language)


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    """The languages wordfreq has a word list of its own for."""
    from wordfreq import available_languages

    return frozenset(available_languages(wordlist="best"))


def _listed_value(table: marisa_trie.RecordTrie, word: str) -> float | None:
    """The table's value of the word, None when it lacks it."""
    found = table.get(word)
    return float(found[0][0]) if found else None


def _lookup(table: marisa_trie.RecordTrie, word: str) -> float:
    value = _listed_value(table, word)
    return _unlisted(table, word) if value is None else value


def _unlisted(table: marisa_trie.RecordTrie, word: str) -> float:
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
    table of the words that frequent (`frequent_values`): a check that asks it of languages other
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
    """(zipf value, its longest word's length) of the words of the language's table (None
    without one), kept in the cache folder beside it: found once per install from wordfreq's
    buckets (`_list_longest`)."""
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
    rows = _list_longest(language)
    if path:
        write_json(path, LONGEST_KIND, LONGEST_VERSION, rows, family)
    return rows


def _list_longest(language: str) -> list[tuple[float, int]]:
    """(zipf value, its longest word's length) of the words `zipf_values` holds, in value order:
    one bucket's longest word measured in C, not a scan of the table word by word (a tenth of the
    time), unless some word is listed in two buckets and so counts only in the later one."""
    from wordfreq import get_frequency_list

    try:
        buckets = get_frequency_list(language, wordlist="best")
    except LookupError:
        return []
    if sum(map(len, buckets)) != len(set().union(*buckets)):  # a word listed twice: word by word
        longest: dict[float, int] = {}
        for word, value in zipf_values(language).items():
            longest[value] = max(longest.get(value, 0), len(word))
        return sorted(longest.items())
    rows = [
        (_bucket_zipf(centibels), max(map(len, bucket))) for centibels, bucket in enumerate(buckets) if bucket
    ]
    return sorted(rows)


NO_LIMIT = 10**9  # no word list to bound a word's length
ZIPF_ROUNDING = 0.005  # stored zipf values are rounded to two decimals
