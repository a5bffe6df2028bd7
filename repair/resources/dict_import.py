"""`mt-repair dict`: lint dictionaries, import CSV/JSON name lists into the TOML format."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from repair.errors import UserError
from repair.resources.dictionary import LANGUAGE_TAG, json_records, read_list, validate_record

_LIST_SPLIT = re.compile(r"\s*[|;]\s*")
RECORD_COLUMNS = frozenset({"id", "type", "variants", "deprecated", "description", "context"})


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return slug or "entity"


def _csv_records(text: str, path: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise UserError(f"{path}:1: empty CSV, expected a header row")
    records = []
    for row in reader:
        if None in row:
            raise UserError(f"{path}:{reader.line_num}: more fields than header columns (quote commas)")
        names = {
            k: v.strip()
            for k, v in row.items()
            if k not in RECORD_COLUMNS and LANGUAGE_TAG.match(k) and v and v.strip()
        }
        record: dict[str, Any] = {
            "id": (row.get("id") or "").strip() or _slug(next(iter(names.values()), "")),
            "type": (row.get("type") or "person").strip(),
            "names": names,
        }
        for key in ("variants", "context"):
            if row.get(key):
                record[key] = [v for v in _LIST_SPLIT.split(row[key].strip()) if v]
        if row.get("description"):
            record["description"] = row["description"].strip()
        records.append(record)
    return records


def read_records(path: Path) -> list[dict[str, Any]]:
    """Records from a CSV file or a JSON list, validated; errors name file and record line."""
    text = read_list(path, "no such file", "cannot read")
    if path.suffix.lower() == ".csv":
        records = _csv_records(text, str(path))
        first_line = 2
    else:
        records = json_records(text, path)
        first_line = 0
    for number, record in enumerate(records):
        problems = validate_record(record)
        if problems:
            where = f"{path}:{first_line + number}" if first_line else f"{path}: record {number + 1}"
            raise UserError(f"{where}: {problems[0]}")
    return records


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(_toml_string(v) for v in values) + "]"


def to_toml(records: list[dict[str, Any]]) -> str:
    """Render records in the shipped dictionary format (one [[entity]] table each)."""
    out = []
    for record in records:
        lines = ["[[entity]]", f"id = {_toml_string(record['id'])}", f"type = {_toml_string(record['type'])}"]
        names = ", ".join(f"{k} = {_toml_string(v)}" for k, v in record["names"].items())
        lines.append(f"names = {{ {names} }}")
        if record.get("variants"):
            lines.append(f"variants = {_toml_list(record['variants'])}")
        for key in ("exonyms", "deprecated"):
            if record.get(key):
                forms = ", ".join(f"{k} = {_toml_list(v)}" for k, v in record[key].items())
                lines.append(f"{key} = {{ {forms} }}")
        if record.get("description"):
            lines.append(f"description = {_toml_string(record['description'])}")
        if record.get("context"):
            lines.append(f"context = {_toml_list(record['context'])}")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"
