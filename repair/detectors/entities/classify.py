"""Find entity mentions in a document and classify the suspicious ones (shared by the ENT detectors)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from repair.context import Context
from repair.detectors.entities.endings import (
    ENDING_LOGIT,
    LONG_ENDING,
    LONG_ENDING_LOGIT,
    Ending,
    ending_in_text,
    persian_proclitic,
)
from repair.detectors.entities.estimates import estimates_reaching, reaches
from repair.detectors.entities.evidence import (
    ELSEWHERE_LOGIT,
    FUZZY_FLOOR,
    IN_FULL_LOGIT,
    OTHER_NAME_CEILING,
    SOUND_FLOOR,
    attested,
    is_native_spelling,
    same_sounds,
    score_mention,
    score_reading,
)
from repair.detectors.entities.mentions import (
    MIN_NAME_LETTERS,
    PARTICLES,
    Mention,
    Word,
    adjacent,
    align,
    document_mentions,
    is_inflection,
    known_token,
    links,
    looks_like_name,
    person_or_single_token,
    run_continues,
    similarity,
    words_of,
    written_whole,
)
from repair.detectors.entities.shapes import selected
from repair.detectors.entities.syllables import syllable_reading
from repair.detectors.entities.venues import beside_facility_noun
from repair.document import Document
from repair.model import Span
from repair.resources.cache_sizes import WORD_CACHE
from repair.resources.dictionary import Entity
from repair.resources.entity_index import (
    DEPRECATED,
    EXONYM,
    NAME,
    ORIGINAL,
    READING,
    VARIANT,
    EntityIndex,
    FormRef,
    joined,
)
from repair.resources.lexicon import base_language, zipf
from repair.resources.syllable_keys import reading_key
from repair.resources.transliteration import (
    fold,
    is_persian_script,
    phonetic_key,
    script_of,
)

COMMON_ZIPF = 3.5  # a word this frequent in the document's language is an ordinary word, not a name
OPENERS = " \"“«'("  # what may stand between a sentence end and its first word
HOMOPHONE_LETTERS = 4  # a shorter Persian word spelled with a name's sounds is too often another word
ANCHOR_LETTERS = 2  # a neighbouring name part must be this long: an initial anchors nothing
EXONYM_WORD_ZIPF = 3.0  # a one-word exonym this frequent in the document's language is a word there
LATIN_FORM_LETTERS = 5  # a shorter Latin exonym in Persian text (Rim) is too often a word or name
ENGLISH_WORD_ZIPF = EXONYM_WORD_ZIPF  # a Latin form this frequent in English is a word there (Swede)
SCRIPT_SAMPLE = 2000  # characters read to tell whether a document is written in Persian script
LOOK_ALIKE_CACHE = WORD_CACHE  # distinct words whose look-alike names are kept for the run
LOWEST_FLOOR = min(SOUND_FLOOR, FUZZY_FLOOR)  # a candidate estimated below this cannot pass
LONE_READING_CONSONANTS = 5  # a syllable reading of an entity the text names nowhere else needs this many
SYLLABLE_LOGIT = 0.9  # a name read back through Chinese syllables: likely, but alone below the safe tier
PROCLITIC_CEILING = 0.79  # below the safe tier: a proclitic dropped with the name's repair may carry
# meaning, and an ending that is also a word may be two words run together


@dataclass(frozen=True, slots=True)
class Repair:
    """A replacement of the span covering the words that differ from the canonical spelling."""

    span: Span
    original: str
    replacement: str


def locale_spellings(index: EntityIndex, number: int, lang: str) -> dict[str, str]:
    """Locale -> spelling of an entity for a language with several locales (fa, fa-AF), else {}."""
    key = ("locales", number, lang)
    cached = index.memo.get(key)
    if cached is None:
        names = index.entities[number].names
        spellings = {loc: n for loc, n in names.items() if base_language(loc) == lang}
        cached = index.memo[key] = spellings if len({fold(n) for n in spellings.values()}) > 1 else {}
    return cached  # type: ignore[return-value]


def _locale_refs(index: EntityIndex, words: list[Word], lang: str) -> list[tuple[Word, FormRef, int]]:
    """Word matches of spellings that differ between the locales of the document's language."""
    if not index.splits_locales(lang):
        return []  # no name of the dictionary is spelled apart by this language's locales
    out = []
    for word in words:
        for ref, position in _locale_spelling_refs(index, word.text, lang):
            if _names_entity(index, words, word, ref, position):
                out.append((word, ref, position))
    return out


