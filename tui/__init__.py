"""Textual review app (built on repair.review.session); imported only by `mt-repair review`."""
