"""Allow `python -m repair`."""

from repair.cli.main import run

run()
