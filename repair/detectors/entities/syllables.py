"""Names read back through Chinese syllables ("Telungpu" for Trump, "Alegentina" for Argentina).

A word is such a reading when it is made of syllables of Chinese shape and its consonant key
(repair/resources/syllable_keys.py, stored for every name token in the entity index) is one
entity's name token, with the same onset.
"""

from __future__ import annotations

from repair.resources.entity_index import NAME, VARIANT, EntityIndex, FormRef
from repair.resources.transliteration import fold


def syllable_reading(index: EntityIndex, word: str, key: str) -> list[tuple[FormRef, int]]:
    """The (name, position) pairs whose token the word, of consonant key `key` (its
    syllable_keys.reading_key), reads as Chinese syllables: all of one entity's, or none when
    the key names two entities."""
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
