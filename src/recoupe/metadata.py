"""Metadata given with a plain-text article: a sidecar file or a front-matter block.

- A sidecar: ``article.txt`` read with ``article.meta.json``, a JSON object with any of url, title, outlet,
  published, language (strings). The sidecar is not an input of its own (``ingest.discover`` pairs it with its
  text); one that cannot be read leaves the article read without it, with a note saying why.
- Front matter: a ``.txt`` starting with a block ``---`` / ``key: value`` lines / ``---``, the same keys. It is
  read here with a tiny parser (no YAML library), and taken out of the text by cleaning (reason "front matter").

The sidecar's fields come before the front matter's, which come before what the text shows.
"""
from __future__ import annotations

import json
import re
from typing import Any

FIELDS = ("url", "title", "outlet", "published", "language")
SIDECAR_SUFFIX = ".meta.json"
FRONT_MATTER = "front matter"  # the origin of its fields, and the reason of its removal
_FENCE = re.compile(r"[ \t]*---[ \t]*\r?\n")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE = re.compile(r"[ \t]*([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*")


def sidecar_name(name: str) -> str | None:
    """The name of the text a sidecar named ``name`` goes with ("a.meta.json" -> "a.txt"), or None."""
    if name.lower().endswith(SIDECAR_SUFFIX) and len(name) > len(SIDECAR_SUFFIX):
        return name[:-len(SIDECAR_SUFFIX)] + ".txt"
    return None


def is_sidecar(name: str) -> bool:
    return sidecar_name(name) is not None


def front_matter(text: str) -> tuple[dict[str, str], str] | None:
    """The fields of the front-matter block ``text`` starts with and the block itself (fences included), or
    None when it starts with none: a first line ``---``, then only ``key: value`` or blank lines, then ``---``.
    Keys other than ``FIELDS`` are read but not kept; a value may be quoted."""
    head = text.lstrip("\ufeff")
    start = len(text) - len(head)
    opening = _FENCE.match(head)
    if opening is None:
        return None
    at = opening.end()
    found: dict[str, str] = {}
    while at < len(head):
        end = head.find("\n", at)
        end = len(head) if end < 0 else end + 1
        line = head[at:end]
        if _FENCE.fullmatch(line if line.endswith("\n") else line + "\n"):
            return found, text[:start + end]
        if line.strip():
            m = _LINE.fullmatch(line.rstrip("\r\n"))
            if m is None:
                return None
            value = m.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            if m.group(1).lower() in FIELDS and value.strip():
                found[m.group(1).lower()] = value.strip()
        at = end
    return None  # no closing fence: not front matter


def sidecar_fields(text: str) -> tuple[dict[str, str], list[str]]:
    """The fields of a sidecar's text, and the problems found in it (each a note): not JSON, not an object,
    a field that is not a string, unknown fields. A problem never loses the article."""
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as err:
        return {}, [f"not valid JSON ({err}); its metadata is not used"[:300]]
    if not isinstance(data, dict):
        return {}, ["not a JSON object; its metadata is not used"]
    found: dict[str, str] = {}
    problems: list[str] = []
    for name, value in data.items():
        if name not in FIELDS:
            problems.append(f"field '{name}' is not one of {', '.join(FIELDS)}; ignored")
        elif not isinstance(value, str):
            problems.append(f"field '{name}' is {type(value).__name__}, not a string; ignored")
        elif value.strip():
            found[name] = _SURROGATE.sub("\ufffd", value.strip())  # JSON's lone \ud800 escapes: not UTF-8
    return found, problems
