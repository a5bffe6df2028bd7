"""Textual review app (built on repair.review); imported only by `mt-repair review`."""
