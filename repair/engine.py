"""The engine: make a Document, run the selected detectors, resolve overlaps, drop suppressed
findings and an editor's rejections."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING

from repair.document import Document
from repair.model import Finding, Span
from repair.registry import Detector, selected
from repair.scripts import language_script, main_script, scripts

if TYPE_CHECKING:
    from repair.context import Context
    from repair.decisions import Keep
    from repair.settings import RunSettings


def make_document(text: str, language: str | None, path: str = "-", format_in: str | None = None) -> Document:
    """A Document of a file's text, detecting its language when none is forced.

    A formatted file (see `repair.formats`; `format_in` overrides the choice by name and content)
    gives a document over its view, whose language is the one the file declares, when supported.
    """
    from repair.formats import parse_layout

    layout = parse_layout(text, path, format_in)
    view = text if layout is None else layout.view
    if not language and layout is not None:
        language = declared_language(layout.target_language)
    if not language:
        from repair.resources.langid import detect_language

        language = detect_language(view)
    document = Document(view, language, path)
    if layout is not None:
        document.memo["layout"] = layout
    return document


def declared_language(tag: str | None) -> str | None:
    """A language a file declares (XLIFF, PO), as a supported tag; None when it is not one."""
    from repair.errors import UserError
    from repair.formats.layout import language_base
    from repair.settings import language_tag

    for candidate in (tag, language_base(tag)):
        if candidate:
            try:
                return language_tag(candidate.replace("_", "-"))
            except UserError:
                continue
    return None


def file_text(document: Document) -> str:
    """The text of the file a document was made from (its view's text for a formatted file)."""
    from repair.formats import layout_of

    layout = layout_of(document)
    return document.text if layout is None else layout.text


def _severity_rank(finding: Finding) -> tuple[int, float]:
    best = finding.best
    return ({"error": 0, "warning": 1, "info": 2}[finding.severity], -(best.confidence if best else 0))


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Keep findings in text order; of two that overlap with the same category, keep the stronger."""
    kept: list[Finding] = []
    spans: dict[str, _KeptSpans] = {}
    for finding in sorted(findings, key=lambda f: (_severity_rank(f), f.span.start)):
        category = spans.setdefault(finding.category, _KeptSpans())
        if not category.overlaps(finding.span):
            category.add(finding.span)
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.span.start, f.span.end, f.code))


class _KeptSpans:
    """The spans kept in one category: no two overlap (`Span.overlaps`), so sorted by (start,
    end) their ends never decrease, and the kept span before a new one's end decides a clash."""

    def __init__(self) -> None:
        self.keys: list[tuple[int, int]] = []
        self.empty: set[int] = set()

    def overlaps(self, span: Span) -> bool:
        """True when a kept span overlaps `span` (linear scans made overlap resolution quadratic)."""
        if span.start == span.end and span.start in self.empty:
            return True
        before = bisect.bisect_left(self.keys, (span.end, -1)) - 1  # the last kept start < span.end
        return before >= 0 and self.keys[before][1] > span.start

    def add(self, span: Span) -> None:
        bisect.insort(self.keys, (span.start, span.end))
        if span.start == span.end:
            self.empty.add(span.start)


def analyse(
    document: Document,
    context: Context,
    detectors: list[Detector] | None = None,
    keep: Keep | None = None,
) -> list[Finding]:
    """The findings of the detectors (default: all registered) on the document, in text order,
    without overlaps, inline suppressions or (with `keep`, see `repair.decisions`) rejections."""
    from repair.formats import layout_of
    from repair.suppressions import unsuppressed

    findings: list[Finding] = []
    for det in detectors if detectors is not None else selected():
        findings.extend(det.run(document, context))
    layout = layout_of(document)
    if layout is not None:  # only what holds in the file itself; markers are read in the file's text
        findings = layout.adapt(findings)
    markers = document if layout is None else Document(layout.text, document.language, document.path)
    kept = unsuppressed(resolve_overlaps([f for f in findings if _keeps_script(f, document)]), markers)
    return keep(kept, markers.text) if keep is not None and kept else kept


def _keeps_script(finding: Finding, document: Document) -> bool:
    """False for a finding whose best repair writes letters of a script that is neither the
    flagged text's nor the document's main one (a Persian name proposed in an English text, say,
    under a wrong --lang): such a repair cannot be right."""
    best = finding.best
    if best is None or not best.replacement:
        return True
    return scripts(best.replacement) <= {*scripts(finding.text), _main_script(document)}


def _main_script(document: Document) -> str:
    """The document's main script ("" without letters), computed once per document."""
    main = document.memo.get("main_script")
    if main is None:
        main = document.memo["main_script"] = main_script(document.text) or ""
    return str(main)


def script_mismatch(document: Document) -> str | None:
    """A warning when the document's language (as forced) is plainly not the one it is written in."""
    expected, actual = language_script(document.language), _main_script(document)
    if expected is None or not actual or expected == actual:
        return None
    return (
        f"{document.path}: --lang {document.language} is written in {expected.lower()} script, "
        f"but this text is in {actual.lower()} script"
    )


def detectors_for(settings: RunSettings, path: str) -> list[Detector]:
    """The detectors that run on `path`: selected, minus ignored and per-file ignored codes."""
    return selected(settings.select, settings.ignores_for(path))


def check_text(
    text: str,
    path: str,
    settings: RunSettings,
    context: Context,
    shown_as: str | None = None,
    *,
    drop_rejected: bool = True,
) -> tuple[Document, list[Finding]]:
    """What `check` reports for one text read from `path`: its document (named `shown_as`,
    default `path`) and findings, without the findings an editor rejected in review (with
    `drop_rejected` False, with them: `review` shows them, its decisions beside them)."""
    from repair.decisions import rejection_filter

    document = make_document(text, settings.language, shown_as or path, settings.format_in)
    keep = rejection_filter(path, text) if drop_rejected else None
    return document, analyse(document, context, detectors_for(settings, path), keep)
