"""Lint boilerplate phrase lists (dictionaries/phrases/*.txt) the way `phrases.parse` reads them.

Per line: an unknown prefix (a marker such as '-', '*' or '!', a look-alike of 're:' such as
'RE:', a byte-order mark), an empty entry, an entry that normalises to nothing, a `re:` pattern
that does not compile with the loader's flags. Per file: an entry repeated in the same kind
after the loader's normalisation. Across the files linted together (the loader merges them):
one text marked with conflicting kinds (a strong and a weak phrase: the weak one is dropped;
a weak phrase and a fuzzy disclaimer: the fuzzy text matches the line outright), and two
spellings of one cue, which the cue count takes as two cues. Other entries may repeat across
languages (a loan word such as "sponsored" is residue in German and English alike).

Concept lexicons (dictionaries/concepts/*.txt, read by `concepts.parse_concepts`) are linted by
their own rules: a term before any section, an unknown concept name, a '*' inside a word, a term
without letters, and a term repeated within one concept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from repair.errors import UserError
from repair.resources.concepts import CONCEPTS, SECTION, WILD, WordPattern, compile_term, parse_concepts
from repair.resources.dictionary import LintError
from repair.resources.phrases import (
    COMMENT,
    CUES,
    FUZZY,
    PATTERN,
    PATTERN_FLAGS,
    PREFIXES,
    STRONG,
    WEAK,
    entry_key,
    key,
    split_entry,
)

CONCEPT_FOLDER = "concepts"  # files in a folder of this name are concept lexicons, not phrase lists
UNKNOWN_PREFIX_MARKS = frozenset("!$%&*,-./:;<=>@\\^_`|")  # not the start of a plain phrase
FORMAT_CHARACTER = "Cf"  # Unicode category of BOM, ZWNJ and the like at a line's start
_PREFIX_LOOKALIKE = re.compile(r"(?i:re|rx|regexp?|pattern)\s*:")
LABELS = {STRONG: "phrase", WEAK: "weak phrase", PATTERN: "pattern", FUZZY: "fuzzy disclaimer", CUES: "cue"}
CONFLICTS = {
    frozenset({STRONG, WEAK}): "the strong phrase wins and the weak one is never used",
    frozenset({WEAK, FUZZY}): "the fuzzy disclaimer matches the line outright, so it is not weak",
}
_KNOWN = ", ".join(repr(prefix) for prefix, _ in PREFIXES)


@dataclass(frozen=True, slots=True)
class _Seen:
    entry: str
    path: str
    line: int

    def where(self, path: str) -> str:
        return f"line {self.line}" if path == self.path else f"{self.path}:{self.line}"


@dataclass
class _State:
    """What the files linted so far hold, for the checks across files."""

    cues: dict[str, _Seen] = field(default_factory=dict)
    kinds: dict[str, dict[str, _Seen]] = field(default_factory=dict)


def lint_phrase_file(path: Path) -> list[LintError]:
    """Every problem in one phrase list (an unreadable file raises UserError)."""
    return lint_phrase_files([path])


def lint_phrase_files(paths: list[Path]) -> list[LintError]:
    """Every problem in a set of phrase lists (and concept lexicons), conflicts between files included."""
    state = _State()
    errors: list[LintError] = []
    for path in paths:
        errors += lint_concept_file(path) if path.parent.name == CONCEPT_FOLDER else _lint_one(path, state)
    return errors


def lint_concept_file(path: Path) -> list[LintError]:
    """Every problem in one concept lexicon."""
    name, errors = str(path), []
    seen: dict[tuple[str, tuple[WordPattern, ...]], int] = {}
    text = _read(path)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        section = SECTION.fullmatch(line)
        if section and section.group(1) not in CONCEPTS:
            errors.append(LintError(name, number, f"unknown concept {section.group(1)!r}"))
    for number, concept, term in parse_concepts(text):
        compiled = compile_term(term)
        problem = None
        if not concept:
            problem = f"term {term!r} comes before any [concept] section"
        elif any(WILD in part.strip(WILD) for part in term.split()):
            problem = f"term {term!r}: '*' may only open or close a word"
        elif not compiled:
            problem = f"term {term!r} has no letters or digits"
        elif seen.setdefault((concept, compiled), number) != number:
            problem = f"duplicate term {term!r} in [{concept}] (same as line {seen[(concept, compiled)]})"
        if problem:
            errors.append(LintError(name, number, problem))
    return sorted(errors, key=lambda e: e.line)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")  # as the loader reads it: a BOM is not skipped
    except FileNotFoundError:
        raise UserError(f"{path}: phrase list not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read phrase list ({exc.__class__.__name__})") from None


def _prefix_problem(raw: str) -> str | None:
    line = raw.strip()
    if not line or line.startswith(COMMENT) or any(line.startswith(p) for p, _ in PREFIXES):
        return None
    lookalike = _PREFIX_LOOKALIKE.match(line)
    if lookalike:
        return f"unknown line prefix {lookalike.group()!r}: a pattern line starts with 're:'"
    if line[0] in UNKNOWN_PREFIX_MARKS or unicodedata.category(line[0]) == FORMAT_CHARACTER:
        return f"unknown line prefix {line[0]!r}: the prefixes are {_KNOWN}, and {COMMENT!r} starts a comment"
    return None


def _entry_problem(kind: str, entry: str) -> str | None:
    if not entry:
        prefix = dict((k, p) for p, k in PREFIXES).get(kind, "")
        return f"empty {prefix!r} entry"
    if kind == PATTERN:
        try:
            re.compile(entry, PATTERN_FLAGS)
        except re.error as exc:
            return f"invalid regular expression {entry!r}: {exc.msg} at position {exc.pos}"
    elif not entry_key(kind, entry):
        return f"{LABELS[kind]} {entry!r} is empty once case, punctuation and spacing are ignored"
    return None


def _lint_one(path: Path, state: _State) -> list[LintError]:
    name = str(path)
    errors: list[LintError] = []
    seen: dict[tuple[str, str], _Seen] = {}
    for number, raw in enumerate(_read(path).splitlines(), 1):
        found = split_entry(raw)
        if found is None:
            continue
        kind, entry = found
        problem = _prefix_problem(raw) or _entry_problem(kind, entry)
        if problem:
            errors.append(LintError(name, number, problem))
            continue
        here = _Seen(entry, name, number)
        first = seen.setdefault((kind, entry_key(kind, entry)), here)
        if first is not here:
            twice = "; the cue count takes them as two cues" if kind == CUES and first.entry != entry else ""
            same = f"same as {first.entry!r} at line {first.line}{twice}"
            message = f"duplicate {LABELS[kind]} {entry!r} ({same})"
            errors.append(LintError(name, number, message))
            continue
        errors += _across_files(state, kind, here)
    return errors


def _across_files(state: _State, kind: str, here: _Seen) -> list[LintError]:
    """Cue spellings and conflicting kinds against every file linted so far (this one included)."""
    errors: list[LintError] = []
    if kind == CUES:
        first = state.cues.setdefault(entry_key(kind, here.entry), here)
        if first.path != here.path and first.entry != here.entry:
            message = (
                f"cue {here.entry!r} has the same key as cue {first.entry!r} ({first.where(here.path)});"
                " the cue count takes them as two cues"
            )
            errors.append(LintError(here.path, here.line, message))
    text = key(here.entry)
    if kind in (STRONG, WEAK, FUZZY) and text:
        kinds = state.kinds.setdefault(text, {})
        for other_kind, other in kinds.items():
            reason = CONFLICTS.get(frozenset({kind, other_kind}))
            if reason:
                message = (
                    f"{LABELS[kind]} {here.entry!r} conflicts with {LABELS[other_kind]} {other.entry!r}"
                    f" ({other.where(here.path)}): {reason}"
                )
                errors.append(LintError(here.path, here.line, message))
        kinds.setdefault(kind, here)
    return errors
