"""What stands in front of the app (ASGI middleware): the Host a request names, where a write comes from
(Origin, Sec-Fetch-Site), the token on writes, the size of a write's body, the rate of one client's uploads,
HEAD served as a GET without its body, and the security headers of every response. Writes are checked before
a byte of their body is read."""
from __future__ import annotations

import ipaddress
import json
import math
import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from .errors import error_body
from .ratelimit import Limiter

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MULTIPART_SLACK = 64 * 1024  # a multipart body carries its file plus boundaries and part headers

# The pages use one inline <script> (given the nonce), inline styles and inline SVG; nothing is loaded from
# elsewhere. /docs and /redoc too: their scripts (the package's files, and Swagger UI's inline start) carry the
# nonce. ReDoc's search runs in a worker made from a blob: WORKERS allows it on that page only.
CSP = ("default-src 'none'; script-src 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
WORKERS = {"/redoc": "; worker-src blob:"}
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"same-origin")]


class Guard:
    """Middleware: with ``hosts``, a request must name one of them in its Host header (DNS rebinding: a page
    of another site whose name was made to point at this machine names that site); a write (``writes``:
    method and path) must not come from another site (a browser's Sec-Fetch-Site and Origin headers; a
    request without them, from a program, passes), needs ``Authorization: Bearer <token>`` when a token is
    set, and a body of at most ``max_body`` bytes (Content-Length checked first, then the read capped);
    with a ``limiter``, a client past its rate of writes is refused (429, Retry-After) before its body is
    read. HEAD is answered as GET without the body. Every response gets nosniff, frame and referrer headers, and a
    Content-Security-Policy whose script nonce is in ``scope["state"]["csp_nonce"]`` for the templates.

    A write is refused for where it comes from and for its token before its Host is looked at: each refusal
    names what the client can change, and none lets anything through."""

    def __init__(self, app: ASGIApp, token: str | None, writes: set[tuple[str, str]], max_body: int,
                 hosts: Iterable[str] | None = None, origins: Iterable[str] = (), limiter: Limiter | None = None):
        """``hosts``: the names and addresses the server answers to (None: any, for an app embedded or
        tested behind something that checks them); ``origins``: where the pages are served from besides
        the request's own Host (the configured base URL, behind a proxy), as ``scheme://host[:port]``;
        ``limiter``: the writes each client address may send (None: no limit)."""
        self.app = app
        self.token = token.encode() if token else None
        self.writes = writes
        self.max_body = max_body
        self.hosts = None if hosts is None else frozenset(normal_host(h) for h in hosts)
        self.origins = frozenset(o.lower().rstrip("/") for o in origins)
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        state = scope.setdefault("state", {})
        state["csp_nonce"] = nonce
        path = route_path(scope)
        send = _with_headers(send, CSP.format(nonce=nonce) + WORKERS.get(path, ""))
        if scope["method"] == "HEAD":  # every GET route answers HEAD: the GET, its body left out
            scope, send = dict(scope, method="GET"), _without_body(send)
        if (scope["method"], path) not in self.writes:
            if not await self._host_allowed(scope, send):
                return
            await self.app(scope, receive, send)
            return
        elsewhere = self._cross_site(scope)
        if elsewhere:
            await _refuse(send, 403, f"refused: a write from another site ({elsewhere}); articles are added from "
                          "this server's own pages, or by a program sending the token")
            return
        if self.token is not None and not self._authorised(scope):
            given = any(k == b"authorization" for k, _ in scope["headers"])
            need = ("adding articles needs 'Authorization: Bearer <token>', the server's token (RECOUPE_TOKEN, or "
                    "the one `recoupe serve` printed)")
            await _refuse(send, 401, f"wrong token: {need}" if given else need, [(b"www-authenticate", b"Bearer")])
            return
        if not await self._host_allowed(scope, send):
            return
        length = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            if length.isdigit():
                await _refuse(send, 413, self._too_large())
            else:
                await _refuse(send, 400, "invalid Content-Length")
            return
        if self.limiter is not None and not await self._within_rate(scope, send):
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

    async def _host_allowed(self, scope: Scope, send: Send) -> bool:
        """Whether the request's Host is one the server answers to; if not, it is refused (400)."""
        if self.hosts is None:
            return True
        given = _header(scope, b"host")
        name = host_name(given) if given is not None else None
        if name is not None and name in self.hosts:
            return True
        shown = "no Host header" if given is None else f"the host '{_printable(given)}'"
        await _refuse(send, 400, f"this server does not answer to {shown}: it answers to "
                      f"{', '.join(sorted(self.hosts))} (`recoupe serve --host`, `--allow-host`)")
        return False

    async def _within_rate(self, scope: Scope, send: Send) -> bool:
        """Whether the client may write now (the write is then counted); if not, it is refused (429) with the
        whole seconds to wait in Retry-After."""
        assert self.limiter is not None
        client = scope.get("client")
        wait = self.limiter.wait(str(client[0]) if client else "")
        if wait <= 0:
            return True
        seconds = max(1, math.ceil(wait))
        await _refuse(send, 429, f"too many uploads from this client: {self.limiter.rate} at most; try again in "
                      f"{seconds} s", [(b"retry-after", str(seconds).encode())])
        return False

    def _cross_site(self, scope: Scope) -> str | None:
        """Why a write comes from another site, or None: a browser says where a request comes from
        (Sec-Fetch-Site, Origin); a program sends neither and is judged by its token alone."""
        site = _header(scope, b"sec-fetch-site")
        if site is not None and site.strip().lower() not in ("same-origin", "none"):
            return f"Sec-Fetch-Site: {_printable(site)}"
        origin = _header(scope, b"origin")
        if origin is None:
            return None
        origin = origin.strip().lower()
        try:
            parts = urlsplit(origin)
        except ValueError:  # "http://[::1": not an origin
            return f"Origin: {_printable(origin)}"
        own = (_header(scope, b"host") or "").strip().lower()
        if parts.scheme not in ("http", "https") or not parts.netloc:  # "null" too: a sandboxed or file page
            return f"Origin: {_printable(origin)}"
        if parts.netloc != own and origin.rstrip("/") not in self.origins:
            return f"Origin: {_printable(origin)}"
        return None

    def _authorised(self, scope: Scope) -> bool:
        for key, value in scope["headers"]:
            if key == b"authorization":
                scheme, _, given = value.strip().partition(b" ")
                return scheme.lower() == b"bearer" and secrets.compare_digest(given.strip(), self.token or b"")
        return False

    def _too_large(self) -> str:
        return f"the request body is over the limit of {self.max_body // (1024 * 1024)} MB (one article file)"


