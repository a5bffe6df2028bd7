"""BOI: web residue and disclaimers, positive and negative cases in en, fr, es, fa (and de)."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from repair.context import Context
from repair.detectors.boilerplate import deletion_span
from repair.engine import make_document
from repair.model import Applicability, Finding, Span
from repair.registry import get
from repair.resources.entity_index import EntityIndex, load_index
from repair.resources.phrases import LANGUAGES, phrase_book

HEADINGS = ("What it does:", "Why it matters:", "Example:", "Fix safety:")


@pytest.fixture(scope="module")
def index() -> EntityIndex:
    return load_index()


def check(text: str, lang: str, index: EntityIndex) -> list[Finding]:
    document = make_document(text, lang)
    context = Context(index=index)
    return [f for code in ("BOI001", "BOI002") for f in get(code).run(document, context)]


def apply(text: str, findings: list[Finding]) -> str:
    for finding in sorted(findings, key=lambda f: -f.span.start):
        edit = finding.proposals[0].edits[0]
        assert text[edit.span.start : edit.span.end] == edit.original
        text = text[: edit.span.start] + edit.replacement + text[edit.span.end :]
    return text


@pytest.mark.parametrize("code", ["BOI001", "BOI002"])
def test_documented(code: str) -> None:
    detector = get(code)
    assert detector is not None and detector.category == "boilerplate"
    assert all(heading in detector.doc for heading in HEADINGS)


def test_ui_lines_around_an_english_article(index: EntityIndex) -> None:
    text = (
        "This text has been automatically translated, it may contain errors or inaccuracies.\n"
        "Favorite\nRemove from my list\n\n"
        "Trump and Putin will not meet in the coming weeks\n\n"
        "The White House confirmed the news on Tuesday.\n\nMore international news\n\nLoad more"
    )
    findings = check(text, "en", index)
    found = {f.text.strip(): f for f in findings}
    assert set(found) == {
        "This text has been automatically translated, it may contain errors or inaccuracies.",
        "Favorite",
        "Remove from my list",
        "More international news",
        "Load more",
    }
    assert found["Favorite"].text == "Favorite\n"
    assert found["Favorite"].proposals[0].applicability is Applicability.SAFE
    assert all(f.proposals[0].replacement == "" for f in findings)
    assert all(text[f.span.start : f.span.end] == f.text for f in findings)
    assert apply(text, findings) == (
        "\nTrump and Putin will not meet in the coming weeks\n\n"
        "The White House confirmed the news on Tuesday.\n\n"
    )


@pytest.mark.parametrize(
    ("line", "lang", "code"),
    [
        ("Advertising 18+", "en", "BOI001"),
        ("Subscribe to our channel in Telegram", "en", "BOI001"),
        ("Read also: Peskov explained why Russia is not afraid of new restrictions", "en", "BOI001"),
        ("[Print] [Close]", "en", "BOI001"),
        ("Share | Tweet | Email", "en", "BOI001"),
        ("Ajouter à mes favoris", "fr", "BOI001"),
        ("Publicité", "fr", "BOI001"),
        ("À lire aussi : Le Kremlin dément toute rencontre", "fr", "BOI001"),
        ("Compartir en Facebook", "es", "BOI001"),
        ("Lo más leído", "es", "BOI001"),
        ("Este contenido ha sido traducido automáticamente y puede contener errores.", "es", "BOI002"),
        ("Ce texte a été traduit automatiquement et peut contenir des erreurs.", "fr", "BOI002"),
        ("Dieser Artikel wurde maschinell übersetzt und kann Fehler enthalten.", "de", "BOI002"),
        ("انتهای پیام/", "fa", "BOI001"),
        ("بیشتر بخوانید: ترامپ و پوتین دیدار نمی‌کنند", "fa", "BOI001"),
    ],
)
def test_residue_in_the_middle_of_an_article(line: str, lang: str, code: str, index: EntityIndex) -> None:
    text = f"First paragraph of the story, long enough.\n\n{line}\n\nSecond paragraph of the story.\n"
    findings = check(text, lang, index)
    assert [(f.code, f.text) for f in findings] == [(code, line + "\n\n")]
    assert findings[0].proposals[0].replacement == ""
    expected = "First paragraph of the story, long enough.\n\nSecond paragraph of the story.\n"
    assert apply(text, findings) == expected


def test_legal_disclaimer_paragraph(index: EntityIndex) -> None:
    disclaimer = (
        "Ce site peut afficher du contenu de tiers à des fins d'information uniquement et ne garantit "
        "pas l'exactitude de ces contenus."
    )
    text = f"Le Kremlin a confirmé la réunion.\n{disclaimer}\nLe Kremlin a confirmé la réunion.\n"
    findings = check(text, "fr", index)
    assert [(f.code, f.text) for f in findings] == [("BOI002", disclaimer + "\n")]
    english = "This page has third-party content for informational purposes; it does not guarantee accuracy."
    assert [f.code for f in check(f"News text.\n{english}\n", "en", index)] == ["BOI002"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("MOSCOW, October 23. /TASS/. The external power supply has been restored.\n", "en"),
        ("Putin: new US sanctions will not significantly affect Russian economy\n\nBy John Smith\n", "en"),
        ("Watch: Liverpool's Sturridge dips deep equalizer vs. Chelsea\n\nThe match ended 1-1.\n", "en"),
        ("The talks went on.\n\nBackground\n\nThe two sides met in 2019.\n\nHe said no.\n", "en"),
        ("Read the statement, he said.\n\nShare prices fell.\n", "en"),
        ("Le président a refusé.\n\nContexte\n\nLes deux pays se sont rencontrés.\n", "fr"),
        ("Washington, 18 nov (EFE).- El presidente recibió al príncipe.\n\nAntecedentes\n", "es"),
        ("عراقچی: نمی‌توانیم با کسانی که به مردم ایران حمله کرده‌اند تعامل کنیم\n\nاو گفت نه.\n", "fa"),
    ],
)
def test_article_text_stays_quiet(text: str, lang: str, index: EntityIndex) -> None:
    assert check(text, lang, index) == []


def test_weak_phrase_needs_structural_support(index: EntityIndex) -> None:
    middle = "One.\n\nTwo paragraphs here.\n\nThree.\n\nPrint\n\nFour.\n\nFive.\n\nSix.\n\nSeven.\n"
    assert check(middle, "en", index) == []
    edge = "Print\nClose\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n"
    assert [f.text for f in check(edge, "en", index)] == ["Print\n", "Close\n"]


def test_short_tag_between_residue_lines(index: EntityIndex) -> None:
    text = "Favorite\nTRUMP-PUTIN\nRemove from my list\n\nHeadline of the story here\n"
    findings = check(text, "en", index)
    tag = next(f for f in findings if f.text == "TRUMP-PUTIN\n")
    assert tag.proposals[0].applicability is Applicability.SUGGEST


def test_deletion_span() -> None:
    text = "A.\n\nAd\n\n\nB.\nC\nD."
    assert deletion_span(text, Span(4, 6)) == Span(4, 9)
    assert deletion_span(text, Span(12, 13)) == Span(12, 14)
    assert deletion_span(text, Span(14, 16)) == Span(14, 16)


def test_phrase_lists_are_valid() -> None:
    folder = files("repair.dictionaries") / "phrases"
    for language in LANGUAGES:
        text = (folder / f"{language}.txt").read_text(encoding="utf-8")
        assert "licence" in "\n".join(text.splitlines()[:3])
        for line in text.splitlines():
            if line.startswith("re:"):
                re.compile(line[3:].strip())
    book = phrase_book()
    assert book.match("LOAD MORE") and book.match("► Load more") and not book.match("Load the truck")
