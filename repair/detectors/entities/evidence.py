"""Evidence that a look-alike word stands for a dictionary entity, combined into a confidence."""

from __future__ import annotations

import math

from repair.detectors.entities.mentions import (
    MIN_NAME_LETTERS,
    PARTICLES,
    Mention,
    Word,
    is_inflection,
    known_token,
    sounds_alike,
)
from repair.document import Document
from repair.resources.dictionary import Entity
from repair.resources.entity_index import EntityIndex
from repair.resources.lexicon import at_least, base_language, zipf
from repair.resources.transliteration import (
    PHONETIC_NOTE,
    TRANSCRIPTION_SCHEMES,
    fold,
    is_persian_script,
    persian_sounds,
    phonetic_key,
    script_of,
    translit_key,
)

FUZZY_FLOOR = 0.7  # a word less similar than this to a name part is no look-alike of it
SOUND_FLOOR = 0.6  # ... unless it sounds the same (same metaphone key): then this similar suffices
SOUND_LOGIT = 0.8  # every garbled part sounds like its name part: the same name, heard and respelled
LONE_SIMILARITY = 0.88  # a word unknown to every word list this close to a place needs no other evidence
LONE_MIN_LETTERS = 5  # ... when it is this long: a short unknown word is too easily close to a name
CUE_SIMILARITY = 0.85  # a context word alone ties a look-alike to the entity only when it is this close
NAME_LIST_LANGUAGES = ("es", "fr")  # a lone word listed in these too is a name there (Almería, Chocó)
COMMON_NAME_ZIPF = 3.0  # a garbled part this frequent in English text (Schulz, Miller) names many people
GROWN_LETTERS = 2  # a word that is a name part after this many letters of its own is a longer name
OTHER_NAME_CEILING = 0.79  # below the safe tier: a look-alike that may be someone else's name (the two above)
ATTESTED_ZIPF = 2.0  # a word this frequent (here or in English) is attested: a word of its own
FUNCTION_WORD_ZIPF = 6.5  # an exact word this frequent (The, Los, Las) is an article, not a name part
GENERIC_PLACE_WORD_ZIPF = 5.0  # ... and beside a place, a word this common (Saint, North, سنت) is generic
ACRONYM_LETTERS = 5  # an all-capitals word this short is an acronym of its own
MIN_CUE_LETTERS = 3  # shorter context cues would match inside unrelated words
PERSIAN_STEM_ZIPF = 3.0  # a Persian word is an inflection when its stem is an ordinary word
PERSIAN_SUFFIXES = ("های", "ها", "ای", "اش", "ام", "ات", "مان", "تان", "شان", "ی", "ش")
# The logit of a garble (see `score_mention`): spelling similarity plus weighted evidence.
SIMILARITY_SLOPE = 12  # logit per unit of mean similarity: spelling is the main evidence
SIMILARITY_MIDPOINT = 0.72  # mean similarity at which spelling alone says nothing
PRIOR_LOGIT = 1.0  # subtracted: at the midpoint, a look-alike with no other evidence is below even odds
SUPPORT_LOGIT = 1.5  # per exact name part beside the garbled ones (a first name, "bin") ...
MAX_SUPPORT = 2  # ... counting at most two
SHORT_PART_LETTERS = 2  # a name part this short (Li, Xi, Wu) is the surname of millions ...
SHORT_PART_LOGIT = 0.5  # ... so beside it a look-alike may be another person ("Li Keqiang", "Li Qiang")
ELSEWHERE_LOGIT = 1.2  # the entity is named elsewhere in the document
CUE_LOGIT = 0.6  # a context word of the entity is in the sentence
ALL_CLOSE = 0.85  # several garbled parts, each at least this similar ...
ALL_CLOSE_LOGIT = 0.8  # ... are a garble of the whole name
IN_FULL_LOGIT = 0.4  # the entity is named elsewhere in full, not only by its surname
UNATTESTED_LOGIT = 0.6  # a lone garbled word that no word list knows is no word of its own


def persian_inflection(word: str) -> bool:
    """True when a Persian word is an ordinary word plus a suffix (جانشینش, ترکهای)."""
    for suffix in PERSIAN_SUFFIXES:
        stem = word.removesuffix(suffix).rstrip("\u200c")
        if stem != word and len(stem) >= 2 and zipf(stem, "fa") >= PERSIAN_STEM_ZIPF:
            return True
    return False


