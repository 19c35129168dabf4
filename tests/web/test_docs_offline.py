"""Issue 20: the API's documentation pages load nothing from elsewhere (Swagger UI and ReDoc are files of the
package), under the app's Content-Security-Policy, and the favicon is served. test_docs_browser.py opens
them in a browser cut off from the network."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from recoupe.web import create_app

EXPECTED = {"/docs": {"/docs-assets/swagger-ui-bundle.js": "text/javascript",
                      "/docs-assets/swagger-ui.css": "text/css", "/favicon.svg": "image/svg+xml"},
            "/redoc": {"/docs-assets/redoc.standalone.js": "text/javascript", "/favicon.svg": "image/svg+xml"}}


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    """The app over a store not made yet: the documentation needs none."""
    return TestClient(create_app(tmp_path / "store.sqlite", token=""))


def _urls(html: str) -> set[str]:
    """What a page loads: the src of its scripts, the href of its links (styles, icon)."""
    return set(re.findall(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]*)"', html))


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_docs_load_only_the_packages_files(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert _urls(response.text) == set(EXPECTED[page])
    assert "http://" not in response.text and "https://" not in response.text  # no CDN, no Google fonts
    for url, media in EXPECTED[page].items():
        asset = client.get(url)
        assert asset.status_code == 200 and asset.headers["content-type"].startswith(media), url
        assert len(asset.content) > 100, url
    assert "SwaggerUIBundle" in client.get("/docs-assets/swagger-ui-bundle.js").text


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_docs_run_under_the_csp(client: TestClient, page: str) -> None:
    """Every script of the page carries the nonce that the page's CSP allows, and the CSP allows nothing from
    elsewhere."""
    response = client.get(page)
    csp = response.headers["content-security-policy"]
    (nonce,) = re.findall(r"script-src 'nonce-([^']+)'", csp)
    scripts = re.findall(r"<script\b[^>]*>", response.text)
    assert scripts and all(f'nonce="{nonce}"' in s for s in scripts), scripts
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp and "http" not in csp
    assert client.get(page).headers["content-security-policy"] != csp  # a nonce per response
    assert ("worker-src blob:" in csp) == (page == "/redoc")  # ReDoc's search worker, there only


def test_docs_read_the_openapi_document_of_the_app(client: TestClient) -> None:
    assert "url: '/openapi.json'" in client.get("/docs").text
    assert 'spec-url="/openapi.json"' in client.get("/redoc").text
    assert '"validatorUrl": null' in client.get("/docs").text  # Swagger UI's badge would ask another site
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/stories" in paths and not any(p.startswith(("/docs", "/redoc", "/favicon")) for p in paths)


def test_docs_under_a_prefix(tmp_path: Path) -> None:
    """Behind a proxy that mounts the app under /news (root_path), every URL of the pages starts with it."""
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""), root_path="/news")
    for page, assets in EXPECTED.items():
        html = client.get(f"/news{page}").text
        assert _urls(html) == {f"/news{url}" for url in assets}
        assert "'/news/openapi.json'" in html or '"/news/openapi.json"' in html
        for url in _urls(html):
            assert client.get(url).status_code == 200, url


def test_favicon(client: TestClient) -> None:
    ico = client.get("/favicon.ico")
    assert ico.status_code == 200 and ico.headers["content-type"] == "image/vnd.microsoft.icon"
    assert ico.content[:4] == b"\x00\x00\x01\x00"  # an ICO file's header: reserved 0, type 1 (icon)
    svg = client.get("/favicon.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text.startswith("<svg") and "<script" not in svg.text
    head = client.head("/favicon.ico")
    assert head.status_code == 200 and head.content == b"" and head.headers["content-length"] == str(len(ico.content))


def test_the_icons_ship_with_the_package() -> None:
    """pyproject.toml's package data names the folder the app serves them from."""
    import tomllib

    import recoupe.web.app as web_app

    root = Path(__file__).resolve().parents[2]
    data = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["recoupe"]
    package = root / "src" / "recoupe"
    shipped = {p.relative_to(package).as_posix() for pattern in data for p in package.glob(pattern)}
    served = {f"web/static/{name}" for name, _ in web_app.ICONS.values()}
    assert len(served) == 2 and served <= shipped
