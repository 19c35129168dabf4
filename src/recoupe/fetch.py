"""Fetch: the polite downloader (issue 22), writing every response it gets into one WARC file.

Polite by default (``Politeness``): robots.txt honoured as RFC 9309 says (protego, Scrapy's parser), one request
at a time per host (scheme, host and port) with at least ``delay`` seconds between two requests as the host sees
them arrive (robots.txt's Crawl-delay when longer), a user agent naming recoupe, retries with exponential backoff
and jitter (tenacity) after a connection error, a timeout, 429 or 5xx, Retry-After honoured up to 60 s, timeouts,
a size limit, redirects followed one hop at a time (each checked against robots.txt, ``public_only`` and the bound,
each recorded), and one canonical URL (courlan) fetched once. Every URL given gets a ``Fetched`` saying what became
of it: when it was not fetched, an R0xx code and the reason in words, naming the host.

The WARC (warcio, gzip record by record) starts with a warcinfo record, then holds a response and a request record
for every response received: redirects, errors, robots.txt and feeds included. A response cut short (over
``max_bytes``, past ``deadline``) is not written: the WARC holds whole responses only, so that reading it back never
takes a cut page for an article. Records are written under a lock and flushed one by one: a run killed midway
leaves every earlier record whole.
"""
from __future__ import annotations

import email.utils
import io
import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from courlan import clean_url
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    retry_if_result,
    stop_after_attempt,
    stop_any,
    wait_exponential,
    wait_random,
)
from tenacity.stop import stop_base

from .errors import (
    R012_TOO_LARGE,
    R030_DISALLOWED,
    R031_REFUSED,
    R032_FETCH_TIMEOUT,
    R033_HTTP_ERROR,
    R034_REDIRECTS,
    R035_NOT_HTML,
    R036_BAD_URL,
    R039_NOT_PUBLIC,
    Reason,
)
from .limits import MB, POLITE, USER_AGENT, Politeness  # noqa: F401  (Politeness, USER_AGENT: fetch's API too)
from .records import Skip

if TYPE_CHECKING:
    from protego import Protego

log = logging.getLogger(__name__)

HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
RETRY_AFTER_MAX = 60.0  # a longer Retry-After ends the retries: the host asked for more than a run should wait
ROBOTS_REDIRECTS = 5  # RFC 9309 2.3.1.2: at least five consecutive redirects are followed for robots.txt
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309 2.5: at least 500 KiB of a robots.txt are parsed
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PORTS = {"http": 80, "https": 443}

Outcome = Literal["fetched", "duplicate", "disallowed", "refused", "timeout", "http-error", "redirect-loop",
                  "too-large", "not-html", "bad-url"]


@dataclass(frozen=True, slots=True)
class Fetched:
    """What became of one URL."""

    url: str  # as given
    canonical: str  # courlan-normalised URL: the key of "fetched once" (the URL as given when it is not one)
    outcome: Outcome
    final_url: str | None = None  # after redirects
    status: int | None = None  # HTTP status of the last response
    redirects: tuple[str, ...] = ()  # the URLs that answered with a redirect, in order (the URL given first)
    code: str | None = None  # the R0xx code (errors.py) when not fetched; None for a duplicate, which is no failure
    reason: str | None = None  # why not, in words ("robots.txt disallows: robots.txt of example.org disallows …")
    warc: str | None = None  # the WARC file holding the last response
    record: str | None = None  # its WARC-Record-ID (urn:uuid:…)
    fetched_at: str = ""  # ISO 8601 UTC, second precision
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.outcome == "fetched"

    def skip(self) -> Skip | None:
        """The failure as a Skip for the run's report; None when fetched, or a duplicate (fetched once already)."""
        if self.code is None:
            return None
        return Skip(self.url, self.code, self.reason or "")


