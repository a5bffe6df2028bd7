"""Building benches by injecting MT artifacts into clean text (kinds, names, transliteration, bench)."""
