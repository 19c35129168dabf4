"""Security of the web app: the write token, binding, upload names, sizes, counts and content, malformed JSON,
unexpected errors, SQL with hostile values, and the security headers.

Each test works on its own copy of the analysed seeds store, in a data folder nested a few levels deep so that
a name climbing out of it ("../../x") would land inside the test's temporary folder, where it is looked for.
Where only the write matters, the analysis of the upload is replaced by a stub (an upload re-analyses the store:
seconds); the tests that need it run the real one.
"""
from __future__ import annotations

import asyncio
import gzip
import hashlib
import inspect
import io
import json
import shutil
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from recoupe.web import app as web_app
from recoupe.web import create_app, is_loopback
from recoupe.web import uploads as up
from recoupe.web.app import MAX_UPLOAD

from ._jobs import added, finished

ARTICLE = ("Le tramway de Valmont inauguré\n\nLe maire de Valmont, Claire Dubois, a inauguré lundi la nouvelle "
           "ligne de tramway, qui reliera le centre à l'aéroport en vingt minutes.\n").encode()
HTML = (b"<!doctype html><html><head><title>Le tramway de Valmont</title></head><body><article><h1>Le tramway de "
        b"Valmont</h1><p>Le maire de Valmont, Claire Dubois, a inaugure lundi la nouvelle ligne de tramway, qui "
        b"reliera le centre a l'aeroport en vingt minutes.</p></article></body></html>")
TOKEN = "s3cret-t0ken-for-tests"


@dataclass
class Site:
    """A data folder with a copy of the seeds store, and where things must not appear."""

    root: Path  # the test's temporary folder: everything outside `data` must stay as it was
    data: Path
    db: Path
    uploads: Path

    def client(self, **kwargs: Any) -> TestClient:
        token = kwargs.pop("token", "")
        return TestClient(create_app(self.db, self.uploads, token=token, **kwargs), raise_server_exceptions=False)

    def outside(self) -> dict[str, str]:
        """Every file under the temporary folder but the data folder, with a hash of its content."""
        return {str(p.relative_to(self.root)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "link"
                for p in self.root.rglob("*") if not p.is_relative_to(self.data) and (p.is_file() or p.is_symlink())}

    def store_hash(self) -> str:
        return hashlib.sha256(self.db.read_bytes()).hexdigest()

    def stored_uploads(self) -> list[str]:
        return sorted(p.name for p in self.uploads.iterdir()) if self.uploads.exists() else []


@pytest.fixture(scope="module")
def seeds_db(seeds_run: Path) -> Path:
    return seeds_run / "recoupe.sqlite"


@pytest.fixture
def site(seeds_db: Path, tmp_path: Path) -> Site:
    data = tmp_path / "a" / "b" / "data"
    data.mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "decoy.html").write_text("do not touch")
    shutil.copy(seeds_db, data / "store.sqlite")
    return Site(tmp_path, data, data / "store.sqlite", data / "uploads")


def _shape(response, status: int, *words: str) -> dict:
    assert response.status_code == status, (response.status_code, response.text)
    body = response.json()
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False and body["status"] == status and body["errors"]
    for word in words:
        assert word in body["error"], (word, body["error"])
    return body


