"""What detectors share for one run: the entity index and the optional sentence encoder."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from repair.resources.entity_index import EntityIndex


class Context:
    """What detectors share for one run (per-document results live in `Document.memo`).

    The entity index is opened on first use, so a run whose detectors never read it (`--select
    BOI`) neither compiles nor opens it; its key (`dictionary_sha256`) is known from the start.
    """

    def __init__(
        self,
        index: EntityIndex | None = None,
        encoder: Any = None,
        neural_languages: tuple[str, ...] | None = None,
        *,
        open_index: Callable[[], EntityIndex] | None = None,
        dictionary_sha256: str | None = None,
    ) -> None:
        if index is None and open_index is None:
            raise ValueError("a Context needs an index or a way to open one")
        self._index = index
        self._open_index = open_index
        self._sha256 = dictionary_sha256
        self.encoder = encoder  # repair.resources.encoder.SentenceEncoder when --neural is on
        self.neural_languages = neural_languages  # languages the encoder knows (None: all)

    @property
    def index(self) -> EntityIndex:
        """The merged dictionary index, opened (compiled on first install) when first needed."""
        if self._index is None:
            assert self._open_index is not None
            self._index = self._open_index()
        return self._index

    @property
    def dictionary_sha256(self) -> str:
        """The key of the run's dictionaries, without opening the index."""
        return self._sha256 if self._sha256 is not None else self.index.sha256

    def encoder_for(self, language: str) -> Any:
        """The sentence encoder when it may be used for a document in `language`, else None."""
        if self.encoder is None:
            return None
        base = language.split("-")[0]
        return self.encoder if self.neural_languages is None or base in self.neural_languages else None


def build_context(
    dictionaries: Iterable[Path] = (), neural: bool = False, model: str | None = None
) -> Context:
    """The context for a run: the merged dictionary index (checked and keyed now, opened on first
    use), and the sentence encoder with `neural`."""
    from repair.resources.entity_index import dictionary_files, dictionary_sha256, is_compiled, open_index

    extra = list(dictionaries)
    paths = dictionary_files(extra)
    sha = dictionary_sha256(paths)
    opener = functools.partial(open_index, paths, sha)
    # A user's dictionary that was never compiled is read now, so that a malformed one is one
    # error before any file is checked (the shipped one is tested, and compiled on first use).
    index = opener() if extra and not is_compiled(sha) else None
    if not neural:
        return Context(index, open_index=opener, dictionary_sha256=sha)
    from repair.resources.encoder import load_encoder

    encoder, languages = load_encoder(model)
    return Context(index, encoder, languages, open_index=opener, dictionary_sha256=sha)
