"""What stands in front of the app (ASGI middleware): the token on writes, the size of a write's body, and
the security headers of every response. Writes are checked before a byte of their body is read."""
from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .errors import error_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MULTIPART_SLACK = 64 * 1024  # a multipart body carries its file plus boundaries and part headers

# The pages use one inline <script> (given the nonce), inline styles and inline SVG; nothing is loaded from
# elsewhere. /docs and /redoc (FastAPI's Swagger UI and ReDoc) load their scripts from a CDN: no CSP there.
CSP = ("default-src 'none'; script-src 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"same-origin")]
NO_CSP = ("/docs", "/redoc")


class Guard:
    """Middleware: a write (``writes``: method and path) needs ``Authorization: Bearer <token>`` when a token
    is set, and a body of at most ``max_body`` bytes (Content-Length checked first, then the read capped);
    every response gets nosniff, frame and referrer headers, and a Content-Security-Policy whose script nonce
    is in ``scope["state"]["csp_nonce"]`` for the templates."""

    def __init__(self, app: ASGIApp, token: str | None, writes: set[tuple[str, str]], max_body: int):
        self.app = app
        self.token = token.encode() if token else None
        self.writes = writes
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        state = scope.setdefault("state", {})
        state["csp_nonce"] = nonce
        path = route_path(scope)
        send = _with_headers(send, None if path.startswith(NO_CSP) else CSP.format(nonce=nonce))
        if (scope["method"], path) not in self.writes:
            await self.app(scope, receive, send)
            return
        if self.token is not None and not self._authorised(scope):
            given = any(k == b"authorization" for k, _ in scope["headers"])
            need = "adding articles needs 'Authorization: Bearer <token>', the server's RECOUPE_TOKEN"
            await _refuse(send, 401, f"wrong token: {need}" if given else need, [(b"www-authenticate", b"Bearer")])
            return
        length = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            if length.isdigit():
                await _refuse(send, 413, self._too_large())
            else:
                await _refuse(send, 400, "invalid Content-Length")
            return
        chunks, size = [], 0
        while True:  # the body is read here, up to the limit, so that no handler reads more
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await _refuse(send, 413, self._too_large())
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        state["write_checked"] = True  # the route refuses a write that did not come this way
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    def _authorised(self, scope: Scope) -> bool:
        for key, value in scope["headers"]:
            if key == b"authorization":
                scheme, _, given = value.strip().partition(b" ")
                return scheme.lower() == b"bearer" and secrets.compare_digest(given.strip(), self.token or b"")
        return False

    def _too_large(self) -> str:
        return f"the request body is over the limit of {self.max_body // (1024 * 1024)} MB (one article file)"


def route_path(scope: Scope) -> str:
    """The path the router matches: without the prefix the app is mounted under (``root_path``)."""
    path, root = str(scope["path"]), str(scope.get("root_path", ""))
    if root and path.startswith(root) and path[len(root):len(root) + 1] in ("/", ""):
        return path[len(root):]
    return path


def _with_headers(send: Send, csp: str | None) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {k.lower() for k, _ in message.get("headers", [])}
            extra = [(k, v) for k, v in HEADERS if k not in present]
            if csp and b"content-security-policy" not in present:
                extra.append((b"content-security-policy", csp.encode()))
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return wrapped


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body already read, then whatever the client sends next (its disconnect)."""
    done = False

    async def replayed() -> Message:
        nonlocal done
        if done:
            return await receive()
        done = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


async def _refuse(send: Send, status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps(error_body(status, message)).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})
