"""Bad input at scale: hypothesis throws hostile files at ``analyze`` (random bytes, broken encodings, deeply
nested and enormous HTML, compression bombs, empty and 50 MB files, JSON of the wrong types, cut WARCs).

Every file must end as an "ok" input with articles or a "skipped" one with a coded reason, exactly once, never
as an exception or a hang. Each example is a folder of a few cases analysed at once, as a corpus would be.
Examples are derandomized (the same ones every run); RECOUPE_FUZZ_SCALE=10 tries ten times as many, and
RECOUPE_FUZZ_COUNTS=file.json writes what each kind of case gave.
"""
from __future__ import annotations

import bz2
import io
import json
import lzma
import os
import re
import tempfile
import time
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from recoupe.limits import MB, Limits
from recoupe.pipeline import analyze

# a time limit landing in hypothesis' garbage-collector callback is ignored there (and comes again a second later)
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <function gc_cumulative_time:pytest.PytestUnraisableExceptionWarning")]

LIMITS = Limits(seconds=2.0)  # the default size limit (20 MB); a short time limit, so that nothing hangs the test
SLACK = 15.0  # seconds a file may overrun its limit (a C call finishing) before the test calls it a hang
SCALE = int(os.environ.get("RECOUPE_FUZZ_SCALE", "1"))
EXTENSIONS = (".txt", ".html", ".json", ".jsonl", ".warc", ".warc.gz")
TRIED: defaultdict[str, Counter[str]] = defaultdict(Counter)  # kind of case -> outcome -> cases

BODY_FR = ("Le ministre a annoncé lundi à Paris un plan de relance pour les collectivités locales, a-t-on appris "
           "auprès de son cabinet. Les maires attendaient ce geste depuis des mois, et l'opposition le juge tardif.")
BODY_EN = ("The minister announced on Monday in London a recovery plan for local councils, his office said. Mayors "
           "had been waiting for this for months, and the opposition called it too little, too late.")
BODY_RU = ("Министр в понедельник объявил в Москве о плане восстановления для местных властей, сообщили в его "
           "ведомстве. Мэры ждали этого несколько месяцев, а оппозиция назвала план запоздалым.")
ARTICLES = tuple(f"{title}\n\n{body}\n\n{body}" for title, body in
                 (("Plan de relance", BODY_FR), ("Recovery plan", BODY_EN), ("План восстановления", BODY_RU)))


