"""`mt-repair inject`: artifact kinds, valid gold, reproducibility, Persian orthography, fragments."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from repair.document import ZWNJ
from repair.evaluation.score import apply_gold, load_bench, locate
from repair.inject.document import KINDS, InjectionError, inject_document, render
from repair.inject.kinds import Op, Parallel, Plan
from repair.inject.names import entity, name_sites, own_ref
from repair.inject.translit import (
    from_cyrillic,
    persian_garble,
    respell,
    to_cyrillic,
    via_cyrillic,
    via_pinyin,
)
from repair.inject.wordings import WordingsError, parse, wordings

CORPUS = Path(__file__).resolve().parent / "data" / "inject_mini"
PERSIAN = (CORPUS / "fa" / "001_talks.txt").read_text(encoding="utf-8")


def _inject(cli, out: Path, *extra: str) -> None:
    result = cli("inject", CORPUS, out, "--parallel", CORPUS, "--rate", "25", *extra)
    assert result.code == 0, result.err


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_kind_appears_with_valid_gold(cli, tmp_path: Path) -> None:
    kinds: set[str] = set()
    for seed in ("1", "2"):
        out = tmp_path / seed
        _inject(cli, out, "--seed", seed)
        docs = load_bench(out)  # validates every `find` at its `occurrence`
        assert {d.lang for d in docs} == {"en", "fr", "fa"}
        for doc in docs:
            assert apply_gold(doc.text, doc.items) == doc.clean
            assert doc.clean == (CORPUS / doc.lang / "001_talks.txt").read_text(encoding="utf-8")
            for item in doc.items:
                assert item["find"] and locate(doc.text, item["find"], item["occurrence"]) == item["start"]
                assert item["category"] == "none" or item["fix"] != item["find"]
                kinds.add(item["kind"])
        assert json.loads((out / "inject.json").read_text())["seed"] == int(seed)
    assert kinds == {*KINDS, "trap"}


def test_same_seed_same_bytes_other_seed_other_bench(cli, tmp_path: Path) -> None:
    _inject(cli, tmp_path / "a", "--seed", "7")
    _inject(cli, tmp_path / "b", "--seed", "7")
    _inject(cli, tmp_path / "c", "--seed", "8")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    a, c = _files(tmp_path / "a"), _files(tmp_path / "c")
    assert {k: v for k, v in a.items() if k.startswith("docs/")} != {
        k: v for k, v in c.items() if k.startswith("docs/")
    }


def test_out_dir_must_be_empty_unless_forced(cli, tmp_path: Path) -> None:
    _inject(cli, tmp_path / "a")
    result = cli("inject", CORPUS, tmp_path / "a")
    assert result.code == 2 and result.err.startswith("mt-repair: error: ") and result.err.count("\n") == 1
    _inject(cli, tmp_path / "a", "--force", "--kinds", "glued")
    kinds = {
        i["kind"]
        for g in (tmp_path / "a" / "gold").glob("*.json")
        for i in json.loads(g.read_text())["items"]
    }
    assert kinds <= {"glued", "trap"}
    assert cli("inject", CORPUS, tmp_path / "x", "--kinds", "nonsense").code == 2
    assert cli("inject", tmp_path / "missing", tmp_path / "y").code == 2


def test_persian_zwnj_stripped_and_arabic_letters(index) -> None:
    notes = set()
    for seed in range(12):
        injected = inject_document(
            PERSIAN, "fa", random.Random(seed), rate=30, kinds=("orthography",), index=index
        )
        for item in injected.items:
            if item["kind"] != "orthography":
                continue
            notes.add(item["note"])
            if item["note"] == "ZWNJ stripped":
                assert ZWNJ in item["fix"] and item["find"] == item["fix"].replace(ZWNJ, "")
            else:
                assert ("ي" in item["find"] or "ك" in item["find"]) and "ي" not in item["fix"]
    assert notes == {"ZWNJ stripped", "Arabic ي/ك for ی/ک"}


def test_untranslated_fragment_comes_from_the_parallel_document(cli, tmp_path: Path) -> None:
    found = 0
    for seed in range(4):
        out = tmp_path / str(seed)
        cli("inject", CORPUS, out, "--parallel", CORPUS, "--kinds", "untranslated", "--seed", str(seed))
        for doc in load_bench(out):
            for item in doc.items:
                if item["kind"] != "untranslated":
                    continue
                source = item["note"].rsplit(" from ", 1)[1]
                other = (CORPUS / source).read_text(encoding="utf-8")
                assert source.split("/")[0] != doc.lang
                assert item["find"].strip() in other and item["find"].strip() not in doc.clean
                found += 1
    assert found >= 6


def test_names_are_garbled_in_place(index) -> None:
    text = (CORPUS / "en" / "001_talks.txt").read_text(encoding="utf-8")
    entities = []
    for seed in range(10):
        injected = inject_document(text, "en", random.Random(seed), rate=10, kinds=("entity",), index=index)
        entities += [i for i in injected.items if i["kind"] == "entity"]
        traps = [i for i in injected.items if i["kind"] == "trap"]
        assert all(t["fix"] is None and t["find"] in text for t in traps)
    assert entities and all(i["fix"] in text and i["find"] not in text for i in entities)
    notes = " ".join(i["note"] for i in entities)
    assert "via Cyrillic" in notes and "via Chinese syllables" in notes and "spelling of the name" in notes


def test_round_trip_transliteration_tables() -> None:
    assert to_cyrillic("Witkoff", random.Random(1)).startswith(("уи", "ви"))
    assert from_cyrillic("зеленский", "German") == "selenski"
    assert from_cyrillic("зеленский", "BGN/PCGN") == "zelenskiy"
    assert from_cyrillic("путин", "French") == "poutin"
    word, how = via_cyrillic("Zelensky", random.Random(3))
    assert word[0].isupper() and "Cyrillic" in how
    pinyin, how = via_pinyin("Witkoff", random.Random(0))
    assert pinyin.startswith("Wei") and pinyin[1:].islower() and "-" in how
    assert respell("Putin", random.Random(0))[0] in ("Poutine", "Putin")
    garbled, _ = persian_garble("زلنسکی", random.Random(0))
    assert garbled != "زلنسکی" and len(garbled) in (5, 6, 7)


def test_self_check_refuses_overlapping_artifacts() -> None:
    ops = [Op(0, 5, "x", "sentence", "glued", ""), Op(3, 8, "y", "sentence", "glued", "")]
    with pytest.raises(InjectionError):
        render("0123456789", ops, [])


# --- the injector's own wordings ------------------------------------------------------------------

DISCLAIMER_LANGS = ("en", "fr", "es", "fa", "de", "it", "pt", "eu", "ca", "ru", "ar", "zh")
RESIDUE_LANGS = ("en", "fr", "es", "fa", "de")
MIN_LINES = 8  # the brief: at least eight varied wordings per language

QUOTES_EN = (
    'The minister said: "We will not sign." The talks ended (without a deal). Officials met in 2027. '
    "The U.S. delegation left early, a spokesman said.\n\n"
    "Germany would support the plan, said the chancellor. Le Monde reported that Spain agreed! "
    "Prices rose by 12 percent in March, after a rise of 3 percent in February.\n\n"
    "Rev. John Howard Johnson spoke at the memorial. Mike Johnson, the Speaker, was there too. "
    "Johnson said later that the ceremony was moving."
)
QUOTES_FR = (
    "« Nous ne signerons pas », a déclaré le ministre. Le chef de la diplomatie est parti (sans accord). "
    "Les prix ont augmenté de 12 % en 2024. La délégation a quitté Paris, selon un porte-parole.\n\n"
    "L'Allemagne soutiendra le plan, a dit la chancelière. Le Monde a rapporté que l'Espagne était d'accord."
)
QUOTES_ES = (
    "Alemania apoyará el plan, dijo la canciller. «No firmaremos», afirmó el ministro. Los precios subieron "
    "en 2024. La delegación salió de Madrid (sin acuerdo).\n\nEl jefe del Gobierno viajará a Berlín el lunes."
)
GERMAN = (
    "Die Regierung hat am Montag neue Pläne vorgestellt. Der Kanzler sprach von einem wichtigen Schritt.\n\n"
    "Die Opposition kritisierte das Vorhaben scharf. Eine Abstimmung ist für Juni geplant.\n\n"
    "Experten rechnen mit langen Verhandlungen im Bundestag."
)


def _texts() -> list[tuple[str, str]]:
    mini = [
        (lang, (CORPUS / lang / "001_talks.txt").read_text(encoding="utf-8")) for lang in ("en", "fr", "fa")
    ]
    return [*mini, ("en", QUOTES_EN), ("fr", QUOTES_FR), ("es", QUOTES_ES), ("de", GERMAN)]


def test_wordings_file_loads_with_every_language() -> None:
    words = wordings()
    for lang in DISCLAIMER_LANGS:
        assert len(set(words.disclaimers[lang])) >= MIN_LINES, lang
    for lang in RESIDUE_LANGS:
        assert len(set(words.residue[lang])) >= MIN_LINES, lang
    assert {"Han", "Cyrillic", "Arabic", "Greek", "Latin"} <= set(words.runs)
    assert all(text.strip() == text and "{" not in text for text in words.all_lines())


def test_wordings_are_schema_checked() -> None:
    with pytest.raises(WordingsError):
        parse('[phrases]\nen = ["x"]\n')
    with pytest.raises(WordingsError):
        parse('[residue]\nen = ["Photo: {agency}"]\n')
    with pytest.raises(WordingsError):
        parse("[disclaimers]\nen = []\n")
    filled = parse('[residue]\nen = ["Photo: {agency}"]\n[slots]\nagency = ["AFP", "EFE"]\n')
    assert filled.all_lines() == {"Photo: AFP", "Photo: EFE"}


def test_boilerplate_and_script_runs_come_only_from_the_wordings_file() -> None:
    words = wordings()
    lines, runs = words.all_lines(), {run for group in words.runs.values() for run in group}
    notes = set()
    for lang, text in _texts():
        for seed in range(15):
            injected = inject_document(
                text, lang, random.Random(seed), rate=6, kinds=("boilerplate", "script")
            )
            for item in injected.items:
                notes.add(item["note"])
                if item["kind"] == "boilerplate":
                    assert item["find"].strip() in lines and item["fix"] == ""
                    if item["note"] == "MT disclaimer":
                        assert item["find"].strip() in words.disclaimers[lang]
                else:
                    assert item["find"].strip(" ()") in runs and item["fix"] == ""
                    latin = item["find"].strip(" ()") in words.runs["Latin"]
                    assert latin == (lang == "fa")
    assert {"MT disclaimer", "web residue line"} <= notes
    assert {
        f"{s}-script run left untranslated" for s in ("Han", "Cyrillic", "Arabic", "Greek", "Latin")
    } <= notes


def test_disclaimers_are_their_own_paragraph_at_the_top_or_bottom() -> None:
    for seed in range(20):
        injected = inject_document(GERMAN, "de", random.Random(seed), rate=1, kinds=("boilerplate",))
        (item,) = injected.items
        if item["note"] == "MT disclaimer":
            assert injected.text.startswith(item["find"]) or injected.text.endswith(item["find"])
            assert item["find"].strip() in wordings().disclaimers["de"]
        else:  # residue goes between paragraphs
            assert not injected.text.startswith(item["find"]) and not injected.text.endswith(item["find"])


@pytest.mark.parametrize("kind", KINDS)
def test_self_check_holds_for_every_kind(kind: str, index) -> None:
    parallel_en = (CORPUS / "en" / "001_talks.txt").read_text(encoding="utf-8")
    seen = 0
    for lang, text in _texts():
        parallel = Parallel("en", parallel_en, "en/001_talks.txt") if lang != "en" else None
        for seed in range(8):
            injected = inject_document(
                text, lang, random.Random(seed), rate=8, kinds=(kind,), index=index, parallel=parallel
            )  # inject_document raises InjectionError when its own check fails
            assert apply_gold(injected.text, injected.items) == text
            seen += sum(item["kind"] == kind for item in injected.items)
    assert seen > 0


def test_glued_words_at_every_kind_of_boundary() -> None:
    notes: set[str] = set()
    for lang, text in _texts():
        for seed in range(25):
            injected = inject_document(text, lang, random.Random(seed), rate=6, kinds=("glued",))
            for item in injected.items:
                assert " " not in item["find"] and item["find"] == item["fix"].replace(" ", "")
                notes.add(item["note"])
    for boundary in ("a name", "a short word", "a word"):
        assert f"glued words (space lost after {boundary})" in notes
    assert "glued words (space lost at a number)" in notes
    assert any(note.endswith(", glued twice") for note in notes)


def test_glue_never_makes_a_real_word() -> None:
    text = "We can not say for sure. Some times the news comes late, and any one can see it."
    for seed in range(30):
        for item in inject_document(text, "en", random.Random(seed), rate=5, kinds=("glued",)).items:
            assert item["find"].lower() not in {"cannot", "sometimes", "anyone"}


def test_punctuation_damage_after_numbers_abbreviations_and_closing_marks() -> None:
    finds: dict[str, set[str]] = {}
    for lang, text in _texts():
        for seed in range(40):
            injected = inject_document(text, lang, random.Random(seed), rate=4, kinds=("punctuation",))
            for item in injected.items:
                finds.setdefault(item["note"], set()).add(item["find"])
    assert {"2027..The", "2027.. The"} & finds["doubled full stop after a number"] or any(
        f.startswith("2027..") for f in finds["doubled full stop after a number, space lost"]
    )
    assert "U.S.. delegation" in finds["doubled full stop after an abbreviation"]
    closers = finds["missing space after a sentence end or closing mark"]
    assert {'."The', ").Officials", "»,a", "!Prices"} & closers
    assert "missing space after a comma" in finds


def test_first_names_of_other_people_are_left_alone(index) -> None:
    assert index.token_refs("John") and index.token_refs("Johnson")  # the trap is set
    other = QUOTES_EN.index("Rev. John Howard Johnson")
    span = (other, other + len("Rev. John Howard Johnson"))
    garbled = set()
    for seed in range(60):
        plan = Plan(QUOTES_EN, "en", index)
        op = entity(plan, random.Random(seed))
        if op is not None:
            assert op.end <= span[0] or op.start >= span[1], op
            garbled.add(QUOTES_EN[op.start : op.end])
    assert "Johnson" in garbled  # the Speaker's own mentions still count


def test_lone_surnames_count_only_when_nobody_else_can_be_meant(index) -> None:
    text = "Rev. David Johnson led the service in Ohio. Hours later, Trump said he would visit the town."
    assert {ref.entity for ref, _ in index.token_refs("Trump")} and index.token_refs("Johnson")
    plan = Plan(text, "en", index)
    owners = {site.token.text: own_ref(plan, site) for site in name_sites(plan)}
    assert owners.get("Johnson") is None and owners.get("David") is None  # the reverend is not the Speaker
    assert owners["Trump"] is not None


def test_entity_damage_file_is_valid_and_mostly_covered(index) -> None:
    from repair.inject.damage import CLASSES, coverage, damage_records

    records = damage_records()
    assert {r.damage_class for r in records} == set(CLASSES)
    assert {r.lang for r in records} <= {"en", "fr", "es", "fa"}
    known, total = coverage(index)
    assert total == len(records) and known >= total // 2  # records of unknown entities are skipped


def test_entity_damage_parse_errors() -> None:
    from repair.inject.damage import DamageError, parse_damage

    with pytest.raises(DamageError, match="missing form"):
        parse_damage('[[damage]]\ncanonical = "Milan"\nlang = "en"\nclass = "exonym"\nsource_lang = "de"\n')
    with pytest.raises(DamageError, match="unknown class"):
        parse_damage(
            '[[damage]]\ncanonical = "Milan"\nlang = "en"\nclass = "x"\nform = "M"\nsource_lang = "de"\n'
        )


@pytest.mark.parametrize("damage_class", ["exonym", "ending"])
def test_entity_damage_kind_replaces_a_dictionary_name(index, damage_class: str) -> None:
    from repair.inject.damage import damage_records

    text = (
        "Donald Trump spoke in Milan on Monday. Later, Trump met the Italian delegation in Milan "
        "and flew to London, where the United States and Germany held talks.\n"
    )
    injected = inject_document(
        text,
        "en",
        random.Random(3),
        rate=20,
        kinds=(f"entity-{damage_class}",),
        index=index,
        with_traps=False,
    )
    forms = {(r.form, r.canonical) for r in damage_records() if r.damage_class == damage_class}
    items = [i for i in injected.items if i["kind"] == f"entity-{damage_class}"]
    assert items and all(i["category"] == "entity" for i in items)
    assert all(any(i["find"] == f for f, _ in forms) for i in items)
    assert apply_gold(injected.text, injected.items) == text


def test_unknown_kind_names_the_damage_kinds(cli, tmp_path: Path) -> None:
    result = cli("inject", CORPUS, tmp_path / "out", "--kinds", "entity-nonsense")
    assert result.code == 2 and "entity-exonym" in result.err
