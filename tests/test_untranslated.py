"""UNT001 untranslated fragments: positive and negative cases in English, French, Spanish and Persian."""

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


def run(text: str, lang: str, context: Context) -> list[Finding]:
    detector = get("UNT001")
    assert detector is not None
    return list(detector.run(make_document(text, lang), context))


def deleted(text: str, finding: Finding) -> str:
    assert finding.best is not None
    edit = finding.best.edits[0]
    assert (edit.span, edit.original) == (finding.span, text[finding.span.start : finding.span.end])
    return text[: finding.span.start] + edit.replacement + text[finding.span.end :]


@pytest.mark.parametrize(
    ("text", "lang", "repaired"),
    [
        (  # a Russian sentence inside an English paragraph
            "The line was connected after the repair works. Работы велись в условиях режима тишины. "
            "Specialists of the IAEA were present.\n",
            "en",
            "The line was connected after the repair works. Specialists of the IAEA were present.\n",
        ),
        (  # a Basque caption line in an English article
            "The White House confirms the news.\n\nVladimir Putin eta Donald Trump Alaskako bileran\n"
            "Trump and Putin met in August in Alaska.\n",
            "en",
            "The White House confirms the news.\n\nTrump and Putin met in August in Alaska.\n",
        ),
        (  # an English paragraph in a Spanish article
            "Trump recibió al príncipe heredero en la Casa Blanca.\n\n"
            "The crown prince was greeted with a military flyover.\n\n"
            "Trump confirmó la venta de cazas F-35.\n",
            "es",
            "Trump recibió al príncipe heredero en la Casa Blanca.\n\n"
            "Trump confirmó la venta de cazas F-35.\n",
        ),
        (
            "Les deux Français ont été libérés mardi. The two teachers were arrested on the last day "
            "of a tourist trip. Leur libération intervient après celle de Mahdieh Esfandiari.",
            "fr",
            "Les deux Français ont été libérés mardi. Leur libération intervient après celle de "
            "Mahdieh Esfandiari.",
        ),
        (
            "این نشست روز دوشنبه برگزار شد. The summit was attended by many world leaders. "
            "رسانه‌های مصری از این نشست خبر دادند.",
            "fa",
            "این نشست روز دوشنبه برگزار شد. رسانه‌های مصری از این نشست خبر دادند.",
        ),
    ],
)
def test_untranslated_fragment_is_deleted_on_review(context, text, lang, repaired):
    findings = run(text, lang, context)
    assert len(findings) == 1, [f.text for f in findings]
    finding = findings[0]
    assert finding.category == "untranslated"
    assert finding.best.applicability == Applicability.SUGGEST
    assert deleted(text, finding) == repaired


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Guo Jiakun: We appreciate the positive remarks.\nLoad more\nRemove from my list\n"
            "Vladimir Putin, Donald Trump and Xi Jinping\n"
            'He called it a "mise en scène de la diplomatie" and left.\n',
            "en",
        ),
        (
            "Les relations restent tendues depuis le mécanisme dit de « snapback », déclenché par la "
            "France.\n« Soulagement immense », a écrit le chef de l'Etat.\nAjouter à mes favoris\n",
            "fr",
        ),
        (
            "Por la noche asistieron el futbolista Cristiano Ronaldo y el empresario Elon Musk.\n"
            "Compartir en Facebook\nDonald Trump, Vladimir Putin, Emmanuel Macron\n",
            "es",
        ),
        (
            "رسانه‌های مصری از این نشست با عنوان «قمة شرم الشيخ للسلام» یاد کردند. در خصوص پیشنهاد "
            "تغییر عنوان آنها به MWP (مخفف عضو پارلمان ولز) نگرانیهایی وجود دارد.\nDonald Trump\n",
            "fa",
        ),
    ],
)
def test_labels_names_and_quoted_phrases_are_not_fragments(context, text, lang):
    assert run(text, lang, context) == []


def test_untranslated_detector_is_documented():
    detector = get("UNT001")
    assert detector is not None and detector.category == "untranslated"
    for heading in ("What it does:", "Why it matters:", "Example:", "Fix safety:"):
        assert heading in detector.doc
