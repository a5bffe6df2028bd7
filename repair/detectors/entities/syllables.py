"""Names read back through Chinese syllables ("Telungpu" for Trump, "Alegentina" for Argentina).

A word is such a reading when it is made of syllables of Chinese shape and its consonant key
(repair/resources/syllable_keys.py, stored for every name token in the entity index) is one
entity's name token, with the same onset.
"""

from __future__ import annotations

from repair.resources.entity_index import NAME, VARIANT, EntityIndex, FormRef
from repair.resources.syllable_keys import reading_key
from repair.resources.transliteration import fold


def syllable_reading(index: EntityIndex, word: str) -> list[tuple[FormRef, int]]:
    """The (name, position) pairs whose token the word reads as Chinese syllables: all of
    one entity's, or none when the key names two entities (or the word has no such shape)."""
    key = reading_key(word)
    if key is None:
        return []
    tokens = index.syllable_tokens(key)
    refs = [
        (ref, position)
        for token in sorted(tokens)
        for ref, position in index.refs_for_folded(token)
        if ref.kind in (NAME, VARIANT) and len(fold(word)) >= len(token) and _same_onset(word, token)
    ]
    return refs if len({ref.entity for ref, _ in refs}) == 1 else []


def _same_onset(word: str, token: str) -> bool:
    """A reading keeps the name's onset: a consonant for a consonant, the same first vowel for a
    vowel (A-gen-ting for Argentina; "Adamantina" is no reading of Edmonton)."""
    first, other = fold(word)[:1], fold(token)[:1]
    if first in "aeiou" or other in "aeiou":
        return first == other
    return True
