"""ENT: entity names garbled by machine translation, foreign, inconsistent or deprecated spellings."""

from __future__ import annotations

from collections.abc import Iterator

from repair.context import Context
from repair.detectors.entities.classify import Repair, analyse_entities, form_languages
from repair.detectors.entities.mentions import Mention
from repair.document import Document
from repair.model import Applicability, Hit, Option, Severity, Span
from repair.registry import detector
from repair.resources.dictionary import Entity
from repair.resources.languages import language_list
from repair.resources.lexicon import base_language, zipf
from repair.resources.transliteration import script_of

REPORT_AT = 0.6  # ENT001: a best candidate less confident than this is not reported
SAFE_AT = 0.8  # confidence from which a name repair is safe to apply in batch
SAFE_MARGIN = 0.2  # ENT001: safe only when no other candidate entity is this close to the best
MAX_CANDIDATES = 3  # ENT001: candidate entities proposed for one garbled name
MULTIWORD_CONFIDENCE = 0.92  # a multi-word name spelled as in another language is rarely anything else
RARE_FOREIGN_CONFIDENCE = 0.85  # a one-word foreign spelling that is not an ordinary word: safe
EXONYM_FOREIGN_CONFIDENCE = 0.7  # a one-word foreign spelling that is also a word here may be house style
UNDOTTED_CONFIDENCE = 0.7  # matched only with diacritics dropped: maybe this language's own form (suggest)
EXONYM_ZIPF = 2.5  # a one-word spelling this frequent in the document's language is an established exonym
MAJORITY_USES = 2  # ENT003: a majority spelling used this often makes replacing the minority safe
MAJORITY_CONFIDENCE = 0.9  # the document's majority spelling, seen MAJORITY_USES times or more
WEAK_MAJORITY_CONFIDENCE = 0.7  # a majority of one use: suggest (unreachable: a majority has 2+)
DEPRECATED_CONFIDENCE = 0.9  # the dictionary marks the spelling dated; suggest only (quotations keep it)


def _hit(repair: Repair, message: str, options: list[Option]) -> Hit:
    return Hit.replacing(repair.span, repair.original, message, options)


@detector(
    "ENT001",
    "garbled-entity-name",
    "entity",
    "A name garbled by round-trip transliteration",
    severity=Severity.ERROR,
)
def garbled_entity_name(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: finds a capitalised word or run of words (any word in Persian) that is not
    a known spelling but closely resembles a dictionary entity's name once transliteration
    differences are discounted (w/v, ff/ov, c/k, y/i, ph/f, doubled letters, vowel and
    consonant classes, or the same sound by its metaphone key); or that is a machine reading
    of the entity's original-script name (the Mandarin reading "Huang Xuncai" of 黄循财, the
    Russian romanisation "Fridrikh Merts" of Фридрих Мерц); or that is a known surname with a
    source language's case ending glued to it ("Starmerrek", "Orbánnal").

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
        for option in options[:MAX_CANDIDATES]:
            entity = context.index.entities[option.entity]
            tier = (
                Applicability.SAFE
                if option is best and option.confidence >= SAFE_AT and margin >= SAFE_MARGIN
                else Applicability.SUGGEST
            )
            why = f"dictionary entry '{entity.id}' ({entity.description or entity.type}): " + "; ".join(
                option.evidence
            )
            proposals.append((option.repair.replacement, option.confidence, tier, why))
        entity = context.index.entities[best.entity]
        name = entity.name_for(analysis.locale)
        yield _hit(
            best.repair, f"'{best.repair.original}' looks like a garbled spelling of {name}", proposals
        )


