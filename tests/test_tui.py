"""The review app (tui/): driven with App.run_test() and Pilot, SVG snapshots, right-to-left display."""

from __future__ import annotations

import asyncio
import functools
import io
import json
import re
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Input

from repair import decisions as store
from repair.context import Context
from repair.model import Verdict
from repair.review.session import ReviewSession
from tui.app import ReviewApp
from tui.bidi import LOGICAL, display, is_rtl, visual_order
from tui.keys import BINDINGS
from tui.screens.help import HelpScreen, keys_table
from tui.screens.modals import ConfirmQuitScreen, EditScreen
from tui.widgets.document import DocumentView, wrap
from tui.widgets.findings import FindingsTable

REPO = Path(__file__).resolve().parent.parent
SEED_004 = REPO / "seeds" / "004_9c04875aba7a0d24.txt"
SEED_002 = REPO / "seeds" / "002_21aff2c81b174f7e.txt"


# Learned names go to a temporary file (conftest.learned_file), never the user's data folder.
pytestmark = pytest.mark.usefixtures("learned_file")


def make_app(paths: list[Path] | list[str], context: Context, **options) -> ReviewApp:
    return ReviewApp(ReviewSession.open([str(p) for p in paths], context), **options)


def sync(test):
    """Run an async test with asyncio (no async pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return run


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


# -- the editor's workflow ----------------------------------------------------------------------


@sync
async def test_accept_reject_edit_undo_save_and_resume(article: Path, context: Context) -> None:
    original = article.read_text(encoding="utf-8")
    app = make_app([article], context)
    async with app.run_test(size=(100, 30)) as pilot:
        review = app.session.file
        await pilot.press("n", "n")
        assert review.finding.text == "Indiais"
        while review.finding.text != "Vikov":  # step back to the "Vikov" finding
            await pilot.press("p")
        table = app.screen.query_one(FindingsTable)
        assert table.shown[table.cursor_row] == review.current == 0
        await pilot.press("a")  # accept Witkoff
        assert review.entries[0].verdict == Verdict.ACCEPTED and review.entries[0].replacement == "Witkoff"
        assert review.finding.text == "High"
        await pilot.press("r")  # reject 'High'
        assert review.finding.text == "Indiais"
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        app.screen.query_one(Input).value = ""
        await type_text(pilot, "India is")
        await pilot.press("enter")
        assert not isinstance(app.screen, EditScreen)
        assert review.entries[2].verdict == Verdict.EDITED and review.entries[2].replacement == "India is"
        await pilot.press("u")  # undo the edit
        assert 2 not in review.entries and review.finding.text == "Indiais"
        assert "undone" in app.review_screen.message
        await pilot.press("s")
        assert not app.session.dirty and "1 fix(es) applied" in app.review_screen.message

    assert article.read_text(encoding="utf-8") == original.replace("Vikov will", "Witkoff will")
    data = json.loads(store.decisions_path(article).read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["sha256"] == store.sha256_text(original)
    assert [(d["code"], d["text"], d["verdict"], d["replacement"]) for d in data["decisions"]] == [
        ("ENT001", "Vikov", "accepted", "Witkoff"),
        ("SEN002", "High", "rejected", None),
    ]
    assert {"start", "end"} <= set(data["decisions"][1])

    again = make_app([article], context)
    async with again.run_test(size=(100, 30)):
        review = again.session.file
        assert review.finding.text == "Indiais"  # where the editor stopped
        assert [f.text for f in review.findings][:2] == ["High", "Indiais"]  # Vikov is fixed
        assert review.verdict(0) == Verdict.REJECTED and not again.session.dirty
        table = again.screen.query_one(FindingsTable)
        assert str(table.get_cell("0", "state")) == "✗"


@sync
async def test_quitting_with_unsaved_decisions_asks(article: Path, context: Context) -> None:
    app = make_app([article], context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "q")
        assert isinstance(app.screen, ConfirmQuitScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, ConfirmQuitScreen) and app.is_running
        await pilot.press("q", "d")
        await pilot.pause()
        assert not app.is_running
    assert article.read_bytes() == SEED_004.read_bytes()  # discarded

    app = make_app([article], context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "ctrl+q", "s")
        await pilot.pause()
        assert not app.is_running
    assert "Witkoff will" in article.read_text(encoding="utf-8")


@sync
async def test_quit_without_decisions_does_not_ask(article: Path, context: Context) -> None:
    app = make_app([article], context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


@sync
async def test_other_decisions_keys(article: Path, context: Context, learned_file: Path) -> None:
    app = make_app([article], context)
    async with app.run_test(size=(80, 24)) as pilot:
        review = app.session.file
        await pilot.press("A")  # accept every safe fix
        assert sorted(review.findings[i].text for i in review.entries) == ["Indiais", "Vikov", "Zarensky"]
        await pilot.press("u")
        assert review.entries == {}
        await pilot.press("U")  # redo
        assert len(review.entries) == 3
        await pilot.press("u")
        await pilot.press("2")  # 'Vikov' has one proposal only: a warning, no decision
        assert review.entries == {}
        await pilot.press("l")  # accept and learn the name fix
        assert review.entries[0].learn and review.current == 1
        await pilot.press("p", "l")  # toggle learning off and on again
        assert not review.entries[0].learn
        await pilot.press("l", "c")  # reopen
        assert 0 not in review.entries
        await pilot.press("l", "s")
        assert 'deprecated = { en = ["Vikov"] }' in learned_file.read_text(encoding="utf-8")
        review.current = 4  # 'Kiev': accept the highlighted proposal from the proposals panel
        app.review_screen.refresh_decisions()
        await pilot.pause()
        app.screen.query_one("#proposal-list").focus()
        await pilot.press("enter")
        assert review.entries[4].replacement == "Kyiv"


@sync
async def test_navigation_filter_and_mouse(article: Path, context: Context) -> None:
    app = make_app([article], context)
    async with app.run_test(size=(80, 24)) as pilot:
        review = app.session.file
        await pilot.press("f")
        table = app.screen.query_one(FindingsTable)
        assert app.session.category == "entity" and table.row_count == 4
        assert "entity" in str(table.border_title)
        await pilot.press("n")
        assert review.finding.text == "Zarensky"
        await pilot.press("f")  # sentence
        assert review.finding.category == "sentence" and table.row_count == 2
        await pilot.press("f")  # back to all
        assert table.row_count == 6
        await pilot.press("N")  # next of the same category
        assert review.finding.category == "sentence"
        await pilot.press("down")  # the findings list drives the current finding
        await pilot.pause()
        assert review.current == table.shown[table.cursor_row]

        document = app.screen.query_one(DocumentView)
        review.current = 0
        app.review_screen.refresh_decisions()
        await pilot.pause()
        target = next(
            (x, y)
            for y in range(document.scrollable_content_region.height)
            for x in range(document.scrollable_content_region.width)
            if document.finding_at(x, y) == 0
        )
        review.current = 5
        await pilot.click(DocumentView, offset=(target[0] + 2, target[1] + 1))  # border and padding
        assert review.current == 0


@sync
async def test_help_theme_bidi_and_files(article: Path, tmp_path: Path, context: Context) -> None:
    persian = tmp_path / "fa.txt"
    persian.write_bytes(SEED_002.read_bytes())
    app = make_app([article, persian], context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("a")  # review keys do not act behind the help screen
        assert app.session.file.entries == {}
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        dark = app.current_theme.dark
        await pilot.press("t")
        assert app.current_theme.dark is not dark
        await pilot.press("right_square_bracket")
        assert app.session.file_index == 1 and app.session.file.document.language.startswith("fa")
        assert "fa.txt" in str(app.screen.query_one("#status").render())
        await pilot.press("b")
        assert app.review_screen.bidi == LOGICAL
        await pilot.press("left_square_bracket")
        assert app.session.file_index == 0


@sync
async def test_a_clean_file_has_nothing_to_decide(tmp_path: Path, context: Context) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("President Donald Trump met Vladimir Putin in Alaska on Friday.\n", encoding="utf-8")
    app = make_app([clean], context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "r", "n", "A", "e", "f")
        assert app.session.file.entries == {} and app.is_running
        status = str(app.screen.query_one("#status").render())
        assert "no findings in this file" in status and "0/0" not in status
        assert "No findings in this file." in str(app.screen.query_one("#finding-message").render())
        await pilot.press("s", "q")
        await pilot.pause()
        assert not app.is_running
    assert json.loads(store.decisions_path(clean).read_text(encoding="utf-8"))["decisions"] == []


def _keys_shown_on_the_help_screen() -> list[str]:
    """The key column of the help screen's table, as rendered, one entry per key."""
    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(keys_table())
    shown = []
    for line in out.getvalue().splitlines():
        cell = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0]
        for key in cell.split(" / "):
            if re.fullmatch(r"(\d)-(\d)", key):
                shown += [str(d) for d in range(int(key[0]), int(key[2]) + 1)]
            else:
                shown.append(key)
    return shown


