"""Evaluation on gold benches: scoring as score.py defines it, the in-process run, TER, rendering."""
