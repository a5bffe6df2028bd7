"""Allow `python -m repair`."""

from repair.cli import main

raise SystemExit(main())
