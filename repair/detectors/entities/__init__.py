"""ENT family: entity names garbled, foreign, inconsistent or dated.

mentions (finding name mentions), classify (what each mention is), evidence (scoring),
rerank (optional encoder context); the detector rules are in rules.py.
"""
