"""SEN detectors: positive and negative cases in English, French, Spanish and Persian."""

from __future__ import annotations

import pytest

from repair.context import Context
from repair.engine import make_document
from repair.model import Applicability, Finding
from repair.registry import get
from repair.resources.entity_index import load_index


@pytest.fixture(scope="module")
def context() -> Context:
    return Context(index=load_index())


def run(code: str, text: str, lang: str, context: Context) -> list[Finding]:
    detector = get(code)
    assert detector is not None
    return list(detector.run(make_document(text, lang), context))


def fixed(text: str, finding: Finding) -> str:
    """The text with the finding's best proposal applied (the span covers what it replaces)."""
    assert finding.best is not None
    edit = finding.best.edits[0]
    assert (edit.span, edit.original) == (finding.span, text[finding.span.start : finding.span.end])
    return text[: finding.span.start] + edit.replacement + text[finding.span.end :]


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [(f.code, f.text) for f in findings]
    return findings[0]


# --- SEN001 glued words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "glued", "repair", "tier"),
    [
        (
            "On Monday, Trump said new tariffs are imposed on Indiais the main buyer of Russian oil.",
            "en",
            "Indiais",
            "India is",
            Applicability.SAFE,
        ),
        (
            "The director said that the stationis in a stable condition.",
            "en",
            "stationis",
            "station is",
            None,
        ),
        ("Les relations entre Paris etTéhéran restent tendues.", "fr", "etTéhéran", "et Téhéran", None),
        (
            "Arabia Saudí firmó un acuerdo que refuerza la alianza entre Arabia Saudíy Estados Unidos.",
            "es",
            "Saudíy",
            "Saudí y",
            None,
        ),
        ("او گفتکه ایران در این نشست شرکت نخواهد کرد.", "fa", "گفتکه", "گفت که", None),
    ],
)
def test_glued_words_are_split(context, text, lang, glued, repair, tier):
    finding = only(run("SEN001", text, lang, context))
    assert finding.text == glued
    assert finding.category == "sentence"
    assert fixed(text, finding) == text.replace(glued, repair)
    if tier is not None:
        assert finding.best.applicability == tier


def test_glued_word_after_french_elision(context):
    text = "Le projet n'estmis en oeuvre que demain."
    finding = only(run("SEN001", text, "fr", context))
    assert finding.text == "estmis"
    assert fixed(text, finding) == "Le projet n'est mis en oeuvre que demain."


def test_ambiguous_split_is_never_safe(context):
    finding = only(run("SEN001", "Les autoritésont annoncé une enquête.", "fr", context))
    assert {p.replacement for p in finding.proposals} == {"autorité sont", "autorités ont"}
    assert all(p.applicability == Applicability.SUGGEST for p in finding.proposals)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Apple's iPhone, McDonald's menu and OpenAI's models; see www.indiais.com or write to "
            "press@chinahas.org. The 750-kilovolt line, Rosatom, Nexperia and cinemagoing fourballs.",
            "en",
        ),
        ("A typo like beteen is not two words, and Yashina or Karremans are names.", "en"),
        (
            "Le Quai d'Orsay, Jacques Paris et Cécile Kohler ; le mécanisme dit de « snapback » ; "
            "aujourd'hui Goldson et Finau jouent à Alloa.",
            "fr",
        ),
        ("Cristiano Ronaldo y Elon Musk asistieron; un billón de dólares, que rimase con Twp.", "es"),
        ("بازیکنم همنام است و نگرانیهایی درباره برنامهریزی وجود دارد و او میکند.", "fa"),
    ],
)
def test_glued_words_leave_real_words_names_and_brands_alone(context, text, lang):
    assert run("SEN001", text, lang, context) == []


# --- SEN002 spliced clause ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("On Monday, Trump said he would High new tariffs are imposed on India.", "en", "High"),
        ("Le ministre a dit qu'il Nouvelles sanctions sont imposées à la Russie.", "fr", "Nouvelles"),
        ("El presidente dijo que él Nuevas sanciones son impuestas a Rusia.", "es", "Nuevas"),
    ],
)
def test_spliced_clause_is_shown_not_fixed(context, text, lang, word):
    finding = only(run("SEN002", text, lang, context))
    assert finding.text == word
    assert finding.best.applicability == Applicability.DISPLAY
    assert finding.best.replacement == word
    assert fixed(text, finding) == text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The spokesman of the White House said the President would meet Foreign Minister Sergei "
            "Lavrov. He said: High tariffs are coming. They Might Be Giants Play Tonight",
            "en",
        ),
        ("Selon le Quai d'Orsay, les discussions se poursuivent. Il a dit : Nouvelles sanctions.", "fr"),
        ("Riad quiere sumarse a los Acuerdos de Abraham, dijo la Casa Blanca.", "es"),
        ("ترامپ گفت که تعرفه‌های جدید بر هند اعمال می‌شود.", "fa"),
        ("Er sagte, er würde Neue Zölle auf Indien erheben.", "de"),
    ],
)
def test_spliced_clause_leaves_proper_nouns_and_sentence_starts_alone(context, text, lang):
    assert run("SEN002", text, lang, context) == []


# --- SEN003 missing space / doubled full stop --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "repaired"),
    [
        (
            "The intervention caused turbulence in the global supply chain.The Dutch side should act.",
            "en",
            "The intervention caused turbulence in the global supply chain. The Dutch side should act.",
        ),
        (
            "Le secteur énergétique russe reste confiant..Le président Poutine a fait remarquer.",
            "fr",
            "Le secteur énergétique russe reste confiant. Le président Poutine a fait remarquer.",
        ),
        (
            "La reunión terminó.. El presidente habló después.",
            "es",
            "La reunión terminó. El presidente habló después.",
        ),
        (
            "این نشست برگزار شد.رسانه‌های مصری از آن یاد کردند.",
            "fa",
            "این نشست برگزار شد. رسانه‌های مصری از آن یاد کردند.",
        ),
    ],
)
def test_missing_sentence_space_is_repaired(context, text, lang, repaired):
    finding = only(run("SEN003", text, lang, context))
    assert finding.best.applicability == Applicability.SAFE
    assert fixed(text, finding) == repaired


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "MOSCOW, October 23. /TASS/. U.S. officials, e.g. Dr.Smith, said version 3.0 of example.com "
            "and report.Pdf work. Wait... What? Yes…No. See www.Example.Org or J.R.R. Tolkien.",
            "en",
        ),
        ("M. Poutine a dit : « oui » ; puis ! Non ? M.Macron et l'ONU.Fin", "fr"),
        ("EE. UU. y la Sra.López hablaron; el Dr.Pérez llegó a las 3.30.", "es"),
        ("قیمت ۳.۵ درصد افزایش یافت و ق.م تاریخ است.", "fa"),
    ],
)
def test_missing_sentence_space_leaves_abbreviations_decimals_and_urls_alone(context, text, lang):
    assert run("SEN003", text, lang, context) == []


def test_every_sentence_detector_is_documented():
    for code in ("SEN001", "SEN002", "SEN003"):
        detector = get(code)
        assert detector is not None and detector.category == "sentence"
        for heading in ("What it does:", "Why it matters:", "Example:", "Fix safety:"):
            assert heading in detector.doc
