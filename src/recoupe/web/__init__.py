"""The web app: a JSON API under /api/ and HTML pages, over a recoupe SQLite store.

``create_app(db)`` builds it; ``recoupe serve`` runs it with uvicorn. Needs the ``web`` extra.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(db: str | Path, data_dir: str | Path | None = None) -> FastAPI:
    """The FastAPI app over the store ``db``; uploads are written under ``data_dir`` (default: beside db)."""
    from .app import build

    return build(Path(db), Path(data_dir) if data_dir else Path(db).parent / "uploads")
