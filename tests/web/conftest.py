"""Fixtures of the web tests."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from recoupe.web import app as web_app


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, bytes]]:
    """The analysis of an upload replaced by a stub that records the file it was given and its bytes."""
    calls: list[tuple[Path, bytes]] = []

    def stub(db: Path, path: Path) -> dict[str, Any]:
        calls.append((path, path.read_bytes()))
        return {"ok": True, "articles": [path.stem], "run": 99, "skipped": []}

    monkeypatch.setattr(web_app, "_analyse_upload", stub)
    return calls
