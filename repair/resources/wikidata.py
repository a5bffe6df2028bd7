"""Dictionary records from Wikidata entity JSON: `mt-repair dict import wikidata FILE`.

Reads a dump (one entity per line, with or without the dump's `[`/`,` framing), a single
entity document or `{"entities": {...}}` (Special:EntityData), or the JSON of the SPARQL
endpoint (`results.bindings`: an `item` URI, language-tagged literals, an optional `type`
URI for P31). Labels of the repaired languages (en, fr, es, fa) and native-script labels
become `names`, labels of other languages `exonyms`, aliases of the repaired languages
`variants`; P31 gives the type. Nothing is downloaded: the file is read as given.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from repair.errors import UserError
from repair.resources.dictionary import LANGUAGE_TAG, read_list, validate_record
from repair.resources.transliteration import ORIGINAL_SCRIPTS

REPAIRED = ("en", "fr", "es", "fa")  # languages whose labels are canonical names and aliases variants
# P31 (instance of) -> record type; other classes give "other"
TYPES = {
    "Q5": "person",
    "Q6256": "place",  # country
    "Q3624078": "place",  # sovereign state
    "Q515": "place",  # city
    "Q1549591": "place",  # big city
    "Q5119": "place",  # capital
    "Q486972": "place",  # human settlement
    "Q35657": "place",  # U.S. state
    "Q43229": "org",  # organisation
    "Q484652": "org",  # international organisation
    "Q7278": "org",  # political party
    "Q4830453": "org",  # business
    "Q327333": "org",  # government agency
}
_ENTITY_URI = re.compile(r"/entity/(Q\d+)$")
_PERSIAN = str.maketrans({"ي": "ی", "ك": "ک"})  # Arabic yeh and kaf as Persian writes them


def _entities(text: str, path: Path) -> list[dict[str, Any]]:
    """Entity documents from any of the accepted shapes."""
    stripped = text.strip()
    try:
        data = json.loads(stripped) if stripped else []
    except json.JSONDecodeError:
        data = None
    if isinstance(data, dict) and "results" in data:
        return _from_sparql(data, path)
    if isinstance(data, dict) and isinstance(data.get("entities"), dict):
        return list(data["entities"].values())
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list):
        return data
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip().rstrip(",")
        if line in ("", "[", "]"):
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise UserError(f"{path}:{number}: invalid JSON: {exc.msg}") from None
    return out


def _from_sparql(data: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    """SPARQL bindings grouped by item into entity-like documents."""
    bindings = data.get("results", {}).get("bindings")
    if not isinstance(bindings, list):
        raise UserError(f"{path}:1: SPARQL JSON without results.bindings")
    items: dict[str, dict[str, Any]] = {}
    for row in bindings:
        uri = (row.get("item") or {}).get("value", "")
        match = _ENTITY_URI.search(uri)
        if not match:
            continue
        item = items.setdefault(match[1], {"id": match[1], "labels": {}, "aliases": {}, "types": []})
        for var, cell in row.items():
            lang = cell.get("xml:lang")
            if var == "item" or cell.get("type") not in ("literal", "uri"):
                continue
            if cell["type"] == "uri":
                found = _ENTITY_URI.search(cell.get("value", ""))
                if found and var in ("type", "instance", "p31"):
                    item["types"].append(found[1])
            elif lang and var.lower().endswith(("altlabel", "alias")):
                item["aliases"].setdefault(lang, []).append({"value": cell["value"]})
            elif lang and var.lower().endswith("description"):
                item.setdefault("descriptions", {})[lang] = {"value": cell["value"]}
            elif lang:
                item["labels"].setdefault(lang, {"value": cell["value"]})
    return list(items.values())


def _types(entity: dict[str, Any]) -> list[str]:
    if "types" in entity:
        return list(entity["types"])
    out = []
    for claim in entity.get("claims", {}).get("P31", []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value", {})
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            out.append(value["id"])
    return out


def _value(cell: Any) -> str:
    return " ".join(cell.get("value", "").split()) if isinstance(cell, dict) else ""


def _fits(lang: str, name: str) -> bool:
    """A name the dictionary's rules accept for the language (tag shape, script)."""
    record = {"id": "x", "type": "other", "names": {lang: name}}
    return bool(LANGUAGE_TAG.match(lang)) and not validate_record(record)


def to_record(entity: dict[str, Any]) -> dict[str, Any] | None:
    """One dictionary record for a Wikidata entity (None without an English or any label)."""
    qid = entity.get("id")
    if not isinstance(qid, str) or not re.fullmatch(r"Q\d+", qid):
        return None
    names: dict[str, str] = {}
    exonyms: dict[str, list[str]] = {}
    for lang, cell in sorted(entity.get("labels", {}).items()):
        name = _value(cell)
        if lang.split("-")[0] == "fa":
            name = name.translate(_PERSIAN)
        if not name or not _fits(lang, name):
            continue
        base = lang.split("-")[0]
        if base in REPAIRED or (base in ORIGINAL_SCRIPTS and lang == base):
            names.setdefault(lang, name)
        elif "-" not in lang:
            exonyms[lang] = [name]
    if not names:
        return None
    known = set(names.values())
    variants = []
    for lang in REPAIRED:
        for cell in entity.get("aliases", {}).get(lang, []):
            alias = _value(cell)
            if lang == "fa":
                alias = alias.translate(_PERSIAN)
            if alias and alias not in known and alias not in variants:
                variants.append(alias)
    kind = next((TYPES[t] for t in _types(entity) if t in TYPES), "other")
    record: dict[str, Any] = {"id": qid.lower(), "type": kind, "names": names}
    if variants:
        record["variants"] = variants
    exonyms = {k: v for k, v in exonyms.items() if v[0] not in known}
    if exonyms:
        record["exonyms"] = exonyms
    description = _value(entity.get("descriptions", {}).get("en"))
    record["description"] = f"{description} (Wikidata {qid})" if description else f"Wikidata {qid}"
    return record


def read_wikidata(path: Path) -> list[dict[str, Any]]:
    """Dictionary records, sorted by id, for the entities of a Wikidata JSON file."""
    text = read_list(path, "no such file", "cannot read")
    records = [r for e in _entities(text, path) if isinstance(e, dict) and (r := to_record(e))]
    if not records:
        raise UserError(f"{path}: no Wikidata entity with a label")
    return sorted({r["id"]: r for r in records}.values(), key=lambda r: r["id"])
