"""Ingest: find the input files, decode them and yield one Page per article (or a Skip saying why not).

Formats: ``.txt`` (already-scraped text), ``.html``/``.htm``, ``.json``/``.jsonl`` (records with a text
field, news-please's names accepted) and ``.warc``/``.warc.gz`` (one article per HTML response).
One bad file or record never stops a corpus: it becomes a Skip naming the file and the line or record.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import (
    R001_EMPTY,
    R002_BINARY,
    R003_ENCODING,
    R004_EXTENSION,
    R006_BAD_JSON,
    R007_JSON_FIELDS,
    R008_BAD_WARC,
    R009_UNREADABLE,
    R010_NOT_FOUND,
    InputError,
)
from .records import Page, Skip

TEXT_FIELDS = ("text", "maintext", "body", "content")
HTML_FIELDS = ("html", "raw_html")
DATE_FIELDS = ("date_publish", "published", "date")
SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "json",
            ".warc": "warc", ".warc.gz": "warc"}
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body)", re.IGNORECASE)


@dataclass(slots=True)
class FileResult:
    """What one input file gave: its pages, and the skips of the file or of some of its records."""

    path: str
    pages: list[Page] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def discover(paths: Iterable[str | Path]) -> Iterator[Path | Skip]:
    """Expand files and folders (recursively, sorted) into input files; a missing path is a Skip."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.is_file():
            yield path
        else:
            code, reason = R010_NOT_FOUND
            yield Skip(str(path), code, reason)


def read_file(path: Path) -> FileResult:
    """Read one input file into pages; every failure becomes a Skip naming the file."""
    result = FileResult(str(path))
    kind = _kind(path)
    try:
        if kind is None:
            raise InputError(R004_EXTENSION, "".join(path.suffixes[-2:]) or path.name)
        data = _read_bytes(path)
        if kind == "warc":
            _read_warc(path, data, result)
        else:
            text = decode(data)
            if kind == "json":
                _read_json(path, text, result)
            else:
                is_html = kind == "html" or bool(_HTML_START.match(data[:512]))
                result.pages.append(Page(id=path.stem, path=str(path), format=kind, content=text,
                                         is_html=is_html))
    except InputError as err:
        result.skips.append(Skip(str(path), err.code, err.reason, err.location))
    return result


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return SUFFIXES.get(path.suffix.lower())


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(R009_UNREADABLE, err.strerror or str(err)) from err
    if not data.strip():
        raise InputError(R001_EMPTY)
    return data


def decode(data: bytes) -> str:
    """Decode bytes to text: UTF-8 when valid, else Windows-1252/Latin-1, else charset-normalizer."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(R003_ENCODING, f"bad UTF-16 at byte {err.start}") from err
    if b"\x00" in data[:4096]:
        raise InputError(R002_BINARY, "NUL bytes")
    try:
        return _check_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    # charset-normalizer guesses short French or English texts as cp1250/cp1257 and garbles their
    # accents, so the Western code pages (our first languages) are tried first and kept when the
    # result reads like Western text; anything else goes to charset-normalizer.
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_western(text):
            return _check_text(text)
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(R002_BINARY, "no text encoding fits")
    return _check_text(str(best))


def _reads_western(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    non_ascii = sum(1 for c in letters if ord(c) > 127)
    controls = sum(1 for c in text if 0x80 <= ord(c) <= 0x9F)
    # accented letters are a few percent of French text; a Cyrillic or Greek text decoded as
    # cp1252 is mostly accented letters
    return non_ascii / len(letters) < 0.25 and controls == 0


def _check_text(text: str) -> str:
    bad = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\t\n\r\f\v")
    if bad > max(2, len(text[:20000]) // 100):
        raise InputError(R002_BINARY, f"{bad} control characters")
    if not text.strip():
        raise InputError(R001_EMPTY)
    return text


def _read_json(path: Path, text: str, result: FileResult) -> None:
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                result.skips.append(Skip(str(path), R006_BAD_JSON[0],
                                         R006_BAD_JSON[1].format(detail=err.msg), where))
                continue
            _add_record(path, record, f"{path.stem}-{number}", where, result)
        if not result.pages and not result.skips:
            raise InputError(R001_EMPTY)
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(R006_BAD_JSON, f"{err.msg} at line {err.lineno} column {err.colno}") from err
    records = data.get("articles", [data]) if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise InputError(R006_BAD_JSON, "expected an object or a list of objects")
    for number, record in enumerate(records, start=1):
        single = len(records) == 1
        _add_record(path, record, path.stem if single else f"{path.stem}-{number}",
                    None if single else f"record {number}", result)


def _add_record(path: Path, record: Any, default_id: str, where: str | None, result: FileResult) -> None:
    if not isinstance(record, dict):
        result.skips.append(Skip(str(path), R006_BAD_JSON[0],
                                 R006_BAD_JSON[1].format(detail="record is not an object"), where))
        return
    text = _first_str(record, TEXT_FIELDS)
    html = _first_str(record, HTML_FIELDS)
    if not text and not html:
        code, template = R007_JSON_FIELDS
        result.skips.append(Skip(str(path), code, template.format(detail=", ".join(TEXT_FIELDS + HTML_FIELDS)),
                                 where))
        return
    result.pages.append(Page(
        id=str(record.get("id") or default_id), path=str(path), format="json",
        content=text or html or "", is_html=not text, url=_first_str(record, ("url",)),
        title=_first_str(record, ("title",)), date=_first_str(record, DATE_FIELDS),
        language=_first_str(record, ("language", "lang")), location=where))


def _first_str(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _drain(stream: Any) -> bytes:
    """Read a record we do not keep (an image, a request) to its end, in chunks, to check its length."""
    while stream.read(1 << 16):
        pass
    return b""


def _read_warc(path: Path, data: bytes, result: FileResult) -> None:
    import io

    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number, ignored = 0, 0
    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            where = f"record {number}"
            is_html = record.rec_type == "response" and record.http_headers is not None and \
                "html" in (record.http_headers.get_header("Content-Type") or "").lower()
            body = record.content_stream().read() if is_html else _drain(record.raw_stream)
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:  # warcio hands a cut record over silently: its length says what is missing
                result.skips.append(Skip(str(path), R008_BAD_WARC[0], R008_BAD_WARC[1].format(
                    detail=f"truncated record, {missing} bytes missing"), where))
                break
            if not is_html:
                ignored += record.rec_type == "response"
                continue
            record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
            record_id = record_id.removeprefix("urn:uuid:") or f"{path.stem}-{number}"
            try:
                html = decode(body)
            except InputError as err:
                result.skips.append(Skip(str(path), err.code, err.reason, where))
                continue
            result.pages.append(Page(
                id=record_id, path=str(path), format="warc", content=html, is_html=True,
                url=record.rec_headers.get_header("WARC-Target-URI"),
                location=where))  # WARC-Date is the crawl time, not a publication date
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as err:
        # a truncated or corrupt archive: what was read before the damage is kept
        detail = f"{type(err).__name__}: {err}".strip().rstrip(":")
        result.skips.append(Skip(str(path), R008_BAD_WARC[0], R008_BAD_WARC[1].format(detail=detail),
                                 f"record {number + 1}"))
    if ignored:
        result.notes.append(f"{ignored} non-HTML response records ignored")
    if not result.pages and not result.skips:
        raise InputError(R008_BAD_WARC, "no HTML response record")
