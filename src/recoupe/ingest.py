"""Ingest: find the input files, decode them and yield one Page per article (or a Skip saying why not).

Formats: ``.txt`` (already-scraped text), ``.html``/``.htm``, ``.json``/``.jsonl`` (records with a text
field, news-please's names accepted) and ``.warc``/``.warc.gz`` (one article per HTML response).
One bad file or record never stops a corpus: it becomes a Skip naming the file and the line or record.
Sizes are bounded (``limits.Limits``): a file over the limit is not read, and a compressed WARC is never
decompressed past ten times the limit, so that a gzip bomb costs no more than a large file.
"""
from __future__ import annotations

import codecs
import errno
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import metadata
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
    R012_TOO_LARGE,
    R014_TOO_DEEP,
    R017_SYMLINK_NOT_FOLLOWED,
    R018_NOT_REGULAR,
    R019_FOLDER_UNREADABLE,
    R020_SYMLINK_BROKEN,
    R021_LEFT_OUT,
    R022_ORPHAN_METADATA,
    R023_HIDDEN,
    InputError,
    skip,
)
from .limits import DEFAULT, MB, Limits
from .records import Page, PageFormat, Skip

TEXT_FIELDS = ("text", "maintext", "body", "content")
HTML_FIELDS = ("html", "raw_html")
DATE_FIELDS = ("date_publish", "published", "date")
SUFFIXES: dict[str, PageFormat] = {".txt": "txt", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "json",
            ".warc": "warc", ".warc.gz": "warc"}
_HTML_START = re.compile(rb"^(\xef\xbb\xbf)?\s*(<!doctype html|<html|<head|<body)", re.IGNORECASE)
WARC_INFLATE = 10  # a compressed WARC is read up to this many times the size limit, decompressed
WARC_BLOCK = 4 * MB  # warcio reads a header line by blocks, copying it whole at each: large blocks bound that
_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
               float: "a number", type(None): "null"}


@dataclass(slots=True)
class FileResult:
    """What one input file gave: its pages, and the skips of the file or of some of its records."""

    path: str
    pages: list[Page] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def discover(paths: Iterable[str | Path], *, follow_symlinks: bool = False,
             exclude: Mapping[str | Path, str] | None = None) -> Iterator[Path | Skip]:
    """Expand files and folders (recursively, sorted) into input files. Every entry that is not read is a Skip
    with its reason: a missing path, a symbolic link that loops or leads nowhere, a pipe, socket or device, a
    folder that cannot be listed, and a symbolic link that leads out of the input folder (followed only with
    ``follow_symlinks``). Paths in ``exclude`` (an output folder, a store) are left out, each said once with
    its reason. Names starting with a dot are not read (files) but searched (folders), as before."""
    left_out = {os.path.realpath(path): why for path, why in (exclude or {}).items()}
    for raw in paths:
        path = Path(raw)
        real, found = _follow(path)
        if isinstance(found, Skip):
            yield found
        elif _left_out(real, left_out):
            yield skip(path_text(path), R021_LEFT_OUT, _left_out(real, left_out))
        elif stat.S_ISDIR(found.st_mode):
            yield from _walk(path, real, follow_symlinks, left_out)
        elif stat.S_ISREG(found.st_mode):
            yield from _unless_sidecar(path)
        else:
            yield skip(path_text(path), R018_NOT_REGULAR, _file_type(found.st_mode))


def _unless_sidecar(path: Path) -> Iterator[Path | Skip]:
    """``path``, unless it is a sidecar (``name.meta.json``): then nothing when its text is there (it is read with
    it), else a Skip (R022)."""
    text = metadata.sidecar_name(path.name)
    if text is None:
        yield path
    elif not path.with_name(text).is_file():
        yield skip(path_text(path), R022_ORPHAN_METADATA, f"no '{path_text(text)}' beside it")