def _folded_sentence(document: Document, offset: int) -> str:
    """The folded sentence holding `offset`, kept per document: a sentence is long, so the
    per-word fold cache would keep few of them, and each of its candidate names asks again."""
    folded = document.memo.setdefault("entities:folded sentences", {})
    assert isinstance(folded, dict)
    sentence = document.sentence_at(offset)
    if sentence.start not in folded:
        folded[sentence.start] = fold(document.text[sentence.start : sentence.end])
    return str(folded[sentence.start])


def _context_hit(document: Document, index: EntityIndex, entity_id: int, word: Word) -> str | None:
    entity = index.entities[entity_id]
    text = _folded_sentence(document, word.start)
    for cue in entity.context:
        if len(cue) >= MIN_CUE_LETTERS and fold(cue) in text:
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
    """The confidence that a fuzzy mention garbles its entity's name, and the evidence; None
    when nothing ties the look-alike to the entity."""
    entity = index.entities[mention.form.entity]
    if entity.type != "person" and mention.first != 0:
        return None  # a place or organisation is named in full, not by its last word
    if entity.type != "person" and base_language(mention.form.language) not in (lang, "*"):
        return None  # a look-alike of another language's name of a place is a spelling of its own
    garbled = [(w, s) for w, s in zip(mention.words, mention.scores, strict=True) if s < 1.0]
    if any(known_token(index, w.text) or len(w.text) < MIN_NAME_LETTERS for w, _ in garbled):
        return None
    if len(garbled) == 1 and any(is_inflection(garbled[0][0].text, t) for t in _entity_tokens(entity)):
        return None
    support_ceiling = FUNCTION_WORD_ZIPF if entity.type == "person" else GENERIC_PLACE_WORD_ZIPF
    support = [
        w
        for w, s in zip(mention.words, mention.scores, strict=True)
        if s == 1.0 and w.text.lower() not in PARTICLES and zipf(w.text.lower(), lang) < support_ceiling
    ]
    sim = sum(s for _, s in garbled) / len(garbled)
    tokens = mention.form.tokens[mention.first : mention.last + 1]
    parts = [(w, t) for (w, t, s) in zip(mention.words, tokens, mention.scores, strict=True) if s < 1.0]
    sounds = all(sounds_alike(w.text, t) for w, t in parts)
    own = {w.index for w in mention.words}
    elsewhere = bool(mentioned.get(mention.form.entity, set()) - own)
    cue = _context_hit(document, index, mention.form.entity, mention.words[-1])
    # People are an open class (a painter Zalensky exists); places and organisations are not.
    lone = garbled[0][0].text if len(garbled) == 1 and not support and entity.type != "person" else None
    unattested = (
        lone is not None
        and len(lone) >= LONE_MIN_LETTERS
        and not zipf(lone.lower(), lang)
        and not zipf(lone.lower(), "en")
    )
    close = sim >= CUE_SIMILARITY or sounds
    homophone = bool(parts) and all(same_sounds(w.text, t, lang) for w, t in parts)
    # an unknown word this close, or spelling the place's sounds with other letters (واشنطن), is tied
    lone_tie = unattested and (sim >= LONE_SIMILARITY or homophone)
    tied = support or elsewhere or (cue and close) or lone_tie
    if not tied:
        return None  # a lone look-alike with nothing tying it to the entity is an unknown name
    if not support and is_persian_script(mention.words[0].text) and not homophone:
        return None  # Persian has no capitals: a lone word needs an adjacent name part as anchor
    z = (
        SIMILARITY_SLOPE * (sim - SIMILARITY_MIDPOINT)
        - PRIOR_LOGIT
        + SUPPORT_LOGIT * min(len([w for w in support if len(w.text) > SHORT_PART_LETTERS]), MAX_SUPPORT)
        + SHORT_PART_LOGIT * bool(support and all(len(w.text) <= SHORT_PART_LETTERS for w in support))
        + ELSEWHERE_LOGIT * elsewhere
        + CUE_LOGIT * bool(cue)
    )
    evidence = [f"spelling similarity {sim:.2f}"]
    if sounds:  # blocked on the phonetic key (else on the consonant skeleton, the default)
        z += SOUND_LOGIT
        keys = ", ".join(f"{w.text} ~ {t}: {phonetic_key(t)}" for w, t in parts)
        evidence.append(f"same sound (metaphone key {keys}; {PHONETIC_NOTE})")
    if len(garbled) >= 2 and min(s for _, s in garbled) >= ALL_CLOSE:
        z += ALL_CLOSE_LOGIT
        evidence.append(f"{len(garbled)} name parts all close")
    if support:
        evidence.append("next to " + " ".join(w.text for w in support))
    if elsewhere:
        evidence.append("entity named elsewhere in the document")
        if mention.form.entity in named_in_full:
            z += IN_FULL_LOGIT
            evidence.append("in full")
    if cue:
        evidence.append(f"context word '{cue}'")
    if len(garbled) == 1 and not support:
        word = garbled[0][0].text
        acronym = word.isupper() and len(word) <= ACRONYM_LETTERS
        if attested(word, lang) or acronym or persian_inflection(word):
            return None  # an attested word or name of its own, or an inflected ordinary word
        z += UNATTESTED_LOGIT
        evidence.append(f"'{word}' is not an attested word")
    confidence = 1 / (1 + math.exp(-z))
    grown = [w.text for w, t in parts if _grown_from(w.text, t)]
    if grown:  # "Keqiang" holds all of "Qiang" after a syllable of its own: a longer name, not a garble
        confidence = min(confidence, OTHER_NAME_CEILING)
        evidence.append(
            f"'{grown[0]}' holds the whole name part after letters of its own: maybe someone else"
        )
    if parts and all(zipf(w.text.lower(), "en") >= COMMON_NAME_ZIPF for w, _ in parts):
        confidence = min(confidence, OTHER_NAME_CEILING)  # "Olaf Schulz" is not always Olaf Scholz
        evidence.append(f"'{parts[0][0].text}' is a common name of its own: maybe someone else")
    return confidence, evidence


