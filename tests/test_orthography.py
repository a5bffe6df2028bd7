"""ORT helpers: Persian joining letters and ZWNJ repairs (cases: cases/orthography.toml)."""

from __future__ import annotations

from repair.resources.persian import joins, repairs


def test_no_split_after_a_non_joining_letter() -> None:
    assert not any(joins(letter) for letter in "ادذرزژو")
    assert joins("ه") and joins("ی") and joins("ت")
    for word in ("کشورها", "چیزها", "مادرهایی", "گاوهایی"):
        assert repairs(word) == ()
