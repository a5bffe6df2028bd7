"""ReviewSession (repair.review.session): decisions, undo/redo, navigation, saving, resuming, the decisions
file, `rejected_filter` for `check`, and the learned dictionary (tested with the real load_index)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from repair import decisions as store
from repair.context import Context
from repair.engine import analyse, make_document
from repair.errors import UserError
from repair.files import SourceText
from repair.model import Applicability, Edit, Finding, Proposal, Severity, Span, Verdict
from repair.resources.dictionary import lint_file
from repair.resources.entity_index import load_index
from repair.review.learn import Lesson, merge_lessons, write_lessons
from repair.review.session import (
    FileReview,
    ReviewError,
    ReviewSession,
    learned_dictionary_path,
    rejected_filter,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_004 = SEEDS / "004_9c04875aba7a0d24.txt"
SEED_002 = SEEDS / "002_21aff2c81b174f7e.txt"


# Learned names go to a temporary file (conftest.learned_file), never the user's data folder.
pytestmark = pytest.mark.usefixtures("learned_file")


def open_review(path: Path, context: Context) -> FileReview:
    return ReviewSession.open([str(path)], context).file


def texts(review: FileReview) -> list[str]:
    return [f.text for f in review.findings]


def goto(review: FileReview, text: str, nth: int = 0) -> None:
    review.current = [i for i, f in enumerate(review.findings) if f.text == text][nth]


def check_findings(path: Path, context: Context) -> list[Finding]:
    """What `check` reports for the file, rejected findings dropped."""
    text = path.read_text(encoding="utf-8-sig")
    return rejected_filter(str(path), analyse(make_document(text, None, str(path)), context))


# -- decisions and undo ---------------------------------------------------------------------


def test_opening_seed_004_lists_its_findings(article: Path, context: Context) -> None:
    review = open_review(article, context)
    assert texts(review) == ["Vikov", "High", "Indiais", "Zarensky", "Kiev", "Kiev"]
    assert review.current == 0 and not review.dirty
    assert review.counts().open == 6


def test_accept_reject_edit_advance_and_count(article: Path, context: Context) -> None:
    review = open_review(article, context)
    assert "Witkoff" in review.accept()
    assert review.current == 1  # advanced to the next open finding
    review.reject()
    review.edit("India is")
    counts = review.counts()
    assert (counts.open, counts.accepted, counts.rejected, counts.edited) == (3, 1, 1, 1)
    assert review.decision(0).verdict == Verdict.ACCEPTED and review.decision(0).replacement == "Witkoff"
    assert review.decision(1).verdict == Verdict.REJECTED
    assert review.decision(5) is None
    assert review.dirty


def test_undo_and_redo_restore_decisions_and_position(article: Path, context: Context) -> None:
    review = open_review(article, context)
    review.accept()
    review.reject()
    assert review.undo() == "rejected 'High'"
    assert review.current == 1 and review.verdict(1) is None
    assert review.undo() == "accepted 'Vikov' -> 'Witkoff'"
    assert review.entries == {} and not review.dirty
    assert review.undo() is None
    assert review.redo() == "accepted 'Vikov' -> 'Witkoff'"
    assert review.verdict(0) == Verdict.ACCEPTED
    review.current = 3
    review.reject()  # a new decision drops the redo history
    assert review.redo() is None


def test_edit_with_the_original_text_is_a_rejection(article: Path, context: Context) -> None:
    review = open_review(article, context)
    goto(review, "Indiais")
    review.edit("Indiais")
    assert review.verdict(2) == Verdict.REJECTED


def test_a_finding_that_needs_a_human_cannot_be_accepted(article: Path, context: Context) -> None:
    review = open_review(article, context)
    goto(review, "High")  # its only proposal is a display-only 'keep as it is'
    with pytest.raises(ReviewError, match="needs a human"):
        review.accept()
    with pytest.raises(ReviewError, match="no proposal 3"):
        review.accept(2)


def test_accept_all_safe_is_one_undo_step(article: Path, context: Context) -> None:
    review = open_review(article, context)
    assert review.accept_safe() == 3
    accepted = [review.findings[i].text for i, e in review.entries.items() if e.verdict == Verdict.ACCEPTED]
    assert sorted(accepted) == ["Indiais", "Vikov", "Zarensky"]  # not 'Kiev' (suggest) nor 'High'
    assert review.accept_safe() == 0
    review.undo()
    assert review.entries == {}


def test_reopen_clears_a_decision(article: Path, context: Context) -> None:
    review = open_review(article, context)
    review.accept(advance=False)
    review.clear()
    assert review.verdict(0) is None
    review.undo()
    assert review.verdict(0) == Verdict.ACCEPTED


def _synthetic(tmp_path: Path) -> FileReview:
    text = "Alpha Betagamma delta.\n"
    path = tmp_path / "syn.txt"
    path.write_text(text, encoding="utf-8")

    def finding(code: str, category: str, start: int, end: int, repl: str, conf: float) -> Finding:
        edit = Edit(Span(start, end), text[start:end], repl)
        proposal = Proposal((edit,), conf, Applicability.SAFE, "test")
        return Finding(
            code, "x", category, Severity.ERROR, Span(start, end), text[start:end], "m", (proposal,)
        )

    findings = [
        finding("ENT001", "entity", 6, 15, "Beta gamma", 0.9),
        finding("SEN001", "sentence", 6, 10, "Beat", 0.95),
    ]
    source = SourceText(str(path), text, False, "\n")
    return FileReview(source, make_document(text, "en", str(path)), findings)


def test_accepting_an_overlapping_fix_reopens_the_other(tmp_path: Path) -> None:
    review = _synthetic(tmp_path)
    review.accept(advance=False)
    review.current = 1
    assert "reopened 1 overlapping" in review.accept(advance=False)
    assert review.verdict(0) is None and review.verdict(1) == Verdict.ACCEPTED
    assert review.accept_safe() == 0  # the remaining open one overlaps an accepted fix


def test_save_resolves_overlaps_editor_text_first(tmp_path: Path) -> None:
    from repair.review.file import Entry

    review = _synthetic(tmp_path)
    review.entries = {0: Entry(Verdict.ACCEPTED, "Beta gamma", 0), 1: Entry(Verdict.EDITED, "Bet")}
    planned, skipped = review.planned_edits()
    assert [e.replacement for _, e in planned] == ["Bet"] and skipped == [0]
    result = review.save()
    assert result.applied == 1 and result.skipped == [0]
    assert Path(review.path).read_text(encoding="utf-8") == "Alpha Betgamma delta.\n"


# -- saving and resuming ----------------------------------------------------------------------


def test_save_writes_text_and_decisions_file(article: Path, context: Context) -> None:
    review = open_review(article, context)
    original = article.read_text(encoding="utf-8")
    review.accept()  # Vikov -> Witkoff
    review.reject()  # High
    result = review.save()
    assert result.applied == 1 and not review.dirty
    saved = article.read_text(encoding="utf-8")
    assert saved == original.replace("Vikov will", "Witkoff will")
    data = json.loads(store.decisions_path(article).read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["sha256"] == store.sha256_text(original)
    assert data["saved_sha256"] == store.sha256_text(saved)
    assert [(d["code"], d["text"], d["verdict"], d["replacement"]) for d in data["decisions"]] == [
        ("ENT001", "Vikov", "accepted", "Witkoff"),
        ("SEN002", "High", "rejected", None),
    ]
    first = data["decisions"][0]
    assert original[first["start"] : first["end"]] == "Vikov" and first["applied"] is True


@pytest.mark.parametrize("mode", [0o644, 0o640])
def test_the_decisions_file_gets_the_mode_of_its_text(article: Path, context: Context, mode: int) -> None:
    article.chmod(mode)
    review = open_review(article, context)
    review.accept()
    review.save()
    assert store.decisions_path(article).stat().st_mode & 0o777 == mode
    assert article.stat().st_mode & 0o777 == mode


def test_save_keeps_bom_and_crlf(tmp_path: Path, context: Context) -> None:
    path = tmp_path / "crlf.txt"
    text = SEED_004.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    review = open_review(path, context)
    review.accept()
    review.save()
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == text.count("\r\n") and b"Witkoff will" in data


def test_save_refuses_a_file_changed_on_disk(article: Path, context: Context) -> None:
    review = open_review(article, context)
    review.accept()
    article.write_text("Someone else rewrote this.\n", encoding="utf-8")
    with pytest.raises(UserError, match="changed on disk"):
        review.save()
    assert article.read_text(encoding="utf-8") == "Someone else rewrote this.\n"


def test_saving_twice_in_one_session_does_not_apply_twice(article: Path, context: Context) -> None:
    review = open_review(article, context)
    review.accept()
    review.save()
    review.undo()  # the editor changes their mind after saving
    review.save()
    assert article.read_bytes() == SEED_004.read_bytes()


def test_resume_on_the_unchanged_original(article: Path, context: Context) -> None:
    review = open_review(article, context)
    goto(review, "High")
    review.reject()
    review.current = 4
    review.save()  # nothing accepted: the text is unchanged
    again = open_review(article, context)
    assert again.current == 4 and again.verdict(1) == Verdict.REJECTED and not again.dirty


def test_resume_on_the_saved_text_keeps_rejections(article: Path, context: Context) -> None:
    review = open_review(article, context)
    review.accept()  # Vikov
    review.reject()  # High
    review.save()  # current: Indiais
    again = open_review(article, context)
    assert texts(again) == ["High", "Indiais", "Zarensky", "Kiev", "Kiev"]
    assert again.verdict(0) == Verdict.REJECTED and again.counts().open == 4
    assert again.findings[again.current].text == "Indiais"
    again.current = 3
    again.reject()
    again.save()  # history of the applied fix is kept
    data = json.loads(store.decisions_path(article).read_text(encoding="utf-8"))
    assert [(d["text"], d["verdict"], d.get("applied", False)) for d in data["decisions"]] == [
        ("High", "rejected", False),
        ("Kiev", "rejected", False),
        ("Vikov", "accepted", True),
    ]


def test_a_corrupt_decisions_file_is_a_user_error(article: Path, context: Context) -> None:
    store.decisions_path(article).write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError, match=r"mt-review\.json: not an mt-repair review file"):
        open_review(article, context)


def test_matching_survives_shifted_offsets(article: Path, context: Context) -> None:
    review = open_review(article, context)
    goto(review, "Kiev", 1)
    review.reject()
    review.save()
    article.write_text("A new first line.\n" + article.read_text(encoding="utf-8"), encoding="utf-8")
    remaining = [f.text for f in check_findings(article, context)]
    assert remaining.count("Kiev") == 1  # the other 'Kiev', in another context, is still raised
    again = open_review(article, context)
    kievs = [i for i, f in enumerate(again.findings) if f.text == "Kiev"]
    assert [again.verdict(i) for i in kievs] == [None, Verdict.REJECTED]


# -- rejected_filter (used by check) ------------------------------------------------------------


def test_rejected_findings_are_not_raised_again(article: Path, context: Context) -> None:
    before = check_findings(article, context)
    review = open_review(article, context)
    review.accept()
    review.reject()  # High
    review.save()
    after = [f.text for f in check_findings(article, context)]
    assert "High" not in after and "Vikov" not in after
    assert len(after) == len(before) - 2


def test_rejected_filter_without_a_decisions_file_changes_nothing(article: Path, context: Context) -> None:
    findings = check_findings(article, context)
    assert rejected_filter(str(article), findings) == findings
    assert rejected_filter("-", findings) == findings


@pytest.mark.parametrize("content", ['{"version": 99}', "{not json", '"a string"', '{"version": 1}'])
def test_a_malformed_decisions_file_is_an_error_in_check_and_fix(article: Path, cli, content: str) -> None:
    """Ignoring it would raise again every finding the editor rejected."""
    store.decisions_path(article).write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=r"mt-review\.json"):
        store.rejection_filter(str(article))
    result = cli("check", article)
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "mt-review.json" in result.err
    before = article.read_bytes()
    fixed = cli("fix", "--write", article)
    assert fixed.code == 2 and "mt-review.json" in fixed.err
    assert article.read_bytes() == before


def test_check_cli_hides_rejected_findings(article: Path, context: Context, cli) -> None:
    review = open_review(article, context)
    goto(review, "High")
    review.reject()
    review.save()
    result = cli("check", article)
    assert result.code == 1 and "SEN002" not in result.out and "ENT001" in result.out


# -- navigation and files ---------------------------------------------------------------------


def test_category_filter_and_steps(article: Path, context: Context) -> None:
    session = ReviewSession.open([str(article)], context)
    assert session.categories() == ["entity", "sentence"]
    assert session.cycle_category() == "entity"
    assert session.visible() == [0, 3, 4, 5]
    assert session.step(1) and session.file.current == 3
    assert session.cycle_category() == "sentence" and session.file.current == 2  # moved into the filter
    assert session.cycle_category() is None
    session.goto(3)
    assert session.step(-1, same_category=True) and session.file.current == 0
    assert not session.step(-1)


def test_several_files_are_loaded_when_shown_and_saved_together(tmp_path: Path, context: Context) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes(SEED_004.read_bytes())
    second.write_bytes(SEED_002.read_bytes())
    session = ReviewSession.open([str(first), str(second)], context)
    session.file.accept()
    assert len(session.loaded()) == 1
    fa = session.switch(1)
    assert fa.document.language.startswith("fa") and len(session.loaded()) == 2
    fa.reject()
    assert session.dirty
    results = session.save()
    assert sorted(Path(r.path).name for r in results) == ["a.txt", "b.txt"] and not session.dirty
    assert session.switch(2) is session.loaded()[0]  # wraps round


def test_open_refuses_bad_input(tmp_path: Path, context: Context) -> None:
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\0\1\2")
    with pytest.raises(UserError, match="binary"):
        ReviewSession.open([str(binary)], context)
    with pytest.raises(UserError, match="no such file"):
        ReviewSession.open([str(tmp_path / "missing.txt")], context)


# -- learning -----------------------------------------------------------------------------------


def test_learned_name_fix_becomes_a_deprecated_spelling(
    article: Path, context: Context, learned_file
) -> None:
    assert learned_dictionary_path() is None
    review = open_review(article, context)
    with pytest.raises(ReviewError, match="accept a proposal first"):
        review.toggle_learn()
    goto(review, "High")
    with pytest.raises(ReviewError, match="only name fixes"):
        review.accept(learn=True)
    review.current = 0
    review.accept(learn=True)
    assert review.entries[0].learn
    result = review.save()
    assert [lesson.spelling for lesson in result.lessons] == ["Vikov"]
    assert learned_dictionary_path() == learned_file
    assert lint_file(learned_file) == []
    text = learned_file.read_text(encoding="utf-8")
    assert 'id = "witkoff"' in text and 'deprecated = { en = ["Vikov"] }' in text
    assert "variants" not in text  # a garbled spelling never becomes an accepted variant

    index = load_index([learned_file])
    entity = next(e for e in index.entities if e.id == "witkoff")
    assert entity.deprecated["en"] == ("Vikov",) and entity.names["fr"] == "Steve Witkoff"  # merged
    doc = make_document("Vikov will be held in Moscow on Wednesday.\n", "en")
    found = analyse(doc, Context(index=index))
    assert [(f.code, f.text) for f in found] == [("ENT004", "Vikov")]
    assert "Witkoff" in found[0].best.replacement


def test_learning_merges_by_id_and_keeps_other_records(learned_file: Path) -> None:
    learned_file.parent.mkdir(parents=True)
    learned_file.write_text(
        '[[entity]]\nid = "team_person"\ntype = "person"\nnames = { en = "Ann Example" }\n', encoding="utf-8"
    )
    lessons = [
        Lesson("witkoff", "person", "en", "Steve Witkoff", "Vikov"),
        Lesson("witkoff", "person", "en", "Steve Witkoff", "Vitkov"),
        Lesson("witkoff", "person", "en", "Steve Witkoff", "Vikov"),
    ]
    write_lessons(lessons)
    text = learned_file.read_text(encoding="utf-8")
    assert 'id = "team_person"' in text and 'deprecated = { en = ["Vikov", "Vitkov"] }' in text
    assert merge_lessons([], lessons[:1])[0]["names"] == {"en": "Steve Witkoff"}


def test_toggle_learn_on_an_accepted_fix(article: Path, context: Context) -> None:
    review = open_review(article, context)
    review.accept(advance=False)
    review.toggle_learn()
    assert review.entries[0].learn
    review.toggle_learn()
    assert not review.entries[0].learn


# -- the command --------------------------------------------------------------------------------


def test_review_command_errors(cli, tmp_path: Path) -> None:
    result = cli("review", tmp_path / "missing.txt")
    assert result.code == 2 and "interactive terminal" in result.err  # stdout is not a terminal


def test_review_command_builds_a_session(tmp_path: Path, article: Path) -> None:
    from repair.cli.main import build_parser
    from repair.cli.review import build_session

    args = build_parser().parse_args(["review", str(article), "--select", "ENT", "--bidi", "logical"])
    session = build_session(args)
    assert {f.code[:3] for f in session.file.findings} == {"ENT"}
    missing = build_parser().parse_args(["review", str(tmp_path / "missing.txt")])
    with pytest.raises(UserError, match="no such file"):
        build_session(missing)
    with pytest.raises(UserError, match="standard input"):
        build_session(build_parser().parse_args(["review", "-"]))
    excluded = ["review", str(article), "--exclude", article.name]
    assert build_session(build_parser().parse_args(excluded)).file.findings  # named: reviewed
    with pytest.raises(UserError, match="no text files"):  # unless the globs apply to named files too
        build_session(build_parser().parse_args([*excluded, "--force-exclude"]))


def test_check_does_not_import_textual() -> None:
    code = (
        "import sys, repair.cli.main; repair.cli.main.main(['check', '--format', 'json', sys.argv[1]]); "
        "print('TEXTUAL', any(m.split('.')[0] in ('textual', 'tui') for m in sys.modules))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(SEED_004)], capture_output=True, text=True, timeout=60, check=False
    )
    assert "TEXTUAL False" in proc.stdout


# -- edits keep structure; a save leaves nothing decided for check (issue 15, part 4) ------------


def _fragment_review(tmp_path: Path, text: str, start: int, end: int) -> FileReview:
    """A review of `text` with one untranslated-fragment finding over text[start:end]."""
    path = tmp_path / "frag.txt"
    path.write_text(text, encoding="utf-8")
    finding = Finding(
        "UNT001",
        "untranslated-fragment",
        "untranslated",
        Severity.WARNING,
        Span(start, end),
        text[start:end],
        "m",
    )
    source = SourceText(str(path), text, False, "\n")
    return FileReview(source, make_document(text, "en", str(path)), [finding])


@pytest.mark.parametrize(
    ("text", "fragment", "replacement", "expected"),
    [
        # the case: the span takes the paragraph break before the fragment
        (
            "Kyiv wants arms before winter.\n\nPresidente ucraniano dijo algo.\nMore text.\n",
            "\n\nPresidente ucraniano dijo algo.\n",
            "Ukrainian President said something.",
            "Kyiv wants arms before winter.\n\nUkrainian President said something.\nMore text.\n",
        ),
        # indentation before it stays
        ("Intro.\n    texto sin traducir\nEnd.\n", "    texto sin traducir\n", "untranslated text", None),
        # an editor who types the whitespace gets it
        ("A.\n\nfragmento aquí.\nB.\n", "\n\nfragmento aquí.", " joined.", "A. joined.\nB.\n"),
        # an empty replacement deletes the whole finding as drawn
        ("A.\n\nfragmento aquí.\nB.\n", "\n\nfragmento aquí.", "", "A.\nB.\n"),
    ],
)
def test_an_edit_replaces_only_the_text_of_the_finding(
    tmp_path, text, fragment, replacement, expected
) -> None:
    start = text.index(fragment)
    review = _fragment_review(tmp_path, text, start, start + len(fragment))
    review.edit(replacement)
    review.save()
    saved = Path(review.path).read_text(encoding="utf-8")
    if expected is None:
        expected = text.replace(fragment.strip(), replacement)
    assert saved == expected


def _decide_all(review: FileReview, reject: Callable[[int], bool]) -> None:
    for i in range(len(review.findings)):
        review.current = i
        try:
            if reject(i):
                review.reject(advance=False)
            else:
                review.accept(advance=False)
        except ReviewError:
            review.reject(advance=False)


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
@pytest.mark.parametrize("rejected", ["odd", "even"])
def test_after_a_save_check_reports_nothing_the_editor_decided(tmp_path, context, seed, rejected) -> None:
    """Accept some findings, reject the others, save: `check` on the saved file raises none of
    them again, even where an accepted fix beside a rejected finding changed its context (a
    rejected block next to a deleted one) or the blank lines its span takes."""
    path = tmp_path / seed
    path.write_bytes((SEEDS / seed).read_bytes())
    review = open_review(path, context)
    decided = {(f.code, f.text.strip()) for f in review.findings}
    _decide_all(review, (lambda i: i % 2 == 1) if rejected == "odd" else (lambda i: i % 2 == 0))
    review.save()
    again = check_findings(path, context)
    assert [(f.code, f.text) for f in again if (f.code, f.text.strip()) in decided] == []


def test_a_rejection_beside_a_deleted_block_survives_the_save(tmp_path, context) -> None:
    """Seed 001: the MT notice (accepted: deleted) sits right before a duplicated paragraph at the
    end of the text (rejected); the rejection's context before the save is gone after it."""
    path = tmp_path / "001.txt"
    path.write_bytes((SEEDS / "001_6d115fbc4a5fa8fc.txt").read_bytes())
    review = open_review(path, context)
    assert [f.code for f in review.findings] == ["BOI002", "DUP001"]
    _decide_all(review, lambda i: i == 1)
    review.save()
    assert check_findings(path, context) == []
    resumed = open_review(path, context)  # and a resumed review shows it as rejected
    assert [resumed.verdict(i) for i in range(len(resumed.findings))] == [Verdict.REJECTED]


def test_a_session_analyses_with_checks_settings(article: Path, context: Context) -> None:
    from repair.engine import check_text
    from repair.settings import RunSettings

    text = article.read_text(encoding="utf-8")
    everything = ReviewSession.open([str(article)], context).file.findings
    assert {f.category for f in everything} == {"entity", "sentence"}
    settings = RunSettings(ignore=("SEN",), language="en")
    review = ReviewSession.open([str(article)], context, settings).file
    assert review.findings == check_text(text, str(article), settings, context)[1]
    assert review.findings and {f.category for f in review.findings} == {"entity"}
    assert review.min_confidence == settings.min_confidence


def test_a_save_says_how_many_findings_check_reports_on_the_saved_text(tmp_path, context) -> None:
    path = tmp_path / "004.txt"
    path.write_bytes(SEED_004.read_bytes())
    session = ReviewSession.open([str(path)], context)
    total = len(session.file.findings)
    session.file.accept(advance=False)  # one decided, the others left open
    [result] = session.save()
    assert result.remaining == total - 1 == len(check_findings(path, context))
    _decide_all(session.file, lambda i: True)  # now reject everything
    [result] = session.save()
    assert result.remaining == 0 == len(check_findings(path, context))
