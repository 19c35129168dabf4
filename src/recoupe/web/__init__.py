"""The web app: a JSON API under /api/ and HTML pages, over a recoupe SQLite store.

``create_app(db)`` builds it; ``recoupe serve`` runs it with uvicorn. Needs the ``web`` extra.
"""
from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(db: str | Path, data_dir: str | Path | None = None, token: str | None = None,
               max_uploads: int | None = None) -> FastAPI:
    """The FastAPI app over the store ``db``; uploads are written under ``data_dir`` (default: beside db).

    ``token`` (default: the environment's RECOUPE_TOKEN; "" for none) is then needed to add articles;
    ``max_uploads`` (default: RECOUPE_MAX_UPLOADS, else 10,000) caps the files kept in the uploads folder."""
    from .app import build
    from .uploads import MAX_UPLOADS

    if token is None:
        token = os.environ.get("RECOUPE_TOKEN", "")
    if max_uploads is None:
        max_uploads = int(os.environ.get("RECOUPE_MAX_UPLOADS") or MAX_UPLOADS)
    return build(Path(db), Path(data_dir) if data_dir else Path(db).parent / "uploads", token=token or None,
                 max_uploads=max_uploads)


def is_loopback(host: str) -> bool:
    """Whether an address to listen on is reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface
