"""Generic nouns of named facilities and streets ("stade", "stadium", "estadio", "aeropuerto"):
a place name right beside one names the facility (the Stadio San Paolo of Naples, the rue de
Londres in Paris), not the place, so its spelling is no foreign form of the place's name."""

from __future__ import annotations

from repair.detectors.entities.mentions import Word
from repair.document import Document

# Nouns that take a proper name as their own ("stade San Paolo", "San Siro stadium"): venues,
# transport hubs, streets and squares, buildings named after people or places. Per language,
# lowercase; plurals are not needed (a name follows the singular).
FACILITY_NOUNS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "stadium arena airport station street avenue road square bridge hospital university college "
        "school church cathedral mosque palace theatre theater hotel park".split()
    ),
    "fr": frozenset(
        "stade arène aéroport gare rue avenue boulevard place pont hôpital université lycée collège "
        "école église cathédrale mosquée palais théâtre hôtel parc quai".split()
    ),
    "es": frozenset(
        "estadio aeropuerto estación calle avenida plaza puente hospital universidad colegio escuela "
        "iglesia catedral mezquita palacio teatro hotel parque paseo".split()
    ),
    "de": frozenset(
        "stadion flughafen bahnhof straße platz brücke krankenhaus universität schule kirche "
        "dom moschee palast theater hotel park".split()
    ),
    "it": frozenset(
        "stadio aeroporto stazione via viale piazza ponte ospedale università scuola chiesa "
        "duomo moschea palazzo teatro albergo parco".split()
    ),
    "pt": frozenset(
        "estádio aeroporto estação rua avenida praça ponte hospital universidade escola igreja "
        "catedral mesquita palácio teatro hotel parque".split()
    ),
}


def beside_facility_noun(document: Document, words: list[Word], first: Word, last: Word, lang: str) -> bool:
    """True when the word before `first` or after `last` (a space apart) is a facility noun of
    the document's language."""
    nouns = FACILITY_NOUNS.get(lang)
    if not nouns:
        return False
    if first.index > 0:
        before = words[first.index - 1]
        if document.text[before.end : first.start] == " " and before.text.lower() in nouns:
            return True
    if last.index + 1 < len(words):
        after = words[last.index + 1]
        if document.text[last.end : after.start] == " " and after.text.lower() in nouns:
            return True
    return False