@lru_cache(maxsize=LOOK_ALIKE_CACHE)
def _locale_spelling_refs(index: EntityIndex, text: str, lang: str) -> tuple[tuple[FormRef, int], ...]:
    """The word's matches among the language's names that its locales spell apart: a pure
    function of the word, kept for the run (a token of a large dictionary has thousands of refs)."""
    return tuple(
        (ref, position)
        for ref, position in index.token_refs(text)
        if ref.kind == NAME
        and base_language(ref.language) == lang
        and locale_spellings(index, ref.entity, lang)
    )


def _names_entity(index: EntityIndex, words: list[Word], word: Word, ref: FormRef, position: int) -> bool:
    """True when the word names the entity: the name is written whole around it, or the word is a
    person's surname (a part of a longer name alone, the "و" of بوسنی و هرزگوین, names nothing)."""
    if len(ref.tokens) == 1:
        return True
    if position == len(ref.tokens) - 1 and index.entities[ref.entity].type == "person":
        return True
    return written_whole(words, word, ref, position)


def _locale_token(spellings: dict[str, str], word: Word, position: int) -> bool:
    """True when the word, at its position in the name, is spelled so by one locale only: a word
    that all locales share ("و" of بوسنی و هرزگوین, جدید of New Zealand) tells no locale."""
    said = fold(word.text)
    words = [s.split() for s in spellings.values()]
    return sum(position < len(w) and fold(w[position]) == said for w in words) == 1


def document_locale(index: EntityIndex, located: list[tuple[Word, FormRef, int]], lang: str) -> str:
    """The locale (e.g. fa or fa-AF) whose locale-specific spellings the document uses most."""
    votes: Counter[str] = Counter()
    for word, ref, position in located:
        spellings = locale_spellings(index, ref.entity, lang)
        mine = fold(spellings[ref.language])
        if sum(fold(s) == mine for s in spellings.values()) == 1 and _locale_token(spellings, word, position):
            votes[ref.language] += 1
    if not votes:
        return lang
    best = max(votes.values())
    return lang if votes.get(lang) == best else min(k for k, v in votes.items() if v == best)


def canonical_repair(
    document: Document, mention: Mention, canonical: str, person: bool = False
) -> Repair | None:
    """Replace the mention's differing words with the canonical spelling's tokens.

    A one-word spelling of a person (a learned or dated surname) maps to the surname alone.
    """
    target = canonical.split()
    size = len(mention.form.tokens)
    if len(target) == size:
        wanted = target[mention.first : mention.last + 1]
    elif len(mention.words) <= len(target) and (mention.first > 0 or (person and size == 1)):
        wanted = target[-len(mention.words) :]
    elif mention.first == 0:
        start, end = mention.words[0].start, mention.words[-1].end
        original = document.text[start:end]
        return None if fold(original) == fold(canonical) else Repair(Span(start, end), original, canonical)
    else:
        return None
    differing = [
        i for i, (w, t) in enumerate(zip(mention.words, wanted, strict=True)) if fold(w.text) != fold(t)
    ]
    if not differing:
        return None
    lo, hi = differing[0], differing[-1]
    start, end = mention.words[lo].start, mention.words[hi].end
    pieces, cursor = [], start
    for word, token in zip(mention.words[lo : hi + 1], wanted[lo : hi + 1], strict=True):
        pieces.append(document.text[cursor : word.start])
        pieces.append(token)
        cursor = word.end
    return Repair(Span(start, end), document.text[start:end], "".join(pieces))


@dataclass
class Scored:
    """A candidate entity for a suspicious span, with confidence and the evidence behind it."""

    entity: int
    repair: Repair
    confidence: float
    evidence: list[str]


@dataclass
class EntityAnalysis:
    """Everything the ENT detectors report on one document."""

    garbled: dict[Span, list[Scored]]
    foreign: list[tuple[Mention, Repair]]
    deprecated: list[tuple[Mention, Repair]]
    inconsistent: list[tuple[Word, str, int, int]]
    locale: str


