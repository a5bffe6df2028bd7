"""Review logic behind `mt-repair review` (session, per-file state, save, learning); no Textual import."""
