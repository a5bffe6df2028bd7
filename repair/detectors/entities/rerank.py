"""Context evidence for garbled names: does the sentence around the name fit the candidate?

The sentence is compared, with the suspect name removed, to each candidate entity's profile
(canonical name, description, context words) and to the document's other sentences that name
the candidate; the similarity shifts the candidate's confidence and is shown in the rationale.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from repair.document import Document
from repair.model import Span
from repair.resources.entity_index import EntityIndex
from repair.resources.transliteration import fold

if TYPE_CHECKING:
    from repair.detectors.entities.classify import Scored

NEUTRAL = 0.3  # similarity that neither raises nor lowers confidence
WEIGHT = 4.0  # logit change per unit of similarity above NEUTRAL
MAX_SENTENCES = 3  # other sentences naming the candidate compared, at most (bounds the encoder work)
SENTENCE_DISCOUNT = 0.8  # another sentence naming the candidate is weaker evidence than its profile
LOGIT_CLAMP = 1e-4  # probabilities are kept this far from 0 and 1 so the logit stays finite


def _logit(p: float) -> float:
    p = min(max(p, LOGIT_CLAMP), 1 - LOGIT_CLAMP)
    return math.log(p / (1 - p))


def _profile(index: EntityIndex, number: int, locale: str) -> str:
    entity = index.entities[number]
    name = entity.name_for(locale) or entity.name_for("en") or entity.id
    return f"{name}, {entity.description}. {', '.join(entity.context)}".strip()


def _sentences_naming(document: Document, index: EntityIndex, number: int, skip: Span) -> list[str]:
    surnames = {fold(n.split()[-1]) for n in index.entities[number].names.values() if n.split()}
    found = []
    for sentence in document.sentences:
        if sentence.overlaps(skip):
            continue
        text = document.text[sentence.start : sentence.end]
        if surnames & {fold(w) for w in text.replace(",", " ").split()}:
            found.append(text)
        if len(found) == MAX_SENTENCES:
            break
    return found


def rerank_by_context(
    document: Document, index: EntityIndex, garbled: dict[Span, list[Scored]], encoder: Any, locale: str
) -> None:
    """Adjust each candidate's confidence by how well its profile fits the masked sentence."""
    for span, options in garbled.items():
        sentence = document.sentence_at(span.start)
        masked = (document.text[sentence.start : span.start] + document.text[span.end : sentence.end]).strip()
        if not masked:
            continue
        for option in options:
            texts = [_profile(index, option.entity, locale)]
            texts += _sentences_naming(document, index, option.entity, sentence)
            similarities = encoder.similarity([masked], texts)[0].tolist()
            score = max(similarities[0], SENTENCE_DISCOUNT * max(similarities[1:], default=0.0))
            option.confidence = 1 / (1 + math.exp(-(_logit(option.confidence) + WEIGHT * (score - NEUTRAL))))
            option.evidence.append(f"context similarity {score:.2f} (sentence encoder)")
