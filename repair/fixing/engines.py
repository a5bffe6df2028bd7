"""Where the worker pool of check, fix and eval runs: local processes (the default) or Dask.

`run_parallel` (repair.fixing.batch) takes an `Engine`; the Dask engine itself lives in
`repair.fixing.dask_engine`, imported only when a run asks for it, so dask stays off every
other path.
"""

from __future__ import annotations

from dataclasses import dataclass

LOCAL_ENGINE, DASK_ENGINE = "local", "dask"
ENGINE_NAMES = (LOCAL_ENGINE, DASK_ENGINE)


@dataclass(frozen=True)
class Engine:
    """The engine of one run: its name and, for Dask, the scheduler address."""

    name: str = LOCAL_ENGINE
    scheduler: str | None = None  # Dask: tcp://host:port; None starts a local cluster of --jobs workers

    @property
    def is_dask(self) -> bool:
        return self.name == DASK_ENGINE


LOCAL = Engine()