def _multipart(parts: list[tuple[str, bytes, bytes]], boundary: str = "XyZ0boundary") -> tuple[bytes, dict]:
    """A multipart body built by hand, so that a file name's bytes go as they are: (field, filename, data)."""
    out = io.BytesIO()
    for field, filename, data in parts:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="'.encode())
        out.write(filename + b'"\r\nContent-Type: application/octet-stream\r\n\r\n' + data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


# -- token ----------------------------------------------------------------------------------------------------
def test_writes_need_the_token_and_reads_do_not(site: Site, analysed: list) -> None:
    client = site.client(token=TOKEN)
    before = site.store_hash()
    files = {"file": ("valmont.txt", ARTICLE, "text/plain")}
    body = _shape(client.post("/api/articles", files=files), 401, "Authorization: Bearer")
    assert "wrong" not in body["error"]
    response = client.post("/api/articles", files=files, headers={"Authorization": "Bearer nope"})
    _shape(response, 401, "wrong token")
    assert response.headers["WWW-Authenticate"] == "Bearer"
    for header in (f"Basic {TOKEN}", TOKEN, f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", "Bearer", "Bearer  "):
        _shape(client.post("/api/articles", files=files, headers={"Authorization": header}), 401)
    _shape(client.post("/api/articles", json={"text": "Le maire a parlé."}), 401)
    # refused before its body is read: a body over the size limit is a 401, not a 413
    _shape(client.post("/api/articles", content=b"x" * (MAX_UPLOAD + 100_000),
                       headers={"Content-Type": "application/json"}), 401)
    assert not analysed and site.store_hash() == before and site.stored_uploads() == []
    assert client.get("/api/stories").status_code == 200 and client.get("/").status_code == 200
    ok = client.post("/api/articles", files=files, headers={"Authorization": f"bearer {TOKEN}"})
    assert finished(client, ok)["status"] == "done"
    assert site.stored_uploads() == ["valmont.txt"]


def test_token_from_the_environment(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOUPE_TOKEN", TOKEN)
    client = TestClient(create_app(site.db))
    _shape(client.post("/api/articles", json={"text": "Le maire a parlé."}), 401)
    assert 'id="upload-token"' in client.get("/").text  # the page asks for the token
    monkeypatch.setenv("RECOUPE_TOKEN", "")
    assert 'id="upload-token"' not in TestClient(create_app(site.db)).get("/").text


def test_token_with_the_real_analysis(site: Site) -> None:
    client = site.client(token=TOKEN)
    response = client.post("/api/articles", json={"text": ARTICLE.decode(), "title": "Tramway", "language": "fr"},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    (new,) = added(client, response)
    assert client.get(f"/api/articles/{new}").json()["title"] == "Tramway"


def test_openapi_documents_the_token(site: Site) -> None:
    schema = site.client(token=TOKEN).get("/openapi.json").json()
    post = schema["paths"]["/api/articles"]["post"]
    assert post["security"] == [{"bearer": []}]
    assert schema["components"]["securitySchemes"]["bearer"] == {
        "type": "http", "scheme": "bearer", "description": "the server's RECOUPE_TOKEN"}
    assert "WWW-Authenticate" in post["responses"]["401"]["headers"]
    assert "security" not in schema["paths"]["/api/stories"]["get"]
    open_schema = site.client().get("/openapi.json").json()
    assert "security" not in open_schema["paths"]["/api/articles"]["post"]
    assert "401" not in open_schema["paths"]["/api/articles"]["post"]["responses"]
    assert set(post["requestBody"]["content"]) == {"multipart/form-data", "application/json"}


# -- binding --------------------------------------------------------------------------------------------------
def _serve(monkeypatch: pytest.MonkeyPatch, args: list[str], env: dict[str, str]) -> tuple[Any, dict]:
    import uvicorn
    from typer.testing import CliRunner

    from recoupe.cli import app

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kwargs: seen.update(kwargs, app=application))
    monkeypatch.delenv("RECOUPE_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", *args], env=env)
    assert result.exit_code == 0, result.output
    return result, seen


def test_serve_binds_loopback_by_default(monkeypatch: pytest.MonkeyPatch, site: Site) -> None:
    from recoupe.cli import serve_cli

    assert inspect.signature(serve_cli).parameters["host"].default == "127.0.0.1"
    result, seen = _serve(monkeypatch, ["--db", str(site.db)], {})
    assert seen["host"] == "127.0.0.1" and "warning" not in result.output


def test_serve_warns_on_a_network_address_without_token(monkeypatch: pytest.MonkeyPatch, site: Site) -> None:
    result, seen = _serve(monkeypatch, ["--db", str(site.db), "--host", "0.0.0.0"], {})
    assert seen["host"] == "0.0.0.0"
    assert "warning" in result.output and "anyone on the network can add articles" in result.output
    result, seen = _serve(monkeypatch, ["--db", str(site.db), "--host", "0.0.0.0"], {"RECOUPE_TOKEN": TOKEN})
    assert "warning" not in result.output and "needs RECOUPE_TOKEN" in result.output
    assert TestClient(seen["app"]).post("/api/articles", json={"text": "x"}).status_code == 401


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True),
                                                ("[::1]", True), ("localhost", True), ("0.0.0.0", False),
                                                ("::", False), ("192.168.1.10", False), ("example.org", False)])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


