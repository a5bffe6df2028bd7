"""The user's cache directory for compiled resources (override with MT_REPAIR_CACHE_DIR)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """Where compiled indexes live, or None when no cache directory can be determined."""
    configured = os.environ.get("MT_REPAIR_CACHE_DIR")
    if configured:
        return Path(configured)
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("mt-repair"))
    except Exception:  # pragma: no cover - platformdirs missing or no home directory
        return None
