"""ftfy limited to encoding repairs, and a screen that tells which lines ftfy could change
without importing it (ftfy's import is 0.08-0.12 s, a sixth of a one-page check).

With `fixer_config()`, ftfy's `fix_and_explain` changes a line only when it holds "&" (HTML
entities), ESC (terminal escapes), a C1 control or a surrogate, or when ftfy's mojibake
heuristic (`ftfy.badness.is_bad`) matches it: re-encoding is tried only then. That heuristic is
one regular expression, an alternation of character sequences. From each branch the screen
keeps a *trigger* that every match of the branch holds: one of its characters, or two of them
side by side. A line holding no trigger cannot match, so ftfy would return it unchanged.

The triggers are derived from ftfy's own expression, parsed by the standard library's
regular-expression parser, once per ftfy version, and kept as a JSON cache. A branch whose
every character is optional, unknown or of a broad class (\\w, \\s) leaves no trigger, and
then the screen passes every line, as does a configuration that turns on a repair the screen
does not account for.
"""

from __future__ import annotations

import importlib
import json
import re
import zlib
from functools import cache
from typing import Any, NamedTuple

from repair.resources import cache as cache_files
from repair.resources.versions import installed_version

# The repairs ENC001 turns off (ftfy's defaults): they change text that is not mojibake.
REPAIRS_OFF: dict[str, Any] = {
    "fix_latin_ligatures": False,
    "fix_character_width": False,
    "uncurl_quotes": False,
    "fix_line_breaks": False,
    "remove_control_chars": False,
    "normalization": None,
}
# The repairs left on, each with the signs it needs in a line, as code-point ranges: fix_encoding
# and its steps run only where `is_bad` matches, which the triggers screen.
SCREENED_REPAIRS: dict[str, tuple[tuple[str, str], ...]] = {
    "unescape_html": (("&", "&"),),  # an HTML entity starts with "&"
    "remove_terminal_escapes": (("\x1b", "\x1b"),),  # a terminal escape starts with ESC
    "fix_encoding": (),  # gated by is_bad: the triggers
    "restore_byte_a0": (),  # a step of fix_encoding
    "replace_lossy_sequences": (),  # a step of fix_encoding
    "decode_inconsistent_utf8": (),  # a step of fix_encoding
    "fix_c1_controls": (("\x80", "\x9f"),),  # C1 controls
    "fix_surrogates": (("\ud800", "\udfff"),),  # lone or paired surrogates
}
TEXT_NEUTRAL_SETTINGS = ("max_decode_length", "explain")  # settings that change no text
SCREEN_KIND = "ftfy-screen"
SCREEN_VERSION = 2  # bump when the derivation or the stored layout changes
NEGATED_CLASS_SIZE = 1 << 16  # a class written as "[^...]" is counted as matching this many characters


@cache
def fixer_config() -> Any:
    """ftfy's configuration limited to encoding repairs (no quote, width or NFC changes)."""
    from ftfy import TextFixerConfig

    return TextFixerConfig(**REPAIRS_OFF)


def _configuration() -> list[list[Any]]:
    """What the stored triggers were derived for: the repairs turned off and those screened
    (a cache derived for another configuration is derived again, and its check run again)."""
    return [[name, REPAIRS_OFF[name]] for name in sorted(REPAIRS_OFF)] + [sorted(SCREENED_REPAIRS)]


class Trigger(NamedTuple):
    """A character of `first`, followed (when `second` is not None) by a character of `second`,
    or by any character outside it when `negated` (a named tuple: this module is imported on
    every check, and a frozen dataclass costs ~1 ms to create)."""

    first: str
    second: str | None = None
    negated: bool = False


class Screen:
    """Which lines ftfy could change: `may_change` is False only where it provably would not."""

    def __init__(self, triggers: tuple[Trigger, ...] | None) -> None:
        """`triggers` None: nothing was derived, and every line may change."""
        self.triggers = triggers
        singles = {
            chr(code)
            for ranges in SCREENED_REPAIRS.values()
            for low, high in ranges
            for code in range(ord(low), ord(high) + 1)
        }
        pairs: dict[str, list[int]] = {}  # first character -> the pair triggers it starts
        for number, trigger in enumerate(triggers or ()):
            if trigger.second is None:
                singles.update(trigger.first)
            else:
                for character in trigger.first:
                    pairs.setdefault(character, []).append(number)
        self._singles = frozenset(singles)
        self._triggers = tuple(triggers or ())
        self._pairs = {c: tuple(numbers) for c, numbers in pairs.items()}
        self._starts = frozenset(singles | set(pairs))
        self._completions: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}

    def _completing(self, character: str) -> tuple[frozenset[str], tuple[str, ...]]:
        """The characters that complete a pair trigger started by `character`, and the classes
        whose outside does (worked out on first need: a few characters per document)."""
        found = self._completions.get(character)
        if found is None:
            pairs = [self._triggers[n] for n in self._pairs.get(character, ())]
            followers = frozenset("".join(t.second or "" for t in pairs if not t.negated))
            outside = tuple(t.second or "" for t in pairs if t.negated)
            found = self._completions[character] = (followers, outside)
        return found

    def may_change(self, line: str) -> bool:
        """False when `line` holds none of the signs that any of ftfy's repairs needs."""
        if self.triggers is None:
            return True
        characters = set(line)  # one pass in C over the line
        present = self._starts & characters
        if not present:
            return False  # most clean lines end here
        if not self._singles.isdisjoint(present):
            return True
        for character in present:
            followers, outside = self._completing(character)
            if not outside and followers.isdisjoint(characters):
                continue  # nothing in the line could complete a pair that this character starts
            at = line.find(character)  # each occurrence, found in C
            while at != -1:
                following = line[at + 1 : at + 2]
                if following and (following in followers or any(following not in c for c in outside)):
                    return True
                at = line.find(character, at + 1)
        return False