# -- upload names ---------------------------------------------------------------------------------------------
NAMES = [b"../../etc/passwd.html", b"../../../outside/decoy.html", b"/etc/recoupe-escape-test.html",
         b"..\\\\..\\\\outside\\\\decoy.html", b"C:\\\\Windows\\\\recoupe.html", b"a\x00b.html", b"\x00.html",
         b"%2e%2e%2foutside%2fdecoy.html", "．．／．．／x.html".encode(), "x\u202elmth.txt".encode(),
         "\u2025/\u2025/x.html".encode(), b"a" * 1000 + b".html", "é".encode() * 300 + b".html", b".html",
         b"...html", b"..", b".", b"", b"./../.htaccess.html", b"uploads/../../x.html", b"x.html\r\nX-Evil: 1"]


@pytest.mark.parametrize("name", NAMES, ids=[n.decode(errors="replace")[:30] for n in NAMES])
def test_upload_names_never_leave_the_uploads_folder(site: Site, analysed: list, name: bytes) -> None:
    before = site.outside()
    body, headers = _multipart([("file", name, HTML)])
    client = site.client()
    response = client.post("/api/articles", content=body, headers=headers)
    assert response.status_code in (202, 422), response.text
    assert site.outside() == before
    assert not Path("/etc/recoupe-escape-test.html").exists() and not Path("/etc/passwd.html").exists()
    if response.status_code == 422:
        _shape(response, 422)
        assert site.stored_uploads() == []
        return
    assert finished(client, response)["status"] == "done"
    ((path, data),) = analysed
    assert path.parent == site.uploads and data == HTML and path.read_bytes() == HTML
    assert len(path.name.encode()) <= 255 and not path.name.startswith(".")
    assert not set(path.name) & set("/\\\x00\r\n\u202e")
    assert site.stored_uploads() == [path.name]


@pytest.mark.parametrize(("given", "stem"), [("../../etc/passwd.html", "passwd"), ("..\\..\\x.html", "x"),
                                             ("a\x00b.html", "a_b"), (".html", "upload"), ("..html", "upload"),
                                             ("x\u202egpj.txt", "x_gpj"), ("Déclaration officielle.txt",
                                                                          "Déclaration_officielle")])
def test_safe_name(given: str, stem: str) -> None:
    assert up.safe_name(given)[0] == stem
    long_stem, ext = up.safe_name("é" * 400 + ".warc.gz")
    assert ext == ".warc.gz" and len(long_stem.encode()) <= up.MAX_STEM_BYTES


def test_a_link_in_the_uploads_folder_is_replaced_not_followed(site: Site, analysed: list) -> None:
    decoy = site.root / "outside" / "decoy.html"
    site.uploads.mkdir()
    (site.uploads / "decoy.html").symlink_to(decoy)
    (site.uploads / "other.html").symlink_to(site.root / "outside" / "new.html")  # a dangling link
    before = site.outside()
    client = site.client()
    for name in ("decoy.html", "other.html"):
        response = client.post("/api/articles", files={"file": (name, HTML, "text/html")})
        assert finished(client, response)["status"] == "done"
        assert not (site.uploads / name).is_symlink() and (site.uploads / name).read_bytes() == HTML
    assert site.outside() == before and decoy.read_text() == "do not touch"
    assert not (site.root / "outside" / "new.html").exists()


