"""Bulk estimates of `similarity` over a block of dictionary tokens: one rapidfuzz pass per
measure from the keys the index stores, so that only the tokens that may reach a floor are
compared one by one."""

from __future__ import annotations

import sys

from repair.detectors.entities.mentions import KEY_WEIGHT, PLAIN_WEIGHT, SKELETON_WEIGHT, similarity
from repair.resources.entity_index import Block
from repair.resources.transliteration import fold, skeleton, translit_key

ESTIMATE_SLACK = 1e-6  # room for rounding between the bulk estimate and similarity() itself
NUMPY_FROM_CANDIDATES = 400  # from this many candidates a numpy pass is 3x faster than Python
NUMPY_IMPORT_AFTER = 30_000  # large-block candidates estimated without numpy, after which it is
# imported (~70 ms, 0.5 us saved a candidate): a page of news has up to ~5,000 (~12,000 with
# 100,000 entities), so a check of a few pages never imports it and a corpus does early on
_large_block_candidates = [0]  # the run's large-block candidates estimated without numpy so far


def _numpy_pays(size: int) -> bool:
    """Whether to estimate a block of `size` candidates with numpy: always once it is loaded,
    and for a large block once the run has estimated enough of them to pay for its import."""
    if "numpy" in sys.modules:
        return True
    if size < NUMPY_FROM_CANDIDATES:
        return False
    _large_block_candidates[0] += size
    return _large_block_candidates[0] >= NUMPY_IMPORT_AFTER


def possible_indices(text: str, candidates: Block, floor: float) -> list[int]:
    """The positions, in block order, of the candidates whose estimated similarity reaches the
    floor (the others cannot: similarity() would say the same, at much greater cost)."""
    return [i for i, _ in estimates_reaching(text, candidates, floor)]


def estimates_reaching(text: str, candidates: Block, floor: float) -> list[tuple[int, float]]:
    """(position, estimated similarity) of the candidates, in block order, whose estimate
    reaches the floor: with numpy once it pays (`_numpy_pays`: the same sums, ~3x faster on a
    large block), else in Python."""
    if not _numpy_pays(len(candidates.tokens)):
        estimates = estimated_similarities(text, candidates)
        return [(i, e) for i, e in enumerate(estimates) if e >= floor - ESTIMATE_SLACK]
    import numpy as np
    from rapidfuzz import fuzz, process

    estimate = np.zeros(len(candidates.tokens))
    for weight, query, choices in _measures(text, candidates):
        estimate += weight * process.cdist([query], choices, scorer=fuzz.ratio, dtype=np.float64)[0] / 100
    indices: list[int] = np.flatnonzero(estimate >= floor - ESTIMATE_SLACK).tolist()
    values: list[float] = estimate[indices].tolist()
    return list(zip(indices, values, strict=True))


def reaches(text: str, candidate: str, estimate: float, floor: float) -> bool:
    """Whether `similarity(text, candidate)` reaches the floor, from its estimate: computed
    exactly only when the estimate is too close to the floor to tell."""
    if abs(estimate - floor) > ESTIMATE_SLACK:
        return estimate > floor
    return similarity(text, candidate) >= floor


def _measures(text: str, candidates: Block) -> tuple[tuple[float, str, tuple[str, ...]], ...]:
    """(weight, the word's key, the candidates' keys) of the three comparisons of `similarity`."""
    return (
        (KEY_WEIGHT, translit_key(text), candidates.translit),
        (PLAIN_WEIGHT, fold(text), candidates.folded),
        (SKELETON_WEIGHT, skeleton(text), candidates.skeletons),
    )


def estimated_similarities(text: str, candidates: Block) -> list[float]:
    """`similarity(text, c)` for every candidate of the block, in block order, from the same
    three ratios computed in bulk (the exact value may differ from this one by rounding only)."""
    from rapidfuzz import fuzz, process

    estimates = [0.0] * len(candidates.tokens)
    for weight, query, choices in _measures(text, candidates):
        for _, score, i in process.extract(query, choices, scorer=fuzz.ratio, limit=None):
            estimates[i] += weight * score / 100
    return estimates