def _follow(path: Path) -> tuple[str, os.stat_result | Skip]:
    """The real path of ``path`` (its symbolic links resolved) and what it is, or a Skip saying why it is not
    there: a link that loops, a link to nothing, a missing path."""
    try:
        return os.path.realpath(path, strict=True), path.stat()
    except OSError as err:
        if path.is_symlink():
            target = path_text(os.readlink(path))
            if err.errno == errno.ELOOP:
                return "", skip(path_text(path), R020_SYMLINK_BROKEN, f"it loops (it leads to '{target}', which leads "
                                "back to itself)")
            if err.errno in (errno.ENOENT, errno.ENOTDIR):
                return "", skip(path_text(path), R020_SYMLINK_BROKEN, f"it leads nowhere ('{target}' does not exist)")
        if err.errno in (errno.ENOENT, errno.ENOTDIR):
            return "", skip(path_text(path), R010_NOT_FOUND)
        return "", skip(path_text(path), R009_UNREADABLE, err.strerror or str(err))


def _walk(top: Path, real_top: str, follow_symlinks: bool, left_out: Mapping[str, str]) -> Iterator[Path | Skip]:
    """The files under the folder ``top`` (whose real path is ``real_top``), depth first with each folder's
    entries sorted by name, as ``sorted(top.rglob("*"))`` orders them; a Skip for each entry not read.

    A symbolic link is followed when it leads inside ``real_top`` (the input folder), or anywhere with
    ``follow_symlinks``. A link to a folder that holds it is a loop (R020); a folder already entered through
    another link is not walked again, so that links cannot multiply the files (one folder linked twice from
    each of 30 nested folders would be walked 2**30 times)."""
    inside = real_top.rstrip(os.sep) + os.sep
    linked: set[str] = set()  # the real paths of folders entered through a link
    # each frame: a folder, its real path, the real paths of the folders above it, and its entries still to see
    stack: list[tuple[Path, str, frozenset[str], Iterator[str]]] = []
    entries = _entries(top)
    if isinstance(entries, Skip):
        yield entries
        return
    stack.append((top, real_top, frozenset([real_top]), iter(entries)))
    while stack:
        folder, real_folder, above, names = stack[-1]
        name = next(names, None)
        if name is None:
            stack.pop()
            continue
        path = folder / name
        try:
            mode = path.lstat().st_mode
        except OSError as err:  # removed since the folder was listed
            yield skip(path_text(path), R009_UNREADABLE, err.strerror or str(err))
            continue
        if name.startswith("."):  # a system or editor file or folder (.DS_Store, .git): listed, never read
            kind = "folder" if stat.S_ISDIR(mode) else "file"
            yield skip(path_text(path), R023_HIDDEN, f"a {kind} whose name starts with a dot (.DS_Store, .git)")
            continue
        real = os.path.join(real_folder, name)
        if stat.S_ISLNK(mode):
            real, found = _follow(path)
            if isinstance(found, Skip):
                yield found
                continue
            if not follow_symlinks and not real.startswith(inside) and real != real_top:
                target = path_text(os.readlink(path))
                out = f"it leads out of the input folder (to '{target}'); --follow-symlinks reads it"
                yield skip(path_text(path), R017_SYMLINK_NOT_FOLLOWED, out)
                continue
            mode = found.st_mode
            if stat.S_ISDIR(mode):
                if real in above:
                    loop = f"it loops (it leads to '{path_text(os.readlink(path))}', a folder that holds it)"
                    yield skip(path_text(path), R020_SYMLINK_BROKEN, loop)
                    continue
                if real in linked:
                    again = "it leads to a folder already read through another link"
                    yield skip(path_text(path), R017_SYMLINK_NOT_FOLLOWED, again)
                    continue
                linked.add(real)
        if _left_out(real, left_out):
            yield skip(path_text(path), R021_LEFT_OUT, _left_out(real, left_out))
        elif stat.S_ISDIR(mode):
            entries = _entries(path)
            if isinstance(entries, Skip):
                yield entries
            else:
                stack.append((path, real, above | {real}, iter(entries)))
        elif stat.S_ISREG(mode):
            yield from _unless_sidecar(path)
        else:
            yield skip(path_text(path), R018_NOT_REGULAR, _file_type(mode))


