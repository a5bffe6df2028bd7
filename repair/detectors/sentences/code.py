"""Code inside prose: where a word is an identifier, a command or markup, never a glued word
(SEN001, `CodeMap.holds`), and punctuation is code's, never a missing space (SEN003,
`CodeMap.holds_mark`).

Technical text (help files, READMEs, reST) shows code among its prose, and code joins words on
purpose (newlist, nomodified, endfor). A token is code when
- its run of non-spaces is code or markup (`code_run`: ':checktime', 'getline(lnum)',
  '|:saveas|', '*tag*', '--nofork') or a literal ('nofile', "Help.Overview" in straight quotes);
- it sits inside a backtick span or a quoted span that holds code ('"d.key = newvalue"');
- its line is code: an example block (a help file's line ending in ' >' up to a line starting
  with '<' or in the first column; a reST '::' paragraph's more-indented block; a ``` fence; an
  unmarked indented block in which no line ends a sentence), an indented command, an indented
  line mostly made of code runs, or a line that is mostly not letters (figures, output);
- the document writes the same word in code elsewhere (|--startuptime| makes 'startuptime' in
  the prose of the same file an identifier).
Plain indentation is not code: an indented quote of prose in an e-mail reads as prose.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from repair.document import Document

_CODE = re.compile(r"[|{}\[\]<>=\\$`:()]|->")  # inside a run of non-spaces: code or markup
_PROSE_HEAD = "(\"'“‘«¿¡"  # what prose puts before a word
_PROSE_TAIL = ".,;:!?)\"'”’»…"  # ... and after it
_STARRED = re.compile(r"\*[^*\s]+\*")  # a help file's *tag*, a link target
_OPTION = re.compile(r"--?[^\W\d_]")  # a command-line option: -u, --nofork
_CODE_SPAN = re.compile(r"``[^`\n]+``|`[^`\n]+`")  # Markdown and reST inline literals
_QUOTED = re.compile(r"\"[^\"\n]+\"|(?<![^\W_])'[^'\n]+'(?![^\W_])")  # a straight-quoted stretch of one line
_QUOTED_CODE = re.compile(r"[=\[\]{}$\\|`]|->|[^\W_]\(")  # what marks a quoted stretch as code, not speech
_OPENERS = {")": "(", "]": "["}  # the bracket a closing one pairs with
_BRACKETED_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # 'n’était', 'range': a word in brackets
_LETTERS = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_RUN = re.compile(r"\S+")
_CODE_MARK = r"|{}\[\]<>=\\$`:()*"  # a run holding one of these is worth the code-run test
# Every run of non-spaces that holds a code mark or starts with a dash (an option), matched from
# the run's start only: a pattern free to start inside a run rescans it from each of its letters
# (quadratic in a long word).
_CODE_RUN_CANDIDATE = re.compile(rf"(?<!\S)(?:[^\s{_CODE_MARK}]*[{_CODE_MARK}]\S*|-\S+)")
_COMMAND_LINE = re.compile(r"[ \t]+(?:\$ |>>> |:[.%$'\d,]*[^\W\d_])")  # indented shell, Python, Ex commands
_HELP_BLOCK_START = re.compile(r"(?:^|\s)>[a-z]*[ \t]*$")  # 'Example: >', '>vim': the next lines are code
_REST_BLOCK_START = re.compile(r"::[ \t]*$")  # reST: 'as follows::' opens a literal block
_FENCE = re.compile(r"[ \t]*(?:```|~~~)")  # a fence of a Markdown-style code block, in any text
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*[ \t]*$")  # a line that ends a sentence
_SENTENCE_BREAK = re.compile(r"[^\W\d_]{2}[.!?][\"'”’»)]*[ \t]+[\"'“‘«(]*[A-Z]")  # '... it. The'
INDENTED_CODE = 4  # columns: what Markdown and plain-text mail indent code by (a tab is more)
TAB_WIDTH = 8  # how far a tab indents, as the terminals help files are written for
CODE_RUN_SHARE = 0.5  # an indented line whose code runs hold this share of its characters is code
PROSE_LETTER_SHARE = 0.5  # a line with fewer letters among its non-spaces is figures or output, not prose
MIN_LITERAL = 3  # two quotes and a character
MIN_LINE_CHARS = 8  # a shorter line is too little to judge by its share of letters ('5 ~', 'p')


def code_run(run: str) -> bool:
    """True for a run of non-spaces that is code or markup, whatever prose punctuation stands
    around it: it holds a code character (':checktime', 'getline(lnum)', '|:saveas|',
    'mylist->extend', 'x=newlist'), or is a *tag* or a command-line option ('--nofork')."""
    bare = run.rstrip(_PROSE_TAIL).lstrip(_PROSE_HEAD)
    return bool(_CODE.search(bare) or _STARRED.fullmatch(bare) or _OPTION.match(bare))


def literal(run: str) -> bool:
    """True for a run that is one straight-quoted string without spaces and not ending in
    punctuation ('nofile', "thisfile", "Help.Overview", "ucs-bom,utf-8"; not "Indiais," with
    its comma, which prose puts inside the quotes): a value or a name, not prose."""
    quoted = run.rstrip(_PROSE_TAIL.replace("'", "").replace('"', ""))
    return (
        len(quoted) >= MIN_LITERAL
        and quoted[0] == quoted[-1]
        and quoted[0] in "'\""
        and quoted[0] not in quoted[1:-1]
        and quoted[-2] not in _PROSE_TAIL
    )


def _run_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the whitespace-delimited run of characters containing text[start:end] begins and ends."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return left, right


def run_around(text: str, start: int, end: int) -> str:
    """The whitespace-delimited run of characters containing text[start:end]."""
    left, right = _run_bounds(text, start, end)
    return text[left:right]


def _indent(line: str) -> int:
    """The width of a line's leading white space, tabs expanded."""
    expanded = line.expandtabs(TAB_WIDTH)
    return len(expanded) - len(expanded.lstrip())


