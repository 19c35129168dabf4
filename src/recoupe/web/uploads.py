"""Uploads: a safe name, the bytes sniffed for what they are (the name's extension is only a claim), a write
that stays in the uploads folder under a name of its own (an earlier upload is never replaced) and is undone
when the analysis refuses the file, a cap on the articles in one file, the analysis itself, and, when the server
starts, the uploads a stopped server left unanalysed (``unfinished``)."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import count as counting
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import identity
from ..errors import InputError
from ..ingest import decode, read_file
from ..store.reader import Reader
from .errors import BadUpload, TooLarge, UploadsFull

if TYPE_CHECKING:
    from .dependencies import Settings

log = logging.getLogger(__name__)

MAX_UPLOAD = 5 * 1024 * 1024  # bytes: a news article, even as a WARC of a few pages, is far below
MAX_UPLOADS = 10_000  # files kept in the uploads folder (RECOUPE_MAX_UPLOADS)
MAX_RECORDS = 1_000  # articles (records of a JSONL or WARC file) in one upload (RECOUPE_MAX_UPLOAD_RECORDS)
UPLOAD_TYPES = (".txt", ".html", ".htm", ".json", ".jsonl", ".warc", ".warc.gz")
MAX_STEM_BYTES = 150  # of a stored name before its extension: file systems take 255 bytes per name

Progress = Callable[[str, int, int, str], None]  # pipeline.Progress: (stage, done, total, input just done)
_progress: ContextVar[Progress | None] = ContextVar("progress", default=None)  # set by ``reporting``

_LABELS = {".txt": "text", ".html": "HTML", ".htm": "HTML", ".json": "JSON", ".jsonl": "JSON lines",
           ".warc": "WARC", ".warc.gz": "gzipped WARC"}

# Magic numbers of the binary files a newsroom may send by mistake (archives, documents, pictures, programs),
# to name them when refused. A small table rather than a library of thousands of signatures: every format taken
# is text (or a gzipped WARC), so the question is only "is this text, and which text?", and such libraries also
# match text that happens to start with one of their short ASCII prefixes. Binary files not listed are caught
# by their NUL or control bytes (ingest.decode).
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x1f\x8b", "gzip data"),
    (0, b"PK\x03\x04", "a zip archive (or a Word/OpenDocument file)"),
    (0, b"PK\x05\x06", "a zip archive"),
    (0, b"%PDF-", "a PDF document"),
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (8, b"WEBP", "a WebP image"),
    (4, b"ftyp", "an MP4 video or HEIC image"),
    (0, b"\x7fELF", "an ELF executable"),
    (0, b"MZ\x90\x00", "a Windows executable"),
    (0, b"\xca\xfe\xba\xbe", "a Mach-O or Java class file"),
    (0, b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (0, b"\x00asm", "WebAssembly"),
    (4, b"1AY&SY", "bzip2 data"),
    (0, b"\xfd7zXZ\x00", "xz data"),
    (0, b"\x28\xb5\x2f\xfd", "zstd data"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (257, b"ustar", "a tar archive"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
)
_HTML = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                   re.IGNORECASE | re.DOTALL)


def safe_name(filename: str | None) -> tuple[str, str]:
    """The stem and the type (one of UPLOAD_TYPES) of a client's file name, made safe to store.

    Only the last part of a POSIX or Windows path is kept, every character but letters, digits, ``_``, ``-``
    and ``.`` becomes ``_`` (NUL, slashes, spaces, look-alike and direction-changing characters), leading
    dots go, and the stem is cut to MAX_STEM_BYTES."""
    name = re.split(r"[/\\]", filename or "upload.txt")[-1]
    ext = next((t for t in UPLOAD_TYPES if name.lower().endswith(t)), None)
    if ext is None:
        shown = re.sub(r"[^\w.-]", "_", name)[:80]
        raise BadUpload(f"unsupported file type '{shown}': send one of {', '.join(UPLOAD_TYPES)}")
    stem = re.sub(r"[^\w.-]", "_", name[: -len(ext)]).lstrip(".")
    stem = stem.encode()[:MAX_STEM_BYTES].decode(errors="ignore") or "upload"
    return stem, ext


def checked(filename: str | None, data: bytes) -> str:
    """The name to store an upload under, once its bytes are what it claims: the content decides the type.

    Binary files are refused whatever their name; an HTML page named ``.txt`` is stored as ``.html`` and a WARC
    as ``.warc``; a JSON file must parse; a WARC must start with ``WARC/``; a ``.warc.gz`` must be a gzipped
    WARC."""
    stem, ext = safe_name(filename)
    label = _LABELS[ext]
    if data.startswith(b"\x1f\x8b"):
        if ext in (".warc", ".warc.gz") and _gunzip_head(data).startswith(b"WARC/"):
            return stem + ".warc.gz"
        raise BadUpload(f"content is gzip data, not {label}" if ext != ".warc.gz"
                        else "content is gzip data but not a gzipped WARC: it does not start with 'WARC/'")
    if ext == ".warc.gz":
        raise BadUpload(f"content is {_what(data)}, not a gzipped WARC")
    binary = _magic(data)
    if binary:
        raise BadUpload(f"content is {binary}, not {label}")
    if data.lstrip().startswith(b"WARC/"):
        if ext in (".json", ".jsonl"):
            raise BadUpload(f"content is WARC, not {label}")
        return stem + ".warc"
    if ext == ".warc":
        raise BadUpload(f"content is {_what(data)}, not WARC: a WARC file starts with 'WARC/'")
    try:
        text = decode(data)
    except InputError as err:
        if err.code == "R002":  # binary
            raise BadUpload(f"content is binary data, not {label}", [err.reason]) from None
        raise BadUpload(f"content cannot be read as {label}: {err.reason}") from None
    html = bool(_HTML.match(data[:4096]))
    if ext in (".json", ".jsonl"):
        if html:
            raise BadUpload(f"content is HTML, not {label}")
        _check_json(text, lines=ext == ".jsonl")
        return stem + ext
    if html:
        return stem + (ext if ext != ".txt" else ".html")
    if ext == ".txt" and text.lstrip()[:1] in ("{", "["):
        try:
            _check_json(text, lines=False)
        except BadUpload:
            return stem + ext  # text that starts with a bracket
        return stem + ".json"
    return stem + ext


def _magic(data: bytes) -> str | None:
    return next((what for at, magic, what in _MAGIC if data[at:at + len(magic)] == magic), None)


def _what(data: bytes) -> str:
    if _magic(data):
        return str(_magic(data))
    if _HTML.match(data[:4096]):
        return "HTML"
    return "binary data" if b"\x00" in data[:4096] else "text"


def _gunzip_head(data: bytes) -> bytes:
    """The first bytes of gzip data decompressed, or b"" if it is not gzip."""
    try:
        return zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(data[:65536], 64)
    except zlib.error:
        return b""


def _check_json(text: str, lines: bool) -> None:
    """Parse JSON (or every non-blank line of JSON lines), naming where it fails."""
    for number, line in enumerate(text.splitlines() if lines else [text], start=1):
        if lines and not line.strip():
            continue
        try:
            json.loads(line)
        except json.JSONDecodeError as err:
            where = f"line {number}" if lines else f"line {err.lineno}, column {err.colno}"
            raise BadUpload(f"content is not valid JSON: {err.msg} at {where}") from None
        except RecursionError:
            raise BadUpload("content is JSON nested too deep") from None


def count(uploads: Path) -> int:
    """Files stored in the uploads folder (the hidden ones are a write in progress)."""
    if not uploads.is_dir():
        return 0
    with os.scandir(uploads) as entries:
        return sum(1 for e in entries if not e.name.startswith("."))


@contextmanager
def stored(uploads: Path, name: str, data: bytes, max_files: int = MAX_UPLOADS) -> Iterator[Path]:
    """``data`` written in the uploads folder for the length of the block, as ``name`` or, when an earlier
    upload has that name and other bytes, as ``stem-2.ext``, ``stem-3.ext``…: an earlier upload is never
    replaced (an article stored from it keeps its bytes); one with the same bytes is the same file, used as it
    is. If the block raises, what the block was given is removed (unless it was there before).

    The bytes go to a new hidden file first, then take the name: a link found under that name (uploads are
    never links) is replaced, never followed, and comes back if the block raises; nothing is ever written
    outside the folder."""
    if not name or name != Path(name).name or name.startswith("."):
        raise BadUpload(f"invalid file name '{name}'")  # safe_name never gives one: belt and braces
    uploads.mkdir(parents=True, exist_ok=True)
    fd, part = tempfile.mkstemp(dir=uploads, prefix=".upload-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        target, backup, new = _place(uploads, Path(part), name, data, max_files)
    finally:
        Path(part).unlink(missing_ok=True)
    try:
        yield target
    except BaseException:
        if backup:
            os.replace(backup, target)
        elif new:
            target.unlink(missing_ok=True)
        raise
    if backup:
        Path(backup).unlink()


def _place(uploads: Path, part: Path, name: str, data: bytes, max_files: int) -> tuple[Path, str | None, bool]:
    """Give the written file ``part`` (holding ``data``) the first name of ``name``, ``stem-2.ext``… that is
    free or holds the same bytes; return where it is, where the link it replaced was put aside (or None), and
    whether the file is new."""
    ext = next((t for t in UPLOAD_TYPES if name.endswith(t)), Path(name).suffix)
    stem = name[: len(name) - len(ext)]
    for n in counting(1):
        target = uploads / (name if n == 1 else f"{stem}-{n}{ext}")
        if target.is_symlink():  # planted: replaced, never followed, never counted as an upload
            fd, backup = tempfile.mkstemp(dir=uploads, prefix=".previous-")
            os.close(fd)
            os.replace(target, backup)
            try:
                os.replace(part, target)
            except BaseException:
                os.replace(backup, target)
                raise
            return target, backup, True
        if target.exists():
            try:
                same = target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data
            except FileNotFoundError:  # removed meanwhile (the job of an upload refused): the name is free again
                same = None
            if same:
                return target, None, False  # this very upload, sent again
            if same is not None:
                continue  # an earlier upload: kept
        if count(uploads) >= max_files:
            raise UploadsFull(f"the uploads folder holds {max_files} files, the limit: remove some, or raise "
                              "RECOUPE_MAX_UPLOADS")
        try:
            os.link(part, target)  # never replaces: a file that took the name meanwhile is kept
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: the name was free a moment ago
            os.replace(part, target)
        return target, None, True
    raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class Accepted:
    """An upload checked and stored, waiting for its analysis: ``analysed()`` runs it (once), and removes the
    file again when the analysis refuses it."""

    settings: Settings
    path: Path
    kept: ExitStack  # holds the file's ``stored`` block open until the analysis ends

    def analysed(self) -> dict[str, Any]:
        """The analysis of the upload with everything stored, one writer at a time. Slow (seconds to
        minutes): the jobs' worker thread runs it."""
        with self.kept, self.settings.write_lock:
            return self.settings.analyse(self.settings.db, self.path)


