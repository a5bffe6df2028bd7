"""ENC helper: the changed regions between a text and its ftfy repair (cases: cases/encoding.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from repair.detectors.encoding import changed_regions

CASES = Path(__file__).resolve().parent / "cases"


def test_changed_regions_cover_whole_words() -> None:
    original, fixed = "a dÃ©jÃ  vu b", "a déjà vu b"
    [(a, b, ja, jb)] = changed_regions(original, fixed)
    assert (original[a:b], fixed[ja:jb]) == ("dÃ©jÃ ", "déjà")
    assert changed_regions("same", "same") == []


def test_mojibake_cases_are_utf8_read_as_windows_1252() -> None:
    """The mojibake of cases/encoding.toml is what the comments there say it is."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    cases = tomllib.loads((CASES / "encoding.toml").read_text(encoding="utf-8"))["case"]
    mojibake = [c for c in cases if c["id"].startswith("enc001-utf8-read-as-windows-1252-")]
    assert len(mojibake) == 4
    for case in mojibake:
        assert case["text"] == case["fixed"].encode("utf-8").decode("sloppy-windows-1252"), case["id"]
