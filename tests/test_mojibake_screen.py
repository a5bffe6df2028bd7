"""The screen that spares ftfy's import: it passes every line ftfy could change (property tests
against ftfy itself), keeps out clean text of many languages, and is derived, stored and read
back once per ftfy version. ENC001's cases are in cases/encoding.toml."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ftfy import fix_and_explain
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES, is_bad
from ftfy.chardata import CHARMAP_ENCODINGS
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.resources import mojibake
from repair.resources.mojibake import Screen, Trigger, derive_triggers, fixer_config, triggers_of


def _expanded(classes: str) -> str:
    return re.sub(r"(.)-(.)", lambda m: "".join(map(chr, range(ord(m[1]), ord(m[2]) + 1))), classes)


# Every character ftfy's heuristic names, with ASCII letters, digits, spaces and punctuation:
# random text over it matches the heuristic often, so the property below is tested where it bites.
HEURISTIC_CHARACTERS = "".join(_expanded(c) for c in MOJIBAKE_CATEGORIES.values())
ALPHABET = sorted(set(HEURISTIC_CHARACTERS + "ÂÃÎÐØÙВГРСΒΓΞΟвЂўβā€√≈‚×°ŒœaZz .,?!&;#1\x1b\ud83d"))
SCREEN = Screen(derive_triggers())


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=8))
def test_every_text_ftfy_could_change_passes_the_screen(text):
    if is_bad(text) or fix_and_explain(text, config=fixer_config()).text != text:
        assert SCREEN.may_change(text)


@settings(max_examples=3000, deadline=None)
@given(st.from_regex(BADNESS_RE))
def test_every_text_the_heuristic_matches_passes_the_screen(text):
    """Texts drawn from the heuristic's own expression, each branch in turn."""
    assert SCREEN.may_change(text)


# Letters, quotes and dashes as they are written in UTF-8 news, to be read back in another encoding.
WRITTEN = "éèàçœâêîôûëïüÿæÉÈÀÇŒñáíóúÑ¿¡äöüßÄÖÜąęłńśźżčřšžůőű’‘“”«»–—…•€£°²½иясшщгдЖЯαβγδΩ"


@settings(max_examples=1500, deadline=None)
@given(
    st.text(alphabet=WRITTEN + "abc ", min_size=1, max_size=12),
    st.sampled_from(CHARMAP_ENCODINGS),
    st.sampled_from(["", "Le texte ", "A line: "]),
)
def test_utf8_read_in_another_encoding_passes_the_screen_wherever_ftfy_repairs_it(word, encoding, before):
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    try:
        garbled = before + word.encode("utf-8").decode(encoding)
    except UnicodeDecodeError:
        return
    if fix_and_explain(garbled, config=fixer_config()).text != garbled:
        assert SCREEN.may_change(garbled)


@pytest.mark.parametrize(
    "line",
    [
        "Les écoles œuvrent « à l’été » ; le cœur d’Élise — dûment noté…",
        "El niño comió piña: «¿Qué pasó?», dijo Núñez – ¡año nuevo!",
        "Die Größe der Straße überrascht „alle“ Bürger.",
        "Ação e coração: “não” é o fim.",
        "Zażółć gęślą jaźń, řekl Šimon.",
        "Президент заявил, что «всё будет хорошо».",
        "Ο πρωθυπουργός είπε ότι η οικονομία αναπτύσσεται.",
        "رسانه\u200cهای مصری از این نشست یاد کردند؛ «جبههٔ جنگ».",
        "The minister’s “serious” remark — 5 °C, £3, €4, 10½ km.",
    ],
)
def test_clean_lines_of_many_languages_are_kept_out(line):
    assert fix_and_explain(line, config=fixer_config()).text == line
    assert not SCREEN.may_change(line)


