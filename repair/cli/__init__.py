"""The command line: one module per sub-command, the common options in common.py."""