def test_every_key_is_documented() -> None:
    shown = _keys_shown_on_the_help_screen()
    assert len(shown) == len(set(shown)), shown  # no key documented twice
    bound = set()
    for binding in BINDINGS:
        assert isinstance(binding, Binding)
        keys = binding.key.split(",")
        keys[0] = binding.key_display or keys[0]  # the first key is shown as its display name
        for key in keys:
            assert key in shown, (key, binding.action)
            bound.add(key)
    app_keys = {b.key for b in ReviewApp.BINDINGS if isinstance(b, Binding)}
    widget_keys = {"Enter", "tab"}  # the proposals list's and Textual's focus keys
    assert "ctrl+q" in app_keys
    assert set(shown) - bound <= app_keys | widget_keys, set(shown) - bound


# -- right-to-left display ----------------------------------------------------------------------


def test_rtl_lines_are_reordered_for_display() -> None:
    assert is_rtl("ترامپ گفت") and not is_rtl("Trump said ترامپ")
    assert display("سلام دنیا") == "ایند مالس"
    assert display("ترمپ در سال 2025 گفت (بله).") == ".(هلب) تفگ 2025 لاس رد پمرت"
    assert display("He said سلام دنیا today") == "He said ایند مالس today"
    assert display("abc def") == "abc def"
    assert visual_order("بِسم", True) == [3, 2, 0, 1]  # the mark stays after its letter
    zwnj = "می\u200cکند"
    assert display(zwnj) == "دنک\u200cیم"


