"""Scores and graduation (*nilai*): entering scores, the final score and predikat, finalising and unlocking results.

``aturan`` holds the program's rules without the database (reading a typed score, the final score,
the predikat, deciding who passes); ``services`` saves the grid, finalises (check ready, decide,
write) and unlocks; ``selectors`` reads the grid and the history of its lock; ``forms`` reads the
grid's POST; ``views`` and ``urls`` are the score page.
"""
