"""UNT family: fragments left in another language (fragments; the rule in rules.py)."""