@detector("ENT002", "foreign-entity-spelling", "entity", "A known name spelled as in another language")
def foreign_entity_spelling(document: Document, context: Context) -> Iterator[Hit]:
    """What it does: finds a name spelled exactly as the dictionary spells it for another
    language ("Volodimir Zelenski", the Spanish spelling, in English; "Tehran" in French), or as
    another language names a country or city (CLDR and GeoNames exonyms: "Mailand", the German
    name of Milan, in English; "Varshava", Варшава romanised). The form must name exactly one
    entity, in no form of the document's language, be capitalised and not be a word here.

    Why it matters: machine translation often copies the source language's spelling of a
    name instead of the target language's standard one.

    Example: "Trump received Volodimir Zelenski" -> "Trump received Volodymyr Zelensky".

    Fix safety: safe for multi-word names and rare words; suggest when the spelling is also
    an ordinary word of the document's language, or when a place's form matched only with its
    diacritics dropped ("Kinsasa": Lithuanian Kinšasa, but also Spanish's own spelling). A place
    name beside a facility noun ("stade San Paolo", "the Torino stadium") names the facility
    and is left alone.
    """
    analysis = analyse_entities(document, context)
    lang = base_language(document.language)
    for mention, repair in analysis.foreign:
        entity = context.index.entities[mention.form.entity]
        if len(mention.words) > 1:
            confidence = MULTIWORD_CONFIDENCE
        elif zipf(mention.words[0].text.lower(), lang) < EXONYM_ZIPF:
            confidence = RARE_FOREIGN_CONFIDENCE
        else:
            confidence = EXONYM_FOREIGN_CONFIDENCE
        place = entity.type != "person"  # places are what languages adapt by dropping letters' marks
        latin = script_of(mention.words[0].text) == "Latin"  # Arabic-script forms differ in letter variants
        undotted = place and latin and not mention.form.note and not _written_as_listed(entity, mention)
        if undotted:
            confidence = min(confidence, UNDOTTED_CONFIDENCE)
        tier = Applicability.SAFE if confidence >= SAFE_AT else Applicability.SUGGEST
        languages = language_list(form_languages(context.index, mention))
        what = "spelling" if entity.type == "person" else "name"
        read = f", romanised ({mention.form.note})" if mention.form.note else ""
        read += " without its diacritics (this language may write it so)" if undotted else ""
        canonical = entity.name_for(analysis.locale)
        why = (
            f"dictionary entry '{entity.id}': '{repair.original}' is the {languages} {what}{read}; "
            f"{lang} uses '{canonical}'"
        )
        message = f"'{repair.original}' is the {languages} {what} of {canonical}{read}"
        yield _hit(repair, message, [(repair.replacement, confidence, tier, why)])


def _written_as_listed(entity: Entity, mention: Mention) -> bool:
    """True when the mention is written as some listed spelling ends (case aside, diacritics
    kept); False when it matched only once diacritics were folded away ('Kinsasa' for the
    Lithuanian 'Kinšasa', which is also the Spanish press's own spelling of Kinshasa)."""
    said = [w.text.casefold() for w in mention.words]
    spellings = [*entity.names.values(), *entity.variants]
    spellings += [form for forms in entity.exonyms.values() for form in forms]
    return any(spelling.casefold().split()[-len(said) :] == said for spelling in spellings)


@detector("ENT003", "inconsistent-entity-spelling", "entity", "One entity spelled two ways in a document")
def inconsistent_entity_spelling(document: Document, context: Context) -> Iterator[Hit]:
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
        confidence = MAJORITY_CONFIDENCE if majority >= MAJORITY_USES else WEAK_MAJORITY_CONFIDENCE
        tier = Applicability.SAFE if confidence >= SAFE_AT else Applicability.SUGGEST
        why = f"dictionary entry '{entity.id}': the document spells it '{spelling}' {majority} time(s)"
        message = f"'{word.text}' is spelled '{spelling}' elsewhere in this document"
        yield _hit(repair, message, [(spelling, confidence, tier, why)])


@detector(
    "ENT004",
    "deprecated-entity-spelling",
    "entity",
    "A dated spelling of a known name",
    severity=Severity.INFO,
)
def deprecated_entity_spelling(document: Document, context: Context) -> Iterator[Hit]:
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
        message = f"'{repair.original}' is a dated spelling; use '{repair.replacement}'"
        yield _hit(repair, message, [(repair.replacement, DEPRECATED_CONFIDENCE, Applicability.SUGGEST, why)])
