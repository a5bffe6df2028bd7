"""The injector's own wordings (wordings.toml): MT disclaimers, web residue lines, foreign-script runs.

They are written for the injector and independent of the detectors' phrase lists, so a bench built
with them measures generalisation, not agreement between two copies of one list.
"""

from __future__ import annotations

import itertools
import random
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

SECTIONS = ("disclaimers", "residue", "slots", "runs")
SLOT = re.compile(r"\{(\w+)\}")
LATIN = "Latin"  # the script of runs left in non-Latin documents


class WordingsError(ValueError):
    """wordings.toml is malformed (unknown section, empty list or undefined slot)."""


@dataclass(frozen=True)
class Wordings:
    """Lines by language (disclaimers, residue), slot fillers, and runs by script."""

    disclaimers: dict[str, tuple[str, ...]]
    residue: dict[str, tuple[str, ...]]
    slots: dict[str, tuple[str, ...]]
    runs: dict[str, tuple[str, ...]]

    def fill(self, line: str, rng: random.Random) -> str:
        """The line with each {slot} replaced by one of its fillers."""
        return SLOT.sub(lambda m: rng.choice(self.slots[m[1]]), line)

    def expansions(self, line: str) -> Iterator[str]:
        """Every text `fill` can make of the line."""
        names = SLOT.findall(line)
        for values in itertools.product(*(self.slots[n] for n in names)):
            yield SLOT.sub(_Filler(values), line)

    def all_lines(self) -> set[str]:
        """Every disclaimer and residue text the injector can write (slots filled)."""
        lines = itertools.chain(*self.disclaimers.values(), *self.residue.values())
        return {text for line in lines for text in self.expansions(line)}


class _Filler:
    """Replaces successive slots with successive values."""

    def __init__(self, values: tuple[str, ...]) -> None:
        self._values = iter(values)

    def __call__(self, _: re.Match[str]) -> str:
        return next(self._values)


def _table(data: dict[str, object], section: str) -> dict[str, tuple[str, ...]]:
    raw = data.get(section, {})
    if not isinstance(raw, dict):
        raise WordingsError(f"[{section}] must be a table")
    table = {}
    for key, value in raw.items():
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise WordingsError(f"[{section}] {key}: a non-empty list of non-empty strings expected")
        table[key] = tuple(value)
    return table


def parse(text: str) -> Wordings:
    """Wordings from the TOML text, checked."""
    data = tomllib.loads(text)
    unknown = set(data) - set(SECTIONS)
    if unknown:
        raise WordingsError(f"unknown section(s) {', '.join(sorted(unknown))}")
    found = Wordings(*(_table(data, s) for s in SECTIONS))
    for line in itertools.chain(*found.disclaimers.values(), *found.residue.values()):
        missing = set(SLOT.findall(line)) - set(found.slots)
        if missing:
            raise WordingsError(f"{line!r}: undefined slot(s) {', '.join(sorted(missing))}")
    return found


@lru_cache(maxsize=1)
def wordings() -> Wordings:
    """The shipped wordings.toml."""
    return parse(resources.files("repair.inject").joinpath("wordings.toml").read_text(encoding="utf-8"))
