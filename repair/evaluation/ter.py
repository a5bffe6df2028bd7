"""sacrebleu's TER on whole documents, with a faster beam edit distance that gives the same result.

TER's shift search evaluates up to 1,000 shifted hypotheses per document, each with a beam edit
distance written cell by cell in Python: a document with a repeated paragraph costs tens of
seconds. `FastBeamEditDistance` computes the same matrix (costs, the operation chosen in each
cell with sacrebleu's preference order, the trace) one row at a time with
numpy: insertions along a row are a running minimum of `cost - j`. `ter_stats` swaps it into
sacrebleu for one call; tests/test_eval.py checks that the numbers are identical.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from typing import Any

import numpy as np
from sacrebleu.metrics import lib_ter

INF = lib_ter._INT_INFINITY
BEAM = lib_ter._BEAM_WIDTH
MAX_CACHE = lib_ter._MAX_CACHE_SIZE
NOP, SUB, INS, DEL, UNDEF = range(5)
CHUNK = 32
OPS = (lib_ter._OP_NOP, lib_ter._OP_SUB, lib_ter._OP_INS, lib_ter._OP_DEL, lib_ter._OP_UNDEF)
Row = tuple[np.ndarray, np.ndarray]  # costs (int64) and operations (int8) over reference positions 0..n


class FastBeamEditDistance:
    """Drop-in for `lib_ter.BeamEditDistance`: same distances and traces, prefix cache included.

    Besides the prefix cache it keeps an anchor: the last hypothesis whose rows were all computed.
    A shifted hypothesis has the anchor's words after the shifted block; once one of its rows
    equals the anchor's row up to a constant (same beam cells, finite in the same places), every
    later row does too, so the distance is the anchor's plus that constant and the rest of the
    trace is the anchor's.
    """

    def __init__(self, words_ref: list[str]) -> None:
        self._vocab: dict[str, int] = {}
        self._ref = np.array([self._vocab.setdefault(w, len(self._vocab)) for w in words_ref], dtype=np.int64)
        self._n = len(words_ref)
        self._initial: Row = (
            np.arange(self._n + 1, dtype=np.int64),
            np.full(self._n + 1, INS, dtype=np.int8),
        )
        self._cache: dict[str, tuple[dict, Row]] = {}
        self._cache_size = 0
        self._anchor: tuple[list[str], list[Row]] | None = None
        self._words: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._steps = np.arange(self._n + 2, dtype=np.int64)

    def __call__(self, words_hyp: list[str]) -> tuple[int, str]:
        rows, node = [self._initial], self._cache
        for word in words_hyp:  # rows already computed for a shared prefix of the hypothesis
            if word not in node:
                break
            node, row = node[word]
            rows.append(row)
        distance, trace = self._edit_distance(words_hyp, len(rows) - 1, rows)
        if self._cache_size < MAX_CACHE:
            node = self._cache
            for word, row in zip(words_hyp, rows[1:], strict=False):
                if word not in node:
                    node[word] = ({}, row)
                    self._cache_size += 1
                node = node[word][0]
        return distance, trace

    def _word(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """Per hypothesis word: the substitution cost (0 on a match) and operation over the reference."""
        found = self._words.get(word)
        if found is None:
            match = self._ref == self._vocab.get(word, -1)
            found = self._words[word] = ((~match).astype(np.int64), np.where(match, NOP, SUB).astype(np.int8))
        return found

    def _row(
        self, prev: np.ndarray, cost: np.ndarray, op: np.ndarray, word: str, window: tuple[int, int]
    ) -> None:
        """Fill one row (cells outside the beam stay "infinite"; their exact value never matters)."""
        lo, hi = window
        if lo == 0:
            cost[0], op[0], lo = prev[0] + 1, DEL, 1
        if lo >= hi:
            return
        mismatch, sub_op = self._word(word)
        sub = prev[lo - 1 : hi - 1] + mismatch[lo - 1 : hi - 1]
        dele = prev[lo:hi] + 1
        best = np.minimum(sub, dele)
        best_op = np.where(sub <= dele, sub_op[lo - 1 : hi - 1], DEL)
        # insertion: final[j] = min(best[j], final[j-1] + 1), starting from the cell left of the beam
        steps = self._steps[: hi - lo]
        final = np.minimum.accumulate(best - steps) + steps
        left = cost[lo - 1]
        if left < INF:
            final = np.minimum(final, left + 1 + steps)
        cost[lo:hi] = final
        op[lo:hi] = np.where(final < best, INS, best_op)

    def _window(self, i: int, n_h: int, ratio: float, beam: int) -> tuple[int, int]:
        diag = math.floor(i * ratio)
        return max(0, diag - beam), (self._n + 1 if i == n_h else min(self._n + 1, diag + beam))

    @staticmethod
    def _converged(a: np.ndarray, b: np.ndarray) -> int | None:
        """The constant c when row `a` is row `b` + c on their finite cells (same cells finite)."""
        finite = a < INF
        if finite.all() and (b < INF).all():
            diff = a - b
        elif np.array_equal(finite, b < INF) and finite.any():
            diff = a[finite] - b[finite]
        else:
            return None
        low = diff.min()
        return int(low) if low == diff.max() else None

    def _edit_distance(self, words_h: list[str], start_h: int, rows: list[Any]) -> tuple[int, str]:
        n_h = len(words_h)
        ratio = self._n / n_h if words_h else 1
        beam = math.ceil(ratio / 2 + BEAM) if ratio / 2 > BEAM else BEAM
        anchor, first_same = self._anchor, n_h + 1
        if anchor is not None and len(anchor[0]) == n_h:
            first_same = n_h  # rows from here on read words the anchor shares
            while first_same > 0 and words_h[first_same - 1] == anchor[0][first_same - 1]:
                first_same -= 1
        borrowed, offset = n_h + 1, 0
        costs = ops = np.empty((0, 0))
        for k, i in enumerate(range(start_h + 1, n_h + 1)):
            if k % CHUNK == 0:  # rows are allocated a few at a time: most shifted hypotheses stop early
                costs = np.full((min(CHUNK, n_h + 1 - i), self._n + 1), INF, dtype=np.int64)
                ops = np.full(costs.shape, UNDEF, dtype=np.int8)
            cost, op = costs[k % CHUNK], ops[k % CHUNK]
            window = self._window(i, n_h, ratio, beam)
            self._row(rows[i - 1][0], cost, op, words_h[i - 1], window)
            rows.append((cost, op))
            if anchor is not None and first_same <= i < n_h and (i - first_same) % 4 == 0:
                constant = self._converged(
                    cost[window[0] : window[1]], anchor[1][i][0][window[0] : window[1]]
                )
                if constant is not None:
                    borrowed, offset = i, constant
                    break
        if borrowed > n_h:
            self._anchor = (list(words_h), rows)
            distance = int(rows[-1][0][-1])
        else:
            assert anchor is not None
            distance = int(anchor[1][-1][0][-1]) + offset
        trace: list[str] = []
        i, j = n_h, self._n
        while i > 0 or j > 0:
            op = int((rows[i] if i <= borrowed else anchor[1][i])[1][j])  # type: ignore[index]
            trace.append(OPS[op])
            if op in (SUB, NOP):
                i, j = i - 1, j - 1
            elif op == INS:
                j -= 1
            elif op == DEL:
                i -= 1
            else:
                raise ValueError("undefined operation in the edit distance trace")
        return distance, "".join(reversed(trace))


@contextlib.contextmanager
def fast_beam() -> Iterator[None]:
    """Use FastBeamEditDistance inside sacrebleu's TER for the duration of the block."""
    original = lib_ter.BeamEditDistance
    lib_ter.BeamEditDistance = FastBeamEditDistance  # type: ignore[misc,assignment]
    try:
        yield
    finally:
        lib_ter.BeamEditDistance = original  # type: ignore[misc]


def ter_stats(hyp: str, ref: str, fast: bool = True) -> tuple[float, float]:
    """(edits, reference length) of one document; TER's corpus score sums these over documents."""
    from sacrebleu.metrics import TER

    with fast_beam() if fast else contextlib.nullcontext():
        result = TER().sentence_score(hyp, [ref])
    return float(result.num_edits), float(result.ref_length)
