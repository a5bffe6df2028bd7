"""The Latin readings of the shipped dictionary's original-script names, computed once and
shipped in `dictionaries/readings.tsv`: the first index build of an install then loads no
reading library for them (pykakasi's dictionary alone takes half a second, pypinyin's a
third). A name not in the file (a newsroom's own list) is read by the libraries as before.
The file is written by `python -m repair.resources.shipped_readings --write`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

READINGS_FILE = "readings.tsv"  # in the repair.dictionaries package, beside entities/
Readings = tuple[tuple[str, str], ...]  # (reading, scheme) pairs, as transliteration.readings gives


def readings_path() -> Path:
    return Path(str(resources.files("repair.dictionaries") / READINGS_FILE))


@lru_cache(maxsize=1)
def shipped_readings() -> dict[tuple[str, str], Readings]:
    """(language, name) -> its readings, from the shipped file ({} when it is missing). One
    line per name: language, name, then each reading and its scheme, tab-separated."""
    try:
        text = readings_path().read_text(encoding="utf-8")
    except OSError:
        return {}
    table: dict[tuple[str, str], Readings] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and len(fields) % 2 == 0:
            pairs = fields[2:]
            table[fields[0], fields[1]] = tuple(zip(pairs[::2], pairs[1::2], strict=True))
    return table


def format_table(table: dict[tuple[str, str], Readings]) -> str:
    """The file's text for a table, in a stable order."""
    lines = []
    for (language, name), found in sorted(table.items()):
        lines.append("\t".join([language, name, *(field for pair in found for field in pair)]))
    return "".join(f"{line}\n" for line in lines)
