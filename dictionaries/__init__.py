"""Shipped data: canonical-entity dictionaries and phrase lists (installed as repair.dictionaries)."""
