"""`mt-repair dict import wikidata FILE`: dump lines, dump framing, SPARQL JSON; errors exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from repair.resources.dictionary import load_file

MERZ = {
    "id": "Q56052",
    "type": "item",
    "labels": {
        "en": {"language": "en", "value": "Friedrich Merz"},
        "fr": {"language": "fr", "value": "Friedrich Merz"},
        "fa": {"language": "fa", "value": "فريدريش مرتس"},  # Arabic yeh: written Persian-style
        "ru": {"language": "ru", "value": "Фридрих Мерц"},
        "zh": {"language": "zh", "value": "Friedrich Merz"},  # not Han: no native name
    },
    "aliases": {"en": [{"language": "en", "value": "Joachim-Friedrich Martin Josef Merz"}]},
    "descriptions": {"en": {"language": "en", "value": "Chancellor of Germany"}},
    "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"entity-type": "item", "id": "Q5"}}}}]},
}
MILAN = {
    "id": "Q490",
    "labels": {
        "en": {"language": "en", "value": "Milan"},
        "de": {"language": "de", "value": "Mailand"},
        "it": {"language": "it", "value": "Milano"},
    },
    "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": "Q515"}}}}]},
}


def _import(cli, path: Path) -> dict:
    result = cli("dict", "import", "wikidata", path)
    assert result.code == 0, result.err
    out = path.with_suffix(".toml")
    out.write_text(result.out, encoding="utf-8")
    return {e.id: e for e in load_file(out)}


def test_dump_lines_give_records_with_type_names_and_exonyms(cli, tmp_path: Path) -> None:
    dump = tmp_path / "dump.json"
    dump.write_text(
        "\n".join(json.dumps(e, ensure_ascii=False) for e in (MERZ, MILAN)) + "\n", encoding="utf-8"
    )
    entities = _import(cli, dump)
    merz, milan = entities["q56052"], entities["q490"]
    assert merz.type == "person" and milan.type == "place"
    assert merz.names["ru"] == "Фридрих Мерц" and "zh" not in merz.names
    assert merz.names["fa"] == "فریدریش مرتس"
    assert merz.variants == ("Joachim-Friedrich Martin Josef Merz",)
    assert "Chancellor of Germany" in merz.description
    assert milan.exonyms == {"de": ("Mailand",), "it": ("Milano",)}


def test_dump_framing_and_lint_clean(cli, tmp_path: Path) -> None:
    dump = tmp_path / "framed.json"
    lines = ["[", json.dumps(MILAN) + ",", json.dumps(MERZ, ensure_ascii=False), "]"]
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("dict", "import", "wikidata", dump, "-o", tmp_path / "out.toml")
    assert result.code == 0, result.err
    assert cli("dict", "lint", tmp_path / "out.toml").code == 0
    assert [e.id for e in load_file(tmp_path / "out.toml")] == ["q490", "q56052"]


def test_sparql_json(cli, tmp_path: Path) -> None:
    def literal(value: str, lang: str) -> dict:
        return {"xml:lang": lang, "type": "literal", "value": value}

    item = {"type": "uri", "value": "http://www.wikidata.org/entity/Q270"}
    rows = [
        {
            "item": item,
            "itemLabel": literal("Warsaw", "en"),
            "type": {"type": "uri", "value": "http://www.wikidata.org/entity/Q515"},
        },
        {"item": item, "itemLabel": literal("Varsovie", "fr")},
        {"item": item, "itemLabel": literal("Warschau", "de")},
        {"item": item, "altLabel": literal("Warszawa", "en")},
    ]
    path = tmp_path / "query.json"
    path.write_text(json.dumps({"head": {"vars": ["item"]}, "results": {"bindings": rows}}), encoding="utf-8")
    warsaw = _import(cli, path)["q270"]
    assert warsaw.type == "place" and warsaw.names == {"en": "Warsaw", "fr": "Varsovie"}
    assert warsaw.exonyms == {"de": ("Warschau",)} and warsaw.variants == ("Warszawa",)


def test_bad_input_is_a_one_line_error(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "Q1",\nnot json\n', encoding="utf-8")
    for path in (bad, tmp_path / "missing.json"):
        result = cli("dict", "import", "wikidata", path)
        assert result.code == 2 and result.err.count("\n") == 1, result.err
    empty = tmp_path / "empty.json"
    empty.write_text("[]\n", encoding="utf-8")
    assert cli("dict", "import", "wikidata", empty).code == 2
    assert cli("dict", "import", "wikipedia", empty).code == 2
