"""A local news site on 127.0.0.1 for the tests of fetching (issue 22): articles, feeds, a sitemap, a robots.txt,
and the hosts that misbehave (slow, failing, looping, huge).

``Site()`` serves from a daemon thread on a free port; the same server answers as ``127.0.0.1:port`` and as
``localhost:port``, two hosts for a polite client. Every request is kept in ``site.requests`` (a ``Hit``), and
``site.sent`` counts the body bytes written by the streamed routes, so that a test can tell what the client read.

Routes: /robots.txt (disallows /private/), /news/1.html … /news/4.html (two French, two English articles on an
invented event), /feed.xml (RSS 2.0: news 1–3), /atom.xml (Atom: news 3–4), /sitemap.xml (a sitemap index) →
/sitemap-news.xml (a Google news sitemap: news 1–4), /private/secret.html, /slow.html (answers after 5 s),
/error.html (always 500), /loop (302 to itself), /moved (301 to /news/1.html), /huge.html (50 MB, with its
Content-Length), /paywall.html (a subscriber's teaser), /menu.html (links, no article); and two beyond the
contract's list: /endless.html (50 MB of HTML without a Content-Length) and /trickle.html (a few bytes every
0.1 s for 30 s). ``site.add(path, body)`` adds or replaces a page while it runs (any status and headers).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

MB = 1024 * 1024
HUGE = 50 * MB
SLOW = 5.0  # seconds /slow.html waits before answering
HTML = "text/html; charset=utf-8"
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Hit:
    """One request the site received: its path (with its query), Host header, User-Agent, and when it came
    (``time.monotonic()``, when its request line was read)."""

    path: str
    host: str
    user_agent: str
    at: float


@dataclass(frozen=True, slots=True)
class Article:
    """An article of the test site, as the tests expect to read it back."""

    path: str
    language: str
    title: str
    published: str  # article:published_time
    paragraphs: tuple[str, ...]


ARTICLES = (
    Article("/news/1.html", "fr", "Effondrement d'une passerelle à Brévanne : trois blessés légers",
            "2026-03-10T08:15:00+01:00", (
                "Une passerelle piétonne enjambant la Sorgeline s'est effondrée lundi matin à Brévanne, faisant "
                "trois blessés légers, a annoncé la préfecture dans un communiqué publié en fin de matinée.",
                "L'ouvrage, construit en 1974, était fermé à la circulation des cyclistes depuis l'automne. « Nous "
                "avions signalé des fissures à plusieurs reprises », a déclaré Hélène Marcadet, présidente de "
                "l'association des riverains du quai Saint-Aubert.",
                "Le maire, Julien Trébuchet, a indiqué qu'une enquête technique avait été confiée au bureau "
                "d'études départemental et que les deux autres passerelles de la commune seraient inspectées "
                "avant la fin de la semaine.",
                "Les trois personnes blessées, deux joggeurs et un livreur, ont été examinées sur place par les "
                "pompiers puis laissées libres. La circulation fluviale est interrompue jusqu'à nouvel ordre.",
            )),
    Article("/news/2.html", "fr", "Passerelle de Brévanne : la mairie savait depuis 2024, selon un rapport",
            "2026-03-11T18:40:00+01:00", (
                "Un rapport d'inspection daté de juin 2024, que nous avons pu consulter, recommandait déjà le "
                "remplacement des haubans de la passerelle Saint-Aubert, effondrée lundi à Brévanne.",
                "Le document, rédigé par un cabinet d'ingénierie mandaté par la commune, classait l'ouvrage en "
                "« état préoccupant » et chiffrait les travaux à 1,2 million d'euros.",
                "Interrogé mardi soir, le maire Julien Trébuchet a affirmé que les travaux étaient « programmés "
                "pour 2027 » et qu'aucun élément du rapport ne laissait présager un effondrement.",
                "L'opposition municipale réclame la publication de l'ensemble des rapports et la tenue d'un "
                "conseil extraordinaire. La préfecture a ouvert une enquête administrative.",
            )),
    Article("/news/3.html", "en", "Footbridge collapses in French town of Brévanne, three hurt",
            "2026-03-10T11:05:00+00:00", (
                "A pedestrian footbridge over the Sorgeline river collapsed on Monday morning in the French town "
                "of Brévanne, lightly injuring three people, the local prefecture said.",
                "The bridge, built in 1974, had been closed to cyclists since last autumn. Residents said they "
                "had reported cracks several times, according to Helene Marcadet, who chairs a local residents' "
                "association.",
                "Mayor Julien Trebuchet said a technical inquiry had been opened and that the town's two other "
                "footbridges would be inspected before the end of the week.",
                "River traffic has been halted until further notice, and firefighters treated the injured at "
                "the scene.",
            )),
    Article("/news/4.html", "en", "Brévanne officials were warned about bridge in 2024, report shows",
            "2026-03-12T07:30:00+00:00", (
                "An inspection report from June 2024 had recommended replacing the cables of the Saint-Aubert "
                "footbridge in Brévanne, which collapsed on Monday, according to a copy seen by reporters.",
                "The engineering firm hired by the town rated the structure as being in a worrying state and "
                "put the cost of repairs at 1.2 million euros.",
                "Mayor Julien Trebuchet said on Tuesday evening that the work had been scheduled for 2027 and "
                "that nothing in the report had pointed to a risk of collapse.",
                "Opposition councillors have called for every inspection report to be published, and the "
                "prefecture has opened an administrative inquiry.",
            )),
)
_NAV = {"fr": ("Accueil", "Région", "Politique", "Faits divers", "Mentions légales · Contact · © Le Courrier de la "
               "Sorgeline"),
        "en": ("Home", "World", "Politics", "Local", "Terms · Contact · © Sorgeline Herald")}


def article_page(article: Article, url: str) -> bytes:
    """The HTML page of an article: head metadata (title, og:, article:published_time), nav, body, footer."""
    home, *sections, footer = _NAV[article.language]
    links = "".join(f'<li><a href="/{s.lower()}/">{s}</a></li>' for s in sections)
    body = "".join(f"<p>{p}</p>" for p in article.paragraphs)
    return (
        f'<!doctype html><html lang="{article.language}"><head><meta charset="utf-8">'
        f"<title>{article.title}</title>"
        f'<meta property="og:title" content="{article.title}">'
        f'<meta property="og:type" content="article"><meta property="og:url" content="{url}">'
        f'<meta property="article:published_time" content="{article.published}">'
        f"</head><body><header><nav><a href=\"/\">{home}</a><ul>{links}</ul></nav></header>"
        f"<main><article><h1>{article.title}</h1>{body}</article></main>"
        f"<footer><p>{footer}</p></footer></body></html>").encode()


class Site:
    """The local test site: a ThreadingHTTPServer on 127.0.0.1 (port 0) served from a daemon thread."""

    def __init__(self) -> None:
        self.requests: list[Hit] = []
        self.sent: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name=f"site-{self.port}", daemon=True)
        self._pages: dict[str, _Static] = {}
        self._static()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        """The address of ``path`` on this site; ``host="localhost"`` names the same server as a second host."""
        return f"http://{host}:{self.port}{path}"

    def add(self, path: str, body: bytes, content_type: str = HTML, *, status: int = 200,
            headers: tuple[tuple[str, str], ...] = ()) -> None:
        """Add or replace the page at ``path`` (a static route wins over the built-in dynamic ones); ``status``
        and ``headers`` make it a redirect (``("Location", url)``), an error, a 429 with its Retry-After…"""
        with self._lock:
            self._pages[path] = _Static(body, content_type, status, headers)

    def hits(self, path: str) -> list[Hit]:
        """The requests for ``path`` so far."""
        with self._lock:
            return [hit for hit in self.requests if hit.path == path]

    def start(self) -> Site:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # the slow and streaming routes stop waiting
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Site:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def _static(self) -> None:
        for article in ARTICLES:
            self.add(article.path, article_page(article, self.url(article.path)))
        self.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain; charset=utf-8")
        self.add("/feed.xml", self._rss(), "application/rss+xml; charset=utf-8")
        self.add("/atom.xml", self._atom(), "application/atom+xml; charset=utf-8")
        self.add("/sitemap.xml", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{self.url('/sitemap-news.xml')}</loc><lastmod>2026-03-12</lastmod></sitemap>"
            "</sitemapindex>").encode(), "application/xml")
        news = "".join(
            f"<url><loc>{self.url(a.path)}</loc><news:news><news:publication><news:name>"
            f"{'Le Courrier de la Sorgeline' if a.language == 'fr' else 'Sorgeline Herald'}</news:name>"
            f"<news:language>{a.language}</news:language></news:publication>"
            f"<news:publication_date>{a.published}</news:publication_date>"
            f"<news:title>{_xml(a.title)}</news:title></news:news></url>" for a in ARTICLES)
        self.add("/sitemap-news.xml", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + news + "</urlset>").encode(),
            "application/xml")
        self.add("/private/secret.html", b"<!doctype html><html><head><title>Private</title></head><body>"
                 b"<p>Staff only: the rota for the night desk.</p></body></html>")
        self.add("/paywall.html", (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inside the Brévanne inquiry</title>'
            '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
            '"headline": "Inside the Brévanne inquiry", "isAccessibleForFree": false, "hasPart": {"@type": '
            '"WebPageElement", "isAccessibleForFree": false, "cssSelector": ".paywalled"}}</script></head><body>'
            "<article><h1>Inside the Brévanne inquiry</h1><p>Investigators have begun questioning the engineers "
            "who inspected the Saint-Aubert footbridge. Their first findings point to a fault in the anchoring "
            'of the cables.</p><div class="paywalled"><p>Subscribe to read the rest of this article.</p>'
            '<a href="/subscribe">Subscribe</a></div></article></body></html>').encode())
        self.add("/menu.html", (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sections</title></head><body>'
            "<nav><ul>" + "".join(f'<li><a href="/{s}/">{s.title()}</a></li>' for s in
                                  ("world", "politics", "local", "sport", "culture", "weather", "opinion"))
            + "</ul></nav><footer>© Sorgeline Herald</footer></body></html>").encode())

    def _rss(self) -> bytes:
        items = "".join(
            f"<item><title>{_xml(a.title)}</title><link>{self.url(a.path)}</link>"
            f"<guid>{self.url(a.path)}</guid><pubDate>{_rfc822(a.published)}</pubDate></item>"
            for a in ARTICLES[:3])
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f"<title>Le Courrier de la Sorgeline</title><link>{self.url('/')}</link>"
                f"<description>Actualités de la vallée</description>{items}</channel></rss>").encode()

    def _atom(self) -> bytes:
        entries = "".join(
            f"<entry><title>{_xml(a.title)}</title><link href=\"{self.url(a.path)}\"/>"
            f"<id>{self.url(a.path)}</id><updated>{a.published}</updated><published>{a.published}</published>"
            "</entry>" for a in ARTICLES[2:])
        return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>Sorgeline Herald</title><id>{self.url('/atom.xml')}</id>"
                f"<updated>{ARTICLES[3].published}</updated>{entries}</feed>").encode()

    # the request handler's side
    def _hit(self, path: str, host: str, user_agent: str) -> None:
        with self._lock:
            self.requests.append(Hit(path, host, user_agent, time.monotonic()))

    def _page(self, path: str) -> _Static | None:
        with self._lock:
            return self._pages.get(path)

    def _count(self, path: str, sent: int) -> None:
        with self._lock:
            self.sent[path] = self.sent.get(path, 0) + sent


@dataclass(frozen=True, slots=True)
class _Static:
    body: bytes
    content_type: str
    status: int
    headers: tuple[tuple[str, str], ...]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real sites
        disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms wait for an ACK between
        timeout = 10  # an idle kept-alive connection is closed, so that no thread waits on it for ever

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
            pass

        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            site._hit(self.path, self.headers.get("Host", ""), self.headers.get("User-Agent", ""))
            path = urlsplit(self.path).path
            page = site._page(path)
            try:
                if page is not None:
                    self._send(page.status, page.body, page.content_type, list(page.headers))
                elif path == "/slow.html":
                    if not site._stop.wait(SLOW):
                        self._send(200, b"<!doctype html><html><body><p>Finally.</p></body></html>", HTML)
                elif path == "/error.html":
                    self._send(500, b"<!doctype html><html><body><h1>Internal error</h1></body></html>", HTML)
                elif path == "/loop":
                    self._send(302, b"", HTML, [("Location", "/loop")])
                elif path == "/moved":
                    self._send(301, b"<!doctype html><html><body>Moved</body></html>", HTML,
                               [("Location", "/news/1.html")])
                elif path in ("/huge.html", "/endless.html"):
                    self._huge(path, announced=path == "/huge.html")
                elif path == "/trickle.html":
                    self._trickle(path)
                else:
                    self._send(404, b"<!doctype html><html><body><h1>Not found</h1></body></html>", HTML)
            except (BrokenPipeError, ConnectionResetError):  # the client hung up: what it may well do here
                self.close_connection = True

        def _send(self, status: int, body: bytes, content_type: str,
                  headers: list[tuple[str, str]] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers or []:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _huge(self, path: str, *, announced: bool) -> None:
            """50 MB of HTML written 64 KiB at a time (never held whole), with or without its length."""
            head = b"<!doctype html><html><head><title>Huge</title></head><body>"
            tail = b"</body></html>"
            filler = (b"<p>" + b"Brevanne " * 40 + b"</p>\n") * (_CHUNK // 370)
            self.send_response(200)
            self.send_header("Content-Type", HTML)
            if announced:
                self.send_header("Content-Length", str(HUGE))
            else:  # the body ends when the connection closes (HTTP/1.0 style)
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            left = HUGE - len(head) - len(tail)
            self.wfile.write(head)
            site._count(path, len(head))
            while left > 0 and not site._stop.is_set():
                chunk = filler[:left]
                self.wfile.write(chunk)
                site._count(path, len(chunk))
                left -= len(chunk)
            self.wfile.write(tail)

        def _trickle(self, path: str) -> None:
            """An HTML page sent a few bytes at a time, 0.1 s apart, for 30 s."""
            self.send_response(200)
            self.send_header("Content-Type", HTML)
            self.send_header("Connection", "close")
            self.close_connection = True
            self.end_headers()
            self.wfile.write(b"<!doctype html><html><body>")
            for _ in range(300):
                if site._stop.wait(0.1):
                    return
                self.wfile.write(b"<p>.</p>")
                self.wfile.flush()
                site._count(path, 8)

    return Handler


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _rfc822(iso: str) -> str:
    from datetime import datetime
    from email.utils import format_datetime

    return format_datetime(datetime.fromisoformat(iso))
