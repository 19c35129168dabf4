"""HTTP errors of the web app: each carries its status, and one handler renders them in one shape."""
from __future__ import annotations


class HTTPError(Exception):
    """An error with an HTTP status; the JSON body is ``{"ok": false, "error", "errors", "status"}``."""

    status = 400

    def __init__(self, message: str, errors: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or [message]


class NotFound(HTTPError):
    """Nothing stored under that id."""

    status = 404


class EmptyStore(NotFound):
    """The store holds no analysis yet."""


class BadUpload(HTTPError):
    """An upload that cannot be taken: wrong type, too big, or no article in it."""

    status = 422


class TooLarge(BadUpload):
    """An upload over the size limit."""

    status = 413


def error_body(status: int, message: str, errors: list[str] | None = None) -> dict[str, object]:
    """The one shape of every JSON error."""
    return {"ok": False, "error": message, "errors": errors or [message], "status": status}
