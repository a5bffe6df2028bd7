"""Detector registry: `@detector(code, name, category, summary)` and selection by code prefix.

A detector function yields `Hit`s (what it found); `Detector.run` stamps each with the
detector's code, name, category and severity, making the `Finding`s the engine collects.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from repair.model import CATEGORIES, Finding, Hit, Severity

if TYPE_CHECKING:
    from repair.context import Context
    from repair.document import Document

DetectFunction = Callable[["Document", "Context"], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Detector:
    """A registered detector function with its code, pattern name, category, severity and documentation."""

    code: str
    name: str
    category: str
    function: DetectFunction
    summary: str
    severity: Severity = Severity.WARNING

    @property
    def doc(self) -> str:
        """The detector's documentation (its docstring)."""
        return inspect.cleandoc(self.function.__doc__ or "")

    def run(self, document: Document, context: Context) -> Iterable[Finding]:
        """The detector's findings on a document: its hits stamped with code, name, category, severity."""
        for hit in self.function(document, context):
            yield hit.finding(self.code, self.name, self.category, self.severity)

    @property
    def family(self) -> str:
        """The code family, e.g. ``ENT`` for ``ENT001``."""
        return self.code.rstrip("0123456789")


_REGISTRY: dict[str, Detector] = {}


def detector(
    code: str, name: str, category: str, summary: str, *, severity: Severity = Severity.WARNING
) -> Callable[[DetectFunction], DetectFunction]:
    """Register a detector function under `code` (unique) and pattern `name`.

    `severity` is that of its findings, unless a hit sets its own.
    """

    def register(function: DetectFunction) -> DetectFunction:
        if code in _REGISTRY:
            raise ValueError(f"detector code {code} registered twice")
        if category not in CATEGORIES:
            raise ValueError(f"detector {code}: unknown category {category!r}")
        _REGISTRY[code] = Detector(code, name, category, function, summary, severity)
        return function

    return register


# Detectors are plugins found by package name, as entry points would be: the registry sits below
# them (they import its decorator) and never imports them by name in code.
DETECTOR_PACKAGE = "repair.detectors"


@functools.cache
def _load_all() -> None:
    """Import every module under DETECTOR_PACKAGE once, so that their decorators have run."""
    package = importlib.import_module(DETECTOR_PACKAGE)
    for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        importlib.import_module(module.name)


def all_detectors() -> list[Detector]:
    """Every registered detector, sorted by code."""
    _load_all()
    return [_REGISTRY[code] for code in sorted(_REGISTRY)]


def get(code_or_name: str) -> Detector | None:
    """Look a detector up by code (ENT001) or pattern name (garbled-entity-name)."""
    for det in all_detectors():
        if code_or_name.upper() == det.code or code_or_name == det.name:
            return det
    return None


def is_selected(code: str, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> bool:
    """True when `code` matches a `select` prefix (or none is given) and no `ignore` prefix.

    The longer matching prefix wins, so `--select ENT --ignore ENT004` keeps ENT001.
    """
    select, ignore = [s.upper() for s in select], [s.upper() for s in ignore]
    best_select = max((len(p) for p in select if code.startswith(p)), default=-1) if select else 0
    best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    return best_select >= 0 and best_select > best_ignore


def selected(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Detector]:
    """Detectors whose code passes the select/ignore prefixes."""
    select, ignore = list(select), list(ignore)
    return [d for d in all_detectors() if is_selected(d.code, select, ignore)]