def canonical(url: str) -> str | None:
    """The URL normalised by courlan (scheme and host lowercased, default port, tracking parameters and fragment
    dropped, query sorted); None when it is not an http(s) address with a host."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        if parts.scheme.lower() not in _PORTS or not parts.hostname:
            return None
        cleaned = clean_url(text)
        if cleaned is None:
            return None
        parts = urlsplit(cleaned)
    except ValueError:  # a port that is no number, a bracketed host that is no IPv6 address
        return None
    if parts.scheme not in _PORTS or not parts.hostname:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


class _Failed(Exception):
    """A URL, or one hop of it, that ends here: how, with the R0xx reason and its detail."""

    def __init__(self, outcome: Outcome, reason: Reason, detail: str, answer: _Answer | None = None) -> None:
        super().__init__(detail)
        self.outcome = outcome
        self.reason = reason
        self.detail = detail
        self.answer = answer


@dataclass(frozen=True, slots=True)
class _Answer:
    """One response received whole and written to the WARC."""

    url: str
    status: int
    phrase: str
    headers: httpx.Headers
    body: bytes  # as sent: Content-Encoding kept, chunking undone
    record: str  # its WARC-Record-ID
    tries: int


class _Host:
    """One host (scheme, host, port): its robots.txt, read once a run, and the start of its next request."""

    def __init__(self, origin: str, name: str, delay: float) -> None:
        self.origin = origin  # "https://example.org:443"
        self.name = name  # "example.org", as the reasons name it
        self.delay = delay
        self.lock = threading.Lock()  # held for each request: one at a time
        self.robots_lock = threading.Lock()
        self.robots_read = False
        self.robots: Protego | None = None  # None: everything allowed
        self.blocked: _Failed | None = None  # why nothing is fetched from it this run (robots.txt 5xx, unreachable)
        self.last_start = -float("inf")  # time.monotonic() when it last surely had a request (see Fetcher._once)


class Fetcher:
    """A polite HTTP client writing every response it gets into one WARC file (request and response records,
    redirects included). A context manager; thread-safe."""

    def __init__(self, warc: Path, politeness: Politeness = POLITE, *, done: Iterable[str] = (),
                 public_only: bool = False) -> None:
        # done: canonical URLs already fetched (a resumed or repeated run): given again, they are "duplicate".
        # public_only (the web app's setting, against server-side request forgery): a URL whose host resolves to a
        # loopback, private, link-local, multicast or reserved address is refused (R039), at every redirect hop
        # too; the CLI fetches what its user asks (False). The address is checked when resolved here, and httpx
        # resolves it again to connect: a DNS answer that changes in between (rebinding) is not caught.
        self.politeness = politeness
        self.warc = Path(warc)
        self.public_only = public_only
        self._done = frozenset(canonical(url) or url for url in done)
        self._claimed = set(self._done)
        self._lock = threading.Lock()  # the claims and the hosts
        self._report = threading.Lock()  # progress is called by one thread at a time
        self._hosts: dict[str, _Host] = {}
        self._writer = _Warc(self.warc, politeness.user_agent)
        self._client = httpx.Client(follow_redirects=False, timeout=httpx.Timeout(politeness.timeout),
                                    headers={"User-Agent": politeness.user_agent})
        # backoff × 2^n, plus up to backoff at random so that clients that failed together do not retry together
        self._backoff = wait_exponential(multiplier=politeness.backoff, max=RETRY_AFTER_MAX) + wait_random(
            0, politeness.backoff)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()
        self._writer.close()

    def document(self, url: str, *, accept: str = "*/*") -> tuple[Fetched, bytes | None]:
        """A feed or a sitemap: fetched with the same politeness, recorded in the WARC; its body (its
        Content-Encoding undone) is returned, None when it was not fetched. Never a "duplicate": a feed is read
        again at each run to find what is new."""
        return self._fetch(url, accept, html=False)

    def pages(self, urls: Iterable[str], *, progress: Callable[[Fetched], None] | None = None) -> list[Fetched]:
        """Article pages: hosts in parallel (``hosts_at_once``), each host's URLs in the order given, one request
        at a time; one Fetched per URL given, in the same order. ``progress`` hears of each as it ends."""
        given = list(urls)
        found: list[Fetched | None] = [None] * len(given)
        queues: dict[str, list[int]] = {}
        for index, url in enumerate(given):
            queues.setdefault(_queue(url), []).append(index)

        def run(indexes: list[int]) -> None:
            for index in indexes:
                fetched = self._fetch(given[index], HTML_ACCEPT, html=True)[0]
                found[index] = fetched
                if progress is not None:
                    with self._report:
                        progress(fetched)

        workers = max(1, min(self.politeness.hosts_at_once, len(queues)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="recoupe-fetch") as pool:
            for future in [pool.submit(run, indexes) for indexes in queues.values()]:
                future.result()
        return [fetched for fetched in found if fetched is not None]

    # one URL: its hops, each checked, then what the last answer says
    def _fetch(self, url: str, accept: str, *, html: bool) -> tuple[Fetched, bytes | None]:
        """A page (``html``: claimed once, an HTML type required) or a document (its body returned)."""
        started = time.monotonic()
        at = datetime.now(UTC).isoformat(timespec="seconds")
        key = canonical(url)

        def ended(outcome: Outcome, reason: str | None, *, code: str | None = None, answer: _Answer | None = None,
                  final_url: str | None = None) -> Fetched:
            return Fetched(url, key or url, outcome, final_url=final_url, status=answer.status if answer else None,
                           redirects=tuple(redirects), code=code, reason=reason,
                           warc=str(self.warc) if answer else None, record=answer.record if answer else None,
                           fetched_at=at, seconds=round(time.monotonic() - started, 3))

        current, redirects, seen = url, list[str](), {key}
        if key is None:
            return ended("bad-url", R036_BAD_URL.text(f"{url!r} is not an http or https address"),
                         code=R036_BAD_URL.code), None
        if html and not self._claim(key):
            return ended("duplicate", "already fetched " + ("by an earlier run" if key in self._done
                                                             else "in this run")), None
        try:
            while True:
                answer = self._hop(current, accept)
                location = answer.headers.get("Location")
                if answer.status not in _REDIRECTS or not location:
                    break
                target = urljoin(current, location.strip())
                target_key = canonical(target)
                redirects.append(current)
                where = f"{_name(httpx.URL(current))} redirects {_path(current)}"
                if target_key is None:
                    raise _Failed("bad-url", R036_BAD_URL, f"{where} to {location!r}", answer)
                if target_key in seen:
                    raise _Failed("redirect-loop", R034_REDIRECTS, f"{where} back to {target}, a loop "
                                  f"({len(redirects)} redirect{'s' * (len(redirects) > 1)} from {url})", answer)
                if len(redirects) > self.politeness.max_redirects:
                    raise _Failed("redirect-loop", R034_REDIRECTS, f"more than {self.politeness.max_redirects} "
                                  f"from {url}", answer)
                seen.add(target_key)
                current = target
                if html and not self._claim(target_key):
                    return ended("duplicate", f"redirected to {target_key}, already fetched", answer=answer,
                                 final_url=current), None
            if not 200 <= answer.status < 300:
                status = f"{answer.status} {answer.phrase}".strip()
                tries = f" ({answer.tries} tries)" if answer.tries > 1 else ""
                raise _Failed("http-error", R033_HTTP_ERROR, f"{_name(httpx.URL(current))} answered {status} for "
                              f"{_path(current)}{tries}", answer)
            kind = answer.headers.get("Content-Type", "")
            if html and "html" not in kind.lower():
                raise _Failed("not-html", R035_NOT_HTML, f"{_name(httpx.URL(current))} sent "
                              f"{kind.split(';')[0].strip() or 'no content type'} for {_path(current)}", answer)
            body = None if html else self._decoded(answer, current)
            return ended("fetched", None, answer=answer, final_url=current), body
        except _Failed as failed:
            return ended(failed.outcome, failed.reason.text(failed.detail), code=failed.reason.code,
                         answer=failed.answer, final_url=current if redirects else None), None
        except Exception as err:  # the per-URL boundary: one URL's surprise never stops the others
            log.exception("fetching %s failed", url)
            return ended("http-error", R033_HTTP_ERROR.text(f"{type(err).__name__}: {err} ({url})"),
                         code=R033_HTTP_ERROR.code, final_url=current if redirects else None), None

    def _claim(self, key: str) -> bool:
        """True when ``key`` was not fetched yet (it now is, for every other caller)."""
        with self._lock:
            if key in self._claimed:
                return False
            self._claimed.add(key)
            return True

    def _host(self, url: httpx.URL) -> _Host:
        origin = _origin(url)
        with self._lock:
            host = self._hosts.get(origin)
            if host is None:
                host = self._hosts[origin] = _Host(origin, _name(url), self.politeness.delay)
            return host

    def _hop(self, address: str, accept: str) -> _Answer:
        """One request of a chain, after its checks: a public address (``public_only``), then robots.txt."""
        try:
            url = httpx.URL(address)
        except httpx.InvalidURL as err:
            raise _Failed("bad-url", R036_BAD_URL, f"{address!r}: {err}") from err
        if self.public_only:
            _check_public(url)
        host = self._host(url)
        self._read_robots(host)
        if host.blocked:
            raise _Failed(host.blocked.outcome, host.blocked.reason, f"{host.blocked.detail}; {_path(str(url))} is "
                          "not fetched, nor anything else of that host in this run")
        if host.robots is not None and not host.robots.can_fetch(str(url), self.politeness.user_agent):
            raise _Failed("disallowed", R030_DISALLOWED, f"robots.txt of {host.name} disallows {_path(str(url))}")
        return self._request(host, url, accept)

    def _read_robots(self, host: _Host) -> None:
        """Read the host's robots.txt once a run (RFC 9309): 2xx parsed, 4xx (or too many redirects) allows
        everything, 5xx or no answer disallows everything for this run."""
        from protego import Protego

        with host.robots_lock:
            if host.robots_read:
                return
            host.robots_read = True
            current = f"{host.origin}/robots.txt"
            try:
                for _ in range(ROBOTS_REDIRECTS + 1):
                    url = httpx.URL(current)
                    if self.public_only:
                        _check_public(url)
                    answer = self._request(self._host(url), url, "text/plain,*/*;q=0.8")
                    location = answer.headers.get("Location")
                    if answer.status not in _REDIRECTS or not location:
                        break
                    current = urljoin(current, location.strip())
                else:
                    return  # RFC 9309 2.3.1.2: as if unavailable, so everything is allowed
                if 200 <= answer.status < 300:
                    text = self._decoded(answer, current)[:ROBOTS_MAX_BYTES].decode("utf-8", "replace")
                    host.robots = Protego.parse(text)
                    crawl_delay = host.robots.crawl_delay(self.politeness.user_agent)
                    if crawl_delay is not None and crawl_delay > host.delay:
                        host.delay = float(crawl_delay)
                elif not 400 <= answer.status < 500:
                    status = f"{answer.status} {answer.phrase}".strip()
                    host.blocked = _Failed("disallowed", R030_DISALLOWED,
                                           f"robots.txt of {host.name} answered {status}")
            except _Failed as failed:  # the host's own failure (refused, timed out) names what became of its pages
                own = failed.outcome in ("refused", "timeout")
                host.blocked = _Failed(failed.outcome if own else "disallowed",
                                       failed.reason if own else R030_DISALLOWED,
                                       f"robots.txt of {host.name} could not be read ({failed.detail})")

    def _request(self, host: _Host, url: httpx.URL, accept: str) -> _Answer:
        """One URL requested, tried again after a connection error, a timeout, 429 or 5xx, with backoff."""
        tries = 0

        def attempt() -> _Answer:
            nonlocal tries
            tries += 1
            return self._once(host, url, accept, tries)

        retrying = Retrying(
            stop=stop_any(stop_after_attempt(self.politeness.retries + 1), _AsksTooLong()),
            wait=self._wait, retry=retry_if_exception_type(httpx.TransportError) | retry_if_result(_retryable),
            retry_error_callback=_last_outcome, reraise=True)
        path = _path(str(url))
        try:
            answer: _Answer = retrying(attempt)
            return answer
        except httpx.TimeoutException as err:
            after = f" ({tries} tries)" if tries > 1 else ""
            raise _Failed("timeout", R032_FETCH_TIMEOUT, f"{host.name} did not answer {path} within "
                          f"{self.politeness.timeout:g} s{after}") from err
        except httpx.ConnectError as err:
            after = f" ({tries} tries)" if tries > 1 else ""
            raise _Failed("refused", R031_REFUSED, f"{host.name}: {err or type(err).__name__}{after}") from err
        except httpx.TransportError as err:
            after = f" ({tries} tries)" if tries > 1 else ""
            raise _Failed("http-error", R033_HTTP_ERROR, f"{host.name} broke off the exchange for {path}: "
                          f"{err or type(err).__name__}{after}") from err

    def _wait(self, state: RetryCallState) -> float:
        """Before another try: the answer's Retry-After when it has one, else exponential backoff with jitter."""
        outcome = state.outcome
        if outcome is not None and not outcome.failed:
            asked = _retry_after(outcome.result().headers)
            if asked is not None:
                return asked
        return float(self._backoff(state))

    def _once(self, host: _Host, url: httpx.URL, accept: str, tries: int) -> _Answer:
        """One request, when the host's delay since its last request has passed, its body read within limits."""
        request = self._client.build_request("GET", url, headers={"Accept": accept})
        with host.lock:
            # The delay runs from the moment the host surely had the last request: when its answer's headers came
            # (or the request failed), not when the client sent it. Requests reach a host after a lag that varies
            # (on a busy machine, from 0.1 to 20 ms on loopback): counted from the sending, a late request then
            # one on time came to the host closer together than the delay (measured: 1.4 ms apart for 20 ms).
            # Counted so, the host sees at least the delay between two requests, for the time of one round trip.
            # host.delay is read now: a Crawl-delay read since the last request counts too.
            wait = host.last_start + host.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            started = time.monotonic()
            try:
                response = self._client.send(request, stream=True)
            finally:
                host.last_start = time.monotonic()
            try:
                body = self._body(host, response, started)
            finally:
                response.close()
        record = self._writer.exchange(request, response, body)
        return _Answer(str(url), response.status_code, response.reason_phrase, response.headers, body, record, tries)

    def _body(self, host: _Host, response: httpx.Response, started: float) -> bytes:
        """The body as sent, read up to ``max_bytes`` and until ``deadline``; its Content-Length checked first."""
        limit, path = self.politeness.max_bytes, _path(str(response.url))
        length = response.headers.get("Content-Length", "").strip()
        if length.isdigit() and int(length) > limit:
            raise _Failed("too-large", R012_TOO_LARGE, f"{host.name} announces {_size(int(length))} for {path}, "
                          f"over the {_size(limit)} limit; not read")
        body = bytearray()
        for chunk in response.iter_raw():
            body += chunk
            if len(body) > limit:
                raise _Failed("too-large", R012_TOO_LARGE, f"{host.name} sent over {_size(limit)} for {path}, "
                              "the limit; the rest was not read")
            if time.monotonic() - started > self.politeness.deadline:
                # not tried again: the host answers, only too slowly, and another try would cost as long
                raise _Failed("timeout", R032_FETCH_TIMEOUT, f"{host.name} took over "
                              f"{self.politeness.deadline:g} s to send {path}; cut")
        return bytes(body)

    def _decoded(self, answer: _Answer, url: str) -> bytes:
        """The body with its Content-Encoding undone, up to ``max_bytes`` (a gzip bomb stops there)."""
        response = httpx.Response(answer.status, headers=answer.headers, stream=httpx.ByteStream(answer.body))
        body = bytearray()
        try:
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.politeness.max_bytes:
                    raise _Failed("too-large", R012_TOO_LARGE, f"{_path(url)} is over {_size(len(body))} once "
                                  "decompressed, the limit", answer)
        except httpx.DecodingError as err:
            raise _Failed("http-error", R033_HTTP_ERROR, f"{_name(httpx.URL(url))} sent {_path(url)} in an "
                          f"encoding that cannot be undone ({err})", answer) from err
        return bytes(body)


