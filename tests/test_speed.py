"""Linear-time paths and lazy start-up: each fast path gives what the simple definition gives
(property tests against it), huge inputs are refused or capped with the result still right, and a
run loads only what its detectors need. Timings live in benchmarks/, never here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from repair.context import Context
from repair.detectors import duplicates
from repair.detectors.entities.classify import look_alikes
from repair.detectors.entities.estimates import ESTIMATE_SLACK, NUMPY_FROM_CANDIDATES, possible_indices
from repair.detectors.entities.estimates import estimated_similarities as _estimated_similarities
from repair.detectors.entities.mentions import similarity
from repair.detectors.untranslated.fragments import quoted_spans
from repair.document import Document
from repair.engine import analyse, make_document
from repair.model import Span
from repair.registry import selected
from repair.resources.concepts import tokenize
from repair.resources.entity_index import _deletions, block_for, joined
from repair.resources.transliteration import phonetic_key, skeleton

SEED_004 = Path(__file__).resolve().parents[1] / "seeds" / "004_9c04875aba7a0d24.txt"

# The expression quoted_spans replaces (quadratic on unclosed openers), kept as its definition.
QUOTED = re.compile(r"«[^»\n]*»|“[^”\n]*”|„[^“”\n]*[“”]|\"[^\"\n]*\"|\([^)\n]*\)|\[[^\]\n]*\]")
MARKS = st.text(alphabet='«»“”„"()[]\nab .', max_size=60)


@given(MARKS)
def test_quoted_spans_are_what_the_regular_expression_finds(text):
    assert quoted_spans(text) == [(m.start(), m.end()) for m in QUOTED.finditer(text)]


def test_unclosed_openers_are_no_quotes():
    assert quoted_spans("(" * 100_000) == []
    assert quoted_spans("((a) (b\n)") == [(0, 4)]  # the first closer ends the first opener


SENTENCES = st.text(alphabet="ab .!?\n:(\"'«—-", max_size=80)


@given(SENTENCES)
def test_sentence_and_line_lookups_agree_with_a_linear_scan(text):
    document = Document(text, "en")
    for offset in range(len(text) + 1):
        containing = [s for s in document.sentences if s.start <= offset < s.end]
        assert document.sentence_at(offset) == (containing[0] if containing else Span(0, len(text)))
        assert document.line_at(offset) == next(s for s in document.lines if s.start <= offset <= s.end)
    for i, token in enumerate(document.tokens):
        before = text[: token.start].rstrip(" \t\"'«“‘([—–-")
        assert document.is_sentence_start(i) == (not before or before[-1] in ".!?؟…\n:")
        assert document.positions_of(token.text) == [
            j for j, t in enumerate(document.tokens) if t.text == token.text
        ]


def _first_near_copy_by_scan(rows, j):
    for i in range(j):
        if rows[i].words >= duplicates.FUZZY_WORDS:
            score = fuzz.ratio(rows[i].norm, rows[j].norm, score_cutoff=duplicates.FUZZY_FLOOR)
            if score:
                return i, score
    return None


WORDS = st.lists(st.sampled_from("a bb ccc the of and paris said x".split()), min_size=18, max_size=26)


def _assert_index_finds_what_the_scan_finds(texts: list[str]) -> None:
    rows = [duplicates.Row(Span(0, 0), text, len(text.split())) for text in texts]
    long_rows = duplicates._LongRows(rows)
    for j in range(len(rows)):
        if rows[j].words >= duplicates.FUZZY_WORDS:
            assert long_rows.first_near_copy(j) == _first_near_copy_by_scan(rows, j)


@settings(max_examples=60)
@given(st.lists(st.tuples(st.integers(0, 3), WORDS, st.integers(0, 3)), min_size=1, max_size=25))
def test_near_copies_by_length_window_are_the_first_found_by_scanning(specs):
    bases: list[str] = []
    for base, words, noise in specs:
        text = " ".join(words)
        if base < len(bases):  # a copy of an earlier row with a few letters changed
            text = bases[base][: len(bases[base]) - noise] + "x" * noise
        bases.append(text)
    _assert_index_finds_what_the_scan_finds(bases)


EDIT = st.tuples(st.integers(0, 10_000), st.sampled_from("id s"), st.sampled_from("xe "))
EDITS = st.lists(EDIT, max_size=12)


@settings(max_examples=80)
@given(st.lists(st.tuples(st.integers(0, 3), WORDS, EDITS), min_size=1, max_size=20))
def test_near_copies_with_edits_anywhere_are_the_first_found_by_scanning(specs):
    """The piece index never misses a row the scan finds: copies with letters inserted,
    deleted or replaced anywhere (not only at the end), up to and past the ratio floor."""
    bases: list[str] = []
    for base, words, edits in specs:
        text = " ".join(words)
        if base < len(bases):
            text = bases[base]
            for at, how, letter in edits:
                at %= len(text) + 1
                if how == "i":
                    text = text[:at] + letter + text[at:]
                elif how == "d":
                    text = text[:at] + text[at + 1 :]
                else:
                    text = text[:at] + letter + text[at + 1 :]
        bases.append(text)
    _assert_index_finds_what_the_scan_finds(bases)


def test_bulk_similarity_estimates_bound_the_exact_scores(index):
    for word in ("Zarensky", "Vikov", "Trump", "Makron", "Bxn", "Lavrof", "Netanyahou"):
        candidates = joined(index.key_blocks(word))  # what look_alikes estimates
        order, estimates = candidates.tokens, _estimated_similarities(word, candidates)
        stored = set(zip(*candidates, strict=True))
        assert stored == set(zip(*block_for(order), strict=True))  # the keys similarity() compares
        for candidate, estimate in zip(order, estimates, strict=True):
            assert abs(estimate - similarity(word, candidate)) < 1e-9


def test_look_alikes_still_find_the_garbled_name(index):
    assert "zelensky" in look_alikes(index, "Zarensky")


def test_a_million_letter_word_blocks_no_candidates_and_raises_nothing(index):
    word = "B" + "xq" * 500_000  # its skeleton's deletions were quadratic, past SQLite's variable limit
    assert index.key_blocks(word) == []


def test_a_huge_token_is_no_glue_but_the_glue_beside_it_is_found(context):
    text = "India" + "a" * 200_000 + " and Indiais the main buyer of its oil.\n"
    findings = analyse(make_document(text, "en"), context, selected(["SEN001"]))
    assert [f.text for f in findings] == ["Indiais"]


def test_tokenize_stops_past_the_limit():
    line = " ".join(["word"] * 10_000)
    assert len(tokenize(line, limit=40)) == 41
    assert tokenize("a b c", limit=40) == tokenize("a b c")


def test_a_long_names_line_and_an_unbroken_paragraph_leave_the_article_findings_as_they_were(context):
    article = SEED_004.read_text(encoding="utf-8")
    names = " ".join(
        f"{a}{b}".title() for a in ("kori", "valo", "mine", "satu") for b in ("beda", "figu", "hija")
    )
    words = " ".join(["the minister said that it would rain"] * 300)
    text = f"{article}\n{' '.join([names] * 100)}\n\n{words}\n"

    def found(doc_text):
        findings = analyse(make_document(doc_text, "en"), context)
        return [(f.code, f.span, f.text) for f in findings if f.span.end <= len(article)]

    assert found(text) == found(article)
    assert any(code == "ENT001" for code, _, _ in found(article))


def test_select_boi_neither_compiles_the_index_nor_loads_the_segmenter(tmp_path):
    cache = tmp_path / "cache"
    code = (
        "import sys; from repair.cli.main import main; main(['check', '--select', 'BOI', sys.argv[1]]); "
        "print(sorted(m for m in ('symspellpy', 'wordfreq', 'spellchecker') if m in sys.modules))"
    )
    env = {"MT_REPAIR_CACHE_DIR": str(cache), "MT_REPAIR_LEARNED": str(tmp_path / "none.toml"), "PATH": ""}
    out = subprocess.run([sys.executable, "-c", code, str(SEED_004)], capture_output=True, text=True, env=env)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr
    assert not list(cache.glob("entities-*"))


def test_a_lazy_context_opens_its_index_once_on_first_use(index):
    opened: list[int] = []

    def open_index():
        opened.append(1)
        return index

    context = Context(open_index=open_index, dictionary_sha256=index.sha256)
    assert context.dictionary_sha256 == index.sha256 and not opened
    assert context.index is index and context.index is index and opened == [1]


def test_files_over_max_file_size_are_refused_with_one_line(cli, tmp_path: Path):
    (tmp_path / ".mt-repair.toml").write_text("max-file-size = 0.001\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("The minister spoke today. " * 100, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("Fine.\n", encoding="utf-8")
    result = cli("check", "--format", "json", big, small)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "big.txt" in result.err and "max-file-size" in result.err
    assert "small.txt" in result.out  # the other files are still checked
    assert cli("fix", big, "--output-dir", tmp_path / "out").code == 2
    assert big.read_text(encoding="utf-8").startswith("The minister")
    from repair.cli.main import build_parser
    from repair.cli.review import build_session
    from repair.errors import UserError

    with pytest.raises(UserError, match="max-file-size"):  # review: the configured limit, not 20 MB
        build_session(build_parser().parse_args(["review", str(big)]))


def test_max_file_size_must_be_positive(cli, tmp_path: Path):
    (tmp_path / ".mt-repair.toml").write_text("max-file-size = 0\n", encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("Fine.\n", encoding="utf-8")
    result = cli("check", doc)
    assert result.code == 2 and "max-file-size" in result.err


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6)), max_size=40))
def test_kept_spans_clash_exactly_when_a_scan_finds_an_overlap(pairs):
    from repair.engine import _KeptSpans

    kept_spans = _KeptSpans()
    kept: list[Span] = []
    for start, length in pairs:
        span = Span(start, start + length)
        clash = any(k.overlaps(span) for k in kept)
        assert kept_spans.overlaps(span) == clash
        if not clash:
            kept_spans.add(span)
            kept.append(span)


def _copying_quoted(text: str, span: Span) -> bool:
    from repair.detectors.untranslated.script_runs import CLOSING_QUOTES, OPENING_QUOTES

    before, after = text[: span.start].rstrip(" "), text[span.end :].lstrip(" ")
    return bool(before) and before[-1] in OPENING_QUOTES and bool(after) and after[0] in CLOSING_QUOTES


def _copying_gloss(text: str, span: Span) -> bool:
    before, after = text[: span.start].rstrip(" "), text[span.end :].lstrip(" ")
    if not (before.endswith(("(", "（")) and after.startswith((")", "）"))):
        return False
    words = before[:-1].rstrip().split()
    return bool(words) and words[-1][:1].isupper()


@given(st.text(alphabet=" ()（）[]«»\"'Aa\n\t中", max_size=14), st.data())
def test_script_run_context_without_copying_the_text_before_it(text, data):
    from repair.detectors.untranslated import script_runs

    start = data.draw(st.integers(0, len(text)))
    span = Span(start, data.draw(st.integers(start, len(text))))
    assert script_runs._quoted(text, span) == _copying_quoted(text, span)
    assert script_runs._gloss(text, span) == _copying_gloss(text, span)


@given(st.text(alphabet=" \t\n\r\u00a0\u2003a\x1c\x85", max_size=10), st.integers(0, 12))
def test_blank_from_is_strip_without_the_copy(text, pos):
    from repair.document import blank_from

    assert blank_from(text, pos) == (not text[pos:].strip())


UNANCHORED_CODE_RUN = re.compile(r"\S*[|{}\[\]<>=\\$`:()*]\S*|(?<!\S)-\S+")  # quadratic in a long word


@settings(max_examples=300)
@given(st.text(alphabet="ab -|{}[]<>=\\$`:()*\n\t.é", max_size=40))
def test_code_run_candidates_are_what_the_unanchored_pattern_finds(text):
    from repair.detectors.sentences.code import _CODE_RUN_CANDIDATE

    found = [m.span() for m in _CODE_RUN_CANDIDATE.finditer(text)]
    assert found == [m.span() for m in UNANCHORED_CODE_RUN.finditer(text)]


def test_patterns_that_cannot_be_joined_are_matched_one_by_one():
    from repair.resources.phrases import _alternation

    assert _alternation((("read (?P<n>more)", "en"), ("share", "en"))) is None  # a named group
    assert _alternation((("(a)\\1", "en"),)) is None  # a back-reference
    assert _alternation((("(?i)share", "en"), ("x", "en"))) is None  # flags mid-expression
    joined = _alternation((("read more", "en"), ("share( this)?", "en")))
    assert joined is not None and joined.fullmatch("Share this") and not joined.fullmatch("share it")


def test_the_pattern_alternation_matches_a_line_exactly_when_one_pattern_does():
    from repair.resources.phrases import PATTERN_FLAGS, clean_line, phrase_book

    book = phrase_book()
    assert book.any_pattern is not None
    root = Path(__file__).resolve().parents[1]
    lines = [
        line
        for folder in ("seeds", "tests/cases")
        for p in (root / folder).iterdir()
        if p.is_file()
        for line in p.read_text(encoding="utf-8").splitlines()
    ]
    assert lines
    for line in lines:
        text = clean_line(line)
        assert bool(book.any_pattern.fullmatch(text)) == any(
            re.fullmatch(p, text, PATTERN_FLAGS) for p, _ in book.patterns
        )


def test_cached_words_are_built_once_and_read_back_the_same(tmp_path, monkeypatch):
    from repair.resources.cache import cached_words

    monkeypatch.setenv("MT_REPAIR_CACHE_DIR", str(tmp_path))
    built: list[int] = []

    def build():
        built.append(1)
        return ["word", "", "mot", "کلمه"]

    first = cached_words("words-v1.marisa", build)
    again = cached_words("words-v1.marisa", build)
    assert set(first) == set(again) == {"word", "", "mot", "کلمه"} and built == [1]
    assert "mot" in again and "mo" not in again and "کلمه" in again and len(again) == 4
    assert not cached_words("empty-v1.marisa", list) and not cached_words("empty-v1.marisa", list)
    cached_words("lines-v1.marisa", lambda: ["a\nb"])
    assert set(cached_words("lines-v1.marisa", list)) == {"a\nb"}  # read back, not built again
    whole = (tmp_path / "words-v1.marisa").read_bytes()
    flipped = whole[:8] + bytes([whole[8] ^ 0xFF]) + whole[9:]  # marisa would read it, unchecked
    for damage in (b"", b"not a trie" * 100, flipped):
        (tmp_path / "words-v1.marisa").write_bytes(damage)
        assert set(cached_words("words-v1.marisa", build)) == {"word", "", "mot", "کلمه"}
        assert set(cached_words("words-v1.marisa", list)) == {"word", "", "mot", "کلمه"}  # built again
    assert built == [1, 1, 1, 1]
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file is left behind
    blocked = tmp_path / "a file"
    blocked.write_text("")
    monkeypatch.setenv("MT_REPAIR_CACHE_DIR", str(blocked / "cache"))  # a folder that cannot be made
    assert set(cached_words("words-v1.marisa", build)) == {"word", "", "mot", "کلمه"}


def test_spelling_words_from_the_cache_are_pyspellchecker_s():
    from repair.resources.segmentation import _shipped_spelling_words, spelling_words

    assert set(spelling_words("fr")) == _shipped_spelling_words("fr") and "ministre" in spelling_words("fr")


@pytest.mark.parametrize("numpy_pays", [True, False])
def test_numpy_and_python_estimates_keep_the_same_candidates(monkeypatch, numpy_pays):
    import random

    from repair.detectors.entities import classify, estimates

    monkeypatch.setattr(estimates, "_numpy_pays", lambda size: numpy_pays)

    rng = random.Random(4)
    letters = "aeioukrstlmnvzb"
    tokens = {"zelensky", "zelenski", "zarensky"} | {
        "".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(600)
    }
    candidates = block_for(tokens)
    assert len(candidates.tokens) >= NUMPY_FROM_CANDIDATES
    by_numpy = [candidates.tokens[i] for i in possible_indices("Zarensky", candidates, classify.LOWEST_FLOOR)]
    order, estimates = candidates.tokens, _estimated_similarities("Zarensky", candidates)
    floor = classify.LOWEST_FLOOR - ESTIMATE_SLACK
    assert by_numpy == [c for c, e in zip(order, estimates, strict=True) if e >= floor]
    assert {"zelensky", "zarensky"} <= set(by_numpy)
    assert all(similarity("Zarensky", c) >= floor for c in by_numpy)


def test_a_check_of_one_page_imports_no_numpy():
    """numpy (70 ms to import) pays only once a run has estimated many large blocks: a page
    is checked without it, and the estimates are the same sums either way (test above)."""
    import subprocess
    import sys

    code = (
        "import sys; from repair.cli.main import main; main(['check', '--format', 'json', sys.argv[1]]); "
        "print('numpy' in sys.modules)"
    )
    page = Path(__file__).resolve().parents[1] / "seeds" / "004_9c04875aba7a0d24.txt"
    out = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_numpy_is_imported_once_a_run_has_estimated_enough_large_blocks(monkeypatch):
    from repair.detectors.entities import estimates

    monkeypatch.setattr(estimates, "_large_block_candidates", [0])
    monkeypatch.delitem(__import__("sys").modules, "numpy", raising=False)
    assert not estimates._numpy_pays(estimates.NUMPY_FROM_CANDIDATES - 1)  # small blocks: never counted
    assert estimates._large_block_candidates == [0]
    large = estimates.NUMPY_FROM_CANDIDATES
    paid = [estimates._numpy_pays(large) for _ in range(estimates.NUMPY_IMPORT_AFTER // large + 1)]
    assert not paid[0] and paid[-1]


def test_unselective_blocking_keys_are_not_stored():
    from repair.resources.entity_index import MAX_BLOCK_TOKENS, selective_blocks

    crowded = {("r", f"token{i}") for i in range(MAX_BLOCK_TOKENS + 1)}
    rare = {("krm", "kremlin"), ("krmln", "kremlin")}
    assert sorted(selective_blocks(crowded | rare)) == sorted(rare)
    at_cap = {("s", f"token{i}") for i in range(MAX_BLOCK_TOKENS)}
    assert sorted(selective_blocks(at_cap)) == sorted(at_cap)


def test_the_shipped_dictionary_has_no_block_over_the_cap(monkeypatch):
    """The cap bounds huge dictionaries only: every block of the shipped one is kept, so what the
    shipped dictionary finds does not depend on it (built here without the cap, then measured)."""
    import sqlite3

    from repair.resources import entity_index
    from repair.resources.dictionary import load_file, merge, shipped_dictionary_files

    cap = entity_index.MAX_BLOCK_TOKENS
    monkeypatch.setattr(entity_index, "MAX_BLOCK_TOKENS", 10**9)
    db = sqlite3.connect(":memory:")
    entity_index.build(merge([load_file(p) for p in shipped_dictionary_files()]), db)
    rows = db.execute("SELECT tokens FROM block").fetchall()
    largest = max(len(tokens.split(entity_index.TOKEN_SEPARATOR)) for (tokens,) in rows)
    assert 0 < largest <= cap


def test_spellings_with_the_same_tokens_share_one_alignment_but_keep_their_form():
    from repair.detectors.entities.mentions import align, words_of
    from repair.resources.entity_index import NAME, FormRef

    document = Document("Yesterday Volodymyr Zelenski spoke.", "en")
    words = words_of(document)
    english = FormRef(1, "en", NAME, ("Volodymyr", "Zelensky"), "")
    french = FormRef(1, "fr", NAME, ("Volodymyr", "Zelensky"), "")
    first, second = align(document, words, 2, english, 1, 0.7), align(document, words, 2, french, 1, 0.7)
    assert first is not None and second is not None
    assert (first.form, second.form) == (english, french)
    assert first.words == second.words and first.scores == second.scores and first.first == 0
    assert [w.text for w in first.words] == ["Volodymyr", "Zelenski"]


def test_small_blocks_estimated_with_numpy_once_loaded_give_the_python_sums(index):
    import numpy  # noqa: F401  (loaded, as fastText loads it in a check)

    from repair.detectors.entities import classify

    for word in ("Zarensky", "Vikov", "Makron", "Netanyahou", "Lavrof"):
        candidates = joined(index.key_blocks(word))
        assert 0 < len(candidates.tokens) < NUMPY_FROM_CANDIDATES
        order, estimates = candidates.tokens, _estimated_similarities(word, candidates)
        floor = classify.LOWEST_FLOOR - ESTIMATE_SLACK
        expected = [c for c, e in zip(order, estimates, strict=True) if e >= floor]
        assert [
            candidates.tokens[i] for i in possible_indices(word, candidates, classify.LOWEST_FLOOR)
        ] == expected


def _fuzzy_mentions_unpruned(document, index, words, persian, named=None):
    """The fuzzy search as first written: every spelling of every look-alike aligned and kept."""
    from repair.detectors.entities import classify
    from repair.detectors.entities.evidence import FUZZY_FLOOR
    from repair.detectors.entities.mentions import align, known_token, run_continues
    from repair.resources.entity_index import NAME, VARIANT
    from repair.resources.lexicon import base_language, zipf

    lang = base_language(document.language)
    found = []
    for word in words:
        text = word.text
        if len(text) < 3 or known_token(index, text) or (not persian and not text[:1].isupper()):
            continue
        if not persian and classify._lone_attested(document, words, word, lang):
            continue
        if persian and (
            zipf(text, lang) >= classify.COMMON_ZIPF
            or not (
                classify._next_to_known_name(index, words, word)
                or classify._homophone_spelling(index, text, lang)
            )
        ):
            continue
        for candidate in look_alikes(index, text):
            for ref, position in index.refs_for_folded(candidate):
                if ref.kind not in (NAME, VARIANT) or ref.tokens[position].isupper():
                    continue
                mention = align(document, words, word.index, ref, position, FUZZY_FLOOR)
                if mention and not mention.exact and not run_continues(document, words, mention):
                    found.append(mention)
    return found


def _garbled_options(document, context):
    """Each garbled span's options as comparable values (entity, repair, confidence, evidence)."""
    from repair.detectors.entities import classify

    return {
        span: sorted((o.entity, o.repair, round(o.confidence, 12), tuple(o.evidence)) for o in options)
        for span, options in classify.analyse_entities(document, context).garbled.items()
    }


