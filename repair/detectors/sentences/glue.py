"""Glued words: tokens that are not words of the language but two (or three) frequent ones.

A camel-case join of a lowercase word and a capitalised word ("etTéhéran") is split at the
capital; any other token is split by symspellpy (`repair.resources.segmentation`). A split is accepted
only when its parts are frequent words, names the entity index knows, or words the document
uses on their own elsewhere, and one of them is a very frequent (function) word. A token the
spelling dictionary (pyspellchecker) lists is a word. A repeated token is a word unless it is
two common words joined at a word or case boundary (the same glue twice); a capitalised token
next to another capitalised word is part of a name (Marie Lenoir). A token in code
(`repair.detectors.sentences.code`) is an identifier, never glue.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from repair.detectors.entities.endings import case_ending, ending_in_text
from repair.detectors.sentences.code import code_map, in_cell, run_around
from repair.document import Document, Token
from repair.resources.cache_sizes import WORD_CACHE
from repair.resources.entity_index import EXONYM, EntityIndex
from repair.resources.lexicon import base_language, longest_word, zipf
from repair.resources.segmentation import MIN_ZIPF, segment, spelling_words


def _words(text: str) -> frozenset[str]:
    """A set of space-separated words."""
    return frozenset(text.split())


STRONG = 6.0  # function words: is, has, and, et, y, de
VERY_STRONG = 6.5  # the most frequent ones: of, and, the, que, la
GOOD = 4.5  # ordinary frequent words
# Word endings that are also function words and derive demonyms and adjectives from names
# ("Jersey" + "an"): a name with one may be a derived word, not two words glued.
DERIVATION_TAILS: dict[str, frozenset[str]] = {
    "en": frozenset({"an", "ian", "ite", "ese", "ish", "ism", "ist", "er", "ers"}),
    "es": frozenset({"ano", "ana", "ense", "ista", "ismo"}),
    "fr": frozenset({"ien", "ais", "ois", "iste", "isme"}),
}
FREQUENT = 3.5  # words common enough to be a part of a safe split, or a camel-case join's tail
RARE = 2.0  # tokens at least this frequent are real words, never glue
NOISE = 1.5  # wordfreq's large lists bottom out near zipf 1: a token below this is web noise (lechef 1.05)
TAIL_WORD = 3.0  # a lowercase word this frequent after a known name is a word (Alemania|apoyará 3.3)
TYPO_COST = 3.0  # log10 odds against a one-letter typo
ZIPF_OFFSET = 9  # zipf is log10 of a word's frequency per billion: zipf - 9 is its log10 probability
MIN_LETTERS = 4  # shorter tokens are too short to hide two words worth a repair
MAX_LETTERS = 64  # a longer token is no two or three words run together (and splitting it is quadratic)
MAX_PARTS = 3  # a glued token joins two or three words; more parts is a rare word cut up
LONG_TOKEN = 60  # a longer token is checked against the longest dictionary word before any split
SHORT_PART = 2  # a part this short must be a function word (zipf STRONG)
OTHER_SPLIT_ZIPF = 3.0  # both words of an alternative split must be at least this frequent
CAMEL_HEAD = 2  # a one-letter head before the capital is a brand's casing (iPhone, eBay)
CAMEL_TAIL = 3  # a shorter capitalised tail is too little to tell a word from a casing quirk
PERSIAN_STEM = 3  # a shorter remainder before a suffix is too short for its frequency to prove a stem
NAME_HEAD = 3  # a capitalised head shorter than this before a lowercase tail is a word's start (Ha|ring)
LISTED = 1.0  # wordfreq's large lists hold names of the news from about zipf 1 (Nauert 1.4, RedState 1.6)
SHORT_TAIL = 2  # a two-letter tail ('en', 'ha', 'et') ends many names: only after a common head
RARE_HEAD = 5  # a head only listed (a rare name) must be this long: short ones recur in names (Ree|her)
NAME_PARTICLES = _words(
    "Mac Mc Fitz Van Von Vander Der Den Ten Ter Della Delle Dal Del Des Das Dos San Santa Abu Ibn Bin Ben"
)  # surname particles written against the name with its capital (MacBride, VanHollen, DelBene)
NOUN_CAPITALS = {"de"}  # languages that capitalise every noun: a capitalised head is a noun, not a name
SINGLE_LETTERS = {"en": {"a"}, "fr": {"a", "à", "y"}, "es": {"y", "a", "o", "e", "u"}}
_PERSIAN_AFFIXES = _words(
    "می نمی بی نا هم با پر کم ها های هایی هایش ای ام ات اش ان اند ایم اید تر ترین ی یی گاه"
)
_PERSIAN_SUFFIXES = _words("م ت ش ی ان ها مان تان شان ام ای یم ید ند اند یی ست")
_CLITICS = _words("se le lo la les los las me te nos")  # rimase, dárselo: real Spanish verb forms
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’](?=[^\W\d_]{4})", re.IGNORECASE)
_URLISH = re.compile(r"://|www\.|@|#|/|_|\.[^\W\d_]")
CELL_NOTE = "; alone in a cell of a tab-aligned table, a key as often as a word: only a suggestion"
PLURAL_ENDINGS = {
    "en": ("s", "es"),
    "fr": ("s", "x"),
    "es": ("s",),
}  # makefile|s; not 'es', a verb (España|es)
TERM_USES = 3  # a join written this many times in one text is its term (MT slips are one-offs)
_POSSESSIVE = re.compile(r"(?P<head>[^\W\d_]{3,}['’]s)(?P<tail>[^\W\d_]{3,})")  # Scotland's|young
_ELIDED = re.compile(
    r"(?P<word>[^\W\d_]{3,}?)(?P<tail>(?P<clitic>qu|[dlnsjmct])['’][^\W\d_]{2,})", re.IGNORECASE
)  # risque|d’inondation, depuis|qu’un
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
_LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f]+")


@dataclass(frozen=True, slots=True)
class Glue:
    """A glued token, its parts, and the evidence."""

    token: Token
    parts: tuple[str, ...]
    safe: bool
    evidence: str
    others: tuple[tuple[str, ...], ...] = ()


def _camel_split(text: str) -> tuple[str, str] | None:
    """'etTéhéran' -> ('et', 'Téhéran'); None for other casings (iPhone, McDonald, OpenAI)."""
    capitals = [i for i, c in enumerate(text) if c.isupper()]
    if len(capitals) != 1 or capitals[0] < CAMEL_HEAD:
        return None
    cut = capitals[0]
    left, right = text[:cut], text[cut:]
    if not left.islower() or len(right) < CAMEL_TAIL or not right[1:].islower():
        return None
    return left, right


def _camel_words(text: str) -> tuple[str, str] | None:
    """'HeatherNauert' -> ('Heather', 'Nauert'), 'LaMarine' -> ('La', 'Marine'): two capitalised
    lowercase runs; None for any other casing (iPhone, NASA, McGregor's three runs, MacArthur's
    one-letter part is fine: it is judged by its parts)."""
    capitals = [i for i, c in enumerate(text) if c.isupper()]
    if len(capitals) != 2 or capitals[0] != 0:
        return None
    head, tail = text[: capitals[1]], text[capitals[1] :]
    if len(head) < CAMEL_HEAD or len(tail) < CAMEL_TAIL or not (head[1:].islower() and tail[1:].islower()):
        return None
    return head, tail


def _script_runs(text: str) -> tuple[str, str] | None:
    """'Kavanaughتوانسته' -> ('Kavanaugh', 'توانسته'): a Latin run and an Arabic-script run, in
    either order, with nothing else in the token."""
    for first, second in ((_LATIN_LETTERS, _ARABIC_SCRIPT), (_ARABIC_SCRIPT, _LATIN_LETTERS)):
        head = first.match(text)
        if head and second.fullmatch(text, head.end()):
            return text[: head.end()], text[head.end() :]
    return None


@lru_cache(maxsize=WORD_CACHE)
def never_glue(text: str, lang: str) -> bool:
    """True when no rule of `GlueFinder` can report the token, whatever the document: too short
    or too long (MAX_LETTERS), with a digit, apostrophe, hyphen or ZWNJ, all capitals, or a word
    at least RARE-frequent with no case or script join inside it (the plain and name-tail splits
    both stop at a listed word). A pure function of the token and the language, so it is
    computed once per distinct token; most tokens of a text are such words."""
    if not MIN_LETTERS <= len(text) <= MAX_LETTERS or text.isupper():
        return True
    if any(c.isdigit() or c in "'’-\u200c" for c in text):
        return True
    if _script_runs(text) is not None or _camel_split(text) is not None or _camel_words(text) is not None:
        return False
    return zipf(text.lower(), lang) >= RARE


PARTICLE_COMPOUNDS = {"en", "de", "nl"}  # languages that write particle + word as one word (outbid)
SOLID_COMPOUNDS = {"de", "nl", "sv", "da", "no", "fi"}  # languages that write two nouns as one word
CONTENT_PART = 4  # both words of a join without a function word have this many letters (not 'out|bid')
PARTICLES = {
    "en": _words(
        "over under out up down off in on by with back through cross counter after fore self well "
        "super anti non"
    ),
    "fr": _words("sous contre anti auto super hyper micro mini multi"),
    "es": _words("sobre contra anti auto super hiper micro mini multi"),
}  # words that also make solid compounds as a prefix (overdesigned, contrarreloj): not glue


def _content_pair(parts: list[str], zs: list[float], lang: str) -> bool:
    """Two common content words without a function word ('different|route', 'director|ejecutivo'):
    never a compound prefix, never in a language that writes compounds solid."""
    if len(parts) != 2 or lang in SOLID_COMPOUNDS or min(zs) < GOOD:
        return False
    if lang in PARTICLE_COMPOUNDS and max(zs) < STRONG:
        return False  # English writes nouns solid too (fourballs, cinemagoing): one word must be very common
    return all(len(p) >= CONTENT_PART for p in parts) and parts[0] not in PARTICLES.get(lang, ())


def _function_join(parts: list[str], zs: list[float], lang: str) -> bool:
    """A function word after a word ('station|is') or one before it ('son|projet', 'she|believed');
    in English a particle before a word, and in German any head, only when very frequent
    ('the|minister'): a particle and a word there are a compound ('over|deliver', 'out|bid')."""
    particle = lang in PARTICLE_COMPOUNDS and (lang not in PARTICLES or parts[0].lower() in PARTICLES[lang])
    head_floor = VERY_STRONG if particle else STRONG
    return zs[-1] >= STRONG or zs[0] >= head_floor


class GlueFinder:
    """Finds glued tokens in one document."""

    def __init__(self, document: Document, index: EntityIndex) -> None:
        self.document = document
        self.index = index
        self.lang = base_language(document.language)
        self.forms = Counter(t.text for t in document.tokens)
        self.counts: Counter[str] = Counter()
        for form, number in self.forms.items():  # by distinct form: the same counts, keys in the same order
            self.counts[form.lower()] += number

    def _known_name(self, part: str) -> bool:
        """The dictionary knows the word as a name's last word (India, Pen; not Gold of Gold Coast;
        not another language's exonym), or the document uses it alone with this casing."""
        refs = self.index.token_refs(part)
        return (
            any(pos == len(ref.tokens) - 1 and ref.kind != EXONYM for ref, pos in refs)
            or self.forms[part] > 0
        )

    def _spelled(self, text: str) -> bool:
        """The language's spelling dictionary lists the token: a word, never glue."""
        return text.lower() in spelling_words(self.lang)

    def _content_ok(self, part: str, frequency: float, floor: float) -> bool:
        return frequency >= floor or self._known_name(part) or self.counts[part.lower()] > 0

    def _likely_typo(self, text: str, glue_score: float) -> bool:
        """True when a one-letter edit of the token is a word likelier than the split."""
        word = text.lower()
        letters = set(word) | set("abcdefghijklmnopqrstuvwxyz")
        edits = {word[:i] + word[i + 1 :] for i in range(len(word))}
        edits |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
        for i in range(len(word) + 1):
            for c in letters:
                edits.add(word[:i] + c + word[i:])
                if i < len(word):
                    edits.add(word[:i] + c + word[i + 1 :])
        edits.discard(word)
        best = max((zipf(e, self.lang) for e in edits), default=0.0)
        return best > 0 and best - ZIPF_OFFSET - TYPO_COST > glue_score

    def _eligible(self, token: Token) -> bool:
        """What the context says of a token `never_glue` leaves: not in a URL or code (`code_map`),
        not a term the text repeats, not a dictionary name."""
        text = token.text
        run = run_around(self.document.text, token.start, token.end)
        if _URLISH.search(run) or code_map(self.document).holds(token.start, token.end, text):
            return False
        if self.counts[text.lower()] >= TERM_USES:
            return False  # a join the text writes this often is a term of it (getline), not a slip
        return not self.index.token_refs(text)

    def _listed(self, text: str) -> float:
        """The token's frequency in the language or in English, whose lists hold the news' names."""
        lower = text.lower()
        return max(zipf(lower, self.lang), zipf(lower, "en"))

    def _unknown_join(self, text: str) -> bool:
        """No word list of the language or of English holds the token, nor the spelling dictionary."""
        return self._listed(text) < LISTED and not self._spelled(text)

    def _name_word(self, part: str) -> bool:
        """A name's word: the dictionary knows it (not as an exonym), or the document writes it
        alone, capitalised, inside a sentence (a capital at a sentence start proves nothing)."""
        if any(ref.kind != EXONYM for ref, _ in self.index.token_refs(part)):
            return True
        return any(not self.document.is_sentence_start(j) for j in self.document.positions_of(part))

    def _known_pair(self, head: str, tail: str) -> bool:
        """The dictionary holds a name with the two words in a row ('South Korea')."""
        for ref, position in self.index.token_refs(head):
            following = ref.tokens[position + 1 : position + 2]
            if ref.kind != EXONYM and following and following[0].casefold() == tail.casefold():
                return True
        return False

    def _names_once(self, text: str, head: str, tail: str) -> bool:
        """Both parts are names' words and the join occurs once (a repeated join is a brand)."""
        return self.forms[text] == 1 and self._name_word(head) and self._name_word(tail)

    def _camel_names(self, token: Token) -> Glue | None:
        """'HeatherNauert', 'SouthKorea', 'LaMarine': two capitalised words without the space.
        Never safe. Apps and brands are written so from common words (TraceTogether, StopCovid,
        YouGov): only when the document writes the two apart elsewhere, the dictionary holds
        them as one name, or both are names' words; an article and a common noun (La|Marine)."""
        split = _camel_words(token.text)
        if split is None or not self._unknown_join(token.text):
            return None
        head, tail = split
        if head in NAME_PARTICLES:
            return None
        apart = f"{head} {tail}" in self.document.text
        if len(head) < NAME_HEAD:  # 'La|Marine', 'El|Abogado': an article and a common noun (not LeBron)
            if zipf(head.lower(), self.lang) < STRONG or zipf(tail.lower(), self.lang) < GOOD:
                return None
            if self.forms[token.text] > 1 and not apart:
                return None  # written so twice: a name's casing (LaToya), not a lost space
        elif not (apart or self._known_pair(head, tail) or self._names_once(token.text, head, tail)):
            return None
        why = f"'{token.text}' is not a listed word or name; '{head}' and '{tail}' are" + (
            ", and the document writes them apart" if apart else ""
        )
        return Glue(token, (head, tail), False, why)

    def _derived(self, tail: str) -> bool:
        """True for a tail that also derives words from names here ('Jersey' + 'an')."""
        return tail.lower() in DERIVATION_TAILS.get(self.lang, frozenset())

    def _name_and_word(self, head: str, tail: str, tail_z: float) -> bool:
        """The safe shape of a capitalised join: a known name, then a common word that no
        derivation of names ends with ('Corbyn' + 'has', not 'Jersey' + 'an') and that is no
        case ending of a declining language either ('Trump' + 'as' is also Lithuanian Trumpas)."""
        if not (self._known_name(head) and tail_z >= STRONG and not self._derived(tail)):
            return False
        return case_ending(self.index, head + tail, self.lang) is None

    def _name_tail(self, token: Token, i: int) -> Glue | None:
        """'Corbynhas', 'Kavanaughavait', 'Departamentode': a name or word that wordfreq lists,
        glued to a function word (or, after a common head, a common word). Safe only when the
        head is a name of the dictionary or of the document and the tail a function word."""
        text = token.text
        if not text[1:].islower() or not self._unknown_join(text):
            return None
        best: tuple[str, str, float] | None = None
        # A head longer than every LISTED word of both lists is unlisted: those cuts are skipped
        # unread (a 200,000-letter token would otherwise look up 200,000 long heads).
        longest = max(longest_word(self.lang, LISTED), longest_word("en", LISTED))
        for cut in range(min(len(text) - SHORT_TAIL, longest), NAME_HEAD - 1, -1):  # the longest head first
            head, tail = text[:cut], text[cut:]
            head_z, tail_z = self._listed(head), zipf(tail, self.lang)
            if head_z < LISTED or zipf(head.lower(), self.lang) >= STRONG:
                continue  # an unlisted stem, or a function-word head (Le|noir, Del|río: surnames)
            common_head = head_z >= FREQUENT or self._known_name(head)
            if not common_head and len(head) < RARE_HEAD:
                continue
            if tail_z >= STRONG and (len(tail) > SHORT_TAIL or common_head):
                best = (head, tail, tail_z)
                break
            if common_head and tail_z >= GOOD and len(tail) > NAME_HEAD:
                best = best or (head, tail, tail_z)
        if best is None:
            return None
        head, tail, tail_z = best
        if ending_in_text(self.index, self.document.text, token.end, text, self.lang):
            return None  # a known surname with a case ending ('Trumpas,'): the entity family reports it
        common_head = self._listed(head) >= FREQUENT or self._known_name(head)
        if self.counts[text.lower()] > 1 and not (tail_z >= STRONG and common_head):
            return None  # a repeated unknown token is a rare name, unless a common name and a function word
        if self._in_name(text, tail_z) or self._likely_typo(text, zipf(tail, self.lang) - ZIPF_OFFSET):
            return None
        safe = self._name_and_word(head, tail, tail_z)
        why = f"'{text}' is not a listed word or name; '{head}' is, and '{tail}' a common word ({tail_z:.1f})"
        if self._derived(tail):
            why += f"; '-{tail}' also derives words from names (Jerseyan): only a suggestion"
        return Glue(token, (head, tail), safe, why)

    def _script_join(self, token: Token) -> Glue | None:
        """'Kavanaughتوانسته': a Latin word and a Persian or Arabic one in one token. Safe when the
        Latin word is listed and cased as a word, the other a frequent word, not a suffix (iPhoneها)."""
        split = _script_runs(token.text)
        if split is None:
            return None
        latin, other = split if _LATIN_LETTERS.match(split[0]) else split[::-1]
        if other in _PERSIAN_AFFIXES or other in _PERSIAN_SUFFIXES or len(latin) < SHORT_TAIL:
            return None
        cased = latin.islower() or (latin[0].isupper() and latin[1:].islower())
        safe = cased and zipf(latin, "en") >= FREQUENT and zipf(other, "fa") >= FREQUENT
        why = f"'{latin}' and '{other}' are written in different scripts without a space"
        return Glue(token, split, safe, why)

    def _apostrophe_join(self, token: Token) -> Glue | None:
        """'Scotland'syoung' (English possessive before a word) and 'risqued’inondation' (a French
        word before an elided one): the word before the apostrophe is no word of its own."""
        if _URLISH.search(run_around(self.document.text, token.start, token.end)) or "-" in token.text:
            return None
        if code_map(self.document).holds(token.start, token.end, token.text):
            return None
        if not self._unknown_join(token.text) or self.index.token_refs(token.text):
            return None  # a listed form or a dictionary name (O'Higgins, Dunkin')
        pattern = {"en": _POSSESSIVE, "fr": _ELIDED}.get(self.lang)
        found = pattern.fullmatch(token.text) if pattern else None
        if found is None:
            return None
        tail = found.group("tail")
        if self.lang == "en":
            head = found.group("head")
            tail_z = zipf(tail.lower(), self.lang)
            if tail_z < FREQUENT and not tail.isupper():
                return None
            safe = tail.islower() and tail_z >= GOOD
            why = f"a possessive glued to '{tail}' (zipf {tail_z:.1f})"
            return Glue(token, (head, tail), safe, why)
        word, clitic = found.group("word"), found.group("clitic")
        word_z, glued_z = zipf(word, self.lang), zipf(word + clitic, self.lang)
        rest_z = zipf(tail.split("’")[-1].split("'")[-1], self.lang)
        if word_z < FREQUENT or glued_z >= NOISE or rest_z < FREQUENT or self._spelled(word + clitic):
            return None  # 'jusqu’à', 'aujourd’hui', 'quoiqu’il': the part before the apostrophe is a word
        safe = word_z >= GOOD and not any(c.isupper() for c in token.text[1:])
        why = f"'{word}' (zipf {word_z:.1f}) glued to the elided '{tail}'"
        return Glue(token, (word, tail), safe, why)

    def _camel(self, token: Token) -> Glue | None:
        """'etTéhéran': safe only after a function word; brands (easyJet, iPhone) stay quiet."""
        split = _camel_split(token.text)
        if split is None:
            return None
        left, right = split
        token_z = zipf(token.text.lower(), self.lang)
        if token_z >= RARE or self._spelled(token.text) or self._listed(token.text) >= LISTED:
            return None  # a known casing of a brand or a word (easyJet 2.5)
        left_z, right_z = zipf(left, self.lang), zipf(right.lower(), self.lang)
        named = self._known_name(right) or right_z >= FREQUENT
        listed = left_z >= STRONG and self._listed(right) >= LISTED and self._unknown_join(token.text)
        if left_z < GOOD or not (named or listed):
            return None  # 'por|Frazier': a function word before a listed name is glue too (suggest)
        safe = token_z < NOISE and left_z >= STRONG and named
        why = f"camel-case join of '{left}' (zipf {left_z:.1f}) and '{right}'"
        return Glue(token, (left, right), safe, why)

    def _may_split(self, text: str) -> bool:
        """Cheap test before segmenting: some cut leaves a function word, or a name and a word."""
        lower = text.lower()
        for cut in range(2, len(text)):
            head, tail = zipf(lower[:cut], self.lang), zipf(lower[cut:], self.lang)
            if text[0].isupper():  # 'Indiais', 'Lechef', 'Alemaniaapoyará'
                if tail >= STRONG and (head >= GOOD or self._known_name(text[:cut])):
                    return True
                if head >= STRONG and tail >= FREQUENT:
                    return True
                if tail >= TAIL_WORD and self._known_name(text[:cut]):
                    return True
            elif max(head, tail) >= STRONG or min(head, tail) >= GOOD:
                return True
        return False

    def _persian_word(self, parts: list[str], text: str) -> bool:
        """An affix, a half-space compound (می‌کند) or an inflected word (بازیکنم): not glue."""
        if any(p in _PERSIAN_AFFIXES for p in parts) or zipf("\u200c".join(parts), "fa") > 0:
            return True
        return any(
            text.endswith(suffix) and zipf(text[: -len(suffix)], "fa") >= FREQUENT
            for suffix in _PERSIAN_SUFFIXES
            if len(text) - len(suffix) >= PERSIAN_STEM
        )

    def _title_ok(self, parts: list[str], zs: list[float], text: str, initial: bool) -> bool:
        """A capitalised token: a known name and a word ('Indiais', 'Alemaniaapoyará'), a
        function word and a word ('Lechef'), or at a sentence start two words ('Stationis')."""
        if len(parts) != 2:
            return False
        head, tail = zs
        if head >= STRONG:  # before the name test: the index knows 'Le' from 'Le Pen'
            return tail >= GOOD  # 'Le|chef'; a rarer tail is a name's ending ('Su|topo')
        if self._known_name(parts[0]):
            return tail >= STRONG or (tail >= TAIL_WORD and len(parts[1]) > SHORT_PART)
        if self.lang in NOUN_CAPITALS and head >= GOOD and tail >= STRONG:
            return True  # 'Deutschland|wird': a noun and a verb or function word; compounds end in a noun
        if zipf(text, "en") > 0:
            return False  # a foreign or unknown name ('Finau' is not 'Fin au')
        return initial and head >= GOOD and tail >= VERY_STRONG

    def _parts_ok(self, parts: list[str], zs: list[float], text: str, initial: bool) -> bool:
        if len(parts) > MAX_PARTS:
            return False
        if len(parts) > 2 and (min(zs) < GOOD or sorted(zs)[-2] < STRONG):
            return False  # three parts only as two function words and a word ('of|the|people')
        singles = SINGLE_LETTERS.get(self.lang, set())
        for i, (part, z) in enumerate(zip(parts, zs, strict=True)):
            if len(part) == 1 and (part.lower() not in singles or len(parts) > 2 or 0 < i < len(parts) - 1):
                return False
            if len(part) == 1 and text.islower():
                return False  # 'recaudar|a' is the verb form 'recaudara': a letter joins only a name (Saudíy)
            if len(part) <= SHORT_PART and z < STRONG:
                return False
        if self.lang == "fa":  # two function words: a word and 'از' is also a loanword (پلیمراز, polymerase)
            return min(zs) >= STRONG and not self._persian_word(parts, text)
        if text[0].isupper():
            return self._title_ok(parts, zs, text, initial)
        if max(zs) < STRONG or not _function_join(parts, zs, self.lang):
            return _content_pair(parts, zs, self.lang)
        floor = FREQUENT if max(zs) >= VERY_STRONG and parts[-1].lower() not in _CLITICS else GOOD
        return all(z >= STRONG or self._content_ok(p, z, floor) for p, z in zip(parts, zs, strict=True))

    def _in_name(self, text: str, tail_z: float) -> bool:
        """'Marie Lenoir', 'Juan Delrío': a capitalised neighbour of any occurrence makes a name
        run (every occurrence is then left alone), unless the tail is a function word
        ('Angela Merkelwould')."""
        if tail_z >= STRONG:
            return False
        tokens = self.document.tokens
        for i in self.document.positions_of(text):
            if i > 0 and tokens[i - 1].is_capitalised and not self.document.is_sentence_start(i - 1):
                return True
            if i + 1 < len(tokens) and tokens[i + 1].is_capitalised:
                return True
        return False

    def _boundary_join(self, parts: list[str], zs: list[float], text: str) -> bool:
        """Two common words meeting at a word or case boundary: a repeated token of this shape
        is the same glue twice, not a word ('Germanywould' in two paragraphs)."""
        if len(parts) != 2:
            return False
        if text[0].isupper() and zs[0] < STRONG and self._known_name(parts[0]):
            return zs[1] >= TAIL_WORD
        return min(zs) >= FREQUENT and _function_join(parts, zs, self.lang)

    def _safe(self, parts: list[str], zs: list[float], text: str, token_z: float) -> bool:
        """Two parts, a token no word list knows, both parts common words; a capitalised token
        only as a known name and a function word (function-word heads are often surnames:
        Lenoir, Delrío)."""
        if len(parts) != 2 or token_z >= NOISE or any(len(p) < 2 for p in parts):
            return False
        if text[0].isupper():
            return zs[0] < STRONG and self._name_and_word(parts[0], parts[1], zs[1])
        return min(zs) >= FREQUENT and _function_join(parts, zs, self.lang)

    def _plain(self, token: Token, i: int) -> Glue | None:
        text = token.text
        cased = any(c.isupper() or c.islower() for c in text)
        if cased and not (text.islower() or (text[0].isupper() and text[1:].islower())):
            return None  # an internal capital: a brand's casing (iPhone, YouTube)
        if len(text) > LONG_TOKEN and len(text) > MAX_PARTS * longest_word(self.lang, MIN_ZIPF):
            return None  # longer than MAX_PARTS of the longest segmentation words: no split exists
        token_z = zipf(text.lower(), self.lang)
        if token_z >= RARE or not self._may_split(text) or self._spelled(text):
            return None
        parts = segment(text, self.lang)
        if not parts:
            return None
        zs = [zipf(p.lower(), self.lang) for p in parts]
        glue_score = sum(z - ZIPF_OFFSET for z in zs)
        initial = self.document.is_sentence_start(i)
        if not self._parts_ok(parts, zs, text, initial) or self._likely_typo(text, glue_score):
            return None
        if token_z >= NOISE and glue_score < token_z - ZIPF_OFFSET + TYPO_COST:  # noise is no rival
            return None
        if self.counts[text.lower()] > 1 and not self._boundary_join(parts, zs, text):
            return None  # a repeated unknown token that is not two common words: a rare word
        if text[0].isupper() and self._in_name(text, zs[-1]):
            return None
        if text[0].isupper() and ending_in_text(self.index, self.document.text, token.end, text, self.lang):
            return None  # a known surname with a case ending ('Starmeras'): the entity family reports it
        others = self._other_splits(text, parts, initial)
        plural = self._plural(text)  # 'makefiles' reads as a plural too: never safe
        safe = self._safe(parts, zs, text, token_z) and not others and not plural
        shown = ", ".join(f"'{p}' {z:.1f}" for p, z in zip(parts, zs, strict=True))
        why = f"'{text}' is not a {self.lang} word (zipf {token_z:.1f}); its parts are ({shown})"
        return Glue(token, tuple(parts), safe, why, others)

    def _plural(self, text: str) -> bool:
        """The token is also the plural of a word the lists hold above noise ('makefiles':
        makefile 1.7; 'isless': isles). Unigram frequencies cannot tell that reading from the
        glue ('is less'), so the split is only a suggestion."""
        lower = text.lower()
        return any(
            lower.endswith(end) and zipf(lower[: -len(end)], self.lang) >= NOISE
            for end in PLURAL_ENDINGS.get(self.lang, ())
        )

    def _other_splits(self, text: str, parts: list[str], initial: bool) -> tuple[tuple[str, ...], ...]:
        """Other acceptable two-word splits ('autorités ont' besides 'autorité sont')."""
        found = []
        for cut in range(1, len(text)):
            pair = [text[:cut], text[cut:]]
            if pair == parts:
                continue
            zs = [zipf(p.lower(), self.lang) for p in pair]
            if min(zs) >= OTHER_SPLIT_ZIPF and self._parts_ok(pair, zs, text, initial):
                found.append(tuple(pair))
        return tuple(found)

    def _may_glue(self, text: str) -> bool:
        """False for a token the loop below passes over: no elision, no apostrophe, never glue."""
        if "'" in text or "’" in text or (self.lang == "fr" and _ELISION.match(text)):
            return True
        return not never_glue(text, self.lang)

    def __iter__(self) -> Iterator[Glue]:
        candidates = {text for text in self.forms if self._may_glue(text)}  # once per distinct token
        for i, token in enumerate(self.document.tokens):
            if token.text not in candidates:
                continue
            elided = _ELISION.match(token.text) if self.lang == "fr" else None
            if elided:  # n'estmis -> estmis
                token = Token(token.text[elided.end() :], token.start + elided.end(), token.end)
            if "'" in token.text or "’" in token.text:
                glue = self._apostrophe_join(token)
                if glue is not None:
                    yield glue
                continue
            if never_glue(token.text, self.lang) or not self._eligible(token):
                continue
            glue = self._script_join(token)
            if glue is None and _camel_split(token.text):
                glue = self._camel(token)
            elif glue is None and _camel_words(token.text):
                glue = self._camel_names(token)
            elif glue is None:
                glue = self._plain(token, i)
                if glue is None and token.text[0].isupper():
                    glue = self._name_tail(token, i)
            if glue is not None and glue.safe and in_cell(self.document.text, token.start, token.end):
                glue = replace(glue, safe=False, evidence=glue.evidence + CELL_NOTE)
            if glue is not None:
                yield glue
