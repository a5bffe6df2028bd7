"""ENC: mojibake repaired through ftfy; clean text in en, fr, es and fa stays quiet."""

from __future__ import annotations

import pytest

from repair.context import Context
from repair.detectors.encoding import changed_regions
from repair.engine import make_document
from repair.model import Applicability, Finding
from repair.registry import get
from repair.resources.entity_index import EntityIndex, load_index


@pytest.fixture(scope="module")
def index() -> EntityIndex:
    return load_index()


def check(text: str, lang: str, index: EntityIndex) -> list[Finding]:
    return list(get("ENC001").run(make_document(text, lang), Context(index=index)))


def mangle(text: str) -> str:
    """UTF-8 bytes read as Windows-1252: the classic mojibake."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    return text.encode("utf-8").decode("sloppy-windows-1252")


def test_documented() -> None:
    detector = get("ENC001")
    assert detector is not None and detector.category == "encoding"
    for heading in ("What it does:", "Why it matters:", "Example:", "Fix safety:"):
        assert heading in detector.doc


@pytest.mark.parametrize(
    ("good", "lang"),
    [
        ("Le président a déclaré que la réunion aura lieu.", "fr"),
        ("El presidente recibió este martes al príncipe heredero.", "es"),
        ("The minister’s “serious preparation” remark was noted.", "en"),
        ("سلام دنیا", "fa"),
    ],
)
def test_mojibake_is_repaired(good: str, lang: str, index: EntityIndex) -> None:
    bad = mangle(good)
    findings = check(f"Title\n{bad}\n", lang, index)
    assert findings
    fixed = f"Title\n{bad}\n"
    for finding in sorted(findings, key=lambda f: -f.span.start):
        edit = finding.proposals[0].edits[0]
        assert fixed[edit.span.start : edit.span.end] == edit.original == finding.text
        fixed = fixed[: edit.span.start] + edit.replacement + fixed[edit.span.end :]
        assert "ftfy" in finding.proposals[0].rationale
    assert fixed == f"Title\n{good}\n"


def test_confident_repair_is_safe(index: EntityIndex) -> None:
    findings = check("Le prÃ©sident a dÃ©clarÃ© hier.", "fr", index)
    assert [(f.text, f.proposals[0].replacement) for f in findings] == [
        ("prÃ©sident", "président"),
        ("dÃ©clarÃ©", "déclaré"),
    ]
    assert all(f.proposals[0].applicability is Applicability.SAFE for f in findings)
    assert "encode" in findings[0].proposals[0].rationale


def test_html_entity_is_only_suggested(index: EntityIndex) -> None:
    [finding] = check("Tom &amp; Jerry", "en", index)
    assert (finding.text, finding.proposals[0].replacement) == ("&amp;", "&")
    assert finding.proposals[0].applicability is Applicability.SUGGEST


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("It’s a “quoted” word — and an ellipsis… plus the ﬁ ligature and ＦＵＬＬ width.", "en"),
        ("L’été dernier, « Noël » et Cécile Kohler à l’Élysée : ça a été dûment noté.", "fr"),
        ("¿Qué pasó? ¡Año nuevo! El niño comió piña y jalapeños en Núñez.", "es"),
        ("رسانه‌های مصری از این نشست یاد کردند؛ جبههٔ جنگ و وزیر خارجۀ روسیه.", "fa"),
        ("Prices rose 5% (from £3 to €4) at 10°C in Zürich; naïve café.", "en"),
    ],
)
def test_clean_text_stays_quiet(text: str, lang: str, index: EntityIndex) -> None:
    assert check(text, lang, index) == []


def test_changed_regions_cover_whole_words() -> None:
    original, fixed = "a dÃ©jÃ  vu b", "a déjà vu b"
    [(a, b, ja, jb)] = changed_regions(original, fixed)
    assert (original[a:b], fixed[ja:jb]) == ("dÃ©jÃ ", "déjà")
    assert changed_regions("same", "same") == []
