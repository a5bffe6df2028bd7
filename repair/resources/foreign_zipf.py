"""The highest frequency a document language's ordinary words have in any other language.

UNT001 reads a unit in the document's script as another language only when its words are,
on average, `MIN_ADVANTAGE` zipf more frequent in the guessed language than in the document's
(or, for a language without a word list, mostly not ordinary words of the document's). With
an upper bound of each word's zipf in every other language, the detector proves that no guess
could pass that test before asking the language model, and need not ask it: most sentences of
a document are made of its language's own words, which are rarer everywhere else.

The shipped tables (`foreign_zipf_tables/LANG.tsv`, one per supported language) hold, for each
word at least `TABLE_ZIPF` frequent in that language and more frequent there than in any other,
its highest zipf in any other language wordfreq has a list for; any other word is bounded by
`cap`, the highest zipf of any word in any list. The values are those `lexicon.zipf` serves
(the same rounding, keyed by the casefolded word). A table is used only with the wordfreq
version it was computed from, and only where `lexicon` reads its own tables (a cache folder):
otherwise the bound is unknown and the model is asked as before.

Regenerate with `python -m repair.resources.foreign_zipf` (reads every wordfreq list, ~30 s).
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from repair.resources.cache import cache_dir
from repair.resources.lexicon import base_language, wordfreq_version

TABLES = Path(__file__).with_name("foreign_zipf_tables")
TABLE_ZIPF = 4.0  # the words that make up most of running text; rarer ones are bounded by the cap
HOME_LANGUAGES = ("de", "en", "es", "fa", "fr")  # the languages the tool repairs (scripts.LANGUAGE_SCRIPTS)
_META = "@"  # a table line holding a fact about the table, not a word


@dataclass(frozen=True)
class ForeignBounds:
    """Upper bounds of words' zipf in every language of `languages` other than the table's own."""

    languages: frozenset[str]
    cap: float
    values: dict[str, float]

    def bound(self, word: str) -> float:
        """No other language has the word more frequent than this."""
        return self.values.get(word.casefold(), self.cap)


@lru_cache(maxsize=8)
def foreign_bounds(language: str) -> ForeignBounds | None:
    """The table of a document language, or None when there is none that holds for this run."""
    path = TABLES / f"{base_language(language)}.tsv"
    if cache_dir() is None or not path.is_file():
        return None  # without its cached tables, lexicon asks wordfreq, which normalises words itself
    meta, values = _read(path)
    if meta.get("wordfreq") != wordfreq_version():
        return None
    return ForeignBounds(frozenset(meta["languages"].split()), float(meta["cap"]), values)


def _read(path: Path) -> tuple[dict[str, str], dict[str, float]]:
    meta: dict[str, str] = {}
    values: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, value = line.split("\t")
        if key.startswith(_META):
            meta[key[1:]] = value
        else:
            values[key] = float(value)
    return meta, values


def _zipf_list(language: str) -> dict[str, float]:
    """A wordfreq list as `lexicon` stores it: zipf rounded to two decimals."""
    from wordfreq import get_frequency_dict

    return {w: round(math.log10(f) + 9, 2) for w, f in get_frequency_dict(language, "best").items() if f > 0}


def _storable(word: str) -> bool:
    return "-" not in word and word[:1] not in ("#", _META) and not any(c in word for c in "\t\n\r")


def write_tables(folder: Path = TABLES, homes: tuple[str, ...] = HOME_LANGUAGES) -> None:
    """Compute every home language's table from the installed wordfreq and write it to `folder`."""
    from wordfreq import available_languages

    languages = sorted(available_languages(wordlist="best"))
    home_lists = {home: _zipf_list(home) for home in homes}
    candidates = {  # hyphenated words are left to the cap (lexicon combines their parts' values),
        # and so are words a table line could not hold as a word
        home: {w: z for w, z in words.items() if z >= TABLE_ZIPF and _storable(w)}
        for home, words in home_lists.items()
    }
    highest = {home: dict.fromkeys(words, 0.0) for home, words in candidates.items()}
    cap = 0.0
    for language in languages:
        words = home_lists.get(language) or _zipf_list(language)
        cap = max(cap, max(words.values(), default=0.0))
        for home, best in highest.items():
            if language == home:
                continue
            for word in best:
                value = words.get(word)
                if value is not None and value > best[word]:
                    best[word] = value
        print(f"{language}: {len(words)} words", file=sys.stderr)
    folder.mkdir(parents=True, exist_ok=True)
    for home, best in highest.items():
        rows = sorted((w, v) for w, v in best.items() if v < candidates[home][w])
        lines = [
            f"# The highest zipf in any other wordfreq language of each word at least {TABLE_ZIPF} frequent",
            f"# in {home} and more frequent there than anywhere else. Written by",
            "# `python -m repair.resources.foreign_zipf`; do not edit.",
            f"{_META}wordfreq\t{wordfreq_version()}",
            f"{_META}cap\t{cap!r}",
            f"{_META}languages\t{' '.join(languages)}",
            *(f"{w}\t{v!r}" for w, v in rows),
        ]
        (folder / f"{home}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_tables()
