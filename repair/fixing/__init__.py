"""Fixing: passes to a fixed point, the batch worker pool shared by fix and eval, replayable plans."""
