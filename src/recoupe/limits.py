"""Per-file limits: how large an input may be and how long its reading and cleaning may take.

A file over a limit becomes a Skip with the limit in its reason; the rest of the corpus goes on.
"""
from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits applied to every input file (``recoupe analyze --max-file-mb --file-seconds``)."""

    max_bytes: int = 20 * MB  # a file larger than this is not read
    seconds: float = 60.0  # reading and cleaning one file may take this long


DEFAULT = Limits()
