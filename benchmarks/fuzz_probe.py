"""Fuzz probe: thousands of malformed inputs per category, and SIGKILLs of `fix --write`.

Usage: python benchmarks/fuzz_probe.py [--per-category 400] [--kills 200] [--seed 15]

Each input runs `mt-repair` in-process (repair.cli.main.main) in a fresh temporary tree and is
judged: a *traceback* is any exception escaping `main`; a *wrong exit code* is one outside 0/1/2,
or 2 without a one-line error; a file is *damaged* when a file the command must not change
changed (or `fix --write` left neither the original nor the fixed text); a file is *written
outside the tree* when anything outside the folders the command was given appeared or changed.
The kill part starts `fix --write --jobs 2` on a corpus in a subprocess, SIGKILLs it at a random
moment, and counts it survived when every file is the original or fully fixed, the pool workers
are gone within WORKERS_GONE_S, and only hidden temporary files are left (the next run removes
them once stale). Prints one Markdown table. Keep it under ~10 minutes on a shared machine.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GARBLED = (
    "Volodymyr Zelensky said he discussed sanctions ahead of U.S. special envoy Steve Witkoff's visit.\n"
    "Vikov will be held in Moscow on Wednesday and is expected to meet Vladimir Putin.\n"
    "Weapons will be passed to Kiev this week.\n"
)
CONFIG = (
    'select = ["ENT", "SEN", "BOI"]\nignore = ["SEN002"]\nlanguage = "en"\nmin-confidence = 0.85\n'
    'exclude = ["drafts/*.txt"]\ndictionaries = ["names.toml"]\n\n'
    '[per-file-ignores]\n"notes/*.md" = ["DUP001"]\n'
)
TOKENS = (
    b"\x00", b"[", b"{", b"]", b"}", b'"', b"=", b",", b":", b"\n", b"\r\n", b"\\", b"9" * 5000, b"-1",
    b"1e999", b"Infinity", b"NaN", b"null", b"../", b"/etc/passwd", b"\xff\xfe", b"\xef\xbb\xbf",
    "ی\u200c".encode(), b"[[entity]]", b"[" * 3000, b"A" * 12000, b"((((" * 500, "« ab ".encode() * 300,
)  # fmt: skip
ERROR_LINE = re.compile(
    r"^(mt-repair: (error|note|warning): .+|\d+ file\(s\), .+ remain|recorded \d+ finding.+"
    r"|.+:\d+:\d+: [A-Z]+\d+ .+)$"  # the last: fix --explain's lines
)
LINT_LINE = re.compile(r"^.+:\d+: .+$")
FILE_SYSTEM_SHARE = 4  # a file-system case runs a worker pool (~0.3 s): a quarter as many builds
KILL_CORPUS = 60  # files per killed run: enough that a kill lands while the pool is writing
KILL_AFTER_S = 0.6  # the kill lands up to this long after the pool's workers appear
WORKERS_GONE_S = 5.0  # a killed parent's workers must be gone by then (PR_SET_PDEATHSIG: at once)


@dataclass
class Tally:
    inputs: int = 0
    tracebacks: int = 0
    wrong_exit: int = 0
    damaged: int = 0
    outside: int = 0
    examples: list[str] = field(default_factory=list)

    def note(self, kind: str, what: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.examples) < 3:
            self.examples.append(f"{kind}: {what[:300]}")


def mutate(rng: random.Random, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(("delete", "duplicate", "token", "bytes", "flip", "truncate"))
        at = rng.randint(0, len(data))
        if kind == "delete":
            del data[at : at + rng.randint(1, 64)]
        elif kind == "duplicate":
            data[at:at] = data[at : at + rng.randint(1, 256)] * rng.randint(1, 50)
        elif kind == "token":
            data[at:at] = rng.choice(TOKENS)
        elif kind == "bytes":
            data[at:at] = rng.randbytes(rng.randint(1, 32))
        elif kind == "flip" and data:
            data[min(at, len(data) - 1)] ^= 1 << rng.randint(0, 7)
        else:
            del data[at:]
    return bytes(data)


def digest(root: Path) -> dict[str, str]:
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with contextlib.suppress(OSError):
            out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run_cli(
    args: list[object], stdin: bytes = b"", cwd: Path | None = None
) -> tuple[int, str, str, str | None]:
    """Exit code, stdout, stderr and the escaped exception (a traceback), if any."""
    from repair.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    saved, here = sys.stdin, os.getcwd()
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    escaped = None
    try:
        if cwd:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
            except BaseException as exc:  # what the probe counts
                code, escaped = -1, f"{exc.__class__.__name__}: {exc}"
    finally:
        sys.stdin = saved
        os.chdir(here)
    return code, out.getvalue(), err.getvalue(), escaped


def judge(tally: Tally, args: list[object], result: tuple[int, str, str, str | None]) -> None:
    code, out, err, escaped = result
    shown = " ".join(str(a) for a in args)
    if escaped:
        tally.note("tracebacks", f"{shown}: {escaped}")
        return
    lines = [line for line in err.splitlines() if line.strip()]
    said = any(line.startswith("mt-repair: error: ") for line in lines) or any(
        LINT_LINE.match(line) for line in out.splitlines()
    )
    if code not in (0, 1, 2) or (code == 2 and not said) or not all(ERROR_LINE.match(x) for x in lines):
        tally.note("wrong_exit", f"{shown}: exit {code}: {err[-200:]!r}")


@contextlib.contextmanager
def sandbox() -> Iterator[tuple[Path, Path]]:
    """(outside, tree): a folder the command is given, inside one it must not touch."""
    with tempfile.TemporaryDirectory(prefix="mt-probe-") as folder:
        outside = Path(folder)
        (outside / "victim.txt").write_text(GARBLED, encoding="utf-8")
        tree = outside / "tree"
        tree.mkdir()
        yield outside, tree


def probe(
    tally: Tally, make: Callable[[Path], list[list[object]]], writes: Callable[[list[object]], bool]
) -> None:
    """Build one input in a sandbox, run each command it lists, judge code, damage and escapes."""
    with sandbox() as (outside, tree):
        commands = make(tree)
        for args in commands:
            tally.inputs += 1
            before_outside = {k: v for k, v in digest(outside).items() if not k.startswith("tree")}
            before_tree = digest(tree)
            judge(tally, args, run_cli(args, cwd=tree))
            after_outside = {k: v for k, v in digest(outside).items() if not k.startswith("tree")}
            if after_outside != before_outside:
                tally.note("outside", " ".join(map(str, args)))
            if not writes(args) and digest(tree) != before_tree:
                tally.note("damaged", " ".join(map(str, args)))


def categories(rng: random.Random) -> dict[str, Callable[[Path], list[list[object]]]]:
    from repair.resources.dictionary import shipped_dictionary_files

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    shipped = shipped_dictionary_files()

    def text(tree: Path) -> list[list[object]]:
        source = rng.choice(seeds).read_bytes()[:3000] if rng.random() < 0.5 else GARBLED.encode()
        data = mutate(rng, source) if rng.random() < 0.8 else rng.randbytes(rng.randint(0, 4096))
        (tree / "a.txt").write_bytes(data)
        return [
            ["check", "a.txt"],
            ["check", "--show-source", "--color", "always", "a.txt"],
            ["fix", "a.txt"],
        ]

    def dictionary(tree: Path) -> list[list[object]]:
        source = rng.choice(shipped)
        data = mutate(rng, source.read_bytes()) if rng.random() < 0.8 else rng.randbytes(rng.randint(0, 2048))
        (tree / f"extra{source.suffix}").write_bytes(data)
        (tree / "a.txt").write_text(GARBLED, encoding="utf-8")
        commands: list[list[object]] = [["dict", "lint", f"extra{source.suffix}"]]
        if rng.random() < 0.05:  # compiling an index costs ~0.2 s: a sample goes through check
            commands.append(["check", "--dict", f"extra{source.suffix}", "a.txt"])
        return commands

    def configuration(tree: Path) -> list[list[object]]:
        (tree / "names.toml").write_text("", encoding="utf-8")
        data = mutate(rng, CONFIG.encode())
        if rng.random() < 0.3:
            (tree / "pyproject.toml").write_bytes(b"[tool.mt-repair]\n" + data)
        else:
            (tree / ".mt-repair.toml").write_bytes(data)
        (tree / "a.txt").write_text(GARBLED, encoding="utf-8")
        return [["check", "a.txt"], ["fix", "a.txt"]]

    plan_cache: dict[str, bytes] = {}

    def plan_bytes(tree: Path) -> bytes:
        if "plan" not in plan_cache:
            (tree / "a.txt").write_text(GARBLED, encoding="utf-8")
            run_cli(["fix", "a.txt", "--plan", "plan.json"], cwd=tree)
            plan_cache["plan"] = (tree / "plan.json").read_bytes()
        return plan_cache["plan"]

    def plan(tree: Path) -> list[list[object]]:
        template = plan_bytes(tree)
        (tree / "a.txt").write_text(GARBLED, encoding="utf-8")
        hostile = rng.choice(
            ["../victim.txt", str(tree.parent / "victim.txt"), "a.txt\x00x", "link.txt", "a.txt"]
        )
        if hostile == "link.txt":
            with contextlib.suppress(OSError):
                os.symlink(tree.parent / "victim.txt", tree / "link.txt")
        data = template.replace(b'"path": "a.txt"', json.dumps({"path": hostile})[1:-1].encode())
        (tree.parent / "plan.json").write_bytes(mutate(rng, data) if rng.random() < 0.85 else data)
        return [["apply", str(tree.parent / "plan.json"), "--root", "."]]

    def decisions(tree: Path) -> list[list[object]]:
        (tree / "a.txt").write_text(GARBLED, encoding="utf-8")
        sha = hashlib.sha256(GARBLED.encode()).hexdigest()
        one = {"code": "ENT001", "start": 98, "end": 103, "text": "Vikov", "verdict": "rejected"}
        two = {
            "code": "SEN002",
            "start": 10,
            "end": 14,
            "text": "said",
            "verdict": "edited",
            "replacement": "says",
        }
        record = {"version": 1, "tool": "mt-repair", "sha256": sha, "position": 1, "decisions": [one, two]}
        data = json.dumps(record, indent=1).encode()
        (tree / "a.txt.mt-review.json").write_bytes(mutate(rng, data))
        return [["check", "a.txt"], ["fix", "a.txt"]]

    def baseline(tree: Path) -> list[list[object]]:
        (tree / "a.txt").write_text(GARBLED, encoding="utf-8")
        entry = {"path": "a.txt", "code": "ENT001", "text": "Vikov", "count": rng.choice([1, 2, 10**8])}
        (tree / "baseline.json").write_bytes(
            mutate(rng, json.dumps({"version": 1, "findings": [entry]}).encode())
        )
        return [["check", "--baseline", "baseline.json", "a.txt"]]

    options = [
        *(
            "--lang",
            "klingon",
            "fa-IR",
            "xx",
            "--select",
            "FOO",
            "--ignore",
            "ENT",
            "--min-confidence",
            "nan",
        ),
        *("2", "--jobs", "-3", "10000", "--format", "sarif", "--count", "--statistics", "-q", "-qq"),
        *("--color", "sometimes", "always", "--isolated", "--files-from", "missing.txt", "--baseline", "."),
        *("--dict", "/dev/null", ".", "--show-source", "--explain", "--unsafe-fixes", "-"),
    ]

    def command_line(tree: Path) -> list[list[object]]:
        (tree / "a.txt").write_text(GARBLED, encoding="utf-8")
        picked = [rng.choice(options) for _ in range(rng.randint(0, 6))]
        return [[rng.choice(["check", "fix"]), "a.txt", *picked]]

    def file_system(tree: Path) -> list[list[object]]:
        """Links out of the tree, linked folders, FIFOs, read-only and hard-linked files, deep folders."""
        (tree / "a.txt").write_text(GARBLED, encoding="utf-8")
        made = rng.sample(["link-out", "folder-out", "fifo", "readonly", "hardlink", "deep", "zero"], k=3)
        with contextlib.suppress(OSError):
            if "link-out" in made:
                os.symlink(tree.parent / "victim.txt", tree / "b.txt")
            if "folder-out" in made:
                (tree.parent / "elsewhere").mkdir(exist_ok=True)
                (tree.parent / "elsewhere" / "c.txt").write_text(GARBLED, encoding="utf-8")
                os.symlink(tree.parent / "elsewhere", tree / "sub")
            if "fifo" in made:
                os.mkfifo(tree / "pipe.txt")
            if "readonly" in made:
                (tree / "ro.txt").write_text(GARBLED, encoding="utf-8")
                (tree / "ro.txt").chmod(0o444)
            if "hardlink" in made:
                os.link(tree / "a.txt", tree.parent / "twin.txt")
            if "deep" in made:
                deep = tree.joinpath(*["d"] * 60)
                deep.mkdir(parents=True)
                (deep / "x.txt").write_text(GARBLED, encoding="utf-8")
            if "zero" in made:
                os.symlink("/dev/zero", tree / "zero.txt")
        out = tree / "out"
        return [["check", "."], ["fix", "--write", "."], ["fix", ".", "--output-dir", str(out)]]

    return {
        "text input": text,
        "dictionaries": dictionary,
        "configuration": configuration,
        "plans": plan,
        "decisions files": decisions,
        "baselines": baseline,
        "command line": command_line,
        "file system": file_system,
    }


def writes(args: list[object]) -> bool:
    """Commands that are meant to change files under the tree."""
    return any(
        a in ("--write", "--output-dir", "--plan", "apply", "--update-baseline") for a in map(str, args)
    )


def fixed_reference() -> str:
    _, out, _, _ = run_cli(["fix", "-"], stdin=GARBLED.encode())
    return out


def check_written(tally: Tally, tree: Path, reference: str) -> None:
    """`fix --write` must leave each file the original or the fully fixed text."""
    for path in tree.rglob("*.txt"):
        if path.is_symlink() or not path.is_file():
            continue
        with contextlib.suppress(OSError):
            text = path.read_text(encoding="utf-8", errors="replace")
            if "Vikov" in GARBLED and text not in (GARBLED, reference) and path.name in ("a.txt", "ro.txt"):
                tally.note("damaged", f"{path.name}: neither original nor fixed")


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.append(int(entry))
    return found


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        with contextlib.suppress(OSError):
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            if state != "Z":
                alive.append(pid)
    return alive


def kills(count: int, rng: random.Random, reference: str) -> tuple[int, int, list[str]]:
    """SIGKILL `fix --write --jobs 2` at random moments; (survived, tried, problems)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    survived, problems = 0, []
    names = [f"{i:03}.txt" for i in range(KILL_CORPUS)]
    for _ in range(count):
        with tempfile.TemporaryDirectory(prefix="mt-kill-") as folder:
            corpus = Path(folder)
            for name in names:
                (corpus / name).write_text(GARBLED, encoding="utf-8")
            process = subprocess.Popen(
                [sys.executable, "-m", "repair", "fix", "--write", "--jobs", "2", str(corpus)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
            deadline = time.monotonic() + 30
            workers: list[int] = []
            while time.monotonic() < deadline and process.poll() is None and len(workers) < 2:
                workers = _children(process.pid)
                time.sleep(0.01)
            time.sleep(rng.uniform(0, KILL_AFTER_S))
            workers = _children(process.pid) or workers
            process.send_signal(signal.SIGKILL)
            process.wait()
            gone_by = time.monotonic() + WORKERS_GONE_S
            while time.monotonic() < gone_by and _alive(workers):
                time.sleep(0.02)
            ok = not _alive(workers)
            for pid in _alive(workers):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            for name in names:
                if (corpus / name).read_text(encoding="utf-8") not in (GARBLED, reference):
                    ok = False
            left = set(os.listdir(corpus)) - set(names)
            if not all(n.startswith(".") and n.endswith(".tmp") for n in left):
                ok = False
            survived += ok
            if not ok and len(problems) < 3:
                problems.append(f"kill left {sorted(left)[:3]} workers alive {_alive(workers)}")
    return survived, count, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-category", type=int, default=400, help="inputs built per category")
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="mt-probe-cache-")
    os.environ["MT_REPAIR_CACHE_DIR"] = cache
    os.environ["MT_REPAIR_LEARNED"] = str(Path(cache) / "learned.toml")
    rng = random.Random(args.seed)
    reference = fixed_reference()
    rows: list[tuple[str, Tally, float]] = []
    for name, make in categories(rng).items():
        tally, started = Tally(), time.perf_counter()
        builds = args.per_category // FILE_SYSTEM_SHARE if name == "file system" else args.per_category
        for _ in range(builds):
            if name == "file system":
                with sandbox() as (outside, tree):
                    commands = make(tree)
                    for command in commands:
                        tally.inputs += 1
                        before = {k: v for k, v in digest(outside).items() if not k.startswith("tree")}
                        judge(tally, command, run_cli(command, cwd=tree))
                        after = {k: v for k, v in digest(outside).items() if not k.startswith("tree")}
                        if after != before:
                            tally.note("outside", " ".join(map(str, command)))
                    check_written(tally, tree, reference)
            else:
                probe(tally, make, writes)
        rows.append((name, tally, time.perf_counter() - started))
        print(f"  {name}: {tally.inputs} inputs in {rows[-1][2]:.0f} s", file=sys.stderr)
    survived, tried, problems = kills(args.kills, rng, reference) if args.kills else (0, 0, [])
    header = (
        "category",
        "inputs tried",
        "tracebacks",
        "wrong exit codes",
        "files damaged",
        "written outside",
    )
    print("| " + " | ".join(header) + " |")
    print("|---" * len(header) + "|")
    total = Tally()
    columns = ("inputs", "tracebacks", "wrong_exit", "damaged", "outside")
    for name, tally, _ in rows:
        print(f"| {name} | " + " | ".join(str(getattr(tally, c)) for c in columns) + " |")
        for column in columns:
            setattr(total, column, getattr(total, column) + getattr(tally, column))
    print("| **all** | " + " | ".join(str(getattr(total, c)) for c in columns) + " |")
    print(f"\nKills of `fix --write --jobs 2` survived: {survived} of {tried}")
    for name, tally, _ in rows:
        for example in tally.examples:
            print(f"- {name}: {example}")
    for problem in problems:
        print(f"- kills: {problem}")
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