def _left_in_latin(document: Document, index: EntityIndex, mention: Mention, persian: bool) -> bool:
    """True when a Persian document keeps, in Latin letters, the name another language gives a
    place ("Deutschland", "Moskau"): left from the source, not a gloss. Latin forms that English
    shares (FBI, Vladimir Putin: kept as a gloss or as is), English words (Swede), short forms
    and forms in parentheses or quotes stay quiet."""
    form = mention.form
    if not persian or form.kind != EXONYM or script_of(form.tokens[0]) != "Latin":
        return False
    said = " ".join(w.text for w in mention.words)
    entity = index.entities[form.entity]
    english = entity.names_in("en") + list(entity.variants)
    if fold(said) in {fold(n) for n in english} or len(said) < LATIN_FORM_LETTERS:
        return False
    if zipf(said.lower(), "en") >= ENGLISH_WORD_ZIPF:
        return False  # an English word (Swede): a gloss or a word, not a place's name
    before = document.text[: mention.words[0].start].rstrip(" ")
    return not before.endswith(("(", "«", '"', "“"))


def _after_name_word(document: Document, words: list[Word], first: Word) -> bool:
    """True when a capitalised word that does not start a sentence directly precedes `first`."""
    if first.index == 0:
        return False
    before = words[first.index - 1]
    if document.text[before.end : first.start] != " " or not before.text[:1].isupper():
        return False
    at = before.start
    while at > 0 and document.text[at - 1] in OPENERS:
        at -= 1  # the character before the word and any opening marks or spaces (no copy of the text)
    return at > 0 and document.text[at - 1] not in ".!?…\n:"


def _first_name_here(document: Document, words: list[Word], word: Word) -> bool:
    """True when the document also writes the word directly before another capitalised word."""
    folded = fold(word.text)
    return any(
        fold(w.text) == folded
        and w.index + 1 < len(words)
        and document.text[w.end : words[w.index + 1].start] == " "
        and words[w.index + 1].text[:1].isupper()
        for w in words
    )


def _article_and_native_name(document: Document, mention: Mention, entity: Entity, lang: str) -> bool:
    """True when the mention is another language's article before the entity's whole name in
    this language ("El Salvador" for the French "Salvador"): dropping the article needs this
    language's own ("au Salvador"), an editor's rewrite, not a spelling fix."""
    first = mention.words[0].text
    if len(mention.words) < 2 or first.casefold() not in PARTICLES:
        return False
    rest = fold(document.text[mention.words[1].start : mention.words[-1].end])
    return any(rest == fold(n) for n in entity.names_in(lang))


def _capitalised(word: str) -> bool:
    """Capitalised as a name is, a particle joined by a hyphen aside (al-Assad, el-Sisi, bin-Zayed)."""
    particle, hyphen, rest = word.partition("-")
    return word[:1].isupper() or bool(hyphen and particle in PARTICLES and rest[:1].isupper())


def foreign_form(
    document: Document, words: list[Word], index: EntityIndex, mention: Mention, lang: str, persian: bool
) -> bool:
    """True when the mention's words, as written, name exactly one entity, in some other language
    only, and are capitalised as names are (Latin script): the precision rules of a name left in
    another language's form ("Mailand" in English). A form that is also a name or variant in the
    document's language, or a name of a second entity, is no evidence of a foreign form."""
    if not persian:
        inner = [w for w in mention.words[1:] if w.text not in PARTICLES]
        if not all(_capitalised(w.text) for w in (mention.words[0], *inner)):
            return False
        place = index.entities[mention.form.entity].type != "person"  # a person's name follows a title
        if place and _after_name_word(document, words, mention.words[0]):
            return False  # "Stadio San Paolo": part of a longer proper noun
        if place and beside_facility_noun(document, words, mention.words[0], mention.words[-1], lang):
            return False  # "le stade San Paolo de Naples": the stadium's name, not São Paulo
        if len(mention.words) == 1 and _first_name_here(document, words, mention.words[0]):
            return False  # "Chad Hammel ... Chad said": somebody's first name, not the country
    said = tuple(fold(w.text) for w in mention.words)
    owners = set()
    for ref, position in index.token_refs(mention.words[-1].text):
        whole = len(ref.tokens) == len(said) or index.entities[ref.entity].type == "person"
        if position != len(ref.tokens) - 1 or tuple(fold(t) for t in ref.tokens[-len(said) :]) != said:
            continue
        if not whole:
            continue  # the tail of a longer place name ("... de Estados Unidos") names no other place
        if ref.kind == VARIANT or base_language(ref.language) == lang:
            return False
        if ref.kind != DEPRECATED:
            owners.add(ref.entity)
    return owners == {mention.form.entity}