def _fuzz(examples: int) -> settings:
    """Derandomized, and without the shrinking phase: each example is a whole analysis, shrinking one would take
    minutes, and a failure names the case at fault anyway."""
    return settings(max_examples=examples * SCALE, deadline=None, derandomize=True, database=None,
                    phases=(Phase.explicit, Phase.generate),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


@dataclass(frozen=True)
class Case:
    """One hostile file: its kind (for the counts), extension and bytes; ``size`` makes it a sparse file."""

    kind: str
    extension: str
    content: bytes
    size: int = 0

    def write(self, folder: Path, number: int) -> Path:
        slug = re.sub(r"\W+", "-", self.kind)
        path = folder / f"{number:02d}-{slug}{self.extension}"
        with path.open("wb") as fh:
            fh.write(self.content)
            if self.size:
                fh.truncate(self.size)
        return path

    def __repr__(self) -> str:  # not megabytes of bytes in a failure report
        return f"Case({self.kind!r}, {self.extension!r}, {self.content[:80]!r}... {len(self.content)} bytes)"


def _html(body: str) -> str:
    return f"<html><head><title>Titre</title></head><body><article>{body}</article></body></html>"


# -- the cases -------------------------------------------------------------------------------------

HEADS = (b"", b"<html><body><p>", b"WARC/1.0\r\n", b'{"text": "', b"\x1f\x8b\x08\x00", b"\xef\xbb\xbf", b"\xff\xfe",
         b"PK\x03\x04")
random_bytes = st.builds(lambda ext, head, tail: Case("random bytes", ext, head + tail),
                         st.sampled_from(EXTENSIONS), st.sampled_from(HEADS), st.binary(max_size=4096))

ENCODINGS = ("utf-8", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-8-sig", "koi8-r", "shift_jis")


@st.composite
def broken_encodings(draw: st.DrawFn) -> Case:
    """Valid text, encoded, then cut, mixed with another encoding, or with bytes overwritten."""
    extension = draw(st.sampled_from((".txt", ".html", ".json", ".jsonl")))

    def encoded() -> bytes:
        text = draw(st.sampled_from(ARTICLES)) + draw(st.text(max_size=100))
        if extension == ".html":
            text = _html(text.replace("\n\n", "<p>"))
        elif extension in (".json", ".jsonl"):
            text = json.dumps({"title": "Titre", "text": text}, ensure_ascii=False)
        return text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")

    data = encoded()
    how = draw(st.sampled_from(("cut", "mixed", "overwritten")))
    if how == "cut":
        data = data[:draw(st.integers(0, len(data)))]
    elif how == "mixed":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + encoded() + data[at:]
    else:
        for _ in range(draw(st.integers(1, 20))):
            at = draw(st.integers(0, len(data) - 1)) if data else 0
            data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at + 1:]
    return Case(f"broken encoding ({how})", extension, data)


TAGS = ("div", "span", "p", "table", "tr", "td", "ul", "li", "b", "font", "blockquote", "section", "a")


@st.composite
def nested_html(draw: st.DrawFn) -> Case:
    """Markup nested up to 100,000 deep, closed or not, with the article inside, before or after it."""
    tags = draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=3))
    depth = draw(st.one_of(st.just(100_000), st.integers(1, 100_000)))
    opening = "".join(f"<{t}>" for t in tags) * (depth // len(tags) + 1)
    closing = "".join(f"</{t}>" for t in reversed(tags)) * (depth // len(tags) + 1) if draw(st.booleans()) else ""
    article = "".join(f"<p>{p}</p>" for p in draw(st.sampled_from(ARTICLES)).split("\n\n"))
    where = draw(st.sampled_from(("inside", "before", "after")))
    body = {"inside": opening + article + closing, "before": article + opening + closing,
            "after": opening + closing + article}[where]
    return Case("deeply nested HTML", draw(st.sampled_from((".html", ".htm"))), _html(body).encode())


@st.composite
def enormous_html(draw: st.DrawFn) -> Case:
    """1 to 16 MB of markup, under the 20 MB limit: prose, a grid of small blocks, one text node, comments."""
    size = draw(st.sampled_from((1, 4, 16))) * MB
    shape = draw(st.sampled_from(("prose", "grid", "one text node", "comments", "attributes")))
    unit = {"prose": f"<p>{BODY_FR}</p>\n", "grid": "<div><span>12</span> cell</div>\n",
            "one text node": BODY_EN + " ", "comments": "<!-- a comment -->", "attributes": "<a href='x' " + "c" * 500
            + "='y'>link</a>"}[shape]
    return Case(f"enormous HTML ({shape})", ".html", _html(unit * (size // len(unit))).encode())


@cache
def _bomb(method: str, size: int) -> bytes:
    """``size`` bytes of zeros (or of markup), compressed: a few hundred bytes to a few hundred kilobytes."""
    chunk = b"\0" * MB if method != "gzip of markup" else b"<div>" * (MB // 5)
    if method == "zip":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("page.html", "w") as fh:
            for _ in range(size // MB):
                fh.write(chunk)
        return out.getvalue()
    compressor = {"bz2": bz2.BZ2Compressor(), "xz": lzma.LZMACompressor()}.get(
        method, zlib.compressobj(9, zlib.DEFLATED, 31))  # gzip
    return b"".join(compressor.compress(chunk) for _ in range(size // MB)) + compressor.flush()


@cache
def _warc_bomb() -> bytes:
    """A gzipped WARC whose picture record inflates to 250 MB, over 10 times the size limit."""
    return _warc_bytes([_html(f"<p>{BODY_FR}</p>")], True, 250 * MB)


@st.composite
def bombs(draw: st.DrawFn) -> Case:
    """Zeros or markup compressed by a thousand times or more, under any name; or a WARC record that is one."""
    method = draw(st.sampled_from(("gzip", "gzip of markup", "zip", "bz2", "xz", "WARC record")))
    if method == "WARC record":
        return Case("compression bomb (WARC record)", ".warc.gz", _warc_bomb())
    extension = draw(st.sampled_from((".html", ".htm", ".txt", ".json", ".jsonl", ".warc", ".warc.gz")))
    return Case(f"compression bomb ({method})", extension, _bomb(method, draw(st.sampled_from((MB, 100 * MB)))))

empty_files = st.builds(lambda ext, blank: Case("empty file", ext, blank), st.sampled_from(EXTENSIONS),
                        st.sampled_from((b"", b" ", b"\n\n", b"\t \r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"[]", b"{}")))

large_files = st.builds(lambda ext, head, size: Case("file over the size limit", ext, head, size),
                        st.sampled_from(EXTENSIONS), st.sampled_from(HEADS),
                        st.one_of(st.just(50 * MB), st.integers(LIMITS.max_bytes + 1, 60 * MB)))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
FIELDS = ("id", "text", "maintext", "body", "content", "html", "raw_html", "title", "url", "date", "date_publish",
          "published", "language", "lang", "articles")
GOOD = (BODY_FR, BODY_EN, ARTICLES[2], _html(BODY_FR), "2022-11-14", "14/11/2022 08:30", "https://example.org/a",
        "http://[::1", "fr", "")
values = st.sampled_from(GOOD) | json_values
# a text field (of any type) and any of the others
records = st.builds(lambda key, text, others: {**others, key: text}, st.sampled_from(("text", "maintext", "html")),
                    values, st.fixed_dictionaries({}, optional=dict.fromkeys(FIELDS, values)))


@st.composite
def json_wrong_types(draw: st.DrawFn) -> Case:
    """Records whose fields hold any JSON value (numbers, lists, objects, null, huge numbers), lines of garbage."""
    if draw(st.booleans()):
        line = st.one_of(*[records.map(json.dumps)] * 4, json_values.map(json.dumps), st.text(max_size=60),
                         st.just('{"text": "x", "id": ' + "9" * 5000 + "}"))
        lines = draw(st.lists(line, min_size=1, max_size=8))
        return Case("JSON of the wrong types", ".jsonl", "\n".join(lines).encode())
    value = draw(st.one_of(records, st.lists(records, max_size=4), st.fixed_dictionaries({"articles": values}),
                           json_values))
    return Case("JSON of the wrong types", ".json", json.dumps(value).encode())


def _warc_bytes(pages: list[str], gz: bool, picture: int) -> bytes:
    """The same bytes for the same pages (record ids and dates fixed), so that hypothesis replays an example."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    records = [(f"https://example.org/{n}", "text/html; charset=utf-8", page.encode()) for n, page in enumerate(pages)]
    records += [("https://example.org/logo.png", "image/png", b"\0" * picture)] if picture else []
    for n, (url, kind, payload) in enumerate(records):
        fixed = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>", "WARC-Date": "2022-11-14T08:00:00Z"}
        headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                      http_headers=headers, warc_headers_dict=fixed))
    return out.getvalue()


@st.composite
def cut_warcs(draw: st.DrawFn) -> Case:
    """A valid WARC (written by warcio), cut at any byte, sometimes with a few bytes overwritten."""
    gz = draw(st.booleans())
    pages = draw(st.lists(st.sampled_from([_html(a.replace("\n\n", "<p>")) for a in ARTICLES]), min_size=1,
                          max_size=3))
    data = _warc_bytes(pages, gz, draw(st.sampled_from((0, 1000))))
    data = data[:draw(st.integers(0, len(data)))]
    for _ in range(draw(st.integers(0, 2))):
        if data:
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    return Case("cut WARC", ".warc.gz" if gz else ".warc", data)


# -- running them ----------------------------------------------------------------------------------

@pytest.fixture(scope="module", autouse=True)
def warm(request: pytest.FixtureRequest) -> Iterator[None]:
    """Models loaded before any clock runs (lingua's take seconds, inside the first file's time limit), and the
    counts of what each kind of case gave, shown (and written to RECOUPE_FUZZ_COUNTS) at the end."""
    with tempfile.TemporaryDirectory() as tmp:
        for n, text in enumerate(ARTICLES[:2]):
            (Path(tmp) / f"{n}.txt").write_text(text, encoding="utf-8")
        (Path(tmp) / "page.html").write_text(_html(f"<p>{BODY_FR}</p>"), encoding="utf-8")
        analyze([tmp])
    yield
    lines = [f"{kind:40} {sum(found.values()):4}  " + ", ".join(f"{k} {n}" for k, n in sorted(found.items()))
             for kind, found in sorted(TRIED.items())]
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture is not None else nullcontext():
        print("\nfuzz cases tried (kind, cases, outcomes):", *lines, sep="\n")
    if os.environ.get("RECOUPE_FUZZ_COUNTS"):
        Path(os.environ["RECOUPE_FUZZ_COUNTS"]).write_text(json.dumps(TRIED, indent=1), encoding="utf-8")


def _run(cases: list[Case], threads: bool = False) -> None:
    """Analyse the cases as one folder; each file is reported once, with articles or a coded reason."""
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(2) if threads else nullcontext() as pool:
        paths = {str(case.write(Path(tmp), n)): case for n, case in enumerate(cases)}
        start = time.monotonic()
        corpus = analyze([tmp], executor=pool, limits=LIMITS)
        elapsed = time.monotonic() - start
    assert elapsed < len(cases) * (LIMITS.seconds + SLACK) + 60  # the parse and the stories come on top
    assert sorted(i.path for i in corpus.inputs) == sorted(paths)  # each input exactly once
    ids = {a.id for a in corpus.articles}
    for entry in corpus.inputs:
        kind = paths[entry.path].kind
        reason = entry.reason or ""
        assert "R099" not in reason, f"{paths[entry.path]}: internal error: {reason}"
        if entry.status == "ok":
            assert entry.articles and set(entry.articles) <= ids, entry
            TRIED[kind]["articles"] += 1
        else:
            assert entry.status == "skipped" and not entry.articles, entry
            codes = re.findall(r"\[(R\d{3})\]", reason)
            assert codes, f"{paths[entry.path]}: skipped without a coded reason: {reason!r}"
            TRIED[kind][codes[0]] += 1
    assert all(a.text.strip() for a in corpus.articles)


@_fuzz(25)
@given(st.lists(random_bytes, min_size=1, max_size=6))
def test_random_bytes(cases: list[Case]) -> None:
    _run(cases)


@_fuzz(25)
@given(st.lists(broken_encodings(), min_size=1, max_size=4))
def test_broken_encodings(cases: list[Case]) -> None:
    _run(cases)


@_fuzz(15)
@given(st.lists(nested_html(), min_size=1, max_size=3), st.booleans())
def test_deeply_nested_html(cases: list[Case], threads: bool) -> None:
    _run(cases, threads)


@_fuzz(8)
@given(enormous_html(), st.booleans())
def test_enormous_html(case: Case, threads: bool) -> None:
    _run([case], threads)


@_fuzz(15)
@given(st.lists(bombs(), min_size=1, max_size=3))
def test_compression_bombs(cases: list[Case]) -> None:
    _run(cases)


@_fuzz(10)
@given(st.lists(empty_files | large_files, min_size=1, max_size=4))
def test_empty_and_large_files(cases: list[Case]) -> None:
    _run(cases)


@_fuzz(25)
@given(st.lists(json_wrong_types(), min_size=1, max_size=4))
def test_json_of_the_wrong_types(cases: list[Case]) -> None:
    _run(cases)


@_fuzz(25)
@given(st.lists(cut_warcs(), min_size=1, max_size=4), st.booleans())
def test_cut_warcs(cases: list[Case], threads: bool) -> None:
    _run(cases, threads)
