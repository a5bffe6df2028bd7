"""Installed distributions' versions, which name the caches built from their data.

`importlib.metadata` costs about 40 ms per start (it imports the email package), a tenth of a
one-page check; pip records a distribution's version in the name of its `.dist-info` folder
beside the package, which one directory listing reads. `importlib.metadata` answers where that
folder is not found (an egg, a zip, a source checkout).
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache

DIST_INFO = ".dist-info"


@cache
def installed_version(distribution: str, module: str) -> str | None:
    """The installed version of `distribution`, whose top-level package is `module`; None when
    it is not installed."""
    spec = importlib.util.find_spec(module)
    if spec is None:
        return None
    if spec.origin and spec.submodule_search_locations:
        folder = os.path.dirname(os.path.dirname(spec.origin))
        prefix = distribution.replace("-", "_").lower() + "-"  # the folder's name is normalised
        try:
            found = [
                name
                for name in os.listdir(folder)
                if name.endswith(DIST_INFO) and name.lower().startswith(prefix)
            ]
        except OSError:
            found = []
        if len(found) == 1:
            return found[0][len(prefix) : -len(DIST_INFO)]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None