def test_wrap_breaks_at_spaces() -> None:
    from tui.widgets.document import Cell

    cells = [Cell(c, (), -1) for c in "alpha beta gamma"]
    rows = ["".join(c.char for c in row) for row in wrap(cells, 11)]
    assert rows == ["alpha beta ", "gamma"]
    assert ["".join(c.char for c in r) for r in wrap(cells[:5], 3)] == ["alp", "ha"]


@sync
async def test_persian_document_is_right_aligned(tmp_path: Path, context: Context) -> None:
    from rich.cells import cell_len

    persian = tmp_path / "fa.txt"
    persian.write_bytes(SEED_002.read_bytes())
    line = SEED_002.read_text(encoding="utf-8").splitlines()[0]
    app = make_app([persian], context)
    async with app.run_test(size=(100, 30)) as pilot:
        document = app.screen.query_one(DocumentView)
        for mode in ("visual", "logical"):
            rows = [r for r in document._rows if r.cells]
            width = document._laid_out_width
            assert all(r.pad + sum(cell_len(c.char) for c in r.cells) == width for r in rows)
            shown = "".join(c.char for c in rows[0].cells)
            if mode == "visual":  # read from the right, the row starts with the line's first word
                assert shown.split()[-1] == line.split()[0][::-1]
            else:
                assert line.startswith(shown)
            await pilot.press("b")


# -- snapshots (pytest-textual-snapshot; update with --snapshot-update) --------------------------


@pytest.fixture
def stable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a temporary folder so the app shows a relative, stable file name."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_bytes(SEED_004.read_bytes())
    (tmp_path / "maqale.txt").write_bytes(SEED_002.read_bytes())
    return tmp_path


async def _open_edit_modal(pilot) -> None:
    await pilot.press("n", "n", "e")
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False


def test_snapshot_main_screen(stable: Path, context: Context, snap_compare) -> None:
    assert snap_compare(make_app(["article.txt"], context), terminal_size=(80, 24))


def test_snapshot_decisions_light_theme(stable: Path, context: Context, snap_compare) -> None:
    app = make_app(["article.txt"], context)
    assert snap_compare(app, press=["a", "r", "n", "t"], terminal_size=(100, 30))


def test_snapshot_help_screen(stable: Path, context: Context, snap_compare) -> None:
    app = make_app(["article.txt"], context)
    assert snap_compare(app, press=["question_mark"], terminal_size=(80, 24))


def test_snapshot_edit_modal(stable: Path, context: Context, snap_compare) -> None:
    app = make_app(["article.txt"], context)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_edit_modal)


def test_snapshot_persian(stable: Path, context: Context, snap_compare) -> None:
    app = make_app(["maqale.txt"], context)
    assert snap_compare(app, press=["n", "n"], terminal_size=(100, 30))