def form_languages(index: EntityIndex, mention: Mention) -> list[str]:
    """The languages in which the mention's entity is spelled the way the mention is."""
    entity = index.entities[mention.form.entity]
    said = tuple(fold(w.text) for w in mention.words)
    spelled = [(lang, name) for lang, name in entity.names.items()]
    spelled += [(lang, form) for lang, forms in entity.exonyms.items() for form in forms]
    found = [lang for lang, name in spelled if tuple(fold(t) for t in name.split()[-len(said) :]) == said]
    if mention.form.note:  # a reading: the language of the original-script form it reads
        found.append(mention.form.language)
    return found or [mention.form.language]


@lru_cache(maxsize=LOOK_ALIKE_CACHE)
def _last_token_refs(index: EntityIndex, text: str) -> tuple[tuple[FormRef, int], ...]:
    """The spellings whose last token the word is: every mention ends with the spelling's last
    token, so an exact one is anchored there (a pure function of the word, kept for the run)."""
    return tuple((ref, p) for ref, p in index.token_refs(text) if p == len(ref.tokens) - 1)


def _exact_mentions(document: Document, index: EntityIndex, words: list[Word]) -> list[Mention]:
    found: dict[tuple[int, int, int, int], Mention] = {}
    for word in words:
        for ref, position in _last_token_refs(index, word.text):
            mention = align(document, words, word.index, ref, position, 1.0)
            if mention is not None and not run_continues(document, words, mention):
                key = (id(ref), mention.words[0].index, mention.words[-1].index, mention.first)
                found[key] = mention
    return list(found.values())


def _next_to_known_name(index: EntityIndex, words: list[Word], word: Word) -> bool:
    neighbours = words[max(0, word.index - 1) : word.index] + words[word.index + 1 : word.index + 2]
    return any(len(n.text) >= ANCHOR_LETTERS and person_or_single_token(index, n.text) for n in neighbours)


@lru_cache(maxsize=LOOK_ALIKE_CACHE)
def look_alikes(index: EntityIndex, text: str) -> tuple[str, ...]:
    """Folded dictionary tokens that the word may garble: similar enough (or sounding alike and
    nearly so), not a mere inflection, not a hyphenated compound of a one-piece name. A pure
    function of the word, so it is computed once per distinct word and index in a run; the
    similarity of every candidate is estimated in one rapidfuzz pass per measure (from the keys
    the index stores), which decides, but for an estimate too close to the floor to tell."""
    candidates = joined(index.key_blocks(text))  # a token in two keys' blocks is estimated twice
    if not candidates.tokens:
        return ()
    reaching: dict[str, tuple[int, float]] = {}
    for i, estimate in estimates_reaching(text, candidates, LOWEST_FLOOR):
        reaching.setdefault(candidates.tokens[i], (i, estimate))
    out = []
    sound = phonetic_key(text)  # sounds_alike(text, candidate), from the candidate's stored key
    for candidate in sorted(reaching):  # token order, as one merged block would give them
        i, estimate = reaching[candidate]
        floor = SOUND_FLOOR if sound and candidates.sounds[i] == sound else FUZZY_FLOOR
        if not reaches(text, candidate, estimate, floor) or is_inflection(text, candidate):
            continue
        if "-" in text and "-" not in candidate:
            continue  # a hyphenated compound (China-United) is no garble of a one-piece name
        out.append(candidate)
    return tuple(out)


def _lone_attested(document: Document, words: list[Word], word: Word, lang: str) -> bool:
    """True for an attested word (see evidence.attested) that no adjacent name-like word can join
    in a mention: score_mention rejects such a lone look-alike, so its look-alikes need no search."""
    if not attested(word.text, lang):
        return False
    if word.index > 0:
        before = words[word.index - 1]
        if adjacent(document, before, word) and looks_like_name(before, False):
            return False
    if word.index + 1 < len(words):
        after = words[word.index + 1]
        if adjacent(document, word, after) and looks_like_name(after, False):
            return False
    return True


def _homophone_spelling(index: EntityIndex, text: str, lang: str) -> bool:
    """True for a Persian-script word no word list knows that spells a name's sounds with other
    letters of the same sound (ط for ت, ص or ث for س, ح for ه, ...: "طرامپ" for ترامپ), the
    choice a transliteration into Persian gets wrong; it needs no neighbouring name."""
    return len(text) >= HOMOPHONE_LETTERS and any(
        same_sounds(text, c, lang) for c in look_alikes(index, text)
    )


