"""The rate limit of uploads: at most so many per client in any window of time, the rest refused (429) with
the seconds to wait. Each upload re-analyses the whole store (seconds, one at a time): one client sending
upload after upload would keep every other writer waiting.

A sliding log of each client's recent uploads, not the ``limits`` library: its in-memory storage reads the
wall clock itself (which jumps, and which a test cannot move) and runs a timer thread; the log is a dozen lines
over a monotonic clock that a test gives."""
from __future__ import annotations

import ipaddress
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

UPLOADS_PER_WINDOW = 60  # the default: uploads one client may send in any WINDOW_S seconds (RECOUPE_UPLOAD_RATE)
WINDOW_S = 60.0
MAX_CLIENTS = 10_000  # clients remembered before those with no upload in the window are forgotten


@dataclass(frozen=True, slots=True)
class UploadRate:
    """At most ``uploads`` uploads from one client address in any ``window`` seconds, as told by ``clock``
    (seconds, never going back)."""

    uploads: int = UPLOADS_PER_WINDOW
    window: float = WINDOW_S
    clock: Callable[[], float] = field(default=time.monotonic, compare=False)

    @classmethod
    def parse(cls, text: str) -> UploadRate | None:
        """``"N/SECONDS"`` (``"30/60"``) or ``"N"`` (per minute); ``"0"``: no limit (None). ValueError, naming
        the text, when it is neither."""
        count, slash, seconds = text.strip().partition("/")
        try:
            rate = cls(int(count), float(seconds) if slash else WINDOW_S)
        except ValueError:
            raise ValueError(f"invalid upload rate '{text}': write uploads/seconds, e.g. 30/60 (0: no limit)") from None
        if rate.uploads < 0 or rate.window <= 0:
            raise ValueError(f"invalid upload rate '{text}': uploads 0 or more, over more than 0 seconds")
        return rate if rate.uploads else None

    def __str__(self) -> str:
        return f"{self.uploads} uploads per {self.window:g} s"


UPLOAD_RATE = UploadRate()  # the default: UPLOADS_PER_WINDOW in WINDOW_S


class Limiter:
    """The uploads of each client within the last window (their times), for ``UploadRate``."""

    def __init__(self, rate: UploadRate):
        self.rate = rate
        self.log: dict[str, deque[float]] = {}

    def wait(self, address: str) -> float:
        """The seconds the client at ``address`` must wait before its next upload, or 0: it may upload now,
        and this upload is counted."""
        now, window = self.rate.clock(), self.rate.window
        times = self.log.setdefault(client_key(address), deque())
        while times and times[0] <= now - window:
            times.popleft()
        if len(times) >= self.rate.uploads:
            return times[0] + window - now
        times.append(now)
        if len(self.log) > MAX_CLIENTS:
            self.log = {k: t for k, t in self.log.items() if t and t[-1] > now - window}
        return 0.0


def client_key(address: str) -> str:
    """Who a client is counted as: its address; an IPv6 address by its /64, which one machine is given
    whole (it could take a new address for each upload)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:  # not an address: a test client, a Unix socket
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:  # an IPv4 client of a dual-stack socket
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