PRUNING_TEXTS = (
    ("Vikov will be held in Moscow. Zarensky met Donald Trum, and Was Trum right? Love Zelenskyy.", "en"),
    ("Navy Vladimir Putine spoke. Save The Children said Emmanuel Makron and Macrone agreed.", "en"),
    ("Le président Zelenski a rencontré Vladimir Poutin. Was Macron à Paris ? Olaf Scholtz aussi.", "fr"),
    ("El presidente Donald Tramp habló con Pedro Sanches. Love Sánchez, Baja California.", "es"),
    ("ترامپ با ولادیمیر پوتنی دیدار کرد و طرامپ گفت. زلنسکی و زلنسکیی آمدند.", "fa"),
)


@pytest.mark.parametrize("select_from", [None, 0])
@pytest.mark.parametrize(("text", "lang"), PRUNING_TEXTS)
def test_the_pruned_fuzzy_search_scores_what_the_full_search_scores(
    context, monkeypatch, text, lang, select_from
):
    """Fewer mentions (an attested word alone, a spelling no neighbour can complete, a copy in
    another language of the same spelling, a lone look-alike of a person nothing ties to them),
    the same garbled-name options; also when every shape table is selected from by neighbours
    and entities, as a large dictionary's are (select_from 0)."""
    from repair.detectors.entities import classify, shapes

    if select_from is not None:
        monkeypatch.setattr(shapes, "SELECT_FROM_SHAPES", select_from)

    documents = [Document(text, lang), Document(text, lang)]
    pruned = _garbled_options(documents[0], context)
    with monkeypatch.context() as patched:
        patched.setattr(classify, "_fuzzy_mentions", _fuzzy_mentions_unpruned)
        full = _garbled_options(documents[1], context)
    assert pruned == full
    words = classify.words_of(documents[0])
    persian = lang == "fa"
    named = classify.document_mentions(context.index, words)
    fewer = classify._fuzzy_mentions(documents[0], context.index, words, persian, named)
    assert len(fewer) <= len(_fuzzy_mentions_unpruned(documents[0], context.index, words, persian))