def accept(settings: Settings, filename: str | None, data: bytes) -> Accepted:
    """Check an upload and store it, ready to analyse: a file (``filename``) once its bytes are what its name
    says, or an article sent as JSON (``filename`` None, ``data`` its record). What can be told at once is
    raised here (BadUpload, TooLarge over the records limit, UploadsFull), and the file is then removed
    again. Reads the file (a WARC of many records: a second): call it in a worker thread."""
    name = checked(filename, data) if filename is not None else json_name(data)
    with ExitStack() as stack:
        path = stack.enter_context(stored(settings.uploads, name, data, settings.max_uploads))
        records = _records(path)
        if records > settings.max_records:
            raise TooLarge(f"'{path.name}' holds {records} records, over the limit of {settings.max_records} "
                           "articles per upload (RECOUPE_MAX_UPLOAD_RECORDS): split it, or run `recoupe analyze`")
        return Accepted(settings, path, stack.pop_all())
    raise AssertionError("unreachable")


def resumed(settings: Settings, path: Path) -> Accepted:
    """An upload found in the uploads folder whose analysis never ended (``unfinished``), ready to analyse again
    as ``accept`` leaves a new one: the file is removed when the analysis refuses it (or fails), as the
    interrupted job would have done, so that it is not found again at the next start."""
    kept = ExitStack()
    kept.enter_context(_removed_if_raised(path))
    return Accepted(settings, path, kept)


