"""Errors of recoupe, each with a stable code so that messages can be looked up and tested.

Hierarchy::

    RecoupeError
    ├── InputError        an input file or record cannot be read (becomes a Skip, never a crash)
    ├── NothingAnalysed   no input of a run gave an article (the CLI exits non-zero)
    ├── StoreError        the SQLite store cannot be opened or written
    └── DaskError         Dask is not installed, or its scheduler cannot be reached
"""
from __future__ import annotations

# Codes of the reasons an input is skipped. The text is formatted with the details of each case.
R001_EMPTY = ("R001", "empty file")
R002_BINARY = ("R002", "binary content, not text ({detail})")
R003_ENCODING = ("R003", "cannot decode the text: {detail}")
R004_EXTENSION = ("R004", "unsupported file type '{detail}' "
                  "(expected .txt, .html, .htm, .json, .jsonl, .warc, .warc.gz)")
R005_NO_TEXT = ("R005", "no article text found ({detail})")
R006_BAD_JSON = ("R006", "not valid JSON: {detail}")
R007_JSON_FIELDS = ("R007", "record has no text field (expected one of: {detail})")
R008_BAD_WARC = ("R008", "unreadable WARC: {detail}")
R009_UNREADABLE = ("R009", "cannot read the file: {detail}")
R010_NOT_FOUND = ("R010", "no such file or folder")
R011_DUPLICATE_ID = ("R011", "article id '{detail}' already taken by another input; this one is kept as '{detail}~2'")
R012_TOO_LARGE = ("R012", "too large: {detail}")
R013_TIMEOUT = ("R013", "reading and cleaning took longer than {detail} s (the per-file limit)")
R014_TOO_DEEP = ("R014", "nested too deeply to read ({detail})")
R015_TOO_LONG = ("R015", "article text too long to analyse: {detail}")
R016_NO_MEMORY = ("R016", "ran out of memory while reading and cleaning ({detail})")


class RecoupeError(Exception):
    """Base class of recoupe's own errors; ``code`` is the stable R-number."""

    code = "R000"


class InputError(RecoupeError):
    """An input file or one record of it cannot be analysed."""

    def __init__(self, reason: tuple[str, str], detail: str = "", location: str | None = None):
        self.code, template = reason
        self.reason = template.format(detail=detail)
        self.location = location
        super().__init__(f"{self.reason} [{self.code}]")


class NothingAnalysed(RecoupeError):
    """No input of the run produced an article."""

    code = "R100"


class StoreError(RecoupeError):
    """The SQLite store could not be opened or written."""

    code = "R200"


class DaskError(RecoupeError):
    """Dask is not installed, or the scheduler asked for cannot be reached."""

    code = "R300"
