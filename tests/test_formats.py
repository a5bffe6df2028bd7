"""Input formats (repair.formats): PO, XLIFF 1.2 and 2.1, SRT, Markdown and HTML through check,
fix and review, without damage: round trips, findings per format, what is never touched."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from repair.formats import format_of, parse_layout
from repair.formats.layout import Layout, Segment, masked_view
from repair.model import Applicability, Edit, Finding, Proposal, Severity, Span

DATA = Path(__file__).parent / "data" / "formats"
FIXTURES = ["clean.po", "clean-1.2.xlf", "clean-2.1.xlf", "clean.srt", "clean.md", "clean.html"]
GLUED = "Indiais"
# (fixture, clean text, damaged text): a glued word put into each format's translatable text
DAMAGE = {
    "clean.po": (
        'msgstr "The prime minister travelled to Berlin on Monday for talks."',
        'msgstr "Indiais sending its prime minister to Berlin on Monday for talks."',
    ),
    "clean-1.2.xlf": (
        "The prime minister travelled to Berlin on Monday for talks with the chancellor.</target>",
        "The prime minister of Indiais travelling to Berlin on Monday for talks with the chancellor."
        "</target>",
    ),
    "clean-2.1.xlf": (
        "The prime minister travelled to Berlin on Monday for talks.</target>",
        "The prime minister of Indiais travelling to Berlin on Monday for talks.</target>",
    ),
    "clean.srt": (
        "The prime minister travelled to Berlin\n",
        "The prime minister of Indiais travelling to Berlin\n",
    ),
    "clean.md": (
        "# The prime minister travels to Berlin",
        "# The prime minister of Indiais travelling to Berlin",
    ),
    "clean.html": (
        "<p>The prime minister travelled to <b>Berlin</b> on Monday",
        "<p>The prime minister of Indiais travelling to <b>Berlin</b> on Monday",
    ),
}


def fixture_text(name: str, crlf: bool = False) -> str:
    text = (DATA / name).read_text(encoding="utf-8")
    return text.replace("\n", "\r\n") if crlf else text


def put(tmp_path: Path, name: str, text: str) -> Path:
    target = tmp_path / name
    target.write_bytes(text.encode("utf-8"))
    return target


def still_valid(name: str, text: str) -> None:
    """The file still parses with the format's own library."""
    if name.endswith(".po"):
        import polib

        polib.pofile(text)
    elif name.endswith(".xlf"):
        ElementTree.fromstring(text)
    elif name.endswith(".srt"):
        import srt

        list(srt.parse(text))