def attested(word: str, lang: str) -> bool:
    """True for a word the lists of the document's language, English, Spanish or French hold
    (ATTESTED_ZIPF): a word or name of its own, no lone garble of a dictionary name."""
    low = word.lower()
    if zipf(low, lang) >= ATTESTED_ZIPF:  # the document's own list, which its detectors read anyway
        return True
    others = (other for other in ("en", *NAME_LIST_LANGUAGES) if other != base_language(lang))
    return any(at_least(low, other, ATTESTED_ZIPF) for other in others)  # small tables of the rest


# Arabic has no گ پ چ ژ: a name written the Arabic way takes the nearest letter (سنکاپور, بوتین)
ARABIC_STAND_INS = str.maketrans({"گ": "ک", "پ": "ب", "چ": "ج", "ژ": "ز"})
ARABIC_NG = ("نک", "ن")  # ... and writes the ng of a foreign name as n (واشنطن for واشنگتن)


def same_sounds(word: str, token: str, lang: str) -> bool:
    """True for a word in no word list of the language that spells the token's sounds with
    other letters, letter for letter: Persian letters of the same sound ("طرامپ" for ترامپ), or
    the letters an Arabic spelling puts for گ پ چ ژ ("سنکاپور" for سنگاپور, "واشنطن" for
    واشنگتن), the choices a transliteration into Persian, or through Arabic, gets wrong."""
    if zipf(word, lang):
        return False
    said = persian_sounds(word).translate(ARABIC_STAND_INS)
    name = persian_sounds(token).translate(ARABIC_STAND_INS)
    return said == name or (ARABIC_NG[0] not in said and said == name.replace(*ARABIC_NG))


def _grown_from(written: str, token: str) -> bool:
    """True when the written word is the name part with GROWN_LETTERS or more letters before it."""
    word, part = fold(written), fold(token)
    return len(word) - len(part) >= GROWN_LETTERS and word.endswith(part)


def _entity_tokens(entity: Entity) -> set[str]:
    return {t for name in (*entity.names.values(), *entity.variants) for t in name.split()}


def _loose(text: str) -> str:
    return fold(text).replace("-", " ")