def _fuzzy_mentions(
    document: Document,
    index: EntityIndex,
    words: list[Word],
    persian: bool,
    named: dict[int, set[int]],
) -> list[Mention]:
    """Inexact mentions of look-alike name parts, one per entity, spelling tokens, words and
    language class (see `_mention_key`). A word's spellings that share their tokens share one
    alignment; a one-word alignment of an attested word is dropped (score_mention rejects a lone
    look-alike that is an attested word), which at scale is most of a shared surname's spellings,
    and so is a one-word alignment with a person the document does not name elsewhere (`named`)
    and whose record lists no context words: score_mention has nothing to tie it to them."""
    lang = base_language(document.language)
    found: list[Mention] = []
    kept: set[tuple[object, ...]] = set()
    for word in words:
        text = word.text
        if (
            len(text) < MIN_NAME_LETTERS
            or known_token(index, text)
            or (not persian and not text[:1].isupper())
        ):
            continue
        if not persian and _lone_attested(document, words, word, lang):
            continue  # score_mention drops a lone look-alike that is an attested word: no need to look
        if persian and (
            zipf(text, lang) >= COMMON_ZIPF
            or not (_next_to_known_name(index, words, word) or _homophone_spelling(index, text, lang))
        ):
            continue  # Persian garbles are only trusted beside an exact name part (see score_mention)
        candidates = look_alikes(index, text)
        if not candidates:
            continue
        at = word.index
        # an alignment extends only over an adjacent word that may be a name (any word for a
        # Persian-script spelling, see looks_like_name): without one it stops at this word
        joinable = _joinable(document, words, at, at - 1), _joinable(document, words, at, at + 1)
        lone_rejected = attested(text, lang)  # score_mention rejects this word as a lone look-alike
        for candidate in candidates:
            for _, ref, aligned in _aligned_spellings(
                document, index, words, word, candidate, named, joinable, lone_rejected
            ):
                key = _mention_key(ref, aligned, lang)
                if key not in kept:
                    kept.add(key)
                    found.append(
                        aligned
                        if aligned.form is ref
                        else Mention(ref, aligned.words, aligned.first, aligned.scores)
                    )
    return found


def _aligned_spellings(
    document: Document,
    index: EntityIndex,
    words: list[Word],
    word: Word,
    candidate: str,
    named: dict[int, set[int]],
    joinable: tuple[tuple[bool, bool], tuple[bool, bool]],
    lone_rejected: bool,
) -> list[tuple[int, FormRef, Mention]]:
    """(order, spelling, alignment) of the candidate's spellings that align at the word into a
    mention score_mention may tie to its entity, in the order of `refs_for_folded`: each shape
    is aligned once, and a large shape table gives only the shapes its neighbour tokens and
    entities select (see shapes.py)."""
    at = word.index
    left, right = joinable  # (Latin, Persian-script) spellings may extend over the word before, after
    before = words[at - 1].text if any(left) else None
    after = words[at + 1].text if any(right) else None
    shapes = selected(index, candidate, before, after, joinable, named, FUZZY_FLOOR)
    out: list[tuple[int, FormRef, Mention]] = []
    for shape in shapes:
        script = shape.persian
        if not shape.ends_here:
            if not right[script]:
                continue  # a mention ends with the spelling's last token, which no word here can take
            if similarity(words[at + 1].text, shape.tokens[shape.position + 1]) < FUZZY_FLOOR:
                continue  # ... nor the word after it the next token: the alignment stops here
            alone = False
        else:
            alone = (
                shape.position == 0
                or not left[script]
                or similarity(words[at - 1].text, shape.tokens[shape.position - 1]) < FUZZY_FLOOR
            )  # the word before cannot take the token before: the alignment is this word alone
            if alone and lone_rejected:
                continue  # it can only be this word alone, an attested word: score_mention rejects it
        spellings = shape.spellings
        if alone:
            spellings = tuple(s for s in spellings if _may_be_tied(index, s.entity, named, at))
            if not spellings:
                continue
        first = shape.ref(spellings[0])
        aligned = align(document, words, at, first, shape.position, FUZZY_FLOOR)
        if aligned is None or (
            aligned.exact
            or (lone_rejected and len(aligned.words) == 1)
            or run_continues(document, words, aligned)
        ):
            continue
        out.extend((s.row, shape.ref(s), aligned) for s in spellings)
    out.sort(key=lambda found: found[0])
    return out


