"""ENT: entity names garbled by machine translation, foreign, inconsistent or deprecated spellings."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from repair.analysis import Context
from repair.detectors.entity_match import (
    PARTICLES,
    Mention,
    Word,
    align,
    document_mentions,
    is_inflection,
    known_token,
    run_continues,
    similarity,
    words_of,
)
from repair.dictionary import Entity
from repair.document import Document
from repair.entity_index import DEPRECATED, NAME, VARIANT, EntityIndex, FormRef
from repair.lexicon import base_language, zipf
from repair.model import Applicability, Edit, Finding, Proposal, Severity, Span
from repair.registry import detector
from repair.transliteration import fold, is_persian_script

FUZZY_FLOOR = 0.7
REPORT_AT = 0.6
ATTESTED_ZIPF = 2.0
PERSIAN_SUFFIXES = ("های", "ها", "ای", "اش", "ام", "ات", "مان", "تان", "شان", "ی", "ش")


def persian_inflection(word: str) -> bool:
    """True when a Persian word is an ordinary word plus a suffix (جانشینش, ترکهای)."""
    for suffix in PERSIAN_SUFFIXES:
        stem = word.removesuffix(suffix).rstrip("\u200c")
        if stem != word and len(stem) >= 2 and zipf(stem, "fa") >= 3.0:
            return True
    return False


SAFE_AT = 0.8


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
    out = []
    for word in words:
        for ref, position in index.token_refs(word.text):
            if (
                ref.kind == NAME
                and base_language(ref.language) == lang
                and locale_spellings(index, ref.entity, lang)
            ):
                out.append((word, ref, position))
    return out


def document_locale(index: EntityIndex, located: list[tuple[Word, FormRef, int]], lang: str) -> str:
    """The locale (e.g. fa or fa-AF) whose locale-specific spellings the document uses most."""
    votes: Counter[str] = Counter()
    for _, ref, _ in located:
        spellings = locale_spellings(index, ref.entity, lang)
        mine = fold(spellings[ref.language])
        if sum(fold(s) == mine for s in spellings.values()) == 1:
            votes[ref.language] += 1
    if not votes:
        return lang
    best = max(votes.values())
    return lang if votes.get(lang) == best else min(k for k, v in votes.items() if v == best)


def canonical_repair(document: Document, mention: Mention, canonical: str) -> Repair | None:
    """Replace the mention's differing words with the canonical spelling's tokens."""
    target = canonical.split()
    size = len(mention.form.tokens)
    if len(target) == size:
        wanted = target[mention.first : mention.last + 1]
    elif len(mention.words) <= len(target) and mention.first > 0:
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


def _context_hit(document: Document, index: EntityIndex, entity_id: int, word: Word) -> str | None:
    entity = index.entities[entity_id]
    sentence = document.sentence_at(word.start)
    text = fold(document.text[sentence.start : sentence.end])
    for cue in entity.context:
        if len(cue) >= 3 and fold(cue) in text:
            return cue
    return None


def _score(
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
    if not (support or elsewhere or (cue and sim >= 0.85)):
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


def _is_native_spelling(document: Document, mention: Mention, entity: Entity, lang: str) -> bool:
    """True when the mention is the language's own spelling up to hyphens, or an inflection of it."""
    native = [n for loc, n in entity.names.items() if base_language(loc) == lang] + list(entity.variants)
    said = _loose(document.text[mention.words[0].start : mention.words[-1].end])
    if any(said == _loose(n) or said in _loose(n).split() for n in native):
        return True
    return len(mention.words) == 1 and any(
        is_inflection(mention.words[0].text, t) for n in native for t in n.split()
    )


def _exact_mentions(document: Document, index: EntityIndex, words: list[Word]) -> list[Mention]:
    found: dict[tuple[int, int, int, int], Mention] = {}
    for word in words:
        for ref, position in index.token_refs(word.text):
            if position != len(ref.tokens) - 1:
                continue  # every mention ends with the spelling's last token: anchor there
            mention = align(document, words, word.index, ref, position, 1.0)
            if mention is not None and not run_continues(document, words, mention):
                key = (id(ref), mention.words[0].index, mention.words[-1].index, mention.first)
                found[key] = mention
    return list(found.values())


def _next_to_known_name(index: EntityIndex, words: list[Word], word: Word) -> bool:
    neighbours = words[max(0, word.index - 1) : word.index] + words[word.index + 1 : word.index + 2]
    return any(len(n.text) >= 2 and known_token(index, n.text) for n in neighbours)