@cache
def screen() -> Screen:
    """The screen for the installed ftfy: read from the cache folder, else derived (importing
    ftfy) and stored. Nothing derived (an unreadable expression, an unscreened repair turned on)
    gives a screen that passes every line."""
    version = installed_version("ftfy", "ftfy")
    folder = cache_files.cache_dir()
    path = folder / f"{SCREEN_KIND}-{version}.json" if folder and version else None
    if path is not None:
        stored = cache_files.read_json(path, SCREEN_KIND, SCREEN_VERSION)
        if isinstance(stored, dict) and stored.get("configuration") == _configuration():
            if stored.get("triggers") is None and stored.get("checksum") == _checksum(None):
                return Screen(None)
            triggers = _stored_triggers(stored)
            if triggers is not None:
                return Screen(triggers)
    triggers = derive_triggers()
    if path is not None:
        rows = None if triggers is None else [[t.first, t.second, t.negated] for t in triggers]
        data = {"configuration": _configuration(), "triggers": rows, "checksum": _checksum(rows)}
        cache_files.write_json(path, SCREEN_KIND, SCREEN_VERSION, data, f"{SCREEN_KIND}-")
    return Screen(triggers)


def _checksum(rows: Any) -> int:
    """A CRC-32 of the stored rows: a file cut or changed inside them is derived again."""
    return zlib.crc32(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _stored_triggers(stored: dict[str, Any]) -> tuple[Trigger, ...] | None:
    """The triggers of a cache document, or None when it is not one this version wrote whole."""
    rows = stored.get("triggers")
    if not isinstance(rows, list) or not rows or stored.get("checksum") != _checksum(rows):
        return None
    triggers = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 3):
            return None
        first, second, negated = row
        if not (isinstance(first, str) and first and isinstance(negated, bool)):
            return None
        if not (second is None or isinstance(second, str)) or (second is None and negated):
            return None
        triggers.append(Trigger(first, second, negated))
    return tuple(triggers)


def derive_triggers() -> tuple[Trigger, ...] | None:
    """One trigger per branch of ftfy's mojibake expression, or None when the configuration turns
    on a repair the screen does not account for or a branch leaves no trigger."""
    config = fixer_config()
    for name in config._fields:
        value = getattr(config, name)
        if name not in SCREENED_REPAIRS and name not in TEXT_NEUTRAL_SETTINGS and value not in (False, None):
            return None
    from ftfy.badness import BADNESS_RE

    return triggers_of(BADNESS_RE)


def triggers_of(expression: re.Pattern[str]) -> tuple[Trigger, ...] | None:
    """A trigger for each branch of `expression` (its top-level alternation), or None when a
    branch has none or the expression is not one this derivation can read."""
    if expression.flags & (re.IGNORECASE | re.LOCALE):
        return None  # a literal would match other cases too
    try:  # the standard library's parser (private, hence imported by name, and any failure tolerated)
        constants = importlib.import_module("re._constants")
        parser = importlib.import_module("re._parser")
        parsed = list(parser.parse(expression.pattern, expression.flags))
        branches = [parsed]
        if len(parsed) == 1 and parsed[0][0] is constants.BRANCH:
            branches = [list(branch) for branch in parsed[0][1][1]]
    except (ImportError, re.error, AttributeError, TypeError, ValueError, IndexError):
        return None
    triggers = []
    for items in branches:
        trigger = _branch_trigger(items, constants)
        if trigger is None:
            return None
        triggers.append(trigger)
    return tuple(triggers)


def _branch_trigger(items: list[tuple[Any, Any]], constants: Any) -> Trigger | None:
    """The rarest trigger every match of one branch holds. Two adjacent characters (items that
    match exactly one character each) come before any single one, since a pair is rarer than
    either of its characters; then the smaller classes win."""
    classes = [_one_character(item, constants) for item in items]
    best: tuple[tuple[int, int], Trigger] | None = None
    for k, current in enumerate(classes):
        if current is None or current[1]:
            continue  # only a positive class can start a trigger
        candidates = [((1, len(current[0])), Trigger(current[0]))]
        following = classes[k + 1] if k + 1 < len(classes) else None
        if following is not None:
            size = NEGATED_CLASS_SIZE if following[1] else len(following[0])
            candidates.append(((0, len(current[0]) * size), Trigger(current[0], following[0], following[1])))
        for candidate in candidates:
            if best is None or candidate[0] < best[0]:
                best = candidate
    return best[1] if best else None


def _one_character(item: tuple[Any, Any], constants: Any) -> tuple[str, bool] | None:
    """(characters, negated) of an item that matches exactly one character from a known set,
    else None (a repeat, a group, an anchor, a broad class such as \\w)."""
    op, argument = item
    if op is constants.LITERAL:
        return chr(argument), False
    if op is constants.NOT_LITERAL:
        return chr(argument), True
    if op is not constants.IN:
        return None
    negated = False
    characters: list[str] = []
    for member_op, member in argument:
        if member_op is constants.NEGATE:
            negated = True
        elif member_op is constants.LITERAL:
            characters.append(chr(member))
        elif member_op is constants.RANGE:
            characters.extend(chr(c) for c in range(member[0], member[1] + 1))
        else:
            return None  # a category: too broad to be worth a trigger, and unknown to us
    unique = "".join(sorted(set(characters)))
    return (unique, negated) if unique else None