# -- round trips and layout --------------------------------------------------------------------


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", FIXTURES)
def test_layout_keeps_offsets_and_lines(name: str, crlf: bool) -> None:
    text = fixture_text(name, crlf)
    layout = parse_layout(text, name)
    assert layout is not None and layout.segments
    assert len(layout.view) == len(text)
    assert [i for i, c in enumerate(layout.view) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    for segment in layout.segments:
        assert len(segment.view) == segment.end - segment.start
        assert "\r" not in segment.view


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", FIXTURES)
def test_fix_write_on_a_clean_file_keeps_every_byte(
    cli: Callable, tmp_path: Path, name: str, crlf: bool
) -> None:
    data = fixture_text(name, crlf).encode("utf-8")
    target = tmp_path / name
    target.write_bytes(data)
    result = cli("fix", "--write", "--unsafe-fixes", target)
    assert result.code == 0, result.err
    assert target.read_bytes() == data


@pytest.mark.parametrize("name", FIXTURES)
def test_a_clean_file_of_each_format_has_no_finding(cli: Callable, name: str) -> None:
    result = cli("check", "--format", "json", DATA / name)
    assert result.code == 0, result.out
    assert json.loads(result.out)["files"][0]["findings"] == []


@pytest.mark.parametrize("name", FIXTURES)
def test_read_as_plain_text_the_same_files_do_raise_findings(cli: Callable, name: str) -> None:
    """The negative tests above can fail: without the format layer these files are reported."""
    if name == "clean.srt":
        pytest.skip("the SubRip fixture has no markup that plain text reading trips on")
    result = cli("check", "--format-in", "text", DATA / name)
    assert result.code == 1


PARSED = {
    "clean.po": [
        "The prime minister travelled to Berlin on Monday for talks.",
        "Cancel",
        "Cancel",
        "article published",  # placeholders are code, masked like tags
        "articles published",
        "The negotiations will resume on Tuesday in Geneva, according to officials who asked not to be"
        ' named. A " final" agreement is not expected this week.',
    ],
    "clean-1.2.xlf": [
        "The prime minister travelled to Berlin on Monday for talks with the chancellor.",
        "The negotiations will resume on Tuesday in Geneva , according to officials.",
        "Click here to read more & the reactions.",
        "Cancel",
        "Cancel",
    ],
    "clean-2.1.xlf": [
        "The prime minister travelled to Berlin on Monday for talks.",
        "The negotiations will resume on Tuesday in Geneva.",
        "Press to continue & close.",
    ],
    "clean.srt": [
        "The prime minister travelled to Berlin on Monday for talks with the chancellor.",
        "The negotiations will resume on Tuesday.",
        "Officials said further talks were possible.",
    ],
}


@pytest.mark.parametrize("name", sorted(PARSED))
def test_segments_are_the_translations(name: str) -> None:
    layout = parse_layout(fixture_text(name), name)
    assert layout is not None
    assert [s.plain for s in layout.segments] == PARSED[name]


def test_po_segments_carry_their_source_and_the_header_language() -> None:
    layout = parse_layout(fixture_text("clean.po"), "clean.po")
    assert layout is not None and layout.target_language == "en"
    sources = [s.source for s in layout.segments]
    assert sources[0] == "Le Premier ministre s'est rendu à Berlin lundi pour des entretiens."
    assert sources[3:5] == ["%(count)d article publié", "%(count)d articles publiés"]  # plural forms
    assert all("charset" not in s.view for s in layout.segments)  # the header is metadata


def test_xliff_languages_and_sources() -> None:
    for name, source in (
        ("clean-1.2.xlf", "Annuler"),
        ("clean-2.1.xlf", "Appuyez sur pour continuer & fermer."),
    ):
        layout = parse_layout(fixture_text(name), name)
        assert layout is not None
        assert (layout.source_language, layout.target_language) == ("fr", "en")
        assert source in [s.source for s in layout.segments]


def test_markdown_checks_text_and_leaves_code_front_matter_and_urls() -> None:
    layout = parse_layout(fixture_text("clean.md"), "clean.md")
    assert layout is not None
    shown = layout.view
    assert GLUED not in shown  # fenced code, inline code and the link target
    assert "tags:" not in shown and "Share this article" not in shown and "Telegram" not in shown
    assert "The prime minister arriving in Berlin" in shown  # image alt text
    assert "Berlin" in shown and "Monday" in shown and "Geneva" in shown  # heading, table cells, list


def test_html_checks_text_and_alt_but_not_script_style_code_pre() -> None:
    layout = parse_layout(fixture_text("clean.html"), "clean.html")
    assert layout is not None
    shown = layout.view
    assert GLUED not in shown and "Telegram" not in shown and "color" not in shown
    assert "The prime minister arriving in Berlin" in shown and "Arrival in Berlin" in shown
    assert "Talks in Berlin" in shown  # the <title>


def test_format_by_extension_then_content_and_forced() -> None:
    assert (
        format_of("a.po", "") == "po"
        and format_of("a.xliff", "") == "xliff"
        and format_of("a.htm", "") == "html"
    )
    assert format_of("notes.txt", fixture_text("clean.po")) == "text"  # a .txt file stays plain text
    assert format_of("-", fixture_text("clean-1.2.xlf")) == "xliff"
    assert format_of("export.data", fixture_text("clean.po")) == "po"
    assert format_of("export.data", fixture_text("clean.srt")) == "srt"
    assert format_of("-", "Just some text.\n") == "text"
    assert format_of("a.txt", "", forced="po") == "po"


# -- findings on each format -------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_a_glued_word_is_found_and_fixed_in_place(cli: Callable, tmp_path: Path, name: str) -> None:
    clean, damaged = DAMAGE[name]
    original = fixture_text(name)
    assert clean in original
    text = original.replace(clean, damaged)
    target = put(tmp_path, name, text)
    found = cli("check", "--format", "json", target)
    codes = [(f["code"], f["text"]) for f in json.loads(found.out)["files"][0]["findings"]]
    assert ("SEN001", GLUED) in codes
    result = cli("fix", "--write", target)
    assert result.code == 0, result.err
    fixed = target.read_text(encoding="utf-8")
    assert fixed == original.replace(clean, damaged.replace(GLUED, "India is"))  # every other byte as it was
    still_valid(name, fixed)


def test_po_glued_word_right_after_msgstr_quote(cli: Callable, tmp_path: Path) -> None:
    clean, damaged = DAMAGE["clean.po"]
    target = put(tmp_path, "messages.po", fixture_text("clean.po").replace(clean, damaged))
    found = json.loads(cli("check", "--format", "json", target).out)["files"][0]["findings"]
    assert [(f["code"], f["line"], f["column"]) for f in found] == [("SEN001", 17, 9)]


def test_po_header_charset_is_never_touched(cli: Callable, tmp_path: Path) -> None:
    text = fixture_text("clean.po").replace("charset=UTF-8", "charset=utf-8")
    target = put(tmp_path, "messages.po", text)
    assert cli("fix", "--write", "--unsafe-fixes", target).code == 0
    assert target.read_text(encoding="utf-8") == text


def test_placeholders_are_never_touched(cli: Callable, tmp_path: Path) -> None:
    """printf, Python and brace placeholders are code the program fills in (a space after
    `%(count)d`'s bracket, or inside `{0}`, would break the program)."""
    text = (
        'msgid ""\nmsgstr "Language: en\\n"\n\n'
        'msgid "a"\nmsgstr "%(count)d articles by %s, %1$s and {0} were published on {date:%Y}."\n'
    )
    target = put(tmp_path, "messages.po", text)
    assert cli("check", target).code == 0
    assert cli("fix", "--write", "--unsafe-fixes", target).code == 0
    assert target.read_text(encoding="utf-8") == text


def test_po_replacement_is_escaped() -> None:
    layout = parse_layout('msgid "a"\nmsgstr "Say hi"\n', "m.po")
    assert layout is not None
    segment = layout.segments[0]
    start = segment.start + 4
    finding = _finding(Span(start, start + 2), "hi", '"hi"')
    (kept,) = layout.adapt([finding])
    assert kept.best is not None and kept.best.replacement == '\\"hi\\"'


def _finding(
    span: Span, text: str, replacement: str, category: str = "sentence", tier: str = "safe"
) -> Finding:
    proposal = Proposal((Edit(span, text, replacement),), 0.9, Applicability(tier), "test")
    return Finding("SEN001", "glued-words", category, Severity.WARNING, span, text, "test", (proposal,))


def test_xliff_findings_over_a_tag_or_an_entity_are_dropped_and_replacements_escaped() -> None:
    text = (
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>a</source>'
        '<target>Tom <g id="1">and</g> Jerry &amp; co</target></trans-unit></body></file></xliff>'
    )
    layout = parse_layout(text, "a.xlf")
    assert layout is not None
    (segment,) = layout.segments
    over_tag = _finding(
        Span(segment.start, segment.start + 14), text[segment.start : segment.start + 14], "x"
    )
    at = text.index("Jerry")
    over_entity = _finding(Span(at, at + 11), text[at : at + 11], "Jerry and co")
    word = _finding(Span(at, at + 5), "Jerry", "Jerry & Tom")
    kept = layout.adapt([over_tag, over_entity, word])
    assert [f.text for f in kept] == ["Jerry"]
    assert kept[0].best is not None and kept[0].best.replacement == "Jerry &amp; Tom"


def test_xliff_source_language_is_not_the_document_language(cli: Callable, tmp_path: Path) -> None:
    """French sources, English targets: English, nothing untranslated (also without the declaration)."""
    from repair.engine import make_document

    text = fixture_text("clean-1.2.xlf")
    assert make_document(text, None, "a.xlf").language == "en"
    undeclared = text.replace(' target-language="en"', "")
    assert make_document(undeclared, None, "a.xlf").language == "en"
    result = cli("check", put(tmp_path, "story.xlf", undeclared))
    assert result.code == 0, result.out


FRENCH_TARGET = (
    "Les négociations reprendront mardi, selon des responsables qui ont demandé à ne pas être nommés."
)


def test_fix_unsafe_never_deletes_a_target(cli: Callable, tmp_path: Path) -> None:
    text = fixture_text("clean-2.1.xlf").replace(
        "<target>The prime minister travelled to Berlin on Monday for talks.</target>",
        f"<target>{FRENCH_TARGET}</target>",
    )
    target = put(tmp_path, "story.xlf", text)
    found = json.loads(cli("check", "--format", "json", target).out)["files"][0]["findings"]
    untranslated = [f for f in found if f["category"] == "untranslated"]
    assert untranslated and all(p["applicability"] == "display" for f in untranslated for p in f["proposals"])
    cli("fix", "--write", "--unsafe-fixes", target)
    assert target.read_text(encoding="utf-8") == text


def test_an_srt_cue_is_never_emptied_and_keeps_its_timing(cli: Callable, tmp_path: Path) -> None:
    text = fixture_text("clean.srt", crlf=True).replace(
        "<i>The negotiations will resume on Tuesday.</i>", "Subscribe to our channel in Telegram"
    )
    target = put(tmp_path, "talks.srt", text)
    found = json.loads(cli("check", "--format", "json", target).out)["files"][0]["findings"]
    assert [f["code"] for f in found] == ["BOI001"]
    assert found[0]["text"] == "Subscribe to our channel in Telegram"
    assert all(p["applicability"] == "display" for p in found[0]["proposals"])
    cli("fix", "--write", "--unsafe-fixes", target)
    assert target.read_bytes() == text.encode("utf-8")


def test_repeated_short_units_are_not_duplicates_but_repeated_markdown_paragraphs_are(
    cli: Callable, tmp_path: Path
) -> None:
    paragraph = (
        "The negotiations will resume on Tuesday in Geneva, according to officials who asked not to be"
        " named, and a final agreement is not expected before the end of the month."
    )
    po = "".join(f'msgid "Source {i}"\nmsgstr "{paragraph}"\n\n' for i in range(2))
    assert cli("check", "--select", "DUP", put(tmp_path, "a.po", po)).code == 0
    markdown = f"# Talks\n\n{paragraph}\n\n{paragraph}\n"
    assert cli("check", "--select", "DUP", put(tmp_path, "a.md", markdown)).code == 1


def test_markdown_fenced_code_and_front_matter_untouched(cli: Callable, tmp_path: Path) -> None:
    text = fixture_text("clean.md").replace(
        "# The prime minister travels to Berlin", "# The prime minister of Indiais travelling to Berlin"
    )
    target = put(tmp_path, "post.md", text)
    cli("fix", "--write", "--unsafe-fixes", target)
    fixed = target.read_text(encoding="utf-8")
    assert fixed == text.replace("of Indiais travelling", "of India is travelling")  # code keeps its Indiais
    assert 'Indiais = fetch("https://example.org/feed")' in fixed and "tags: share, print" in fixed


def test_html_alt_text_is_checked(cli: Callable, tmp_path: Path) -> None:
    text = fixture_text("clean.html").replace(
        'alt="The prime minister arriving in Berlin"',
        'alt="The prime minister of Indiais arriving in Berlin"',
    )
    target = put(tmp_path, "page.html", text)
    cli("fix", "--write", target)
    assert target.read_text(encoding="utf-8") == text.replace("of Indiais arriving", "of India is arriving")


def test_a_markdown_residue_paragraph_is_still_deleted(cli: Callable, tmp_path: Path) -> None:
    text = (
        "# Talks\n\nThe talks will resume on Tuesday in Geneva.\n\n"
        "Subscribe to our channel in Telegram\n\nOfficials said more talks were possible.\n"
    )
    target = put(tmp_path, "post.md", text)
    cli("fix", "--write", target)
    assert target.read_text(encoding="utf-8") == text.replace("Subscribe to our channel in Telegram\n\n", "")


# -- the command line --------------------------------------------------------------------------


def test_malformed_files_are_one_line_errors(cli: Callable, tmp_path: Path) -> None:
    for name, text in (
        ("bad.xlf", '<xliff version="1.2"><file><body><trans-unit><target>open'),
        ("bad.po", 'msgid "a"\nmsgstr "b\n'),
        ("bad.srt", "1\n00:00:01,000 --> 00:00:02,000\nA cue\n\n2\n00:00:0x --> 00:00:02,000\nB\n"),
    ):
        target = put(tmp_path, name, text)
        for command in ("check", "fix"):
            result = cli(command, target)
            assert result.code == 2, (name, command, result.err)
            errors = [line for line in result.err.splitlines() if "error:" in line]
            assert len(errors) == 1 and name in errors[0]
        assert target.read_text(encoding="utf-8") == text


def test_format_in_overrides_the_extension(cli: Callable, tmp_path: Path) -> None:
    target = put(tmp_path, "messages.txt", fixture_text("clean.po"))
    assert cli("check", target).code == 1  # read as plain text, the French sources are reported
    assert cli("check", "--format-in", "po", target).code == 0


def test_folders_take_every_format_with_include_and_exclude(cli: Callable, tmp_path: Path) -> None:
    for name in FIXTURES:
        put(tmp_path, name, fixture_text(name))
    put(tmp_path, "notes.py", "x = 1\n")
    listed = json.loads(cli("check", "--format", "json", tmp_path).out)["files"]
    assert sorted(Path(f["path"]).name for f in listed) == sorted(FIXTURES)
    only = json.loads(cli("check", "--format", "json", "--include", "*.xlf", tmp_path).out)["files"]
    assert sorted(Path(f["path"]).name for f in only) == ["clean-1.2.xlf", "clean-2.1.xlf"]
    rest = json.loads(
        cli("check", "--format", "json", "--exclude", "*.xlf", "--exclude", "*.md", tmp_path).out
    )
    assert sorted(Path(f["path"]).name for f in rest["files"]) == ["clean.html", "clean.po", "clean.srt"]


def test_an_unknown_kind_named_on_the_command_line_is_text_with_a_note(cli: Callable, tmp_path: Path) -> None:
    target = put(tmp_path, "story.log", "The talks will resume on Tuesday in Geneva.\n")
    result = cli("check", target)
    assert result.code == 0
    assert result.err.count("\n") == 1 and "note:" in result.err and "unknown file kind" in result.err
    assert cli("check", put(tmp_path, "story.txt", "The talks will resume.\n")).err == ""


def test_plan_and_apply_on_a_po_file(cli: Callable, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clean, damaged = DAMAGE["clean.po"]
    text = fixture_text("clean.po").replace(clean, damaged)
    target = put(tmp_path, "messages.po", text)
    monkeypatch.chdir(tmp_path)
    assert cli("fix", "--plan", "plan.json", "messages.po").code == 1  # a diff: not written
    assert target.read_text(encoding="utf-8") == text
    assert cli("apply", "plan.json").code == 0
    assert target.read_text(encoding="utf-8") == text.replace(GLUED, "India is")


def test_diff_of_an_xliff_file_shows_only_the_target_change(cli: Callable, tmp_path: Path) -> None:
    clean, damaged = DAMAGE["clean-2.1.xlf"]
    target = put(tmp_path, "story.xlf", fixture_text("clean-2.1.xlf").replace(clean, damaged))
    diff = cli("fix", target).out
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert len(changed) == 2 and all("<target>" in line for line in changed)


# -- review ------------------------------------------------------------------------------------


def test_review_on_a_po_file_saves_through_the_layer(tmp_path: Path, context: object) -> None:
    from repair.review.session import ReviewSession

    clean, damaged = DAMAGE["clean.po"]
    text = fixture_text("clean.po").replace(clean, damaged)
    target = put(tmp_path, "messages.po", text)
    review = ReviewSession.open([str(target)], context).file  # type: ignore[arg-type]
    assert [f.text for f in review.findings] == [GLUED]
    assert review.source_of(review.findings[0]) == (
        "Le Premier ministre s'est rendu à Berlin lundi pour des entretiens."
    )  # shown beside the target in the review screen
    review.edit('"India" is')
    review.save()
    saved = target.read_text(encoding="utf-8")
    assert saved == text.replace(GLUED, '\\"India\\" is')
    still_valid("messages.po", saved)


def test_masked_view_keeps_length_and_newlines() -> None:
    text = 'a "b" <x/>\r\nc &amp; d'
    view = masked_view(text, 0, len(text), [(6, 10, ""), (14, 19, "&")])
    assert len(view) == len(text) and view == 'a "b"      \nc &     d'
    layout = Layout("po", text, (Segment(0, len(text), view),), units=True)
    assert layout.view == view


# -- bilingual evidence ------------------------------------------------------------------------


def bilingual_findings(cli: Callable, path: Path, *options: str) -> list[tuple[str, str, str]]:
    """(code, text, best tier) of each finding that `check` reports."""
    result = cli("check", "--format", "json", *options, path)
    findings = json.loads(result.out)["files"][0]["findings"]
    return [
        (f["code"], f["text"], f["proposals"][0]["applicability"] if f["proposals"] else "display")
        for f in findings
    ]


def test_numbers_links_and_untranslated_units_from_the_source(cli: Callable) -> None:
    found = bilingual_findings(cli, DATA / "bilingual.xlf", "--select", "NUM,URL,UNT")
    assert found == [
        ("NUM001", "2018", "suggest"),
        ("URL001", "https://example.org/report", "suggest"),
        ("UNT004", "Les négociations reprendront mardi à Genève.", "display"),
    ]  # 45 000 = 45,000; 3 = three (one digit numbers are often written out)


def test_a_target_in_the_source_language_is_untranslated(cli: Callable, tmp_path: Path) -> None:
    text = fixture_text("clean-2.1.xlf").replace(
        "<target>The prime minister travelled to Berlin on Monday for talks.</target>",
        f"<target>{FRENCH_TARGET}</target>",
    )
    found = bilingual_findings(cli, put(tmp_path, "story.xlf", text), "--select", "UNT004")
    assert found == [("UNT004", FRENCH_TARGET, "display")]


def test_bilingual_negatives(cli: Callable, tmp_path: Path) -> None:
    unit = '<trans-unit id="{0}"><source>{1}</source><target>{2}</target></trans-unit>'
    units = [
        ("Google Maps", "Google Maps"),  # short names are the same in both languages
        ("Voir https://example.org/a.", "See https://example.org/a."),
        ("Le 14 juillet 2025, à 10 h 30.", "On 14 July 2025, at 10:30."),
        ("Il a 1 500,5 euros.", "He has 1,500.5 euros."),
        ("%(count)d articles publiés en 2024", "%(count)d articles published in 2024"),
    ]
    body = "".join(unit.format(i, s, t) for i, (s, t) in enumerate(units))
    text = (
        '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="fr" target-language="en">'
        f"<body>\n{body}\n</body></file></xliff>\n"
    )
    assert bilingual_findings(cli, put(tmp_path, "a.xlf", text), "--select", "NUM,URL,UNT004") == []
    same = text.replace('source-language="fr"', 'source-language="en-US"').replace(
        "Google Maps</source><target>Google Maps",
        "The talks resumed today</source><target>The talks resumed today",
    )
    assert bilingual_findings(cli, put(tmp_path, "b.xlf", same), "--select", "UNT004") == []


def test_plain_text_has_no_bilingual_findings(cli: Callable, tmp_path: Path) -> None:
    text = "The budget reached 2018 million euros, see https://example.org/report.\n"
    assert cli("check", "--select", "NUM,URL,UNT004", put(tmp_path, "a.txt", text)).code == 0


def test_po_identical_target_is_untranslated(cli: Callable, tmp_path: Path) -> None:
    text = (
        'msgid ""\nmsgstr "Language: fr\\n"\n\n'
        'msgid "The talks will resume on Tuesday."\nmsgstr "The talks will resume on Tuesday."\n'
    )
    found = bilingual_findings(cli, put(tmp_path, "a.po", text), "--select", "UNT004")
    assert found == [("UNT004", "The talks will resume on Tuesday.", "display")]


def name_file(source: str, target: str, source_language: str = "fr") -> str:
    return (
        '<?xml version="1.0"?>\n<xliff version="1.2">'
        f'<file source-language="{source_language}" target-language="en"><body>\n'
        f'<trans-unit id="1"><source>{source}</source><target>{target}</target></trans-unit>\n'
        "</body></file></xliff>\n"
    )


@pytest.mark.parametrize(
    ("source", "language"),
    [
        ("L'envoyé Steve Witkoff est arrivé à Moscou mercredi.", "fr"),
        ("Посланник Стив Уиткофф прибыл в Москву в среду.", "ru"),  # another script
    ],
    ids=["latin", "cyrillic"],
)
def test_a_name_of_the_source_garbled_in_the_target(
    cli: Callable, tmp_path: Path, source: str, language: str
) -> None:
    target = put(
        tmp_path, "a.xlf", name_file(source, "The envoy Witkof arrived in Moscow on Wednesday.", language)
    )
    result = cli("check", "--format", "json", "--select", "ENT005", target)
    (finding,) = json.loads(result.out)["files"][0]["findings"]
    assert finding["text"] == "Witkof" and finding["proposals"][0]["replacement"] == "Witkoff"
    assert "strong evidence: the source names" in finding["proposals"][0]["rationale"]


def test_a_name_of_the_source_spelled_right_or_absent_is_not_flagged(cli: Callable, tmp_path: Path) -> None:
    for source, target in (
        ("L'envoyé Steve Witkoff est arrivé à Moscou.", "The envoy Steve Witkoff arrived in Moscow."),
        ("L'envoyé Steve Witkoff est arrivé à Moscou.", "The envoy arrived in Moscow on Wednesday."),
        ("Le ministre est arrivé à Moscou.", "The minister Witkof arrived in Moscow."),  # not in the source
    ):
        path = put(tmp_path, "a.xlf", name_file(source, target))
        assert cli("check", "--select", "ENT005", path).code == 0, (source, target)


def test_output_dir_and_stdin_go_through_the_layer(cli: Callable, tmp_path: Path) -> None:
    clean, damaged = DAMAGE["clean.po"]
    text = fixture_text("clean.po").replace(clean, damaged)
    source = put(tmp_path, "messages.po", text)
    out = tmp_path / "out"
    assert cli("fix", "--output-dir", out, source).code == 0
    assert source.read_text(encoding="utf-8") == text
    (written,) = list(out.rglob("messages.po"))
    assert written.read_text(encoding="utf-8") == text.replace(GLUED, "India is")
    clean, damaged = DAMAGE["clean-1.2.xlf"]
    xliff = fixture_text("clean-1.2.xlf").replace(clean, damaged)
    result = cli("fix", "-", stdin=xliff.encode("utf-8"))  # stdin: the format comes from the content
    assert result.out == xliff.replace(GLUED, "India is")


def test_review_takes_format_in(tmp_path: Path, context: object) -> None:
    from repair.review.session import ReviewSession
    from repair.settings import RunSettings

    clean, damaged = DAMAGE["clean.po"]
    target = put(tmp_path, "messages.txt", fixture_text("clean.po").replace(clean, damaged))
    review = ReviewSession.open([str(target)], context, RunSettings(format_in="po")).file  # type: ignore[arg-type]
    assert [f.code for f in review.findings] == ["SEN001"]


def test_folder_walks_take_exactly_the_suffixes_the_formats_read() -> None:
    # files.py sits below formats in the layers, so the walk keeps its own set: it must not drift
    from repair.files import TEXT_SUFFIXES
    from repair.formats import SUFFIXES

    assert frozenset(SUFFIXES) == TEXT_SUFFIXES


def test_a_source_language_tag_with_an_underscore_is_read_as_its_language(
    cli: Callable, tmp_path: Path
) -> None:
    text = fixture_text("clean-2.1.xlf").replace(
        "<target>The prime minister travelled to Berlin on Monday for talks.</target>",
        f"<target>{FRENCH_TARGET}</target>",
    )
    tagged = text.replace('srcLang="fr"', 'srcLang="fr_FR"')
    assert tagged != text
    found = bilingual_findings(cli, put(tmp_path, "story.xlf", tagged), "--select", "UNT004")
    assert found == [("UNT004", FRENCH_TARGET, "display")]
