"""The web app: a JSON API under /api/ and HTML pages, over a recoupe SQLite store.

``create_app(db)`` builds it; ``recoupe serve`` runs it with uvicorn, with a token for writes and the
names it answers to. Needs the ``web`` extra.
"""
from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")  # what a server is always reached under on its own machine


def create_app(db: str | Path, data_dir: str | Path | None = None, token: str | None = None,
               max_uploads: int | None = None, *, hosts: Iterable[str] | None = None, base_url: str | None = None,
               max_records: int | None = None, upload_rate: str | None = None,
               public_only: bool = True) -> FastAPI:
    """The FastAPI app over the store ``db``; uploads are written under ``data_dir`` (default: beside db).

    ``token`` (default: the environment's RECOUPE_TOKEN; "" for none: anyone who reaches the app may add
    articles, though never from another site's pages) is then needed to add articles; ``max_uploads``
    (default: RECOUPE_MAX_UPLOADS, else 10,000) caps the files kept in the uploads folder, ``max_records``
    (default: RECOUPE_MAX_UPLOAD_RECORDS, else 1,000) the articles in one upload, ``upload_rate`` the uploads
    one client may send, as ``"N/SECONDS"`` (default: RECOUPE_UPLOAD_RATE, else 60 a minute; "0": no
    limit). With ``hosts``, a request naming another host in its Host header is refused (`recoupe serve`
    always gives them: its ``--host`` and the loopback names); links to further pages start with
    ``base_url``, else they are relative. With ``public_only`` (the default), the pages and feeds a client asks
    the server to fetch must be public addresses: never the server's own network (`recoupe serve
    --fetch-private` turns it off)."""
    from .app import build
    from .ratelimit import UploadRate
    from .uploads import MAX_RECORDS, MAX_UPLOADS

    if token is None:
        token = os.environ.get("RECOUPE_TOKEN", "")
    if max_uploads is None:
        max_uploads = int(os.environ.get("RECOUPE_MAX_UPLOADS") or MAX_UPLOADS)
    if max_records is None:
        max_records = int(os.environ.get("RECOUPE_MAX_UPLOAD_RECORDS") or MAX_RECORDS)
    if upload_rate is None:
        upload_rate = os.environ.get("RECOUPE_UPLOAD_RATE") or ""
    rate = UploadRate.parse(upload_rate) if upload_rate else UploadRate()
    return build(Path(db), Path(data_dir) if data_dir else Path(db).parent / "uploads", token=token or None,
                 max_uploads=max_uploads, hosts=hosts, base_url=base_url, max_records=max_records, upload_rate=rate,
                 public_only=public_only)


def is_wildcard(host: str) -> bool:
    """Whether an address to listen on is every interface of the machine (0.0.0.0, ::)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def served_hosts(host: str, extra: Iterable[str] = ()) -> list[str]:
    """The names a server listening on ``host`` answers to: the loopback names, ``host`` itself, ``extra``
    (``--allow-host``); on every interface (0.0.0.0, ::), also the machine's name and addresses."""
    names = [*LOOPBACK_NAMES, host.strip("[]"), *extra]
    if is_wildcard(host):
        import socket

        names += [socket.gethostname(), socket.getfqdn()]
        try:
            names += [str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)]
        except OSError:
            pass
    return sorted({n for n in names if n and not is_wildcard(n)})


def base_url_of(host: str, port: int) -> str | None:
    """Where a server listening on ``host``:``port`` is reached, for its links; None on every interface
    (no one name is right for every client: links stay relative)."""
    if is_wildcard(host):
        return None
    name = host.strip("[]")
    return f"http://[{name}]:{port}" if ":" in name else f"http://{name}:{port}"


def is_loopback(host: str) -> bool:
    """Whether an address to listen on is reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface
