"""`check` throughput on XLIFF and Markdown against the same text as plain .txt (goal: within 1.3x).

Usage: python benchmarks/format_throughput.py [FOLDER_OF_TXT] [--runs N] [--copies K]
The paragraphs of the .txt files (default: seeds/) are written as one plain text, one XLIFF 1.2
file (one paragraph per <target>, a French placeholder as <source>) and one Markdown file (a
heading every five paragraphs, some emphasis and a link); each is checked N times
in a fresh `mt-repair check` process (the entity index cache warmed first) and the best time is kept.
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADING_EVERY = 5  # paragraphs per Markdown section


def paragraphs(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.glob("*.txt")):
        found += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return found


def as_xliff(parts: list[str]) -> str:
    units = "\n".join(
        f'      <trans-unit id="{i}">\n        <source>Paragraphe source.</source>\n'
        f"        <target>{html.escape(p, quote=False)}</target>\n      </trans-unit>"
        for i, p in enumerate(parts)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '  <file source-language="fr" target-language="en" datatype="plaintext" original="bench">\n'
        f"    <body>\n{units}\n    </body>\n  </file>\n</xliff>\n"
    )


def as_markdown(parts: list[str]) -> str:
    out = []
    for i, p in enumerate(parts):
        if i % HEADING_EVERY == 0:
            out.append(f"## Section {i // HEADING_EVERY + 1}")
        words = p.split(" ")
        if len(words) > 4:
            words[1] = f"**{words[1]}**"
            words[3] = f"[{words[3]}](https://example.org/{i})"
        out.append(" ".join(words))
    return "\n\n".join(out) + "\n"


def best_time(path: Path, runs: int) -> float:
    """The best wall time of `runs` fresh `mt-repair check` processes on the file (a fresh
    process each time, so no format profits from what an earlier check of the same words cached)."""
    command = [sys.executable, "-m", "repair", "check", "--format", "json", "--lang", "en", str(path)]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "seeds"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copies", type=int, default=1, help="repeat the paragraphs K times (a bigger file)")
    args = parser.parse_args()
    parts = paragraphs(Path(args.folder)) * args.copies
    if not parts:
        sys.exit(f"no paragraphs in {args.folder}/*.txt")
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "txt": Path(tmp, "bench.txt"),
            "xliff": Path(tmp, "bench.xlf"),
            "markdown": Path(tmp, "bench.md"),
        }
        files["txt"].write_text("\n\n".join(parts) + "\n", encoding="utf-8")
        files["xliff"].write_text(as_xliff(parts), encoding="utf-8")
        files["markdown"].write_text(as_markdown(parts), encoding="utf-8")
        best_time(files["txt"], 1)  # warm the caches (index, word lists, segmentation)
        times = {name: best_time(path, args.runs) for name, path in files.items()}
    chars = sum(len(p) for p in parts)
    print(f"{len(parts)} paragraphs, {chars} characters of text; best of {args.runs} check processes")
    for name, seconds in times.items():
        ratio = seconds / times["txt"]
        print(f"{name:9} {seconds:7.3f} s  {chars / seconds / 1000:8.1f} k chars/s  {ratio:5.2f}x the .txt")


if __name__ == "__main__":
    main()