def test_a_refused_analysis_leaves_the_folder_as_it_was(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(db: Path, path: Path) -> dict:
        raise web_app.BadUpload(f"no article could be read from {path.name}")

    monkeypatch.setattr(web_app, "_analyse_upload", refuse)
    site.uploads.mkdir()
    (site.uploads / "kept.html").write_bytes(b"<html>the earlier upload</html>")
    (site.uploads / "link.html").symlink_to(site.root / "outside" / "decoy.html")
    client = site.client()
    for name in ("kept.html", "link.html", "new.html"):  # the analysis refuses it: its job fails
        job = finished(client, client.post("/api/articles", files={"file": (name, HTML, "text/html")}))
        assert job["status"] == "failed" and "no article" in job["error"], job
    assert site.stored_uploads() == ["kept.html", "link.html"]  # no hidden leftovers either
    assert (site.uploads / "kept.html").read_bytes() == b"<html>the earlier upload</html>"
    assert (site.uploads / "link.html").is_symlink()


# -- sizes and counts -----------------------------------------------------------------------------------------
def test_json_body_over_the_limit(site: Site) -> None:
    client = site.client()
    before = site.store_hash()
    huge = json.dumps({"text": "a" * (MAX_UPLOAD + 100_000)}).encode()
    _shape(client.post("/api/articles", content=huge, headers={"Content-Type": "application/json"}), 413, "5 MB")

    def chunks():  # no Content-Length: the body is counted as it comes
        for _ in range(100):
            yield b"a" * 100_000

    _shape(client.post("/api/articles", content=chunks(), headers={"Content-Type": "application/json"}), 413)
    assert site.store_hash() == before and site.stored_uploads() == []


def test_a_large_body_is_not_read_past_the_limit(site: Site) -> None:
    """At the ASGI level (the test client reads a body whole): the app stops reading once over the limit."""
    app = create_app(site.db, site.uploads, token="")
    sent: list[int] = []
    replies: list[dict] = []

    async def receive() -> dict:
        sent.append(1)
        return {"type": "http.request", "body": b"a" * 1_000_000, "more_body": len(sent) < 1000}  # 1 GB in all

    async def send(message: dict) -> None:
        replies.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/articles", "raw_path": b"/api/articles", "query_string": b"", "root_path": "",
             "headers": [(b"content-type", b"application/json"), (b"host", b"testserver")],
             "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
    asyncio.run(app(scope, receive, send))
    assert replies[0]["status"] == 413 and len(sent) <= MAX_UPLOAD // 1_000_000 + 2


def test_one_file_per_request(site: Site, analysed: list) -> None:
    body, headers = _multipart([("file", b"a.html", HTML), ("file", b"b.html", HTML)])
    _shape(site.client().post("/api/articles", content=body, headers=headers), 422, "one file per request", "2")
    body, headers = _multipart([("file", b"a.html", HTML), ("other", b"b.html", HTML)])
    _shape(site.client().post("/api/articles", content=body, headers=headers), 422, "one file per request")
    body, headers = _multipart([("document", b"a.html", HTML)])
    _shape(site.client().post("/api/articles", content=body, headers=headers), 422, "'file'")
    _shape(site.client().post("/api/articles", content=b"--x\r\nnot multipart", headers=headers), 400)
    assert not analysed and site.stored_uploads() == []


def test_uploads_folder_cap(site: Site, analysed: list) -> None:
    site.uploads.mkdir()
    for k in range(3):
        (site.uploads / f"earlier-{k}.txt").write_bytes(ARTICLE)
    client = site.client(max_uploads=3)
    _shape(client.post("/api/articles", files={"file": ("new.txt", ARTICLE, "text/plain")}), 507, "3 files")
    assert not analysed and "new.txt" not in site.stored_uploads()
    # replacing a stored file does not add one
    assert finished(client, client.post("/api/articles", files={"file": ("earlier-0.txt", ARTICLE, "text/plain")})
                    )["status"] == "done"
    bigger = site.client(max_uploads=4)
    assert finished(bigger, bigger.post("/api/articles", files={"file": ("new.txt", ARTICLE, "text/plain")})
                    )["status"] == "done"


def test_uploads_cap_from_the_environment(site: Site, monkeypatch: pytest.MonkeyPatch, analysed: list) -> None:
    monkeypatch.setenv("RECOUPE_MAX_UPLOADS", "0")
    client = TestClient(create_app(site.db, site.uploads, token=""))
    _shape(client.post("/api/articles", json={"text": "Le maire a parlé lundi."}), 507, "RECOUPE_MAX_UPLOADS")


# -- content sniffing -----------------------------------------------------------------------------------------
def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("article.html", HTML)
    return out.getvalue()


WARC = (b"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
REFUSED = [
    ("article.html", gzip.compress(HTML), "content is gzip data, not HTML"),
    ("article.txt", gzip.compress(ARTICLE), "content is gzip data, not text"),
    ("article.html", _zip(), "content is a zip archive"),
    ("article.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "content is a PDF"),
    ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40, "content is a PNG image, not text"),
    ("a.html", b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "content is an ELF executable, not HTML"),
    ("a.html", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 60, "Windows executable"),
    ("a.txt", bytes(range(256)) * 8, "content is binary data, not text"),
    ("a.json", b'{"text": "unterminated', "content is not valid JSON"),
    ("a.json", HTML, "content is HTML, not JSON"),
    ("a.json", b"[" * 100_000, "JSON"),
    ("a.jsonl", b'{"text": "one"}\n{"text": \n', "not valid JSON: Expecting value at line 2"),
    ("a.warc", HTML, "content is HTML, not WARC"),
    ("a.warc", gzip.compress(HTML), "gzip data"),
    ("a.warc.gz", WARC, "not a gzipped WARC"),
    ("a.warc.gz", gzip.compress(HTML), "not a gzipped WARC"),
    ("a.warc.gz", b"\x1f\x8b\x08\x00garbage", "not a gzipped WARC"),
    ("a.exe", b"MZ....", "unsupported file type"),
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSED, ids=[f"{n}-{m[:24]}" for n, _, m in REFUSED])
def test_content_decides_not_the_name(site: Site, analysed: list, name: str, data: bytes, message: str) -> None:
    before = site.store_hash()
    _shape(site.client().post("/api/articles", files={"file": (name, data, "text/html")}), 422, message)
    assert not analysed and site.stored_uploads() == [] and site.store_hash() == before


@pytest.mark.parametrize(("name", "data", "stored"), [
    ("page.txt", HTML, "page.html"), ("page.htm", HTML, "page.htm"), ("plain.html", ARTICLE, "plain.html"),
    ("record.txt", b'{"text": "Le maire a parle lundi."}', "record.json"), ("notes.txt", b"[AFP] " + ARTICLE,
                                                                            "notes.txt"),
    ("crawl.txt", WARC, "crawl.warc"), ("crawl.warc", gzip.compress(WARC), "crawl.warc.gz"),
    ("crawl.warc.gz", gzip.compress(WARC), "crawl.warc.gz"), ("latin.txt", ARTICLE.decode().encode("cp1252"),
                                                              "latin.txt")])
def test_accepted_content_is_stored_as_what_it_is(site: Site, analysed: list, name: str, data: bytes,
                                                  stored: str) -> None:
    client = site.client()
    response = client.post("/api/articles", files={"file": (name, data, "application/octet-stream")})
    assert finished(client, response)["status"] == "done"
    ((path, written),) = analysed
    assert path.name == stored and written == data


def test_html_named_txt_is_analysed_as_html(site: Site) -> None:
    client = site.client()
    response = client.post("/api/articles", files={"file": ("valmont.txt", HTML, "text/plain")})
    (new,) = added(client, response)
    article = client.get(f"/api/articles/{new}").json()
    assert article["title"] == "Le tramway de Valmont" and "<p>" not in article["text"]
    assert article["path"].endswith("valmont.html")


# -- malformed JSON -------------------------------------------------------------------------------------------
MALFORMED = [
    (b"", "Invalid JSON"), (b"not json", "Invalid JSON"), (b'{"text": "x"', "Invalid JSON"),
    (b"\xff\xfe\x00garbage", "Invalid JSON"), (b"[" * 200_000, "JSON"), (b'{"a": ' * 50_000, "JSON"),
    (b"[]", "object"), (b'"text"', "object"), (b"null", "object"), (b"42", "object"),
    (b"{}", "text: Field required"), (b'{"title": "no text"}', "text: Field required"),
    (b'{"text": 5}', "text: Input should be a valid string"), (b'{"text": ["a"]}', "text"),
    (b'{"text": null}', "text"), (b'{"text": ""}', "text"), (b'{"text": "   \\n "}', "text"),
    (b'{"text": "ok", "title": {"a": 1}}', "title"), (b'{"text": "ok", "published": 2024}', "published"),
    (b'{"text": "ok", "junk": "' + b"x" * 1_000_000 + b'"}', "junk: Extra inputs are not permitted"),
    (b'{"text": "ok", "title": "' + b"t" * 3000 + b'"}', "title"),
    (b'{"text": "ok", "text": 1}', "text"),
]


@pytest.mark.parametrize(("body", "message"), MALFORMED, ids=[b[:20].decode(errors="replace") for b, _ in MALFORMED])
def test_malformed_json_is_a_4xx_naming_the_problem(site: Site, analysed: list, body: bytes, message: str) -> None:
    response = site.client().post("/api/articles", content=body, headers={"Content-Type": "application/json"})
    error = _shape(response, 422, "invalid article JSON")
    assert any(message in e for e in [error["error"], *error["errors"]]), error
    assert len(response.content) < 20_000  # the input is not echoed back
    assert not analysed and site.stored_uploads() == []


@pytest.mark.parametrize("media", ["text/plain", "application/x-www-form-urlencoded", "application/xml", ""])
def test_other_media_types_are_refused(site: Site, analysed: list, media: str) -> None:
    headers = {"Content-Type": media} if media else {}
    _shape(site.client().post("/api/articles", content=b'{"text": "x"}', headers=headers), 415,
           "multipart/form-data", "application/json")
    assert not analysed


# -- unexpected errors ----------------------------------------------------------------------------------------
def test_unexpected_errors_leak_nothing(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from recoupe.store.reader import Reader

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError(f"secret detail at {site.db}")

    monkeypatch.setattr(Reader, "runs", boom)
    monkeypatch.setattr(Reader, "run", boom)
    client = site.client()
    for path in ("/api/corpora", "/api/stories"):
        response = client.get(path)
        _shape(response, 500, "internal error")
        assert "secret" not in response.text and str(site.root) not in response.text
        assert "Traceback" not in response.text and "RuntimeError" not in response.text
    page = client.get("/")
    assert page.status_code == 500 and "text/html" in page.headers["content-type"]
    assert "secret" not in page.text and "Traceback" not in page.text


def test_refusal_reasons_do_not_name_server_folders(site: Site) -> None:
    client = site.client()
    response = client.post("/api/articles", json={"text": "0"})
    job = finished(client, response)  # the analysis finds no article: the job fails, naming no folder
    assert job["status"] == "failed" and job["error"].startswith("no article could be read"), job
    text = client.get(response.json()["href"]).text
    assert str(site.root) not in text and "/tmp" not in text, job


def test_no_store_yet_names_no_server_folder(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    body = _shape(client.get("/api/stories"), 404, "no store yet")
    assert str(tmp_path) not in json.dumps(body)


def test_mounted_under_a_prefix_writes_still_need_the_token(site: Site, analysed: list) -> None:
    """Behind a proxy that mounts the app under a prefix (root_path), the write is still the guarded one."""
    client = TestClient(create_app(site.db, site.uploads, token=TOKEN), root_path="/news")
    _shape(client.post("/news/api/articles", json={"text": "Le maire a parlé lundi."}), 401)
    ok = client.post("/news/api/articles", json={"text": "Le maire a parlé lundi."},
                     headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.json()["href"].startswith("/news/api/jobs/")
    assert finished(client, ok)["status"] == "done"
    assert len(analysed) == 1


def test_a_write_that_skipped_the_guard_is_refused(site: Site, analysed: list) -> None:
    """Were the middleware ever bypassed, the route would not write: fail closed."""
    from recoupe.web.app import build

    app = build(site.db, site.uploads, token=None)
    app.user_middleware.clear()  # the Guard removed
    response = TestClient(app, raise_server_exceptions=False).post("/api/articles", json={"text": "x y z"})
    _shape(response, 500, "internal error")
    assert not analysed and site.stored_uploads() == []


# -- SQL ------------------------------------------------------------------------------------------------------
HOSTILE = ["' OR 1=1 --", "\" OR \"\"=\"", "%", "_", "%%", "a%", "_urns", "B_rns", "\\", "\\%", "'; DROP TABLE "
           "articles; --", "Burns' --", ") OR (1=1", "*", "Burns"]


@pytest.fixture(scope="module")
def reads(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("sql") / "store.sqlite"
    shutil.copy(seeds_db, db)
    return TestClient(create_app(db, token=""))


def _literal(needle: str) -> Callable[[str], bool]:
    """What SQLite's LIKE gives for a literal needle: a substring match, case-insensitive for ASCII."""
    low = needle.lower()
    return lambda text: low in "".join(c.lower() if c.isascii() else c for c in text)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_match_literally(reads: TestClient, value: str) -> None:
    articles = [reads.get(f"/api/articles/{a['id']}").json() for a in reads.get("/api/articles").json()["items"]]
    assert len(articles) == 5
    found = _literal(value)
    expected = sorted(a["id"] for a in articles if found(a["text"]) or found(a["title"] or ""))
    page = reads.get("/api/articles", params={"q": value, "limit": 200}).json()
    assert sorted(a["id"] for a in page["items"]) == expected and page["total"] == len(expected)

    entities = reads.get("/api/entities", params={"limit": 200}).json()["items"]
    spellings = {e["id"]: reads.get(f"/api/entities/{e['id']}").json()["spellings"] for e in entities}
    expected_entities = sorted(i for i, names in spellings.items() if any(found(n) for n in names))
    got = reads.get("/api/entities", params={"q": value, "limit": 200}).json()
    assert sorted(e["id"] for e in got["items"]) == expected_entities
    if value != "Burns":
        assert got["total"] < len(entities) or not entities  # never "everything" for a wildcard or an injection

    if not expected_entities:
        assert reads.get("/api/search", params={"entity": value}).json()["total"] == 0
    for path, params in (("/api/quotes", {"article": value}), ("/api/quotes", {"speaker": value}),
                         ("/api/reuse", {"story": value}), ("/api/articles", {"entity": value})):
        assert reads.get(path, params=params).json()["total"] == 0, (path, params)
    for path in (f"/api/stories/{value}", f"/api/articles/{value}", f"/api/entities/{value}"):
        if "/" not in value and value not in ("%", "%%", "\\%"):  # not a path with a slash or a stray escape
            assert reads.get(path).status_code == 404, path
    _shape(reads.get("/api/claims", params={"story": value}), 404)
    assert reads.get("/api/articles").json()["total"] == 5  # still all there


# -- security headers -----------------------------------------------------------------------------------------
def test_security_headers(site: Site) -> None:
    client = site.client()
    home = client.get("/")
    for response in (home, client.get("/api/stories"), client.get("/api/nope")):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
    csp = home.headers["Content-Security-Policy"]
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in home.text and home.text.count("<script") == 1
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert nonce not in client.get("/").headers["Content-Security-Policy"]  # one nonce per response
    docs = client.get("/docs")
    assert docs.status_code == 200 and "default-src 'none'" in docs.headers["Content-Security-Policy"]  # issue 20:
    assert "cdn" not in docs.text and "nonce=" in docs.text  # Swagger UI is served from the package, its scripts nonced


def test_all_api_errors_have_one_shape(site: Site) -> None:
    client = site.client(token=TOKEN)
    for response in (client.post("/api/articles"), client.put("/api/articles"), client.delete("/api/stories"),
                     client.get("/api/articles", params={"limit": "x"})):
        assert 400 <= response.status_code < 500
        _shape(response, response.status_code)


# -- in a browser ---------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_upload_form_with_a_token_in_a_browser(seeds_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The served pages under their Content-Security-Policy, and the upload form asking for the token."""
    from playwright.sync_api import sync_playwright

    from .test_browser import CHROMIUM, CHROMIUM_ARGS, UPLOAD_TIMEOUT_MS, serve

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: see test_browser.py"
    db = tmp_path / "store.sqlite"
    shutil.copy(seeds_db, db)
    upload = tmp_path / "valmont.txt"
    upload.write_bytes(ARTICLE)
    monkeypatch.setenv("RECOUPE_TOKEN", TOKEN)  # the server inherits it
    with serve(db, tmp_path / "server.log") as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            console: list[str] = []  # a script or style refused by the CSP is reported here
            errors: list[str] = []
            page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda err: errors.append(str(err)))
            page.goto(base + "/")
            page.set_input_files("#upload-file", str(upload))
            page.fill("#upload-token", "wrong")
            with page.expect_response(lambda r: r.url.endswith("/api/articles")) as refused:
                page.click("#upload button[type=submit]")
            assert refused.value.status == 401
            page.wait_for_function("document.getElementById('upload-status').textContent.includes('wrong token')")
            page.fill("#upload-token", TOKEN)
            posting = page.expect_response(lambda r: r.url.endswith("/api/articles"), timeout=UPLOAD_TIMEOUT_MS)
            with posting as posted:
                page.click("#upload button[type=submit]")
            assert posted.value.status == 202
            page.wait_for_selector("#upload-added a", timeout=UPLOAD_TIMEOUT_MS)  # the job done: its links
            page.locator("a.story-link").first.click()
            page.wait_for_url("**/stories/**")
            page.goto(base + "/articles/003_39167952c1edab4e")
            assert page.locator(".body a.ent").count() > 0
            assert not errors and not [m for m in console if "Content Security Policy" in m or "Refused" in m], \
                (errors, console)
            with urllib.request.urlopen(f"{base}/api/articles?q=Valmont", timeout=10) as response:
                assert json.loads(response.read())["total"] == 1
        finally:
            browser.close()
