"""SEN family: glued words, spliced clauses and sentence punctuation (glue, punct; the rules in rules.py)."""
