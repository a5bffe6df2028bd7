"""What detectors share for one run: the entity index and the optional sentence encoder."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from repair.resources.entity_index import EntityIndex


@dataclass
class Context:
    """What detectors share for one run (per-document results live in `Document.memo`)."""

    index: EntityIndex
    encoder: Any = None  # repair.resources.encoder.SentenceEncoder when --neural is on
    neural_languages: tuple[str, ...] | None = None  # languages the encoder knows (None: all)

    def encoder_for(self, language: str) -> Any:
        """The sentence encoder when it may be used for a document in `language`, else None."""
        if self.encoder is None:
            return None
        base = language.split("-")[0]
        return self.encoder if self.neural_languages is None or base in self.neural_languages else None


def build_context(
    dictionaries: Iterable[Path] = (), neural: bool = False, model: str | None = None
) -> Context:
    """The context for a run: the merged dictionary index, and the sentence encoder with `neural`."""
    from repair.resources.entity_index import load_index

    index = load_index(list(dictionaries))
    if not neural:
        return Context(index=index)
    from repair.resources.encoder import load_encoder

    encoder, languages = load_encoder(model)
    return Context(index=index, encoder=encoder, neural_languages=languages)