@contextmanager
def _removed_if_raised(path: Path) -> Iterator[None]:
    try:
        yield
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def unfinished(settings: Settings) -> list[Path]:
    """The uploads of the folder whose analysis never ended (the server stopped, or was killed, while they were
    queued or analysed), in the order they came (oldest file first).

    Every file an upload leaves in the folder was either analysed, or interrupted: a job removes the upload its
    analysis refuses, and names starting with a dot are writes in progress (``stored``). An upload counts as
    analysed when an analysis stored names it among its inputs (the store's ``inputs``: its path as the server
    gave it, or the same file), or when every record of it is an article of the store that an analysis placed in
    a story (its ``raw_hash``: the same content analysed under another path, by ``recoupe analyze`` or from a
    folder since moved). Without a store file, no upload was analysed. Reads the store and, for the uploads its
    inputs do not name, the files: call it in a worker thread."""
    if not settings.uploads.is_dir():
        return []
    with os.scandir(settings.uploads) as entries:
        files = [Path(e.path) for e in entries if not e.name.startswith(".") and e.is_file(follow_symlinks=False)]
    files.sort(key=lambda p: (p.stat().st_mtime, p.name))
    if not files or not settings.db.exists():
        return files
    reader = Reader(settings.db)
    try:
        named = _named_inputs(reader, {p.name for p in files})
        left = [p for p in files if str(p) not in named and os.path.realpath(p) not in named]
        return [p for p in left if not _stored_content(reader, p)]
    finally:
        reader.close()