def _fuzzy_mentions(
    document: Document, index: EntityIndex, words: list[Word], persian: bool
) -> list[Mention]:
    lang = base_language(document.language)
    found: list[Mention] = []
    for word in words:
        text = word.text
        if len(text) < 3 or known_token(index, text) or (not persian and not text[:1].isupper()):
            continue
        if persian and (zipf(text, lang) >= 3.5 or not _next_to_known_name(index, words, word)):
            continue  # Persian garbles are only trusted beside an exact name part (see _score)
        for candidate in index.similar_tokens(text):
            if similarity(text, candidate) < FUZZY_FLOOR or is_inflection(text, candidate):
                continue
            for ref, position in index.refs_for_folded(candidate):
                if ref.kind == DEPRECATED or ref.tokens[position].isupper():
                    continue
                mention = align(document, words, word.index, ref, position, FUZZY_FLOOR)
                if mention and not mention.exact and not run_continues(document, words, mention):
                    found.append(mention)
    return found


def analyse_entities(document: Document, context: Context) -> EntityAnalysis:
    """Find every entity mention and classify the suspicious ones (cached per document)."""
    cached = document.memo.get("entities")
    if isinstance(cached, EntityAnalysis):
        return cached
    index = context.index
    words = words_of(document)
    lang = base_language(document.language)
    persian = lang == "fa" or is_persian_script(document.text[:2000])
    located = _locale_refs(index, words, lang)
    locale = document_locale(index, located, lang)
    mentioned = document_mentions(index, words)
    exact = _exact_mentions(document, index, words)

    native_words: set[int] = set()
    for m in exact:
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
            repair = canonical_repair(document, m, canonical)
            if repair:
                deprecated.append((m, repair))
        elif m.form.kind == NAME and base_language(m.form.language) != lang:
            if is_persian_script(m.form.tokens[0]) != is_persian_script(canonical):
                continue  # a name quoted in its original script is not a misspelling
            if any(w.index in native_words or w.index in dated_words for w in m.words):
                continue
            if len(m.words) == 1 and zipf(m.words[0].text.lower(), lang) >= 3.5:
                continue
            if entity.type != "person" and (m.first != 0 or len(m.words) < len(m.form.tokens)):
                continue
            if _is_native_spelling(document, m, entity, lang):
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
    for m in _fuzzy_mentions(document, index, words, persian):
        entity = index.entities[m.form.entity]
        canonical = entity.name_for(locale)
        scored = _score(document, index, m, mentioned, named_in_full, lang) if canonical else None
        if not scored or not canonical:
            continue
        repair = canonical_repair(document, m, canonical)
        if repair is None:
            continue
        confidence, evidence = scored
        options = garbled.setdefault(repair.span, [])
        same = next((o for o in options if o.entity == m.form.entity), None)
        if same is None or same.confidence < confidence:
            if same:
                options.remove(same)
            options.append(Scored(m.form.entity, repair, confidence, evidence))

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


def _finding(
    code: str,
    name: str,
    severity: Severity,
    repair: Repair,
    message: str,
    proposals: list[tuple[str, float, Applicability, str]],
) -> Finding:
    return Finding(
        code=code,
        name=name,
        category="entity",
        severity=severity,
        span=repair.span,
        text=repair.original,
        message=message,
        proposals=tuple(
            Proposal((Edit(repair.span, repair.original, text),), round(conf, 3), tier, why)
            for text, conf, tier, why in proposals
        ),
    )


@detector("ENT001", "garbled-entity-name", "entity", "A name garbled by round-trip transliteration")
def garbled_entity_name(document: Document, context: Context) -> Iterator[Finding]:
    """What it does: finds a capitalised word or run of words (any word in Persian) that is not
    a known spelling but closely resembles a dictionary entity's name once transliteration
    differences are discounted (w/v, ff/ov, c/k, y/i, ph/f, doubled letters, vowel and
    consonant classes).

    Why it matters: machine translation through another script garbles names ("Vikov" for
    Steve Witkoff, "Zarensky" for Zelensky); readers and search engines miss the person.

    Example: "Vikov will be held in Moscow" -> "Witkoff will be held in Moscow".

    Fix safety: safe when the confidence (spelling similarity combined with the entity being
    named elsewhere, adjacent name parts, context words and the word not being an ordinary
    word) is high and no other entity competes; otherwise suggest.
    """
    analysis = analyse_entities(document, context)
    for options in analysis.garbled.values():
        options.sort(key=lambda o: -o.confidence)
        best = options[0]
        if best.confidence < REPORT_AT:
            continue
        margin = best.confidence - (options[1].confidence if len(options) > 1 else 0.0)
        proposals = []
        for option in options[:3]:
            entity = context.index.entities[option.entity]
            tier = (
                Applicability.SAFE
                if option is best and option.confidence >= SAFE_AT and margin >= 0.2
                else Applicability.SUGGEST
            )
            why = f"dictionary entry '{entity.id}' ({entity.description or entity.type}): " + "; ".join(
                option.evidence
            )
            proposals.append((option.repair.replacement, option.confidence, tier, why))
        entity = context.index.entities[best.entity]
        yield _finding(
            "ENT001",
            "garbled-entity-name",
            Severity.ERROR,
            best.repair,
            f"'{best.repair.original}' looks like a garbled spelling of {entity.name_for(analysis.locale)}",
            proposals,
        )