def _shared_name_records() -> list[dict]:
    """People with shared first names and surnames and no context words, as a large imported
    dictionary has them (five first names, each with twelve surnames, each surname twice)."""
    firsts = ("Kari", "Milo", "Sanne", "Tavio", "Ruvena")
    lasts = tuple(f"{a}{b}" for a in ("Lomi", "Veno", "Bedo") for b in ("sa", "tu", "rak", "lin"))
    return [
        {
            "id": f"shared_{first}_{last}_{copy}".lower(),
            "type": "person",
            "names": {"en": f"{first} {last}" if copy == 0 else f"{firsts[(i + 1) % 5]} {last}"},
        }
        for i, first in enumerate(firsts)
        for last in lasts
        for copy in (0, 1)
    ]


SHARED_NAME_TEXT = (
    "Kari Lomisa arrived on Monday. Later, Lomiza said little. Tavio Venotuu met Bedolinn. "
    "President Lomysa spoke. Sanne Bedorac and Milo Venolin left; Vennotu stayed with Ruvenna Lomitu."
)


@pytest.mark.parametrize("select_from", [None, 0])
def test_shape_selection_at_scale_scores_what_the_full_search_scores(
    tmp_path, monkeypatch, isolated_cache_dir, select_from
):
    """A dictionary where every first name and surname is shared: the lone look-alike of a
    surname the document names elsewhere (Lomiza), one nothing ties to a person (Vennotu), two
    garbled parts together, a look-alike after a title; the selected shapes give the options of
    aligning every spelling of every look-alike."""
    import json

    from repair.detectors.entities import classify, shapes
    from repair.resources.entity_index import load_index

    path = tmp_path / "shared.json"
    path.write_text(json.dumps(_shared_name_records()), encoding="utf-8")
    context = Context(index=load_index([path], shipped=False))
    if select_from is not None:
        monkeypatch.setattr(shapes, "SELECT_FROM_SHAPES", select_from)

    pruned = _garbled_options(Document(SHARED_NAME_TEXT, "en"), context)
    with monkeypatch.context() as patched:
        patched.setattr(classify, "_fuzzy_mentions", _fuzzy_mentions_unpruned)
        full = _garbled_options(Document(SHARED_NAME_TEXT, "en"), context)
    assert pruned == full
    repaired = {o[1].original for options in pruned.values() for o in options}
    assert {"Lomiza", "Venotuu", "Bedolinn", "Ruvenna"} <= repaired


def _one_first_name_records(surnames: int) -> list[dict]:
    """People who share one first name (Kari) and, two by two, a surname, some with a middle
    name, so that Kari has shapes still to end and shapes ending at it."""
    lasts = [f"Lo{a}{b}" for a in "mnrstv" for b in ("sa", "tu", "rak", "lin", "do")][:surnames]
    records = [
        {"id": f"kari_{i}", "type": "person", "names": {"en": f"Kari {last}"}} for i, last in enumerate(lasts)
    ]
    records += [
        {"id": f"middle_{i}", "type": "person", "names": {"en": f"{last} Teo Kari"}}
        for i, last in enumerate(lasts)
    ]
    return records


@pytest.mark.parametrize("surnames", [30, 5])
def test_the_stored_neighbour_blocks_and_selectors_are_those_of_the_shape_table(
    tmp_path, isolated_cache_dir, surnames
):
    """A token with many shapes has its neighbour tokens' block stored, in the order of the
    shapes, with the keys stored_block gives them, and its selectors stored as the search
    would compute them from its shapes; a token with few has neither (the search builds them
    from the shape table when it selects there)."""
    import json

    from repair.resources.entity_index import NEIGHBOURS_FROM_SHAPES, load_index, shape_selectors

    path = tmp_path / "kari.json"
    path.write_text(json.dumps(_one_first_name_records(surnames)), encoding="utf-8")
    index = load_index([path], shipped=False)
    computed = shape_selectors(index.name_shapes("kari"))
    stored_choice = index.shape_choice("kari")
    for after, tokens in ((True, computed.after_tokens), (False, computed.before_tokens)):
        stored = index.neighbour_block("kari", after)
        if 2 * surnames >= NEIGHBOURS_FROM_SHAPES:
            assert stored == index.stored_block(tokens)
            assert len(stored.tokens) == (surnames if after else 1)  # the surnames; Teo
        else:
            assert stored is None
    if 2 * surnames >= NEIGHBOURS_FROM_SHAPES:
        assert stored_choice == computed._replace(after_tokens=(), before_tokens=())
        assert len(computed.after_groups) == surnames and computed.scripts == "0"
        assert computed.tied == ""  # every Kari is a person with no context words
    else:
        assert stored_choice is None


