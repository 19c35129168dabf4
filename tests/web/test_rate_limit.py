"""Issue 20: the uploads of one client are limited per window of time (429 with Retry-After), other clients
are not, and the window moves on (a clock the test moves). The analysis of an upload is the stub of
conftest.py: only the refusals matter here."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from recoupe.web import create_app
from recoupe.web.app import build
from recoupe.web.ratelimit import UPLOAD_RATE, Limiter, UploadRate, client_key

TOKEN = "rate-limit-test-token-0123456789"


class Clock:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _article(n: int) -> dict[str, str]:
    return {"text": f"Le maire de Valmont a inauguré lundi la ligne de tramway numéro {n}.", "language": "fr"}


def _refused(response, seconds: int) -> None:
    assert response.status_code == 429, (response.status_code, response.text)
    assert response.headers["retry-after"] == str(seconds)
    body = response.json()
    assert body == {"ok": False, "error": body["error"], "errors": [body["error"]], "status": 429}
    assert "too many uploads" in body["error"] and f"try again in {seconds} s" in body["error"]
    assert "2 uploads per 60 s" in body["error"]


def test_the_next_upload_past_the_limit_waits_for_the_window(tmp_path: Path, analysed: list) -> None:
    clock = Clock()
    app = build(tmp_path / "store.sqlite", tmp_path / "uploads", upload_rate=UploadRate(2, 60.0, clock))
    client = TestClient(app, client=("203.0.113.7", 40000))
    assert client.post("/api/articles", json=_article(1)).status_code == 202
    clock.now += 10
    assert client.post("/api/articles", json=_article(2)).status_code == 202
    clock.now += 5
    _refused(client.post("/api/articles", json=_article(3)), 45)  # the first upload leaves the window at +60
    files = {"file": ("valmont.txt", "Le maire a parlé lundi à Valmont.".encode(), "text/plain")}
    _refused(client.post("/api/articles", files=files), 45)  # a file as well as JSON
    assert len(analysed) == 2 and len(list((tmp_path / "uploads").iterdir())) == 2  # nothing of the refused

    other = TestClient(app, client=("198.51.100.9", 40000))  # another client is not limited
    assert other.post("/api/articles", json=_article(4)).status_code == 202
    assert client.get("/docs").status_code == 200 and client.head("/favicon.ico").status_code == 200  # reads: never

    clock.now += 44.5
    _refused(client.post("/api/articles", json=_article(5)), 1)  # 0.5 s left: a whole second
    clock.now += 0.5  # the first upload's minute is over: one upload may go
    assert client.post("/api/articles", json=_article(6)).status_code == 202
    _refused(client.post("/api/articles", json=_article(7)), 10)  # the second upload, at +10, leaves at +70
    clock.now += 120
    assert [client.post("/api/articles", json=_article(n)).status_code for n in (8, 9, 10)] == [202, 202, 429]


def test_refused_writes_do_not_count(tmp_path: Path, analysed: list) -> None:
    """A write refused for its token or its origin is not an upload: it uses none of the client's."""
    app = build(tmp_path / "store.sqlite", tmp_path / "uploads", token=TOKEN, upload_rate=UploadRate(2, 60.0))
    client = TestClient(app)
    for _ in range(5):
        assert client.post("/api/articles", json=_article(0)).status_code == 401
        assert client.post("/api/articles", json=_article(0), headers={
            "Authorization": f"Bearer {TOKEN}", "Origin": "https://elsewhere.example"}).status_code == 403
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert [client.post("/api/articles", json=_article(n), headers=auth).status_code for n in (1, 2, 3)] == [
        202, 202, 429]


def test_the_rate_from_create_app_and_the_environment(tmp_path: Path, analysed: list,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOUPE_UPLOAD_RATE", "1/3600")
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    assert client.post("/api/articles", json=_article(1)).status_code == 202
    response = client.post("/api/articles", json=_article(2))
    assert response.status_code == 429 and 3590 < int(response.headers["retry-after"]) <= 3600
    monkeypatch.setenv("RECOUPE_UPLOAD_RATE", "0")  # no limit
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    assert {client.post("/api/articles", json=_article(n)).status_code for n in range(3, 8)} == {202}
    client = TestClient(create_app(tmp_path / "store.sqlite", token="", upload_rate="2"))  # 2 a minute
    assert [client.post("/api/articles", json=_article(n)).status_code for n in (8, 9, 10)] == [202, 202, 429]
    monkeypatch.setenv("RECOUPE_UPLOAD_RATE", "often")
    with pytest.raises(ValueError, match="invalid upload rate 'often'"):
        create_app(tmp_path / "store.sqlite", token="")


def test_the_default_rate_is_documented(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECOUPE_UPLOAD_RATE", raising=False)
    assert UPLOAD_RATE == UploadRate(60, 60.0)
    schema = TestClient(create_app(tmp_path / "store.sqlite", token="")).get("/openapi.json").json()
    refused = schema["paths"]["/api/articles"]["post"]["responses"]["429"]
    assert "60 uploads per 60 s" in refused["description"] and "RECOUPE_UPLOAD_RATE" in refused["description"]
    assert "Retry-After" in refused["headers"]


@pytest.mark.parametrize(("text", "rate"), [("30/60", UploadRate(30, 60.0)), ("10", UploadRate(10, 60.0)),
                                            (" 5/0.5 ", UploadRate(5, 0.5)), ("0", None), ("0/60", None)])
def test_parse(text: str, rate: UploadRate | None) -> None:
    assert UploadRate.parse(text) == rate


@pytest.mark.parametrize("text", ["", "x", "5/", "/60", "-1/60", "5/0", "5/-1", "1.5/60"])
def test_parse_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="invalid upload rate"):
        UploadRate.parse(text)


@pytest.mark.parametrize(("address", "key"), [
    ("203.0.113.7", "203.0.113.7"), ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:bbbb:cccc:dddd:eeee", "2001:db8:1:2::/64"), ("::ffff:203.0.113.7", "203.0.113.7"),
    ("testclient", "testclient"), ("", "")])
def test_client_key(address: str, key: str) -> None:
    assert client_key(address) == key


def test_one_machine_is_one_ipv6_client_and_the_forgotten_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    limiter = Limiter(UploadRate(1, 60.0, clock))
    assert limiter.wait("2001:db8::1") == 0
    assert limiter.wait("2001:db8::2") == 60  # the same /64
    assert limiter.wait("2001:db8:0:1::1") == 0  # another /64
    monkeypatch.setattr("recoupe.web.ratelimit.MAX_CLIENTS", 3)
    clock.now += 61
    for n in range(4):
        assert limiter.wait(f"192.0.2.{n}") == 0
    assert set(limiter.log) == {f"192.0.2.{n}" for n in range(4)}  # those with no upload in the window: gone