@detector("ENT002", "foreign-entity-spelling", "entity", "A known name spelled as in another language")
def foreign_entity_spelling(document: Document, context: Context) -> Iterator[Finding]:
    """What it does: finds a name spelled exactly as the dictionary spells it for another
    language ("Volodimir Zelenski", the Spanish spelling, in English; "Tehran" in French).

    Why it matters: machine translation often copies the source language's spelling of a
    name instead of the target language's standard one.

    Example: "Trump received Volodimir Zelenski" -> "Trump received Volodymyr Zelensky".

    Fix safety: safe for multi-word names and rare words; suggest when the spelling is also
    an ordinary word of the document's language.
    """
    analysis = analyse_entities(document, context)
    lang = base_language(document.language)
    for mention, repair in analysis.foreign:
        entity = context.index.entities[mention.form.entity]
        if len(mention.words) > 1:
            confidence = 0.92
        else:  # an established exonym of the language (zipf >= 2.5) may be house style
            confidence = 0.85 if zipf(mention.words[0].text.lower(), lang) < 2.5 else 0.7
        tier = Applicability.SAFE if confidence >= SAFE_AT else Applicability.SUGGEST
        why = (
            f"dictionary entry '{entity.id}': '{repair.original}' is the {mention.form.language} "
            f"spelling; {lang} uses '{entity.name_for(analysis.locale)}'"
        )
        yield _finding(
            "ENT002",
            "foreign-entity-spelling",
            Severity.WARNING,
            repair,
            f"'{repair.original}' is the {mention.form.language} spelling of "
            f"{entity.name_for(analysis.locale)}",
            [(repair.replacement, confidence, tier, why)],
        )


@detector("ENT003", "inconsistent-entity-spelling", "entity", "One entity spelled two ways in a document")
def inconsistent_entity_spelling(document: Document, context: Context) -> Iterator[Finding]:
    """What it does: when a document spells a name the way of two locales of its language
    (Persian ترامپ and Dari ترمپ), flags the minority spelling.

    Why it matters: mixed spellings in one article look careless and break search.

    Example: ترامپ once among four ترمپ in a Dari text -> ترمپ.

    Fix safety: safe when the majority spelling is used at least twice as often; suggest
    otherwise.
    """
    analysis = analyse_entities(document, context)
    for word, spelling, majority, entity_id in analysis.inconsistent:
        entity = context.index.entities[entity_id]
        repair = Repair(Span(word.start, word.end), word.text, spelling)
        confidence = 0.9 if majority >= 2 else 0.7
        tier = Applicability.SAFE if confidence >= SAFE_AT else Applicability.SUGGEST
        why = f"dictionary entry '{entity.id}': the document spells it '{spelling}' {majority} time(s)"
        yield _finding(
            "ENT003",
            "inconsistent-entity-spelling",
            Severity.WARNING,
            repair,
            f"'{word.text}' is spelled '{spelling}' elsewhere in this document",
            [(spelling, confidence, tier, why)],
        )


@detector("ENT004", "deprecated-entity-spelling", "entity", "A dated spelling of a known name")
def deprecated_entity_spelling(document: Document, context: Context) -> Iterator[Finding]:
    """What it does: flags spellings the dictionary marks as dated for the document's
    language ("Kiev" in English).

    Why it matters: house style follows current usage; it is a style finding of low severity.

    Example: "pass them to Kiev" -> "pass them to Kyiv".

    Fix safety: suggest only (an editor decides; quotations and historical names keep it).
    """
    analysis = analyse_entities(document, context)
    for mention, repair in analysis.deprecated:
        entity = context.index.entities[mention.form.entity]
        why = f"dictionary entry '{entity.id}' marks '{repair.original}' as dated in {mention.form.language}"
        yield _finding(
            "ENT004",
            "deprecated-entity-spelling",
            Severity.INFO,
            repair,
            f"'{repair.original}' is a dated spelling; use '{repair.replacement}'",
            [(repair.replacement, 0.9, Applicability.SUGGEST, why)],
        )
