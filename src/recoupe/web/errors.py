"""HTTP errors of the web app: each carries its status, and one handler renders them in one shape."""
from __future__ import annotations

from ..render.templates import gettext


class HTTPError(Exception):
    """An error with an HTTP status; the JSON body is ``{"ok": false, "error", "errors", "status"}``.

    Its ``message`` is said in the interface language of the request: an error page's (``?lang=fr``…), English
    on the API, which speaks no other (``errors`` are always English)."""

    status = 400
    headers: dict[str, str] | None = None

    def __init__(self, message: str, errors: list[str] | None = None, **values: object):
        """``message``: what went wrong, in English; a message of the French catalogue (marked ``N_``) is said
        in French on a French page, its ``%(name)s`` placeholders filled with ``values`` (what the request
        named: ids, names, values, kept as they are)."""
        english = message % values if values else message
        super().__init__(english)
        self.wording, self.values = message, values
        self.errors = errors or [english]

    @property
    def message(self) -> str:
        """What went wrong, in the interface language of what is drawn now."""
        said = gettext(self.wording) if self.wording else ""  # gettext("") is the catalogue's header
        return said % self.values if self.values else said


class NotFound(HTTPError):
    """Nothing stored under that id."""

    status = 404


class EmptyStore(NotFound):
    """The store holds no analysis yet."""


class UnknownQuery(HTTPError):
    """A query parameter the route does not take (a misspelt one would otherwise be ignored)."""

    status = 422


class Moved(Exception):
    """A story asked for by an id that it no longer has (merged into another since, ``lineage``): the answer is a
    301 to the story that tells it now, ``story_id``."""

    def __init__(self, story_id: str):
        super().__init__(f"the story is now {story_id}")
        self.story_id = story_id


class Unauthorized(HTTPError):
    """A write without the token the app was started with."""

    status = 401
    headers = {"WWW-Authenticate": "Bearer"}


class BadUpload(HTTPError):
    """An upload that cannot be taken: wrong type, content not what its name says, or no article in it."""

    status = 422


class TooLarge(BadUpload):
    """An upload over the size limit."""

    status = 413


class UnsupportedMedia(BadUpload):
    """A write that is neither a multipart file nor a JSON body."""

    status = 415


class UploadsFull(HTTPError):
    """The uploads folder holds as many files as the app allows."""

    status = 507


def error_body(status: int, message: str, errors: list[str] | None = None) -> dict[str, object]:
    """The one shape of every JSON error."""
    return {"ok": False, "error": message, "errors": errors or [message], "status": status}
