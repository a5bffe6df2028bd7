"""The shipped officials.toml (ministers, heads of international bodies, central bankers, envoys)
and organisations.toml (bodies, parties, armed groups, media, companies): well formed, with the
native-script names the script readings need, colliding with no other shipped record, and quiet
on their own correct spellings while their garbles are still found."""

from __future__ import annotations

from pathlib import Path

import pytest

from repair.context import Context
from repair.engine import analyse, make_document
from repair.model import Applicability
from repair.registry import selected
from repair.resources.dictionary import Entity, lint_file, load_file, shipped_dictionary_files
from repair.resources.transliteration import fold, script_of

OFFICIALS = "officials.toml"
ORGANISATIONS = "organisations.toml"
OWN_FILES = (OFFICIALS, ORGANISATIONS)
LOCALES = ("en", "fr", "es", "fa", "fa-AF")
MIN_OFFICIALS = 200  # the G20 and EU ministers alone are ~90; heads of bodies, envoys, etc. the rest
MIN_ORGANISATIONS = 150
SAID = {"en": "said on Monday.", "fr": "a déclaré lundi.", "es": "dijo el lunes.", "fa": "روز دوشنبه گفت."}

# A sample of people whose language is written in another script: the name in that script, as
# the readings (Mandarin for Han, romanisations for Cyrillic) are derived from it.
NATIVE_NAMES = {
    ("dong_jun", "zh"): "董军",
    ("pan_gongsheng", "zh"): "潘功胜",
    ("motegi", "ja"): "茂木 敏充",
    ("koizumi", "ja"): "小泉 進次郎",
    ("ueda", "ja"): "植田 和男",
    ("cho_hyun", "ko"): "조현",
    ("kim_yo_jong", "ko"): "김여정",
    ("nabiullina", "ru"): "Эльвира Набиуллина",
    ("ryabkov", "ru"): "Сергей Рябков",
    ("kuleba", "uk"): "Дмитро Кулеба",
    ("tsikhanouskaya", "be"): "Святлана Ціханоўская",
    ("georg_georgiev", "bg"): "Георг Георгиев",
    ("khalid_bin_salman", "ar"): "خالد بن سلمان",
    ("safadi", "ar"): "أيمن الصفدي",
    ("zamir", "he"): "אייל זמיר",
    ("dendias", "el"): "Νίκος Δένδιας",
    ("rajnath_singh", "hi"): "राजनाथ सिंह",
    ("mirzoyan", "hy"): "Արարատ Միրզոյան",
    ("ishaq_dar", "ur"): "اسحاق ڈار",
}


def own(name: str) -> list[Entity]:
    path = next(p for p in shipped_dictionary_files() if p.name == name)
    return load_file(path)


@pytest.fixture(scope="module")
def officials() -> list[Entity]:
    return own(OFFICIALS)


@pytest.fixture(scope="module")
def organisations() -> list[Entity]:
    return own(ORGANISATIONS)


@pytest.fixture(scope="module")
def others() -> list[Entity]:
    return [e for p in shipped_dictionary_files() if p.name not in OWN_FILES for e in load_file(p)]


def test_both_files_are_shipped_and_lint_clean():
    paths = {p.name: p for p in shipped_dictionary_files()}
    assert set(OWN_FILES) <= set(paths)
    for name in OWN_FILES:
        assert lint_file(paths[name]) == []


def test_sizes_and_types(officials, organisations):
    assert len(officials) >= MIN_OFFICIALS
    assert len(organisations) >= MIN_ORGANISATIONS
    assert {e.type for e in officials} == {"person"}
    assert {e.type for e in organisations} == {"org"}


def test_every_record_has_the_five_locales_and_a_description(officials, organisations):
    for entity in officials + organisations:
        assert all(entity.names.get(loc, "").strip() for loc in LOCALES), entity.id
        assert entity.description, entity.id


@pytest.mark.parametrize(("key", "native"), sorted(NATIVE_NAMES.items()))
def test_people_of_other_scripts_carry_their_native_name(officials, key, native):
    rid, lang = key
    entity = next(e for e in officials if e.id == rid)
    assert entity.names[lang] == native


def test_no_organisation_carries_a_han_name(organisations):
    """The Mandarin reading of an organisation's Han name is no spelling the press uses, and its
    syllables become known name words ('Dong' of 字节跳动 split 'Donggala' as glued words)."""
    assert [e.id for e in organisations if any(script_of(n) == "Han" for n in e.names.values())] == []


def test_no_id_collides_with_another_file(officials, organisations, others):
    mine = [e.id for e in officials + organisations]
    assert len(mine) == len(set(mine))
    assert set(mine).isdisjoint(e.id for e in others)