def is_native_spelling(document: Document, mention: Mention, entity: Entity, lang: str) -> bool:
    """True when the mention is the language's own spelling up to hyphens, or an inflection of it.
    A word of a longer name counts only for the language's own names: a variant accepted in every
    language ("République populaire de Chine") holds words of its language ("Chine" is no
    Spanish name of China)."""
    own = entity.names_in(lang)
    native = own + list(entity.variants)
    said = _loose(document.text[mention.words[0].start : mention.words[-1].end])
    if any(said == _loose(n) for n in native) or any(said in _loose(n).split() for n in own):
        return True
    word = mention.words[0].text
    return len(mention.words) == 1 and any(
        is_inflection(word, t) and (not is_persian_script(word) or _persian_suffixed(word, t))
        for n in own
        for t in n.split()
    )


def _persian_suffixed(word: str, stem: str) -> bool:
    """True when a Persian word is the stem plus a Persian suffix (آلمانی), not a spelling of
    another language that happens to start with it (ألمانيا, the Arabic name of آلمان)."""
    rest = fold(word).removeprefix(fold(stem))
    return rest != fold(word) and (not rest or rest in {fold(s) for s in PERSIAN_SUFFIXES})


READING_LOGIT = 1.5  # a whole machine reading of the native name (Huang Xuncai): rarely anyone else
READING_MIN_LETTERS = 7  # ... when it is this long: a short reading (Li Na) is a name of many people
READING_SURNAME_LOGIT = 0.6  # the surname part of a reading alone (Makron) needs the entity tied to it
READING_SURNAME_LETTERS = 5  # ... and this many letters: short romanised words are words or names
MANDARIN_PREFIX = "Mandarin"  # notes of Han readings; their last syllables are no surname
TRANSCRIBED_SURNAME_LETTERS = 6  # a surname read back from a sound transcription (Toranpu, from
# トランプ) this long is no Latin word or name of its own: a suggestion even with no other tie


def score_reading(
    document: Document,
    index: EntityIndex,
    mention: Mention,
    mentioned: dict[int, set[int]],
    lang: str,
) -> tuple[float, list[str]] | None:
    """The confidence that an exact match of a machine reading ("Huang Xuncai", the Mandarin
    reading of 黄循财) stands for its entity, and the evidence; None when it may be a name of its own.

    A reading spelled the way the entity's own names are, up to transliteration variants
    (Sergey for Sergei), is an accepted spelling, not a garble.
    """
    entity = index.entities[mention.form.entity]
    said = " ".join(w.text for w in mention.words)
    accepted = [n for lang_, n in entity.names.items() if script_of(n) == "Latin"] + list(entity.variants)
    if any(translit_key(said) in (translit_key(n), translit_key(n.split()[-1])) for n in accepted):
        return None
    whole = mention.first == 0 and len(mention.words) == len(mention.form.tokens)
    letters = sum(len(w.text) for w in mention.words)
    own = {w.index for w in mention.words}
    elsewhere = bool(mentioned.get(mention.form.entity, set()) - own)
    cue = _context_hit(document, index, mention.form.entity, mention.words[-1])
    evidence = [mention.form.note]
    if whole and len(mention.words) > 1 and letters >= READING_MIN_LETTERS:
        z = READING_LOGIT
    else:
        word = mention.words[-1].text
        transcribed = mention.form.note.startswith(TRANSCRIPTION_SCHEMES)
        if (
            mention.form.note.startswith(MANDARIN_PREFIX)
            or entity.type != "person"
            or len(mention.words) > 1
            or len(word) < READING_SURNAME_LETTERS
            or max(zipf(word.lower(), lang), zipf(word.lower(), "en")) >= ATTESTED_ZIPF
            or not (elsewhere or cue or (transcribed and len(word) >= TRANSCRIBED_SURNAME_LETTERS))
        ):
            return None
        z = READING_SURNAME_LOGIT
        evidence.append(f"'{word}' is not an attested word")
    if elsewhere:
        z += ELSEWHERE_LOGIT
        evidence.append("entity named elsewhere in the document")
    if cue:
        z += CUE_LOGIT
        evidence.append(f"context word '{cue}'")
    return 1 / (1 + math.exp(-z)), evidence
