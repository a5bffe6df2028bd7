"""Detector registry: codes, names, categories, documentation, and select/ignore by prefix."""

from __future__ import annotations

import re

import pytest

from repair.model import CATEGORIES
from repair.registry import all_detectors, get, is_selected, selected

DETECTORS = all_detectors()
HEADINGS = ("What it does:", "Why it matters:", "Example:", "Fix safety:")


def test_the_registry_is_populated():
    codes = [d.code for d in DETECTORS]
    assert {"ENT001", "ENT002", "ENT003", "ENT004"} <= set(codes)
    assert codes == sorted(codes)


def test_codes_and_names_are_unique():
    codes = [d.code for d in DETECTORS]
    names = [d.name for d in DETECTORS]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("det", DETECTORS, ids=lambda d: d.code)
def test_detector_metadata(det):
    assert re.fullmatch(r"[A-Z]{3}\d{3}", det.code)
    assert re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", det.name), det.name
    assert det.category in CATEGORIES
    assert det.family == det.code[:3]
    assert det.summary.strip() and "\n" not in det.summary
    assert callable(det.function)


@pytest.mark.parametrize("det", DETECTORS, ids=lambda d: d.code)
def test_detector_docstring_has_the_four_headings_in_order(det):
    doc = det.doc
    positions = [doc.find(h) for h in HEADINGS]
    assert -1 not in positions, (det.code, [h for h, p in zip(HEADINGS, positions, strict=True) if p < 0])
    assert positions == sorted(positions)
    for heading, nxt in zip(HEADINGS, [*HEADINGS[1:], None], strict=True):
        body = doc[doc.index(heading) + len(heading) : doc.index(nxt) if nxt else None]
        assert body.strip(), f"{det.code}: empty {heading}"


def test_families_match_categories():
    family_category: dict[str, set[str]] = {}
    for det in DETECTORS:
        family_category.setdefault(det.family, set()).add(det.category)
    assert family_category == {
        "BOI": {"boilerplate"},
        "DUP": {"duplicate"},
        "ENC": {"encoding"},
        "ENT": {"entity"},
        "NUM": {"mismatch"},
        "ORT": {"orthography"},
        "SEN": {"sentence"},
        "URL": {"mismatch"},
        "UNT": {"untranslated"},
    }


def test_get_by_code_or_name():
    det = get("ENT001")
    assert det is not None and det.name == "garbled-entity-name"
    assert get("ent001") is det
    assert get("garbled-entity-name") is det
    assert get("ENT999") is None
    assert get("ENT") is None


@pytest.mark.parametrize(
    ("code", "select", "ignore", "expected"),
    [
        ("ENT001", ["ENT"], ["ENT004"], True),
        ("ENT004", ["ENT"], ["ENT004"], False),
        ("SEN001", ["ENT"], ["ENT004"], False),
        ("ENT004", [], ["ENT004"], False),
        ("ENT001", [], ["ENT004"], True),
        ("SEN001", [], ["ENT"], True),
        ("ENT002", [], ["ENT"], False),
        ("ENT001", [], [], True),
        ("ORT002", [], [], True),
        ("ENT001", ["ENT001"], ["ENT"], True),  # the longer (more specific) prefix wins
        ("ENT002", ["ENT001"], ["ENT"], False),
        ("ENT001", ["ENT"], ["ENT"], False),
        ("ENT001", ["ent"], ["ent004"], True),  # prefixes are case-insensitive
        ("ENT004", ["ent"], ["ent004"], False),
        ("ENT001", ["E"], [], True),
        ("ENT001", ["SEN", "ENT00"], [], True),
    ],
)
def test_is_selected(code, select, ignore, expected):
    assert is_selected(code, select, ignore) is expected


def test_selected_empty_select_means_all():
    assert [d.code for d in selected()] == [d.code for d in DETECTORS]
    assert [d.code for d in selected([], [])] == [d.code for d in DETECTORS]


def test_selected_filters_by_prefix():
    ent = [d.code for d in selected(["ENT"], ["ENT004"])]
    assert "ENT001" in ent and "ENT004" not in ent
    assert all(c.startswith("ENT") for c in ent)
    no_ent = [d.code for d in selected([], ["ENT"])]
    assert no_ent == [d.code for d in DETECTORS if not d.code.startswith("ENT")]