def _left_out(real: str, left_out: Mapping[str, str]) -> str:
    """Why the file or folder at the real path ``real`` is left out ("" when it is not): it is one of ``left_out``,
    or lies in one (a link that leads into a folder left out)."""
    return next((why for path, why in left_out.items() if real == path or real.startswith(path + os.sep)), "")


def _entries(folder: Path) -> list[str] | Skip:
    """The names in a folder, sorted; a Skip (R019) when it cannot be listed."""
    try:
        with os.scandir(folder) as found:
            return sorted(entry.name for entry in found)
    except OSError as err:
        return skip(path_text(folder), R019_FOLDER_UNREADABLE, err.strerror or str(err))


def _file_type(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    return next((kind for test, kind in kinds if test(mode)), f"file type {stat.S_IFMT(mode):o}")


def read_file(path: Path, limits: Limits = DEFAULT) -> FileResult:
    """Read one input file into pages; every failure becomes a Skip naming the file. A file over
    ``limits.max_bytes`` is not read."""
    result = FileResult(path_text(path))
    named = Path(result.path)  # the path as text, for the report: what is read is ``path``
    kind = _kind(named)
    try:
        data = _read_bytes(path, limits.max_bytes) if kind is not None else _sniffed_html(path, named, limits)
        kind = kind or "html"
        if kind == "warc":
            _read_warc(named, data, result, limits.max_bytes)
        else:
            text = decode(data, result.notes)
            if kind == "json":
                _read_json(named, text, result)
            else:
                is_html = kind == "html" or bool(_HTML_START.match(data[:512]))
                given = _given_metadata(path, text, result, limits) if kind == "txt" and not is_html else {}
                result.pages.append(Page(
                    id=named.stem, path=result.path, format=kind, content=text, is_html=is_html,
                    url=given.get("url", (None,))[0], title=given.get("title", (None,))[0],
                    date=given.get("published", (None,))[0], language=given.get("language", (None,))[0],
                    outlet=given.get("outlet", (None,))[0],
                    origins=tuple((name, origin) for name, (_, origin) in given.items())))
    except InputError as err:
        result.skips.append(Skip(result.path, err.code, err.reason, err.location))
    if not result.pages and not result.skips:  # every input is reported with its reason
        result.skips.append(skip(result.path, R001_EMPTY))
    return result


def _sniffed_html(path: Path, named: Path, limits: Limits) -> bytes:
    """The bytes of a file whose name has no extension we read (or none) when they start as HTML does (after a
    BOM and blank space: ``<!doctype html``, ``<html``, ``<head``, ``<body``); else R004, as before."""
    data = _read_bytes(path, limits.max_bytes)
    if not _HTML_START.match(data[:512]):
        raise InputError(R004_EXTENSION, "".join(named.suffixes[-2:]) or named.name)
    return data


def _given_metadata(path: Path, text: str, result: FileResult, limits: Limits) -> dict[str, tuple[str, str]]:
    """The metadata given with a plain text, each field with its origin: its sidecar (``name.meta.json``) first,
    then its front-matter block (``metadata``). A sidecar that cannot be read is said in the notes, never
    followed when it is a symbolic link, and a URL that cannot be split is left out (a note)."""
    given: dict[str, tuple[str, str]] = {}
    sidecar = path.with_name(path.name[:-len(path.suffix)] + metadata.SIDECAR_SUFFIX)
    problems: list[str] = []
    if sidecar.is_symlink():
        problems = ["a symbolic link, not followed; its metadata is not used"]
    elif sidecar.is_file():
        try:
            fields, problems = metadata.sidecar_fields(decode(_read_bytes(sidecar, min(limits.max_bytes, MB))))
        except InputError as err:
            fields, problems = {}, [f"{err.reason} [{err.code}]; its metadata is not used"]
        given = {name: (value, "sidecar") for name, value in fields.items()}
    result.notes += [f"sidecar {path_text(sidecar.name)}: {problem}" for problem in problems]
    block = metadata.front_matter(text)
    if block is not None:
        for name, value in block[0].items():
            given.setdefault(name, (value, metadata.FRONT_MATTER))
    if "url" in given and _url(given["url"][0], None, result) is None:
        del given["url"]
    return {name: given[name] for name in metadata.FIELDS if name in given}


def path_text(path: str | Path) -> str:
    """A path as text that any UTF-8 encoder takes (the store, report.json): ``str(path)``, except that the bytes
    of a file name that are not UTF-8 (which Python holds as lone surrogates) are written ``\\xe9``."""
    text = str(path)
    if text.isascii() or not _ESCAPED.search(text):
        return text
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def _kind(path: Path) -> PageFormat | None:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return SUFFIXES.get(path.suffix.lower())


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(R018_NOT_REGULAR, _file_type(info.st_mode))
        if info.st_size > max_bytes:
            raise InputError(R012_TOO_LARGE, f"the file is {_size(info.st_size)}, over the {_size(max_bytes)} "
                             "limit per file")
        # without waiting: a file swapped for a pipe since it was found is not waited on (a regular file ignores it)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        with open(os.open(path, flags), "rb") as fh:
            mode = os.fstat(fh.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise InputError(R018_NOT_REGULAR, _file_type(mode))
            data = fh.read(max_bytes + 1)  # a file that grew since is cut at the limit
    except OSError as err:
        raise InputError(R009_UNREADABLE, err.strerror or str(err)) from err
    if len(data) > max_bytes:
        raise InputError(R012_TOO_LARGE, f"the file grew over the {_size(max_bytes)} limit per file while read")
    if not data.strip():
        raise InputError(R001_EMPTY)
    return data


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB // 10 else f"{n:,} bytes"


def decode(data: bytes, notes: list[str] | None = None) -> str:
    """Decode bytes to text: UTF-8 when the bytes are UTF-8 (a few invalid bytes in it replaced with U+FFFD),
    else Windows-1252/Latin-1, else charset-normalizer. What was replaced, and a code page other than UTF-8,
    are said in ``notes``."""
    notes = [] if notes is None else notes
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(R003_ENCODING, f"bad UTF-16 at byte {err.start}") from err
    if b"\x00" in data[:4096]:
        raise InputError(R002_BINARY, "NUL bytes")
    try:
        return _check_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        first_bad = err.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)  # utf-8-sig counts after its BOM
    text, invalid = _mostly_utf8(data)
    if text is not None:
        more = f" and {invalid - 1} more invalid byte{'s' if invalid > 2 else ''}" if invalid > 1 else ""
        notes.append(f"invalid UTF-8 at byte {first_bad}{more} replaced with U+FFFD")
        return _check_text(text)
    # charset-normalizer guesses short French or English texts as cp1250/cp1257 and garbles their
    # accents, so the Western code pages (our first languages) are tried first and kept when the
    # result reads like Western text; anything else goes to charset-normalizer.
    for encoding, name in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_western(text):
            text = _check_text(text)
            notes.append(f"not UTF-8 ({invalid:,} invalid bytes): read as {name}")
            return text
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(R002_BINARY, "no text encoding fits")
    text = _check_text(str(best))
    notes.append(f"not UTF-8 ({invalid:,} invalid bytes): read as {best.encoding}, the encoding that fits best")
    return text


_ESCAPED = re.compile("[\udc80-\udcff]")  # an invalid byte, as the surrogateescape error handler writes it
_ASCII = bytes(range(128))


def _mostly_utf8(data: bytes) -> tuple[str | None, int]:
    """The text of bytes that are not valid UTF-8 as a whole, when they are UTF-8 with a few invalid bytes
    (each replaced with U+FFFD); None when they are in another encoding. And the number of invalid bytes.

    The measure: the file is UTF-8 when its valid multi-byte sequences (accented letters, curly quotes, the
    euro sign...) are at least as many as its invalid bytes. A text in a one-byte code page almost never
    forms a valid multi-byte sequence (cp1252's "é", E9, would have to be followed by two bytes from 80 to
    BF, which are punctuation and symbols there, never letters), so a Windows-1252 file has none, and a
    UTF-8 file with a stray byte has one invalid byte for all its valid ones. A file without any non-ASCII
    character but the stray bytes is read in the one-byte code page, which changes nothing but those bytes.
    """
    escaped = data.decode("utf-8", "surrogateescape")
    invalid = len(_ESCAPED.findall(escaped))
    ascii_bytes = len(data) - len(data.translate(None, delete=_ASCII))
    valid_multibyte = len(escaped) - ascii_bytes - invalid
    if valid_multibyte < invalid:
        return None, invalid
    return _ESCAPED.sub("\ufffd", escaped).removeprefix("\ufeff"), invalid


def _reads_western(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    non_ascii = sum(1 for c in letters if ord(c) > 127)
    controls = sum(1 for c in text if 0x80 <= ord(c) <= 0x9F)
    # accented letters are a few percent of French text; a Cyrillic or Greek text decoded as
    # cp1252 is mostly accented letters
    return non_ascii / len(letters) < 0.25 and controls == 0


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")  # control characters no text holds (tabs, line and page breaks do)


def _check_text(text: str) -> str:
    bad = len(_CONTROLS.findall(text, 0, 20000))
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
                record = _loads(line, where)
            except InputError as err:
                result.skips.append(Skip(str(path), err.code, err.reason, where))
                continue
            _add_record(path, record, f"{path.stem}-{number}", where, result)
        if not result.pages and not result.skips:
            raise InputError(R001_EMPTY)
        return
    data = _loads(text)
    records = data.get("articles", [data]) if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise InputError(R006_BAD_JSON, "expected an object or a list of objects")
    if not records:
        raise InputError(R001_EMPTY)
    for number, record in enumerate(records, start=1):
        single = len(records) == 1
        _add_record(path, record, path.stem if single else f"{path.stem}-{number}",
                    None if single else f"record {number}", result)


def _loads(text: str, where: str | None = None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        detail = err.msg if where else f"{err.msg} at line {err.lineno} column {err.colno}"
        raise InputError(R006_BAD_JSON, detail, where) from err
    except RecursionError as err:  # the decoder recurses once per level of [ or {
        raise InputError(R014_TOO_DEEP, "JSON arrays or objects nested thousands of levels deep", where) from err
    except ValueError as err:  # Python refuses to convert an integer of thousands of digits
        raise InputError(R006_BAD_JSON, f"a number of more than {sys.get_int_max_str_digits()} digits",
                         where) from err


def _add_record(path: Path, record: Any, default_id: str, where: str | None, result: FileResult) -> None:
    if not isinstance(record, dict):
        detail = f"the record is {_json_type(record)}, not an object"
        result.skips.append(skip(str(path), R006_BAD_JSON, detail, where))
        return
    record = _without_surrogates(record, where, result)
    text = _first_str(record, TEXT_FIELDS)
    html = _first_str(record, HTML_FIELDS)
    if not text and not html:
        expected = ", ".join(TEXT_FIELDS + HTML_FIELDS)
        wrong = [f"'{name}' is {_json_type(record[name])}" for name in TEXT_FIELDS + HTML_FIELDS
                 if name in record and not isinstance(record[name], str)]
        code, template = R007_JSON_FIELDS
        result.skips.append(Skip(str(path), code, template.format(detail="; ".join([expected, *wrong])), where))
        return
    result.pages.append(Page(
        id=_record_id(record, default_id, where, result), path=str(path), format="json",
        content=text or html or "", is_html=not text, url=_url(_first_str(record, ("url",)), where, result),
        title=_first_str(record, ("title",)), date=_first_str(record, DATE_FIELDS),
        language=_first_str(record, ("language", "lang")), location=where))


_SURROGATE = re.compile("[\ud800-\udfff]")
_READ_FIELDS = ("id", "url", "title", "language", "lang", *TEXT_FIELDS, *HTML_FIELDS, *DATE_FIELDS)


def _without_surrogates(record: dict[str, Any], where: str | None, result: FileResult) -> dict[str, Any]:
    """The record with lone surrogates in the fields we read replaced with U+FFFD, and a note saying so.

    JSON's escapes write UTF-16: ``"\\ud800"`` without its pair decodes to a lone surrogate, a str that no
    UTF-8 encoder takes (the content hash, SQLite, report.json would each fail on it). Cleaned here, at the
    boundary, nothing after has to know."""
    fixed: dict[str, str] = {}
    count = 0
    for name in _READ_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and not value.isascii():
            value, n = _SURROGATE.subn("\ufffd", value)
            if n:
                fixed[name], count = value, count + n
    if not fixed:
        return record
    result.notes.append(f"{where + ': ' if where else ''}{count} lone surrogate{'s' if count > 1 else ''} (JSON "
                        f"escapes \\ud800-\\udfff without their pair) in {', '.join(fixed)} replaced with U+FFFD")
    return record | fixed


def _record_id(record: dict[str, Any], default_id: str, where: str | None, result: FileResult) -> str:
    """The record's own id when it is a string or an integer; else the file's name and record number."""
    value = record.get("id")
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is not None and value != "":
        result.notes.append(f"{where + ': ' if where else ''}the id is {_json_type(value)}, not a string or an "
                            f"integer; '{default_id}' is used instead")
    return default_id


def _url(url: str | None, where: str | None, result: FileResult) -> str | None:
    """The URL when urllib can split it: a broken one ("http://[::1") would fail each stage reading its host."""
    if url is None:
        return None
    try:
        urlsplit(url)
    except ValueError as err:
        result.notes.append(f"{where + ': ' if where else ''}URL left out, {err}: {url[:100]!r}")
        return None
    return url


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _first_str(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _drain(stream: Any) -> None:
    """Read a record we do not keep (an image, a request) to its end, in chunks, to check its length."""
    while stream.read(1 << 16):
        pass


class _Gunzip:
    """The decompressed bytes of gzip data, member after member, and at most ``budget`` of them in all.

    The archive is decompressed here rather than by warcio, which would inflate a bomb into memory
    without bound (it reads a header line to its newline, however long). A cut member just ends: warcio
    then finds its record short and says how many bytes are missing (the stdlib's GzipFile raises there,
    and the records decompressed before the cut are lost with it).
    """

    CHUNK = 1 << 16

    def __init__(self, data: bytes, budget: int):
        self.data, self.at, self.left, self.budget = memoryview(data), 0, budget, budget
        self.inflater = zlib.decompressobj(wbits=31)
        self.cut = False  # the data ended inside a member: the archive is truncated

    def read(self, size: int = -1) -> bytes:
        size = self.CHUNK if size is None or size < 0 else size
        while True:
            if self.inflater.eof:  # the next member, if the data goes on with one
                self.at -= len(self.inflater.unused_data)
                if bytes(self.data[self.at:self.at + 2]) != b"\x1f\x8b":
                    return b""
                self.inflater = zlib.decompressobj(wbits=31)
            chunk = self.inflater.unconsumed_tail
            if not chunk:
                chunk = bytes(self.data[self.at:self.at + self.CHUNK])
                self.at += len(chunk)
                if not chunk:
                    self.cut = True
                    return b""
            try:
                out = self.inflater.decompress(chunk, min(size, self.left + 1))
            except zlib.error as err:
                raise InputError(R008_BAD_WARC, f"corrupt gzip data: {err}") from err
            if len(out) > self.left:
                raise InputError(R012_TOO_LARGE, f"the archive holds over {_size(self.budget)} once decompressed "
                                 f"({WARC_INFLATE} times the limit per file); the rest is not read")
            self.left -= len(out)
            if out:
                return out


def _read_warc(path: Path, data: bytes, result: FileResult, max_bytes: int) -> None:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    gzipped = data.startswith(b"\x1f\x8b")
    head = _Gunzip(data, 1 << 10).read(1 << 10) if gzipped else data[:1 << 10]
    if not head.lstrip().startswith((b"WARC/", b"filedesc://")):  # warcio would read a first line of any length
        raise InputError(R008_BAD_WARC, "not a WARC or ARC archive: it does not start with a WARC/ or ARC header")
    stream = _Gunzip(data, WARC_INFLATE * max_bytes) if gzipped else io.BytesIO(data)
    number, done, ignored = 0, 0, 0  # done: records read to their end, so that damage found next is in the next
    try:
        for number, record in enumerate(ArchiveIterator(stream, block_size=WARC_BLOCK), start=1):
            where = f"record {number}"
            # an article is a 2xx HTML response: a redirect or an error page (which recoupe fetch records) is not
            is_html = record.rec_type == "response" and record.http_headers is not None and \
                (record.http_headers.get_statuscode() or "").startswith("2") and \
                "html" in (record.http_headers.get_header("Content-Type") or "").lower()
            body = record.content_stream().read(max_bytes + 1) if is_html else b""
            _drain(record.raw_stream)
            done = number
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:  # warcio hands a cut record over silently: its length says what is missing
                result.skips.append(skip(str(path), R008_BAD_WARC, f"truncated record, {missing} bytes missing", where))
                break
            if not is_html:
                ignored += record.rec_type == "response"
                continue
            if len(body) > max_bytes:
                over = f"the page is over {_size(max_bytes)}, the limit per file"
                result.skips.append(skip(str(path), R012_TOO_LARGE, over, where))
                continue
            record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
            record_id = record_id.removeprefix("urn:uuid:") or f"{path.stem}-{number}"
            notes: list[str] = []
            try:
                html = decode(body, notes)
            except InputError as err:
                result.skips.append(Skip(str(path), err.code, err.reason, where))
                continue
            result.notes += [f"{where}, its page: {note}" for note in notes]
            result.pages.append(Page(
                id=record_id, path=str(path), format="warc", content=html, is_html=True,
                url=_url(record.rec_headers.get_header("WARC-Target-URI"), where, result),
                location=where))  # WARC-Date is the crawl time, not a publication date
    except InputError as err:  # the archive is over its size once decompressed, or its gzip is corrupt
        result.skips.append(Skip(str(path), err.code, err.reason, f"record {done + 1}"))
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, LookupError, AttributeError, TypeError) as err:
        # a truncated or corrupt archive: what was read before the damage is kept (warcio fails on some
        # damaged headers with the errors of its own code: a response without its URI gives an AttributeError)
        detail = f"{type(err).__name__}: {err}".strip().rstrip(":")
        if isinstance(stream, _Gunzip) and stream.cut:  # warcio read a header cut short
            detail = f"truncated archive ({detail})"
        result.skips.append(skip(str(path), R008_BAD_WARC, detail,
                                 f"record {done + 1}"))
    if isinstance(stream, _Gunzip) and stream.cut and not any(
            s.path == str(path) and s.code == R008_BAD_WARC.code for s in result.skips):
        # the data ends inside a record's header, which warcio drops without a word
        result.skips.append(skip(str(path), R008_BAD_WARC, "truncated archive: the data ends inside a record",
                                 f"record {done + 1}"))
    if ignored:
        result.notes.append(f"{ignored} non-article response records ignored (not HTML, or not a 2xx status)")
    if not result.pages and not result.skips:
        raise InputError(R008_BAD_WARC, "no HTML response record")
