"""Waiting for an upload's job in the web tests: POST /api/articles answers 202 at once, and the analysis runs
in the background (web/jobs.py)."""
from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response


def finished(client: TestClient, response: Response, timeout: float = 300, **headers: str) -> dict[str, Any]:
    """The job a 202 upload answer names, asked for until it is done or failed (its JSON then). A link made
    absolute by the app's base URL (a proxy's address) is asked for at the app's own /api/jobs/{id}."""
    assert response.status_code == 202, response.text
    href = response.json()["href"]
    assert response.headers["Location"] == href and href.endswith(f"/api/jobs/{response.json()['job']}")
    if not href.startswith("/"):
        href = f"/api/jobs/{response.json()['job']}"
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(href, headers=headers)
        assert job.status_code == 200, job.text
        body: dict[str, Any] = job.json()
        if body["status"] in ("done", "failed"):
            return body
        assert time.monotonic() < deadline, f"the job is still {body['status']} after {timeout} s: {body}"
        time.sleep(0.02)


def added(client: TestClient, response: Response, **headers: str) -> list[str]:
    """The ids of the articles a 202 upload added, once its job is done (failing when it failed)."""
    job = finished(client, response, **headers)
    assert job["status"] == "done", job
    return [a["id"] for a in job["articles"]]