class _Warc:
    """The WARC file of a run: a warcinfo record, then each exchange as a response and a request record."""

    def __init__(self, path: Path, user_agent: str) -> None:
        from warcio.warcwriter import WARCWriter

        self._file: IO[bytes] = open(path, "ab")  # closed by close(); appended to, so a WARC given twice stays whole
        self._writer = WARCWriter(self._file, gzip=True)
        self._lock = threading.Lock()
        self._write(self._writer.create_warcinfo_record(path.name, {
            "software": f"{USER_AGENT.split()[0]} (warcio)", "format": "WARC File Format 1.0",
            "http-header-user-agent": user_agent, "robots": "obey",
            "description": "pages and feeds fetched by recoupe for news cross-checking"}))

    def exchange(self, request: httpx.Request, response: httpx.Response, body: bytes) -> str:
        """Write one request and its response; return the response's WARC-Record-ID."""
        from warcio.statusandheaders import StatusAndHeaders

        url = str(request.url)
        version = response.http_version or "HTTP/1.1"
        sent = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in request.headers.raw]
        target = request.url.raw_path.decode("ascii", "replace")
        # the body is kept with its chunking undone (httpx undoes it), so the header saying it was chunked is left
        # out: a WARC reader would try to undo it again
        received = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in response.headers.raw
                    if name.lower() != b"transfer-encoding"]
        answer = self._writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=(
            StatusAndHeaders(f"{response.status_code} {response.reason_phrase}".strip(), received,
                             protocol=version)))
        record_id: str = answer.rec_headers.get_header("WARC-Record-ID")  # "<urn:uuid:…>"
        asked = self._writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=(
            StatusAndHeaders(f"GET {target} {version}", sent, is_http_request=True)))
        asked.rec_headers.add_header("WARC-Concurrent-To", record_id)
        with self._lock:
            self._write(answer)
            self._write(asked)
        return record_id.strip("<>")

    def _write(self, record: object) -> None:
        self._writer.write_record(record)
        self._file.flush()  # each record whole on disk as soon as written: a killed run keeps them

    def close(self) -> None:
        with self._lock:
            self._file.close()