def _may_be_tied(index: EntityIndex, entity: int, named: dict[int, set[int]], at: int) -> bool:
    """False for a person whose record lists no context words and whom the document names
    nowhere but at this word: score_mention ties a lone look-alike of a person only to one named
    elsewhere or by a context word, so a one-word alignment with them is never scored."""
    return not index.is_uncued_person(entity) or bool(named.get(entity, set()) - {at})


def _one_surname(index: EntityIndex, ending: Ending, named_in_full: set[int], locale: str) -> Ending | None:
    """The ending's reading for the person the document names in full, when several people
    share the surname (Rodrigo and Sara Duterte): the repair writes the surname, the same for
    all of them in this locale, so the choice names whom the rationale means; None when they
    spell it apart."""
    if not ending.rivals:
        return ending
    choices = [(ending.form, ending.position), *ending.rivals]
    names = [index.entities[ref.entity].name_for(locale) for ref, _ in choices]
    if not all(names) or len({name.split()[-1] for name in names if name}) != 1:
        return None
    named = [(ref, pos) for ref, pos in choices if ref.entity in named_in_full]
    if len(named) == 1:
        return replace(ending, form=named[0][0], position=named[0][1], rivals=())
    return ending  # its rivals kept: two plausible people, so `score_ending` keeps it below safe


def _syllable_mention(
    document: Document,
    index: EntityIndex,
    word: Word,
    named: dict[int, set[int]],
    named_in_full: set[int],
    lang: str,
    locale: str,
) -> Scored | None:
    """A word that reads a dictionary name back through Chinese syllables ("Telangpu" for
    Trump), when it is no word or name of its own (see syllables.py)."""
    key = reading_key(word.text)  # a cheap shape and key test first: most words fail it
    if key is None:
        return None
    refs = syllable_reading(index, word.text, key)
    if not refs or known_token(index, word.text) or attested(word.text, lang):
        return None
    ref, position = refs[0]
    elsewhere = bool(named.get(ref.entity, set()) - {word.index})
    if not elsewhere and len(key) < LONE_READING_CONSONANTS:
        return None  # "Balarin", a surname, has Berlin's four consonants: a lone reading needs more
    entity = index.entities[ref.entity]
    canonical = entity.name_for(locale)
    mention = Mention(ref, (word,), position, (0.0,))
    repair = canonical_repair(document, mention, canonical, entity.type == "person") if canonical else None
    if repair is None:
        return None
    name = ref.tokens[position]
    z = SYLLABLE_LOGIT + ELSEWHERE_LOGIT * elsewhere + IN_FULL_LOGIT * (ref.entity in named_in_full)
    evidence = [
        f"'{word.text}' reads {name} through Chinese syllables (consonants {key}: "
        "r as l, a vowel after each consonant)",
        f"'{word.text}' is not an attested word",
    ]
    if elsewhere:
        evidence.append("entity named elsewhere in the document")
    return Scored(ref.entity, repair, 1 / (1 + math.exp(-z)), evidence)


def _joinable(document: Document, words: list[Word], at: int, over: int) -> tuple[bool, bool]:
    """Whether an alignment at word `at` may extend over the next word `over` (one before or
    after it), for a Latin spelling and for a Persian-script one: the word must exist, be
    adjacent and look like a name as `looks_like_name` has it (any word for Persian script)."""
    if not 0 <= over < len(words) or not links(document, words)[max(at, over)]:
        return False, False
    return looks_like_name(words[over], False), looks_like_name(words[over], True)


def _mention_key(ref: FormRef, aligned: Mention, lang: str) -> tuple[object, ...]:
    """What score_mention and canonical_repair read of a mention: its entity, the spelling's
    tokens and kind, whether the spelling is of the document's language (or of every one), and
    the words aligned. Spellings of one name in several languages give the same key: the first
    is scored, and the others would score alike and be dropped by _add_option."""
    native = base_language(ref.language) in (lang, "*")
    return (
        ref.entity,
        ref.tokens,
        ref.kind,
        native,
        aligned.first,
        aligned.words[0].index,
        len(aligned.words),
    )


