"""Words of names whatever the language of the text they stand in.

A name keeps its own language's particles: "Ursula von der Leyen" in a French article, "Charles de
Gaulle" in an English one, "Mohammed bin Salman" in both. So the particles are one list for every
language, not a list per language file: a stage that reads a name never needs to know which language
the text around it is written in.
"""
from __future__ import annotations

# lower-case words that stand between the words of a name: "von der Leyen", "bin Salman", "Ortega y Gasset".
# One list where the speaker and entity stages kept two that had drifted apart. The entity stage, which has
# spaCy's mentions to say where a name ends, reads all of it; the speaker stage, which guesses on raw text,
# reads the subset it always read (``speakers.NAME_PARTICLES``: not "des", "y", common French words too).
PARTICLES = frozenset("de du des da di van von der den al el bin ben ibn le la y dos das ter zu".split())
