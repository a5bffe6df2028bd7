"""DUP helper: the normal form that makes copies match (cases: cases/duplicates.toml)."""

from __future__ import annotations

from repair.detectors.duplicates import normalise


def test_copies_differing_in_quotes_and_spacing_normalise_alike() -> None:
    first = "Le ministre a parlé d’un « signal fort » adressé à Moscou, selon l’agence de presse."
    second = "Le ministre a parlé d'un «signal fort» adressé à  Moscou, selon l'agence de presse."
    assert normalise(first) == normalise(second)
