"""Optional neural evidence (transformers sentence encoder); imported only with `--neural`."""
