"""The demo: real events of the seed articles as data anyone may see.

``isi`` holds the demo's program, venues, batches and people (names, NIPs, titles, jabatan by region),
made up by a seeded generator; ``hasil`` takes a batch through attendance, scores and graduation as it
happened; ``muat`` loads it all (``manage.py muat_demo``), safe to repeat.
"""
