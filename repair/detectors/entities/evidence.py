"""Evidence that a look-alike word stands for a dictionary entity, combined into a confidence."""

from __future__ import annotations

import math

from repair.detectors.entities.mentions import (
    PARTICLES,
    Mention,
    Word,
    is_inflection,
    known_token,
)
from repair.document import Document
from repair.resources.dictionary import Entity
from repair.resources.entity_index import EntityIndex
from repair.resources.lexicon import base_language, zipf
from repair.resources.transliteration import fold, is_persian_script

FUZZY_FLOOR = 0.7
LONE_SIMILARITY = 0.88  # a word unknown to every word list this close to a place needs no other evidence
ATTESTED_ZIPF = 2.0
PERSIAN_SUFFIXES = ("های", "ها", "ای", "اش", "ام", "ات", "مان", "تان", "شان", "ی", "ش")


def persian_inflection(word: str) -> bool:
    """True when a Persian word is an ordinary word plus a suffix (جانشینش, ترکهای)."""
    for suffix in PERSIAN_SUFFIXES:
        stem = word.removesuffix(suffix).rstrip("\u200c")
        if stem != word and len(stem) >= 2 and zipf(stem, "fa") >= 3.0:
            return True
    return False


def _context_hit(document: Document, index: EntityIndex, entity_id: int, word: Word) -> str | None:
    entity = index.entities[entity_id]
    sentence = document.sentence_at(word.start)
    text = fold(document.text[sentence.start : sentence.end])
    for cue in entity.context:
        if len(cue) >= 3 and fold(cue) in text:
            return cue
    return None


def score_mention(
    document: Document,
    index: EntityIndex,
    mention: Mention,
    mentioned: dict[int, set[int]],
    named_in_full: set[int],
    lang: str,
) -> tuple[float, list[str]] | None:
    entity = index.entities[mention.form.entity]
    if entity.type != "person" and mention.first != 0:
        return None  # a place or organisation is named in full, not by its last word
    garbled = [(w, s) for w, s in zip(mention.words, mention.scores, strict=True) if s < 1.0]
    if any(known_token(index, w.text) or len(w.text) < 3 for w, _ in garbled):
        return None
    if len(garbled) == 1 and any(is_inflection(garbled[0][0].text, t) for t in _entity_tokens(entity)):
        return None
    support = [
        w
        for w, s in zip(mention.words, mention.scores, strict=True)
        if s == 1.0 and w.text.lower() not in PARTICLES
    ]
    sim = sum(s for _, s in garbled) / len(garbled)
    own = {w.index for w in mention.words}
    elsewhere = bool(mentioned.get(mention.form.entity, set()) - own)
    cue = _context_hit(document, index, mention.form.entity, mention.words[-1])
    # People are an open class (a painter Zalensky exists); places and organisations are not.
    lone = garbled[0][0].text if len(garbled) == 1 and not support and entity.type != "person" else None
    unattested = (
        lone is not None and len(lone) >= 5 and not zipf(lone.lower(), lang) and not zipf(lone.lower(), "en")
    )
    if not (support or elsewhere or (cue and sim >= 0.85) or (unattested and sim >= LONE_SIMILARITY)):
        return None  # a lone look-alike with nothing tying it to the entity is an unknown name
    if not support and is_persian_script(mention.words[0].text):
        return None  # Persian has no capitals: a lone word needs an adjacent name part as anchor
    z = 12 * (sim - 0.72) - 1.0 + 1.5 * min(len(support), 2) + 1.2 * elsewhere + 0.6 * bool(cue)
    evidence = [f"spelling similarity {sim:.2f}"]
    if len(garbled) >= 2 and min(s for _, s in garbled) >= 0.85:
        z += 0.8
        evidence.append(f"{len(garbled)} name parts all close")
    if support:
        evidence.append("next to " + " ".join(w.text for w in support))
    if elsewhere:
        evidence.append("entity named elsewhere in the document")
        if mention.form.entity in named_in_full:
            z += 0.4
            evidence.append("in full")
    if cue:
        evidence.append(f"context word '{cue}'")
    if len(garbled) == 1 and not support:
        word = garbled[0][0].text
        frequency = max(zipf(word.lower(), lang), zipf(word.lower(), "en"))
        if frequency >= ATTESTED_ZIPF or (word.isupper() and len(word) <= 5) or persian_inflection(word):
            return None  # an attested word or name of its own, or an inflected ordinary word
        z += 0.6
        evidence.append(f"'{word}' is not an attested word")
    return 1 / (1 + math.exp(-z)), evidence


def _entity_tokens(entity: Entity) -> set[str]:
    return {t for name in (*entity.names.values(), *entity.variants) for t in name.split()}


def _loose(text: str) -> str:
    return fold(text).replace("-", " ")


def is_native_spelling(document: Document, mention: Mention, entity: Entity, lang: str) -> bool:
    """True when the mention is the language's own spelling up to hyphens, or an inflection of it."""
    native = [n for loc, n in entity.names.items() if base_language(loc) == lang] + list(entity.variants)
    said = _loose(document.text[mention.words[0].start : mention.words[-1].end])
    if any(said == _loose(n) or said in _loose(n).split() for n in native):
        return True
    return len(mention.words) == 1 and any(
        is_inflection(mention.words[0].text, t) for n in native for t in n.split()
    )