def host_name(value: str) -> str | None:
    """The host of a Host header (``name``, ``name:port``, ``[v6]:port``), normalised as ``normal_host``
    does; None when the value is not a host."""
    value = value.strip()
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket:
            return None
    else:
        name, colon, port = value.partition(":")
        rest = colon + port
    if rest and not (rest.startswith(":") and rest[1:].isdigit()):
        return None
    return normal_host(name) if name else None


def normal_host(name: str) -> str:
    """A host name or address as compared: lower case, no brackets or final dot, an address written the
    one way ``ipaddress`` writes it ("::1" for "0:0:0:0:0:0:0:1")."""
    name = name.strip().strip("[]").rstrip(".").lower()
    try:
        return str(ipaddress.ip_address(name))
    except ValueError:
        return name


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


def _without_body(send: Send) -> Send:
    """The answer to a HEAD: the GET's status and headers (its Content-Length too), an empty body."""
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.body":
            if message.get("more_body", False):
                return
            message = {"type": "http.response.body", "body": b"", "more_body": False}
        await send(message)

    return wrapped


def _header(scope: Scope, name: bytes) -> str | None:
    """The first value of a request header, as text (latin-1: any bytes), or None."""
    return next((v.decode("latin-1") for k, v in scope["headers"] if k == name), None)


def _printable(value: str, limit: int = 100) -> str:
    """A client's header value fit to be quoted in an error: printable ASCII, cut."""
    return "".join(c if " " <= c <= "~" else "?" for c in value[:limit])


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
