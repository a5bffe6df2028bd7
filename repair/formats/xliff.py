"""XLIFF 1.2 and 2.x: each `<target>` of a translation unit (1.2 `<trans-unit>`, 2.x `<segment>`)
is a segment, with its unit's `<source>` as source text; inline tags (`<g>`, `<x/>`, `<ph>`,
`<bpt>`, `<pc>`, `<mrk>`...) and character references are markup, and the native code inside
`<ph>`, `<bpt>`, `<ept>`, `<it>` is never shown to the detectors.

The standard library's XML parser checks the file is well-formed and reads the languages; a
tokenizer over the raw text, driven by the element structure, gives the exact offsets.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

from repair.errors import UserError
from repair.formats.layout import Layout, Segment, masked_view, placeholder_masks, reference_shown

_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^<>]|<[^>]*>)*>"
    r"|<(?P<close>/)?(?P<name>[\w:.-]+)(?P<attrs>(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?)(?P<empty>/)?>"
    r"|&(?:#\d+|#x[0-9a-fA-F]+|\w+);",
    re.S,
)
_ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
UNIT_ELEMENTS = frozenset({"trans-unit", "segment"})  # 1.2 and 2.x: where a source and its target meet
CODE_ELEMENTS = frozenset({"ph", "bpt", "ept", "it"})  # 1.2: native code inside, never text to check
SKIPPED_ELEMENTS = frozenset({"alt-trans", "ignorable", "note", "notes"})  # not the unit's translation


def escape(text: str) -> str:
    """Text as XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


@dataclass
class _Element:
    """An open element while scanning: its name, attributes and, for a source or target, content."""

    name: str
    attrs: dict[str, str]
    start: int = 0  # where the content begins
    masks: list[tuple[int, int, str]] = field(default_factory=list)
    code_from: int | None = None  # inside a code element: where it began


def _attributes(raw: str) -> dict[str, str]:
    return {
        _local(m.group(1)): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
        for m in _ATTRIBUTE.finditer(raw)
    }


def validate(text: str, path: str) -> tuple[str | None, str | None]:
    """The (source, target) languages the file declares, as the XML parser reads them: the
    library's check that it is a well-formed XLIFF file (a UserError when not), made once per
    text; the tokenizer of `parse` refuses a tag it cannot pair."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise UserError(f"{path}: not well-formed XML ({exc})") from None
    if _local(root.tag.rsplit("}", 1)[-1]) != "xliff":
        raise UserError(f"{path}: not an XLIFF file (its root element is <{root.tag}>)")
    if root.get("srcLang") or root.get("trgLang"):  # 2.x
        return root.get("srcLang"), root.get("trgLang")
    file = next((e for e in root if e.tag.rsplit("}", 1)[-1] == "file"), None)
    if file is None:
        return None, None
    return file.get("source-language"), file.get("target-language")


def parse(text: str, path: str) -> Layout:
    """The layout of an XLIFF 1.2 or 2.x file."""
    source_language, target_language = validate(text, path)
    segments: list[Segment] = []
    stack: list[_Element] = []
    unit_source: str | None = None
    unit_id: str | None = None
    holder: _Element | None = None  # the open <source> or <target> of a unit
    for match in _TOKEN.finditer(text):
        token = match.group()
        if match.group("name") is None:  # comment, CDATA, PI, DOCTYPE or a character reference
            if holder is not None:
                shown = reference_shown(token) if token.startswith("&") else ""
                holder.masks.append((match.start(), match.end(), shown))
            continue
        name = _local(match.group("name"))
        if match.group("close"):
            element = stack.pop() if stack else None
            if element is None or element.name != name:
                raise UserError(f"{path}: not well-formed XML (</{name}> at offset {match.start()})")
            if element is holder:
                element.masks += placeholder_masks(text, element.start, match.start())
                content = (element.start, match.start(), element.masks)
                if name == "source":
                    unit_source = " ".join(masked_view(text, *content).split())
                else:
                    view = masked_view(text, *content)
                    if view.strip():
                        segments.append(Segment(element.start, match.start(), view, unit_source, unit_id))
                holder = None
            elif holder is not None and element.code_from is not None:
                holder.masks.append((element.code_from, match.end(), ""))
            elif holder is not None:
                holder.masks.append((match.start(), match.end(), ""))
            continue
        attrs = _attributes(match.group("attrs") or "")
        if holder is not None:
            inside_code = any(e.code_from is not None for e in stack)
            if match.group("empty"):
                if not inside_code:
                    holder.masks.append((match.start(), match.end(), ""))
                continue
            element = _Element(name, attrs)
            if name in CODE_ELEMENTS and not inside_code:
                element.code_from = match.start()
            elif not inside_code:
                holder.masks.append((match.start(), match.end(), ""))
            stack.append(element)
            continue
        if match.group("empty"):
            continue
        element = _Element(name, attrs, start=match.end())
        parent = stack[-1].name if stack else None
        skipped = any(e.name in SKIPPED_ELEMENTS or e.attrs.get("translate") == "no" for e in stack)
        if name in ("trans-unit", "unit"):
            unit_id, unit_source = attrs.get("id"), None
        elif name == "segment":
            unit_source = None
        if name in ("source", "target") and parent in UNIT_ELEMENTS and not skipped:
            holder = element
        stack.append(element)
    if stack:
        raise UserError(f"{path}: not well-formed XML (<{stack[-1].name}> is never closed)")
    return Layout(
        "xliff",
        text,
        tuple(segments),
        units=True,
        escape=escape,
        source_language=source_language,
        target_language=target_language,
    )