@pytest.mark.parametrize(
    "line",
    ["Le prÃ©sident", "ministerâ€™s", "Tom &amp; Jerry", "a \x1b[31mred", "C1 \x85 control", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚"],
)
def test_damaged_lines_pass(line):
    assert SCREEN.may_change(line)


def test_the_derivation_refuses_what_it_cannot_read(monkeypatch):
    assert triggers_of(re.compile(r"\w+|x")) is None  # a branch without a fixed character
    assert triggers_of(re.compile(r"\w+é|x")) == (Trigger("é"), Trigger("x"))  # é is in every match
    assert triggers_of(re.compile("ab", re.IGNORECASE)) is None
    pair = triggers_of(re.compile("ab|ac|[xy]z?"))  # the parser factors out the shared "a"
    assert pair is not None and Screen(pair).may_change("--ab--") and Screen(pair).may_change("y")
    assert not Screen(pair).may_change("ba ca z")
    negated = triggers_of(re.compile("[Œœ][^A-Za-z]"))
    assert negated == (Trigger("Œœ", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", True),)
    assert Screen(negated).may_change("œ.") and not Screen(negated).may_change("œuvre")
    assert Screen(None).may_change("anything")
    widened = fixer_config()._replace(uncurl_quotes=True)  # a repair the screen does not account for
    monkeypatch.setattr(mojibake, "fixer_config", lambda: widened)
    assert derive_triggers() is None


def test_the_derivation_keeps_one_trigger_per_branch_of_ftfys_expression():
    triggers = derive_triggers()
    assert triggers is not None
    branches = BADNESS_RE.pattern.count("\n    |")  # the expression's top-level alternatives
    assert len(triggers) == branches + 1
    assert sum(t.second is None for t in triggers) <= 2  # C1 controls, and at most one other


def test_the_screen_is_stored_once_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("MT_REPAIR_CACHE_DIR", str(tmp_path))
    mojibake.screen.cache_clear()
    derived: list[int] = []
    real = mojibake.derive_triggers

    def counting():
        derived.append(1)
        return real()

    monkeypatch.setattr(mojibake, "derive_triggers", counting)
    try:
        first = mojibake.screen()
        [stored] = tmp_path.glob("ftfy-screen-*.json")
        mojibake.screen.cache_clear()
        again = mojibake.screen()
        assert again.triggers == first.triggers == SCREEN.triggers and derived == [1]
        document = json.loads(stored.read_text(encoding="utf-8"))
        rows = document["data"]["triggers"]

        def variant(**changes):
            return json.dumps({**document, "data": {**document["data"], **changes}})

        damaged = [
            "",
            "{",
            variant(triggers=[[1]]),
            variant(triggers=[], checksum=mojibake._checksum([])),  # no trigger: every line kept out
            variant(triggers=rows[:-1]),  # a row cut: the checksum no longer matches
            variant(configuration=[["uncurl_quotes", True]]),  # derived for another configuration
        ]
        for damage in damaged:
            stored.write_text(damage, encoding="utf-8")
            mojibake.screen.cache_clear()
            assert mojibake.screen().triggers == SCREEN.triggers
        assert derived == [1] * (1 + len(damaged))
        monkeypatch.setattr(mojibake, "derive_triggers", lambda: None)
        stored.unlink()
        mojibake.screen.cache_clear()
        assert mojibake.screen().triggers is None  # nothing derived: stored as such, every line passes
        mojibake.screen.cache_clear()
        assert mojibake.screen().may_change("clean")
        monkeypatch.setattr(mojibake, "derive_triggers", real)
        stored.write_text(variant(), encoding="utf-8")  # the triggers again
        widened = {k: v for k, v in mojibake.REPAIRS_OFF.items() if k != "uncurl_quotes"}
        monkeypatch.setattr(mojibake, "REPAIRS_OFF", widened)  # curly quotes repaired: not screened
        mojibake.fixer_config.cache_clear()
        mojibake.screen.cache_clear()
        assert mojibake.screen().triggers is None and mojibake.screen().may_change("‘x’")
    finally:
        mojibake.fixer_config.cache_clear()
        mojibake.screen.cache_clear()


def test_a_check_of_clean_accented_pages_imports_no_ftfy(tmp_path):
    """ftfy (0.08-0.12 s to import) loads only for a line its repairs could change."""
    page = tmp_path / "page.txt"
    clean = "Titre\n\nLe président a déclaré « l’été » à l’Élysée ; Núñez comió piña.\n"
    page.write_text(clean, encoding="utf-8")
    code = (
        "import sys; from repair.cli.main import main; main(['check', '--format', 'json', sys.argv[1]]); "
        "print('ftfy' in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True)  # the first derives it
    out = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "False"
    page.write_text("Titre\n\nLe prÃ©sident a dÃ©clarÃ©.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "True" and "ENC001" in out.stdout


def test_the_shipped_cases_pass_the_screen_exactly_where_ftfy_changes_them():
    cases = Path(__file__).resolve().parent / "cases" / "encoding.toml"
    import tomllib

    for case in tomllib.loads(cases.read_text(encoding="utf-8"))["case"]:
        for line in case["text"].splitlines():
            if fix_and_explain(line, config=fixer_config()).text != line:
                assert SCREEN.may_change(line), (case["id"], line)
