"""The package layering and the absence of import cycles (import-linter contracts in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LINT = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"


def test_import_contracts_are_kept() -> None:
    """cli > tui > inject > evaluation > fixing > review > report > engine > detectors > registry >
    context > resources > core, and no cycle between the modules of any package."""
    run = subprocess.run([sys.executable, "-c", LINT], cwd=REPO, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "0 broken" in run.stdout