def test_shape_selectors_group_the_shapes_by_neighbour_entity_and_script():
    """Positions by the token after (shapes still to end) and before (shapes ending at the
    look-alike, not first), by entity (shapes ending here), the tied shapes (an entity other
    than an uncued person) and the scripts of the shapes' first tokens."""
    from repair.resources.entity_index import ShapeColumns, shape_selectors

    columns = ShapeColumns(
        1,
        ["kari lomi", "teo kari", "sanne kari", "kari", "کاری لومی"],
        [0, 1, 1, 0, 0],
        ["", "teo", "sanne", "", ""],
        ["lomi", "", "", "", "لومی"],
        ["1", "2,3", "4", "5", "6"],
        "01101",
    )
    chosen = shape_selectors(columns)
    assert chosen.after_tokens == ("lomi", "لومی") and chosen.after_groups == ("0", "4")
    assert chosen.before_tokens == ("teo", "sanne") and chosen.before_groups == ("1", "2")
    assert chosen.entities == ";2:1;3:1;4:2;5:3;" and chosen.tied == "3"  # "kari" of entity 5
    assert chosen.scripts == "01"


@pytest.mark.parametrize(
    ("names", "split"),
    [
        ({"en": "Uzbekistan", "fa": "ازبکستان", "fa-AF": "اوزبیکستان"}, {"fa"}),  # spelled apart
        ({"en": "Kabul", "en-GB": "Kabul", "fa": "کابل", "fa-AF": "کابل"}, set()),  # the same
    ],
)
def test_the_index_knows_which_languages_locales_spell_names_apart(
    tmp_path, isolated_cache_dir, names, split
):
    """ENT003 compares the locales of a language only when some name is spelled apart by them;
    the index says which languages, so the others skip the comparison."""
    import json

    from repair.resources.entity_index import load_index

    path = tmp_path / "locales.json"
    path.write_text(json.dumps([{"id": "x", "type": "place", "names": names}]), encoding="utf-8")
    index = load_index([path], shipped=False)
    assert {lang for lang in ("en", "fa", "fr") if index.splits_locales(lang)} == split


