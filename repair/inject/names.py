"""Garble dictionary names found in a clean text, and pick correct names as traps.

A name occurrence is a word that the entity index knows as a name token of the document's
language. It is garbled in place by a round trip through another script (Cyrillic, Chinese
syllables), by Spanish/French spelling rules, by another language's (or locale's) dictionary
spelling of the whole name, or in Persian by a homophone letter or a long vowel.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from repair.document import Token
from repair.inject.kinds import Op, Plan
from repair.inject.translit import METHODS, persian_garble
from repair.resources.entity_index import DEPRECATED, NAME, FormRef
from repair.resources.transliteration import fold, is_persian_script

LATIN_LANGS = ("en", "fr", "es")
PERSIAN_LANGS = ("fa", "fa-AF")


@dataclass(frozen=True)
class NameSite:
    """A word of the text that is a token of an entity's name in the document's language."""

    index: int
    token: Token
    refs: tuple[tuple[FormRef, int], ...]


def name_sites(plan: Plan) -> list[NameSite]:
    """Every name occurrence (cached on the plan)."""
    cached = plan.memo.get("name_sites")
    if cached is not None:
        return cached  # type: ignore[return-value]
    sites = []
    persian = plan.base == "fa"
    if plan.index is not None:
        for i, tok in enumerate(plan.document.tokens):
            if len(tok.text) < (3 if persian else 4) or not (persian or tok.is_capitalised):
                continue
            refs = tuple(
                (ref, pos)
                for ref, pos in plan.index.token_refs(tok.text)
                if ref.kind == NAME and ref.language.split("-")[0] == plan.base
            )
            if refs:
                sites.append(NameSite(i, tok, refs))
    plan.memo["name_sites"] = sites
    return sites


def _known(plan: Plan, word: str) -> bool:
    """True when the word is an accepted spelling of some entity (so not an artifact)."""
    assert plan.index is not None
    return any(ref.kind != DEPRECATED for ref, _ in plan.index.token_refs(word))


def _full_form(plan: Plan, site: NameSite, ref: FormRef, pos: int) -> tuple[int, int] | None:
    """The span of the whole name around the token, when the text spells it out and the name does
    not go on ("John Howard" in "John Howard Johnson" is somebody else)."""
    first = site.index - pos
    if first < 0:
        return None
    start = plan.document.tokens[first].start
    form = " ".join(ref.tokens)
    end = start + len(form)
    if plan.text[start:end] != form:
        return None
    return (start, end) if plan.base == "fa" or not _name_goes_on(plan.text, end) else None


def _name_goes_on(text: str, end: int) -> bool:
    """True when a space and a capitalised word follow `end` (the name continues: "Howard Johnson")."""
    return text[end : end + 1] == " " and text[end + 1 : end + 2].isupper()


def _mentioned(plan: Plan) -> set[int]:
    """The entities whose full name the text spells out (cached on the plan)."""
    cached = plan.memo.get("mentioned")
    if cached is None:
        sites = name_sites(plan)
        cached = {ref.entity for s in sites for ref, pos in s.refs if _full_form(plan, s, ref, pos)}
        plan.memo["mentioned"] = cached
    return cached  # type: ignore[return-value]


def _is_name_token(plan: Plan, token: Token) -> bool:
    assert plan.index is not None
    return any(ref.kind == NAME for ref, _ in plan.index.token_refs(token.text))


def own_ref(plan: Plan, site: NameSite) -> FormRef | None:
    """The entity name this word belongs to: its full name spelled out here, or a lone surname of a
    person the text names in full elsewhere or the only person with that surname (not after another
    capitalised word: in "Rev. David Johnson" the surname is somebody else's). None for a word of
    somebody else's name ("John" in "Rev. John Howard Johnson" is not John Healey's)."""
    for ref, pos in site.refs:
        if _full_form(plan, site, ref, pos):
            return ref
    if plan.base != "fa" and _name_goes_on(plan.text, site.token.end):
        return None  # inside a longer name that is not this entity's
    assert plan.index is not None
    surnames = [
        ref
        for ref, pos in site.refs
        if len(ref.tokens) > 1
        and pos == len(ref.tokens) - 1
        and plan.index.entities[ref.entity].type == "person"
    ]
    for ref in surnames:
        if ref.entity in _mentioned(plan) and not _after_capitalised(plan, site, name_only=True):
            return ref
    if len({ref.entity for ref, _ in site.refs}) == 1 and surnames and not _after_capitalised(plan, site):
        return surnames[0]
    return None


def _after_capitalised(plan: Plan, site: NameSite, name_only: bool = False) -> bool:
    """True when a capitalised word (a name token, with `name_only`) comes just before the word."""
    if not site.index or plan.base == "fa":
        return False
    prev = plan.document.tokens[site.index - 1]
    if plan.text[prev.end : site.token.start] != " " or not prev.is_capitalised:
        return False
    return _is_name_token(plan, prev) if name_only else True


def _swap(plan: Plan, site: NameSite, rng: random.Random) -> Op | None:
    """Another language's (or locale's) dictionary spelling of the whole name."""
    assert plan.index is not None
    for ref, pos in site.refs:
        span = _full_form(plan, site, ref, pos)
        if span is None:
            continue
        entity = plan.index.entities[ref.entity]
        form = plan.text[span[0] : span[1]]
        langs = PERSIAN_LANGS if plan.base == "fa" else LATIN_LANGS
        options = sorted(
            (lang, name)
            for lang, name in entity.names.items()
            if lang in langs and fold(name) != fold(form) and name not in entity.variants
            and is_persian_script(name) == (plan.base == "fa")
        )  # fmt: skip
        if options:
            lang, name = rng.choice(options)
            return Op(*span, name, "entity", "entity", f"{entity.id}: the {lang} spelling of the name")
    return None


def _garble(plan: Plan, site: NameSite, ref: FormRef, method: str, rng: random.Random) -> Op | None:
    """The name token garbled by a transliteration round trip (or a Persian letter change)."""
    assert plan.index is not None
    word = site.token.text
    garbled, how = persian_garble(word, rng) if method == "persian" else METHODS[method](word, rng)
    if not garbled or fold(garbled) == fold(word) or _known(plan, garbled) or garbled in plan.text:
        return None
    entity = plan.index.entities[ref.entity]
    return Op(site.token.start, site.token.end, garbled, "entity", "entity", f"{entity.id}: {word} {how}")


def _garbleable(plan: Plan, site: NameSite, ref: FormRef) -> bool:
    """People's and places' names; in a longer name not a common word ("May", "United", "دوم")."""
    assert plan.index is not None
    kind = plan.index.entities[ref.entity].type
    if kind not in ("person", "place"):
        return False  # organisation names are mostly ordinary words ("Commission", "Party")
    if len(ref.tokens) == 1:
        return True
    from wordfreq import zipf_frequency

    return zipf_frequency(site.token.text, plan.base) < (5.5 if kind == "person" else 4.5)


def entity(plan: Plan, rng: random.Random) -> Op | None:
    """A dictionary name in the text, garbled in place (nothing when the text names none)."""
    sites = []
    for site in name_sites(plan):
        ref = own_ref(plan, site) if plan.free(site.token.start, site.token.end) else None
        if ref is not None and _garbleable(plan, site, ref):
            sites.append((site, ref))
    rng.shuffle(sites)
    methods = ["persian", "swap"] if plan.base == "fa" else [*sorted(METHODS), "swap"]
    for site, ref in sites[:8]:
        rng.shuffle(methods)
        for method in methods:
            op = _swap(plan, site, rng) if method == "swap" else _garble(plan, site, ref, method, rng)
            if op is not None and plan.free(op.start, op.end):
                return op
    return None


def traps(plan: Plan, rng: random.Random, limit: int = 3) -> list[tuple[int, int]]:
    """Up to `limit` correct full names left untouched (clean offsets), away from every artifact."""
    spans = set()
    for site in name_sites(plan):
        for ref, pos in site.refs:
            span = _full_form(plan, site, ref, pos)
            if span and plan.free(*span):
                spans.add(span)
    chosen: list[tuple[int, int]] = []
    for span in sorted(spans):
        if all(span[1] < a or span[0] > b for a, b in chosen):
            chosen.append(span)
    rng.shuffle(chosen)
    return sorted(chosen[:limit])
