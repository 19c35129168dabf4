"""Errors of recoupe, each with a stable code so that messages can be looked up and tested.

Hierarchy::

    RecoupeError
    ├── InputError        an input file or record cannot be read (becomes a Skip, never a crash)
    ├── NothingAnalysed   no input of a run gave an article (the CLI exits non-zero)
    ├── StoreError        the SQLite store cannot be opened or written
    ├── DaskError         Dask is not installed, or its scheduler cannot be reached
    └── LanguageError     the brief was asked for in a language that has no language file
"""
from __future__ import annotations

from typing import NamedTuple

from .records import Skip


class Reason(NamedTuple):
    """Why an input is skipped: its stable code and its text, formatted with the details of each case."""

    code: str
    template: str

    def text(self, detail: str = "") -> str:
        return self.template.format(detail=detail)


# The reasons an input is skipped, one a line: code, then text. Read once into the constants below.
_REASONS = """
R001 empty file
R002 binary content, not text ({detail})
R003 cannot decode the text: {detail}
R004 unsupported file type '{detail}' (expected .txt, .html, .htm, .json, .jsonl, .warc, .warc.gz)
R005 no article text found ({detail})
R006 not valid JSON: {detail}
R007 record has no text field (expected one of: {detail})
R008 unreadable WARC: {detail}
R009 cannot read the file: {detail}
R010 no such file or folder
R011 article id '{detail}' already taken by another input; this one is kept as '{detail}~2'
R012 too large: {detail}
R013 reading and cleaning took longer than {detail} s (the per-file limit)
R014 nested too deeply to read ({detail})
R015 article text too long to analyse: {detail}
R016 ran out of memory while reading and cleaning ({detail})
R017 symbolic link not followed: {detail}
R018 not a regular file ({detail})
R019 cannot read the folder: {detail}
R020 broken symbolic link: {detail}
R021 left out of the inputs: {detail}
R022 metadata without its article: {detail}
R023 hidden, not read: {detail}
R030 robots.txt disallows: {detail}
R031 host refused the connection: {detail}
R032 timed out: {detail}
R033 HTTP error: {detail}
R034 too many redirects: {detail}
R035 not an HTML page: {detail}
R036 not a web address: {detail}
R037 paywall: only a subscriber's teaser ({detail})
R038 not a feed or a sitemap: {detail}
R039 not a public address: {detail}
"""
REASONS = [Reason(*line.split(" ", 1)) for line in _REASONS.strip().splitlines()]
(R001_EMPTY, R002_BINARY, R003_ENCODING, R004_EXTENSION, R005_NO_TEXT, R006_BAD_JSON, R007_JSON_FIELDS, R008_BAD_WARC,
 R009_UNREADABLE, R010_NOT_FOUND, R011_DUPLICATE_ID, R012_TOO_LARGE, R013_TIMEOUT, R014_TOO_DEEP, R015_TOO_LONG,
 R016_NO_MEMORY, R017_SYMLINK_NOT_FOLLOWED, R018_NOT_REGULAR, R019_FOLDER_UNREADABLE, R020_SYMLINK_BROKEN,
 R021_LEFT_OUT, R022_ORPHAN_METADATA, R023_HIDDEN,
 # fetching (issue 22): fetch.py, and feeds.py for R037, R038
 R030_DISALLOWED, R031_REFUSED, R032_FETCH_TIMEOUT, R033_HTTP_ERROR, R034_REDIRECTS, R035_NOT_HTML, R036_BAD_URL,
 R037_PAYWALL, R038_NOT_A_LISTING, R039_NOT_PUBLIC) = REASONS


def skip(path: str, reason: Reason, detail: str = "", location: str | None = None) -> Skip:
    """A Skip of ``path`` (at ``location`` in it) for ``reason``, its text formatted with ``detail``."""
    return Skip(path, reason.code, reason.text(detail), location)


class RecoupeError(Exception):
    """Base class of recoupe's own errors; ``code`` is the stable R-number."""

    code = "R000"


class InputError(RecoupeError):
    """An input file or one record of it cannot be analysed."""

    def __init__(self, reason: Reason, detail: str = "", location: str | None = None):
        self.code = reason.code
        self.reason = reason.text(detail)
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


class LanguageError(RecoupeError):
    """The brief was asked for in a language recoupe cannot write it in (no file in ``recoupe/lang/``)."""

    code = "R400"