def score_ending(ending: Ending, mention: Mention, mentioned: dict[int, set[int]]) -> tuple[float, list[str]]:
    """Confidence and evidence that a surname with a glued case ending is the entity's."""
    elsewhere = bool(mentioned.get(ending.form.entity, set()) - {mention.words[0].index})
    z = ENDING_LOGIT + LONG_ENDING_LOGIT * (len(ending.ending) >= LONG_ENDING) + ELSEWHERE_LOGIT * elsewhere
    name = ending.form.tokens[ending.position]
    if ending.prefix:
        evidence = [f"{ending.source} '{ending.ending}-' glued before {name}"]
    else:
        evidence = [f"{ending.source} case ending '-{ending.ending}' glued to {name}"]
    if elsewhere:
        evidence.append("entity named elsewhere in the document")
    confidence = 1 / (1 + math.exp(-z))
    if ending.prefix:  # the clitic means something (by, to, and): dropping it is an editor's call
        confidence = min(confidence, PROCLITIC_CEILING)
    if ending.also_glue:
        evidence.append(f"or '{name} {ending.ending}', two words run together")
        confidence = min(confidence, PROCLITIC_CEILING)
    if ending.rivals:
        evidence.append(f"{len(ending.rivals) + 1} people are called {name}: maybe another")
        confidence = min(confidence, OTHER_NAME_CEILING)
    return confidence, evidence


def _add_option(garbled: dict[Span, list[Scored]], option: Scored) -> None:
    """Add a candidate for its span, keeping the most confident one per entity."""
    options = garbled.setdefault(option.repair.span, [])
    same = next((o for o in options if o.entity == option.entity), None)
    if same is None or same.confidence < option.confidence:
        if same:
            options.remove(same)
        options.append(option)


