"""Detectors, one module per artifact family; each registers itself with repair.registry."""
