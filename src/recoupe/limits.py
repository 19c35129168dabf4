"""Per-file limits: how large an input may be and how long its reading and cleaning may take; and how politely
recoupe fetches from the web (``Politeness``: fetch.py's, here so that the CLI reads its defaults without loading
the HTTP client).

A file over a limit becomes a Skip with the limit in its reason; the rest of the corpus goes on.

The time limit (``deadline``) interrupts Python code only: a C call that never returns to the
interpreter (lxml parsing one enormous tree, a regular expression inside a C extension) runs to its end
before the interrupt lands. Such calls are bounded by the size limits instead: a file over ``max_bytes``
is never read, a compressed record never decompresses past it, and an article longer than ``max_chars``
is never parsed.
"""
from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ._version import __version__
from .errors import R013_TIMEOUT, InputError

MB = 1024 * 1024
REPEAT = 1.0  # seconds between interrupts once the time is up, in case code on the way swallowed the first


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits applied to every input file (``recoupe analyze --max-file-mb --file-seconds``)."""

    max_bytes: int = 20 * MB  # a file larger than this is not read
    seconds: float = 60.0  # reading and cleaning one file may take this long
    # an article's clean text longer than this is not analysed: spaCy refuses texts over its max_length,
    # and a news article is a few thousand characters
    max_chars: int = 1_000_000


DEFAULT = Limits()
USER_AGENT = f"recoupe/{__version__} (+https://github.com/recoupe/recoupe; news cross-checking)"


@dataclass(frozen=True, slots=True)
class Politeness:
    """How recoupe fetches: the CLI's --delay, --timeout, … set these."""

    delay: float = 2.0  # seconds between two requests to one host (robots.txt Crawl-delay wins if longer)
    timeout: float = 20.0  # seconds to connect, and between two reads
    deadline: float = 60.0  # seconds for a whole response (a host trickling bytes is cut)
    max_bytes: int = DEFAULT.max_bytes  # a larger body is not kept
    retries: int = 3  # more tries after a connection error, a timeout, 429 or 5xx (Retry-After honoured)
    backoff: float = 1.0  # first wait before a retry, doubled each time, with jitter
    max_redirects: int = 10
    hosts_at_once: int = 4  # hosts fetched in parallel (each host still one request at a time)
    user_agent: str = USER_AGENT


POLITE = Politeness()  # the defaults: what `recoupe fetch` does unless told otherwise


class FileTimeout(InputError):
    """Reading and cleaning one file took longer than its time limit."""

    def __init__(self, seconds: float, location: str | None = None):
        super().__init__(R013_TIMEOUT, f"{seconds:g}", location)
        self.seconds = seconds


class _Expired(BaseException):  # noqa: N818 (not an error: the interrupt itself)
    """Raised inside the block when its time is up. A BaseException, so that the ``except Exception`` of
    the libraries interrupted (trafilatura has many) cannot swallow it; ``deadline`` turns it into a
    FileTimeout."""


# Hand-written: the standard library has no timeout for a block of code running in a thread, and stopit,
# the package that does the same (SIGALRM on the main thread, an asynchronous exception elsewhere), is
# unmaintained since 2018.
@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Run the block for at most ``seconds``, then raise FileTimeout inside it (Python code only).

    On the main thread a SIGALRM timer does it, which also interrupts a long regular expression match
    (the ``re`` engine checks for signals) and a sleep; the previous handler and timer are restored on
    exit (a timer set outside is delayed to the end of the block at most). On any other thread (Dask
    workers, the web app) a timer thread raises the exception in the working thread between two Python
    instructions. Either way the interrupt comes again every ``REPEAT`` seconds until the block ends: one
    landing in a garbage-collector callback or a bare ``except`` is lost.
    """
    if seconds <= 0:
        yield
        return
    on_main = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    guard = _alarm(seconds) if on_main else _async_raise(seconds)
    try:
        with guard:
            yield
    except _Expired as expired:
        raise FileTimeout(seconds) from expired


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    done = False

    def expire(signum: int, frame: object) -> None:
        if not done:
            raise _Expired

    start = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    outer, interval = signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    try:
        yield
    finally:
        done = True  # an alarm arriving from here on is ignored
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
        if outer:  # an outer timer was running: it goes on with what it had left (at once if overdue)
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - start), 1e-6), interval)


@contextmanager
def _async_raise(seconds: float) -> Iterator[None]:
    owner = threading.current_thread()
    thread_id = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    stop = threading.Event()
    fired = False

    def expire() -> None:
        nonlocal fired
        wait = seconds
        while not stop.wait(wait):
            with lock:
                # a thread that has ended never gets another interrupt: its id may now be another thread's
                if stop.is_set() or not owner.is_alive():
                    return
                fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id, ctypes.py_object(_Expired))
            wait = REPEAT

    timer = threading.Thread(target=expire, name="recoupe-deadline", daemon=True)
    timer.start()
    try:
        yield
    finally:
        while True:  # an interrupt landing here, before the timer is stopped, must not leave it running
            try:
                with lock:
                    stop.set()
                    if fired:
                        # the time ran out just as the block ended: an exception still pending would land
                        # after the block, in the caller's code; NULL clears it (a no-op once delivered)
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id, None)
                break
            except _Expired:
                continue
