"""mt-repair: find and repair machine-translation artifacts in text."""

__version__ = "0.1.0"
