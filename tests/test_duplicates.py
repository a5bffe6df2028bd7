"""DUP: repeated paragraphs and blocks, positive and negative cases in en, fr, es, fa."""

from __future__ import annotations

import pytest

from repair.context import Context
from repair.detectors.duplicates import normalise
from repair.engine import make_document
from repair.model import Applicability, Finding
from repair.registry import get
from repair.resources.entity_index import EntityIndex, load_index

LONG_FR = (
    "Kremlin : Les dirigeants russes et américains ont l'intention d'organiser une réunion en personne "
    "à l'avenir, sans établir de calendrier pour un cessez-le-feu en Ukraine."
)
SECOND_FR = "Le 20 mai, le Kremlin a rapporté que Poutine et Trump avaient exprimé à l’unanimité un soutien."
LONG_EN = (
    "As for the export control measures, it is a normal practice for a sovereign country to improve its "
    "export control system in accordance with the law."
)


@pytest.fixture(scope="module")
def index() -> EntityIndex:
    return load_index()


def check(text: str, lang: str, index: EntityIndex) -> list[Finding]:
    return list(get("DUP001").run(make_document(text, lang), Context(index=index)))


def apply(text: str, finding: Finding) -> str:
    edit = finding.proposals[0].edits[0]
    assert text[edit.span.start : edit.span.end] == edit.original == finding.text
    return text[: edit.span.start] + edit.replacement + text[edit.span.end :]


def test_documented() -> None:
    detector = get("DUP001")
    assert detector is not None and detector.category == "duplicate"
    for heading in ("What it does:", "Why it matters:", "Example:", "Fix safety:"):
        assert heading in detector.doc


def test_whole_article_repeated_after_a_disclaimer(index: EntityIndex) -> None:
    text = f"{LONG_FR}\n{SECOND_FR}\nAvertissement : contenu de tiers.\n{LONG_FR}\n{SECOND_FR}"
    [finding] = check(text, "fr", index)
    start = text.index(LONG_FR, 1)
    assert finding.span.start == start
    assert finding.text == f"{LONG_FR}\n{SECOND_FR}"
    assert finding.proposals[0].replacement == ""
    assert finding.proposals[0].applicability is Applicability.SAFE
    assert apply(text, finding) == f"{LONG_FR}\n{SECOND_FR}\nAvertissement : contenu de tiers.\n"


def test_repeated_paragraph_takes_its_blank_line(index: EntityIndex) -> None:
    text = f"Question from AFP.\n\n{LONG_EN}\n\n{LONG_EN}\n\nReuters: next question.\n"
    [finding] = check(text, "en", index)
    assert finding.span.start == text.index(LONG_EN, text.index(LONG_EN) + 1)
    assert apply(text, finding) == f"Question from AFP.\n\n{LONG_EN}\n\nReuters: next question.\n"


def test_copy_differing_in_quotes_and_spacing(index: EntityIndex) -> None:
    first = "Le ministre a parlé d’un « signal fort » adressé à Moscou, selon l’agence de presse."
    second = "Le ministre a parlé d'un «signal fort» adressé à  Moscou, selon l'agence de presse."
    [finding] = check(f"{first}\n\n{second}\n", "fr", index)
    assert finding.text == second + "\n"
    assert normalise(first) == normalise(second)


@pytest.mark.parametrize(
    ("paragraph", "lang"),
    [
        ("El presidente de Estados Unidos recibió este martes en la Casa Blanca al príncipe heredero.", "es"),
        ("وزیر امور خارجه کشورمان اعلام کرد که ایران در نشست شرم‌الشیخ درباره غزه شرکت نخواهد کرد.", "fa"),
    ],
)
def test_repeated_paragraph_other_languages(paragraph: str, lang: str, index: EntityIndex) -> None:
    text = f"{paragraph}\n\nOtra frase.\n\n{paragraph}\n"
    [finding] = check(text, lang, index)
    assert finding.text == paragraph + "\n"


def test_near_identical_long_paragraph_is_only_suggested(index: EntityIndex) -> None:
    first = LONG_EN + " We hope the EU side will view the relevant measures in an objective way."
    second = first.replace("objective way", "objective manner")
    [finding] = check(f"{first}\n\n{second}\n", "en", index)
    assert finding.proposals[0].applicability is Applicability.SUGGEST


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Load more\n\nStory one.\n\nLoad more\n", "en"),
        ("MOSCOW, October 23. /TASS/.\n\nFirst story.\n\nMOSCOW, October 23. /TASS/.\n\nSecond.\n", "en"),
        ("Oh la la, quelle nuit !\nUn couplet.\nOh la la, quelle nuit !\n", "fr"),
        ("Ella dijo que sí.\n\nEl dijo que no, y la reunión terminó sin ningún acuerdo firmado.\n", "es"),
        ("انتهای پیام/\n\nخبر اول.\n\nانتهای پیام/\n", "fa"),
        (f"{LONG_EN}\n\nA different paragraph about rare earths and export licences for chips.\n", "en"),
    ],
)
def test_quiet_on_short_repeats_and_distinct_paragraphs(text: str, lang: str, index: EntityIndex) -> None:
    assert check(text, lang, index) == []
