"""The token `recoupe serve` needs for writes when RECOUPE_TOKEN is not set: made at random on the first
serve of a store and kept beside it (``<store>.token``, mode 600), so that the next serve of that store
takes the same one and the scripts and password managers that hold it keep working.

A token file is only taken when it is a plain file of this user that no one else may read; else serving
stops with the reason (as ssh does with a private key), rather than run with a token others may know.
"""
from __future__ import annotations

import os
import re
import secrets
import stat
import tempfile
from pathlib import Path

TOKEN_BYTES = 32  # of randomness: 43 URL-safe characters
_TOKEN = re.compile(r"[\x21-\x7e]{16,1000}")  # what a token file may hold: printable, no blanks, 16 characters at least


class TokenFileError(Exception):
    """A token file that cannot be used as it is."""


def token_file(db: Path) -> Path:
    """Where the token of the store ``db`` is kept: beside it, ``<name>.token``."""
    return db.with_name(db.name + ".token")


def load_or_create(db: Path) -> tuple[str, Path, bool]:
    """The token kept beside the store ``db``, made now if there is none: (token, its file, made now).

    Two serves starting at once take the same token: the file appears whole, under its name, once."""
    path = token_file(db)
    try:
        return read(path), path, False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    fd, part = tempfile.mkstemp(dir=path.parent, prefix=".token-")  # mode 600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(token + "\n")
        try:
            os.link(part, path)  # never replaces a token file made meanwhile
        except FileExistsError:
            return read(path), path, False
        except OSError:  # a file system without hard links
            _write_new(path, token)
    finally:
        Path(part).unlink(missing_ok=True)
    return token, path, True


def read(path: Path) -> str:
    """The token in ``path``; TokenFileError if the file is a link, not a plain file, not this user's, may
    be read by others, or holds no token; FileNotFoundError if there is none."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise
    except OSError as err:
        what = "a link" if path.is_symlink() else f"unreadable ({err.strerror})"
        raise TokenFileError(f"the token file {path} is {what}: remove it, and a new token is made") from None
    with os.fdopen(fd, encoding="ascii", errors="replace") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise TokenFileError(f"the token file {path} is not a plain file: remove it, and a new token is made")
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise TokenFileError(f"the token file {path} belongs to another user: remove it, or serve as its owner")
        if info.st_mode & 0o077:
            raise TokenFileError(f"the token file {path} may be read by others (mode {stat.S_IMODE(info.st_mode):o}):"
                                 f" `chmod 600` it, or remove it and a new token is made")
        token = file.read(2000).strip()
    if not _TOKEN.fullmatch(token):
        raise TokenFileError(f"the token file {path} holds no token: remove it, and a new token is made")
    return token


def _write_new(path: Path, token: str) -> None:
    """Create ``path`` (never replacing one) with ``token``, readable by this user only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(token + "\n")
