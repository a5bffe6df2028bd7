"""The shipped entity dictionary as data: every record valid, no name shared by two entities,
and the heads of state and government (leaders.toml) with their native-script names."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from repair.resources.dictionary import (
    Entity,
    load_file,
    merge,
    raw_records,
    shipped_dictionary_files,
    validate_record,
)
from repair.resources.transliteration import fold, script_of

LEADERS = "leaders.toml"
# Scripts of the native names that validate_record does not check (it checks ORIGINAL_SCRIPTS'
# languages: zh, ja, ko, ru, uk, be, bg, kk, sr, ar, he, ps, ur, el, hy, ka, hi).
OTHER_SCRIPTS = {
    "th": "Thai",
    "km": "Khmer",
    "my": "Myanmar",
    "bn": "Bengali",
    "ne": "Devanagari",
    "am": "Ethiopic",
    "mn": "Cyrillic",
    "mk": "Cyrillic",
    "ky": "Cyrillic",
    "tg": "Cyrillic",
}
# A sample of heads of state or government whose language has a non-Latin script, with the
# language of the name that record must carry and that name's script.
NATIVE_NAMES = {
    "kishida": ("ja", "Han"),
    "naruhito": ("ja", "Han"),
    "yoon": ("ko", "Hangul"),
    "kim_min_seok": ("ko", "Hangul"),
    "cho_jung_tai": ("zh", "Han"),
    "tsai_ing_wen": ("zh", "Han"),
    "turchin": ("ru", "Cyrillic"),
    "vucic": ("sr", "Cyrillic"),
    "radev": ("bg", "Cyrillic"),
    "bektenov": ("kk", "Cyrillic"),
    "mitsotakis": ("el", "Greek"),
    "kobakhidze": ("ka", "Georgian"),
    "khachaturyan": ("hy", "Armenian"),
    "bennett": ("he", "Hebrew"),
    "tebboune": ("ar", "Arabic"),
    "zardari": ("ur", "Arabic"),
    "murmu": ("hi", "Devanagari"),
    "vajiralongkorn": ("th", "Thai"),
    "hun_manet": ("km", "Khmer"),
    "min_aung_hlaing": ("my", "Myanmar"),
    "yunus": ("bn", "Bengali"),
    "abiy": ("am", "Ethiopic"),
    "khurelsukh": ("mn", "Cyrillic"),
}
MIN_LEADERS = 200  # heads of state and government of ~200 countries, with some predecessors


def _shipped_path(name: str) -> Path:
    return next(p for p in shipped_dictionary_files() if p.name == name)


@pytest.fixture(scope="module")
def leaders() -> dict[str, Entity]:
    return {e.id: e for e in load_file(_shipped_path(LEADERS))}


@pytest.mark.parametrize("path", shipped_dictionary_files(), ids=lambda p: p.name)
def test_every_shipped_record_validates(path):
    records, lines = raw_records(path)
    pairs = zip(records, lines, strict=True)
    problems = [(line, p) for record, line in pairs for p in validate_record(record)]
    assert records and problems == []


def test_no_id_is_in_two_files():
    files_of: dict[str, list[str]] = defaultdict(list)
    for path in shipped_dictionary_files():
        for entity in load_file(path):
            files_of[entity.id].append(path.name)
    assert {i: f for i, f in files_of.items() if len(f) > 1} == {}


def test_no_name_in_a_language_belongs_to_two_entities():
    """Loading merges records that share a name in a language: two shipped entities must not."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in shipped_dictionary_files():
        for entity in load_file(path):
            for lang, name in entity.names.items():
                owners[(lang.split("-")[0], fold(name))].add(entity.id)
    assert {k: sorted(v) for k, v in owners.items() if len(v) > 1} == {}


def test_merging_the_shipped_files_keeps_every_leader():
    merged = {e.id for e in merge([load_file(p) for p in shipped_dictionary_files()])}
    assert {e.id for e in load_file(_shipped_path(LEADERS))} <= merged


def test_leaders_are_people_with_a_dated_office(leaders):
    assert len(leaders) >= MIN_LEADERS
    assert {e.type for e in leaders.values()} == {"person"}
    assert all(e.description and e.context for e in leaders.values())
    undated = [e.id for e in leaders.values() if not any(c.isdigit() for c in e.description)]
    assert undated == []  # "since YEAR", "YEAR–YEAR": the reader can tell a predecessor


@pytest.mark.parametrize("rid", sorted(NATIVE_NAMES))
def test_leaders_of_non_latin_script_countries_carry_native_names(leaders, rid):
    lang, script = NATIVE_NAMES[rid]
    assert script_of(leaders[rid].names[lang]) == script


def test_native_names_outside_the_linted_languages_are_in_their_script(leaders):
    wrong = [
        (e.id, lang, name)
        for e in leaders.values()
        for lang, name in e.names.items()
        if lang in OTHER_SCRIPTS and script_of(name) != OTHER_SCRIPTS[lang]
    ]
    assert wrong == []


def test_a_misplaced_native_name_fails_the_script_checks():
    """The checks above can fail: a Latin name under ko, a Cyrillic one under th."""
    record = {"id": "x", "type": "person", "names": {"en": "Yoon Suk Yeol", "ko": "Yoon Suk Yeol"}}
    assert any("Hangul" in p for p in validate_record(record))
    assert script_of("Анутин") != OTHER_SCRIPTS["th"]


# A name read through another script, as MT from a Chinese, Japanese or Russian source writes it,
# and the leader whose native-script name the index reads that way.
READINGS = [
    ("Xiyue", "yoon", "Mandarin reading of 尹锡悦"),  # 尹锡悦 (Yoon Suk Yeol) read in Mandarin
    ("Xiong", "kishida", "Mandarin reading of 岸田文雄"),  # 岸田文雄 (Fumio Kishida): An Tian Wen Xiong
    ("Vaagn", "khachaturyan", "wikipedia romanisation of Ваагн Хачатурян"),  # Vahagn Khachaturyan
]


@pytest.mark.parametrize(("token", "rid", "note"), READINGS)
def test_the_index_reads_leaders_native_names(index, token, rid, note):
    from repair.resources.entity_index import READING

    readings = [ref for ref, _ in index.token_refs(token) if ref.kind == READING]
    assert rid in {index.entities[ref.entity].id for ref in readings}
    assert note in {ref.note for ref in readings}


def test_check_repairs_a_leader_name_read_in_mandarin(cli, tmp_path):
    text = tmp_path / "korea.txt"
    text.write_text("Former South Korean president Yin Xiyue was sentenced on Monday.\n", encoding="utf-8")
    result = cli("check", "--lang", "en", str(text))
    assert "Yoon Suk Yeol" in result.out and "ENT001" in result.out