def test_the_blocks_of_a_words_keys_hold_only_tokens_that_share_a_key(index):
    """Every candidate look_alikes estimates shares a blocking key with the word: a skeleton
    within one deletion each (one edit apart) or the phonetic key; each block is in token order
    and a token in two keys' blocks is there twice, with the same keys."""
    for word in ("Zarensky", "Vikov", "Makron", "Netanyahou", "Bxn"):
        blocks = index.key_blocks(word)
        near = _deletions(skeleton(word))
        for block in blocks:
            assert list(block.tokens) == sorted(block.tokens)
            for token in block.tokens:
                assert near & _deletions(skeleton(token)) or phonetic_key(token) == phonetic_key(word)
        rows = list(zip(*joined(blocks), strict=True))
        assert len({row[0] for row in rows}) == len(set(rows))  # one row of keys per token


@pytest.mark.parametrize("after_queries", [2000, 0])
def test_uncued_people_are_read_one_by_one_or_all_at_once_alike(
    tmp_path, monkeypatch, isolated_cache_dir, after_queries
):
    """A person without context words is uncued; one with them, or a place, is not; the same
    whether the flags are read entity by entity or, once a run asks about many, all at once."""
    import json

    from repair.resources import entity_index

    records = [
        {"id": "plain", "type": "person", "names": {"en": "Kari Lomisa"}},
        {"id": "cued", "type": "person", "names": {"en": "Milo Venotu"}, "context": ["harbour"]},
        {"id": "town", "type": "place", "names": {"en": "Bedolin"}},
    ]
    path = tmp_path / "people.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    monkeypatch.setattr(entity_index, "KEYS_AFTER_QUERIES", after_queries)
    index = entity_index.load_index([path], shipped=False)
    numbers = {index.entities[i].id: i for i in range(len(index.entities))}
    assert [index.is_uncued_person(numbers[k]) for k in ("plain", "cued", "town")] == [True, False, False]


@settings(max_examples=40)
@given(WORDS, st.integers(1, 12), st.sampled_from("xe "))
def test_near_copies_shifted_by_every_allowed_edit_at_the_start_are_found(words, inserted, letter):
    """A copy whose edits all come first shifts every intact piece by the most the ratio allows:
    the index's shift window must still reach each piece (the scan decides the truth)."""
    text = " ".join(words)
    _assert_index_finds_what_the_scan_finds([text, letter * inserted + text, text[inserted:]])