def _retryable(answer: _Answer) -> bool:
    return answer.status == 429 or answer.status >= 500


class _AsksTooLong(stop_base):
    """Stop trying when the host asks to wait longer than RETRY_AFTER_MAX."""

    def __call__(self, state: RetryCallState) -> bool:
        outcome = state.outcome
        if outcome is None or outcome.failed:
            return False
        asked = _retry_after(outcome.result().headers)
        return asked is not None and asked > RETRY_AFTER_MAX


def _last_outcome(state: RetryCallState) -> _Answer:
    """The last try's answer (a 500, a 429), or its error raised, when the tries are spent."""
    assert state.outcome is not None
    answer: _Answer = state.outcome.result()
    return answer


def _retry_after(headers: httpx.Headers) -> float | None:
    """Retry-After in seconds (a number, or an HTTP date); None when absent or unreadable."""
    value = headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _check_public(url: httpx.URL) -> None:
    """Refuse (R039) a host that resolves to an address that is not public; R031 when it does not resolve."""
    host = url.host
    try:
        found = socket.getaddrinfo(host, url.port or _PORTS.get(url.scheme, 80), type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as err:
        raise _Failed("refused", R031_REFUSED, f"{host} cannot be resolved ({err})") from err
    for *_, address in found:
        ip = ipaddress.ip_address(str(address[0]).split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        kind = _kind(ip)
        if kind:
            raise _Failed("refused", R039_NOT_PUBLIC, f"{host} resolves to {ip}, a {kind} address")


def _kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """What kind of address that is not public ``ip`` is; None for a public one."""
    for kind, test in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                       ("multicast", ip.is_multicast), ("unspecified", ip.is_unspecified),
                       ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if test:
            return kind
    return None if ip.is_global else "non-public"


def _queue(url: str) -> str:
    """The host whose queue a URL given joins ("" for those that are no address: they end at once)."""
    key = canonical(url)
    try:
        return _origin(httpx.URL(key)) if key else ""
    except httpx.InvalidURL:
        return ""


def _origin(url: httpx.URL) -> str:
    """A host as politeness counts them: scheme, host and port."""
    return f"{url.scheme}://{url.host}:{url.port or _PORTS.get(url.scheme, 80)}"


def _name(url: httpx.URL) -> str:
    """A host as the reasons name it: its name, and its port when not the scheme's."""
    return f"{url.host}:{url.port}" if url.port else url.host


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB // 10 else f"{n:,} bytes"