def _named_inputs(reader: Reader, names: set[str]) -> set[str]:
    """The inputs of the analyses stored whose file name is one of ``names``: each path as stored and as it
    resolves here."""
    return {form for path in reader.input_paths() if os.path.basename(path) in names
            for form in (path, os.path.realpath(path))}


def _stored_content(reader: Reader, path: Path) -> bool:
    """Whether every record of the upload ``path`` is an article of the store that an analysis placed in a
    story (False for a file read to no article: its analysis would say why)."""
    pages = read_file(path).pages
    try:
        return bool(pages) and all(reader.placed(identity.raw_hash(page)) for page in pages)
    except sqlite3.OperationalError as err:  # a store older than raw hashes (schema 7): its inputs tell
        log.debug("cannot compare %s with the store's articles: %s", path.name, err)
        return False


def add(settings: Settings, filename: str | None, data: bytes) -> dict[str, Any]:
    """Store an upload and analyse it at once (``accept``, then its analysis): what it added."""
    return accept(settings, filename, data).analysed()


def _records(path: Path) -> int:
    """The records of a stored upload, read as the analysis will read them: its articles and the records
    refused (each is reported back)."""
    result = read_file(path)
    return len(result.pages) + len(result.skips)


def json_name(data: bytes) -> str:
    """The name an article sent as JSON is stored under: the same article, the same name."""
    return f"upload-{hashlib.sha256(data).hexdigest()[:12]}.json"


@contextmanager
def reporting(progress: Progress) -> Iterator[None]:
    """``analyse`` tells ``progress`` where it is while the block runs (in this thread): the job's worker sets
    it around an upload's analysis, so that the analysis keeps the (store, file) signature a test may stub."""
    token = _progress.set(progress)
    try:
        yield
    finally:
        _progress.reset(token)


def reported() -> Progress | None:
    """The progress callback ``reporting`` set around the work running in this thread (None outside a job): a
    fetch job tells it its pages as they come."""
    return _progress.get()


def analyse(db: Path, path: Path) -> dict[str, Any]:
    """Analyse an uploaded file with everything stored (whose parses and embeddings the store keeps), and
    store the new analysis (analysed again first if another process stored articles meanwhile); the stages
    are told to the progress callback ``reporting`` set, if any."""
    from ..pipeline import analyze, save
    from ..store import Store

    progress = _progress.get()
    with Store(db) as store:
        corpus = analyze([path], store=store, progress=progress)
        # the reasons name the file, not where the server keeps it
        skipped = [s.message.replace(str(path.parent) + os.sep, "") for s in corpus.skips]
        added = [a for i in corpus.inputs for a in i.articles]
        if not added:
            raise BadUpload(f"no article could be read from {path.name}", skipped)
        _, run = save(corpus, store, progress=progress)
    return {"ok": True, "articles": added, "run": run, "skipped": skipped}
