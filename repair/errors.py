"""User-facing errors: reported as one line on stderr with exit code 2."""


class UserError(Exception):
    """Bad input, configuration or dictionary; the message names the file."""