def analyse_entities(document: Document, context: Context) -> EntityAnalysis:
    """Find every entity mention and classify the suspicious ones (cached per document)."""
    cached = document.memo.get("entities")
    if isinstance(cached, EntityAnalysis):
        return cached
    index = context.index
    words = words_of(document)
    lang = base_language(document.language)
    persian = lang == "fa" or is_persian_script(document.text[:SCRIPT_SAMPLE])
    located = _locale_refs(index, words, lang)
    locale = document_locale(index, located, lang)
    mentioned = document_mentions(index, words)
    exact = _exact_mentions(document, index, words)

    native_words: set[int] = set()
    for m in exact:
        whole = m.first == 0 and len(m.words) == len(m.form.tokens)
        if not whole and index.entities[m.form.entity].type != "person":
            continue  # "Nord" of "Organisation du traité de l'Atlantique nord" makes no word native
        if m.form.kind == VARIANT or (base_language(m.form.language) == lang and m.form.kind == NAME):
            native_words.update(w.index for w in m.words)

    foreign, deprecated = [], []
    dated_words = {
        w.index
        for m in exact
        if m.form.kind == DEPRECATED and base_language(m.form.language) == lang
        for w in m.words
    }
    for m in exact:
        entity = index.entities[m.form.entity]
        canonical = entity.name_for(locale)
        if canonical is None:
            continue
        if m.form.kind == DEPRECATED and base_language(m.form.language) == lang:
            repair = canonical_repair(document, m, canonical, entity.type == "person")
            if repair:
                deprecated.append((m, repair))
        elif m.form.kind in (NAME, EXONYM, ORIGINAL) and base_language(m.form.language) != lang:
            if script_of(m.form.tokens[0]) != script_of(canonical) and not _left_in_latin(
                document, index, m, persian
            ):
                continue  # a name quoted in its original script is not a misspelling
            if any(w.index in dated_words for w in m.words) or _article_and_native_name(
                document, m, entity, lang
            ):
                continue  # "El Salvador" in French; but "Baschar al-Assad" (al-Assad is French) is foreign
            if len(m.words) == 1 and zipf(m.words[0].text.lower(), lang) >= COMMON_ZIPF:
                continue
            if entity.type != "person" and (m.first != 0 or len(m.words) < len(m.form.tokens)):
                continue
            if is_native_spelling(document, m, entity, lang) or not foreign_form(
                document, words, index, m, lang, persian
            ):
                continue
            if (
                m.form.kind == EXONYM
                and len(m.words) == 1
                and zipf(m.words[0].text, lang) >= EXONYM_WORD_ZIPF
            ):
                continue
            repair = canonical_repair(document, m, canonical)
            if repair:
                foreign.append((m, repair))

    named_in_full = {
        m.form.entity
        for m in exact
        if len(m.form.tokens) > 1 and m.first == 0 and len(m.words) == len(m.form.tokens)
    }
    garbled: dict[Span, list[Scored]] = {}
    read: set[int] = set()  # words of a reading found: no fuzzy guess competes for them
    for m in exact:
        if m.form.kind != READING or all(w.index in native_words or w.index in dated_words for w in m.words):
            continue
        entity = index.entities[m.form.entity]
        canonical = entity.name_for(locale)
        scored = score_reading(document, index, m, mentioned, lang) if canonical else None
        repair = (
            canonical_repair(document, m, canonical, entity.type == "person")
            if scored and canonical
            else None
        )
        if scored and repair:
            read.update(w.index for w in m.words)
            _add_option(garbled, Scored(m.form.entity, repair, *scored))
    # a name with a case ending or a clitic names its entity too: a look-alike elsewhere is tied to it
    named = {entity: set(found) for entity, found in mentioned.items()}
    for word in words:
        if word.index in read or word.index in native_words:
            continue
        ending = (
            persian_proclitic(index, word.text)
            if persian
            else ending_in_text(index, document.text, word.end, word.text, lang)
        )
        ending = _one_surname(index, ending, named_in_full, locale) if ending else None
        owner = index.entities[ending.form.entity] if ending else None
        canonical = owner.name_for(locale) if owner else None
        if ending is None or owner is None or canonical is None:
            continue
        m = Mention(ending.form, (word,), ending.position, (0.0,))
        repair = canonical_repair(document, m, canonical, owner.type == "person")
        if repair is not None:
            read.add(word.index)
            named.setdefault(ending.form.entity, set()).add(word.index)
            _add_option(garbled, Scored(ending.form.entity, repair, *score_ending(ending, m, mentioned)))
    if not persian:
        for word in words:
            if word.index in read or word.index in native_words or not word.text[:1].isupper():
                continue
            scored_reading = _syllable_mention(document, index, word, named, named_in_full, lang, locale)
            if scored_reading is not None:
                read.add(word.index)
                _add_option(garbled, scored_reading)
    for m in _fuzzy_mentions(document, index, words, persian, named):
        if any(w.index in read for w in m.words):
            continue
        entity = index.entities[m.form.entity]
        canonical = entity.name_for(locale)
        scored = score_mention(document, index, m, named, named_in_full, lang) if canonical else None
        if not scored or not canonical:
            continue
        repair = canonical_repair(document, m, canonical)
        if repair is None:
            continue
        _add_option(garbled, Scored(m.form.entity, repair, *scored))

    encoder = context.encoder_for(document.language)
    if encoder is not None and garbled:
        from repair.detectors.entities.rerank import rerank_by_context

        rerank_by_context(document, index, garbled, encoder, locale)
    analysis = EntityAnalysis(garbled, foreign, deprecated, _inconsistent(index, located, lang), locale)
    document.memo["entities"] = analysis
    return analysis


def _inconsistent(
    index: EntityIndex, located: list[tuple[Word, FormRef, int]], lang: str
) -> list[tuple[Word, str, int, int]]:
    """Words spelling an entity one locale's way while the document mostly uses another's."""
    by_entity: dict[tuple[int, int], dict[str, list[Word]]] = {}
    spelled: dict[tuple[int, int, str], str] = {}
    for word, ref, position in located:
        spellings = locale_spellings(index, ref.entity, lang)
        forms = {fold(s.split()[position]) for s in spellings.values() if len(s.split()) == len(ref.tokens)}
        if len(forms) < 2:
            continue
        group = by_entity.setdefault((ref.entity, position), {})
        folded = fold(word.text)
        if word not in group.setdefault(folded, []):
            group[folded].append(word)
        spelled[(ref.entity, position, folded)] = ref.tokens[position]
    out = []
    for (entity, position), groups in by_entity.items():
        if len(groups) < 2:
            continue
        ranked = sorted(groups.items(), key=lambda kv: -len(kv[1]))
        (top, top_words), (_, second_words) = ranked[0], ranked[1]
        if len(top_words) == len(second_words):
            continue
        for _, minority in ranked[1:]:
            out += [(w, spelled[(entity, position, top)], len(top_words), entity) for w in minority]
    return out
