"""Sentence-encoder speed: sentences per second and the start-up time `--neural` adds.

Usage: python benchmarks/neural_speed.py [--model DIR] [--batch 32] [--sentences 2000]
Encodes sentences taken from the NTREX corpus (or the seeds) on the CPU, and on CUDA when
present; start-up is the import of torch/transformers plus loading the model.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sentences(limit: int) -> list[str]:
    """Distinct sentences from NTREX English (falls back to the seeds)."""
    folder = ROOT.parent / "shared" / "corpora" / "ntrex" / "en"
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else sorted((ROOT / "seeds").glob("*.txt"))
    found: list[str] = []
    for path in files:
        for piece in re.split(r"(?<=[.!?])\s+|\n+", path.read_text(encoding="utf-8")):
            if len(piece.split()) >= 4:
                found.append(piece.strip())
    found = list(dict.fromkeys(found))
    while len(found) < limit:
        found += [f"{s} ({len(found)})" for s in found[: limit - len(found)]]
    return found[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--sentences", type=int, default=2000)
    args = parser.parse_args()
    start = time.perf_counter()
    import torch
    import transformers  # noqa: F401

    imported = time.perf_counter()
    from repair.resources.encoder import SentenceEncoder, default_model_dir

    model_dir = Path(args.model) if args.model else default_model_dir()
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    texts = sentences(args.sentences)
    for device in devices:
        loading = time.perf_counter()
        encoder = SentenceEncoder(model_dir, batch_size=args.batch, device=device)
        loaded = time.perf_counter()
        encoder.encode(texts[: args.batch])  # warm-up
        encoder._cache.clear()
        begin = time.perf_counter()
        encoder.encode(texts)
        elapsed = time.perf_counter() - begin
        print(
            f"{device}: {len(texts) / elapsed:.0f} sentences/s (batch {args.batch}, {len(texts)} sentences, "
            f"{torch.get_num_threads()} threads)"
        )
        print(f"{device}: model load {loaded - loading:.2f} s")
    print(f"import torch + transformers: {imported - start:.2f} s")


if __name__ == "__main__":
    main()