def _help_block_end(lines: list[str], start: int) -> int:
    """Where a help file's example block that starts at line `start` ends: the first line whose
    first non-blank is '<' or that starts in the first column (or the end of the text)."""
    for number in range(start, len(lines)):
        line = lines[number]
        if line[:1].strip() or line.lstrip().startswith("<"):
            return number
    return len(lines)


def _rest_block_end(lines: list[str], start: int, depth: int) -> int:
    """Where a reST literal block that starts at line `start` ends: the first line with text
    indented no deeper than `depth` (or the end of the text)."""
    for number in range(start, len(lines)):
        if lines[number].strip() and _indent(lines[number]) <= depth:
            return number
    return len(lines)


def _fenced_lines(lines: list[str]) -> set[int]:
    """The lines of fenced blocks (a line of ``` or ~~~ up to the next such line) and the fences."""
    found: set[int] = set()
    opened: int | None = None
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            if opened is None:
                opened = number
            else:
                found.update(range(opened, number + 1))
                opened = None
    return found


def _prose_line(line: str) -> bool:
    """A line that ends a sentence or holds a sentence break ('... condition.', 'It is. The')."""
    return bool(_SENTENCE_END.search(line) or _SENTENCE_BREAK.search(line))


def _indented_blocks(lines: list[str]) -> set[int]:
    """The lines of unmarked indented blocks that do not read as prose: a run of text lines
    indented INDENTED_CODE columns or more, deeper than the text line before them, after a
    blank line or a line ending in ':' and before a blank line, none of which ends or breaks a
    sentence ('    vim -u thefilter thefile'). An indented paragraph of prose (a quote in an
    e-mail) ends its sentences, and a paragraph's indented first line goes on below it: prose."""
    found: set[int] = set()
    previous = -1  # the indent of the last text line before the current one
    number = 0
    while number < len(lines):
        depth = _indent(lines[number]) if lines[number].strip() else None
        if depth is None:
            number += 1
            continue
        if depth < INDENTED_CODE or depth <= previous:
            previous = depth
            number += 1
            continue
        block = []
        while number < len(lines) and lines[number].strip() and _indent(lines[number]) >= INDENTED_CODE:
            block.append(number)
            number += 1
        first = block[0]
        opened = first == 0 or not lines[first - 1].strip() or lines[first - 1].rstrip().endswith(":")
        closed = number == len(lines) or not lines[number].strip()
        if opened and closed and not any(_prose_line(lines[n]) for n in block):
            found.update(block)  # not a paragraph's indented first line, which goes on below it
        previous = _indent(lines[block[-1]])
    return found


def _block_lines(lines: list[str]) -> set[int]:
    """The lines of example blocks: after a help file's ' >' line, every line up to one whose
    first non-blank is '<' or that starts in the first column; after a reST '::' line, the
    blank lines and the lines indented deeper than it, up to the next line that is not. A
    marker inside a block opens no new one (its block would end no later), so each line is
    read at most twice."""
    found: set[int] = set()
    block_end = 0
    for number, line in enumerate(lines):
        if number < block_end:
            continue
        if _HELP_BLOCK_START.search(line):
            block_end = _help_block_end(lines, number + 1)
        elif _REST_BLOCK_START.search(line):
            block_end = _rest_block_end(lines, number + 1, _indent(line))
            if not any(lines[n].strip() for n in range(number + 1, block_end)):
                continue  # a '::' with no indented text after it opens nothing
        else:
            continue
        found.update(range(number + 1, block_end))
    return found | _fenced_lines(lines) | _indented_blocks(lines)


def _code_shaped(line: str) -> bool:
    """An indented command after a prompt or an Ex colon ('  $ make', '	:set nocompatible'), an
    indented line mostly made of code runs ('set isvalid [::vim::expr "bufexists($n)"]'), or
    any line with fewer letters than other characters ('9  8  0.000070  endfor ~')."""
    if _COMMAND_LINE.match(line):
        return True
    body = "".join(line.split())
    if len(body) < MIN_LINE_CHARS:
        return False
    if len(_LETTERS.findall(body)) < PROSE_LETTER_SHARE * len(body):
        return True
    if _indent(line) == 0:
        return False
    in_code = sum(len(run) for run in _RUN.findall(line) if code_run(run))
    return in_code >= CODE_RUN_SHARE * len(body)


