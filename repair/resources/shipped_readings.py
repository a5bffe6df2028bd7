"""Regenerate `dictionaries/readings.tsv` (see reading_table) after editing a native name or
an exonym in another script: `python -m repair.resources.shipped_readings --write`; without
--write, say whether it is up to date. A test fails while it is stale.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from repair.resources.reading_table import READINGS_FILE, Readings, format_table, readings_path


def computed_table() -> dict[tuple[str, str], Readings]:
    """What the reading libraries give for every name the shipped dictionary's index reads."""
    from repair.resources.dictionary import load_file, merge, shipped_dictionary_files
    from repair.resources.entity_index import spellings_of
    from repair.resources.transliteration import live_readings

    table: dict[tuple[str, str], Readings] = {}
    read = _recording(live_readings, table)
    for entity in merge([load_file(p) for p in shipped_dictionary_files()]):
        for _ in spellings_of(entity, read):
            pass
    return table


def _recording(
    read: Callable[[str, str], Readings], table: dict[tuple[str, str], Readings]
) -> Callable[[str, str], Readings]:
    def recorded(language: str, name: str) -> Readings:
        found = table[language, name] = read(language, name)
        return found

    return recorded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {READINGS_FILE}")
    args = parser.parse_args(argv)
    text = format_table(computed_table())
    path = readings_path()
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if args.write:
        if text != current:
            from repair.files import write_atomic

            write_atomic(path, text.encode("utf-8"))
        print(f"{path}: {text.count(chr(10))} names")
        return 0
    print(f"{path}: {'up to date' if text == current else 'stale: run with --write'}")
    return 0 if text == current else 1


if __name__ == "__main__":
    sys.exit(main())