def test_no_spelling_collides_with_another_record(officials, organisations, others):
    """No (language, name) and no variant of these records is a spelling of another record in
    any shipped file: a shared spelling would make either entity ambiguous."""
    seen: dict[tuple[str, str], str] = {}
    for entity in others + officials + organisations:
        spellings = {(lang, fold(name)) for lang, name in entity.names.items()}
        spellings |= {("*", fold(v)) for v in entity.variants}
        for key in spellings:
            assert seen.setdefault(key, entity.id) == entity.id, (key, seen[key], entity.id)
    names = {fold(n) for e in others for n in e.names.values()}
    for entity in officials + organisations:
        assert names.isdisjoint(fold(v) for v in entity.variants), entity.id


def _ent_findings(context: Context, text: str, lang: str) -> list[tuple[str, str, str, Applicability]]:
    document = make_document(text, lang)
    return [
        (
            f.code,
            document.text[f.span.start : f.span.end],
            f.proposals[0].replacement,
            f.proposals[0].applicability,
        )
        for f in analyse(document, context, selected(["ENT"]))
    ]


@pytest.mark.parametrize("lang", ["en", "fr", "es", "fa", "fa-AF"])
def test_own_names_in_their_language_are_no_finding(context, officials, organisations, lang):
    verb = SAID[lang.split("-")[0]]
    text = "\n\n".join(f"{e.names[lang]} {verb}" for e in officials + organisations) + "\n"
    assert _ent_findings(context, text, lang) == []


def test_latin_variants_are_no_finding_in_some_language(context, officials, organisations):
    """Accepted variants (other romanisations, acronyms, names in other languages) are quiet in
    English, French or Spanish: each language's text leaves alone what is its own ("Asie" of
    the French name of ASEAN is a common word in French, a garble of "Asif" in English)."""
    variants = [v for e in officials + organisations for v in e.variants if script_of(v) == "Latin"]
    loud = set(variants)
    for lang in ("en", "fr", "es"):
        text = "\n\n".join(f"{v} {SAID[lang]}" for v in variants) + "\n"
        flagged = {f[1] for f in _ent_findings(context, text, lang)}
        loud &= {v for v in variants if any(part in flagged for part in [v, *v.split()])}
    assert variants and loud == set()


def test_persian_variants_are_no_finding(context, officials, organisations):
    variants = [v for e in officials + organisations for v in e.variants if script_of(v) == "Arabic"]
    text = "\n\n".join(f"{v} {SAID['fa']}" for v in variants) + "\n"
    assert variants and _ent_findings(context, text, "fa") == []


@pytest.mark.parametrize(
    ("lang", "text", "found", "replacement"),
    [
        ("en", "Central bank governor Elvira Nabiulina kept rates high.", "Nabiulina", "Nabiullina"),
        ("en", "The opposition leader Rahul Ghandi spoke in parliament.", "Ghandi", "Gandhi"),
        ("en", "Japan's foreign minister Toshimitsu Motegui met his counterpart.", "Motegui", "Motegi"),
        ("es", "El ministro de Defensa japonés, Shinjiro Koisumi, visitó la base.", "Koisumi", "Koizumi"),
        ("fa", "سخنگوی وزارت خارجه، اسماعیل بغائی، گفت.", "بغائی", "بقائی"),
        ("es", "El ministro de Defensa turco, Yasar Guller, visitó Ankara.", "Guller", "Güler"),
        ("en", "Elvira Nabioullina, the central bank governor, spoke.", "Nabioullina", "Nabiullina"),
    ],
)
def test_garbled_and_foreign_spellings_are_found(context, lang, text, found, replacement):
    findings = _ent_findings(context, text + "\n", lang)
    assert [(f[1], f[2], f[3]) for f in findings] == [(found, replacement, Applicability.SAFE)]


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        # A surname that is a common given name ("Amina J. Mohammed") made every "Mohammed" a
        # native word and hid the French spelling of Mohammed bin Salman: no record may do so.
        ("es", "El príncipe heredero Mohammed ben Salmane llegó a Washington.", "Mohammed ben Salmane"),
        ("en", "Qatar's Mohammed ben Abdelrahmane Al-Thani spoke.", "Mohammed ben Abdelrahmane Al-Thani"),
    ],
)
def test_new_records_hide_no_foreign_spelling_of_older_ones(context, lang, text, found):
    assert [f[1] for f in _ent_findings(context, text + "\n", lang) if f[0] == "ENT002"] == [found]


def test_files_are_where_the_package_finds_them():
    root = Path(__file__).resolve().parent.parent / "dictionaries" / "entities"
    assert all((root / name).is_file() for name in OWN_FILES)