@dataclass
class CodeMap:
    """What of one document is code: its lines, the code spans inside lines, and the words it
    writes in code; each part is computed when first asked for."""

    document: Document
    _shaped: dict[int, bool] = field(default_factory=dict, init=False, repr=False)  # per line asked about

    @cached_property
    def _lines(self) -> list[str]:
        return self.document.text.split("\n")

    @cached_property
    def _blocks(self) -> frozenset[int]:
        return frozenset(_block_lines(self._lines))

    def code_line(self, number: int) -> bool:
        """True when the line (0-based) is code: in an example block, or shaped as code."""
        if number in self._blocks:
            return True
        if number not in self._shaped:
            self._shaped[number] = _code_shaped(self._lines[number])
        return self._shaped[number]

    @cached_property
    def spans(self) -> tuple[list[int], list[int]]:
        """Backtick spans and quoted stretches that hold code, merged: their starts and ends."""
        text = self.document.text
        found = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(text)]
        found += [(m.start(), m.end()) for m in _QUOTED.finditer(text) if _QUOTED_CODE.search(m.group())]
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(found):
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        return starts, ends

    @cached_property
    def words(self) -> frozenset[str]:
        """The lowercase letter runs of every code run: words the document uses as identifiers."""
        found: set[str] = set()
        for match in _CODE_RUN_CANDIDATE.finditer(self.document.text):
            run = match.group()
            if code_run(run):
                found.update(w.lower() for w in _WORD.findall(run))
        return frozenset(found)

    def _in_span(self, start: int, end: int) -> bool:
        starts, ends = self.spans
        index = bisect.bisect_right(starts, start) - 1
        return index >= 0 and end <= ends[index]

    def _in_code_line(self, start: int, end: int) -> bool:
        line, _ = self.document.line_col(start)
        return self.code_line(line - 1) or self._in_span(start, end)

    def holds(self, start: int, end: int, word: str | None = None) -> bool:
        """True when text[start:end] is code: its run is code or a literal, it is in a code span
        or on a code line, or (given the word) the document writes the word in code."""
        run = run_around(self.document.text, start, end)
        if code_run(run) or literal(run):
            return True
        if word is not None and word.lower() in self.words:
            return True
        return self._in_code_line(start, end)

    def holds_mark(self, start: int, end: int) -> bool:
        """True when the punctuation at text[start:end] is code: its run is a literal, the part of
        the run on either side of it is code ('function(dict' . 'Func,'; ':[range' ] 'lua'), or
        it is in a code span or on a code line. The mark itself is not evidence: ')' glued to a
        word is what a missing space looks like."""
        text = self.document.text
        left, right = _run_bounds(text, start, end)
        before = _without_opener(text[left:start], text[start])
        if literal(text[left:right]) or code_run(before) or code_run(text[end:right]):
            return True
        return self._in_code_line(start, end)


def _without_opener(before: str, mark: str) -> str:
    """The run before a closing bracket without the bracket that it closes, when what they hold
    is a word ('[n’était' -> 'n’était'; ':[range' -> ':range'): a bracketed word is prose, its
    bracket no sign of code. '["x' keeps its bracket: a quote inside it is notation."""
    opener = _OPENERS.get(mark)
    at = before.rfind(opener) if opener else -1
    if at < 0 or not _BRACKETED_WORD.fullmatch(before[at + 1 :]):
        return before
    return before[:at] + before[at + 1 :]


def _gap_left(text: str, start: int) -> tuple[str, bool]:
    """The white space before `start` on its line, and whether it reaches the line start."""
    pos = start
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return text[pos:start], pos == 0 or text[pos - 1] == "\n"


def _gap_right(text: str, end: int) -> tuple[str, bool]:
    """The white space after `end` on its line, and whether it reaches the line end."""
    pos = end
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return text[end:pos], pos == len(text) or text[pos] in "\r\n"


def in_cell(text: str, start: int, end: int) -> bool:
    """True when the run around text[start:end] fills a cell of a tab-aligned table alone
    ('isunnamed<TAB>Boolean flag'): a key or identifier as often as a word."""
    left, right = _run_bounds(text, start, end)
    left_gap, line_start = _gap_left(text, left)
    right_gap, line_end = _gap_right(text, right)
    tab_left = "\t" in left_gap and not line_start
    tab_right = "\t" in right_gap and not line_end
    return (line_start or tab_left) and (line_end or tab_right) and (tab_left or tab_right)


def code_map(document: Document) -> CodeMap:
    """The document's code map, computed once and shared by the SEN detectors."""
    found = document.memo.get("sentences:code")
    if not isinstance(found, CodeMap):
        found = CodeMap(document)
        document.memo["sentences:code"] = found
    return found
